"""Whole conversations through the REST channel, with the real action server."""
import requests


def test_colour_case_from_description_to_advice(bot):
    reply = bot.texts("买的连衣裙和图片颜色差太多了，花了299，卖家说是光线问题不给退")
    assert "色差" in reply and "299元" in reply
    slots = bot.slots()
    assert slots["dispute_type"] == "color_difference"
    assert slots["amount_yuan"] == 299
    assert slots["seller_attitude"] in ("shifts_blame", "refuses")

    # already known: type, amount, attitude -> straight to the number of rounds
    assert "几次" in bot.texts("对")
    assert "卖家不执行" in bot.texts("两次")
    reply = bot.texts("没有")
    assert "证据 1/3" in reply and "自然光" in reply
    assert "证据 2/3" in bot.texts("有")
    assert "证据 3/3" in bot.texts("还没有")
    reply = bot.texts("有的")
    assert "✅ 已有：自然光下的实物对比照" in reply
    assert "⬜ 还缺：商品页截图" in reply
    assert "申请平台客服介入" in reply and "2次" in reply
    slots = bot.slots()
    assert slots["recommendation"] == "intervene"
    assert slots["negotiation_rounds"] == 2 and slots["ruling_ignored"] is False


def test_fraud_with_ignored_ruling_goes_outside_the_platform(bot):
    bot.texts("买的名牌包是高仿的假货，花了1.2万")
    assert bot.slots()["dispute_type"] == "fraud"
    bot.texts("/affirm")
    bot.texts('/inform{"seller_attitude": "ignores"}')
    bot.texts('/inform{"negotiation_rounds": 3}')
    reply = bot.texts("/affirm")  # the platform ruled, the seller ignores it
    assert "证据 1/" in reply
    for _ in range(len_evidence("fraud")):
        reply = bot.texts("/deny")
    assert "12315" in reply
    assert bot.slots()["recommendation"] == "external"


def len_evidence(code):
    from actions.knowledge_base import KNOWLEDGE

    return len(KNOWLEDGE.dispute_types[code].evidence)


def test_not_contacted_seller_means_negotiate_first(bot):
    bot.texts("鞋子穿了两天就开胶了")
    assert bot.slots()["dispute_type"] == "quality"
    assert "多少钱" in bot.texts("是的")
    assert "卖家" in bot.texts("两百九十九块")
    assert bot.slots()["amount_yuan"] == 299
    reply = bot.texts('/inform{"seller_attitude": "not_contacted"}')
    assert "证据 1/" in reply
    for _ in range(len_evidence("quality")):
        reply = bot.texts("/affirm")
    assert "先和卖家协商" in reply
    assert bot.slots()["recommendation"] == "negotiate"


def test_greeting_and_questions_leave_the_type_unset(bot):
    assert "维权助手" in bot.texts("你好")
    assert "第三方" in bot.texts("申请客服介入有用吗")
    assert bot.slots()["dispute_type"] is None


def test_question_mid_form_is_answered_and_the_form_resumes(bot):
    bot.texts("衣服尺码不对，按尺码表买的L，穿着像XXL")
    assert bot.slots()["dispute_type"] == "size"
    assert "多少钱" in bot.texts("对")
    reply = bot.texts("介入一般要多久")
    assert "几天" in reply and "多少钱" in reply  # answer, then the same question again
    assert "卖家" in bot.texts("159")


def test_correction_changes_the_type(bot):
    bot.texts("收到的裤子颜色和图片不一样")
    assert bot.slots()["dispute_type"] == "color_difference"
    reply = bot.texts("不是色差，是尺码问题")
    assert "尺码不符" in reply
    assert bot.slots()["dispute_type"] == "size"


def test_rejecting_the_guess_offers_the_list(bot):
    bot.texts("买的东西有问题，卖家不给退款")
    reply = bot.say("不是")
    buttons = [b for m in reply for b in m.get("buttons", [])]
    assert len(buttons) == 8
    bot.texts(buttons[2]["payload"])  # 尺码不符
    assert bot.slots()["dispute_type"] == "size"


def test_restart_clears_the_case(bot):
    bot.texts("化妆品用了过敏，脸都肿了")
    assert bot.slots()["dispute_type"] == "allergy"
    assert "从头开始" in bot.texts("重新开始")
    assert bot.slots()["dispute_type"] is None


def test_human_handoff_explains_where_to_go(bot):
    assert "转人工" in bot.texts("转人工")


def test_traditional_chinese_is_understood(bot):
    bot.texts("買的連衣裙顏色和圖片差太多了")
    assert bot.slots()["dispute_type"] == "color_difference"


def test_facts_are_not_asked_again(bot):
    bot.texts("羽绒服质量太差了，跑绒严重，花了899，收到三天了，找了卖家两次都不理我")
    slots = bot.slots()
    assert slots["dispute_type"] == "quality"
    assert slots["amount_yuan"] == 899 and slots["days_since_receipt"] == 3
    assert slots["seller_attitude"] == "ignores" and slots["negotiation_rounds"] == 2
    reply = bot.texts("对")
    assert "多少钱" not in reply and "几次" not in reply
    assert "卖家不执行" in reply  # the only case question left


def test_api_status_is_up(servers):
    assert requests.get(f"{servers}/status", timeout=10).ok
