"""Run the `rasa` command (same arguments) with speed fixes for serving; scripts/run.sh uses it.

Rasa 3.6 checks every action server answer with `jsonschema.validate`, which
first re-checks Rasa's own fixed schema against the JSON Schema metaschema on
every call. Under load py-spy put that at about half of the Rasa server's CPU.
Here the schema is checked once and its validator reused, and a valid answer is
recognised without trying every event against every event type; answers are still
validated exactly as before (same verdict, and a bad one gets the same error and message).

The tracker store's own costs (SQLite's fsync per commit, a connection per
query, the ORM query built twice a turn) are fixed in the tracker-store class that
endpoints.yml names (storage/tracker_store.py), not patched here.

Smaller costs per turn: Rasa opens a new HTTP session and TCP connection for
every call to the action server (2-4 a turn here): one session per loop with
keep-alive is reused instead, and it writes the request (the whole tracker)
with ujson, a Rasa dependency, ~3x faster than the json module. And every event read from the tracker store
looks its class up by walking all Event subclasses: the answer is remembered. RulePolicy
checks its rules against the whole conversation though none reaches back more than two
states: it stops where the longest rule ends (the same rules match).

Tail latency: a full garbage collection walks every object of TensorFlow and
the model, with the event loop stopped meanwhile; after loading they are frozen
out of collection (`gc.freeze`), which took p99 at 10 users from ~490 to ~320 ms.
"""
import sys


def check_action_answers_with_one_validator() -> None:
    from jsonschema import exceptions, validators
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.constants import DOCS_BASE_URL

    schema = RemoteAction.action_response_format_spec()
    cls = validators.validator_for(schema)
    cls.check_schema(schema)  # once, instead of once per answer
    validator = cls(schema)
    valid = quick_validity_check(schema, cls)

    def _validate_action_result(self, result) -> bool:
        if valid(result):
            return True
        # only a bad answer pays for the full check, which finds the error Rasa would report
        error = exceptions.best_match(validator.iter_errors(result))
        if error is None:  # cannot happen while quick_validity_check agrees with the schema
            return True
        error.message += (
            f". Failed to validate Action server response from API, "
            f"make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error

    RemoteAction._validate_action_result = _validate_action_result


def quick_validity_check(schema: dict, cls):
    """The same yes/no as validating `schema`, without its costly part. Each event must
    match exactly one of ~20 `oneOf` sub-schemas, and jsonschema tries all of them for
    every event (py-spy, after the fix above: ~13% of the server's busy time). Every
    sub-schema fixes `event` to its own constant, so at most one can match: the one named
    by the event's `event`. So: the schema without the `oneOf`, then that one sub-schema."""
    import copy

    items = schema["properties"]["events"]["items"]
    by_event = {}
    for sub in items["oneOf"]:
        name = sub["properties"]["event"]["const"]
        if name in by_event:  # two sub-schemas for one event type: the shortcut would be wrong
            raise RuntimeError(f"action answer schema: event {name!r} has two sub-schemas")
        by_event[name] = cls(sub)
    outer = copy.deepcopy(schema)
    del outer["properties"]["events"]["items"]["oneOf"]
    outer_validator = cls(outer)

    def valid(result) -> bool:
        if not outer_validator.is_valid(result):
            return False
        for event in result.get("events") or ():
            sub = by_event.get(event["event"])
            if sub is None or not sub.is_valid(event):
                return False
        return True

    return valid


def graphs_run_in_order_without_dask() -> None:
    """Each parse and each action prediction runs Rasa's model graph through dask's local
    scheduler, which works the task order out again every time (py-spy: dask's own code
    ~5% of the server's CPU). The graph is fixed once loaded: its order is worked out once
    per set of targets and the nodes are called in it, with the same inputs and outputs."""
    from graphlib import TopologicalSorter

    from rasa.engine.exceptions import GraphRunError
    from rasa.engine.runner.dask import DaskGraphRunner

    def run(self, inputs=None, targets=None):
        run_targets = targets if targets else self._graph_schema.target_names
        plans = self.__dict__.setdefault("_plans", {})
        key = tuple(run_targets)
        if key not in plans:
            schema = self._graph_schema.minimal_graph_schema(run_targets)
            needs = {name: list(node.needs.values()) for name, node in schema.nodes.items()}
            order = [n for n in TopologicalSorter(needs).static_order() if n in needs]
            plans[key] = [(n, needs[n]) for n in order]
        results = {name: (name, value) for name, value in (inputs or {}).items()}
        try:
            for name, needed in plans[key]:
                results[name] = self._instantiated_nodes[name](*[results[n] for n in needed])
        except RuntimeError as e:
            raise GraphRunError("Error running runner.") from e
        return dict(results[t] for t in run_targets)

    DaskGraphRunner.run = run


def action_calls_keep_connections_open() -> None:
    import asyncio

    import aiohttp
    import ujson
    from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, EndpointConfig

    sessions = {}  # (headers, auth, loop) -> ClientSession; a session belongs to one loop

    class _Borrowed:
        """`async with` gives the shared session and leaves it open."""

        def __init__(self, session):
            self._session = session

        async def __aenter__(self):
            return self._session

        async def __aexit__(self, *exc):
            return None

    def session(self):
        loop = asyncio.get_running_loop()
        key = (repr(self.headers), repr(self.basic_auth), loop)
        shared = sessions.get(key)
        if shared is None or shared.closed:
            auth = (aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"])
                    if self.basic_auth else None)
            # idle connections close before the action server's 5 s keep-alive ends them
            shared = aiohttp.ClientSession(
                headers=self.headers, auth=auth,
                timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
                connector=aiohttp.TCPConnector(keepalive_timeout=2),
                json_serialize=ujson.dumps)
            sessions[key] = shared
        return _Borrowed(shared)

    EndpointConfig.session = session


def rules_checked_only_as_far_back_as_they_reach() -> None:
    """RulePolicy walks back over every state of the conversation, checking every rule key
    against each, though a rule key is applicable at every turn further back than its own
    length (`_is_rule_applicable` returns True there without looking). The walk stops at the
    longest rule: the same keys, with 88 rules of at most 2 states here. py-spy at 10 users
    put the walk at ~6% of the Rasa server's busy time, growing with the conversation."""
    from rasa.core.policies.rule_policy import RulePolicy

    def _get_possible_keys(self, lookup, states):
        possible_keys = set(lookup.keys())
        reach = max((len(self._rule_key_to_state(k)) for k in possible_keys), default=0)
        for i, state in enumerate(reversed(states)):
            if i >= reach:
                break  # from here back every key is applicable: the filter would keep them all
            possible_keys = {k for k in possible_keys if self._is_rule_applicable(k, i, state)}
        return possible_keys

    RulePolicy._get_possible_keys = _get_possible_keys


def event_classes_looked_up_once() -> None:
    from rasa.shared.core.events import Event

    original = Event.resolve_by_type
    found = {}

    def resolve_by_type(type_name, default=None):
        cls = found.get(type_name)
        if cls is None:
            cls = original(type_name, default)
            if cls is not None and cls is not default:
                found[type_name] = cls
        return cls

    Event.resolve_by_type = staticmethod(resolve_by_type)


def loaded_objects_left_out_of_garbage_collection() -> None:
    import functools
    import gc

    import rasa.core.run

    original = rasa.core.run.load_agent_on_start

    @functools.wraps(original)
    async def load_agent_on_start(*args, **kwargs):
        agent = await original(*args, **kwargs)
        gc.collect()
        gc.freeze()  # the model's objects live as long as the server: stop re-scanning them
        # a turn allocates ~10^5 objects: collect the young ones in fewer, larger passes
        gc.set_threshold(50_000, 20, 20)
        return agent

    rasa.core.run.load_agent_on_start = load_agent_on_start


# Keys of Rasa's structured log events that hold what a user typed or what was said
# back (rasa.utils.log_utils lists the same for its anonymisation plug-in).
USER_CONTENT_KEYS = frozenset({
    "text", "response_text", "user_text", "slot_values", "parse_data_text", "parse_data_entities",
    "prediction_events", "tracker_latest_message", "prefilled_slots", "message", "response",
    "slot_candidates", "rasa_event", "rasa_events", "tracker_states", "current_states", "old_states",
    "successes", "current_entity", "next_entity", "states", "entity", "token_text", "user_message",
    "json_message",
})
REDACTED = "[redacted]"


def redact_user_content(_logger, method: str, event_dict: dict) -> dict:
    """A structlog processor: above debug, what the user typed is replaced by REDACTED."""
    if method != "debug":
        for key in USER_CONTENT_KEYS.intersection(event_dict):
            event_dict[key] = REDACTED
    return event_dict


def user_text_kept_out_of_logs() -> None:
    """PIPL: logs at INFO and above carry no message text, slots or entities.

    Rasa's REST channel logs a message's text at ERROR when its turn fails or times
    out, and other events carry slots and entities. Rasa's structlog pipeline starts
    with an anonymisation hook (a Rasa Plus plug-in, a no-op here); this processor
    takes its place. `--debug` still shows everything, for a developer's own machine.
    """
    from rasa.utils import log_utils

    log_utils._anonymizer = redact_user_content


def api_token_from_environment(argv: list) -> list:
    """`--enable-api` only with a token: `--auth-token` from RASA_API_TOKEN.

    Read from the environment so the token is not on the command line, where
    `ps` shows it to every local user. Without a token the HTTP API (tracker,
    events, model, parse) would answer anyone, so the server is not started.
    """
    import os

    if "--enable-api" not in argv or any(a.split("=")[0] in ("--auth-token", "-t", "--jwt-secret") for a in argv):
        return argv
    token = os.environ.get("RASA_API_TOKEN", "").strip()
    if not token:
        sys.exit("serve_rasa.py: --enable-api needs RASA_API_TOKEN (or --auth-token / --jwt-secret); "
                 "`make run` generates one into .run/api-token")
    # one argument with "=": a token that starts with "-" (token_urlsafe gives one in 64)
    # would otherwise be read by argparse as an option, and the server would not start
    return argv + [f"--auth-token={token}"]


def action_endpoint_from_environment() -> None:
    """ACTION_ENDPOINT_URL, when set, is the action server's URL instead of endpoints.yml's.

    One endpoints.yml for every way of starting: the launcher gives each Rasa instance
    its own action server this way (Rasa's ${VAR} in endpoints.yml has no default, so
    a plain `rasa shell` would fail without the variable).
    """
    import copy
    import os

    from rasa.core.utils import AvailableEndpoints
    from rasa.utils.endpoints import EndpointConfig

    original = AvailableEndpoints.read_endpoints.__func__

    def read_endpoints(cls, endpoint_file):
        endpoints = original(cls, endpoint_file)
        url = os.environ.get("ACTION_ENDPOINT_URL", "").strip()
        if url:
            action = copy.copy(endpoints.action) if endpoints.action else EndpointConfig()
            action.url = url  # headers, token and the rest stay as endpoints.yml sets them
            endpoints.action = action
        return endpoints

    AvailableEndpoints.read_endpoints = classmethod(read_endpoints)


RASA_VERSION = "3.6.21"  # the version every fix below was written and tested against


def check_rasa_version() -> None:
    """The fixes replace Rasa internals: on any other version they could break silently."""
    import rasa

    if rasa.__version__ != RASA_VERSION:
        sys.exit(f"serve_rasa.py: its fixes are for Rasa {RASA_VERSION}, this is Rasa {rasa.__version__}; "
                 "check each fix against the new version (tests/unit/test_serve_rasa.py) before changing RASA_VERSION")


def main() -> None:
    check_rasa_version()
    sys.argv = api_token_from_environment(sys.argv)
    user_text_kept_out_of_logs()
    action_endpoint_from_environment()
    check_action_answers_with_one_validator()
    graphs_run_in_order_without_dask()
    action_calls_keep_connections_open()
    rules_checked_only_as_far_back_as_they_reach()
    event_classes_looked_up_once()
    loaded_objects_left_out_of_garbage_collection()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
