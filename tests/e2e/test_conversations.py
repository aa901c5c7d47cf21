"""Whole conversations through the REST channel with the real action server,
typed as a shopper types (no button payloads; none of these lines is in data/nlu)."""
import requests

from scripts.api_access import api_params


def test_colour_case_from_first_message_to_advice(bot):
    reply = bot.texts("裙子到手一看完全不是图上那个颜色，差了好几个色号，299块呢，卖家说是我手机屏幕的问题")
    assert "色差" in reply and "299元" in reply
    slots = bot.slots()
    assert slots["dispute_type"] == "color_difference"
    assert slots["amount_yuan"] == 299 and slots["seller_attitude"] == "shifts_blame"
    assert slots["requested_slot"] == "negotiation_rounds"
    assert "申请过平台客服介入" in bot.texts("前后找了她三回")
    reply = bot.texts("还没有申请")
    assert "自然光下的实物对比照" in reply and bot.slots()["requested_slot"] == "evidence_item"
    reply = bot.texts("对比照拍好了，聊天记录也截了，商品页忘了截")
    assert "✅ 已有：自然光下的实物对比照" in reply and "⬜ 还缺：商品页截图" in reply
    assert "申请平台客服介入" in reply and "3次" in reply
    slots = bot.slots()
    assert slots["recommendation"] == "intervene" and slots["negotiation_rounds"] == 3
    assert slots["platform_status"] == "not_applied" and slots["ruling_ignored"] is False
    assert set(slots["evidence_have"]) == {"daylight_comparison_photos", "chat_records"}
    assert slots["evidence_missing"] == ["listing_screenshot"]


def test_everything_up_front_reaches_advice_in_at_most_two_turns(bot):
    bot.texts("充电宝用了一周就鼓包了，129买的，跟客服说了两次都推说是我用法不对，还没找平台。"
              "鼓包的照片和视频都拍了，订单截图和聊天记录也有")
    slots = bot.slots()
    assert slots["dispute_type"] == "quality"
    assert slots["recommendation"] == "intervene"
    assert "inspection_report" not in (slots["evidence_missing"] or [])  # a ¥129 item needs none


def test_money_sent_outside_the_platform_goes_to_the_police(bot):
    bot.texts("在闲鱼上看中的相机，卖家让我加微信转账，说这样便宜，转了3200过去就把我拉黑了，东西根本没发")
    slots = bot.slots()
    assert slots["dispute_type"] == "fraud" and slots["paid_off_platform"] is True
    assert slots["goods_received"] is False
    reply = ""
    for _ in range(4):
        if bot.slots()["recommendation"]:
            break
        reply += bot.texts("转账截图和聊天记录都有")
    assert bot.slots()["recommendation"] == "external"
    assert "110" in reply and "96110" in reply
    assert "开箱视频" not in reply and "真伪对比" not in reply


def test_already_applied_is_not_told_to_apply(bot):
    bot.texts("鞋子穿了三天就断底了，已经申请客服介入了，一直在等结果")
    assert bot.slots()["platform_status"] == "applied_waiting"
    reply = bot.texts("三百出头")
    assert "卖家" not in bot.slots().get("requested_slot", "") and bot.slots()["requested_slot"] == "evidence_item"
    reply = bot.texts("照片有，别的都还没弄")
    assert "等平台处理" in reply and bot.slots()["recommendation"] == "intervene"


def test_a_later_fact_changes_the_advice_in_one_line(bot):
    bot.texts("买的T恤洗一次就缩水了，59块，还没跟卖家说")
    reply = bot.texts("照片视频都有")
    while bot.slots()["recommendation"] is None and bot.slots()["requested_slot"]:
        reply = bot.texts("都有了")
    assert bot.slots()["recommendation"] == "negotiate"
    reply = bot.texts("刚跟卖家说了，直接把我拉黑了")
    assert "改为「申请平台客服介入」" in reply  # said at once, in one line
    assert bot.slots()["recommendation"] == "intervene" and bot.slots()["negotiation_rounds"] == 1
    reply = bot.texts("还没申请介入")  # the one fact the new advice needs
    assert "申请平台客服介入" in reply and "频繁" not in reply


def test_unreadable_answer_is_asked_another_way_never_the_same_twice(bot):
    first = bot.texts("耳机左边没声音了")
    second = bot.texts("呃")
    third = bot.texts("嗯嗯")
    assert len({first, second, third}) == 3
    assert bot.slots()["requested_slot"] == "amount_yuan"
    bot.texts("啊这")
    assert bot.slots()["requested_slot"] != "amount_yuan"  # skipped after three wordings


def test_questions_are_answered_at_any_point(bot):
    assert "维权助手" in bot.texts("你好")
    assert "第三方" in bot.texts("申请客服介入到底有没有用啊")
    assert bot.slots()["dispute_type"] is None
    bot.texts("裤子码数不对，按表买的L结果像XXL")
    asked = bot.slots()["requested_slot"]
    assert "几天" in bot.texts("介入一般要多久")
    assert bot.slots()["requested_slot"] == asked  # the open question stays open


def test_correction_in_own_words_changes_the_type(bot):
    bot.texts("收到的外套颜色和图片不一样")
    assert bot.slots()["dispute_type"] == "color_difference"
    assert "尺码不符" in bot.texts("搞错了，不是色差，是尺码偏小")
    assert bot.slots()["dispute_type"] == "size"


def test_not_a_dispute_gets_a_short_answer_and_no_type(bot):
    assert "7天无理由" in bot.texts("衣服刚到，上身不好看，能退吗")
    assert bot.slots()["dispute_type"] is None
    bot.new_conversation()
    # English that names no problem: the answer says, in both languages, to write in Chinese
    assert "中文" in bot.texts("hello, can you help me with my order?")
    assert bot.slots()["dispute_type"] is None


def test_restart_clears_the_case(bot):
    bot.texts("精华液用了两天，脸上起了一片红疙瘩")
    assert bot.slots()["dispute_type"] == "allergy"
    assert "从头开始" in bot.texts("重新开始")
    assert bot.slots()["dispute_type"] is None


def test_human_handoff_explains_where_to_go(bot):
    assert "转人工" in bot.texts("我要找真人客服")


def test_api_status_is_up(servers):
    assert requests.get(f"{servers}/status", params=api_params(), timeout=10).ok
    assert requests.get(f"{servers}/status", timeout=10).status_code == 401


def test_english_naming_the_problem_is_understood_and_answered_in_both_languages(bot):
    reply = bot.texts("I ordered a power bank three weeks ago and my parcel still hasn't arrived")
    assert "a delivery problem" in reply and "物流问题" in reply
    assert bot.slots()["dispute_type"] == "logistics"
    bot.texts("199")  # a bare number answers the amount question
    assert bot.slots()["amount_yuan"] == 199


def test_ready_texts_carry_the_shoppers_own_facts_and_marked_blanks(bot):
    bot.texts("买的连衣裙颜色和图片差太多，花了299，卖家说是光线问题不给退")
    seller = bot.texts("你帮我想想该给卖家发什么")
    assert "✉️" in seller and "【订单号】" in seller and "颜色" in seller
    form = bot.texts("申请介入的问题描述怎么写")
    assert "📝" in form and "299元" in form and "沟通经过：已和卖家沟通" in form
    complaint = bot.texts("帮我写一份12315投诉")
    assert "📮" in complaint and "【店铺名称】" in complaint and "299元" in complaint
    assert bot.slots()["dispute_type"] == "color_difference"  # the case is unchanged


def test_a_shopper_back_in_a_new_session_is_told_where_the_case_stands(bot):
    bot.texts("买的连衣裙颜色和图片差太多，花了299，卖家说是光线问题不给退")
    bot.texts("找了她两次")
    assert bot.say("/session_start") == []  # what Rasa does when a session expires (here: on demand)
    reply = bot.texts("你好，我又来了")
    assert "欢迎回来" in reply and "色差" in reply and "299元" in reply
    assert bot.slots()["dispute_type"] == "color_difference"  # the case goes on where it was


def test_an_ended_case_is_kept_and_a_new_problem_opens_a_new_case(bot):
    bot.texts("鞋子穿了三天就开胶了，199买的")
    assert "已解决" in bot.texts("卖家同意退款了，这事结了")
    assert bot.slots()["dispute_type"] is None  # the next problem starts afresh
    bot.texts("另外买的裙子色差很大")
    assert bot.slots()["dispute_type"] == "color_difference"
    listed = bot.texts("我的案件")
    assert "共2个" in listed and "质量问题（已解决）" in listed and "色差（处理中）" in listed


def test_two_cases_of_one_shopper_are_picked_by_description(bot):
    bot.texts("买的连衣裙颜色和图片差太多，花了299")
    bot.texts("重新开始")
    bot.texts("鞋子穿了两天就开胶了，159买的")
    assert bot.slots()["dispute_type"] == "quality"
    reply = bot.texts("那条裙子的事怎么样了")
    assert "接着说这个" in reply and "色差" in reply and "299元" in reply
    slots = bot.slots()
    assert slots["dispute_type"] == "color_difference" and slots["amount_yuan"] == 299
    assert "质量问题" in bot.texts("我的案件")  # the shoes are still there


def test_a_second_order_mid_case_opens_a_second_case(bot):
    bot.texts("买的连衣裙颜色和图片差太多，花了299")
    reply = bot.texts("另外买的一双鞋子穿了两天就开胶了，159块")
    assert "新案件" in reply and "质量问题" in reply
    assert bot.slots()["dispute_type"] == "quality" and bot.slots()["amount_yuan"] == 159
    listed = bot.texts("我的案件")
    assert "共2个" in listed and "299元" in listed and "159元" in listed
