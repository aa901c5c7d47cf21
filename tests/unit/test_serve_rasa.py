"""The serving fixes of scripts/serve_rasa.py keep Rasa's behaviour (each applied for real)."""
import asyncio
import importlib.util
from pathlib import Path

import pytest
from jsonschema import ValidationError

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("serve_rasa", ROOT / "scripts" / "serve_rasa.py")
serve_rasa = importlib.util.module_from_spec(spec)
spec.loader.exec_module(serve_rasa)


@pytest.fixture
def restore():
    """Put back what a fix replaced, so other tests see stock Rasa."""
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.events import Event
    from rasa.utils.endpoints import EndpointConfig

    saved = [(RemoteAction, "_validate_action_result", RemoteAction.__dict__["_validate_action_result"]),
             (Event, "resolve_by_type", Event.__dict__["resolve_by_type"]),
             (EndpointConfig, "session", EndpointConfig.__dict__["session"])]
    yield
    for owner, name, value in saved:
        setattr(owner, name, value)


def test_action_answers_are_still_validated(restore):
    from rasa.core.actions.action import RemoteAction

    serve_rasa.check_action_answers_with_one_validator()
    action = RemoteAction("action_x", None)
    good = {"events": [{"event": "slot", "name": "amount_yuan", "value": 299}],
            "responses": [{"text": "好的"}]}
    assert action._validate_action_result(good) is True
    for bad in ({"events": [{"event": "no_such_event"}]}, {"responses": "text"}, []):
        with pytest.raises(ValidationError, match="Failed to validate Action server response"):
            action._validate_action_result(bad)


def test_events_still_resolve_by_type_name(restore):
    from rasa.shared.core.events import ActionExecuted, Event, SlotSet

    serve_rasa.event_classes_looked_up_once()
    for _ in range(2):  # the second time from memory
        assert Event.resolve_by_type("slot") is SlotSet
        assert Event.resolve_by_type("action") is ActionExecuted
    assert Event.resolve_by_type("nonsense", default=SlotSet) is SlotSet
    with pytest.raises(ValueError):
        Event.resolve_by_type("nonsense")
    assert Event.from_parameters({"event": "slot", "name": "a", "value": 1}) == SlotSet("a", 1)


def test_calls_to_an_endpoint_share_one_open_session_per_loop(restore):
    from rasa.utils.endpoints import EndpointConfig

    serve_rasa.action_calls_keep_connections_open()
    endpoint = EndpointConfig("http://127.0.0.1:9/webhook", headers={"X-A": "1"})

    async def twice():
        async with endpoint.session() as a:
            pass
        async with endpoint.session() as b:
            assert not a.closed  # leaving `async with` does not close it
        assert a is b and a.headers["X-A"] == "1"
        await a.close()
        async with endpoint.session() as c:  # a closed session is replaced
            assert c is not a and not c.closed
        await c.close()
        return a

    first = asyncio.run(twice())
    second = asyncio.run(twice())  # another loop gets its own session
    assert first is not second


def test_the_loaded_agent_is_frozen_out_of_garbage_collection(monkeypatch):
    import gc

    import rasa.core.run

    agent = object()

    async def fake_load(*args, **kwargs):
        return agent

    monkeypatch.setattr(rasa.core.run, "load_agent_on_start", fake_load)
    thresholds = gc.get_threshold()
    try:
        serve_rasa.loaded_objects_left_out_of_garbage_collection()
        assert rasa.core.run.load_agent_on_start is not fake_load
        assert asyncio.run(rasa.core.run.load_agent_on_start("model", None)) is agent
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold()[0] > thresholds[0]
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)


def test_user_text_is_redacted_from_rasas_logs_above_debug(caplog):
    import json
    import logging

    import structlog
    from rasa.utils import log_utils

    saved = log_utils._anonymizer
    try:
        serve_rasa.user_text_kept_out_of_logs()
        log_utils.configure_structlog(logging.INFO)
        assert structlog.get_config()["processors"][0] is serve_rasa.redact_user_content
        caplog.set_level(logging.DEBUG)
        # what Rasa's REST channel logs when a turn fails, and an event with slots
        structlog.get_logger().error("rest.message.received.failure", text="紫色独角兽拖鞋 13912345678")
        structlog.get_logger().info("processor.slots", slot_values={"amount_yuan": 299})
        out = caplog.text
        assert "rest.message.received.failure" in out and "processor.slots" in out
        # JSON logs escape Chinese ("\\u72ec"): look for both spellings
        for value in ("独角兽", "13912345678", "299"):
            assert value not in out and json.dumps(value)[1:-1] not in out
        assert serve_rasa.REDACTED in out
        # a developer's --debug still sees it
        caplog.clear()
        log_utils.configure_structlog(logging.DEBUG)
        structlog.get_logger().debug("processor.message.parse", parse_data_text="紫色独角兽拖鞋")
        assert "独角兽" in caplog.text or json.dumps("独角兽")[1:-1] in caplog.text
    finally:
        log_utils._anonymizer = saved
        log_utils.configure_structlog(logging.WARNING)


def test_the_fixes_refuse_to_run_on_another_rasa_version(monkeypatch):
    import rasa

    serve_rasa.check_rasa_version()  # the pinned version: no complaint
    monkeypatch.setattr(rasa, "__version__", "3.6.22")
    with pytest.raises(SystemExit, match="3.6.21"):
        serve_rasa.check_rasa_version()


def test_action_endpoint_url_from_the_environment_replaces_only_the_url(monkeypatch, tmp_path):
    from rasa.core.utils import AvailableEndpoints

    saved = AvailableEndpoints.__dict__["read_endpoints"]
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text('action_endpoint:\n  url: "http://127.0.0.1:5055/webhook"\n  token: "t0k"\n', "utf-8")
    try:
        serve_rasa.action_endpoint_from_environment()
        monkeypatch.delenv("ACTION_ENDPOINT_URL", raising=False)
        assert AvailableEndpoints.read_endpoints(str(endpoints)).action.url == "http://127.0.0.1:5055/webhook"
        monkeypatch.setenv("ACTION_ENDPOINT_URL", "http://127.0.0.1:6001/webhook")
        action = AvailableEndpoints.read_endpoints(str(endpoints)).action
        assert (action.url, action.token) == ("http://127.0.0.1:6001/webhook", "t0k")
    finally:
        AvailableEndpoints.read_endpoints = saved


def test_graphs_run_in_order_give_the_same_parses_as_dask():
    """The trained model parsing held-out messages with Rasa's dask runner, then with the
    fix: the same intents and rankings (the dialogue graph runs through the same code in
    every end-to-end test)."""
    import yaml
    from rasa.core.agent import Agent
    from rasa.engine.runner.dask import DaskGraphRunner

    model = ROOT / "models" / "dispute-advisor.tar.gz"
    assert model.exists(), "make train first (make test-unit does)"
    texts = [m["text"] for m in yaml.safe_load((ROOT / "tests/nlu/real_service.yml").read_text("utf-8"))["messages"]]
    agent = Agent.load(str(model))

    def parses():
        return [asyncio.run(agent.parse_message(t)) for t in texts[:60]]

    saved = DaskGraphRunner.__dict__["run"]
    try:
        with_dask = parses()
        serve_rasa.graphs_run_in_order_without_dask()
        in_order = parses()
    finally:
        DaskGraphRunner.run = saved
    assert in_order == with_dask


def _answers_to_check():
    """Real events of every type Rasa knows, each alone and broken in several ways."""
    from rasa.shared.core.events import (ActionExecuted, ActiveLoop, AllSlotsReset, BotUttered,
                                         ConversationPaused, ConversationResumed, FollowupAction,
                                         LoopInterrupted, ReminderCancelled, ReminderScheduled,
                                         Restarted, SessionStarted, SlotSet, StoryExported,
                                         UserUttered, UserUtteranceReverted, ActionReverted,
                                         EntitiesAdded, ActionExecutionRejected, AgentUttered)
    from rasa.shared.nlu.constants import INTENT

    events = [ActionExecuted("action_case_step", policy="RulePolicy", confidence=1.0),
              ActiveLoop("a_form"), ActiveLoop(None), AllSlotsReset(), BotUttered("好的", {"buttons": []}),
              ConversationPaused(), ConversationResumed(), FollowupAction("action_listen"),
              LoopInterrupted(True), ReminderCancelled("r"), Restarted(), SessionStarted(),
              SlotSet("amount_yuan", 299.0), SlotSet("evidence_have", ["photos"]), SlotSet("x", None),
              StoryExported(), UserUttered("三百", {INTENT: {"name": "inform", "confidence": 0.9}}),
              UserUtteranceReverted(), ActionReverted(), ActionExecutionRejected("a_form"),
              AgentUttered("hi"), EntitiesAdded([{"entity": "amount", "value": 3, "start": 0, "end": 1}])]
    try:
        import datetime
        events.append(ReminderScheduled("greet", datetime.datetime(2026, 1, 1)))
    except TypeError:
        pass
    good = [e.as_dict() for e in events]
    answers = [{"events": [e]} for e in good] + [{"events": good, "responses": [{"text": "好的"}]}, {}]
    broken = []
    for e in good:
        for key in list(e):
            broken.append({k: v for k, v in e.items() if k != key})         # a field left out
            for wrong in (None, 1, "x", [], {}):
                broken.append({**e, key: wrong})                             # a field of the wrong type
    broken += [{"event": "no_such_event"}, {"event": 3}, {}, "slot", None]
    answers += [{"events": [e]} for e in broken]
    answers += [{"events": "slot"}, {"events": None}, {"responses": "text"}, {"responses": [3]}, [], "x", None]
    return answers


def test_the_quick_check_gives_the_schema_s_verdict_on_every_answer():
    from jsonschema import validators
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    cls = validators.validator_for(schema)
    full = cls(schema)
    quick = serve_rasa.quick_validity_check(schema, cls)
    answers = _answers_to_check()
    verdicts = [(full.is_valid(a), quick(a)) for a in answers]
    assert sum(v for v, _ in verdicts) >= 20 and sum(not v for v, _ in verdicts) >= 100  # both kinds tried
    assert [q for _, q in verdicts] == [v for v, _ in verdicts]


def test_a_bad_answer_still_gets_rasa_s_own_error(restore):
    from jsonschema import exceptions, validators
    from rasa.core.actions.action import RemoteAction

    stock = RemoteAction.__dict__["_validate_action_result"]
    serve_rasa.check_action_answers_with_one_validator()
    schema = RemoteAction.action_response_format_spec()
    full = validators.validator_for(schema)(schema)
    action = RemoteAction("action_x", None)
    for answer in _answers_to_check():
        if full.is_valid(answer):
            assert action._validate_action_result(answer) is True
            assert stock(action, answer) is True
            continue
        with pytest.raises(ValidationError) as ours:
            action._validate_action_result(answer)
        with pytest.raises(ValidationError) as theirs:
            stock(action, answer)
        assert ours.value.message == theirs.value.message
        assert exceptions.best_match(full.iter_errors(answer)).message in ours.value.message


@pytest.mark.parametrize("token", ["-Xk3_token", "plain-token"])
def test_the_api_token_reaches_rasa_whatever_its_first_character(monkeypatch, token):
    # token_urlsafe starts with "-" once in 64: as a separate argument argparse took it
    # for an option and `rasa run` exited ("expected one argument"), failing a CI run
    from rasa.cli.arguments.run import add_server_arguments
    import argparse

    monkeypatch.setenv("RASA_API_TOKEN", token)
    argv = serve_rasa.api_token_from_environment(["--enable-api"])
    parser = argparse.ArgumentParser()
    add_server_arguments(parser)
    assert parser.parse_args(argv).auth_token == token


def test_a_token_given_on_the_command_line_is_left_alone(monkeypatch):
    monkeypatch.setenv("RASA_API_TOKEN", "from-env")
    argv = ["--enable-api", "--auth-token=given"]
    assert serve_rasa.api_token_from_environment(argv) == argv


def _random_states(rng, intents, actions, n):
    """A conversation's states as RulePolicy sees them: a start state, then turns."""
    states = [{}] if rng.random() < 0.5 else []
    for _ in range(n):
        state = {"prev_action": {"action_name": rng.choice(actions)}}
        if rng.random() < 0.8:
            state["user"] = {"intent": rng.choice(intents)}
        if rng.random() < 0.3:
            state["slots"] = {"dispute_type": (1.0,)}
        states.append(state)
    return states


def test_rules_checked_only_as_far_back_as_they_reach_match_the_same_rules():
    """The trained model's own rule keys plus made-up longer ones (with a conversation
    start, slots, loops), against random conversations: the same applicable keys as stock
    RulePolicy, which walks back over every state."""
    import json
    import random
    import tarfile

    from rasa.core.policies.rule_policy import RulePolicy

    model = ROOT / "models" / "dispute-advisor.tar.gz"
    assert model.exists(), "make train first (make test-unit does)"
    with tarfile.open(model) as tar:
        name = next(n for n in tar.getnames() if n.endswith("train_RulePolicy0/rule_policy.json"))
        lookup = json.load(tar.extractfile(name))["lookup"]["rules"]
    keys = [json.loads(k) for k in lookup]
    intents = sorted({s["user"]["intent"] for k in keys for s in k if "user" in s} | {"greet", "inform"})
    actions = sorted({s["prev_action"]["action_name"] for k in keys for s in k if "prev_action" in s})
    rng = random.Random(7)
    for _ in range(40):  # longer rules, some starting the conversation, some with a slot or a loop
        rule = _random_states(rng, intents, actions, rng.randint(1, 5))
        if rng.random() < 0.2:
            rule[-1]["active_loop"] = {"name": "a_form"}
        lookup[json.dumps(rule, sort_keys=True)] = "action_case_step"

    policy = RulePolicy.__new__(RulePolicy)  # _get_possible_keys reads no other state
    stock = RulePolicy.__dict__["_get_possible_keys"]
    cases = [_random_states(rng, intents, actions, rng.randint(0, 30)) for _ in range(300)]
    for key in sorted(lookup):
        # conversations that end in the rule, one with its oldest state changed: that key
        # then fails only at the far end of its reach
        rule = [{part: {name: tuple(v) if isinstance(v, list) else v for name, v in sub.items()}
                 for part, sub in state.items()} for state in json.loads(key)]  # slots as Rasa keeps them
        changed = [dict(state) for state in rule]
        changed[0]["prev_action"] = {"action_name": "no_such_action"}
        for tail in (rule, changed):
            prefix = [] if rule[0] == {} else _random_states(rng, intents, actions, rng.randint(0, 10))
            cases.append(prefix + tail)
    expected = [stock(policy, lookup, states) for states in cases]
    try:
        serve_rasa.rules_checked_only_as_far_back_as_they_reach()
        assert [policy._get_possible_keys(lookup, states) for states in cases] == expected
        assert any(len(e) < len(lookup) for e in expected) and any(e for e in expected)  # both kinds seen
    finally:
        RulePolicy._get_possible_keys = stock
