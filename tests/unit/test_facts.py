"""The fact reader (advisor.facts) over many phrasings, negations and corrections."""
import pytest

from advisor.facts import read_message
from advisor.knowledge import default_knowledge

K = default_knowledge()
QUALITY = ("defect_photos", "defect_video", "order_info", "chat_records")
COLOUR = ("daylight_comparison_photos", "listing_screenshot", "chat_records")
SIZE = ("order_info", "size_label_photo", "flat_measurement", "chat_records")


def read(text, asked=None, pending=(), intent=None):
    return read_message(K, text, asked=asked, pending_evidence=pending, intent=intent)


@pytest.mark.parametrize("text, attitude", [
    ("推来推去的", "shifts_blame"),
    ("客服跟我踢皮球", "shifts_blame"),
    ("让我自己找厂家", "shifts_blame"),
    ("把我屏蔽了", "ignores"),
    ("说问问领导就一直没动静", "ignores"),
    ("已读不回", "ignores"),
    ("一直装死", "ignores"),
    ("卖家同意退了", "cooperative"),
    ("说可以换", "cooperative"),
    ("直接拒绝了", "refuses"),
    ("就是不给退", "refuses"),
    ("还没联系卖家", "not_contacted"),
])
def test_seller_attitude_in_the_users_words(text, attitude):
    assert read(text, "seller_attitude").slots["seller_attitude"] == attitude


def test_no_to_the_seller_question_means_not_contacted_and_zero_rounds():
    r = read("还没呢", "seller_attitude")
    assert r.slots["seller_attitude"] == "not_contacted"
    assert r.slots["negotiation_rounds"] == 0 and r.answered


@pytest.mark.parametrize("text, status", [
    ("平台判了退款，卖家拖着不退", "ruled_for_buyer_not_honoured"),
    ("小二判了卖家退款，他就是不执行", "ruled_for_buyer_not_honoured"),
    ("申请了介入，还在等", "applied_waiting"),
    ("已经申请客服介入了", "applied_waiting"),
    ("平台判我输了", "ruled_against_buyer"),
    ("介入失败了", "ruled_against_buyer"),
    ("还没申请介入", "not_applied"),
])
def test_where_the_case_stands_from_any_message(text, status):
    assert read(text).slots["platform_status"] == status


@pytest.mark.parametrize("text, status", [
    ("没有", "not_applied"), ("还没", "not_applied"), ("申请了", "applied_waiting"),
    ("在等结果", "applied_waiting"),
])
def test_short_answers_to_the_platform_question(text, status):
    assert read(text, "platform_status").slots["platform_status"] == status


def test_short_answers_count_only_for_their_question():
    assert "platform_status" not in read("没有").slots
    assert "goods_received" not in read("没有", "platform_status").slots


@pytest.mark.parametrize("text, value", [
    ("东西压根没到", False), ("快递显示签收了但我没拿到", False), ("一直没收到货", False),
    ("收到了，打开一看是坏的", True), ("刚收到就发现少了一件", True),
])
def test_goods_received(text, value):
    assert read(text).slots["goods_received"] is value


@pytest.mark.parametrize("text, value", [("没收到", False), ("收到了", True), ("没", False)])
def test_goods_received_as_the_answer(text, value):
    assert read(text, "goods_received").slots["goods_received"] is value


@pytest.mark.parametrize("text", [
    "卖家让我加微信转账，说能便宜一百", "我是微信转账给他的", "对方发了个二维码让我扫码付款",
    "钱是私下转账给他的",
])
def test_money_outside_the_platform(text):
    assert read(text).slots["paid_off_platform"] is True


@pytest.mark.parametrize("text, value", [("在淘宝下单付的", False), ("转账给他的", True), ("微信", True)])
def test_paid_off_platform_as_the_answer(text, value):
    assert read(text, "paid_off_platform").slots["paid_off_platform"] is value


@pytest.mark.parametrize("text, have, missing", [
    ("截图都在，视频忘录了", {"order_info", "chat_records"}, {"defect_video", "defect_photos"}),
    ("照片拍了，视频也录了，订单截图和聊天记录都有", set(QUALITY), set()),
    ("都有了", set(QUALITY), set()),
    ("啥也没有", set(), set(QUALITY)),
    ("1和3有", {"defect_photos", "order_info"}, {"defect_video", "chat_records"}),
    ("只有照片", {"defect_photos"}, {"defect_video", "order_info", "chat_records"}),
])
def test_evidence_answer_for_a_quality_case(text, have, missing):
    r = read(text, "evidence_item", QUALITY)
    assert set(r.evidence_have) & set(QUALITY) == have
    assert set(r.evidence_missing) == missing
    assert r.answered


def test_evidence_answer_with_negation_for_a_size_case():
    r = read("尺码标拍了，还没量过，聊天记录还没截", "evidence_item", SIZE)
    assert "size_label_photo" in r.evidence_have
    assert {"flat_measurement", "chat_records"} <= set(r.evidence_missing)


def test_colour_evidence_photo_and_missing_chat():
    r = read("照片有，聊天记录还没截", "evidence_item", COLOUR)
    assert "daylight_comparison_photos" in r.evidence_have
    assert "chat_records" in r.evidence_missing


def test_unreadable_evidence_answer_is_not_taken_as_an_answer():
    r = read("嗯……这个嘛", "evidence_item", QUALITY)
    assert not r.answered and not r.evidence_have and not r.evidence_missing


def test_yes_no_intent_answers_the_whole_evidence_list():
    assert set(read("有", "evidence_item", QUALITY, intent="affirm").evidence_have) == set(QUALITY)
    assert set(read("没", "evidence_item", QUALITY, intent="deny").evidence_missing) == set(QUALITY)


def test_evidence_named_in_a_first_message():
    r = read("衣服开线了，照片和聊天记录我都留着")
    assert {"defect_photos", "chat_records"} <= set(r.evidence_have)


@pytest.mark.parametrize("text, amount", [
    ("八百来块吧", 800), ("三百出头", 300), ("1299", 1299), ("花了两千五左右", 2500),
])
def test_amount_as_the_answer(text, amount):
    assert read(text, "amount_yuan").slots["amount_yuan"] == amount


@pytest.mark.parametrize("text", ["不想说", "这个保密", "记不清了"])
def test_declining_to_give_the_amount_records_zero(text):
    r = read(text, "amount_yuan")
    assert r.slots["amount_yuan"] == 0 and r.skipped


def test_bare_number_is_no_amount_outside_its_question():
    assert "amount_yuan" not in read("299").slots


def test_idioms_are_no_amounts():
    assert "amount_yuan" not in read("我要退一赔三", "amount_yuan").slots


def test_two_facts_in_one_line():
    r = read("颜色不对，卖家还不给退，花了299")
    assert r.types[0] == "color_difference"
    assert r.slots["seller_attitude"] == "refuses"
    assert r.slots["amount_yuan"] == 299


def test_correction_names_the_new_type_and_negates_the_old():
    r = read("不是色差，是尺码")
    assert r.types == ["size"] and r.negated_types == ["color_difference"]


def test_traditional_and_full_width_text():
    r = read("賣家把我拉黑了，花了２９９元")
    assert r.slots["seller_attitude"] == "ignores" and r.slots["amount_yuan"] == 299


def test_wants_urgency_and_legal_route():
    r = read("急用！要么退款要么赔偿，不行我就起诉")
    assert r.slots["urgent"] is True and r.slots["legal_matter"] is True
    assert r.slots["wants"] == "compensation"


@pytest.mark.parametrize("text", [None, "", "   ", "/affirm", "🙂🙂", "？？？", "a" * 5000, "\x00\x07"])
def test_never_raises(text):
    read(text, "evidence_item", QUALITY)
    read(text, "amount_yuan")


@pytest.mark.parametrize("text, status", [
    ("申请了，还没结果", "applied_waiting"), ("没申请过", "not_applied"),
])
def test_platform_answers_with_both_words(text, status):
    assert read(text, "platform_status").slots["platform_status"] == status


@pytest.mark.parametrize("text, expected", [
    ("我急用，卖家已读不回，沟通了三次了", {"urgent": True, "seller_attitude": "ignores", "negotiation_rounds": 3}),
    ("平台判了卖家不执行，我要起诉", {"platform_status": "ruled_for_buyer_not_honoured", "legal_matter": True}),
    ("不是很急", {}),
    ("面霜用了脸过敏，红肿", {"product_category": "美妆护肤", "goods_received": True}),
    ("卖家同意退款了", {"seller_attitude": "cooperative", "wants": "refund"}),
    ("前天到的，花了299元", {"days_since_receipt": 2, "amount_yuan": 299, "goods_received": True}),
    ("你好", {}),
])
def test_realistic_messages(text, expected):
    assert read(text).slots == expected


@pytest.mark.parametrize("text, types", [
    ("颜色不对", ["color_difference"]), ("是不是色差啊", ["color_difference"]),
    ("没想到颜色差这么多", ["color_difference"]), ("发货五天了还是没收到", ["logistics"]),
])
def test_types_named(text, types):
    assert read(text).types == types


def test_a_yes_payload_answers_the_platform_question():
    assert read("/affirm", "platform_status", intent="affirm").slots["platform_status"] == "applied_waiting"
    assert read("/deny", "platform_status", intent="deny").slots["platform_status"] == "not_applied"


def test_a_yes_intent_on_a_reply_with_other_facts_is_no_yes():
    r = read("两次", "paid_off_platform", intent="affirm")
    assert "paid_off_platform" not in r.slots and r.slots["negotiation_rounds"] == 2
    assert read("是的", "paid_off_platform", intent="affirm").slots["paid_off_platform"] is True


@pytest.mark.parametrize("text, types", [
    ("mai de yi fu se cha tai da le", ["color_difference"]),
    ("xie zi kai jiao le", ["quality"]),
    ("hello my order", []),
])
def test_types_named_in_pinyin(text, types):
    assert read(text).types == types


def test_angry_words_name_no_fraud():
    for text in ("垃圾店铺，骗子，差评", "坑人，一星", "骗人的吧"):
        assert "fraud" not in read(text).types


@pytest.mark.parametrize("text, negated", [
    ("用起来还可以，不过敏", True), ("洗了也不掉色", True), ("是不是过敏了", False),
    ("不小心摔坏了", False), ("脸过敏了", False),
])
def test_a_bare_bu_negates_only_the_next_word(text, negated):
    r = read(text)
    assert (r.negated_types != []) == negated and (r.types == []) == negated


def test_a_generic_word_answers_for_the_listed_item_of_its_kind():
    r = read("照片有，别的没有", "evidence_item", SIZE)
    assert "size_label_photo" in r.evidence_have
    assert {"order_info", "chat_records"} <= set(r.evidence_missing) and r.answered


@pytest.mark.parametrize("text, types", [
    ("The blender stopped working after 2 days", ["quality"]),
    ("the colour is totally different from the picture", ["color_difference"]),
    ("The size is way smaller than the chart", ["size"]),
    ("I broke out in a rash after using this cream", ["allergy"]),  # "broke out", not "broke"
    ("fake product, not original", ["fraud"]),
    ("my parcel never arrived", ["logistics"]),
    ("seller refuses to refund me", ["refund_refused"]),
    ("not as described, the free gift is missing", ["false_advertising"]),
    ("买的耳机是fake的", ["fraud"]),  # English inside Chinese
    ("it's not broken, I just want another colour", []),  # negated; a colour asked, not a difference
    ("Do you have this in red?", []),
    ("hello, anyone there", []),
])
def test_types_named_in_english(text, types):
    assert read(text).types == types


def test_pinyin_of_a_keyword_inside_a_longer_phrase():
    assert read("wuliu yizhi bu dong").types == ["logistics"]
    assert read("zhiliang tai cha le, yi tian jiu huai").types == ["quality"]


@pytest.mark.parametrize("text, received", [
    ("还没收到退款", None), ("退款收到了", None), ("一直没收到卖家的回复", None),
    ("东西还没收到", False), ("收到了，鞋开胶了", True),
])
def test_money_or_a_reply_not_received_is_not_the_goods(text, received):
    assert read(text).slots.get("goods_received") == received


def test_more_free_text_answers_in_shoppers_words():
    read = read_message
    assert read(K, "昨天刚点了申请介入", asked="platform_status").slots["platform_status"] == "applied_waiting"
    assert read(K, "还没申请介入", asked="platform_status").slots["platform_status"] == "not_applied"
    assert read(K, "小二判了我赢但是卖家装死").slots["platform_status"] == "ruled_for_buyer_not_honoured"
    assert read(K, "是在闲鱼上私聊付的", asked="paid_off_platform").slots["paid_off_platform"] is True
    assert read(K, "换个新的就行").slots["wants"] == "exchange"
    assert read(K, "让我自己承担运费才给退", asked="seller_attitude").slots["seller_attitude"] == "shifts_blame"


# --- dev shoppers of 2026-12-06: attitudes and facts in their own words
@pytest.mark.parametrize("text, attitude", [
    ("问了客服，态度还行，说给我换一个", "cooperative"),
    ("商家直接拒了，说特价商品不支持", "refuses"),
    ("客服说芒果过敏是个人体质，跟他们产品没关系", "shifts_blame"),
    ("客服说效果因人而异，让我再坚持喝", "shifts_blame"),
    ("客服说仓库都发齐了，叫我自己去问快递", "shifts_blame"),
    ("客服说每个人手机屏幕显示不一样", "shifts_blame"),
    ("客服每次都说再等等", "ignores"),
    # said through what the seller did, or quoted before who said it
    ("「我们家这款卖了三年没人过敏，你是头一个」，客服就这么回我的", "shifts_blame"),
    ("天天找客服，他就一句「亲再等等哦」", "ignores"),
    ("卖家倒是答应给换一个", "cooperative"),
    ("卖家一声不吭直接把售后申请给关了", "refuses"),
    ("对面回了个抱拳的表情就没了", "ignores"),
])
def test_more_seller_attitudes(text, attitude):
    assert read(text).slots.get("seller_attitude") == attitude


def test_a_reply_about_what_the_seller_said_is_no_not_contacted():
    # "没关系" inside the seller's words is not the "没有" of "联系过卖家吗?"
    r = read("客服说芒果过敏是个人体质，跟他们产品没关系", asked="seller_attitude")
    assert r.slots["seller_attitude"] == "shifts_blame"
    assert read("没有", asked="seller_attitude").slots["seller_attitude"] == "not_contacted"


@pytest.mark.parametrize("asked", ["seller_attitude", "negotiation_rounds", "platform_status", "goods_received"])
@pytest.mark.parametrize("text", ["不太清楚", "不记得了", "这个我也不知道"])
def test_dont_know_skips_the_question_and_sets_nothing(asked, text):
    r = read(text, asked=asked, intent="deny")
    assert r.answered and r.skipped
    assert asked not in r.slots


def test_net_spelling_of_no():
    assert read("木有申请", asked="platform_status", intent="affirm").slots["platform_status"] == "not_applied"
    assert read("木有申请").negated_types == [] and read("一个字都木有").slots == {}


@pytest.mark.parametrize("text", ["先微信转了他一千，后来又银行卡转了一千三", "让我加他VX直接转账能便宜200，我信了转了1680"])
def test_money_sent_outside_the_platform_names_fraud(text):
    r = read(text)
    assert r.slots["paid_off_platform"] is True and "fraud" in r.types


def test_a_hospital_visit_is_the_diagnosis_in_hand():
    assert "diagnosis" in read("吃完嘴唇肿了，半夜跑去急诊，医生说是过敏").evidence_have


@pytest.mark.parametrize("text, asked, attitude", [
    ("汉服到手是荧光绿 客服回「亲 每台手机显示效果不同哦~」", None, "shifts_blame"),  # a quoted excuse
    ("客服说「亲 气杆属于易损件 不在保修范围哦」", None, "refuses"),
    ("客服回「好的亲 马上给您补发」", None, "cooperative"),
    ("客服说防水是指防泼溅", "seller_attitude", "shifts_blame"),  # what the seller said, as the answer
    ("他说让我等等", "seller_attitude", "ignores"),
    ("客服已读不会", None, "ignores"),  # the typo of 已读不回
])
def test_what_the_seller_said_in_quotes_or_as_the_answer(text, asked, attitude):
    assert read(text, asked=asked).slots.get("seller_attitude") == attitude


def test_a_negated_yes_word_is_no_answer_to_money_outside_the_platform():
    assert read("天猫正常拍的 钱没私下转", asked="paid_off_platform").slots["paid_off_platform"] is False


def test_the_goods_named_first_are_the_case_s_goods():
    assert read("买的卫衣图上是雾霾蓝 客服说每个人手机屏幕显示不一样").slots["product_category"] == "服装"


def test_two_missing_boxes_are_no_parcel_that_never_came():
    assert read("买了三盒面膜只收到一盒，另外两盒影子都没有").slots.get("goods_received") is not False
    assert read("东西到现在影子都没有").slots["goods_received"] is False


@pytest.mark.parametrize("text, amount", [
    ("就问了一回 刚翻了订单 是一百八十九 不是两百", 189),
    ("不对，是299", 299),
])
def test_a_corrected_amount_is_read_in_any_answer(text, amount):
    assert read(text, asked="negotiation_rounds").slots["amount_yuan"] == amount


@pytest.mark.parametrize("text, asked, slot, value", [
    ("hai mei 申请过", "platform_status", "platform_status", "not_applied"),
    ("hai mei 申请", "platform_status", "platform_status", "not_applied"),
    ("店里人挺好的说可以给换个大一码的叫我寄回去运费他们出", "seller_attitude", "seller_attitude", "cooperative"),
    ("现在说活动已经结束了不给返", None, "seller_attitude", "refuses"),
])
def test_pinyin_no_and_more_stances(text, asked, slot, value):
    assert read(text, asked=asked).slots[slot] == value


def test_dialect_no_answers_even_beside_dont_know():
    r = read("莫得申请，我都不晓得介入在哪点", asked="platform_status")
    assert r.slots["platform_status"] == "not_applied" and not r.skipped
    assert read("不知道", asked="platform_status", intent="deny").skipped


def test_pinyin_must_fill_whole_words():
    assert "color_difference" not in read("I can't read Chinese characters, any English help?").types
    assert read("mai de yi fu se cha tai da le").types == ["color_difference"]


# ------------------------------------------------ sixth round of dev shoppers
@pytest.mark.parametrize("text, asked, slot, value", [
    # the number after a correction word replaces the one before it, in the same answer
    ("一百五吧……不對，我看了下訂單，是一百三十八，有用券", "amount_yuan", "amount_yuan", 138),
    ("催了四次 哦不对 今天早上又催了一次 五次了", "negotiation_rounds", "negotiation_rounds", 5),
    # 一共 / 一分钱没退 / 到手一开箱 hold no amount
    ("两副一起拍的 一共一百五十八", "amount_yuan", "amount_yuan", 158),
    ("两千九百九十九 双十一抢的", "amount_yuan", "amount_yuan", 2999),
    # several transfers are one loss, sent outside the platform
    ("我傻乎乎先转了499 后来又转了1500 现在电话打不通了", None, "amount_yuan", 1999),
    ("我傻乎乎先转了499 后来又转了1500 现在电话打不通了", None, "paid_off_platform", True),
    # a ruling for the buyer the seller ignores
    ("小二都判了给我退款 结果这奸商到现在一分钱没退", None, "platform_status", "ruled_for_buyer_not_honoured"),
    ("平台判店家給我退款，結果店家到現在都不執行", None, "platform_status", "ruled_for_buyer_not_honoured"),
    # the seller's excuses in other words
    ("店家說數據是我自己給的不關他們事", None, "seller_attitude", "shifts_blame"),
    ("客服非说详情页写了偏大建议拍小", None, "seller_attitude", "shifts_blame"),
    ("賣家說是港版本來就長這樣", None, "seller_attitude", "shifts_blame"),
    ("客服说他们燕窝纯天然的 从来没人过敏 是我自己体质特殊", "seller_attitude", "seller_attitude", "shifts_blame"),
    ("客服说他们燕窝纯天然的 从来没人过敏 是我自己体质特殊 退不了", "seller_attitude", "seller_attitude", "refuses"),
    # a day count since receipt says the goods came
    ("前天到的 调到最大孩子穿33的脚都塞不进去", None, "goods_received", True),
    ("中秋订的大闸蟹礼盒 到手一开箱一半都翘辫子了", None, "product_category", "食品"),
])
def test_sixth_round_facts(text, asked, slot, value):
    assert read(text, asked=asked).slots.get(slot) == value


@pytest.mark.parametrize("text", [
    "结果这奸商到现在一分钱没退",
    "中秋订的大闸蟹礼盒 到手一开箱一半都翘辫子了",
    "显示器详情页写的2K 165Hz 到手插上DP线",
    "篮球鞋拍的42 平时42穿得刚刚好 大了不止一码",
])
def test_sixth_round_no_amount(text):
    assert "amount_yuan" not in read(text).slots


def test_a_fee_sent_by_transfer_is_no_off_platform_payment():
    assert "paid_off_platform" not in read("卖家让我补运费 转了10块").slots
    assert "paid_off_platform" not in read("卖家转了我20块补偿").slots


def test_颜色不对_is_no_correction():
    r = read("颜色不对 问了两次 花了299")
    assert r.slots["negotiation_rounds"] == 2 and r.slots["amount_yuan"] == 299


@pytest.mark.parametrize("text, have, missing", [
    ("物流页面截了图 签收啥的没有", ["tracking_screenshot"], ["signing_record"]),
    ("订单截图有 视频的话没录", ["order_info"], ["defect_video"]),
])
def test_missing_evidence_after_filler_words(text, have, missing):
    r = read(text, asked="evidence_item", pending=have + missing)
    assert set(have) <= set(r.evidence_have) and set(missing) <= set(r.evidence_missing)
    assert not set(missing) & set(r.evidence_have)


def test_transfers_sent_again_add_up_whatever_the_channel():
    text = "先微信转了他一千，后来又说要交押金，我又银行卡转了一千三，然后就把我拉黑了"
    assert read(text).slots["amount_yuan"] == 2300
    assert read("转了200 他退了我100").slots["amount_yuan"] == 200  # money back is not sent again


# ------------------------------------------------ seventh round of dev shoppers
@pytest.mark.parametrize("text, asked, slot, value", [
    ("639，618活动那会儿买的", "amount_yuan", "amount_yuan", 639),  # a full-width comma ends a clause
    ("花了1，299元", None, "amount_yuan", 1299),  # ... unless it groups digits of a price
    ("一千三百多吧 1388", "amount_yuan", "amount_yuan", 1388),  # the exact figure after the round one
    ("网上买的肉松小贝点心 59.9一盒十二个 吃到第三个咬出来一片硬塑料", None, "amount_yuan", 59.9),
    ("商家说春节放假了年后再说", None, "seller_attitude", "ignores"),
    ("店家说是活动款不支持无理由", None, "seller_attitude", "refuses"),
    ("客服还说实木贴皮也算实木", None, "seller_attitude", "shifts_blame"),
    ("kefu 说是 guangxian wenti 让我白天再看看", None, "seller_attitude", "shifts_blame"),
])
def test_seventh_round_facts(text, asked, slot, value):
    assert read(text, asked=asked).slots.get(slot) == value


@pytest.mark.parametrize("text, asked", [
    ("在吗 给我家闺女买的鳕鱼肠零食 昨天下午吃了三根", None),  # 零食 holds no zero
    ("買了十團毛線要給寶寶織毛衣", None),  # ten balls of yarn
])
def test_seventh_round_no_amount(text, asked):
    assert "amount_yuan" not in read(text, asked=asked).slots


def test_an_evidence_answer_counts_no_talks():
    r = read("详情页写20000毫安和充5次的地方都截图了 跟店里的聊天记录也有", asked="evidence_item",
             pending=["listing_claim_screenshots", "chat_records"])
    assert "negotiation_rounds" not in r.slots and "chat_records" in r.evidence_have


def test_rice_dumplings_and_meat_colours():
    assert read("端午囤的肉粽，剥开好几个米粒上都长了白毛").slots["product_category"] == "食品"
    assert read("页面上是很温柔的champagne色 到手是那种肉粉色").slots.get("product_category") != "食品"


# ------------------------------------------------ eighth round of dev shoppers
@pytest.mark.parametrize("text, asked, slot, value", [
    ("tm超市囤的鲜牛奶 一箱69.9", None, "amount_yuan", 69.9),
    ("四包39.9 还没找卖家", None, "amount_yuan", 39.9),
    ("tm买的airpods pro 1299 连手机弹窗都跟正版不一样", None, "amount_yuan", 1299),
    ("kf就一句 亲亲让您在等等哦", None, "seller_attitude", "ignores"),
    ("还没找kf", None, "seller_attitude", "not_contacted"),
    ("加vx扫他的码付能当天发 我就扫码付了2399", None, "paid_off_platform", True),
])
def test_eighth_round_facts(text, asked, slot, value):
    assert read(text, asked=asked).slots.get(slot) == value


@pytest.mark.parametrize("text", ["一条电热毯，开关那一块就烧坏了", "买的RTX 4090显卡", "买了iPhone 15"])
def test_eighth_round_no_amount(text):
    assert "amount_yuan" not in read(text).slots


@pytest.mark.parametrize("text, asked, slot, value", [
    ("89米 前天到的", "amount_yuan", "amount_yuan", 89),  # 米: net slang for yuan, in the amount answer
    ("收到当天就找了客服，客服说属于正常色差；之后我又找了两次，还是一样的话术", None, "negotiation_rounds", 3),
    ("又找了两次", None, "negotiation_rounds", 2),  # no first contact named: the count as said
])
def test_slang_yuan_and_contacts_again(text, asked, slot, value):
    assert read(text, asked=asked).slots.get(slot) == value


def test_metres_are_no_yuan_outside_the_amount_answer():
    assert "amount_yuan" not in read("床笠买的1.8米的，量了下只有1.7宽").slots
    assert "order_info" in read("79块，订单截了图，量尺寸时也拍了照片").evidence_have


@pytest.mark.parametrize("text, asked, slot, value", [
    ("平台?这种小事平台还管啊", "platform_status", "platform_status", "not_applied"),
    ("介入?那是个啥 我一直以为只能跟卖家磨", "platform_status", "platform_status", "not_applied"),
    ("打了一次电话，旺旺上又说了两次", "negotiation_rounds", "negotiation_rounds", 3),
    ("被拒以后我又去问了两次 加上申请那回 算三次吧", "negotiation_rounds", "negotiation_rounds", 3),
    ("两袋 一袋八十九 加起来一百七十八", "amount_yuan", "amount_yuan", 178),
    ("给闺女买的61键电子琴，页面价599，领了30块的券实付569", None, "amount_yuan", 569),
    ("帆布鞋平时穿38的，这双拍的也是38，明显偏小一码。标价199，活动价到手109", None, "amount_yuan", 109),
    ("老板说寄回来给我换一套别的批次 来回运费都算他的", "seller_attitude", "seller_attitude", "cooperative"),
    ("一开始说给我补寄，过了三天再问，又说赠品是随机送的，送完就没有了", None, "seller_attitude", "refuses"),
    ("就在订单页面付的 刷的信用卡 没加过谁的微信", "paid_off_platform", "paid_off_platform", False),
])
def test_ninth_round_facts(text, asked, slot, value):
    assert read(text, asked=asked).slots.get(slot) == value


def test_a_gift_not_received_is_no_parcel_that_never_came():
    assert read("收到只有锅，赠品没收到").slots.get("goods_received") is not False


def test_an_amount_ending_in_几_is_its_floor_as_with_多():
    assert read("券后一百八十几吧 原价是两百一十九", asked="amount_yuan").slots["amount_yuan"] == 180
    assert "amount_yuan" not in read("几百块吧", asked="amount_yuan").slots  # vague: asked again


# ------------------------------------------------ tenth round of dev shoppers
@pytest.mark.parametrize("text", [
    "中秋在网上买的五仁月饼 俺老伴吃了半块",  # 五仁, 半块: no money
    "打开一看碎了一半多 箱子外头也瘪了一块",  # a dent
])
def test_tenth_round_no_amount(text):
    assert "amount_yuan" not in read(text).slots


def test_the_seller_s_receipt_of_a_return_is_no_day_count_even_with_words_between():
    assert "days_since_receipt" not in read("俺退回去了 快递那边显示人家半个月前就签收了").slots
    assert read("卖家说我半个月前就签收了").slots["days_since_receipt"] == 15  # the shopper's receipt


@pytest.mark.parametrize("text, negated", [
    ("本来还担心有色差，收到一看跟模特图一模一样，好评", "color_difference"),
    ("之前看评论有人说会漏水，我这个用了快一个月滴水不漏", "quality"),
])
def test_a_problem_feared_or_heard_of_is_not_named(text, negated):
    r = read(text)
    assert negated not in r.types and negated in r.negated_types


def test_a_parcel_marked_signed_that_never_came():
    text = ("物流前天下午显示'本人签收'，我那天一整天都在家，小区驿站和快递柜翻了个遍也没有。"
            "找卖家，卖家一句'签收了就不归我们管，你自己找快递'")
    r = read(text)
    assert r.slots["goods_received"] is False  # the seller's quoted 签收了 is not the shopper's
    assert r.slots["seller_attitude"] == "shifts_blame"
    assert "days_since_receipt" not in read("包裹显示前天就签收了，驿站都翻遍了也没有").slots


@pytest.mark.parametrize("text, status", [
    ("没申请，怕申请了他更不搭理", "not_applied"),  # a worry, not a yes
    ("没呢，他再这么说我就去点了", "not_applied"),
    ("点了，还没结果", "applied_waiting"),
    ("申请了，在等结果", "applied_waiting"),
])
def test_what_may_happen_is_no_answer_to_the_platform_question(text, status):
    assert read(text, "platform_status").slots["platform_status"] == status


@pytest.mark.parametrize("text, attitude", [
    ("seller直接一句，不退不换，爱要不要", "refuses"),
    ("昨天到的，还没去问店家，先问问你", "not_contacted"),
    ("问了客服，两天了，消息还是未读", "ignores"),
    ("找了seller，人家态度ok，说给我退", "cooperative"),
])
def test_seller_attitude_in_chat_fragments(text, attitude):
    assert read(text).slots["seller_attitude"] == attitude


def test_an_amount_corrected_in_the_evidence_answer():
    text = "照片拍了，订单和聊天也截了。金额纠正一下，168是一份的价，我一共拍了两份，实付336"
    assert read(text, "evidence_item", pending=QUALITY).slots["amount_yuan"] == 336


@pytest.mark.parametrize("text", [
    "退货寄回去一个礼拜了，物流显示对方签收了，催了店家三次，要么不回，要么'亲稍等'",
    "介入结果出来了，平台站我这边，让商家退钱，结果半个月了钱还是没影",
])
def test_money_held_back_after_a_return_or_a_ruling_is_a_refused_refund(text):
    assert read(text).types == ["refund_refused"]


def test_a_problem_named_beside_a_return_stays_the_problem():
    assert read("衣服质量太差了，退回去了，卖家不理").types == ["quality"]


def test_a_count_corrected_after_a_count():
    assert read("催了四次，哦不对，今天早上又催了一次，五次了", "negotiation_rounds").slots["negotiation_rounds"] == 5


@pytest.mark.parametrize("text, attitude", [
    ("还没跟店家说，想先问问", "not_contacted"),  # the words say 卖家; 店家, 商家, 老板 read the same
    ("跟老板说了好几次，老板就是不给退", "refuses"),
    ("传讯息给卖家，显示已读，然后就没有然后了", "ignores"),
    ("发十条消息没一条有回音", "ignores"),
])
def test_seller_attitude_whatever_the_seller_is_called(text, attitude):
    assert read(text).slots["seller_attitude"] == attitude


@pytest.mark.parametrize("text", [
    "我有点怕找店家会被说是我自己不会用、弄坏的，能退吗",
    "可我怕寄回去以后他们反过来说是我摔的",
])
def test_what_the_shopper_fears_the_seller_may_say_is_no_stance(text):
    assert "seller_attitude" not in read(text).slots


@pytest.mark.parametrize("text, types", [
    ("买的手撕牛肉干，快递慢了四五天我都懒得计较，关键是拆开好几袋都长了一层白毛", ["quality"]),
    ("收到就坏了，物流慢我都忍了", ["quality"]),  # the next clause waves off only itself
    ("快递太慢了，等了半个月", ["logistics"]),
])
def test_a_problem_waved_off_is_not_the_dispute(text, types):
    assert read(text).types == types


@pytest.mark.parametrize("text, code", [
    ("宝宝的婴儿车才推了十来天，左前轮的塑料轴咔嚓一声整个断开了", "quality"),
    ("半夜两个人轮流往厕所跑，又吐又拉，医生说是急性胃肠炎", "allergy"),
    ("下单都快十天了，物流一直卡在一个中转站", "logistics"),
])
def test_a_worried_story_names_its_problem(text, code):
    assert code in read(text).types


@pytest.mark.parametrize("text, status", [
    ("申请了平台介入，昨天结果出来，居然判我败诉", "ruled_against_buyer"),
    ("小二看了证据支持我退款，结果现在都一周多了，卖家一点动静都没有", "ruled_for_buyer_not_honoured"),
])
def test_the_platform_s_ruling_in_the_shopper_s_words(text, status):
    assert read(text).slots["platform_status"] == status


def test_a_feared_answer_of_the_seller_says_nothing_about_the_parcel():
    r = read("物流早就写着已签收，我连个快递盒都没看到，还没跟卖家说，怕他回一句签收了就不关他事")
    assert r.slots["goods_received"] is False


def test_the_shoppers_own_no_matter_is_no_stance_and_a_single_quoted_answer_is_one():
    text = "我问过客服一次，客服就回了一句'实物拍摄会受光线影响，以实物为准哦'。可我不管什么时候看都是粉的呀"
    assert read(text).slots["seller_attitude"] == "shifts_blame"
    assert read("卖家说不管").slots["seller_attitude"] == "refuses"


def test_money_sent_by_wechat_and_a_trip_that_cannot_wait():
    r = read("店家说活体不能在平台上拍，让我加他微信付，先付了1500定金，又转了2300，一共3800")
    assert r.slots["paid_off_platform"] is True and r.slots["amount_yuan"] == 3800
    assert read("下周要出差用的行李箱，物流一直卡在一个中转站").slots["urgent"] is True


@pytest.mark.parametrize("text, asked, slot, value", [
    ("平台还没找呢，对了刚才价格说错了，不是六百八十八，是六百九十八", "platform_status", "amount_yuan", 698.0),
    ("介入还没点，对了价格刚才说错了，不是2.3k 是两千一，用了消费券", "platform_status", "amount_yuan", 2100.0),
    ("售后不是找了三回，是四回", None, "negotiation_rounds", 4),
    # an evidence answer that takes back a count said before
    ("聊天一条没删，对了刚才说扯了五次，我翻了下聊天，其实是四次", "evidence_item", "negotiation_rounds", 4),
    # one more contact after the corrected total is part of it
    ("就聊过一次，哦不对，是两次，昨晚我又问了一回", "negotiation_rounds", "negotiation_rounds", 2),
])
def test_not_this_but_that_corrections(text, asked, slot, value):
    pending = QUALITY if asked == "evidence_item" else ()
    assert read(text, asked, pending).slots[slot] == value


def test_a_coupon_used_is_not_the_goods_used():
    assert "goods_received" not in read("不是2.3k，是两千一，用了消费券", "platform_status").slots


@pytest.mark.parametrize("text, asked, value", [
    ("介入那个我还没去点", None, "not_applied"),
    ("这也能介入?", "platform_status", "not_applied"),
])
def test_platform_not_applied_in_chat_words(text, asked, value):
    assert read(text, asked).slots["platform_status"] == value


@pytest.mark.parametrize("text, slot, value", [
    ("拍了快三个礼拜了订单还显示待发货，连个单号都没有", "goods_received", False),
    ("支付宝付的款，拿去商场专柜问柜姐", "paid_off_platform", False),
])
def test_where_the_goods_and_the_money_are(text, slot, value):
    assert read(text).slots[slot] == value


@pytest.mark.parametrize("text, pending, have, missing", [
    ("订单跟聊天都截了，检测报告那种没有", QUALITY + ("inspection_report",), ["order_info", "chat_records"], ["inspection_report"]),
    ("聊天截图都在，物流那页还没截", ("chat_records", "logistics_records"), ["chat_records"], ["logistics_records"]),
    ("银行转账的回单有，物流根本没有，他就没发", ("payment_records", "logistics_records"), ["payment_records"], ["logistics_records"]),
    ("物流页面截图了，签收底单驿站说明天才能调出来，现在还没有",
     ("tracking_screenshot", "signing_record"), ["tracking_screenshot"], ["signing_record"]),
    ("订单截了，视频呢还没", ("order_info", "defect_video"), ["order_info"], ["defect_video"]),
])
def test_evidence_said_missing_in_chat_words(text, pending, have, missing):
    r = read(text, "evidence_item", pending)
    assert set(have) <= set(r.evidence_have) and set(missing) <= set(r.evidence_missing)
    assert not set(missing) & set(r.evidence_have)


@pytest.mark.parametrize("text, named", [
    ("豆沙色口红，涂上嘴是荧光玫红，我直接裂开", ["color_difference"]),  # 裂开 is slang here
    ("卫衣图上奶白，到手土黄", ["color_difference"]),
    ("拍的27 平时就穿27 这条提到大腿就卡住了 扣子还差一大截", ["size"]),
    ("平时穿39的要拍多大的", []),  # asked before buying
    ("落地镜原封不动包回去的，卖家签收以后说镜面裂了，只肯退一半，判了退款卖家不执行", ["refund_refused"]),
])
def test_types_named_without_their_keyword(text, named):
    assert read(text).types == named


def test_the_main_problem_named_in_a_reply():
    r = read("客服就回了句每个人显示器不一样，不过说真的颜色我还能忍，主要是做工太烂了，肩带那里都开线了", "seller_attitude")
    assert r.main_type == "quality"
    assert read("卖家不理我，主要是想问问").main_type is None


@pytest.mark.parametrize("text, asked, slot, value", [
    ("二百九十九蚊，六一八嗰阵买嘅", "amount_yuan", "amount_yuan", 299.0),  # written Cantonese
    ("四百几蚊，啊唔系，打完折三百八", "amount_yuan", "amount_yuan", 380.0),
    ("佢话着过就唔退唔换", "seller_attitude", "seller_attitude", "refuses"),
    ("问咗客服三次，次次都已读唔回", None, "seller_attitude", "ignores"),
    ("未搞过介入喎", "platform_status", "platform_status", "not_applied"),
    ("唔系喺淘宝度俾嘅，系佢叫我开手机银行，跟住就转走咗", "paid_off_platform", "paid_off_platform", True),
    ("问了四五道了", "negotiation_rounds", "negotiation_rounds", 4),  # Sichuan 道
    ("好像是一百零八? 差不多这个数", "amount_yuan", "amount_yuan", 108.0),  # unsure, not asking
    ("四件套颜色不对，后天就过7天了，还能退不", None, "days_since_receipt", 5),
    ("凭啥判我输啊，退回去的乳胶枕不给退，申请了介入，小二居然站卖家那边", None, "platform_status", "ruled_against_buyer"),
    ("客服甩了30块说是补偿，剩下的不管了，我要的是全退", None, "wants", "refund"),
])
def test_dev14_phrasings(text, asked, slot, value):
    assert read(text, asked).slots[slot] == value


def test_a_scam_call_with_a_code_and_a_drained_card_is_fraud_paid_off_platform():
    r = read("接了个电话说儿童餐椅甲醛超标要召回，给我双倍理赔，让我加QQ填银行卡号，我报了两回验证码，卡里少了六千多")
    assert "fraud" in r.decisive_types and r.slots["paid_off_platform"] is True


def test_the_size_worn_names_size_only_when_the_fit_is_the_problem():
    assert read("平时穿M的，这件穿了两次就起球了").types == ["quality"]
    assert read("闺女平时穿130 这套130的滑雪服拉链拉到胸口就拉不上了").types == ["size"]


def test_cantonese_readings_leave_mandarin_words_alone():
    from advisor.facts import read_as

    assert read_as(K, "桌面倾斜，倾向于退货") == "桌面倾斜，倾向于退货"
    assert read_as(K, "佢话唔退唔换") == "他说不退不换"


def test_a_price_corrected_after_a_count_leaves_the_count():
    r = read("就说了一次，东西应该是一百九十九吧", "negotiation_rounds")
    assert r.slots["negotiation_rounds"] == 1 and r.slots["amount_yuan"] == 199.0


@pytest.mark.parametrize("text, asked, slot, value", [
    ("还没去找小二。刚才说错了，客服我其实找了四回不是三回", "platform_status", "negotiation_rounds", 4),  # Y不是X
    ("其实是六百九十九不是七百", None, "amount_yuan", 699.0),
    ("旺旺上催了四回，一条都没回。对了价格我说的不准，是六百九十九", "negotiation_rounds", "amount_yuan", 699.0),
    ("小二判定证据不足给驳回了", None, "platform_status", "ruled_against_buyer"),
    ("榨汁机走了介入，小二判定支持我退，结果卖家拒收", None, "platform_status", "ruled_for_buyer_not_honoured"),
    ("没申请，申请了真有人管吗？", "platform_status", "platform_status", "not_applied"),  # a question back
    ("申请了介入，有用吗？", "platform_status", "platform_status", "applied_waiting"),
    ("天猫国际旗舰店买的神仙水，专柜说是假货", None, "paid_off_platform", False),
    ("天猫国际下单的进口燕麦片，里面有小黑虫", None, "product_category", "食品"),
])
def test_dev16_phrasings(text, asked, slot, value):
    assert read(text, asked).slots[slot] == value


def test_similes_and_colour_names_are_no_food():
    # 燕麦色 is a colour, 肿得跟核桃一样 a simile: neither makes the goods food
    assert "product_category" not in read("相里是燕麦色，收到是深灰").slots
    assert read("蒸汽眼罩敷了一晚，眼皮肿得跟核桃一样").slots.get("product_category") != "食品"


def test_a_shop_gone_after_payment_is_fraud_beside_a_parcel_never_seen():
    r = read("付完钱东西到现在影子都没有，店主人也找不着了，这算不算诈骗啊", "dispute_type")
    assert "fraud" in r.decisive_types and r.slots["goods_received"] is False


def test_evidence_said_not_to_exist_is_missing():
    pending = list(K.dispute_types["fraud"].evidence)
    r = read("转账记录有，聊天截了几张，物流记录根本不存在，人家压根没寄", "evidence_item", pending)
    assert "payment_records" in r.evidence_have and "logistics_records" in r.evidence_missing


@pytest.mark.parametrize("text, asked, slot, value", [
    ("页面显示小二处理中", "platform_status", "platform_status", "applied_waiting"),  # the app's own words
    ("退款页面现在显示等待买家举证，让我三天内上传凭证", "platform_status", "platform_status", "applied_waiting"),
    ("介入结果出来了，页面上写着“卖家无需退款”", "platform_status", "platform_status", "ruled_against_buyer"),
    ("售后那里写着平台已判定，让卖家补发刷头，一个礼拜了还是没寄来", "platform_status", "platform_status",
     "ruled_for_buyer_not_honoured"),
    ("退款申请提了，还没到客服介入那一步", "platform_status", "platform_status", "not_applied"),
    ("他上礼拜就帮我点了介入，小二都判了支持退款，结果卖家还是不退", "platform_status", "platform_status",
     "ruled_for_buyer_not_honoured"),
    ("就问了一次。我想了想还是不退了，换个浅灰色的吧", "negotiation_rounds", "wants", "exchange"),
    ("那就补发吧，不退了，下周出差就得用，挺急的", None, "urgent", True),
    ("每回都回一句会往上反映，再往后就没人吱声了", None, "seller_attitude", "ignores"),
])
def test_dev17_phrasings(text, asked, slot, value):
    assert read(text, asked).slots[slot] == value


def test_a_receipt_date_is_read_with_the_day_the_message_came():
    import datetime

    r = read_message(K, "12月2号到的面霜，涂完脸就红了", today=datetime.date(2026, 12, 7))
    assert r.slots["days_since_receipt"] == 5
    assert "days_since_receipt" not in read("12月2号到的面霜，涂完脸就红了").slots


@pytest.mark.parametrize("text, asked, slot, value", [
    ("天猫买的电动牙刷充不进电了，客服非说是我自己充电方式不对，让我寄回去检测", None, "seller_attitude", "shifts_blame"),
    ("申请了七天无理由退货，卖家直接reject了，说吊牌拆了不能退", None, "seller_attitude", "refuses"),
    ("买的一箱橙子物流卡在中转站一个礼拜不动了", None, "goods_received", False),
])
def test_dev18_phrasings(text, asked, slot, value):
    assert read(text, asked).slots[slot] == value


def test_what_the_seller_asks_for_is_no_evidence_in_hand():
    assert "proof_of_reality" not in read("客服非说是我自己充电方式不对，让我寄回去检测").evidence_have


def test_a_ruling_in_a_question_about_what_may_happen_is_none():
    r = read("两次了。如果我去点介入，will平台判我恶意吗？", "negotiation_rounds")
    assert "platform_status" not in r.slots and r.slots["negotiation_rounds"] == 2
    assert read("凭啥判我输？小二居然站卖家那边").slots["platform_status"] == "ruled_against_buyer"


@pytest.mark.parametrize("text, asked, slot, value", [
    ("物流显示昨天已签收了，可我家一直有人，根本没人送来", None, "goods_received", False),
    ("客服问了三次都说活动送完了", None, "seller_attitude", "refuses"),
    ("申请介入那个按钮我还没按", "platform_status", "platform_status", "not_applied"),
    ("在天猫买的冰鲜三文鱼，打开一股臭味", None, "product_category", "食品"),
])
def test_dev19_phrasings(text, asked, slot, value):
    assert read(text, asked).slots[slot] == value


def test_someone_else_not_contacting_the_shopper_is_no_stance():
    # the installer did not call: the shopper may well have talked to the seller
    assert "seller_attitude" not in read("说好送货上门加安装，根本没人送来，安装师傅也没联系过我").slots


def test_bought_on_taobao_says_nothing_of_how_it_was_paid():
    # scam victims "bought on Taobao" and then paid by WeChat: only the payment itself says
    assert "paid_off_platform" not in read("淘宝上买的二手单反，2800，收到打开是个空盒子").slots


@pytest.mark.parametrize("text, asked, slot, value", [
    ("tb拍的空气炸锅用了三天就不加热了，一百吧十九买的", None, "amount_yuan", 189.0),  # 吧 typed for 八
    ("两佰囤了一箱螺蛳粉，拆开酸笋包胀得鼓鼓的", None, "amount_yuan", 200.0),
    ("后来申请了介入，小二判卖家全额退款，可卖家到现在还是没给", None, "platform_status", "ruled_for_buyer_not_honoured"),
    ("卖家这次说他们补的就是两个，是我同事自己弄丢了", "seller_attitude", "seller_attitude", "shifts_blame"),
])
def test_dev20_phrasings(text, asked, slot, value):
    assert read(text, asked).slots[slot] == value


@pytest.mark.parametrize("text, asked, slot, value", [
    # 签收 of the tracking page, the gatekeeper or the seller's words is no receipt
    ("快递显示门卫签收了，门卫大爷说压根没见过，我翻了个底朝天也没有。卖家倒好，说签收了就跟他没关系",
     None, "goods_received", False),
    ("这都半个月了东西也没见着，微信也把我删了", None, "goods_received", False),
    ("签收了，打开一看是坏的", None, "goods_received", True),
    # the seller as older shoppers call it
    ("我还没找那个卖东西的，先来问问你", None, "seller_attitude", "not_contacted"),
    ("还没跟那个店说呢，你说我是找他去还是直接找淘宝的人", None, "seller_attitude", "not_contacted"),
    ("找了卖东西的，人家说给重新寄一副，叫我把这个寄回去", None, "seller_attitude", "cooperative"),
    ("那个店说不给退", None, "seller_attitude", "refuses"),
])
def test_dev21_phrasings(text, asked, slot, value):
    assert read(text, asked).slots[slot] == value


@pytest.mark.parametrize("text, types", [
    ("左眼给我配成了-3.50，度数根本不对", ["quality"]),  # prescription glasses
    ("在淘宝充100块话费，现在都第三天了话费一分没到", ["logistics"]),  # a top-up that never came
    ("到手拿去金店一称只有2.71克，克重明显不足", ["false_advertising"]),
    # a state told on the way is no complaint: the refusal is the dispute
    ("赶紧申请退款想重拍，订单那会儿还显示没发货，卖家直接拒绝", ["refund_refused"]),
])
def test_dev22_types_named(text, types):
    assert read(text).types == types


def test_a_top_up_that_never_came_was_not_received():
    assert read("在淘宝充100块话费，现在都第三天了话费一分没到").slots["goods_received"] is False


def test_a_resend_on_condition_of_paying_again_is_no_cooperation():
    text = "卖家说退回去了要我再掏一次邮费才给重新寄，凭啥"
    assert read(text).slots["seller_attitude"] == "shifts_blame"


def test_a_live_stream_s_promised_gift_names_false_advertising():
    assert "false_advertising" in read("直播间说拍两件送同款小样，到手小样影子都没有").types


@pytest.mark.parametrize("text, asked, slot, value", [
    ("平台那边我还没找", None, "platform_status", "not_applied"),
    ("还没顾上找卖家，想先问问这种该怎么弄，别回头被店家一句'真丝不退换'就给打发了", None,
     "seller_attitude", "not_contacted"),  # the refusal is only feared
    ("客服慢悠悠来一句'亲，赠品名额有限，已经送完了哦'", None, "seller_attitude", "refuses"),  # the quote's cue
    ("上周四物流就显示已签收，压根没见着东西。一千多块的东西啊，签收了就不关他事了？", None,
     "goods_received", False),  # the seller's logic echoed is no receipt
    ("快递到的时候箱子一角都凹进去了", None, "goods_received", True),
])
def test_dev23_phrasings(text, asked, slot, value):
    assert read(text, asked).slots[slot] == value


def test_an_unboxing_filmed_in_so_many_words_is_the_unboxing_video():
    assert "unboxing_video" in read("我当着快递员的面录着视频拆的，里面碎了一半").evidence_have


def test_a_question_whether_it_works_names_no_fault():
    assert read("可是不拆我怎么知道能不能用？").types == []


def test_a_correction_said_twice_replaces_the_amount():
    assert read("五百多，哦不对不对，我看了一下是六百二", "amount_yuan").slots["amount_yuan"] == 620.0


@pytest.mark.parametrize("text, asked, slot, value", [
    ("客腹说签收了就不归他们管 一分不退 还说生鲜不支持售后", "seller_attitude", "seller_attitude", "refuses"),
    ("客服还嘴硬说是真丝", None, "seller_attitude", "refuses"),  # denying the problem, not blaming anyone
    ("申请过介入了 小二判的不支持我 说尺码在正常误差范围", "platform_status", "platform_status",
     "ruled_against_buyer"),
    ("申请过介入了，小二判的卖家赢，现在显示退款关闭", "platform_status", "platform_status", "ruled_against_buyer"),
    ("找客服说了两回，第二回说冷链不可能坏，肯定是我收到没及时放冰箱", None, "seller_attitude", "shifts_blame"),
    ("直播间买的燕麦脆，吃了一碗嘴唇就肿了", None, "product_category", "食品"),
])
def test_dev24_phrasings(text, asked, slot, value):
    assert read(text, asked).slots[slot] == value


def test_telling_the_seller_is_not_what_the_seller_said():
    assert "seller_attitude" not in read("跟卖家说了三次", "negotiation_rounds").slots
    assert "seller_attitude" not in read("找客服说了两回").slots
    assert read("找客服两次都说是检测仪不准").slots["seller_attitude"] == "shifts_blame"


@pytest.mark.parametrize("text, asked, slot, value", [
    # what the seller did, or said in a formal register
    ("客服挺痛快 直接发了换货链接 说我寄回去 收到就给发34码", "seller_attitude", "seller_attitude", "cooperative"),
    ("客服看了照片就说给我补发一个新的 让我把破的先留着 他们去找快递理赔 不用我寄回", "seller_attitude",
     "seller_attitude", "cooperative"),  # the seller claims from the courier itself
    ("客服态度尚可，表示将安排售后师傅上门检测，若确属故障可换新。", "seller_attitude", "seller_attitude", "cooperative"),
    ("客服答复页面数据无误，不予退货，亦不作任何补偿。", "seller_attitude", "seller_attitude", "refuses"),
    ("客服回了句'以实物为准' 我再去点申请售后 按钮直接变灰点不了了", None, "seller_attitude", "refuses"),
    ("让找快递 快递不接电话", "seller_attitude", "seller_attitude", "shifts_blame"),
    ("客服说先撤了私下给我处理 我撤了", None, "seller_attitude", "ignores"),
    # the platform, in the app's words and in a complaint letter's
    ("之前点过退货 客服说先撤了 现在订单显示'已撤销申请' 小二没找过", "platform_status", "platform_status",
     "not_applied"),
    ("申请了仅退款 卖家给拒了 现在显示'退款关闭' 小二还没找", "platform_status", "platform_status", "not_applied"),
    ("经两次沟通未果，现已申请平台介入，正在等待处理", None, "platform_status", "applied_waiting"),
    ("平台已判定支持本人退款，然卖家至今未予退款", None, "platform_status", "ruled_for_buyer_not_honoured"),
    ("本人申请平台介入后，平台判定本人败诉", None, "platform_status", "ruled_against_buyer"),
    ("物流显示已签收 签收人写的'本人' 我压根没签过 驿站和家门口都找遍了 没有", None, "goods_received", False),
    ("网上买的鱿鱼丝 吃了小半袋 半个钟身上就起了一片片风团", None, "product_category", "食品"),  # eaten
])
def test_dev25_phrasings(text, asked, slot, value):
    assert read(text, asked).slots[slot] == value


def test_dev25_types_named():
    # a promised gift that never came is the promotion untrue; mould and rancid nuts are the goods gone bad
    assert "false_advertising" in read("活动页写着'前500名下单送价值299拖布套装' 到货只有机器 赠品影子都没有").types
    assert "quality" in read("拆开一袋碧根果全是哈喇味 还有几颗长了白毛").types
    # a fault waved off in the clause after it ("这个其实无所谓") is not what is claimed
    r = read("电动牙刷到手就充不进电 这个其实无所谓 退回去就完事 卖家也同意退了 我按他给的地址寄回去 显示签收五天了 "
             "钱一直不退 消息也不回 我要说的是这个 退款的事")
    assert r.types == ["refund_refused"]
    # the main problem named after it: "…系运输途中损坏，此为本人主要反映之问题"
    assert read("开箱后屏幕已碎裂，系运输途中损坏，此为本人主要反映之问题。卖家以已签收为由拒绝退款").main_type == "logistics"
    assert read("颜色比样板深一点这个我忍了 主要是尺码完全不对").main_type == "size"
    assert "product_category" not in read("吃了哑巴亏").slots  # no goods eaten


def test_someone_else_deleting_asks_no_erasure():
    from advisor.privacy import asks_to_erase
    assert not asks_to_erase(K, "微信转账记录截图有 他删我之前的聊天截了一部分")
    assert asks_to_erase(K, "把我的记录都删了吧")


@pytest.mark.parametrize("text, asked, slot, value", [
    ("客服挺客气的 让我把医院的单子发过去 说他们核实一下给处理", "seller_attitude", "seller_attitude", "cooperative"),
    ("一直说是我自己原因退的 运费不给 钱也卡着不退", "seller_attitude", "seller_attitude", "refuses"),
    ("在他家买的降噪耳机 店家拍胸脯说是正品 我拿去官方售后查序列号 人家说查无此号", None, "seller_attitude",
     "refuses"),  # the seller's word that it is genuine denies the problem
    ("网上买的进口乳清蛋白粉，喝到第二桶身上开始起荨麻疹", None, "product_category", "食品"),
])
def test_dev26_phrasings(text, asked, slot, value):
    assert read(text, asked).slots[slot] == value


def test_dev26_types_named():
    assert "color_difference" in read("一条香槟金的连衣裙，照片里那种柔柔的金色，到手一看是发黄的土黄").types
    assert "logistics" in read("物流送上门一共6个包裹，发货单上写的是7件，少了一包门板").types


def test_not_taken_yet_answers_the_evidence_question():
    pending = ["daylight_comparison_photos", "listing_screenshot", "chat_records"]
    r = read("还没拍", "evidence_item", pending)
    assert r.evidence_missing == pending and r.answered


@pytest.mark.parametrize("text, asked, slot, value", [
    ("还行吧 说可以按色卡重新给我调一桶寄过来 就是得等", "seller_attitude", "seller_attitude", "cooperative"),
    ("给客服发了好几次消息都莫得人回", None, "seller_attitude", "ignores"),  # Sichuan 莫得 = 没有
    ("客服一口咬死不退，说穿过洗过了不在售后范围", "seller_attitude", "seller_attitude", "refuses"),
    ("客服说数据是实验室测的，家里环境不一样，不认", "seller_attitude", "seller_attitude", "refuses"),
    ("申请了平台介入，判我赢，让商家退款", None, "platform_status", "ruled_for_buyer_not_honoured"),
    ("网上买的即食海参，吃了两条全身起风团", None, "product_category", "食品"),
    ("转好就拉黑了，货也没发", None, "goods_received", False),
])
def test_dev27_phrasings(text, asked, slot, value):
    assert read(text, asked).slots[slot] == value


def test_dev27_types_and_places():
    # two colours with a turn between them, beside the seller's refusal, in a correction
    r = read("我说的是颜色不是尺码，L码穿着正好。图上是燕麦色，收到是土黄色。客服说拍照有色差很正常，不给退",
             "seller_attitude")
    assert "color_difference" in r.types and "size" in r.negated_types
    assert "false_advertising" in read("不是质量问题，是他页面写的“除甲醛率99%”跟实际完全不符").types
    assert "logistics" in read("屏幕右下角裂了一道，外箱侧边有个大凹坑，应该是路上撞的").decisive_types
    assert "product_category" not in read("剩下的几条还在冰箱 盒子都留着", "evidence_item").slots  # a place
    assert read("买的冰箱不制冷").slots["product_category"] == "数码家电"
    assert "reaction_photos" in read("红疹照片、病历、盒子上的批号和成分表都拍了").evidence_have


@pytest.mark.parametrize("text, asked, slot, value", [
    ("客服说是快递那边的事 让我自己打快递电话 他们不管", "seller_attitude", "seller_attitude", "shifts_blame"),
    ("卖家说「我们卖了几万瓶就你过敏」 不管", None, "seller_attitude", "refuses"),  # blame on the shopper, then no
    ("客服态度还行 说寄回去检测 确认是质量问题就换新的", "seller_attitude", "seller_attitude", "cooperative"),
    ("客服挺好的，说拍照发过去给我处理", "seller_attitude", "seller_attitude", "cooperative"),
    ("收到的和我拍的不是一个东西 我拍的蓝牙耳机 盒子里是个充电宝", None, "goods_received", True),
])
def test_dev28_phrasings(text, asked, slot, value):
    assert read(text, asked).slots[slot] == value


def test_dev28_types_named():
    assert "logistics" in read("收到的和我拍的不是一个东西 我拍的蓝牙耳机 盒子里是个充电宝").decisive_types
    assert "fraud" in read("买的香水到了 跟专柜试的味道差太多 喷完半小时就没味了").types


@pytest.mark.parametrize("text, asked, slot, value", [
    # pinyin initials standing alone in Chinese text
    ("扫地机器人2599 申请th tk sj不同意 我jr了 xe判支持我退宽 sj到现在都不给钱", None, "platform_status",
     "ruled_for_buyer_not_honoured"),
    ("tm买的羽绒服 拍的雾霾蓝 到手是灰绿色 我已经申请xe介如了 在等结果", None, "platform_status", "applied_waiting"),
    # a seller's "不支持退款" is no ruling; a ruling said with 判 is
    ("kf就一句 亲亲不支持tk哦 🙅 拒了", "seller_attitude", "seller_attitude", "refuses"),
    ("俺又申请了介入 小二判了 不支持退款 这不欺负人嘛", None, "platform_status", "ruled_against_buyer"),
    ("遮光窗帘到了，我还没找卖家说，平台也没弄", None, "platform_status", "not_applied"),
    ("鱼缸到了，打开全是碎玻璃渣。420块的超白缸。平台我没申请", None, "platform_status", "not_applied"),
])
def test_dev29_phrasings(text, asked, slot, value):
    assert read(text, asked).slots[slot] == value


def test_initials_are_never_read_inside_english():
    assert read("the parcel never arrived").types == ["logistics"]
    assert "platform_status" not in read("kf就一句 亲亲不支持tk哦 🙅 拒了").slots


def test_evidence_said_up_front_in_prose():
    r = read("快递页面截了图，签收那条记录也截了，开箱视频什么的当然没有，东西都没见着")
    assert {"tracking_screenshot", "signing_record"} <= set(r.evidence_have)
    assert "unboxing_video" in r.evidence_missing
    assert "chat_records" in read("跟客服的聊天都截了图").evidence_have
    assert "logistics" in read("鱼缸到了，打开全是碎玻璃渣，外箱被压瘪了").decisive_types


@pytest.mark.parametrize("text, asked, slot, value", [
    # a platform's result said without 判
    ("申请过介入了 平台前两天出结果了 说证据不足 不支持退款", "platform_status", "platform_status",
     "ruled_against_buyer"),
    # other platforms' shops are on the platform
    ("没有 就在快手小店里付的", "paid_off_platform", "paid_off_platform", False),
    ("快手直播间买的包 花了1.58万 收到感觉不对 拿去得物鉴定 结果是仿品", None, "goods_received", True),
    ("然后秒拉黑 闲鱼号也不擦亮了 东西肯定是没有了", None, "goods_received", False),
    # a count taken back: the one more contact after it is in the new total
    ("介入还没申请。哦刚才说错了 其实找了他三次 前天晚上还找过一回", "platform_status", "negotiation_rounds", 3),
])
def test_dev30_phrasings(text, asked, slot, value):
    assert read(text, asked).slots[slot] == value


def test_what_was_received_when_it_was_not_the_goods():
    r = read("物流截图有。卧槽 刚收到平台通知 判我赢了", "evidence_item")
    assert "goods_received" not in r.slots and "days_since_receipt" not in r.slots
    r = read("小面包今天拆了几个 都长白毛了 保质期还没到呢")
    assert "goods_received" not in r.slots and "food_label_photo" not in r.evidence_have
    assert "food_kept" in read("牛肉干长白毛了 袋子和剩下的我都留着").evidence_have


def test_all_evidence_but_the_items_named():
    pending = ["chat_records", "payment_records", "authenticity_check", "logistics_records"]
    r = read("除了付款截图 别的都有", "evidence_item", pending)
    assert r.evidence_missing == ["payment_records"]
    assert set(r.evidence_have) == {"chat_records", "authenticity_check", "logistics_records"}
    r = read("除了聊天记录其他都没有", "evidence_item", pending)
    assert r.evidence_have == ["chat_records"] and len(r.evidence_missing) == 3


@pytest.mark.parametrize("text, asked, slot, value", [
    # a question back in the same answer is no answer
    ("就在平台下单付的 没私下转账 私下转的会更难办吗", "paid_off_platform", "paid_off_platform", False),
    ("申请了平台介入，结果判我们输，说证明不了是吃这个吃的", None, "platform_status", "ruled_against_buyer"),
    ("商家不给退 申请了客服介入 结果小二已判定 说在误差范围内 不支持", None, "platform_status",
     "ruled_against_buyer"),
    # a price, then what a test cost
    ("一千五百八 检测费还另外花了三百 这个能一起要吗", "amount_yuan", "amount_yuan", 1580.0),
    ("179 运费险没买 退的话运费是不是得我出", "amount_yuan", "amount_yuan", 179.0),
])
def test_dev31_phrasings(text, asked, slot, value):
    assert read(text, asked).slots[slot] == value


def test_dev31_no_stance_and_types():
    # the platform's customer service and the shopper's own request say nothing of the seller
    assert "seller_attitude" not in read("申请了补寄 现在是待商家处理 还没找客服介入", "platform_status").slots
    assert read("电饭煲用了不到一周 内胆涂层一块一块往下掉").types == ["quality"]
    assert "false_advertising" in read("详情页写的20000mAh 用测试仪测出来实际才8000出头 商家已拒绝退货").types


def test_evidence_as_a_checklist():
    r = read("照片✅ 视频❌ 聊天记录✅ 订单截图✅", "evidence_item", QUALITY)
    assert r.evidence_missing == ["defect_video"] and set(r.evidence_have) == {"defect_photos", "chat_records", "order_info"}
    r = read("脸的照片 有 / 医院诊断 无 / 订单截图 有", "evidence_item",
             ("reaction_photos", "diagnosis", "order_info", "batch_and_ingredients"))
    assert set(r.evidence_have) == {"reaction_photos", "order_info"} and "diagnosis" in r.evidence_missing


@pytest.mark.parametrize("text, asked, slot, value", [
    ("找了老板一回 老板说不得退 买了就是买了", None, "seller_attitude", "refuses"),  # 不得: won't (Sichuan)
    ("咖啡机退货商家也同意了，寄回去半个月了，商家早就签收了，可退款到现在都没到账", None, "seller_attitude", "ignores"),
    ("说好三天发货，现在一个礼拜了都没发，找他退款直接把我拉黑了", None, "goods_received", False),
    ("买了个蓝牙音箱，收到连塑封都没拆，第三天就申请了7天无理由退货", None, "goods_received", True),
    # the box came and was opened: what it lacked is not the parcel missing
    ("电脑桌今天签收的。拆开准备组装，五金包和左侧板都不在箱子里，整箱翻了个遍也没有", None, "goods_received", True),
    ("显示签收了 家里翻了个遍也没有", None, "goods_received", False),
])
def test_dev32_phrasings(text, asked, slot, value):
    assert read(text, asked).slots[slot] == value


def test_dev32_types_decided_by_the_facts_not_the_label():
    # dye that runs and goods that scorch are faults of the goods, whatever the shopper calls them
    assert read("颜色跟图片一模一样没毛病，结果第一次手洗就掉色掉了一盆黑水 这是色差还是啥啊").decisive_types == ["quality"]
    assert read("电热护腰垫烫得要命 腰上起了个小水泡 垫子里那层布都烤焦了 这算过敏吧").decisive_types == ["quality"]
    # a tracking number for someone else's parcel is a fake one
    assert "fraud" in read("物流显示签收了 快递员说这个单号是寄到新疆的一个0.1公斤的小件 收件人地址都不是我的").decisive_types
    # 真空包装 holds no empty parcel
    assert read("真空包装的鸭脖，今天拆了两袋，袋子胀得鼓包了").decisive_types == []
    # a parcel stuck at a depot has not reached the shopper
    r = read("物流显示到了中转站以后就十来天没动过了")
    assert "days_since_receipt" not in r.slots and "goods_received" not in r.slots


def test_dev33_terse_and_itemised_messages():
    assert read("他说要么接受要么算了").slots["seller_attitude"] == "refuses"
    assert read("买的粉色卫衣 到了发橘").types == ["color_difference"]
    assert read("买的裤子短一截").types == ["size"]
    assert read("吃了虾干 起疹子").slots["product_category"] == "食品"
    assert "food_kept" in read("还剩半袋", "evidence_item", ("diagnosis", "order_info", "food_kept")).evidence_have
    assert set(read("拉链拉了两下头就掉了").types) == {"quality"}
    assert set(read("拆开好几盒都胀包了 一打开一股酸味 日期是上个月的 还没过期").types) == {"quality"}
    assert read("白T恤洗了两次就偏黄了").types != ["color_difference"]  # yellowing in the wash is no colour difference
    assert "listing_claim_screenshots" in read("详情页写续航180分钟 详情页我都截图存了").evidence_have


@pytest.mark.parametrize("text, asked, slot, value", [
    # English words inside Chinese, as young shoppers write
    ("refund一直不处理 催了也不回 我已经apply了平台介入 还在pending", None, "platform_status", "applied_waiting"),
    ("seller说他们就是这样标的 拒绝退款 我打算直接去court告他们", None, "legal_matter", True),
    # written Cantonese: a ruling for the buyer, goods that never reached the forwarder
    ("我申請咗客服介入 客服判咗我可以退 但賣家拒收 錢到而家都未退", None, "platform_status",
     "ruled_for_buyer_not_honoured"),
    ("佢俾咗個假單號 集運倉都冇收過任何嘢", None, "goods_received", False),
    ("卖家说可以免费寄一支新的气压棒给我", None, "seller_attitude", "cooperative"),
])
def test_dev34_phrasings(text, asked, slot, value):
    assert read(text, asked).slots[slot] == value


def test_dev34_types():
    assert "refund_refused" in read("7天无理由return了 但refund一直不处理").types
    assert set(read("吹风机用了不到一个礼拜就不出热风了 只吹冷风").types) == {"quality"}
    assert "logistics" in read("快递送到的时候外箱就破了 拆开屏幕是碎的 卖家一直拖着不退").decisive_types


@pytest.mark.parametrize("text, slot, value", [
    # a day close at hand and what the goods are needed for; a deadline running out
    ("后天面试要穿！西装标的L码 穿上根本扣不上", "urgent", True),
    ("孩子明天就开学了，买的书包物流显示已签收，可我家根本没收到", "urgent", True),
    ("电饭煲才用了两次就不加热了，自动确认收货还剩2天", "urgent", True),
    ("商家说拆了不给退！七天明天就过了，急", "urgent", True),
    ("节都过完了还没到，急死", "urgent", True),  # (急死 after a 没 it does not belong to)
    # a step the shopper will not take is no legal matter
    ("拿给做律师的朋友看，他说这算虚假宣传，不过我不想闹上法院，就想在平台上解决", "legal_matter", None),
    ("我打算去法院起诉", "legal_matter", True),
    ("他让我加微信转账说便宜，我转了1600，现在把我拉黑了，票也没给", "goods_received", False),
    ("网上买的1280的香水，拿去专柜验了说批次码是假的", "goods_received", True),
])
def test_dev35_phrasings(text, slot, value):
    assert read(text).slots.get(slot) == value


def test_dev35_types_evidence_and_stances():
    assert "quality" in read("吹风机用了不到一周插头那里冒烟，一股焦味，客服说不是质量问题").decisive_types
    assert "false_advertising" in read("取暖器页面写2200W，我拿功率计一测才900W").types
    assert "daylight_comparison_photos" in read("我在太阳底下和图片对比拍了照").evidence_have
    assert read("没申请，卖家都说会处理了", "platform_status").slots["seller_attitude"] == "cooperative"


@pytest.mark.parametrize("text, slot, value", [
    # dev36: a count said after an overstatement; a stance the shopper only guesses at
    ("发了得有八百回了吧，其实就三次，三次都石沉大海", "negotiation_rounds", 3),
    ("拉黑前聊了好几回 其实是两次", "negotiation_rounds", 2),
    ("还没找呢，找了估计也是「亲亲色差是正常现象哦」那一套，懒得先跟他们废话", "seller_attitude", "not_contacted"),
    # "显示已签收" is the tracking page; never seen is not received
    ("物流显示已签收三天了，我连个包装袋都没见着，199的蓝牙音箱", "goods_received", False),
    ("票？票在哪呢，我连个影都没见着", "goods_received", False),
])
def test_dev36_phrasings(text, slot, value):
    assert read(text, slot if slot != "goods_received" else None).slots.get(slot) == value


def test_dev36_evidence():
    assert "food_kept" in read("59块的每日坚果，剩下的大半袋我还留着").evidence_have
    # the return's tracking number written out is in hand; a number of no return is not
    assert "return_tracking" in read("11月5号就寄回去了 顺丰单号SF1458830276614 退款一直不给").evidence_have
    assert "return_tracking" not in read("快递单号SF1458830276614 一直不动").evidence_have
    assert "return_tracking" not in read("寄回去了 单号还没填").evidence_have


DEV37_PHRASINGS = [
    # dev37: corrections, a count and its breakdown, the question said back, an ordinal of several
    ("两次吧…不，三次，今早又问了一次", "negotiation_rounds", "negotiation_rounds", 3),
    ("三次，哦不对，两次，第三条我打了没发出去", "negotiation_rounds", "negotiation_rounds", 2),
    ("几次？两次吧，昨晚一次今早一次", "negotiation_rounds", "negotiation_rounds", 2),
    ("打了一次电话，旺旺上又说了两次", "negotiation_rounds", "negotiation_rounds", 3),
    ("头一回找那个店 人家说给退钱 让我等着 后来就没动静了 再发消息也不回", "seller_attitude", "negotiation_rounds", None),
    ("头一回找就答应了", "negotiation_rounds", "negotiation_rounds", 1),
    # another order's application, and the refund button, are no intervention
    ("没申请过。哦之前别的店申请过一次，不是这单", "platform_status", "platform_status", "not_applied"),
    ("之前那个啊，别的单子申请过一次后来撤了，这单没有申请", "platform_status", "platform_status", "not_applied"),
    ("没有 退款那个按钮我点过 后来就不知道咋弄了 介入是啥意思", "platform_status", "platform_status", "not_applied"),
    ("申请了，退款页面点了介入", "platform_status", "platform_status", "applied_waiting"),
    ("小二判了 说卖家该退给我 可卖家就是不退", "platform_status", "platform_status", "ruled_for_buyer_not_honoured"),
    # a rhetorical "收到了我还找你干嘛" is not received
    ("没有啊，收到了我还找你干嘛", "goods_received", "goods_received", False),
    ("到现在一个礼拜了车也没见着 微信也把我拉黑了", None, "goods_received", False),
    # advice before buying is no stance; "说能退" is
    ("给娃买运动鞋，问了客服说穿33，买来娃一穿就喊挤脚", None, "seller_attitude", None),
    ("窗帘寄来的是大黄色 卖东西的说能退 可我不会弄啊", None, "seller_attitude", "cooperative"),
    # a measure summed up is no amount; a total of money is
    ("裤子一百二十九块钱 我拿软尺平铺量的腰 才三十八公分 两边加起来七十六", None, "amount_yuan", 129.0),
    ("先付了1500定金，又转了2300，一共3800", None, "amount_yuan", 3800.0),
]


def test_dev37_types_and_evidence():
    assert "color_difference" in read("定做的窗帘页面上是米白，挂上去发黄，跟放了十年似的").types
    assert "color_difference" not in read("白衬衫洗了两次就发黄了").types
    have = read("寄来一看是灰不溜秋的紫 我闺女把店里那个图片截了个屏存着呢").evidence_have
    assert "listing_screenshot" in have
    assert "size_label_photo" in read("鞋盒子上贴的那个码我拍了照片 是二十八没错").evidence_have
    assert "food_kept" in read("剩下的一瓶半我都收着没动").evidence_have
    assert "return_tracking" in read("退货的快递单子我还留着呢 人家店里签收了都十来天了").evidence_have
    assert "proof_of_reality" in read("里头那个小布条写着腈纶百分之六十 那个布条我拍了照片了").evidence_have
    assert "package_photos" in read("箱子破的那面我当场就拍了照").evidence_have
    assert "daylight_comparison_photos" in read("我拿到阳台上对着太阳跟手机上那个图比了比 还拍了几张照片").evidence_have


DEV38_PHRASINGS = [
    # dev38: the number answered, then what it bought; 双开门 is a fridge, not pairs
    ("238 6寸的", "amount_yuan", "amount_yuan", 238.0),
    ("328 3斤装JJ级的", "amount_yuan", "amount_yuan", 328.0),
    ("冰箱2499 双开门那个", "amount_yuan", "amount_yuan", 2499.0),
    ("1 299", "amount_yuan", "amount_yuan", None),
    # contacts with the courier or the installer are no talks with the seller
    ("找了店铺两次，物流那边我另外打了三次电话，都在互相推", "negotiation_rounds", "negotiation_rounds", 2),
    # a fee paid to the installer is no money paid to the seller outside the platform
    ("能效标签拍了照 师傅收钱没给收据 只有微信转账记录", "evidence_item", "paid_off_platform", None),
    ("在淘宝看到卖大闸蟹的 客服让加微信 我就微信转了1880", None, "paid_off_platform", True),
    ("卖家让我加微信转账便宜两百 还说会派师傅上门安装", None, "paid_off_platform", True),
    ("花了400找了两次都不理", "negotiation_rounds", "negotiation_rounds", 2),  # 400 yuan, not a hotline
    # rulings: 判商家赢 is against the shopper, 也判了退我钱 for them
    ("我申请了小二介入 结果判商家赢了 凭什么啊", None, "platform_status", "ruled_against_buyer"),
    ("后来申请了平台介入 平台也判了退我钱 结果商家到现在还没退", None, "platform_status",
     "ruled_for_buyer_not_honoured"),
    # what the seller offers on a condition is cooperation; sent on to the courier is blame
    ("客服说每个坏果都要单独拍照才给赔 这也太麻烦了吧", None, "seller_attitude", "cooperative"),
    ("问店铺 说物流的事他们也没办法 让我自己去催快递", "seller_attitude", "seller_attitude", "shifts_blame"),
    ("宝宝喝了两天都不肯喝了 感觉是假货", None, "goods_received", True),
    ("现在一个月了沙发没影 微信把我拉黑了", None, "goods_received", False),
]


DEV39_PHRASINGS = [
    # dev39: the platform's and the seller's status lines pasted in
    ("结果页面显示【退款详情】商家已拒绝退款 拒绝原因：买家使用不当导致商品损坏", None, "seller_attitude", "shifts_blame"),
    ("申请了介入小二判卖家给重做 结果卖家拖了半个月都没重做也不退钱", None, "platform_status",
     "ruled_for_buyer_not_honoured"),
    ("问了卖家 卖家认了说工厂弄错了 说给我重做加急发顺丰", "seller_attitude", "seller_attitude", "cooperative"),
    ("申请了平台介入，结果小二判卖家赢，不支持退款", None, "platform_status", "ruled_against_buyer"),
    # money not yet arrived is no parcel not arrived; a face mask used, a purchase confirmed, came
    ("平台判了支持我退款 说48小时内 现在都过好几天了 还没到账", "platform_status", "goods_received", None),
    ("还没到货", None, "goods_received", False),
    ("敷了这家的补水面膜 第二天整张脸又红又痒", None, "goods_received", True),
    ("订单那边 交易成功 已确认收货 评价已关闭", None, "goods_received", True),
]


DEV40_PHRASINGS = [
    # dev40 and dev41: dialects, voice input, terse answers, orders of several items
    ("不吱声 就当没看着", "seller_attitude", "seller_attitude", "ignores"),
    ("店家那边我还没吱声呢", "seller_attitude", "seller_attitude", "not_contacted"),
    ("未搵小二 唔知点搞", "platform_status", "platform_status", "not_applied"),
    ("木有", "paid_off_platform", "paid_off_platform", False),
    ("x", "paid_off_platform", "paid_off_platform", False),
    ("不认", "seller_attitude", "seller_attitude", "refuses"),
    ("同意寄回修", "seller_attitude", "seller_attitude", "cooperative"),
    ("说我没放冰箱", "seller_attitude", "seller_attitude", "shifts_blame"),
    ("里厢的青花瓷花瓶碎了三块", None, "amount_yuan", None),
    ("给娃买了两套童装 原价178满150减20实际付158", None, "amount_yuan", 158.0),
    ("其中一瓶防伪码扫出来提示已被查询过多次", None, "negotiation_rounds", None),
    ("申请退款小儿都判了让他退钱他就是不退", None, "platform_status", "ruled_for_buyer_not_honoured"),
]


DEV42_PHRASINGS = [
    # dev42 and dev43: long stories full of other numbers, answers with a question back, sales events
    ("没有 都是淘宝上拍的 怎么了 私下付的会不一样吗", "paid_off_platform", "paid_off_platform", False),
    ("没 天猫下单付的 私下转账的才不管吗", "paid_off_platform", "seller_attitude", None),
    ("就问了一次 他甩锅我就没理了", "negotiation_rounds", "seller_attitude", "shifts_blame"),
    ("618预售的儿童自行车 我6月20付的尾款 现在都7月底了还显示未发货", None, "amount_yuan", None),
    ("足金手镯 当时金价一克580多 算下来还挺划算", None, "amount_yuan", None),
    ("跟客服说了 客服说可以退货退款 不想退的话补偿我10块钱", None, "amount_yuan", None),
    ("这电脑就是为了工作买的 16寸2.5K屏 32G内存", None, "amount_yuan", None),
    ("页面明明写可用跨店满400减60 结果下单死活用不上 原价438付的", None, "amount_yuan", 438.0),
    ("我打派件员电话打了五六次 要么不接要么说放驿站了", None, "negotiation_rounds", None),
    ("小二12月1号判的支持我退货退款 钱到现在也没退", None, "platform_status", "ruled_for_buyer_not_honoured"),
]


DEV44_PHRASINGS = [
    # dev44 and dev45: English and pinyin, news in an answer, cross-border and second-hand goods, clothes
    ("paid 899, it was on sale", "amount_yuan", "amount_yuan", 899.0),
    ("talked to them twice already", "negotiation_rounds", "negotiation_rounds", 2),
    ("no, haven't applied yet", "platform_status", "platform_status", "not_applied"),
    ("haven't applied for 介入 yet", "platform_status", "platform_status", "not_applied"),
    ("yes it arrived, just in pieces lol", "goods_received", "goods_received", True),
    ("没有真人回 全是自动回复", "seller_attitude", "seller_attitude", "ignores"),
    ("视频拍了 报警那个声音都录进去了", "evidence_item", "legal_matter", None),
    ("扫地机器人一直滴滴报警", None, "legal_matter", None),
    ("淘宝店买的99新iPhone13 2680 到手屏幕有烧屏", None, "amount_yuan", None),
    ("淘宝买的平行进口适马35 1.4镜头 三千四", None, "amount_yuan", 3400.0),
    ("这条jeans标的M 按size chart waist应该是70 我平铺量了只有64cm", None, "amount_yuan", None),
]


DEV46_PHRASINGS = [
    # dev46 to dev53, one list for the eight rounds. dev46 and dev47: news and corrections inside answers,
    # goods seldom seen, shoppers of all ages
    ("九十九三盒", "amount_yuan", "amount_yuan", 99.0),
    ("一百二两件", "amount_yuan", "amount_yuan", 120.0),
    ("6499 说错了 是6299 6499那是官网价", "amount_yuan", "amount_yuan", 6299.0),
    ("发了3次 哦不 4次 昨晚又发了一次还是没人理", "negotiation_rounds", "negotiation_rounds", 4),
    ("之前发过消息没人回 刚刚客服回我了 说直接给退款", "seller_attitude", "seller_attitude", "cooperative"),
    ("卖家不同意退款", "seller_attitude", "seller_attitude", "refuses"),
    ("问了客服 一口咬定是正品 说不退", "seller_attitude", "seller_attitude", "refuses"),
    ("头回唠的时候说给换 后来又说是定制的不能换 让我自个儿担着", "seller_attitude", "seller_attitude", "refuses"),
    ("找了两次 第一次答应换 第二次就变卦了", "negotiation_rounds", "seller_attitude", "refuses"),
    ("头先两日冇人覆 琴日先有客服覆我 话直接同我换部新嘅 来回运费佢哋包", "seller_attitude", "seller_attitude",
     "cooperative"),
    # what the seller did in earlier talks, told in the count: history, not news
    ("搵咗三次 头两次都冇人理", "negotiation_rounds", "seller_attitude", None),
    ("客服让我自己打厂家售后 说跟店里没关系", "seller_attitude", "seller_attitude", "shifts_blame"),
    ("客腹说肯定是孩子摔过 让我自己拿去线下售后点修", "seller_attitude", "seller_attitude", "shifts_blame"),
    ("客服说可以补点差价或者直接退 问了一次", None, "seller_attitude", "cooperative"),
    ("上礼拜申请了介入 小二判我这边赢了 让商家补发 商家就是不发", "platform_status", "platform_status",
     "ruled_for_buyer_not_honoured"),
    ("没到啊 到了还问啥", "goods_received", "goods_received", False),
    ("鞋子按尺马表买的42 穿上顶脚", None, "amount_yuan", None),
    # the courier asked in between is no talk with the seller
    ("我先找的客服 他说不可能少 让我找快递 我又去找快递 快递说不归他们管 我又回去找客服", "negotiation_rounds",
     "negotiation_rounds", 2),
    # numbers typed in pinyin
    ("yibai liushijiu", "amount_yuan", "amount_yuan", 169.0),
    ("yi bai liu shi jiu kuai", "amount_yuan", "amount_yuan", 169.0),
    ("liang ci", "negotiation_rounds", "negotiation_rounds", 2),
    # the seller's stance told in English
    ("they refused", "seller_attitude", "seller_attitude", "refuses"),
    ("they didn't agree to refund", "seller_attitude", "seller_attitude", "refuses"),
    ("no reply at all", "seller_attitude", "seller_attitude", "ignores"),
    ("they said it's my fault", "seller_attitude", "seller_attitude", "shifts_blame"),
    ("they agreed to refund", "seller_attitude", "seller_attitude", "cooperative"),
    ("haven't contacted them yet", "seller_attitude", "seller_attitude", "not_contacted"),
    # dev48 and dev49: walls of text and one-word answers, misleading words, unusual answers, where the
    # case stands
    ("给我闺女买了件羽绒服 170/92A的码 899块 90白鸭绒", None, "amount_yuan", 899.0),
    ("按尺码表拍的L 胸围写116 我平铺量了才104", None, "amount_yuan", None),
    ("问题是打了五六次豆浆电机就冒焦糊味", None, "negotiation_rounds", None),
    ("比我妈之前买那个还贵一百 三百九十九", "amount_yuan", "amount_yuan", 399.0),
    ("si ge yi gong 105", "amount_yuan", "amount_yuan", 105.0),
    ("hao ji ci", "negotiation_rounds", "negotiation_rounds", 3),
    ("周五发到现在 发了三天 一天一条", "negotiation_rounds", "negotiation_rounds", 3),
    ("给换👌", "seller_attitude", "seller_attitude", "cooperative"),
    ("他原话是'亲 这个属于正常现象哦'", "seller_attitude", "seller_attitude", "shifts_blame"),
    ("客服说让我再等等 说已经帮我催快递了", "seller_attitude", "seller_attitude", "cooperative"),
    ("截图里写着'平台判定：商家补发' 可都过去一周了还没动静", "platform_status", "platform_status",
     "ruled_for_buyer_not_honoured"),
    # the platform's own service is no seller: not contacted, and the platform has it
    ("我没找店里 直接打的淘宝官方客服 人家说三个工作日之内给我答复", None, "seller_attitude", "not_contacted"),
    ("我没找店里 直接打的淘宝官方客服 人家说三个工作日之内给我答复", None, "platform_status", "applied_waiting"),
    ("吃了网上买的黑芝麻丸 半小时后脖子和胳膊起了一片风团", None, "product_category", "食品"),
    # dev50 and dev51: formal complaints and rants, the type taken back, sums of money, evidence answers
    ("该商家称过敏系本人肤质敏感所致，与产品无关。", "seller_attitude", "seller_attitude", "shifts_blame"),
    ("本人尚未联系该商家。", "seller_attitude", "seller_attitude", "not_contacted"),
    ("本人于11月5日当天联系商家一次，客服已同意退货退款。本人想了解如该商家后续不履行应如何处理。", None,
     "platform_status", None),
    ("双十一预售的羽绒服 标价699 定金100抵150 尾款又付了549 前后一共掏了649", None, "amount_yuan", 649.0),
    ("同款牛仔裤拍了两条 一条89 满减完俩一共付了158 都是28码", None, "amount_yuan", 158.0),
    ("页面价399 红包减15 跨店满300减40 最后付的344", None, "amount_yuan", 344.0),
    ("不是坏了 详情页写两万毫安 测试仪测出来八千出头 虚标 129块", "amount_yuan", "amount_yuan", 129.0),
    # dev52 and dev53: shoppers outside the mainland (Traditional, Cantonese, Singlish), two difficulties each
    ("付了人民幣299 台幣大概一千三左右啦", "amount_yuan", "amount_yuan", 299.0),
    ("人民币239 lor, RM150 plus plus", "amount_yuan", "amount_yuan", 239.0),
    ("haven't contact seller yet leh", "seller_attitude", "seller_attitude", "not_contacted"),
    ("未搵过佢哋", "seller_attitude", "seller_attitude", "not_contacted"),
    ("haven't apply platform", "platform_status", "platform_status", "not_applied"),
    ("they say their size is standard one, is my feet problem", "seller_attitude", "seller_attitude", "shifts_blame"),
    # dev54 and dev55: voice input of older shoppers, young slang, several numbers in one line, hedged answers
    ("沙发套买的1+2+3三件套 页面上是浅灰色 三百五十八块八呢", None, "amount_yuan", 358.8),
    ("大概一百八吧 一百七十九", "amount_yuan", "amount_yuan", 179.0),
    ("页面价549 预售先付定金50（说是膨胀抵100）后来尾款付了449 就这两笔钱", "amount_yuan", "amount_yuan", 499.0),
    ("定金付了100 后面尾款2899也付完了", "amount_yuan", "amount_yuan", 2999.0),
    ("八十九 两盒一起的八十九块钱 我妈还说以前在超市买的才三十多", "amount_yuan", "amount_yuan", 89.0),
    ("牛仔裤码子不对啊 照着尺码表买的29 腰围小了快三公分", None, "amount_yuan", None),
    ("我就申请了那个小二接入 现在还在等着 也没人理", None, "platform_status", "applied_waiting"),
    ("后来平台可服接入了 判的是支持我退货推款 可到现在钱也不退", None, "platform_status", "ruled_for_buyer_not_honoured"),
    ("介入早申请了 页面上写的“判定支持买家” 可钱到现在没到账", None, "platform_status", "ruled_for_buyer_not_honoured"),
    ("找人看过了 xe都判了sj赢 我要去法院起诉", None, "platform_status", "ruled_against_buyer"),
    ("小二判定：根据双方举证，不支持买家的退货退款申请。", None, "platform_status", "ruled_against_buyer"),
    ("伤家啊 我还没找呢 想先问问你们这个怎么弄 别到时候说错话", "seller_attitude", "seller_attitude", "not_contacted"),
    ("还没跟他说呢", "seller_attitude", "seller_attitude", "not_contacted"),
    ("平台还没找呢 对了刚才价格说错了", "platform_status", "seller_attitude", None),
    ("我给我妈买的黑芝麻糊 然后呢 我妈冲了一碗喝着一股哈喇味", None, "product_category", "食品"),
    # dev56 and dev57: returns, food and family, costly goods, scams and claims
    ("商家已承认尺寸标注有误，同意免费换货并承担来回运费。", "seller_attitude", "seller_attitude", "cooperative"),
    ("说让我承担来回运费", "seller_attitude", "seller_attitude", "shifts_blame"),
    ("卖家不同意免费换货", "seller_attitude", "seller_attitude", "refuses"),
    # the shopper's own demand is no offer: "要求…来回运费由商家承担"
    ("第二天联系客服 我要求退货 来回运费由商家承担", None, "seller_attitude", None),
    # dev58 and dev59: news and corrections in answers, dialects and mixed language, long posts, terse answers
    ("说不是翻新", "seller_attitude", "seller_attitude", "refuses"),
    ("同意补发", "seller_attitude", "seller_attitude", "cooperative"),
    ("找卖家有用吗？评论里都说客服只会复制粘贴 我还没找过", "seller_attitude", "seller_attitude", "not_contacted"),
    ("平台我还没找过", "platform_status", "seller_attitude", None),
    ("seller said 是显示器色差, not their problem, 让我自己 adjust 屏幕", "seller_attitude", "seller_attitude",
     "shifts_blame"),
    ("三百廿八块", "amount_yuan", "amount_yuan", 328.0),
    ("喺淘寶睇中部手機 個賣家叫我加微信轉賬可以平三百 我轉咗三千二俾佢 而家佢拉黑咗我", None, "amount_yuan", 3200.0),
    ("在淘寶買的鳳梨酥 打開整盒發霉 傻眼 保存期限明明還沒到欸", None, "goods_received", None),
    # dev60 and dev61: everything up front, special goods, what sellers do, types on a border
    ("空气炸锅页面写的1800W 收到铭牌上才1200W", None, "amount_yuan", None),
    ("T恤洗了一次就起球 我申请退货退款 卖家直接拒了 只肯补10块 不给退", None, "amount_yuan", None),
    ("面值50 实际付了49块8", "amount_yuan", "amount_yuan", 49.8),
    ("客服一直是自动回复 亲 在的哦 有什么可以帮您 问啥都是这句 根本没真人", "seller_attitude", "seller_attitude", "ignores"),
    ("他说他们只是代理 产品问题让我自己去找生产厂家 甩了个400电话就不管了", "seller_attitude", "seller_attitude",
     "shifts_blame"),
    ("卖家说让我直接找快递理赔 他们不管运输的事", "seller_attitude", "seller_attitude", "shifts_blame"),
    ("结果客服骂我 还说再叨叨就找人上门找我", None, "seller_attitude", "refuses"),
    ("客服说我已经给了差评 要先把差评删了才给补发", None, "seller_attitude", "refuses"),
    ("大衣袖子开线了 申请了退货退款 卖家同意退但是说来回运费要我自己出 不出就不给退款", None, "seller_attitude",
     "shifts_blame"),
    # dev62 and dev63: two problems, questions inside answers, heavy typos, the everyday case
    ("没 申请了介入要多久啊", "platform_status", "platform_status", "not_applied"),
    ("还没点 点了介入卖家会不会给我差评啊", "platform_status", "platform_status", "not_applied"),
    ("没申请 不过我刚点了介入 现在显示等待处理", "platform_status", "platform_status", "applied_waiting"),
    ("没多久前申请了", "platform_status", "platform_status", "applied_waiting"),
    ("没有 就在淘宝上正常下单付的 私下付款的话是不是就没保障了", "paid_off_platform", "paid_off_platform", False),
    ("客服说漏发了 马上给我补", "seller_attitude", "seller_attitude", "cooperative"),
    ("客服我找了，她说仓库打包都是称过重的不可能少，让我再翻翻是不是自己弄丢了", None, "seller_attitude", "shifts_blame"),
    # dev64 to dev67: answers that tell a count over, costs that are not the price, the seller's chase
    ("三次…不对 刚翻了下记录 四次 有一次是半夜发的我都忘了", "negotiation_rounds", "negotiation_rounds", 4),
    ("聊了一回 不对两回 昨天一回今天一回", "negotiation_rounds", "negotiation_rounds", 2),
    ("三次 哦四次 今早又问了一次 一样", "negotiation_rounds", "negotiation_rounds", 4),
    ("这个算几次啊 找了他两回", "negotiation_rounds", "negotiation_rounds", 2),
    ("老人家天天打电话问我 卖家让我自己去找快递公司", None, "negotiation_rounds", None),
    ("饼干就三十九 但医药费七千多 你说哪个", "amount_yuan", "amount_yuan", 39.0),
    ("送急诊又住了三天院，花了七八千，我要告他们", None, "amount_yuan", None),
    ("锅身凹一块 炸篮都塞不进去", None, "amount_yuan", None),
    ("还行 说会催", "seller_attitude", "seller_attitude", "cooperative"),
    ("问了卖家一次说帮我催 不行就补发", None, "seller_attitude", "cooperative"),
    ("還沒有申請 不知道管不管用", "platform_status", "seller_attitude", None),
    ("还没有找小二", "platform_status", "seller_attitude", None),
    ("一次 寄回去运费谁出啊 我还没问", "negotiation_rounds", "seller_attitude", None),
    ("还没找呢 想先问问你 怎么跟他说比较好", "seller_attitude", "seller_attitude", "not_contacted"),
    ("賣家話我冇預熱 用法唔啱 推晒落我度", "seller_attitude", "seller_attitude", "shifts_blame"),
    ("未", "platform_status", "platform_status", "not_applied"),
    ("小二判的退货退款 结果商家拒收 平台判了他们都不听的吗", None, "platform_status", "ruled_for_buyer_not_honoured"),
    ("录了它卡住报警的视频 跟客服的聊天也截图了", "evidence_item", "legal_matter", None),
    ("住咗三日院 醫藥費成八千幾蚊 我想告佢", None, "legal_matter", True),
    # dev70 and dev71: bounds, frequencies, cashback said again, a hospital stay's cost
    ("一百出头 具体多少忘了 反正没过一百五", "amount_yuan", "amount_yuan", 100.0),
    ("三次吧 每隔两天问一次", "negotiation_rounds", "negotiation_rounds", 3),
    ("收纳盒卡片上写着好评晒图返现15 现在店家说活动结束了不返了 就15块钱也赖", None, "amount_yuan", None),
    ("孩子吃完过敏进了医院，住了五天花了八千多，我一定要告这个商家", None, "amount_yuan", None),
    ("以经去医院皮肤科看了，医生说接触性过敏，开了药\n四包39.9，还没找卖家", None, "amount_yuan", 39.9),
    ("问了客服，说这两天就给我转", "seller_attitude", "seller_attitude", "cooperative"),
    ("找了，two times，礼拜一一次，昨天又一次", "negotiation_rounds", "negotiation_rounds", 2),
    ("坑爹的尺码表 按表买的42 穿上脚趾顶到头", None, "amount_yuan", None),
    ("the shoes 按 size chart 买 42 的 穿起来好像 40 紧到脚趾痛", None, "amount_yuan", None),
    # dev72 and dev73: voice input, family members asked, office English, net slang
    ("嗯,八十九,包邮", "amount_yuan", "amount_yuan", 89.0),  # a filler and a comma before the figure
    ("他说要换也行 运飞我们自己出 来回得二十多块", None, "amount_yuan", None),  # the postage both ways
    ("好像两百多吧 我问问她…哦她说二百九十九", "amount_yuan", "amount_yuan", 299.0),
    ("他说转了两千八 我看了转账记录 是两千八百五", "amount_yuan", "amount_yuan", 2850.0),
    ("1k+", "amount_yuan", "amount_yuan", 1000.0),
    ("那裤子不贵 嗯 八十九 包邮", "amount_yuan", "amount_yuan", 89.0),
    ("奶奶说一百六十八 她记得可清楚了😂", "amount_yuan", "amount_yuan", 168.0),
    ("奶奶说好像两回…我翻了下她的聊天记录 其实就一回 她记错了", "negotiation_rounds", "negotiation_rounds", 1),
    ("300+", "amount_yuan", "amount_yuan", 300.0),
    ("他说卖家同意换 但来回运费得他自己出", None, "seller_attitude", "shifts_blame"),
    ("seller说可以换 但来回运费要我自己pay 这合理吗", None, "seller_attitude", "shifts_blame"),
    ("客服说给她换个新的 让她先拍照片发过去", None, "seller_attitude", "cooperative"),
    ("问了客服 说可以把坏的那几包refund给我", None, "seller_attitude", "cooperative"),
    ("就一直让等 说在反馈", "seller_attitude", "seller_attitude", "ignores"),
    ("客服一直没response 我已经申请平台介入了", None, "seller_attitude", "ignores"),
    ("他说他家是真蜂蜜 不推不换", "seller_attitude", "seller_attitude", "refuses"),
    ("结果判她输了 说色差在正常范围", None, "platform_status", "ruled_against_buyer"),
    ("没有 还没到那一步吧", "platform_status", "goods_received", None),  # a step not reached, no parcel
    ("我奶奶不太会用手机 她在网上买了件棉袄", None, "product_category", "服装"),  # the goods bought win
    ("用了网上买的然发膏 染完第二天头皮又红又痒", None, "product_category", "美妆护肤"),  # 然发膏 by voice
    # dev74 and dev75: corrections, plain everyday orders, regional wording, pinyin
    ("3ci", "negotiation_rounds", "negotiation_rounds", 3),
    ("3 hui", "negotiation_rounds", "negotiation_rounds", 3),
    ("问就说等财务", "seller_attitude", "seller_attitude", "ignores"),
    ("说等等帮我查 查了五天没信了", "seller_attitude", "seller_attitude", "ignores"),
    ("客服说活动结束了不送 🙅", "seller_attitude", "seller_attitude", "refuses"),
    ("说我家电磁炉功率不行", "seller_attitude", "seller_attitude", "shifts_blame"),
    ("搵咗平台介入 判咗我輸 話冇證據證明係佢產品搞成", "platform_status", "platform_status", "ruled_against_buyer"),
    ("买的儿童餐椅 详情页写着送坐垫和围兜 收到就光一个椅子", None, "product_category", "母婴"),
    ("喝了他家燕麦奶 嘴巴肿了 身上起了好多红疹", None, "product_category", "食品"),
    ("在淘寶訂了一件大學T 圖片明明是奶茶色", None, "product_category", "服装"),
    ("上回那个事搞定啦 卖家已经退了 谢谢哈😄", None, "case_end", "resolved"),
    ("一次就搞定了", "negotiation_rounds", "case_end", None),  # the talks settled it quickly: the case goes on
    # dev76 and dev77: live streams and virtual goods, everyday phone typing, rants, hedging
    ("直播间给娃买的衣服 主播说按身高拍就行 我家110拍的110 穿上袖子短一截", None, "amount_yuan", None),
    ("一盒十片 直播间89", "amount_yuan", "amount_yuan", 89.0),
    ("md 3680买的布艺沙发 图上是奶油白 三千多块呢凭什么吃这哑巴亏", None, "amount_yuan", 3680.0),
    ("付了648 卖家说半小时到账 过了两天一个点券都没有", None, "goods_received", False),
    ("卖家说我调包了", "seller_attitude", "seller_attitude", "shifts_blame"),
    ("宝宝用了这家湿巾 屁屁红了一大片 商家还不认", None, "seller_attitude", "refuses"),
    ("说他们产品检测过没问题 肯定是别的原因", "seller_attitude", "seller_attitude", "shifts_blame"),
    ("商家说你爱信不信 反正不退", None, "seller_attitude", "refuses"),
    ("一直说帮我登记反馈了 让我等技术联系 等了快一个礼拜 没人联系我", "seller_attitude", "seller_attitude", "ignores"),
    ("商家说是我自己体质问题 申请了介入 结果小二居然判商家没问题 给驳回了", None, "seller_attitude", "shifts_blame"),
    ("结果小二居然判商家没问题 给驳回了", None, "platform_status", "ruled_against_buyer"),
    ("平台判了退款 卖家又驳回了", None, "seller_attitude", "refuses"),  # the seller's own no, after the ruling
    ("上次问的事情已经解决啦 卖家给退了 就是想说声谢谢", None, "case_end", "resolved"),
]


# (text, what read_message returns, an item in it) of the dev38, dev39 and dev46 to dev53 rounds: types,
# the types that settle a new case, the main problem, evidence in hand
ROUND_READINGS = [
    ("打开一箱全是死的 开箱我就拍了照", "evidence_have", "defect_photos"),
    ("详情页的截图我存着呢 店里还没问", "evidence_have", "listing_screenshot"),
    ("商家给拒了 退款申请的截图我都留着呢", "evidence_have", "refund_request_screenshot"),
    ("退货物流单号截图我都留着", "evidence_have", "return_tracking"),
    ("跟商家说好退货 我寄回去了 单号显示他们签收半个月了", "evidence_have", "return_tracking"),
    ("班服我选的XL 收到平铺量了胸围才96 明明就是S码", "types", "size"),
    ("定制的刻字银手镯到了 刻的字歪歪扭扭的 有两个字母还刻糊了看不清", "decisive_types", "quality"),
    ("显示器到了 外箱上一个大凹坑 拆开屏幕左下角裂了", "decisive_types", "logistics"),
    ("外箱上一个大凹坑 开箱全程录了视频", "evidence_have", "unboxing_video"),
    ("序列号去官网查显示无效 明摆着是高仿", "evidence_have", "authenticity_check"),
    ("卖家直接拒绝说虚拟商品不退 拒绝的截图我有", "evidence_have", "refund_request_screenshot"),
    ("大衣退回去五天了 退货物流显示商家已签收", "evidence_have", "return_tracking"),
    ("我订单备注写的14号 寄来的是11号 备注截图我有", "evidence_have", "order_info"),
    # dev46 and dev47
    ("箱子和琴都拍了照片，拆的时候没想到录像", "evidence_missing", "defect_video"),
    ("买的显示器收到屏幕裂了 外面纸箱都压瘪了一个角", "decisive_types", "logistics"),
    ("快递小哥送来的时候箱子就瘪了一个角，里面泡沫也碎了，打开一看琴的一角摔裂了", "decisive_types", "logistics"),
    ("一箱纯牛奶 拆开好几盒都结块了 闻着酸酸的", "types", "quality"),
    # dev48 and dev49
    ("冲锋衣宣传说防水 防不防水我还没试呢 问题是才穿了两回拉链头就崩了", "main_type", "quality"),
    ("大衣到了发现有股很重的霉味", "types", "quality"),
    # dev50 and dev51: the problem the shopper says matters most
    ("落地镜边框说是实木的 这个我就算了 最气的是快递箱子一个角砸扁了 拆开镜子裂了一大道", "main_type", "logistics"),
    ("行李箱发货慢了好几天 慢就慢吧 我主要气的是下单页面写着送同款旅行收纳袋", "main_type", "false_advertising"),
    # dev52 and dev53
    ("集運到台灣的玻璃花瓶 今天收到打開直接碎成好幾塊 外箱也被壓扁了", "decisive_types", "logistics"),
    ("Ordered 升降桌 on Tmall, 15 days liao the tracking still show 已揽收 then no more update", "types", "logistics"),
    ("Bought 牛肉干 from one Tmall shop, check the 生产日期 already expire last month one lah", "types", "quality"),
    # dev54 and dev55: the listing's claim against what came, when nothing else is named
    ("沙发详情页写的头层牛皮 到手是pu 找人看过了", "types", "false_advertising"),
    ("6899买的笔记本 用了两周转轴那块外壳直接裂开了 我平时很小心的好伐", "types", "quality"),
    ("包裹里塞了张卡 五星好评加晒图返现10块 我照做了 截图发过去一个礼拜了 钱呢", "types", "false_advertising"),
    ("在淘寶買的除濕機 頁面寫一天除濕20公升 結果實測一天不到2公升 這根本詐騙廣告吧 超扯", "types", "false_advertising"),
    ("我 apply 了 refund, 结果 seller 直接 reject, reason 写 '商品已使用' 买的吹风机", "types", "refund_refused"),
    ("定制的情侣手链刻字刻错了！！我备注写的ZHY&LXR 收到变成ZHY&LRX", "decisive_types", "quality"),
    ("下单的床品三件套 收到只有床单和被套 枕套没发", "types", "logistics"),
    ("宝宝喝了店里那款奶粉拉了三天肚子 医院开了诊断", "types", "allergy"),
    ("空气炸锅页面写的1800W 收到铭牌上才1200W 客服说可以退差价也可以直接退货", "types", "false_advertising"),
    ("卫衣刚到的时候颜色跟图一模一样深蓝色 按洗标冷水手洗了一次，就褪成灰蓝了", "decisive_types", "quality"),
    ("大衣详情页写的100%羊毛 收到看标签写羊毛50% 涤纶50% 这不是骗人吗", "types", "false_advertising"),
    ("杯子颜色比图片浅一点倒无所谓 主要是一套六个 箱子里只有四个 少了俩", "main_type", "logistics"),
    # dev64 to dev67: the seller's claim beside the shopper's own problem; Cantonese; evidence words
    ("蓝牙音箱到手就开不了机 箱子好好的连个凹痕都没有 卖家非说是快递摔坏的让我找快递", "types", "quality"),
    ("淘寶買嘅陶瓷碗套裝 收到嗰陣個箱都扁咗 入面爛咗三隻", "types", "logistics"),
    ("我喺天貓買咗個電飯煲 用咗一個禮拜就唔通電", "types", "quality"),
    ("卫衣按洗标冷水手洗了一次 缩了一整个码 袖子短了一截", "types", "quality"),
    ("衣柜装完柜门就关不严 左边那扇门板本身就是歪的", "types", "quality"),
    ("包裹里夹的卡片说五星好评返5块 我好评了截图发了 一直没返", "types", "false_advertising"),
    ("有開箱片 個箱都影咗相", "evidence_have", "unboxing_video"),
    ("滚筒洗衣机用了半个月 一脱水就咣咣响 跟要散架一样", "types", "quality"),
    # dev72 and dev73
    ("棉袄穿了一回袖子那里线就开了 店家说是她自己扯的 不算质量问题", "types", "quality"),
    ("我那个推货都推回去半个多月了 快递显示都签收了 就是不给我推款", "types", "refund_refused"),
    ("十个碗 拆开碎了仨 那个箱子外头都瘪进去一块 块递肯定是摔了", "types", "logistics"),
    ("四件套详情页写100%纯棉 一洗就起球 剪根线烧了 一股塑料味 明明就是化纤", "types", "false_advertising"),
    ("猫粮物流卡了十二天不动 平台判了说在途不支持退款 这合理吗", "types", "logistics"),
    ("电水壶寄到的时候盒子都压扁了 壶嘴裂了", "types", "logistics"),
    ("陶瓷餐具套装 到手碎成渣渣了 连个泡沫都没有 快递员往门口一扔就走", "types", "logistics"),
]


@pytest.mark.parametrize("text, field, value", ROUND_READINGS)
def test_round_readings(text, field, value):
    assert value in getattr(read(text), field)


def test_the_seller_denying_the_problem_is_no_denial_by_the_shopper():
    assert read("店家说是她穿的时候自己扯的，不算质量问题").negated_types == []
    assert read("客服说这不是色差，是尺码问题").negated_types == []
    assert read("不是质量问题 是尺码小了").negated_types == ["quality"]


# (text, the question open, slot, value read) of the dev37 to dev53 rounds, one test for all
@pytest.mark.parametrize("text, asked, slot, value", DEV37_PHRASINGS + DEV38_PHRASINGS + DEV39_PHRASINGS + DEV40_PHRASINGS
                         + DEV42_PHRASINGS + DEV44_PHRASINGS + DEV46_PHRASINGS)
def test_round_phrasings(text, asked, slot, value):
    assert read(text, asked).slots.get(slot) == value


def test_a_date_not_yet_reached_is_no_parcel_not_yet_come():
    assert read("在淘寶買的鳳梨酥 打開整盒發霉 傻眼 保存期限明明還沒到欸").types == ["quality"]
    assert read("快递明明还没到").slots.get("goods_received") is False


def test_cracking_up_is_no_crack_in_the_goods():
    assert read("气死了 我直接裂开了").types == []


def test_a_listing_claim_against_a_colour_or_size_is_no_false_advertising_cue():
    assert "false_advertising" not in read("页面上写的是浅灰色 到手是米色").types
    assert "false_advertising" not in read("详情页写的M码 到手是S码").types
    assert "false_advertising" not in read("详情页写的M码 到手才S码").types


def test_food_thrown_away_and_a_hospital_not_yet_seen_are_missing():
    r = read("婆婆网上买的腊肠 打开里面长白毛了 她老人家直接给扔了")
    assert "food_kept" in r.evidence_missing
    assert "diagnosis" in read("搽了两天面孔红兮兮 医院还没去过").evidence_missing
    assert "diagnosis" in read("去医院了 医院的单子还在我包里").evidence_have


def test_a_question_back_about_evidence_is_not_evidence_in_hand():
    pending = ["defect_photos", "defect_video", "order_info", "chat_records", "inspection_report"]
    r = read("照片有 视频要怎么拍才算数 检测报告是不是得自己花钱去做", "evidence_item", pending)
    assert r.evidence_have == ["defect_photos"]
    assert "defect_video" not in r.evidence_have and "inspection_report" not in r.evidence_have


def test_a_fake_only_feared_is_no_fake_reported():
    assert read("想问下 淘宝上买进口奶粉靠谱吗 怕买到假的 有啥要注意的").negated_types == ["fraud"]


def test_pinyin_with_tone_marks_reads_as_plain_pinyin():
    from advisor.text import clean
    assert clean("mǎi de xiézi kāijiāo le") == "mai de xiezi kaijiao le"


def test_a_ring_finger_is_no_negation():
    assert read("无名指根本戴不进去 圈口小了").types == ["size"]


def test_evidence_answered_in_english_names_the_kinds_listed():
    pending = ["order_info", "size_label_photo", "flat_measurement", "chat_records"]
    r = read("got measure with ruler, photo got, the size label inside the shoe also snap already, "
             "order screenshot also have", "evidence_item", pending)
    assert {"order_info", "size_label_photo", "flat_measurement"} <= set(r.evidence_have)


def test_praise_that_names_a_size_or_a_colour_it_feared_names_no_type():
    assert read("上次担心色差 结果到手跟图片一模一样 尺码也正好 超满意 就来说一声").types == []
    assert "logistics" not in read("电饭煲退货 小二已经判了支持退款 货都签收半个月了 钱还没到").types
