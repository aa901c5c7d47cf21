"""Buttons as numbered choices in WeChat, and numeric replies picking them."""
import pytest

from channels.wechat_choices import (
    CHOICE_HINT, latest_buttons, parse_choice, payload_for_choice, render_message,
)

BUTTONS = [{"title": "对，是这个问题", "payload": "/affirm"},
           {"title": "不是，换一类", "payload": "/deny"}]


def test_buttons_become_numbered_lines_with_a_hint():
    text = render_message({"text": "我理解得对吗？", "buttons": BUTTONS})
    assert text == f"我理解得对吗？\n\n1. 对，是这个问题\n2. 不是，换一类\n{CHOICE_HINT}"


def test_message_without_buttons_is_its_text():
    assert render_message({"text": "  你好  "}) == "你好"


def test_custom_payload_only_message_renders_empty():
    assert render_message({"custom": {"kind": "card"}}) == ""


def test_image_is_shown_as_its_address():
    assert render_message({"text": "看图", "image": "https://example.org/a.png"}) == \
        "看图\n\nhttps://example.org/a.png"


@pytest.mark.parametrize("text, number", [
    ("1", 1), ("2", 2), (" 3 ", 3), ("１", 1), ("２。", 2), ("1.", 1), ("3、", 3),
    ("一", 1), ("二", 2), ("两", 2), ("八", 8), ("十", 10), ("十一", 11), ("二十三", 23),
    ("第2个", 2), ("选三", 3), ("第一项", 1), ("12", 12),
])
def test_numbers_are_read(text, number):
    assert parse_choice(text) == number


@pytest.mark.parametrize("text", [
    "", "   ", "0", "零", "2次", "299元", "一一", "十十", "一二", "我选1号和2号", "1 2", "对", "/affirm",
    "-1", "1.5", None, 3,
])
def test_anything_else_is_not_a_choice(text):
    assert parse_choice(text) is None


def events(*items):
    return [{"event": kind, "data": {"buttons": buttons} if buttons is not None else {}}
            for kind, buttons in items]


def test_latest_buttons_come_from_the_bot_turn_after_the_last_user_message():
    older = [{"title": "旧", "payload": "/old"}]
    evs = events(("bot", older), ("user", None), ("bot", None), ("bot", BUTTONS))
    assert latest_buttons(evs) == BUTTONS


def test_no_buttons_since_the_user_spoke_means_none():
    assert latest_buttons(events(("bot", BUTTONS), ("user", None), ("bot", None))) == []
    assert latest_buttons([]) == []


def test_number_picks_the_buttons_payload():
    evs = events(("user", None), ("bot", BUTTONS))
    assert payload_for_choice("2", evs) == "/deny"
    assert payload_for_choice("一", evs) == "/affirm"


def test_number_out_of_range_or_without_buttons_is_left_alone():
    evs = events(("user", None), ("bot", BUTTONS))
    assert payload_for_choice("3", evs) is None
    assert payload_for_choice("1", events(("user", None), ("bot", None))) is None
    assert payload_for_choice("好的", evs) is None


def test_long_texts_are_split_for_wechat_at_line_breaks():
    from channels.wechat import MAX_TEXT_BYTES, split_text

    text = "\n".join(f"第{i}行：" + "很长的内容" * 20 for i in range(40))
    parts = split_text(text)
    assert len(parts) > 1 and all(len(p.encode("utf-8")) <= MAX_TEXT_BYTES for p in parts)
    assert "\n".join(parts) == text  # nothing lost, cut only at line breaks
    one_line = "字" * 3000
    parts = split_text(one_line)
    assert "".join(parts) == one_line and all(len(p.encode("utf-8")) <= MAX_TEXT_BYTES for p in parts)
    assert split_text("短") == ["短"]
