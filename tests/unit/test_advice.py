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
        (facts(ruling_ignored=True, seller_attitude="refuses"), "external"),
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


def test_warnings_follow_the_facts():
    base = advise(K, facts()).warnings
    assert any("频繁" in w for w in base)  # don't apply casually, always said
    assert any("证据" in w for w in base)
    assert not any("急用" in w for w in base)
    assert any("急用" in w for w in advise(K, facts(urgent=True)).warnings)
    late = advise(K, facts(days_since_receipt=20)).warnings
    assert any("20天" in w for w in late)
    weak = facts(evidence_missing=("defect_photos", "defect_video", "order_info"))
    assert any("缺的证据" in w for w in advise(K, weak).warnings)


def test_each_recommendation_has_steps():
    for rec, f in [
        ("negotiate", facts()),
        ("intervene", facts(seller_attitude="refuses")),
        ("external", facts(ruling_ignored=True)),
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
