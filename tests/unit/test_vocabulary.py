"""The knowledge file is the vocabulary: domain.yml, the rules and the training
data must agree with it, so adding a dispute type, a question or a fact touches
the knowledge file plus examples, and a forgotten place fails here."""
from pathlib import Path

import yaml

from advisor.detection import SITUATION_INTENTS
from actions.tracker_facts import CASE_SLOTS
from advisor.knowledge import ATTITUDES, DISPUTE_CODES, PLATFORM_STATUSES, QUESTION_SLOTS, default_knowledge

ROOT = Path(__file__).resolve().parents[2]
K = default_knowledge()
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text("utf-8"))
MIN_EXAMPLES = 10


def _rules():
    rules = []
    for f in (ROOT / "data" / "rules").glob("*.yml"):
        rules += yaml.safe_load(f.read_text("utf-8")).get("rules") or []
    return rules


def _intents_routed_to(action):
    out = set()
    for rule in _rules():
        steps = rule["steps"]
        for i, step in enumerate(steps):
            nxt = [s.get("action") for s in steps[i + 1:] if "action" in s]
            if not nxt or nxt[0] != action:
                continue
            if "intent" in step:
                out.add(step["intent"])
            for alt in step.get("or") or ():
                out.add(alt["intent"])
    return out


def _examples():
    counts = {}
    for f in (ROOT / "data" / "nlu").glob("*.yml"):
        for block in yaml.safe_load(f.read_text("utf-8")).get("nlu") or []:
            if "intent" in block:
                n = sum(1 for line in block["examples"].splitlines() if line.strip().startswith("- "))
                counts[block["intent"]] = counts.get(block["intent"], 0) + n
    return counts


def test_dispute_codes_match_the_knowledge_file_everywhere():
    assert tuple(K.dispute_types) == DISPUTE_CODES
    assert DOMAIN["slots"]["dispute_type"]["values"] == list(DISPUTE_CODES)
    report = {f"report_{c}" for c in DISPUTE_CODES}
    assert report <= set(DOMAIN["intents"])
    assert report <= _intents_routed_to("action_case_step")
    assert {i for i in DOMAIN["intents"] if i.startswith("report_")} == report


def test_every_faq_question_is_an_intent_with_a_rule_and_examples():
    counts = _examples()
    routed = _intents_routed_to("action_case_step")  # it answers the question, then goes on
    for intent in K.faq:
        assert intent in DOMAIN["intents"], intent
        assert intent in routed, intent
        assert counts.get(intent, 0) >= MIN_EXAMPLES, intent
    assert {i for i in DOMAIN["intents"] if i.startswith("ask_")} == set(K.faq)


def test_situations_are_intents_answered_from_the_knowledge_file():
    for intent in SITUATION_INTENTS:
        assert intent in K.situations and intent in DOMAIN["intents"]
        assert intent in _intents_routed_to("action_case_step")


def test_slot_values_match_the_knowledge_file():
    slots = DOMAIN["slots"]
    assert slots["seller_attitude"]["values"] == list(ATTITUDES) == list(K.seller_attitudes)
    assert slots["platform_status"]["values"] == list(PLATFORM_STATUSES)
    assert set(slots["wants"]["values"]) == set(K.case_facts["wants"])
    assert slots["recommendation"]["values"] == list(K.advice["recommendations"])
    for slot in QUESTION_SLOTS:
        assert slot == "evidence_item" or slot in slots, slot
    for slot in CASE_SLOTS:
        assert slot in slots, slot


def test_every_intent_has_examples_and_a_rule():
    counts = _examples()
    routed = set()
    for rule in _rules():
        for step in rule["steps"]:
            routed |= {step["intent"]} if "intent" in step else set()
            routed |= {alt["intent"] for alt in step.get("or") or ()}
    for intent in DOMAIN["intents"]:
        assert counts.get(intent, 0) >= MIN_EXAMPLES, intent
        assert intent in routed, intent


def test_replies_live_in_the_knowledge_file_only():
    assert not DOMAIN.get("responses")  # every reply is said by an action, from the knowledge file
    texts = list(K.situations.values()) + list(K.faq.values())
    assert len(texts) == len(set(texts))
