"""Every custom action, run on real rasa_sdk Trackers and CollectingDispatchers."""
import pytest

from actions.dialogue import (
    ActionAcknowledgeDispute,
    ActionAnswerQuestion,
    ActionGiveAdvice,
    ActionNoteFacts,
    ActionSwitchDisputeType,
)
from actions.forms import (
    ActionAskDisputeType,
    ActionAskEvidenceItem,
    ValidateCaseForm,
    ValidateEvidenceForm,
)
from actions.knowledge_base import KNOWLEDGE
from actions.slot_extraction import ValidateSlotMappings
from unit.action_helpers import make_tracker, run, slot_events


def ent(entity, value):
    return {"entity": entity, "value": value, "start": 0, "end": 1}


# -------------------------------------------------- action_validate_slot_mappings

def test_first_description_sets_type_and_validates_facts():
    t = make_tracker(
        "买的连衣裙和图片颜色差太多了，花了299",
        "report_color_difference",
        0.9,
        entities=[ent("amount", 299.0)],
        events_this_turn=[{"event": "slot", "name": "amount_yuan", "value": 299.0}],
    )
    msgs, events = run(ValidateSlotMappings(), t)
    slots = slot_events(events)
    assert slots["dispute_type"] == "color_difference"
    assert slots["amount_yuan"] == 299.0
    assert msgs == []


def test_greeting_leaves_type_unset():
    _, events = run(ValidateSlotMappings(), make_tracker("你好", "greet", 0.99))
    assert "dispute_type" not in slot_events(events)


def test_fallback_keeps_best_guess_from_ranking():
    t = make_tracker(
        "这个东西颜色怪怪的",
        "nlu_fallback",
        0.5,
        ranking=[
            {"name": "nlu_fallback", "confidence": 0.5},
            {"name": "report_color_difference", "confidence": 0.42},
        ],
    )
    _, events = run(ValidateSlotMappings(), t)
    assert slot_events(events)["dispute_type"] == "color_difference"


def test_correction_switches_type():
    t = make_tracker(
        "不是色差，是尺码", "correct_dispute_type", 0.9,
        entities=[ent("dispute_type", "size")], slots={"dispute_type": "color_difference"},
    )
    _, events = run(ValidateSlotMappings(), t)
    assert slot_events(events)["dispute_type"] == "size"


@pytest.mark.parametrize(
    "slot, value, words",
    [("amount_yuan", -5.0, "负数"), ("amount_yuan", 5e9, "金额"), ("days_since_receipt", 300, "300天")],
)
def test_nonsense_values_are_rejected_with_a_message(slot, value, words):
    t = make_tracker("x", "inform", events_this_turn=[{"event": "slot", "name": slot, "value": value}])
    msgs, events = run(ValidateSlotMappings(), t)
    assert slot_events(events)[slot] is None
    assert words in msgs[0]["text"]


def test_evidence_mentions_are_merged():
    t = make_tracker(
        "聊天记录都截图了", "inform",
        entities=[ent("evidence", "chat_records")], slots={"evidence_have": ["order_info"]},
    )
    _, events = run(ValidateSlotMappings(), t)
    assert slot_events(events)["evidence_have"] == ["order_info", "chat_records"]


# ----------------------------------------------------------------- case form

def test_case_form_asks_rounds_and_ruling_only_when_needed():
    form = ValidateCaseForm()
    import asyncio

    def required(slots):
        return asyncio.run(form.required_slots([], None, make_tracker(slots=slots), {}))

    assert required({"seller_attitude": "not_contacted"}) == ["dispute_type", "amount_yuan", "seller_attitude"]
    assert required({"seller_attitude": "cooperative"})[-1] == "negotiation_rounds"
    assert required({"seller_attitude": "refuses"})[-1] == "ruling_ignored"


def test_case_form_reads_a_bare_amount_only_when_asked():
    asked = make_tracker("两百九十九", "inform", slots={"requested_slot": "amount_yuan"}, active_loop="case_form")
    assert ValidateCaseForm().extract_amount_yuan(None, asked, {}) == {"amount_yuan": 299}
    not_asked = make_tracker("两百九十九", "inform", slots={"requested_slot": "seller_attitude"})
    assert ValidateCaseForm().extract_amount_yuan(None, not_asked, {}) == {}
    declined = make_tracker("不想说", "deny", slots={"requested_slot": "amount_yuan"})
    assert ValidateCaseForm().extract_amount_yuan(None, declined, {}) == {"amount_yuan": 0.0}


def test_not_contacted_means_zero_rounds():
    out = ValidateCaseForm().validate_seller_attitude("not_contacted", None, make_tracker(), {})
    assert out == {"seller_attitude": "not_contacted", "negotiation_rounds": 0}


# ------------------------------------------------------------- evidence walk

def test_evidence_answers_fill_have_and_missing_in_order():
    form = ValidateEvidenceForm()
    ids = KNOWLEDGE.dispute_types["color_difference"].evidence
    t = make_tracker(slots={"dispute_type": "color_difference"})
    out = form.validate_evidence_item("have", None, t, {})
    assert out == {"evidence_have": [ids[0]], "evidence_missing": [], "evidence_item": None}
    t = make_tracker(slots={"dispute_type": "color_difference", "evidence_have": [ids[0]]})
    out = form.validate_evidence_item("missing", None, t, {})
    assert out["evidence_missing"] == [ids[1]]


def test_ask_evidence_item_explains_the_next_item():
    t = make_tracker(slots={"dispute_type": "color_difference", "evidence_have": ["daylight_comparison_photos"]})
    msgs, _ = run(ActionAskEvidenceItem(), t)
    assert "商品页截图" in msgs[0]["text"] and "2/3" in msgs[0]["text"]
    assert [b["payload"] for b in msgs[0]["buttons"]][:2] == ["/affirm", "/deny"]


def test_ask_dispute_type_offers_all_eight():
    msgs, _ = run(ActionAskDisputeType(), make_tracker())
    assert len(msgs[0]["buttons"]) == 8
    assert '"dispute_type": "false_advertising"' in msgs[0]["buttons"][-1]["payload"]


# ----------------------------------------------------------------- dialogue

def test_acknowledge_names_type_and_known_facts():
    t = make_tracker("…", "report_color_difference",
                     slots={"dispute_type": "color_difference", "amount_yuan": 299.0,
                            "seller_attitude": "shifts_blame"},
                     events_this_turn=[{"event": "slot", "name": "dispute_type", "value": "color_difference"}])
    msgs, _ = run(ActionAcknowledgeDispute(), t)
    assert "色差" in msgs[0]["text"] and "299元" in msgs[0]["text"] and "推卸责任" in msgs[0]["text"]
    assert msgs[0]["buttons"][0]["payload"] == "/affirm"


def test_acknowledge_facts_without_type_notes_them_and_offers_the_list():
    t = make_tracker("花了299", "inform", slots={"amount_yuan": 299.0},
                     events_this_turn=[{"event": "slot", "name": "amount_yuan", "value": 299.0}])
    msgs, _ = run(ActionAcknowledgeDispute(), t)
    assert msgs[0]["text"].startswith("记下了：金额299元。") and len(msgs[0]["buttons"]) == 8


def test_acknowledge_new_facts_on_a_known_case_offers_fresh_advice():
    t = make_tracker("卖家又拒绝了", "inform", slots={"dispute_type": "size", "seller_attitude": "refuses"},
                     events_this_turn=[{"event": "slot", "name": "seller_attitude", "value": "refuses"}])
    msgs, _ = run(ActionAcknowledgeDispute(), t)
    assert "拒绝处理" in msgs[0]["text"] and "重新看一下建议" in msgs[0]["text"]


def test_unclear_message_on_a_known_case_gets_the_default_answer():
    t = make_tracker("嗯嗯啊", "nlu_fallback", 0.2, slots={"dispute_type": "size"})
    msgs, _ = run(ActionAcknowledgeDispute(), t)
    assert msgs[0]["response"] == "utter_default"


def test_acknowledge_without_type_offers_the_list():
    msgs, _ = run(ActionAcknowledgeDispute(), make_tracker("啊啊啊", "nlu_fallback", 0.2))
    assert "没太明白" in msgs[0]["text"] and len(msgs[0]["buttons"]) == 8


def test_switch_after_deny_clears_the_type():
    t = make_tracker("不是", "deny", slots={"dispute_type": "size", "recommendation": "negotiate"})
    msgs, events = run(ActionSwitchDisputeType(), t)
    assert slot_events(events) == {"recommendation": None, "dispute_type": None}


def test_switch_after_correction_names_new_type():
    t = make_tracker("不是色差，是尺码", "correct_dispute_type", slots={"dispute_type": "size"})
    msgs, _ = run(ActionSwitchDisputeType(), t)
    assert "尺码不符" in msgs[0]["text"]


def test_advice_gives_checklist_recommendation_and_reasons():
    t = make_tracker(slots={
        "dispute_type": "fraud", "amount_yuan": 12000.0, "seller_attitude": "ignores",
        "negotiation_rounds": 3.0, "evidence_have": ["chat_records", "payment_records"],
        "evidence_missing": ["authenticity_check", "logistics_records"],
    })
    msgs, events = run(ActionGiveAdvice(), t)
    assert slot_events(events) == {"recommendation": "external"}
    texts = "\n".join(m["text"] for m in msgs)
    assert "✅ 已有：和卖家的聊天记录" in texts and "⬜ 还缺：真伪对比或品牌鉴定" in texts
    assert "12315" in texts and "12000元" in texts


@pytest.mark.parametrize("intent", sorted(KNOWLEDGE.faq))
def test_every_question_has_an_answer(intent):
    msgs, _ = run(ActionAnswerQuestion(), make_tracker("?", intent))
    assert msgs[0]["text"] == KNOWLEDGE.faq[intent]


def test_note_facts_repeats_what_was_understood():
    t = make_tracker("花了299", "inform", events_this_turn=[{"event": "slot", "name": "amount_yuan", "value": 299.0}])
    msgs, _ = run(ActionNoteFacts(), t)
    assert msgs[0]["text"] == "记下了：金额299元。"
    msgs, _ = run(ActionNoteFacts(), make_tracker("嗯？", "nlu_fallback", 0.1))
    assert "没太明白" in msgs[0]["text"]


def test_start_over_closes_the_form_and_forgets_the_case():
    from actions.dialogue import ActionStartOver

    t = make_tracker("重新开始", "start_over", slots={"dispute_type": "size"}, active_loop="case_form")
    msgs, events = run(ActionStartOver(), t)
    assert msgs[0]["response"] == "utter_restart"
    assert [e["event"] for e in events] == ["active_loop", "reset_slots"]
    assert events[0]["name"] is None


def test_case_questions_offer_buttons_with_entity_payloads():
    from actions.forms import ActionAskNegotiationRounds, ActionAskSellerAttitude

    msgs, _ = run(ActionAskSellerAttitude(), make_tracker())
    payloads = [b["payload"] for b in msgs[0]["buttons"]]
    assert '/inform{"seller_attitude": "not_contacted"}' in payloads and len(payloads) == 5
    msgs, _ = run(ActionAskNegotiationRounds(), make_tracker())
    assert msgs[0]["buttons"][-1]["payload"] == '/inform{"negotiation_rounds": 3}'


def test_punctuation_or_emoji_alone_sets_no_type():
    for text in ("？？？", "😡😡😡", ""):
        t = make_tracker(text, "report_logistics", 0.35)
        _, events = run(ValidateSlotMappings(), t)
        assert "dispute_type" not in slot_events(events), text


def test_help_lists_every_dispute_type_from_the_knowledge_file():
    from actions.dialogue import ActionHelp

    msgs, _ = run(ActionHelp(), make_tracker("你能做什么", "help"))
    for t in KNOWLEDGE.dispute_types.values():
        assert t.name in msgs[0]["text"]
