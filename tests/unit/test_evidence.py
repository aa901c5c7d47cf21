from advisor import evidence, replies
from advisor.case import CaseFacts
from advisor.knowledge import default_knowledge

K = default_knowledge()


def test_walk_goes_in_order_and_skips_known_items():
    ids = K.dispute_types["color_difference"].evidence
    assert evidence.next_item(K, "color_difference", [], []).id == ids[0]
    assert evidence.next_item(K, "color_difference", [ids[0]], []).id == ids[1]
    # chat records mentioned earlier ("聊天记录都截图了") are not asked again
    remaining = evidence.remaining_items(K, "color_difference", ["chat_records"], [ids[0]])
    assert [i.id for i in remaining] == [ids[1]]
    assert evidence.next_item(K, "color_difference", list(ids), []) is None


def test_question_says_what_why_and_how():
    item = K.evidence_items["daylight_comparison_photos"]
    text = replies.evidence_question(K, "color_difference", item)
    assert "1/3" in text and item.name in text and "自然光" in text and "为什么" in text


def test_checklist_marks_have_and_missing():
    f = CaseFacts(
        dispute_type="size",
        evidence_have=("order_info", "chat_records"),
        evidence_missing=("size_label_photo", "flat_measurement"),
    )
    text = replies.checklist(K, f)
    assert "✅ 已有：订单信息截图" in text
    assert "⬜ 还缺：尺码标签照片" in text
    assert "⬜ 还缺：平铺测量照片或视频" in text


def test_facts_summary_names_evidence_in_hand():
    f = CaseFacts(dispute_type="size", evidence_have=("chat_records",))
    assert "已有证据：和卖家的聊天记录" in replies.facts_summary(K, f)
