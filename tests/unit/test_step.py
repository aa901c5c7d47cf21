"""The step function (advisor.step): what to ask next, or advise, from the case state."""
import pytest

from advisor.case import CaseFacts
from advisor.knowledge import default_knowledge
from advisor.step import ADVISE, ASK, STUCK, next_step

K = default_knowledge()


def step(**facts):
    return next_step(K, CaseFacts(**facts))


def test_no_type_asks_for_it():
    assert step() == step(asked=()) and step().slot == "dispute_type"


def test_no_type_after_three_wordings_is_stuck_not_a_fourth_question():
    assert step(asked=("dispute_type",) * 2).wording == 2
    assert step(asked=("dispute_type",) * 3).kind == STUCK


def test_order_of_questions_for_a_plain_case():
    f = dict(dispute_type="color_difference")
    assert step(**f).slot == "amount_yuan"
    f["amount_yuan"] = 299.0
    assert step(**f).slot == "seller_attitude"
    f["seller_attitude"] = "refuses"
    assert step(**f).slot == "negotiation_rounds"
    f["negotiation_rounds"] = 1
    assert step(**f).slot == "platform_status"
    f["platform_status"] = "not_applied"
    s = step(**f)
    assert s.slot == "evidence_item"
    assert s.evidence == ("daylight_comparison_photos", "listing_screenshot", "chat_records")
    f["evidence_have"] = ("chat_records",)
    f["evidence_missing"] = ("daylight_comparison_photos", "listing_screenshot")
    assert step(**f).kind == ADVISE


def test_a_question_is_put_again_in_other_words_then_skipped():
    f = dict(dispute_type="size", amount_yuan=100.0)
    assert step(**f, asked=("seller_attitude",)).wording == 1
    assert step(**f, asked=("seller_attitude",) * 2).wording == 2
    assert step(**f, asked=("seller_attitude",) * 3).slot == "evidence_item"


def test_not_contacted_skips_rounds_and_platform():
    s = step(dispute_type="size", amount_yuan=100.0, seller_attitude="not_contacted", negotiation_rounds=0)
    assert s.slot == "evidence_item"


def test_cooperative_seller_with_one_round_is_not_asked_about_the_platform():
    s = step(dispute_type="size", amount_yuan=100.0, seller_attitude="cooperative", negotiation_rounds=1)
    assert s.slot == "evidence_item"


@pytest.mark.parametrize("status", ["applied_waiting", "ruled_for_buyer_not_honoured", "ruled_against_buyer"])
def test_where_the_case_stands_replaces_the_seller_questions(status):
    s = step(dispute_type="quality", amount_yuan=80.0, platform_status=status)
    assert s.slot == "evidence_item"


def test_logistics_asks_whether_the_parcel_arrived_and_fits_the_evidence():
    assert step(dispute_type="logistics", amount_yuan=50.0).slot == "goods_received"
    s = step(dispute_type="logistics", amount_yuan=50.0, goods_received=False, seller_attitude="not_contacted")
    assert s.evidence == ("tracking_screenshot", "signing_record")


def test_fraud_asks_about_money_outside_the_platform_and_then_skips_the_seller():
    assert step(dispute_type="fraud", amount_yuan=500.0).slot == "paid_off_platform"
    s = step(dispute_type="fraud", amount_yuan=500.0, paid_off_platform=True, goods_received=False)
    assert s.slot == "evidence_item"
    assert "authenticity_check" not in s.evidence and "payment_records" in s.evidence


def test_inspection_report_only_for_costly_goods():
    cheap = step(dispute_type="quality", amount_yuan=30.0, seller_attitude="not_contacted", negotiation_rounds=0)
    dear = step(dispute_type="quality", amount_yuan=3000.0, seller_attitude="not_contacted", negotiation_rounds=0)
    assert "inspection_report" not in cheap.evidence
    assert "inspection_report" in dear.evidence


def test_everything_up_front_goes_straight_to_advice():
    s = step(
        dispute_type="quality", amount_yuan=199.0, seller_attitude="refuses", negotiation_rounds=3,
        platform_status="not_applied", evidence_have=("defect_photos", "defect_video", "order_info", "chat_records"),
    )
    assert s.kind == ADVISE


def test_evidence_question_lists_only_items_not_yet_mentioned():
    s = step(dispute_type="size", amount_yuan=99.0, seller_attitude="not_contacted", negotiation_rounds=0,
             evidence_have=("order_info",), evidence_missing=("chat_records",))
    assert s.kind == ASK and s.evidence == ("size_label_photo", "flat_measurement")


def test_a_declined_question_is_not_put_again_and_the_rest_still_is():
    s = step(dispute_type="quality", amount_yuan=99.0, asked=("seller_attitude",), declined=("seller_attitude",))
    assert (s.kind, s.slot) == (ASK, "negotiation_rounds")
    s = step(dispute_type="quality", amount_yuan=99.0, negotiation_rounds=1, declined=("seller_attitude",))
    assert (s.kind, s.slot) == (ASK, "platform_status")  # the seller's stance unknown: ask where it stands
    s = step(dispute_type="quality", amount_yuan=99.0, seller_attitude="refuses", negotiation_rounds=2,
             declined=("platform_status",), evidence_have=("defect_photos", "defect_video", "order_info", "chat_records"))
    assert s.kind == ADVISE


def test_facts_that_tell_of_a_problem():
    from advisor.case import tells_of_a_problem
    assert not tells_of_a_problem({"wants": "refund", "platform_status": "not_applied", "product_category": "服装"})
    assert not tells_of_a_problem({"seller_attitude": "not_contacted", "negotiation_rounds": 0})
    assert tells_of_a_problem({"seller_attitude": "ignores"})
    assert tells_of_a_problem({"goods_received": False})
    assert tells_of_a_problem({"platform_status": "applied_waiting"})
