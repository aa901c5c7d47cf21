"""What a shopper may claim beyond the two articles (knowledge file `faq`,
`sources` and the advice warnings): each answer holds its key facts and
names its source, and the advice offers the right extra guidance."""
import copy

import pytest
import yaml

from advisor import evidence
from advisor.advice import advise
from advisor.case import CaseFacts
from advisor.knowledge import DEFAULT_PATH, KnowledgeError, default_knowledge, parse_knowledge

K = default_knowledge()
RAW = yaml.safe_load(DEFAULT_PATH.read_text("utf-8"))

# intent -> facts its answer must hold (the numbers a shopper acts on)
KEY_FACTS = {
    "ask_no_reason_return": ["7天", "第二十五条", "定做", "鲜活易腐", "报纸", "完好", "运费", "7天内要把钱退"],
    "ask_fraud_compensation": ["三倍", "500", "第五十五条", "退一赔三"],
    "ask_food_compensation": ["十倍", "三倍", "1000", "第一百四十八条", "医院", "包装", "12315"],
    "ask_return_postage": ["卖家出", "第二十四条", "运费险", "平台当前规则"],
    "ask_refund_only": ["仅退款", "没收到", "平台当前规则"],
    "ask_off_platform_scam": ["110", "96110", "转账记录", "举报", "共享屏幕", "验证码", "安全账户"],
    "ask_12315": ["12315", "小程序", "姓名", "联系方式", "店铺名称", "金额", "7个工作日", "三年"],
    "ask_time_limit": ["尽快", "7天", "介入"],
}


@pytest.mark.parametrize("intent", sorted(KEY_FACTS))
def test_each_answer_holds_its_key_facts(intent):
    missing = [fact for fact in KEY_FACTS[intent] if fact not in K.faq[intent]]
    assert not missing, f"{intent} lacks {missing}"


@pytest.mark.parametrize("intent", sorted(K.faq))
def test_every_answer_names_a_known_source_and_says_its_law(intent):
    ids = K.faq_sources[intent]
    assert ids and all(i in K.sources for i in ids)
    for i in ids:
        if K.sources[i].kind == "law":
            assert K.sources[i].in_text in K.faq[intent]


def test_an_answer_without_a_source_stops_the_service():
    raw = copy.deepcopy(RAW)
    del raw["faq"]["ask_fraud_compensation"]["source"]
    with pytest.raises(KnowledgeError, match="source"):
        parse_knowledge(raw)


def test_an_answer_citing_a_law_it_does_not_name_stops_the_service():
    raw = copy.deepcopy(RAW)
    raw["faq"]["ask_fraud_compensation"]["answer"] = "假货可以要三倍赔偿，最少500元。"
    with pytest.raises(KnowledgeError, match="第五十五条"):
        parse_knowledge(raw)


def test_a_warning_without_a_source_stops_the_service():
    raw = copy.deepcopy(RAW)
    del raw["advice"]["warnings"][0]["source"]
    with pytest.raises(KnowledgeError, match="source"):
        parse_knowledge(raw)


def test_the_dislike_reply_carries_the_no_reason_return_answer():
    assert K.faq["ask_no_reason_return"] in K.situations["dislike_return"]


def _notes(**kw):
    return " ".join(advise(K, CaseFacts(**kw)).warnings)


def test_counterfeit_advice_says_what_may_be_claimed():
    notes = _notes(dispute_type="fraud", amount_yuan=800, seller_attitude="refuses")
    assert "三倍" in notes and "500" in notes and "第五十五条" in notes


def test_money_paid_off_platform_gets_the_police_not_the_three_times_claim():
    advice = advise(K, CaseFacts(dispute_type="fraud", amount_yuan=800, paid_off_platform=True))
    notes = " ".join(advice.warnings)
    assert advice.recommendation == "external"
    assert "110" in notes and "96110" in notes
    assert "三倍" not in notes


def test_spoiled_food_gets_the_food_safety_claim_and_food_evidence():
    f = CaseFacts(dispute_type="quality", product_category="食品", amount_yuan=59)
    notes = _notes(**f.__dict__)
    assert "十倍" in notes and "1000" in notes and "第一百四十八条" in notes and "医院" in notes
    items = [i.id for i in evidence.applicable_items(K, f)]
    assert "food_kept" in items and "food_label_photo" in items


def test_a_reaction_after_eating_gets_food_evidence_not_skin_photos():
    f = CaseFacts(dispute_type="allergy", product_category="食品")
    items = [i.id for i in evidence.applicable_items(K, f)]
    assert "reaction_photos" not in items and "batch_and_ingredients" not in items
    assert {"diagnosis", "food_kept", "food_label_photo"} <= set(items)
    assert "十倍" in _notes(**f.__dict__)


def test_a_skin_reaction_to_a_cream_keeps_the_skin_evidence_and_no_food_claim():
    f = CaseFacts(dispute_type="allergy", product_category="美妆护肤")
    items = [i.id for i in evidence.applicable_items(K, f)]
    assert "reaction_photos" in items and "food_kept" not in items
    assert "十倍" not in _notes(**f.__dict__)


def test_a_late_food_parcel_is_not_a_food_safety_case():
    assert "十倍" not in _notes(dispute_type="logistics", product_category="食品", goods_received=False)


@pytest.mark.parametrize("dispute_type", ["size", "color_difference"])
def test_size_or_colour_inside_seven_days_is_offered_the_no_reason_return(dispute_type):
    assert "七天无理由" in _notes(dispute_type=dispute_type, days_since_receipt=3)
    assert "七天无理由" not in _notes(dispute_type=dispute_type, days_since_receipt=12)
    assert "七天无理由" not in _notes(dispute_type="quality", days_since_receipt=3)


def test_a_faulty_item_says_the_seller_pays_the_postage():
    assert "第二十四条" in _notes(dispute_type="quality")
    assert "第二十四条" not in _notes(dispute_type="size")


def test_a_parcel_that_never_came_is_offered_refund_only():
    assert "仅退款" in _notes(dispute_type="logistics", goods_received=False)
    assert "仅退款" not in _notes(dispute_type="logistics", goods_received=True)


@pytest.mark.parametrize("text, intent, expected", [
    ("包裹丢了，快递也找不到，这种可以申请仅退款吧", "report_logistics", "ask_refund_only"),
    ("鞋子开胶了，凭啥运费要我出", "report_quality", "ask_return_postage"),
    ("12315小程序在哪啊", "nlu_fallback", "ask_12315"),
    ("jin tui kuan被驳回了", "report_logistics", "ask_refund_only"),
    ("包裹丢了，快递也找不到", "report_logistics", None),
    ("能仅退款吗", "ask_refund_only", None),  # the classifier already asks it: answered once
])
def test_a_question_asked_in_so_many_words_inside_a_report_is_answered(text, intent, expected):
    from advisor.detection import cued_question

    assert cued_question(K, text, intent) == expected
