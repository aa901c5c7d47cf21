"""The custom actions, run on real rasa_sdk Trackers and CollectingDispatchers."""
import uuid

import pytest

from actions.case_step import ActionCaseStep
from actions.dialogue import ActionStartOver
from actions.knowledge_base import KNOWLEDGE
from unit.action_helpers import AnswerQuestion, ReadFacts, make_tracker, run, slot_events


def ent(entity, value):
    return {"entity": entity, "value": value, "start": 0, "end": 1}


def slot_turn(**slots):
    """Events of a turn in which the fact reader set these slots."""
    return [{"event": "slot", "name": k, "value": v} for k, v in slots.items()]


# ------------------------------------------------------------ the fact reader

def test_first_description_sets_type_and_facts():
    t = make_tracker("买的连衣裙和图片颜色差太多了，花了299，卖家说是光线问题", "report_color_difference", 0.9)
    msgs, events = run(ReadFacts(), t)
    slots = slot_events(events)
    assert slots["dispute_type"] == "color_difference"
    assert slots["amount_yuan"] == 299.0
    assert slots["seller_attitude"] == "shifts_blame"
    assert msgs == []


def test_greeting_leaves_type_unset():
    _, events = run(ReadFacts(), make_tracker("你好", "greet", 0.99))
    assert "dispute_type" not in slot_events(events)


def test_presale_question_naming_a_colour_sets_no_type():
    _, events = run(ReadFacts(), make_tracker("这个有色差吗，想买", "presale_question", 0.9))
    assert "dispute_type" not in slot_events(events)


def test_fallback_keeps_best_guess_from_ranking():
    t = make_tracker(
        "这个东西颜色怪怪的", "nlu_fallback", 0.5,
        ranking=[{"name": "nlu_fallback", "confidence": 0.5}, {"name": "report_color_difference", "confidence": 0.42}],
    )
    _, events = run(ReadFacts(), t)
    assert slot_events(events)["dispute_type"] == "color_difference"


@pytest.mark.parametrize("intent", ["correct_dispute_type", "report_size", "inform"])
def test_correction_switches_type_whatever_the_intent(intent):
    t = make_tracker("不是色差，是尺码", intent, 0.9, slots={"dispute_type": "color_difference"})
    _, events = run(ReadFacts(), t)
    assert slot_events(events)["dispute_type"] == "size"


def test_correction_payload_from_an_integrator_still_works():
    t = make_tracker('/correct_dispute_type{"dispute_type": "size"}', "correct_dispute_type", 1.0,
                     entities=[ent("dispute_type", "size")], slots={"dispute_type": "color_difference"})
    assert slot_events(run(ReadFacts(), t)[1])["dispute_type"] == "size"


def test_a_later_detail_does_not_relabel_the_case():
    t = make_tracker("卖家还不给退", "report_refund_refused", 0.9, slots={"dispute_type": "color_difference"})
    slots = slot_events(run(ReadFacts(), t)[1])
    assert "dispute_type" not in slots and slots["seller_attitude"] == "refuses"


@pytest.mark.parametrize("text, words", [("花了-5元", "负数"), ("收到300天了", "300天")])
def test_nonsense_values_are_refused_with_a_message(text, words):
    msgs, events = run(ReadFacts(), make_tracker(text, "inform", 0.9))
    assert words in msgs[0]["text"]
    assert not {"amount_yuan", "days_since_receipt"} & set(slot_events(events))


def test_bare_amount_counts_only_as_the_answer_to_the_amount_question():
    asked = make_tracker("八百来块吧", "inform", 0.9, slots={"dispute_type": "size", "requested_slot": "amount_yuan"})
    assert slot_events(run(ReadFacts(), asked)[1])["amount_yuan"] == 800
    other = make_tracker("299", "inform", 0.9, slots={"dispute_type": "size", "requested_slot": "seller_attitude"})
    assert "amount_yuan" not in slot_events(run(ReadFacts(), other)[1])


def test_evidence_answer_fills_have_and_missing():
    t = make_tracker(
        "截图都在，视频忘录了", "inform", 0.9,
        slots={"dispute_type": "quality", "amount_yuan": 80.0, "requested_slot": "evidence_item",
               "seller_attitude": "not_contacted", "negotiation_rounds": 0},
    )
    slots = slot_events(run(ReadFacts(), t)[1])
    assert set(slots["evidence_have"]) == {"order_info", "chat_records"}
    assert set(slots["evidence_missing"]) == {"defect_photos", "defect_video"}


def test_platform_status_sets_ruling_ignored_exactly_when_ruled_for_buyer():
    t = make_tracker("平台判了退款，卖家拖着不退", "inform", 0.9, slots={"dispute_type": "quality"})
    slots = slot_events(run(ReadFacts(), t)[1])
    assert slots["platform_status"] == "ruled_for_buyer_not_honoured" and slots["ruling_ignored"] is True
    t = make_tracker("还没申请", "deny", 0.9, slots={"dispute_type": "quality", "requested_slot": "platform_status"})
    slots = slot_events(run(ReadFacts(), t)[1])
    assert slots["platform_status"] == "not_applied" and slots["ruling_ignored"] is False


# ------------------------------------------------------------ the case step

def test_a_new_type_is_named_with_the_facts_and_the_next_question_follows():
    t = make_tracker("买的裙子颜色和图片差太多，花了299", "report_color_difference",
                     slots={"dispute_type": "color_difference", "amount_yuan": 299.0},
                     events_this_turn=slot_turn(dispute_type="color_difference", amount_yuan=299.0))
    msgs, events = run(ActionCaseStep(), t)
    assert len(msgs) == 1
    assert "「色差」" in msgs[0]["text"] and "299元" in msgs[0]["text"]
    assert "卖家怎么说" in msgs[0]["text"]
    slots = slot_events(events)
    assert slots["requested_slot"] == "seller_attitude" and slots["asked"] == ["seller_attitude"]


def test_an_unreadable_answer_gets_the_question_in_other_words_then_moves_on():
    base = {"dispute_type": "size", "amount_yuan": 99.0, "requested_slot": "seller_attitude",
            "asked": ["seller_attitude"]}
    msgs, events = run(ActionCaseStep(), make_tracker("嗯嗯那个", "nlu_fallback", 0.3, slots=base))
    first = KNOWLEDGE.questions["seller_attitude"].ask[0]
    assert first not in msgs[0]["text"] and KNOWLEDGE.questions["seller_attitude"].ask[1] in msgs[0]["text"]
    again = dict(base, asked=["seller_attitude", "seller_attitude"])
    msgs, events = run(ActionCaseStep(), make_tracker("嗯嗯那个", "nlu_fallback", 0.3, slots=again))
    assert KNOWLEDGE.questions["seller_attitude"].ask[2] in msgs[0]["text"]
    third = dict(base, asked=["seller_attitude"] * 3)
    msgs, events = run(ActionCaseStep(), make_tracker("嗯嗯那个", "nlu_fallback", 0.3, slots=third))
    assert slot_events(events)["requested_slot"] == "evidence_item"


def test_a_refused_value_is_not_followed_by_a_second_question():
    slots = {"dispute_type": "size", "requested_slot": "amount_yuan", "asked": ["amount_yuan"]}
    msgs, events = run(ActionCaseStep(), make_tracker("花了-5元", "inform", slots=slots))
    # the fact reader's own "金额好像不对…" (with the question again) is all that is said
    assert len(msgs) == 1 and "负数" in msgs[0]["text"] and without_case_id(events) == []


def test_all_facts_known_gives_checklist_and_advice():
    slots = {"dispute_type": "color_difference", "amount_yuan": 299.0, "seller_attitude": "refuses",
             "negotiation_rounds": 2.0, "platform_status": "not_applied",
             "evidence_have": ["daylight_comparison_photos"], "evidence_missing": ["listing_screenshot", "chat_records"]}
    msgs, events = run(ActionCaseStep(), make_tracker("还没申请", "deny", slots=slots,
                                                      events_this_turn=slot_turn(platform_status="not_applied")))
    text = "\n".join(m["text"] for m in msgs)
    assert "✅ 已有：自然光下的实物对比照" in text and "⬜ 还缺：商品页截图" in text
    assert "申请平台客服介入" in text and "2次" in text
    assert slot_events(events)["recommendation"] == "intervene"
    assert slot_events(events)["requested_slot"] is None


def test_a_new_fact_after_the_advice_recomputes_it_and_says_what_changed():
    done = {"dispute_type": "quality", "amount_yuan": 80.0, "seller_attitude": "not_contacted",
            "negotiation_rounds": 0.0, "evidence_have": ["defect_photos", "defect_video", "order_info", "chat_records"]}
    msgs, events = run(ActionCaseStep(), make_tracker("好的", "affirm", slots=done))
    assert slot_events(events)["recommendation"] == "negotiate"
    basis = slot_events(events)["advice_basis"]
    later = dict(done, seller_attitude="refuses", negotiation_rounds=3.0, recommendation="negotiate",
                 advice_basis=basis, platform_status="not_applied")
    msgs, events = run(ActionCaseStep(), make_tracker(
        "卖家又拒绝了，前后找了他三次", "inform", slots=later,
        events_this_turn=slot_turn(seller_attitude="refuses", negotiation_rounds=3.0)))
    text = "\n".join(m["text"] for m in msgs)
    assert "改为「申请平台客服介入」" in text
    assert slot_events(events)["recommendation"] == "intervene"
    # the same facts again: one line, no repeated advice
    same = dict(later, advice_basis=slot_events(events)["advice_basis"], recommendation="intervene")
    msgs, _ = run(ActionCaseStep(), make_tracker("嗯", "affirm", slots=same))
    assert len(msgs) == 1 and "不影响之前的建议" in msgs[0]["text"]


@pytest.mark.parametrize("intent, words", [
    ("presale_question", "商品详情页"), ("no_claim", "没有需要"), ("dislike_return", "7天无理由"),
    ("out_of_scope", "帮不上忙"),
])
def test_messages_that_are_no_dispute_get_a_short_useful_answer(intent, words):
    msgs, events = run(ActionCaseStep(), make_tracker("随便一句话", intent, 0.9))
    assert words in msgs[0]["text"]
    assert "recommendation" not in slot_events(events)


def test_english_only_gets_an_answer_in_both_languages():
    msgs, _ = run(ActionCaseStep(), make_tracker("hello, can you help me with my order?", "nlu_fallback", 0.2))
    assert "Chinese" in msgs[0]["text"] and "中文" in msgs[0]["text"]


def test_facts_without_a_type_are_noted_and_the_type_asked():
    t = make_tracker("花了500，卖家不理我", "inform", slots={"amount_yuan": 500.0, "seller_attitude": "ignores"},
                     events_this_turn=slot_turn(amount_yuan=500.0, seller_attitude="ignores"))
    msgs, events = run(ActionCaseStep(), t)
    assert "记下了" in msgs[0]["text"] and "500元" in msgs[0]["text"]
    assert slot_events(events)["requested_slot"] == "dispute_type"
    assert len(msgs[0]["buttons"]) == 8


# ------------------------------------------------------------ other actions

@pytest.mark.parametrize("intent", sorted(KNOWLEDGE.faq))
def test_every_question_has_an_answer(intent):
    topic = KNOWLEDGE.faq_topics.get(intent, ("",))[0]  # (a question with a topic names it)
    msgs, _ = run(AnswerQuestion(), make_tracker(f"{topic}?", intent))
    assert msgs[0]["text"] == KNOWLEDGE.faq[intent]


def test_the_scam_question_needs_its_topic_unless_a_case_is_open():
    rant = "淘宝现在这规矩谁定的啊 差评写了也给你折叠起来 我这单东西倒没啥毛病 就是看不惯这规矩"
    msgs, _ = run(AnswerQuestion(), make_tracker(rant, "ask_off_platform_scam", 0.96))
    assert msgs == []
    msgs, _ = run(AnswerQuestion(), make_tracker("对方让我转钱到安全账户 这正常吗", "ask_off_platform_scam", 0.96))
    assert msgs[0]["text"] == KNOWLEDGE.faq["ask_off_platform_scam"]
    follow_up = make_tracker("那我现在该先做啥", "ask_off_platform_scam", 0.96, slots={"dispute_type": "fraud"})
    msgs, _ = run(AnswerQuestion(), follow_up)
    assert msgs[0]["text"] == KNOWLEDGE.faq["ask_off_platform_scam"]


def test_start_over_forgets_the_case():
    msgs, events = run(ActionStartOver(), make_tracker("重新开始", "start_over", slots={"dispute_type": "size"}))
    assert events == [{"event": "reset_slots", "timestamp": None}]
    assert "从头开始" in msgs[0]["text"]


def test_start_over_without_its_words_is_an_answer():
    # "就刚才那一次" (start_over at 0.71: "刚才说的不算", "再来一次") answers how often the seller was asked
    slots = {"dispute_type": "color_difference", "amount_yuan": 159.0, "seller_attitude": "cooperative",
             "requested_slot": "negotiation_rounds", "asked": ["negotiation_rounds"]}
    msgs, events = run(ActionStartOver(), make_tracker("就刚才那一次", "start_over", 0.71, slots=slots))
    assert {"event": "reset_slots", "timestamp": None} not in events
    assert {"event": "slot", "timestamp": None, "name": "negotiation_rounds", "value": 1} in events
    assert "从头开始" not in " ".join(m["text"] or "" for m in msgs)


def test_help_lists_every_dispute_type_from_the_knowledge_file():
    msgs, _ = run(ActionCaseStep(), make_tracker("你能做什么", "help"))
    for t in KNOWLEDGE.dispute_types.values():
        assert t.name in msgs[0]["text"]


def test_an_unsure_question_intent_while_asking_is_read_as_an_answer():
    slots = {"dispute_type": "size", "requested_slot": "seller_attitude", "asked": ["seller_attitude"],
             "amount_yuan": 50.0}
    msgs, _ = run(AnswerQuestion(), make_tracker("啊这", "ask_photo_tips", 0.41, slots=slots))
    assert msgs == []
    msgs, events = run(ActionCaseStep(), make_tracker("啊这", "ask_photo_tips", 0.41, slots=slots))
    assert KNOWLEDGE.questions["seller_attitude"].ask[1] in msgs[0]["text"]  # unreadable: asked in other words


def test_dont_know_skips_the_question_says_so_and_asks_the_next():
    slots = {"dispute_type": "size", "requested_slot": "seller_attitude", "asked": ["seller_attitude"],
             "amount_yuan": 50.0}
    _, events = run(ReadFacts(), make_tracker("不太清楚", "deny", 0.7, slots=slots))
    read = slot_events(events)
    assert read == {"declined": ["seller_attitude"]}  # not "not contacted"
    t = make_tracker("不太清楚", "deny", 0.7, slots={**slots, **read}, events_this_turn=slot_turn(**read))
    msgs, events = run(ActionCaseStep(), t)
    assert KNOWLEDGE.phrases["declined"] in msgs[0]["text"]
    assert KNOWLEDGE.questions["negotiation_rounds"].ask[0] in msgs[0]["text"]
    assert slot_events(events)["requested_slot"] == "negotiation_rounds"


def test_a_sure_question_while_asking_is_answered_then_the_question_is_put_again_in_other_words():
    slots = {"dispute_type": "size", "amount_yuan": 99.0, "requested_slot": "seller_attitude",
             "asked": ["seller_attitude"]}
    msgs, events = run(ActionCaseStep(), make_tracker("介入要多久", "ask_duration", 0.9, slots=slots))
    assert msgs[0]["text"] == KNOWLEDGE.faq["ask_duration"]
    assert KNOWLEDGE.questions["seller_attitude"].ask[1] in msgs[1]["text"]
    assert slot_events(events)["asked"] == ["seller_attitude", "seller_attitude"]


def test_an_answer_that_names_a_faq_topic_in_passing_gets_no_aside():
    # dev38: "就只是申请了仅退款被拒了" answers the platform question; it asks nothing about 仅退款
    slots = {"dispute_type": "refund_refused", "amount_yuan": 328.0, "requested_slot": "platform_status",
             "asked": ["platform_status"]}
    t = make_tracker("平台介入还没点 就只是申请了仅退款被拒了", "ask_refund_only", 0.9, slots=slots)
    msgs, events = run(ActionCaseStep(), t)
    assert all(m["text"] != KNOWLEDGE.faq["ask_refund_only"] for m in msgs)
    assert slot_events(events)["platform_status"] == "not_applied"
    # the same topic asked in so many words, in an answer, is answered
    t = make_tracker("还没申请介入 仅退款可以吗", "ask_refund_only", 0.9, slots=slots)
    msgs, _ = run(ActionCaseStep(), t)
    assert msgs[0]["text"] == KNOWLEDGE.faq["ask_refund_only"]


def test_the_same_question_asked_again_is_not_answered_twice_word_for_word():
    slots = {"dispute_type": "size", "amount_yuan": 99.0, "requested_slot": "platform_status"}
    t = make_tracker("平台?这种小事平台还管啊", "ask_intervention_useful", 0.9, slots=slots)
    t.events.insert(0, {"event": "bot", "text": KNOWLEDGE.faq["ask_intervention_useful"]})
    msgs, _ = run(AnswerQuestion(), t)
    assert msgs[0]["text"] == KNOWLEDGE.phrases["faq_said_before"]


def test_english_sets_no_type_whatever_the_classifier_says():
    t = make_tracker("I bought a jacket and the zip came off", "report_color_difference", 0.92)
    assert "dispute_type" not in slot_events(run(ReadFacts(), t)[1])


def test_emoji_alone_sets_no_type():
    _, events = run(ReadFacts(), make_tracker("😡😡😡", "report_fraud", 0.9))
    assert "dispute_type" not in slot_events(events)


def test_a_new_type_starts_its_evidence_question_afresh():
    t = make_tracker("不是色差，是尺码小了", "correct_dispute_type", 0.9,
                     slots={"dispute_type": "color_difference", "asked": ["amount_yuan", "evidence_item"]})
    slots = slot_events(run(ReadFacts(), t)[1])
    assert slots["dispute_type"] == "size" and slots["asked"] == ["amount_yuan"]


def test_first_contact_with_the_seller_counts_one_round():
    t = make_tracker("刚跟卖家说了，直接把我拉黑了", "inform", 0.9,
                     slots={"dispute_type": "quality", "seller_attitude": "not_contacted", "negotiation_rounds": 0.0})
    slots = slot_events(run(ReadFacts(), t)[1])
    assert slots["seller_attitude"] == "ignores" and slots["negotiation_rounds"] == 1


def test_a_moved_recommendation_is_said_before_the_next_question():
    slots = {"dispute_type": "quality", "amount_yuan": 59.0, "seller_attitude": "ignores", "negotiation_rounds": 1.0,
             "recommendation": "negotiate", "advice_basis": "x", "evidence_have": ["defect_photos"],
             "evidence_missing": ["defect_video", "order_info", "chat_records"]}
    msgs, events = run(ActionCaseStep(), make_tracker(
        "刚跟卖家说了，直接把我拉黑了", "inform", slots=slots,
        events_this_turn=slot_turn(seller_attitude="ignores", negotiation_rounds=1.0)))
    assert "改为「申请平台客服介入」" in msgs[0]["text"] and "申请过平台客服介入吗" in msgs[0]["text"]
    assert slot_events(events)["recommendation"] == "intervene"
    assert slot_events(events)["requested_slot"] == "platform_status"


def test_small_talk_is_answered_when_it_carries_no_fact():
    msgs, events = run(ActionCaseStep(), make_tracker("拜拜", "goodbye", 0.95))
    assert msgs[0]["text"] == KNOWLEDGE.situations["goodbye"] and events == []


def test_an_answer_read_as_small_talk_still_answers_the_open_question():
    slots = {"dispute_type": "color_difference", "amount_yuan": 29.9, "requested_slot": "amount_yuan",
             "asked": ["amount_yuan"], "seller_attitude": "cooperative"}
    msgs, events = run(ActionCaseStep(), make_tracker("29.9", "goodbye", 0.61, slots=slots,
                                                      events_this_turn=slot_turn(amount_yuan=29.9)))
    assert KNOWLEDGE.situations["goodbye"] not in msgs[0]["text"]
    assert slot_events(events)["requested_slot"] == "negotiation_rounds"


def test_a_greeting_as_the_first_message_sets_no_slot_and_is_greeted():
    _, events = run(ReadFacts(), make_tracker("你好", "greet", 0.99))
    assert events == []
    msgs, _ = run(ActionCaseStep(), make_tracker("你好", "greet", 0.99))
    assert msgs[0]["text"] == KNOWLEDGE.situations["greet"]


def test_english_naming_a_problem_gets_the_type_said_back_in_english_and_chinese():
    t = make_tracker("my parcel never arrived", "nlu_fallback", 0.2,
                     slots={"dispute_type": "logistics"}, events_this_turn=slot_turn(dispute_type="logistics"))
    msgs, _ = run(ActionCaseStep(), t)
    text = msgs[0]["text"]
    assert "a delivery problem" in text and "物流问题" in text and "Chinese" in text


# ------------------------------------------------------------ privacy (PIPL)

from advisor import privacy  # noqa: E402


def without_case_id(events):
    return [e for e in events if e.get("name") != "case_id"]


def test_the_first_answer_of_a_conversation_carries_the_privacy_notice_once():
    msgs, _ = run(ActionCaseStep(), make_tracker("你好", "greet", first_contact=True))
    assert "删除我的记录" in msgs[-1]["text"] and "180天" in msgs[-1]["text"]
    msgs, _ = run(ActionCaseStep(), make_tracker("你好", "greet"))  # the assistant spoke before
    assert all("删除我的记录" not in m["text"] for m in msgs)


def test_the_notice_says_the_configured_retention(monkeypatch):
    monkeypatch.setenv("RETENTION_DAYS", "30")
    msgs, _ = run(ActionCaseStep(), make_tracker("你好", "greet", first_contact=True))
    assert "30天" in msgs[-1]["text"]


def test_deleting_records_is_confirmed_first():
    slots = {"dispute_type": "quality", "requested_slot": "amount_yuan"}
    msgs, events = run(ActionCaseStep(), make_tracker("删除我的记录", "delete_my_records", 0.9, slots=slots))
    assert msgs[0]["text"] == KNOWLEDGE.privacy["erase_confirm"]
    assert [b["title"] for b in msgs[0]["buttons"]] == ["确认删除", "先不删"]
    assert {k: v for k, v in slot_events(events).items() if k != "case_id"} == {"requested_slot": privacy.ERASE_QUESTION}


@pytest.mark.parametrize("text, intent, erased", [
    ("确认删除", "delete_my_records", True), ("是的", "affirm", True), ("删吧", "inform", True),
    ("先不删", "deny", False), ("算了不删了", "inform", False), ("买的鞋开胶了", "report_quality", False),
])
def test_only_a_clear_yes_erases(text, intent, erased):
    slots = {"dispute_type": "quality", "requested_slot": privacy.ERASE_QUESTION}
    msgs, events = run(ActionCaseStep(), make_tracker(text, intent, 0.9, slots=slots))
    got = slot_events(events)
    assert got["requested_slot"] is None
    if erased:
        assert got[privacy.ERASE_SLOT] is True and msgs[0]["text"] == KNOWLEDGE.privacy["erased"]
    else:
        assert privacy.ERASE_SLOT not in got and msgs[0]["text"] == KNOWLEDGE.privacy["erase_kept"]


def test_a_health_case_is_told_its_details_are_sensitive():
    t = make_tracker("用了面霜脸上起红疹", "report_allergy", 0.95, slots={"dispute_type": "allergy"},
                     events_this_turn=slot_turn(dispute_type="allergy"))
    msgs, _ = run(ActionCaseStep(), t)
    assert KNOWLEDGE.privacy["sensitive"] in msgs[0]["text"]
    t = make_tracker("鞋子开胶了", "report_quality", 0.95, slots={"dispute_type": "quality"},
                     events_this_turn=slot_turn(dispute_type="quality"))
    assert KNOWLEDGE.privacy["sensitive"] not in run(ActionCaseStep(), t)[0][0]["text"]



# ------------------------------------------------------------ the case file

def test_each_turn_writes_the_case_to_the_case_file_and_erase_deletes_it():
    from actions import case_file_sync

    user = f"case-file-{uuid.uuid4().hex[:8]}"
    slots = {"dispute_type": "quality", "amount_yuan": 199.0, "product_category": "鞋包",
             "evidence_have": ["defect_photos"]}
    t = make_tracker("鞋子开胶了，199", "report_quality", 0.95, slots=slots,
                     events_this_turn=slot_turn(dispute_type="quality"))
    t.sender_id = user
    _, events = run(ActionCaseStep(), t)
    case_id = slot_events(events)["case_id"]
    case = case_file_sync.store().get(int(case_id))
    assert case.user_id == user and case.title == "鞋包 · 质量问题"
    assert case.facts["amount_yuan"] == 199.0 and case.evidence_have == ("defect_photos",)
    # the next turn updates the same case
    t = make_tracker("申请介入了", "inform", 0.9, slots={**slots, "case_id": case_id, "platform_status": "applied_waiting"})
    t.sender_id = user
    run(ActionCaseStep(), t)
    case = case_file_sync.store().get(int(case_id))
    assert case.facts["platform_status"] == "applied_waiting" and case.status == "applied"
    assert len(case_file_sync.store().cases_of(user)) == 1
    # "删除我的记录", confirmed: the cases go with the conversation
    t = make_tracker("确认删除", "affirm", 0.9, slots={**slots, "case_id": case_id, "requested_slot": privacy.ERASE_QUESTION})
    t.sender_id = user
    run(ActionCaseStep(), t)
    assert case_file_sync.store().cases_of(user) == []


def test_a_user_back_in_a_new_session_is_told_where_the_open_case_stands():
    from actions import case_file_sync

    user = f"back-{uuid.uuid4().hex[:8]}"
    store = case_file_sync.store()
    case = store.open_case(user, "色差")

    def state(c):
        c.facts = {"dispute_type": "color_difference", "amount_yuan": 299.0}
        c.evidence_missing = ("listing_screenshot",)
        c.recommendation = "intervene"
    store.update(case.id, state)
    # a new session: nothing said in it yet, the case's slots carried over
    t = make_tracker("你好", "greet", 0.95, first_contact=True,
                     slots={"dispute_type": "color_difference", "case_id": float(case.id)})
    t.sender_id = user
    msgs, _ = run(ActionCaseStep(), t)
    first = msgs[0]["text"]
    assert first.startswith(KNOWLEDGE.case_file["welcome_back"])
    assert "案件1：色差（处理中）" in first and "299元" in first and "商品页截图" in first
    assert "申请平台客服介入" in first
    assert "删除我的记录" in msgs[-1]["text"]  # the privacy notice still closes the first answer
    # a user with no open case gets no welcome back
    t = make_tracker("你好", "greet", 0.95, first_contact=True)
    t.sender_id = f"new-{uuid.uuid4().hex[:8]}"
    assert all(KNOWLEDGE.case_file["welcome_back"] not in m["text"] for m in run(ActionCaseStep(), t)[0])


def test_an_ended_case_is_kept_as_ended_and_the_next_problem_starts_afresh():
    from actions import case_file_sync

    user = f"ended-{uuid.uuid4().hex[:8]}"
    slots = {"dispute_type": "quality", "amount_yuan": 199.0}
    t = make_tracker("鞋子开胶了", "report_quality", 0.95, slots=slots, events_this_turn=slot_turn(dispute_type="quality"))
    t.sender_id = user
    case_id = slot_events(run(ActionCaseStep(), t)[1])["case_id"]
    # the fact reader reads the end of the case
    t = make_tracker("卖家同意退款了，这事结了", "inform", 0.9, slots={**slots, "case_id": case_id})
    assert slot_events(run(ReadFacts(), t)[1])["case_end"] == "resolved"
    t = make_tracker("卖家同意退款了，这事结了", "inform", 0.9, slots={**slots, "case_id": case_id, "case_end": "resolved"},
                     events_this_turn=slot_turn(case_end="resolved"))
    t.sender_id = user
    msgs, events = run(ActionCaseStep(), t)
    assert "已解决" in msgs[0]["text"]
    assert events[-1]["event"] == "reset_slots"
    assert case_file_sync.store().get(int(case_id)).status == "resolved"
    # with no case, "钱退回来了" ends nothing
    t = make_tracker("钱退回来了", "inform", 0.9)
    assert "case_end" not in slot_events(run(ReadFacts(), t)[1])


def test_my_cases_lists_every_case_open_ones_first():
    from actions import case_file_sync
    from actions.my_cases import ActionMyCases

    user = f"list-{uuid.uuid4().hex[:8]}"
    store = case_file_sync.store()
    done = store.open_case(user, "鞋")
    store.update(done.id, lambda c: (c.facts.update(dispute_type="quality"), setattr(c, "status", "resolved")))
    live = store.open_case(user, "裙子")
    store.update(live.id, lambda c: c.facts.update(dispute_type="color_difference", amount_yuan=299.0))
    t = make_tracker("我的案件", "my_cases", 0.9)
    t.sender_id = user
    text = run(ActionMyCases(), t)[0][0]["text"]
    assert text.startswith("你的案件（共2个）")
    assert text.index("案件2：色差（处理中）") < text.index("案件1：质量问题（已解决）")
    t.sender_id = f"nobody-{uuid.uuid4().hex[:8]}"
    assert run(ActionMyCases(), t)[0][0]["text"] == KNOWLEDGE.case_file["no_cases"]


def test_a_user_back_after_a_long_pause_or_greeting_is_told_the_case_but_not_mid_conversation():
    from actions import case_file_sync

    user = f"pause-{uuid.uuid4().hex[:8]}"
    case = case_file_sync.store().open_case(user, "鞋")
    case_file_sync.store().update(case.id, lambda c: c.facts.update(dispute_type="quality", amount_yuan=59.0))
    slots = {"dispute_type": "quality", "amount_yuan": 59.0, "case_id": float(case.id)}

    def said_after(gap_s, text="还在吗", intent="inform"):
        t = make_tracker(text, intent, 0.9, slots=slots)
        t.sender_id = user
        now = 1_800_000_000.0
        t.events.insert(0, {"event": "user", "text": "鞋子开胶了", "timestamp": now - gap_s})
        t.events[-1]["timestamp"] = now
        return " ".join(m["text"] for m in run(ActionCaseStep(), t)[0])

    assert KNOWLEDGE.case_file["welcome_back"] in said_after(3 * 3600)  # hours later, same session
    assert KNOWLEDGE.case_file["welcome_back"] not in said_after(120)  # two minutes: mid-conversation
    assert KNOWLEDGE.case_file["welcome_back"] in said_after(120, "你好，我又来了", "greet")
    assert KNOWLEDGE.case_file["welcome_back"] in said_after(120, "上回那个鞋子的事")
    # a comparison with another order is no return: "比上回那个还便宜点"
    assert KNOWLEDGE.case_file["welcome_back"] not in said_after(120, "两百一十九 比上回那个还便宜点")


@pytest.mark.parametrize("text, want", [
    ("那条裙子的事怎么样了", "dress"), ("案件2", "dress"), ("说说第二个案件", "dress"), ("色差那个", "dress"),
    ("案件1", None),  # already the current case
    ("鞋子开胶的事", None),  # the current case: no switch
    ("还有别的吗", None),
])
def test_one_of_several_cases_is_picked_by_description_or_number(text, want):
    from actions import case_file_sync

    user = f"pick-{uuid.uuid4().hex[:8]}"
    store = case_file_sync.store()
    shoes = store.open_case(user, "鞋")
    store.update(shoes.id, lambda c: c.facts.update(dispute_type="quality", product_category="鞋", amount_yuan=159.0))
    dress = store.open_case(user, "裙子")

    def dress_state(c):
        c.facts.update(dispute_type="color_difference", product_category="服装", amount_yuan=299.0)
        c.evidence_missing = ("listing_screenshot",)
    store.update(dress.id, dress_state)
    slots = {"dispute_type": "quality", "product_category": "鞋", "amount_yuan": 159.0, "case_id": float(shoes.id)}
    t = make_tracker(text, "inform", 0.9, slots=slots)
    t.sender_id = user
    msgs, events = run(ActionCaseStep(), t)
    got = slot_events(events)
    if want is None:
        assert got.get("case_id") in (None, float(shoes.id))
        return
    case = {"dress": dress, "shoes": shoes}[want]
    assert got["case_id"] == float(case.id)
    assert msgs[0]["text"].startswith(KNOWLEDGE.case_file["switched"])
    if want == "dress":
        assert got["dispute_type"] == "color_difference" and got["amount_yuan"] == 299.0
        assert got["evidence_missing"] == ["listing_screenshot"] and "299元" in msgs[0]["text"]


@pytest.mark.parametrize("status, slots, text, after", [
    ("open", {"platform_status": "applied_waiting"}, "介入申请提交了", "applied"),
    ("applied", {"platform_status": "applied_waiting"}, "还在等小二判", "waiting_ruling"),
    ("waiting_ruling", {"platform_status": "applied_waiting"}, "聊天记录截好了", "waiting_ruling"),
    ("waiting_ruling", {"platform_status": "ruled_for_buyer_not_honoured"}, "平台裁定退款了卖家拖着不退", "open"),
    ("applied", {"platform_status": "applied_waiting", "case_end": "resolved"}, "钱退回来了", "resolved"),
    ("open", {"case_end": "closed"}, "我不维权了", "closed"),
])
def test_the_case_status_follows_what_the_shopper_says(status, slots, text, after):
    from actions.case_file_sync import status_after

    assert status_after(status, slots, text) == after


def test_a_sure_report_about_another_product_opens_a_new_case_and_keeps_the_old():
    from actions import case_file_sync

    user = f"second-{uuid.uuid4().hex[:8]}"
    dress = case_file_sync.store().open_case(user, "裙子")
    case_file_sync.store().update(dress.id, lambda c: c.facts.update(
        dispute_type="color_difference", product_category="服装", amount_yuan=299.0))
    slots = {"dispute_type": "color_difference", "product_category": "服装", "amount_yuan": 299.0,
             "case_id": float(dress.id), "evidence_have": ["daylight_comparison_photos"], "asked": ["amount_yuan"]}
    t = make_tracker("另外买的鞋子也开胶了，159", "report_quality", 0.95, slots=slots)
    t.sender_id = user
    read = slot_events(run(ReadFacts(), t)[1])
    assert read["dispute_type"] == "quality" and read["case_id"] is None and read["amount_yuan"] == 159.0
    assert read["evidence_have"] == [] and read["asked"] == []
    # the case step names the new case and the file gets a second one
    after = {**slots, **read}
    t = make_tracker("另外买的鞋子也开胶了，159", "report_quality", 0.95, slots=after,
                     events_this_turn=slot_turn(**read))
    t.sender_id = user
    msgs, events = run(ActionCaseStep(), t)
    assert KNOWLEDGE.case_file["new_case"] in msgs[0]["text"]
    cases = case_file_sync.store().cases_of(user)
    assert len(cases) == 2 and cases[0].facts["amount_yuan"] == 299.0 and cases[1].facts["amount_yuan"] == 159.0
    # a detail about the same product stays in the case
    t = make_tracker("裙子洗了一次还掉色", "report_quality", 0.95, slots=slots)
    assert "case_id" not in slot_events(run(ReadFacts(), t)[1])
    # an answer to the open question that names another product is about this case (dev37)
    t = make_tracker("人家回我说是手机屏幕的色差 正常的 不给退", "report_color_difference", 0.95,
                     slots={**slots, "requested_slot": "seller_attitude"})
    read = slot_events(run(ReadFacts(), t)[1])
    assert "case_id" not in read and read["seller_attitude"] == "refuses" and "amount_yuan" not in read


@pytest.mark.parametrize("text, intent, confidence", [
    ("hey, is there an English version of this service? my wife usually does our Taobao orders lol",
     "ask_return_postage", 0.43),  # the classifier knows Chinese only
    ("网上买的人体工学椅 坐了两周气杆就一直往下沉 客服回我「亲 气杆属于易损件 不在保修范围哦」 这品质真的会谢",
     "ask_off_platform_scam", 0.76),  # a long story that asks nothing
])
def test_no_faq_answer_for_english_or_for_a_story_that_asks_nothing(text, intent, confidence):
    msgs, _ = run(AnswerQuestion(), make_tracker(text, intent, confidence))
    assert msgs == []


def test_a_short_faq_question_is_still_answered():
    msgs, _ = run(AnswerQuestion(), make_tracker("介入要多久", "ask_duration", 0.9))
    assert msgs[0]["text"] == KNOWLEDGE.faq["ask_duration"]


def test_an_amount_in_passing_does_not_replace_the_price_and_a_correction_does():
    slots = {"dispute_type": "refund_refused", "requested_slot": "negotiation_rounds",
             "amount_yuan": 169.0, "asked": ["amount_yuan", "negotiation_rounds"]}
    _, events = run(ReadFacts(), make_tracker("找了三回吧，他们只认十二块", "inform", 0.8, slots=slots))
    read = slot_events(events)
    assert read["negotiation_rounds"] == 3 and "amount_yuan" not in read
    _, events = run(ReadFacts(), make_tracker("两回，刚才说错了，是一百九十九", "inform", 0.8, slots=slots))
    assert slot_events(events)["amount_yuan"] == 199.0


def test_an_evidence_answer_quoting_the_seller_keeps_the_stance():
    slots = {"dispute_type": "refund_refused", "requested_slot": "evidence_item", "amount_yuan": 169.0,
             "seller_attitude": "shifts_blame", "negotiation_rounds": 3.0, "platform_status": "not_applied"}
    _, events = run(ReadFacts(), make_tracker("聊天记录都在，她说运费他们出那句我也截了", "inform", 0.8, slots=slots))
    assert "seller_attitude" not in slot_events(events)


def test_an_evidence_answer_neither_opens_a_new_case_nor_changes_the_amount():
    slots = {"dispute_type": "quality", "requested_slot": "evidence_item", "amount_yuan": 29.9,
             "product_category": "食品", "seller_attitude": "ignores", "negotiation_rounds": 2.0,
             "platform_status": "not_applied"}
    _, events = run(ReadFacts(), make_tracker("就一张图，剩下的五个冻冰箱里了，视频拍了两段",
                                              "report_quality", 0.95, slots=slots))
    read = slot_events(events)
    assert "case_id" not in read and "amount_yuan" not in read and "product_category" not in read


def test_a_negated_type_word_in_an_evidence_answer_keeps_the_case():
    slots = {"dispute_type": "size", "requested_slot": "evidence_item", "amount_yuan": 49.9,
             "seller_attitude": "not_contacted", "negotiation_rounds": 0.0}
    _, events = run(ReadFacts(), make_tracker("订单截了，没量过尺寸，也还没跟卖家聊所以没聊天记录",
                                              "inform", 0.8, slots=slots))
    assert "dispute_type" not in slot_events(events)


def test_a_seller_s_answer_that_denies_the_problem_keeps_the_case():
    # "从来没人过敏" reports what the seller said; it does not take the allergy back
    slots = {"dispute_type": "allergy", "requested_slot": "seller_attitude", "amount_yuan": 1680.0}
    _, events = run(ReadFacts(), make_tracker("客服说他们燕窝纯天然的 从来没人过敏 是我自己体质特殊",
                                              "no_claim", 0.7, slots=slots))
    set_now = slot_events(events)
    assert "dispute_type" not in set_now and set_now["seller_attitude"] == "shifts_blame"
    # said as a correction, it does
    _, events = run(ReadFacts(), make_tracker("不是过敏，是质量问题", "correct_dispute_type", 0.9, slots=slots))
    assert slot_events(events)["dispute_type"] == "quality"


def test_a_refusal_in_the_seller_answer_is_the_seller_s_not_a_new_type():
    # "说品种是对的…不给退" read as a correction (0.84): the seller refused, the problem stays
    slots = {"dispute_type": "false_advertising", "requested_slot": "seller_attitude", "amount_yuan": 88.0}
    set_now = slot_events(run(ReadFacts(), make_tracker("说品种是对的 苗大小每批不一样 不给退",
                                                        "correct_dispute_type", 0.84, slots=slots))[1])
    assert "dispute_type" not in set_now and set_now["seller_attitude"] == "refuses"


def test_a_lower_count_in_the_platform_answer_counts_refund_requests_not_talks():
    slots = {"dispute_type": "refund_refused", "requested_slot": "platform_status", "negotiation_rounds": 3.0}
    set_now = slot_events(run(ReadFacts(), make_tracker("退款申请被拒了两次 现在显示'退款关闭' 没申请小二介入",
                                                        "inform", 0.8, slots=slots))[1])
    assert "negotiation_rounds" not in set_now and set_now["platform_status"] == "not_applied"


def test_a_correction_that_answers_the_question_keeps_the_case():
    # "应该是两次吧" hedges the rounds asked for; the classifier's correction intent is about them
    slots = {"dispute_type": "size", "requested_slot": "negotiation_rounds", "amount_yuan": 200.0}
    for text in ("应该是两次吧，记不太清", "不是两次，是三次"):
        set_now = slot_events(run(ReadFacts(), make_tracker(text, "correct_dispute_type", 0.84, slots=slots))[1])
        assert "dispute_type" not in set_now and set_now["negotiation_rounds"] in (2, 3)
    # a correction that answers nothing still takes the type back
    set_now = slot_events(run(ReadFacts(), make_tracker("不是这个问题", "correct_dispute_type", 0.9, slots=slots))[1])
    assert set_now["dispute_type"] is None


def test_a_problem_seen_on_the_goods_says_they_came():
    _, events = run(ReadFacts(), make_tracker("伴娘裙页面上是香槟色 到手是肉粉色 颜色跟图片不一样",
                                              "report_color_difference", 0.9))
    assert slot_events(events)["goods_received"] is True
    # not for a parcel that never came
    _, events = run(ReadFacts(), make_tracker("快递十天了还没到", "report_logistics", 0.9))
    assert slot_events(events).get("goods_received") is not True


@pytest.mark.parametrize("text, intent", [
    ("被坑了，退也不是留着也不是😮‍💨", "ask_no_reason_return"),
    ("有没有人管管啊 气死我了🤬", "human_handoff"),
])
def test_a_vague_complaint_is_asked_about_not_answered_as_a_faq_or_small_talk(text, intent):
    msgs, _ = run(AnswerQuestion(), make_tracker(text, intent, 0.8))
    assert msgs == []
    msgs, events = run(ActionCaseStep(), make_tracker(text, intent, 0.8))
    assert slot_events(events)["requested_slot"] == "dispute_type"
    # with a case open, the question is answered as before
    slots = {"dispute_type": "quality", "amount_yuan": 99.0}
    msgs, _ = run(AnswerQuestion(), make_tracker("介入一般要多久", "ask_duration", 0.9, slots=slots))
    assert msgs[0]["text"] == KNOWLEDGE.faq["ask_duration"]


def test_an_evidence_answer_that_was_read_is_not_called_unclear_when_more_items_now_fit():
    # 辣条 named in the answer makes it a food case: the food items are asked plainly
    slots = {"dispute_type": "allergy", "amount_yuan": 39.9, "seller_attitude": "ignores", "negotiation_rounds": 3.0,
             "platform_status": "not_applied", "requested_slot": "evidence_item", "asked": ["evidence_item"]}
    msgs, events = run(ActionCaseStep(), make_tracker("辣条包装袋上的生产日期拍了，订单截图有", "inform", 0.8, slots=slots))
    assert slot_events(events)["product_category"] == "食品"
    text = "\n".join(m.get("text") or "" for m in msgs)
    assert KNOWLEDGE.questions["evidence_item"].ask[1] not in text
    assert KNOWLEDGE.questions["evidence_item"].ask[0] in text


def test_a_third_asking_while_a_question_is_open_gets_no_aside_and_with_none_open_the_answer():
    answer, pointer = KNOWLEDGE.faq["ask_intervention_useful"], KNOWLEDGE.phrases["faq_said_before"]
    for open_slot, expected in (("platform_status", []), (None, [answer])):
        slots = {"dispute_type": "size", "amount_yuan": 99.0, "requested_slot": open_slot}
        t = make_tracker("介入有用吗", "ask_intervention_useful", 0.9, slots=slots)
        t.events[:0] = [{"event": "bot", "text": answer}, {"event": "bot", "text": pointer}]
        msgs, _ = run(AnswerQuestion(), t)
        assert [m["text"] for m in msgs] == expected


def test_a_rights_question_that_names_a_refund_is_answered_and_no_type_is_asked():
    # 退款 in "仅退款是啥意思" is no fact of a case: the FAQ answers, the step asks nothing more
    text = "仅退款到底是个啥意思？跟退货退款有啥不一样"
    msgs, events = run(ActionCaseStep(), make_tracker(text, "ask_refund_only", 0.9))
    assert slot_events(events).get("wants") == "refund"  # read, but no fact of a case
    assert "requested_slot" not in slot_events(events)
    assert [m["text"] for m in msgs] == [KNOWLEDGE.faq["ask_refund_only"]]


def test_a_rights_question_with_facts_of_no_problem_asks_no_type():
    # pasted menu lines and "我还没申请": what is wanted, nothing applied for; no problem told
    text = "我要退款（无需退货） 我要退货退款 第一个是不是就是大家说的仅退款？我还没申请，先弄明白再说"
    msgs, events = run(ActionCaseStep(), make_tracker(text, "ask_refund_only", 0.99))
    assert slot_events(events).get("platform_status") == "not_applied"  # kept for a case to come
    assert "requested_slot" not in slot_events(events)
    assert [m["text"] for m in msgs] == [KNOWLEDGE.faq["ask_refund_only"]]
    # a seller who ignores the shopper is a problem: the case goes on and asks what happened
    msgs, events = run(ActionCaseStep(), make_tracker("卖家一直不理我，能申请仅退款吗", "ask_refund_only", 0.99))
    assert slot_events(events)["requested_slot"] == "dispute_type"


def test_one_call_reads_the_message_then_answers_it():
    # the case step runs the fact reader itself: no earlier action set anything this turn
    msgs, events = run(ActionCaseStep(), make_tracker("裙子色差太大了，花了299，卖家不理我", "report_color_difference", 0.95))
    slots = slot_events(events)
    assert slots["dispute_type"] == "color_difference" and slots["amount_yuan"] == 299
    assert slots["seller_attitude"] == "ignores"
    assert [e["name"] for e in events if e.get("event") == "slot"].index("dispute_type") < \
        [e["name"] for e in events if e.get("event") == "slot"].index("requested_slot")  # read, then asked
    assert msgs and slots["requested_slot"] == "negotiation_rounds"


def test_a_ready_text_reads_the_message_first():
    from actions.ready_text import ActionReadyText

    slots = {"dispute_type": "quality"}
    msgs, events = run(ActionReadyText(), make_tracker("帮我写一段给卖家的话，花了399", "write_to_seller", 0.9, slots=slots))
    assert slot_events(events)["amount_yuan"] == 399
    assert "399" in msgs[0]["text"]


def test_a_question_about_the_assistant_gets_the_help_text():
    from actions.tracker_facts import small_talk

    t = make_tracker("你这个维权助手能帮我写投诉的话不 我现在没啥事 就先问问", "ask_off_platform_scam", 0.68)
    assert small_talk(t) == "help"
    assert small_talk(make_tracker("你能帮我写投诉吗", "inform", slots={"dispute_type": "quality"})) is None


def test_a_value_refused_again_is_not_refused_in_the_same_words_but_skipped():
    from actions.fact_reading import read_facts
    from rasa_sdk.executor import CollectingDispatcher

    refused = KNOWLEDGE.phrases["bad_rounds"]
    slots = {"dispute_type": "quality", "requested_slot": "negotiation_rounds", "seller_attitude": "ignores"}
    first = make_tracker("沟通了五百次", "inform", slots=slots)
    d = CollectingDispatcher()
    read_facts(d, first)
    assert [m["text"] for m in d.messages] == [refused]
    again = make_tracker("沟通了五百次", "inform", slots=slots,
                         events_this_turn=[{"event": "bot", "text": refused}])
    d = CollectingDispatcher()
    events = read_facts(d, again)
    assert d.messages == []
    assert "negotiation_rounds" in slot_events(events)["declined"]


def test_a_ready_text_asked_in_the_walk_goes_on_with_the_next_question():
    # "还没找店家呢，想先搞清楚怎么开口": the text, then the walk's next question (not the same
    # question again, which brought the same text again and again)
    from actions.ready_text import ActionReadyText

    slots = {"dispute_type": "quality", "amount_yuan": 80.0, "requested_slot": "seller_attitude",
             "asked": ["dispute_type", "amount_yuan", "seller_attitude"]}
    msgs, events = run(ActionReadyText(), make_tracker("还没找店家呢，想先搞清楚怎么开口", "write_to_seller", 0.9, slots=slots))
    got = slot_events(events)
    assert got["seller_attitude"] == "not_contacted"
    assert got["requested_slot"] not in (None, "seller_attitude")
    assert len(msgs) == 2 and "卖家" in msgs[0]["text"]


def test_a_ready_text_after_the_advice_asks_nothing_more():
    from actions.ready_text import ActionReadyText

    slots = {"dispute_type": "quality", "recommendation": "negotiate"}
    msgs, events = run(ActionReadyText(), make_tracker("帮我写一段给卖家的话", "write_to_seller", 0.9, slots=slots))
    assert len(msgs) == 1 and "requested_slot" not in slot_events(events)


def test_the_message_date_is_china_time():
    import datetime

    from actions.tracker_facts import message_date

    t = make_tracker("12月1号收到的", "inform")
    # 2026-12-06 23:30 UTC is 2026-12-07 07:30 in China
    user = next(e for e in reversed(t.events) if e.get("event") == "user")
    user["timestamp"] = datetime.datetime(2026, 12, 6, 23, 30, tzinfo=datetime.timezone.utc).timestamp()
    assert message_date(t) == datetime.date(2026, 12, 7)


def test_a_guess_of_delete_my_records_without_a_word_of_deleting_asks_nothing_of_it():
    # an evidence answer the classifier read as a deletion request (0.63 in a run)
    slots = {"dispute_type": "fraud", "requested_slot": "evidence_item", "amount_yuan": 768.0,
             "seller_attitude": "shifts_blame", "negotiation_rounds": 4, "platform_status": "not_applied"}
    text = "柜姐不给出书面的，我在专柜录了视频；付款记录跟聊天记录都截了，物流信息也在"
    msgs, events = run(ActionCaseStep(), make_tracker(text, "delete_my_records", 0.63, slots=slots))
    assert KNOWLEDGE.privacy["erase_confirm"] not in [m["text"] for m in msgs]
    assert slot_events(events).get("requested_slot") != "erase_confirmation"
    msgs, _ = run(ActionCaseStep(), make_tracker("之前聊的内容别留着了，全清空", "delete_my_records", 0.8, slots=slots))
    assert msgs[0]["text"] == KNOWLEDGE.privacy["erase_confirm"]


def test_two_questions_in_one_message_get_both_answers():
    from actions.dialogue import answer_question
    from rasa_sdk.executor import CollectingDispatcher

    d = CollectingDispatcher()
    answer_question(d, make_tracker("申请平台介入一般要多久出结果？申请了会不会被当成恶意买家？", "ask_malicious", 0.9))
    texts = [m["text"] for m in d.messages]
    assert texts == [KNOWLEDGE.faq["ask_malicious"], KNOWLEDGE.faq["ask_duration"]]


def test_no_talk_with_the_seller_counted_is_not_contacted():
    slots = {"dispute_type": "quality", "requested_slot": "negotiation_rounds", "amount_yuan": 2000.0}
    set_now = slot_events(run(ReadFacts(), make_tracker("一回都没找过", "inform", 0.9, slots=slots))[1])
    assert set_now["negotiation_rounds"] == 0 and set_now["seller_attitude"] == "not_contacted"
    # a stance on file stays
    slots["seller_attitude"] = "refuses"
    set_now = slot_events(run(ReadFacts(), make_tracker("一回都没找过", "inform", 0.9, slots=slots))[1])
    assert "seller_attitude" not in set_now


@pytest.mark.parametrize("text, expected", [
    ("？", KNOWLEDGE.situations["greet"]),  # nothing said: hello, and what to tell
    ("说实话你这个维权助手到底能干点啥？", None),  # the help text (checked below)
    ("你会把我的信息给卖家吗", privacy.question_answer(KNOWLEDGE)),
])
def test_a_first_message_that_opens_no_case_asks_nothing(text, expected):
    msgs, events = run(ActionCaseStep(), make_tracker(text, "nlu_fallback", 0.3))
    assert "requested_slot" not in slot_events(events) or slot_events(events)["requested_slot"] is None
    first = msgs[0]["text"]
    assert first == expected if expected else "判断问题类型" in first


def test_news_of_the_seller_in_an_evidence_answer_changes_the_stance():
    # a stance told with what just happened is news; an old answer kept as a screenshot is not
    slots = {"dispute_type": "refund_refused", "requested_slot": "evidence_item", "amount_yuan": 1299.0,
             "seller_attitude": "ignores", "negotiation_rounds": 2}
    text = "退货申请的截图有 聊天记录也有。哎 刚刚商家直接把我的退货申请驳回了"
    set_now = slot_events(run(ReadFacts(), make_tracker(text, "inform", 0.8, slots=slots))[1])
    assert set_now["seller_attitude"] == "refuses"
    # not contacted before: now once
    slots.update(seller_attitude="not_contacted", negotiation_rounds=0, dispute_type="false_advertising")
    text = "详情页截图了。哦 我刚才顺手问了下客服 她说宣传就是这么写的 不给退"
    set_now = slot_events(run(ReadFacts(), make_tracker(text, "inform", 0.8, slots=slots))[1])
    assert set_now["seller_attitude"] == "refuses" and set_now["negotiation_rounds"] == 1


def test_goods_said_not_to_have_come_arrive_only_with_news():
    slots = {"dispute_type": "logistics", "requested_slot": "seller_attitude", "amount_yuan": 6800.0,
             "goods_received": False}
    text = "商家说物流显示签收了就是签收了，后来就不回了"  # the seller's words
    set_now = slot_events(run(ReadFacts(), make_tracker(text, "inform", 0.8, slots=slots))[1])
    assert "goods_received" not in set_now and set_now["seller_attitude"] == "ignores"
    set_now = slot_events(run(ReadFacts(), make_tracker("刚刚终于到了，收到了", "inform", 0.8, slots=slots))[1])
    assert set_now["goods_received"] is True


def test_a_faq_cue_inside_a_report_answers_once_and_not_in_an_answer_that_asks_nothing():
    # dev38: the first message names 仅退款 in a report (answered once); the platform answer
    # "就只是申请了仅退款被拒了" names it again and asks nothing: no second answer
    slots = {"dispute_type": "refund_refused", "amount_yuan": 328.0, "negotiation_rounds": 2,
             "seller_attitude": "refuses", "requested_slot": "platform_status", "asked": ["platform_status"]}
    t = make_tracker("平台介入还没点 就只是申请了仅退款被拒了", "report_refund_refused", 0.6, slots=slots)
    msgs, events = run(ActionCaseStep(), t)
    assert all(KNOWLEDGE.faq["ask_refund_only"] != m["text"] for m in msgs)
    assert slot_events(events)["platform_status"] == "not_applied"
    # a report that asks it again points back to the answer instead of repeating it
    t = make_tracker("包裹丢了，物流半个月没更新，这种可以申请仅退款吧", "report_logistics", 0.9)
    t.events.insert(0, {"event": "bot", "text": KNOWLEDGE.faq["ask_refund_only"]})
    msgs, _ = run(ActionCaseStep(), t)
    assert msgs[0]["text"] == KNOWLEDGE.phrases["faq_said_before"]


def test_evidence_a_first_report_states_in_generic_words_fits_its_type():
    # dev40: "照片我老公拍了" in an allergy case is the reaction's photos, and "还没去医院" the diagnosis
    # missing; neither is asked again
    t = make_tracker("我婆婆用了我给她买的面霜，脸上起了一片红疙瘩还痒，照片我老公拍了，还没去医院",
                     "report_allergy", 0.9)
    slots = slot_events(run(ReadFacts(), t)[1])
    assert slots["dispute_type"] == "allergy"
    assert slots["evidence_have"] == ["reaction_photos"] and slots["evidence_missing"] == ["diagnosis"]
    # "拆的时候没录像" in a parcel case is the unboxing video, missing
    t = make_tracker("我妈收到的快递箱子都压扁了，里面的砂锅碎成好几块，拆的时候没录像", "report_logistics", 0.9)
    slots = slot_events(run(ReadFacts(), t)[1])
    assert slots["evidence_missing"] == ["unboxing_video"]


def test_the_listing_s_pictures_are_no_evidence_in_hand():
    t = make_tracker("收到的颜色和照片上完全不一样，照片上是酒红色", "report_color_difference", 0.9)
    slots = slot_events(run(ReadFacts(), t)[1])
    assert slots["dispute_type"] == "color_difference"
    assert not slots.get("evidence_have")


def test_small_talk_while_a_question_is_open_asks_it_again_in_other_words():
    # "hello hello" read as a greeting: the greeting's reply at most once, then the open question
    # again in its next wording; never the same turn over and over ("yibai liushijiu", pinyin for
    # 169, once came here; it is read as the amount now)
    slots = {"dispute_type": "quality", "goods_received": True, "requested_slot": "amount_yuan",
             "asked": ["amount_yuan"]}
    t = make_tracker("hello hello", "greet", 0.95, slots=slots)
    messages, events = run(ActionCaseStep(), t)
    texts = [m["text"] for m in messages]
    assert KNOWLEDGE.questions["amount_yuan"].ask[1] in "\n".join(texts)
    assert slot_events(events)["requested_slot"] == "amount_yuan"


def test_evidence_is_noted_only_where_it_fits_the_case():
    # "检测报告" names the listing proof of false advertising too: a quality case notes only its own item
    slots = {"dispute_type": "quality", "requested_slot": "evidence_item", "amount_yuan": 2399.0,
             "seller_attitude": "cooperative", "negotiation_rounds": 3.0, "goods_received": True,
             "asked": ["evidence_item"]}
    msgs, _ = run(ActionCaseStep(), make_tracker("照片视频都有 检测报告没有", "inform", 0.8, slots=slots))
    said = " ".join(m["text"] or "" for m in msgs)
    assert KNOWLEDGE.evidence_items["inspection_report"].name in said
    assert KNOWLEDGE.evidence_items["proof_of_reality"].name not in said


def test_an_answer_that_takes_the_problem_back_changes_the_case_type():
    slots = {"dispute_type": "logistics", "requested_slot": "amount_yuan", "asked": ["amount_yuan"],
             "product_category": "鞋包"}
    _, events = run(ReadFacts(), make_tracker("你理解错了 鞋子没坏 是码不对 实际量了25出头 259块", "inform", 0.8,
                                              slots=slots))
    read = slot_events(events)
    assert read["dispute_type"] == "size" and read["amount_yuan"] == 259.0
