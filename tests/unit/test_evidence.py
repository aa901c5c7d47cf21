"""Evidence that fits the case (advisor.evidence) and how it is shown (advisor.replies)."""
from advisor import evidence, replies
from advisor.case import CaseFacts
from advisor.knowledge import default_knowledge

K = default_knowledge()


def ids(items):
    return [i.id for i in items]


def test_items_follow_the_knowledge_file_and_skip_what_was_said():
    f = CaseFacts(dispute_type="color_difference", evidence_have=("chat_records",),
                  evidence_missing=("daylight_comparison_photos",))
    assert ids(evidence.remaining_items(K, f)) == ["listing_screenshot"]
    assert ids(evidence.missing_items(K, f)) == ["daylight_comparison_photos", "listing_screenshot"]


def test_a_parcel_that_never_came_needs_no_unboxing_video():
    gone = CaseFacts(dispute_type="logistics", goods_received=False)
    came = CaseFacts(dispute_type="logistics", goods_received=True)
    assert "unboxing_video" not in ids(evidence.applicable_items(K, gone))
    assert "package_photos" not in ids(evidence.applicable_items(K, gone))
    assert "unboxing_video" in ids(evidence.applicable_items(K, came))


def test_every_condition_named_in_the_file_has_code():
    evidence.check_conditions(K)
    used = {i.when for i in K.evidence_items.values() if i.when}
    assert used <= set(K.evidence_conditions)


def test_evidence_question_lists_what_and_how():
    text, buttons = replies.question(K, "evidence_item", 0, ("daylight_comparison_photos", "chat_records"))
    assert "1. 自然光下的实物对比照" in text and "2. 和卖家的聊天记录" in text
    assert "白天靠窗" in text
    assert {b["title"] for b in buttons} >= {"都有了", "都还没有"}


def test_every_wording_differs():
    for slot in K.questions:
        texts = [replies.question(K, slot, n, ("chat_records",))[0] for n in range(3)]
        assert len(set(texts)) == 3, slot


def test_buttons_send_plain_text_that_the_fact_reader_understands():
    from advisor.facts import read_message

    for slot in ("goods_received", "paid_off_platform", "seller_attitude", "platform_status", "negotiation_rounds"):
        _, buttons = replies.question(K, slot, 0)
        for b in buttons:
            assert not b["payload"].startswith("/")
            r = read_message(K, b["payload"], asked=slot)
            assert r.answered and slot in r.slots, (slot, b)


def test_checklist_marks_have_and_missing_with_how():
    f = CaseFacts(
        dispute_type="size",
        evidence_have=("order_info", "chat_records"),
        evidence_missing=("size_label_photo", "flat_measurement"),
    )
    text = replies.checklist(K, f)
    assert "✅ 已有：订单信息截图" in text
    assert "⬜ 还缺：尺码标签照片——" in text
    assert "⬜ 还缺：平铺测量照片或视频" in text


def test_facts_summary_names_evidence_in_hand():
    f = CaseFacts(dispute_type="size", evidence_have=("chat_records",))
    assert "已有证据：和卖家的聊天记录" in replies.facts_summary(K, f)


def test_summary_names_only_evidence_that_fits_the_case():
    f = CaseFacts(dispute_type="color_difference", evidence_missing=("listing_screenshot", "listing_claim_screenshots"))
    text = "；".join(replies.facts_summary(K, f))
    assert "商品页截图（颜色名称和描述）" in text and "商品页宣传内容的截图" not in text


def test_a_scam_paid_outside_the_platform_needs_no_authenticity_check():
    scam = CaseFacts(dispute_type="fraud", paid_off_platform=True, goods_received=True)
    fake = CaseFacts(dispute_type="fraud", paid_off_platform=False, goods_received=True)
    assert "authenticity_check" not in ids(evidence.applicable_items(K, scam))
    assert "authenticity_check" in ids(evidence.applicable_items(K, fake))
