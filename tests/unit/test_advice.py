"""The advice rules of knowledge/disputes.yml applied to concrete cases."""
import copy

import pytest

from advisor.advice import advise, check_rules
from advisor.case import CaseFacts
from advisor.knowledge import KnowledgeError, default_knowledge, parse_knowledge

K = default_knowledge()


def facts(**kw):
    kw.setdefault("dispute_type", "quality")
    return CaseFacts(**kw)


@pytest.mark.parametrize(
    "case, expected",
    [
        (facts(seller_attitude="not_contacted", negotiation_rounds=0), "negotiate"),
        (facts(seller_attitude="cooperative", negotiation_rounds=1), "negotiate"),
        (facts(), "negotiate"),
        (facts(seller_attitude="refuses", negotiation_rounds=1), "intervene"),
        (facts(seller_attitude="ignores"), "intervene"),
        (facts(seller_attitude="shifts_blame"), "intervene"),
        (facts(seller_attitude="cooperative", negotiation_rounds=3), "negotiate"),
        (facts(negotiation_rounds=2), "intervene"),
        (facts(amount_yuan=3000, negotiation_rounds=1), "intervene"),
        (facts(amount_yuan=3000, seller_attitude="not_contacted"), "negotiate"),
        (facts(dispute_type="fraud", seller_attitude="not_contacted"), "intervene"),
        (facts(dispute_type="fraud", amount_yuan=12000), "external"),
        (facts(dispute_type="fraud", amount_yuan=800), "intervene"),
        (facts(platform_status="ruled_for_buyer_not_honoured", seller_attitude="refuses"), "external"),
        (facts(platform_status="ruled_against_buyer"), "external"),
        (facts(platform_status="applied_waiting", seller_attitude="refuses"), "intervene"),
        (facts(dispute_type="fraud", amount_yuan=300, paid_off_platform=True), "external"),
        (facts(legal_matter=True), "external"),
    ],
)
def test_recommendation(case, expected):
    assert advise(K, case).recommendation == expected


def test_reasons_name_the_users_facts():
    a = advise(K, facts(negotiation_rounds=3, seller_attitude="refuses"))
    assert any("3次" in r for r in a.reasons)
    assert any("拒绝" in r for r in a.reasons)
    a = advise(K, facts(dispute_type="fraud", amount_yuan=12000))
    assert any("12000元" in r for r in a.reasons)


def test_catch_all_reason_when_nothing_specific_matches():
    a = advise(K, facts())
    assert a.reasons and all("{" not in r for r in a.reasons)


def test_warnings_appear_only_where_they_apply():
    # negotiating first is no warning for someone who negotiated four times
    four = advise(K, facts(seller_attitude="refuses", negotiation_rounds=4)).warnings
    assert not any("频繁" in w for w in four)
    first = advise(K, facts(dispute_type="fraud", seller_attitude="not_contacted", negotiation_rounds=0))
    assert any("频繁" in w for w in first.warnings)
    # a negotiate recommendation carries no intervention warnings
    assert advise(K, facts(seller_attitude="cooperative")).warnings == ()
    refuses = facts(seller_attitude="refuses", negotiation_rounds=1)
    assert not any("急用" in w for w in advise(K, refuses).warnings)
    assert any("急用" in w for w in advise(K, facts(seller_attitude="refuses", urgent=True)).warnings)
    late = advise(K, facts(days_since_receipt=20)).warnings
    assert any("20天" in w for w in late)
    weak = facts(seller_attitude="refuses", amount_yuan=100,
                 evidence_missing=("defect_photos", "defect_video", "order_info"))
    assert any("缺的证据" in w for w in advise(K, weak).warnings)
    strong = facts(seller_attitude="refuses", amount_yuan=100,
                   evidence_have=("defect_photos", "defect_video", "order_info", "chat_records"))
    assert not any("缺的证据" in w for w in advise(K, strong).warnings)


def test_money_paid_outside_the_platform_names_the_police():
    a = advise(K, facts(dispute_type="fraud", amount_yuan=300, paid_off_platform=True))
    assert any("110" in w and "96110" in w for w in a.warnings)


def test_already_applied_is_not_told_to_apply_again():
    a = advise(K, facts(platform_status="applied_waiting", seller_attitude="refuses"))
    assert a.recommendation == "intervene"
    assert not any("申请客服介入”" in s for s in a.steps)
    assert "等平台处理" in a.title


def test_advice_is_recomputed_from_the_facts_and_its_basis_changes():
    before = advise(K, facts(seller_attitude="not_contacted", negotiation_rounds=0))
    after = advise(K, facts(seller_attitude="refuses", negotiation_rounds=2))
    assert before.recommendation == "negotiate" and after.recommendation == "intervene"
    assert before.basis() != after.basis()
    assert advise(K, facts()).basis() == advise(K, facts()).basis()


def test_each_recommendation_has_steps():
    for rec, f in [
        ("negotiate", facts()),
        ("intervene", facts(seller_attitude="refuses")),
        ("external", facts(platform_status="ruled_for_buyer_not_honoured")),
    ]:
        a = advise(K, f)
        assert a.recommendation == rec and len(a.steps) >= 3


def test_check_rules_rejects_unknown_condition():
    raw = copy.deepcopy(K.advice)
    raw["rules"] = [{"when": "moon_is_full", "recommend": "negotiate", "reason": "x"}] + raw["rules"]
    broken = copy.copy(K)
    object.__setattr__(broken, "advice", raw)
    with pytest.raises(KnowledgeError, match="moon_is_full"):
        check_rules(broken)


def test_knowledge_file_is_complete():
    assert set(K.dispute_types) == {
        "quality", "color_difference", "size", "allergy",
        "fraud", "logistics", "refund_refused", "false_advertising",
    }
    for t in K.dispute_types.values():
        assert t.evidence and t.keywords
    check_rules(K)


def test_parse_knowledge_names_the_missing_part():
    with pytest.raises(KnowledgeError, match="dispute_types"):
        parse_knowledge({"dispute_types": {"quality": {}}})


def test_faq_answers_have_no_spaces_left_by_yaml_folding():
    for intent, answer in K.faq.items():
        assert "； " not in answer and "， " not in answer and "。 " not in answer, intent


def test_going_outside_the_platform_lists_only_the_evidence_the_case_has():
    """The ruling and the seller's refusal to carry it out are evidence only after a ruling; a
    transfer outside the platform has no after-sale record on it to keep open."""
    ruled = advise(K, facts(platform_status="ruled_for_buyer_not_honoured")).steps
    legal = advise(K, facts(legal_matter=True, seller_attitude="refuses")).steps
    paid_off = advise(K, facts(dispute_type="fraud", paid_off_platform=True)).steps
    against = advise(K, facts(platform_status="ruled_against_buyer")).steps
    assert any("不执行" in s for s in ruled) and not any("不执行" in s for s in legal + paid_off + against)
    assert any("不认可" in s for s in against) and not any("不认可" in s for s in ruled + legal)
    assert not any("售后记录" in s for s in paid_off) and any("售后记录" in s for s in ruled)
    assert all("12315" in " ".join(s) for s in (ruled, legal, paid_off, against))


def test_a_step_with_an_unknown_condition_is_rejected():
    raw = copy.deepcopy(K.advice)
    raw["recommendations"]["external"]["steps"].append({"when": "moon_is_full", "text": "x"})
    broken = copy.copy(K)
    object.__setattr__(broken, "advice", raw)
    with pytest.raises(KnowledgeError, match="moon_is_full"):
        check_rules(broken)
