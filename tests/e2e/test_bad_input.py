"""Every input a user or peer can send gets a defined answer, never a crash."""
import requests


def answers(bot, message):
    reply = bot.say(message)
    assert isinstance(reply, list)
    return "\n".join(m.get("text", "") for m in reply)


def test_empty_and_whitespace_messages(bot):
    for message in ("", "   ", "\n\t"):
        answers(bot, message)
    assert bot.slots()["dispute_type"] is None


def test_very_long_message(bot):
    reply = answers(bot, "颜色和图片不一样" + "啊" * 5000)
    assert reply  # some answer, not a timeout or error


def test_emoji_only_and_control_characters(bot):
    assert answers(bot, "😡😡😡")
    assert answers(bot, "\x00\x07色差\x1b[31m")


def test_invalid_utf8_body_gets_a_client_error(servers):
    r = requests.post(
        f"{servers}/webhooks/rest/webhook",
        data=b'{"sender": "x", "message": "\xff\xfe"}',
        headers={"Content-Type": "application/json"},
        timeout=30,
    )
    assert 400 <= r.status_code < 500


def test_unknown_button_payloads(bot):
    assert answers(bot, "/no_such_intent")
    assert answers(bot, '/correct_dispute_type{"dispute_type": "bogus"}')
    assert bot.slots()["dispute_type"] is None


def test_old_dialogues_payloads_and_a_bare_no_get_an_answer(bot):
    # the assistant offers no "/..." payloads any more; an integrator may still send them
    bot.texts("买的连衣裙和图片颜色差太多了，花了299，卖家说是光线问题不给退")
    for message in ("不是", "/affirm", "/deny", '/inform{"negotiation_rounds": 2}'):
        assert answers(bot, message), message
    # "不是" alone names no other type: the type stays until the shopper says which
    assert bot.slots()["dispute_type"] == "color_difference"


def test_nonsense_amount_and_days_are_refused(bot):
    bot.texts("买的耳机是坏的")
    assert "负数" in answers(bot, "花了-5元")
    assert bot.slots()["amount_yuan"] is None
    assert "300天" in answers(bot, "收到300天了")
    assert bot.slots()["days_since_receipt"] is None
