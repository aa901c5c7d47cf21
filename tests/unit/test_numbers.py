"""advisor.numbers and advisor.mentions: reading amounts, days and counts,
and deciding whether a keyword mention is negated."""
import pytest

from advisor.mentions import is_negated
from advisor.numbers import (
    candidate_starts,
    find_amounts,
    find_counts,
    find_days,
    parse_amount,
    parse_count,
    parse_days,
    parse_number,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("299", 299),
        ("1,299", 1299),
        ("1.2万", 12000),
        ("两百九十九", 299),
        ("三千五", 3500),
        ("一万二", 12000),
        ("两百五", 250),
        ("二十", 20),
        ("十五", 15),
        ("1k", 1000),
        ("2.5w", 25000),
        ("一点二万", 12000),
        ("3千5", 3500),
        ("12万5千", 125000),
        ("一亿二", 120_000_000),
        ("两三", 3),  # "two or three": the larger
        ("三四百", 400),
        ("-5", -5),
        ("负五", -5),
        ("２９９", 299),
        ("几百", None),
        ("", None),
        ("abc", None),
        ("万", None),
        ("1" * 100, None),
    ],
)
def test_parse_number(text, expected):
    assert parse_number(text) == expected


AMOUNTS = [
    # currency unit or sign
    ("299元", 299),
    ("两百九十九块", 299),
    ("¥1,299", 1299),
    ("￥1,299", 1299),
    ("1299块钱", 1299),
    ("RMB 299", 299),
    ("实付128.5元", 128.5),
    ("付款金额：¥88.00", 88),
    ("1.2万元", 12000),
    ("299包邮", 299),
    ("这件衣服三百块", 300),
    ("一百多块钱", 100),
    ("200多块", 200),
    ("十块钱", 10),
    ("299元的连衣裙，38码", 299),
    ("299元3件", 299),
    ("２９９元", 299),  # full-width digits
    ("兩百九十九塊", 299),  # Traditional
    # jiao: 八十八块八 = 88.8
    ("付了八十八块八", 88.8),
    ("付了八十八块八毛八", 88.88),
    ("88元8角5分", 88.85),
    ("一块半", 1.5),
    ("5块5毛", 5.5),
    # spending words
    ("花了299", 299),
    ("价格是1299", 1299),
    ("一共299", 299),
    ("买的时候是两百九十九", 299),
    ("买了一件299的", 299),
    ("299买的", 299),
    ("花了2.5w", 25000),
    ("花了大概三千五", 3500),
    ("双11花了299", 299),
    ("买的连衣裙和图片颜色差太多了，花了299，卖家说是光线问题不给退", 299),
    ("收到三天了，花了两百九十九块", 299),
    # 千/万 amounts
    ("1.2万", 12000),
    ("1.2万的包是假货", 12000),
    ("三千五", 3500),
    ("三千五的大衣", 3500),
    ("一万二", 12000),
    # negative amounts keep their sign
    ("-5元", -5),
    ("负5元", -5),
    ("负五元", -5),
    ("花了-5", -5),
    ("0元", 0),
    # not amounts: sizes, dates, times, counts, models, weights
    ("38码", None),
    ("L码", None),
    ("3天", None),
    ("2次", None),
    ("11月11日", None),
    ("第2件", None),
    ("买了3件", None),
    ("花了3天", None),
    ("我买了两个月了", None),
    ("三十八码的鞋", None),
    ("买了5双袜子", None),
    ("下午3点", None),
    ("12:30到的", None),
    ("2.5折", None),
    ("涨了10%", None),
    ("重3斤", None),
    ("屏幕6.1寸", None),
    ("256G的手机", None),
    ("65W充电器", None),
    ("iPhone 15 Pro", None),
    ("Mate60", None),
    ("尾号1234", None),
    ("订单号：3623454356789012345", None),
    ("2023年11月11日", None),
    ("双十一", None),
    ("两块蛋糕", None),  # pieces, not yuan
    ("千万别买", None),
    ("几百块", None),  # vague
    ("299", None),  # a bare number only counts with bare=True
    ("", None),
]


@pytest.mark.parametrize("text, expected", AMOUNTS)
def test_parse_amount(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("299", 299),
        ("大概三千五", 3500),
        ("三千五左右吧", 3500),
        ("299？", 299),
        ("一百", 100),
        ("-5", -5),
        ("3件", None),
        ("38码", None),
        ("不知道", None),
    ],
)
def test_parse_amount_bare(text, expected):
    assert parse_amount(text, bare=True) == expected


def test_amount_mentions_have_spans():
    text = "花了299，退了100元"
    assert [(m.value, text[m.start : m.end]) for m in find_amounts(text)] == [
        (299, "299"),
        (100, "100元"),
    ]
    text = "付了八十八块八"
    [m] = find_amounts(text)
    assert text[m.start : m.end] == "八十八块八"
    text = "花了-5元"
    [m] = find_amounts(text)
    assert (m.value, text[m.start : m.end]) == (-5, "-5元")


DAYS = [
    ("收到三天了", 3),
    ("前天到的", 2),
    ("昨天收到", 1),
    ("今天刚到", 0),
    ("刚收到", 0),
    ("大前天到的", 3),
    ("收到半个月了", 15),
    ("一周前收到", 7),
    ("一个星期前收到的", 7),
    ("收到一个星期了", 7),
    ("两周前签收", 14),
    ("收到两周了", 14),
    ("收到一个月了", 30),
    ("到货5天", 5),
    ("到了三天了", 3),
    ("收到货已经三天了", 3),
    ("三天前收到的", 3),
    ("三天前就到了", 3),
    ("快递三天前到的", 3),
    ("收到十几天了", 13),
    ("收到两三天了", 3),
    ("签收一个半月了", 45),
    ("上周收到的", 7),
    ("昨天下午收到的", 1),
    ("收到三天了，刚拆开", 3),
    ("收到三天了，花了两百九十九块", 3),
    ("收到３天了", 3),  # full-width digits are folded
    # logistics delays and other non-receipt durations
    ("发货五天了还没到", None),
    ("等了三天还没收到", None),
    ("三天了还没到货", None),
    ("物流三天没更新", None),
    ("下单三天了", None),
    ("等了三天才到", None),
    ("昨天发货的", None),
    ("昨天还没到", None),
    ("11月11日收到的", None),
    ("半个月", None),  # no receipt word: only with bare=True
    ("3天", None),
    ("洗了三次", None),
    ("", None),
]


@pytest.mark.parametrize("text, expected", DAYS)
def test_parse_days(text, expected):
    assert parse_days(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("3天", 3),
        ("三天", 3),
        ("3", 3),
        ("三天了", 3),
        ("大概一周", 7),
        ("半个月", 15),
        ("前天", 2),
        ("发货五天了还没到", None),
        ("昨天发货的", None),
        ("不记得了", None),
    ],
)
def test_parse_days_bare(text, expected):
    assert parse_days(text, bare=True) == expected


COUNTS = [
    ("沟通了三次", 3),
    ("找了卖家两次", 2),
    ("聊了好几次", 3),
    ("多次", 3),
    ("和卖家沟通过多次", 3),
    ("反复沟通", 3),
    ("跟卖家反复联系都没用", 3),
    ("一次", 1),
    ("两次吧", 2),
    ("跟卖家说了两三次", 2),  # a range gives its lower bound (was 3, the larger)
    ("第二次找卖家了", 2),
    ("联系了卖家5次", 5),
    # not negotiation rounds
    ("洗了两次就起球了", None),
    ("一次性手套", None),
    ("反复横跳", None),
    ("3", None),
    ("", None),
]


@pytest.mark.parametrize("text, expected", COUNTS)
def test_parse_count(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize("text, expected", [("3", 3), ("三", 3), ("两次", 2), ("好几次", 3), ("不知道", None)])
def test_parse_count_bare(text, expected):
    assert parse_count(text, bare=True) == expected


# ------------------------------------------------------------- loose amounts
LOOSE_AMOUNTS = [
    # 来 / 多 / 出头 / 左右: the stated round number
    ("八百来块吧", 800),
    ("衣服八百来块吧", 800),
    ("两千五百来块", 2500),
    ("三百出头", 300),
    ("这个包三百出头", 300),
    ("花了三百出头吧", 300),
    ("花了八百多", 800),
    ("八百多的衣服", 800),
    ("两千五左右", 2500),
    ("300左右", 300),
    # k / w
    ("1k", 1000),
    ("1K", 1000),
    ("花了1K", 1000),
    ("2k块", 2000),
    ("1.5w", 15000),
    ("1.5W的包", 15000),
    ("买了个1.5w的表", 15000),
    ("1.2万", 12000),
    # ranges: the lower bound
    ("三四百", 300),
    ("这件大概三四百吧", 300),
    ("大概五六百吧", 500),
    ("花了三四百", 300),
    ("两三千块", 2000),
    ("一两百块", 100),
    ("三十七八块钱", 37),
    ("十七八块", 17),
    # 不到 / 小 / 快: the stated bound
    ("不到三百", 300),
    ("花了不到三百", 300),
    ("不到三百块", 300),
    ("三百不到吧", 300),
    ("不到300", 300),
    ("小一千", 1000),
    ("快三百了", 300),
    # colloquial 百 / 千 with a trailing digit
    ("一百二", 120),
    ("一千二", 1200),
    ("花了一万一", 11000),
    ("三万一的包", 31000),
    # currency, 才, mixed
    ("¥ 1,299", 1299),
    ("才29.9", 29.9),
    ("才9块9", 9.9),
    ("花了29.9", 29.9),
    ("299块钱买个教训", 299),
    ("一口价299", 299),
    # still not amounts
    ("好几百", None),
    ("大几百", None),
    ("29.9", None),  # a bare number needs bare=True or a cue
    ("八百", None),  # a round number with no loose word and no cue
    ("体重一百二", None),
    ("身高一百七八", None),
    ("体重一百出头", None),
    ("三四百个好评", None),
    ("洗了两三次", None),
]


@pytest.mark.parametrize("text, expected", LOOSE_AMOUNTS)
def test_parse_amount_loose(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("八百来块吧", 800),
        ("三百出头", 300),
        ("八百多", 800),
        ("1k", 1000),
        ("1K", 1000),
        ("2k块", 2000),
        ("1.5w", 15000),
        ("1.2万", 12000),
        ("两千五左右", 2500),
        ("两千五百来块", 2500),
        ("三四百", 300),
        ("大概五六百吧", 500),
        ("差不多两三千吧", 2000),
        ("不到三百", 300),
        ("三百不到吧", 300),
        ("小一千", 1000),
        ("¥ 1,299", 1299),
        ("一百二", 120),
        ("一千二", 1200),
        ("才29.9", 29.9),
        ("29.9", 29.9),
        ("299块钱买个教训", 299),
        ("好几百", None),  # too vague
        ("几百吧", None),
    ],
)
def test_parse_amount_loose_bare(text, expected):
    assert parse_amount(text, bare=True) == expected


def test_parse_number_still_reads_a_range_as_the_larger_value():
    # parse_number (and so days: "收到两三天了" -> 3) keeps the larger value;
    # amounts and counts take the lower bound
    assert parse_number("三四百") == 400
    assert parse_amount("三四百块") == 300
    assert parse_days("收到两三天了") == 3
    assert parse_count("聊了两三回") == 2


# ------------------------------------------------- which amount was paid
PAID_AMOUNTS = [
    # N块 followed by a paying word is money, not pieces
    ("视频里卖的如意鎏金茶具又精致又便宜，79块拍下，收到是一套粗陶的", 79),
    ("79块拍下", 79),
    ("两块蛋糕", None),
    # 订了 / 订的 / 下单了 / 拍了 are spending words like 买了
    ("网上订了2850的护肤品", 2850),
    ("订的2850的护肤品", 2850),
    ("下单了2850的护肤品", 2850),
    ("拍了2850的", 2850),
    ("2850订的", 2850),
    ("下单3天了", None),
    ("拍了3张照片", None),
    ("订了1个月会员", None),
    # several amounts: a paying cue beats a reference price
    ("直播间说买正品送价值299的云阶拖鞋，我花329拍了", 329),
    ("买了个200块的东西，说是原价999", 200),
    ("原价999，活动价599入手", 599),
    ("原价999，活动价599", 599),
    ("原价999，券后599", 599),
    ("吊牌价1299，到手399", 399),
    ("标价599元，实付399元", 399),
    ("退了100元，花了299", 299),
    ("我花了299，送了价值50的赠品", 299),
    ("券后599", 599),
    ("到手价599", 599),
    # without a paid amount the first one is still returned
    ("送价值299的拖鞋", 299),
    ("原价999元", 999),
    ("原价999元，我退了100元", 999),
    # measures in the sentence block 才 and loose readings
    ("S码连衣裙详情页写腰围64，我自己量了才54，我84斤都穿不上", None),
    ("身高才160", None),
    ("我一百二十斤，衣服才三百出头", None),
    ("腰围64，才99块", 99),  # a currency word still makes money
    ("花了299，衣长才60", 299),
    ("买了2斤苹果才29.9", 29.9),  # a quantity is not a body measure
    ("S码的裙子才59", 59),
    # unchanged
    ("花了299", 299),
    ("两百九十九块", 299),
    ("1.2万", 12000),
    ("¥1,299", 1299),
    ("才29.9", 29.9),
    ("三百出头", 300),
    ("买的iPhone 15花了5999", 5999),
]


@pytest.mark.parametrize("text, expected", PAID_AMOUNTS)
def test_parse_amount_prefers_what_was_paid(text, expected):
    assert parse_amount(text) == expected


def test_parse_amount_bare_loose_unchanged():
    assert parse_amount("八百来块吧", bare=True) == 800


def test_find_amounts_still_lists_every_amount():
    # the paid-cue rule only changes which one parse_amount returns
    text = "直播间说买正品送价值299的云阶拖鞋，我花329拍了"
    assert [m.value for m in find_amounts(text)] == [299, 329]


def test_paid_rule_does_not_change_days():
    assert parse_days("视频里卖的如意鎏金茶具又精致又便宜，79块拍下，收到是一套粗陶的") is None


# ------------------------------------------------------------- more counts
MORE_COUNTS = [
    ("前后联系了四五趟", 4),
    ("聊了两三回", 2),
    ("催了四五次", 4),
    ("找客服找了七八次", 7),
    ("联系了卖家十几次", 13),  # 几 reads as 3
    ("找了他好几次", 3),  # 好几次 = 3, the module's convention for vague counts
    ("三番两次找卖家", 3),
    ("说了三遍", 3),
    ("跟他说了3遍了", 3),
    ("问了两回", 2),
    ("打了三次电话", 3),
    ("去找了卖家两趟", 2),
    ("联系了卖家5次", 5),
    # zero
    ("一次都没有", 0),
    ("我一次都没联系过卖家", 0),
    ("一次也没找过卖家", 0),
    ("卖家一次都没回", None),  # says nothing about how often the user asked
    ("没联系过", None),  # no numeral: 0 only as a bare answer
    # ordinals
    ("第二次找卖家了", 2),
    ("第一次网购", None),
]


@pytest.mark.parametrize("text, expected", MORE_COUNTS)
def test_parse_count_more_phrasings(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("两次", 2),
        ("3", 3),
        ("三四次吧", 3),
        ("大概两三回吧", 2),
        ("前前后后七八次", 7),
        ("就一次", 1),
        ("第一次", 1),
        ("一次都没有", 0),
        ("一次也没有", 0),
        ("0次", 0),
        ("零次", 0),
        ("没联系过", 0),
        ("还没有", 0),
        ("没有", 0),
        ("没找过卖家", 0),
        ("还没联系卖家呢", 0),
        ("  没沟通过。", 0),
        ("无", 0),
        ("没用", None),
        ("无聊", None),
        ("没问题", None),
        ("没找到", None),
        ("没有聊天记录", None),
        ("卖家一次都没回", None),
        ("第一次网购", None),
        ("好几次", 3),
    ],
)
def test_parse_count_bare_more(text, expected):
    assert parse_count(text, bare=True) == expected


def test_zero_count_mention_spans():
    text = "  没联系过"
    [m] = find_counts(text, bare=True)
    assert (m.value, text[m.start : m.end]) == (0, "没联系过")
    text = "我一次都没联系过卖家"
    [m] = find_counts(text)
    assert (m.value, text[m.start : m.end]) == (0, "一次都没联系")


# -------------------------------------- numerals in idioms, names and models
NOT_NUMBERS = [
    "退一赔三",
    "假一赔十",
    "支持退一赔三吗",
    "7天无理由",
    "七天无理由退货",
    "七天无理由都过了",
    "15天价保",
    "iPhone 15",
    "iphone15 pro",
    "小米14",
    "华为Mate60",
    "华为 Mate 60",
    "3C",
    "3C数码",
    "5G",
    "5G手机",
    "一星差评",
    "给了一星差评",
    "1星",
    "五星好评",
    "双11",
    "双十一",
    "双十一买的",
    "618",
    "618买的",
    "第一次网购",
    "一模一样",
    "一直",
    "一直没发货",
    "一下",
    "等一下",
    "一点",
    "便宜一点",
    "三天两头坏",
    "一天到晚",
    "千万别买",
    "万一卖家不退呢",
    "65W快充",
    "65W的充电器",
    "4K电视",
]


@pytest.mark.parametrize("text", NOT_NUMBERS)
@pytest.mark.parametrize("bare", [False, True], ids=["free", "bare"])
def test_numerals_in_idioms_names_and_models_are_not_numbers(text, bare):
    assert parse_amount(text, bare=bare) is None
    assert parse_days(text, bare=bare) is None
    assert parse_count(text, bare=bare) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("买的iPhone 15花了5999", 5999),
        ("iPhone15 5999元", 5999),
        ("买的小米14花了3999", 3999),
        ("华为Mate60花了5999", 5999),
        ("买了三星手机花了两千", 2000),
        ("支持7天无理由，花了299", 299),
        ("退一赔三，花了299", 299),
        ("618买的，花了299", 299),
        ("花了618", 618),
        ("618元", 618),
        ("¥618", 618),
        ("买了65W的充电头花了99", 99),
        ("买了个4K屏花了两千", 2000),
        ("RMB299", 299),
        ("ok 299块", 299),
        ("一点二万", 12000),  # 一点 followed by a digit is a number
    ],
)
def test_amounts_next_to_idioms_and_models(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("收到7天了，七天无理由还能退吗", 7),
        ("收到一星期了", 7),
        ("一星期", None),
    ],
)
def test_days_next_to_idioms(text, expected):
    assert parse_days(text) == expected


def test_days_bare_a_week_is_not_a_rating():
    assert parse_days("一星期", bare=True) == 7


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "😀" * 50,
        "\x00\x01\x02",
        "\ud800",  # a lone surrogate
        "1" * 5000,
        "一" * 5000,
        "收到三天了，花了299元，" * 400,
        "-----",
        "负负负",
        "第第第",
        "万万万万",
        "点点点",
        "1.2.3.4万",
        ",,,1,,,",
        "\x1b[31m红色\x1b[0m\t\r\n\x7f",
        "退一赔三" * 1250,  # 5,000 characters
        "双11" * 1700,
        "一万一" * 1700,
        "两三四五六七八九" * 600,
        "iPhone 15 " * 500,
        "没" * 5000,
    ],
    ids=lambda t: repr(t) if len(t) <= 20 else f"{t[:10]!r}...({len(t)})",
)
def test_never_raises(text):
    for finder in (find_amounts, find_days, find_counts):
        for bare in (False, True):
            assert isinstance(finder(text, bare=bare), list)


@pytest.mark.parametrize("value", [None, 5, 2.5, b"299", ["299"], "", "\ud83d", "\x00" * 10])
def test_parse_functions_never_raise(value):
    for parse in (parse_amount, parse_days, parse_count):
        for bare in (False, True):
            assert parse(value, bare=bare) is None


def test_starts_from_outside_give_the_same_result():
    text = "收到三天了，花了两百九十九块，沟通了好几次"
    starts = candidate_starts(text)
    assert find_amounts(text, starts=starts) == find_amounts(text)
    assert find_days(text, starts=starts) == find_days(text)
    assert find_counts(text, starts=starts) == find_counts(text)


NEGATIONS = ["不是", "并非", "没有", "没", "无", "不算"]


@pytest.mark.parametrize(
    "text, keyword, negated",
    [
        ("没有聊天记录", "聊天记录", True),
        ("我没有拍照片", "照片", True),
        ("没有任何聊天记录", "聊天记录", True),
        ("没有保存好聊天记录", "聊天记录", True),
        ("没有照片、视频", "视频", True),
        ("不是色差，是尺码", "色差", True),
        ("不是色差，是尺码", "尺码", False),
        ("不是色差是尺码", "尺码", False),
        ("我拍了照片，但没有聊天记录", "照片", False),
        ("我拍了照片，但没有聊天记录", "聊天记录", True),
        ("并非质量问题", "质量问题", True),
        ("聊天记录删了", "聊天记录", True),
        ("照片没拍", "照片", True),
        ("没想到颜色差这么多", "颜色差", False),
        ("是不是色差", "色差", False),
        ("有没有聊天记录", "聊天记录", False),
        ("无线耳机坏了", "坏了", False),
        ("没用几次就坏了", "坏了", False),
        ("没收到货", "没收到", False),  # the keyword itself holds the negation
        ("颜色不对", "颜色不对", False),
    ],
)
def test_is_negated(text, keyword, negated):
    start = text.rindex(keyword) if keyword == "尺码" else text.index(keyword)
    assert is_negated(text, start, start + len(keyword), NEGATIONS) is negated


def test_is_negated_defaults_to_the_knowledge_file_and_never_raises():
    assert is_negated("没有聊天记录", 2, 6) is True
    assert is_negated("", 0, 0) is False
    assert is_negated("abc", 99, 120) is False
    assert is_negated(None, 0, 1) is False


# ------------------------------------- amounts that are not what was paid
# Promotions and quantities: thresholds, free items and counts are not money.
PROMOTIONS = [
    ("店里搞买三送一，我就下单了", None),
    ("活动是买4送2", None),
    ("说好的买一免一呢", None),
    ("参加了5免1的活动", None),
    ("每满300减40，凑单凑了半天", None),
    ("满99元可减五元", None),
    ("满两件打八折", None),
    ("领了200-20的券", None),
    ("第三件半价", None),
    ("三件七折还包邮", None),
    ("前50名免单", None),
    ("我3拍下的，只到了两件", None),
    ("两拍下了，怎么只发一个", None),
    ("买两个送一个", None),
    # the paid amount next to a promotion is still read
    ("买三送一，一共付了120", 120),
    ("满300减30，实付270元", 270),
    ("用了200-20的券，花了180", 180),
    ("79块拍下", 79),
    ("329拍了", 329),
]


@pytest.mark.parametrize("text, expected", PROMOTIONS)
def test_promotions_and_quantities_are_not_paid(text, expected):
    assert parse_amount(text) == expected


# Differences, drops and refunded differences are not the amount paid.
DIFFERENCES = [
    ("才收到货就降价20", None),
    ("我下单后降了15块", None),
    ("第二天就便宜了8元", None),
    ("跟活动价差了40块", None),
    ("两个价格相差60", None),
    ("客服少退了我3块钱", None),
    ("说好确认收货后返15", None),
    ("卖家答应返现10元", None),
    ("问客服能不能补差价25", None),
    ("就为了十几块钱的差价", None),
    ("五六十块的差价也不补", None),
    # a difference said again is still the difference
    ("客服少退了10块，10块钱也是钱", None),
    # the paid amount next to a difference is still read
    ("花了299，第二天就降价50", 299),
    ("刚降价30元，我是269元买的", 269),
    ("降价后花了199", 199),
    ("挺便宜的，才59元", 59),
]


@pytest.mark.parametrize("text, expected", DIFFERENCES)
def test_price_differences_are_not_paid(text, expected):
    assert parse_amount(text) == expected


# A price asked about, or another shop's price, is not a paid amount.
QUESTIONS_AND_OTHER_SHOPS = [
    ("这个套装是不是88元", None),
    ("两盒是否99块", None),
    ("请问现在还是39元吗", None),
    ("这款也是25块么", None),
    ("请问会员价也是60", None),
    ("不是说买了就送，99就包邮吗", None),
    ("不是下单59就包邮吗", None),
    ("别家才35元", None),
    ("隔壁店卖45块", None),
    ("其他店铺只要30元两包", None),
    ("别的店同样的东西120块", None),
    # a paid amount in a question is still paid
    ("我花了299元，能退吗", 299),
    ("请问我299元买的衣服能退吗", 299),
    ("我不是付了128吗", 128),
    ("别家卖99，我在这花了129", 129),
    ("299元的外套是不是假货", 299),
]


@pytest.mark.parametrize("text, expected", QUESTIONS_AND_OTHER_SHOPS)
def test_asked_prices_and_other_shops_are_not_paid(text, expected):
    assert parse_amount(text) == expected


# Sizes, body measures and festival dates before buying are not prices.
SIZES_BODIES_DATES = [
    ("我165买了M码，穿着正好", None),
    ("本人170买的XL", None),
    ("我160穿S号刚好", None),
    ("这条比上次买的29还小", None),
    ("之前拍的42都偏大", None),
    ("1111下单的，到现在没发货", None),
    ("1212抢的，等了好久", None),
    ("11.11买的", None),
    ("双12下的单", None),
    ("618入手的", None),
    # prices next to sizes and festivals are still read
    ("1212那天花了299", 299),
    ("我买了L码，花了199", 199),
    ("299元买了L码", 299),
    ("1212元买的", 1212),
    ("花了618", 618),
]


@pytest.mark.parametrize("text, expected", SIZES_BODIES_DATES)
def test_sizes_bodies_and_dates_are_not_paid(text, expected):
    assert parse_amount(text) == expected


# Counting words and fees for something else than the order.
COUNTING_AND_FEES = [
    ("性价比很高的一家火锅店", None),
    ("问了三家店都没货", None),
    ("驿站每个包裹收一块钱", None),
    ("一个快递取件费两块", None),
    ("运费十块还要我出", None),
    ("一次性说清楚", None),
    ("一次性付清了", None),
    ("买的一次性手套", None),
    # the price of the order next to a fee is still read
    ("运费10块，衣服花了199", 199),
    ("一次性付了3000", 3000),
    ("性价比不高，花了88元", 88),
]


@pytest.mark.parametrize("text, expected", COUNTING_AND_FEES)
def test_counting_words_and_fees_are_not_paid(text, expected):
    assert parse_amount(text) == expected


def test_not_paid_amounts_are_still_found():
    # find_amounts lists every amount; only parse_amount leaves these out
    assert [m.value for m in find_amounts("降价20元，别家才35元")] == [20, 35]


def test_not_paid_rules_do_not_change_bare_answers():
    assert parse_amount("299", bare=True) == 299
    assert parse_amount("299？", bare=True) == 299
    assert parse_amount("大概三千五", bare=True) == 3500


def test_a_long_message_of_promotions_and_questions_has_no_paid_amount():
    text = ("别家才28元，是不是47元，买二送一满199减10，我178买了L号，降价12，一个包裹两块，" * 40)[:1000]
    assert parse_amount(text) is None


# A number + 的 + a product noun is that product's price.
PRICED_PRODUCTS = [
    ("329的羽绒服洗一次就起球", 329),
    ("159的牛仔裤，裤脚开线了", 159),
    ("69.9的蓝牙耳机左耳没声音", 69.9),
    ("1599的手机屏幕有坏点", 1599),
    ("249的那双运动鞋开胶了", 249),
    ("499的新款书包拉链坏了", 499),
    ("两百九十九的毛衣掉色严重", 299),
    ("收到的128的台灯根本不亮", 128),
    ("100多的外套也不至于这么薄吧", 100),
    ("39.9的口红断了", 39.9),
    ("快递丢了，459的键盘啊", 459),
    ("买了个45的保温杯，漏水", 45),
    # with a cue, the cue decides as before
    ("原价399的卫衣，活动价199入手", 199),
    ("送了个99的保温杯，我花了459", 459),
    ("花了180的外套", 180),  # a money word before: money even in a size range
    # not a product, or a number under 10: no price
    ("30的腰围穿着勒得慌", None),
    ("十八的生日过得一塌糊涂", None),
    ("18的生日礼物到现在没到", None),
    ("就要2的那款", None),
    ("拿3的包就行", None),
    ("3月15的东西还没发货", None),
    # a usual size or spec of the product: no price
    ("平时穿39的鞋，这双偏小", None),
    ("买了38的鞋，偏大半码", None),
    ("买了个32的牛仔裤，腰太松", None),
    ("170的卫衣我穿刚好", None),
    ("想换个27的显示器", None),
    ("256的手机内存还是不够", None),
    ("1.8的床单小了一圈", None),
    ("24的行李箱放不下", None),
    # numerals in models stay no amount
    ("小米13的手机壳碎了", None),
    ("iPhone 14的手机壳", None),
    ("AJ1的鞋底开胶", None),
]


@pytest.mark.parametrize("text, expected", PRICED_PRODUCTS)
def test_a_number_before_a_product_is_its_price(text, expected):
    assert parse_amount(text) == expected


# Transfers and top-ups are paying cues; money sent to the shopper is not paid.
TRANSFERS = [
    ("卖家让我微信转了800定金", 800),
    ("我用银行卡转账给对方5600", 5600),
    ("前前后后转了两万一", 21000),
    ("在健身房充了三千，现在关门了", 3000),
    ("给游戏账号充值648", 648),
    ("汇了2500过去就联系不上了", 2500),
    ("先转过去1500，说发货后再补尾款", 1500),
    ("1200转给他之后就被拉黑了", 1200),
    ("打款3000后客服就消失了", 3000),
    ("对方让我转了300保证金", 300),
    ("我给他转了650", 650),
    ("卖家退了我50，我当初转了680", 680),
    # money the shopper received
    ("卖家转了我20块当补偿", None),
    ("客服给我转了15", None),
    ("对方转给我10元红包", None),
    # not money
    ("在店里转了两圈没找到", None),
    ("充了一晚上还是没电", None),
    ("充了一半就充不进去", None),
    ("付了一半定金", None),
    ("转了三天快递还在路上", None),
    ("转账3次都失败", None),
    ("半块钱", 0.5),
]


@pytest.mark.parametrize("text, expected", TRANSFERS)
def test_transfers_and_top_ups_are_paid(text, expected):
    assert parse_amount(text) == expected


# A bare number inside a clause is no amount in free text; only as the
# answer to the amount question (bare=True).
BARE_IN_CLAUSES = [
    "质量太差了 59.9，客服也不理人",
    "颜色和图片差太多 88 卖家不认",
    "尺码偏小，165，平时穿M",
]

# A price said as a clause of its own in a complaint is what was paid.
PRICE_CLAUSES = [
    ("鞋子开胶，399，卖家装死", 399),
    ("收到就是坏的！129，要求退货被拒", 129),
    ("买的口红到手跟番茄红一样，色差离谱😅 29.9，卖家说可以退", 29.9),
    ("卖家说可以换，让我寄回去，199", 199),
]


@pytest.mark.parametrize("text, expected", PRICE_CLAUSES)
def test_a_price_said_as_its_own_clause_is_the_amount(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", BARE_IN_CLAUSES)
def test_a_bare_number_in_a_clause_is_no_amount(text):
    assert parse_amount(text) is None


@pytest.mark.parametrize("text, expected", [("59.9", 59.9), ("399", 399), ("大概129吧", 129)])
def test_a_bare_number_answers_the_amount_question(text, expected):
    assert parse_amount(text, bare=True) == expected


def test_a_long_message_with_products_and_transfers_reads_the_paid_amount():
    # (its speed is measured by bench, not here: a timed unit test fails on a busy machine)
    text = ("买了38的鞋，299的卫衣，卖家转了我20，转了两圈，充了一半，256的手机，小米13的手机壳，" * 40)[:1000]
    assert parse_amount(text) == 299


# --- loose amounts in shoppers' shorthand (dev shoppers of 2026-12-06)
@pytest.mark.parametrize("text, bare, amount", [
    ("花了1k2买的精华", False, 1200),      # 1k2 = 一千二, not k2 a model name
    ("1w5", True, 15000),
    ("定做的遮光窗帘1k多点，实物比图片深", False, 1000),  # 多点 is "a bit over", not o'clock
    ("买了个一千多点的柜子", False, 1000),
    ("三百出头买了三箱", False, 300),     # the spending word right after the loose amount
    ("二十五块包邮", True, 25),           # 块 before 包邮 is yuan, not pieces
    ("198，两盒的价", True, 198),         # the answer opens with the number, then says more
    ("一百八十九。哦不对，是上周收到的", True, 189),
    ("我就要他赔偿医药费，两百多呢", False, None),  # the fee named just before, not the price
    ("三点多到的", False, None),
    ("4k屏的电视", False, None),
    ("iPhone15", False, None),
])
def test_shorthand_amounts(text, bare, amount):
    got = parse_amount(text, bare=bare)
    assert (got if got is None else round(got)) == amount


@pytest.mark.parametrize("text, days", [
    ("不是前天收到的，是上周收到的", 7),   # a day count taken back gives way to the next
    ("退货早寄回去了，卖家签收都9天了还不退款", None),  # the seller's receipt of the return
    ("物流显示卖家那边早签收了", None),
    ("收到9天了", 9),
])
def test_days_taken_back_or_of_the_seller_are_not_the_shoppers(text, days):
    assert parse_days(text) == days


@pytest.mark.parametrize("text, rounds", [("扯皮扯了三四回", 3), ("跟他磨了三轮", 3)])
def test_rounds_after_wrangling_words(text, rounds):
    assert parse_count(text) == rounds


@pytest.mark.parametrize("text, word, negated", [
    ("这不是虚假宣传是啥", "虚假宣传", False),  # rhetorical: it says it is
    ("这不是假货吗", "假货", False),
    ("难道不是色差？", "色差", False),
    ("不是色差，是尺码", "色差", True),
    ("不是假货吧", "假货", True),
])
def test_a_rhetorical_question_does_not_negate(text, word, negated):
    i = text.index(word)
    assert is_negated(text, i, i + len(word)) is negated


@pytest.mark.parametrize("text, bare, amount", [
    ("五百多点", True, 500),
    ("89 还是学生价", True, 89),               # a space ends the number as well as a comma
    ("一百七十九 对了我已经催了三次了", True, 179),  # 对了 is "by the way", not pairs
    ("3k出头买的洗碗机 师傅上门说我家橱柜尺寸装不了", False, 3000),  # bought right after: money
    ("诶刚才说错了 是四百多不是三百", False, 400),
    ("三对", True, None),
])
def test_more_answers_and_corrections(text, bare, amount):
    got = parse_amount(text, bare=bare)
    assert (got if got is None else round(got)) == amount


@pytest.mark.parametrize("text, rounds", [
    ("卖家说要我再出一次运费才给重发 聊了两次", 2),  # the count after a talking verb wins
    ("就问过一嘴", 1),
    ("沟通了好几次", 3),
])
def test_counts_said_loosely(text, rounds):
    assert parse_count(text) == rounds


def test_a_space_ends_a_negations_reach():
    text = "根本没有防水膜 虚标骗人"
    i = text.index("虚标")
    assert not is_negated(text, i, i + 2)


@pytest.mark.parametrize("text, bare, amount", [
    ("两百八十八快", True, 288),            # voice input: 快 for 块
    ("快递很快", False, None),
    ("一千五六吧，我一共买了三大桶，货是上个月到的", True, 1500),  # 三大桶 is a quantity
    ("四百八十八块两大瓶", False, 488),      # not 488.2: 两 counts the bottles
    ("平时穿四十一马的", False, None),       # 马 for 码
    ("9.9的数据线 七天无理由 不给退", False, 9.9),
    ("加湿器本身一百六十九，运费是另外垫的二十三", True, 169),
    ("按尺码表拍的140，结果衣长短了一大截，一百三十八块钱", False, 138),  # 140 is the size
    ("尺码偏小 花了160", False, 160),
])
def test_voice_input_quantities_and_sizes_beside_amounts(text, bare, amount):
    got = parse_amount(text, bare=bare)
    assert (got if got is None else round(got, 1)) == amount


@pytest.mark.parametrize("text, rounds", [("2 times", 2), ("跟他掰扯了两次", 2), ("打了两回电话", 2)])
def test_more_counts(text, rounds):
    assert parse_count(text) == rounds


def test_a_space_after_pinyin_does_not_end_a_negation():
    text = "hai mei 申请过"
    i = text.index("申请过")
    assert is_negated(text, i, i + 3, ["hai mei", "没"])


@pytest.mark.parametrize("text, bare, amount", [
    ("二十九块九一袋十个", False, 29.9),       # the jiao digit, then a quantity
    ("说是十本装，拆开数了三遍只有八本", False, None),  # 本 counts books
    ("视频拍了两段，照片反倒没拍", False, None),  # 拍了 two clips, not 2 yuan
])
def test_quantities_after_amount_like_words(text, bare, amount):
    got = parse_amount(text, bare=bare)
    assert (got if got is None else round(got, 1)) == amount


@pytest.mark.parametrize("text, rounds", [
    ("天天打电话，一个礼拜了", 3), ("我发了三次了", 3), ("平台还一次没找过", None),
])
def test_frequencies_and_platform_talk(text, rounds):
    assert parse_count(text) == rounds


@pytest.mark.parametrize("text, amount", [("床笠买的1.8×2.0米的，79块", 79), ("买的一整套儿童百科全书", None)])
def test_dimensions_and_whole_sets_are_no_amounts(text, amount):
    assert parse_amount(text) == amount


def test_a_refusal_after_a_denied_problem_and_a_question_form_are_not_negated():
    t = "卖家说不是质量问题不给换"
    assert not is_negated(t, t.index("不给换"), t.index("不给换") + 3)
    assert is_negated(t, t.index("质量问题"), t.index("质量问题") + 4)
    t = "这算不算虚假宣传啊"
    assert not is_negated(t, t.index("虚假宣传"), t.index("虚假宣传") + 4)


@pytest.mark.parametrize("text, expected", [
    # a price said as its own clause: written out, or after a space in chat fragments
    ("连衣裙，尺码表写腰围68，拉链都拉不上，二百三十九，问了客服", 239),
    ("客服说给我补发一台，让我把坏的寄回去 1299", 1299),
    ("iPhone 15 手机壳，型号点错了", None),
    ("平时穿42 这双42脚趾顶死", None),
])
def test_a_price_as_its_own_clause_in_chat(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("到手第九天，一开机就原地打转", 8),  # the arrival day is the first (Civil Code art. 201)
    ("199块，今天是到货第三天。", 2),
    ("到手第一天就坏了", 0),
    ("买的第三天就坏了", None),  # bought, not received
])
def test_the_nth_day_since_the_goods_came(text, expected):
    assert parse_days(text) == expected


def test_words_said_over_and_over_are_no_count_of_contacts():
    assert parse_count("别又是那种车轱辘话来回说的垃圾机器人") is None
    assert parse_count("跟卖家来回扯皮") == 3


@pytest.mark.parametrize("text, expected", [
    ("客服说是手机快门的事，一直跟我打太极。灯是一百九十九", 199),  # the answer ends on "X是" + the price
    ("她说不可能少。东西是一百零九", 109),
    ("尺码是38", None),  # a size
    ("刚翻了订单 是一百八十九 不是两百", None),  # not 200 (the fact reader reads the correction: 189)
])
def test_an_amount_answer_that_ends_on_the_price(text, expected):
    assert parse_amount(text, bare=True) == expected


def test_a_total_said_wins_over_its_parts():
    assert parse_amount("先付了1500定金，又说要交航空箱和检疫的钱，我又转了2300，一共3800。") == 3800
    assert parse_amount("两盒一共六十来块") == 60


def test_a_length_measured_is_no_price():
    assert parse_amount("尺码表上M码裙长写的105，我拿卷尺从肩线一路量到下摆，才92，短了一大截") is None


@pytest.mark.parametrize("text, expected", [
    ("头皮一块一块地红，109块钱，卖家先说是体质", 109.0),  # patches, not 1.1 yuan
    ("一百二十八块两提，找客服说了两回", 128.0),  # 两提: two packs, not 128.2
    ("医生说是肠胃炎，六百八十八一盒十二瓶，她就喝了两瓶", 688.0),  # the price of one box
    ("拆开就一瓶正装，别的啥也没有，五百二十九呢，问了客服两次", 529.0),  # a price with a particle
    ("驿站说查无此件，三百米的东西，找卖家说了两次", 300.0),  # 米 as slang for yuan
    ("109 kuai ba", 109.0),
    ("拍的一米五乘两米，拿卷尺一量宽才一米四二，长倒是够", None),  # lengths, not 5 yuan
    ("离驿站三百米的地方", None),
    ("拍的27，平时就穿27，这条提到大腿就卡住了", None),  # the size the shopper wears
    ("三十一个", None),
])
def test_amounts_in_dev13_phrasings(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("客服第一次说是拍照打了光，第二次说每个人手机屏幕不一样，第三次干脆已读不回", 3),
    ("问客服第一回说帮我催催，第二回说可能是件找不着了，第三回到现在没动静", 3),
    ("回购第三次的挂耳", None),  # a purchase, not a contact
    ("第二次买了", None),
])
def test_numbered_contacts_count_as_rounds(text, expected):
    from advisor.numbers import ordinal_contacts
    assert ordinal_contacts(text) == expected


def test_calls_to_the_maker_are_not_talks_with_the_seller():
    from advisor.numbers import parse_count
    assert parse_count("客服让我找厂家，厂家电话打了三回没人接") is None
    assert parse_count("找客服说了三回") == 3


def test_dev15_numbers():
    from advisor.numbers import parse_count

    # a capacity, not yuan (but a bare answer's number is the price)
    assert parse_amount("页面写20000mAh，用USB tester测了output才不到一万，这参数也太敢写了") is None
    assert parse_amount("充电宝标20000毫安，一百三十九", bare=True) == 139.0
    assert parse_count("发了三条，一条没回", bare=True) == 3  # messages sent
    assert parse_count("买了三条裤子") is None


@pytest.mark.parametrize("text, bare, expected", [
    ("鞋子一百二十九，下单时候顺手买了运费险", True, 129.0),  # the product named, then its price
    ("这件羽绒服699", True, 699.0),
    ("鞋子42", True, None),  # a shoe size as much as a price
    ("手机256", True, None),  # a storage size
    ("一千八百块整", True, 1800.0),  # the round sum
    ("两块整齐的", True, None),
])
def test_dev16_amounts(text, bare, expected):
    assert parse_amount(text, bare=bare) == expected


def test_a_refund_request_filed_again_is_no_talk_with_the_seller():
    from advisor.numbers import parse_count

    assert parse_count("还没申请介入，仅退款我又重新提了一回") is None
    assert parse_count("售后单提了三次") is None
    assert parse_count("跟卖家提了三次") == 3
    assert parse_count("仅退款跟客服说了三次") == 3


@pytest.mark.parametrize("text, expected", [
    ("电暖器12月1号收到的", 5),
    ("11月30号到的跑鞋", 6),
    ("衣柜11月28号送货上门装好的", 8),
    ("3号签收的", 3),  # this month's
    ("12月20号收到", 351),  # still to come this year: last year's
    ("11月26号寄回的退货，28号显示卖家签收", None),  # the return, not the receipt
    ("前天到的", 2),  # a day count said as such comes first
])
def test_a_receipt_date_gives_the_days_since(text, expected):
    import datetime

    from advisor.numbers import parse_days
    assert parse_days(text, today=datetime.date(2026, 12, 6)) == expected
    if expected != 2:
        assert parse_days(text) is None  # without today's date, a date says nothing


def test_the_day_of_a_contact_is_no_day_count():
    from advisor.numbers import parse_days
    assert parse_days("到货第二天找的，过了一礼拜又找了一回") is None
    assert parse_days("到手第九天，一开机就原地打转") == 8


@pytest.mark.parametrize("text, bare, expected", [
    ("标价四百二，减了六十的券", True, 360.0),  # a list price less a coupon
    ("原价三百九十九，用了五十的店铺券", True, 349.0),
    ("三百六十八，用了四十的购物津贴", True, 328.0),
    ("标价三百二，满三百减了四十", True, 280.0),
    ("标价二百八，满三百减了四十", True, 280.0),  # the threshold not reached
    ("券后199，用了50的券", True, 199.0),  # the sum paid said as such
    ("扫地机器人双十一付的定金200、尾款1099，11月14号送到的", False, 1299.0),  # deposit + balance
    ("衣柜定金200尾款1580，自己买仪器一测0.3", False, 1780.0),
    ("一幅一百二十五，买了两幅", True, 250.0),  # a price each, times the pieces
    ("两袋，一袋29.9", True, 59.8),
    ("两件一共三百六，一件一百八", True, 360.0),  # the total said wins
    ("我买5个单套合一个三层套合有优惠吗", False, None),  # 一个三层 is no price
])
def test_amounts_given_in_parts(text, bare, expected):
    assert parse_amount(text, bare=bare) == expected


@pytest.mark.parametrize("text, expected", [
    ("周二问了客服，周四又问，今天又催了一次，每回都回一句会往上反映", 3),
    ("早上问了一句，下午又追了一句", 2),
    ("显示签收那天就问了，隔两天又问，昨天又问", 3),
    ("29号问一次、12月1号问一次、今天又问", 3),
    ("问了两次，昨天又催了一次", 3),
    ("问了客服两次，客服又找借口", 2),  # the seller's doing, not a contact
    ("找了厂家一次，又找了卖家两次", 2),  # the maker is no talk with the seller
])
def test_contacts_told_as_a_timeline(text, expected):
    from advisor.numbers import parse_count
    assert parse_count(text) == expected


def test_a_timeline_with_its_total_said_counts_the_total():
    from advisor.numbers import parse_count

    post = ("联系店铺客服，客服说：“物流显示已经签收了，丢件请您自己联系快递公司处理。”第二天我又去问了一次，"
            "回复一字不差。前后沟通两次都是这个态度。")
    assert parse_count(post) == 2
    assert parse_count("客服一直推说是屏幕问题。收到当天就找了客服；之后我又找了两次") == 3  # 问题 is no question


def test_what_a_scam_took_is_the_amount():
    assert parse_amount("自称淘宝客服让我共享屏幕跟着操作，最后钱没了3000") == 3000.0
    assert parse_amount("被骗了两千多") == 2000.0


@pytest.mark.parametrize("text, expected", [
    ("在天猫买的冰鲜三文鱼中段，两斤装付了一百三十六", 136.0),  # 三文鱼: a numeral inside a word
    ("布艺沙发，自己花了280运费寄回去", None),  # the postage, not the price
    ("页面写着送挂架，师傅来了说挂架要另外买，180块", None),  # another thing's price
    ("花了299买的，运费15块", 299.0),
    ("三块钱", 3.0),
])
def test_dev19_amounts(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text, bare, expected", [
    ("足浴盆二百九十九", True, 299.0),  # other goods named before the price
    ("一瓶328，我付的钱", True, 328.0),
    ("五张红票子买的，还没找卖家", False, 500.0),  # five 100-yuan notes
    ("才89米，客服态度挺好", False, 89.0),  # 米 as yuan
    ("物流趴在分拨中心没挪窝了，一百二十米，问客服", False, 120.0),
    ("快递柜就在三百米外", False, None),  # a distance
    ("网线买了五十米，", False, None),  # a length
    ("体重一百二", True, None),
])
def test_dev20_amounts(text, bare, expected):
    assert parse_amount(text, bare=bare) == expected


def test_a_repair_counted_is_no_talk_with_the_seller():
    from advisor.numbers import parse_count
    assert parse_count("卖家说已经免费改过一次了，再改要另外收钱") is None
    assert parse_count("用了一次就坏了，找客服说了两次") == 2


@pytest.mark.parametrize("text, bare, expected", [
    ("两千零几十，具体多少我记不住了", True, 2000.0),  # a vague tail: the head surely paid
    ("给孙子买的学习机，两千零几十买的", False, 2000.0),
    ("一百五六十块钱", True, 150.0),  # two neighbouring digits and their unit: the lower
    ("两千三四百", True, 2300.0),
    ("几百块", True, None),  # still vague
    ("about 300 rmb，医院还没去", True, 300.0),  # English before the number is no model name
    ("around 300 yuan", True, 300.0),
    ("买的iphone 15 pro 发来是翻新机", False, None),
    ("一千二，急诊又花了四百多，这钱谁出？", True, 1200.0),  # the doctor's bill is not the price
    ("燕窝一千二买的，急诊又花了四百多", False, 1200.0),
    ("上面写的腰围二尺六，到手一量才二尺三，根本穿不进去", False, None),  # old lengths
    ("二尺三寸", True, None),
    ("大了一尺码，188买的", False, 188.0),
])
def test_dev21_amounts(text, bare, expected):
    assert parse_amount(text, bare=bare) == expected


def test_a_resale_is_no_second_contact():
    from advisor.numbers import parse_count
    assert parse_count("申请退的时候商家说包装拆了影响二次销售") is None


@pytest.mark.parametrize("text, bare, expected", [
    ("买的925银耳钉，三十九块九两对", False, 39.9),  # the silver's purity is no price
    ("标的足金999、克重20.15g，花了6280", False, 6280.0),
    ("微信转账 ¥3200.00 对方已收款", False, 3200.0),  # 对方 is no pair
    ("买了两对耳钉", False, None),
])
def test_dev22_amounts(text, bare, expected):
    assert parse_amount(text, bare=bare) == expected


def test_a_message_sent_again_is_a_contact_in_a_timeline():
    from advisor.numbers import parse_count
    assert parse_count("头天问了一次，第二天又发了一次") == 2


def test_a_loose_amount_said_later_is_the_exact_one_said_before():
    text = "在一家旗舰店拍了台投影仪，1099。到手开机试了一晚上。行吧，花一千多买个教训是吧？"
    assert parse_amount(text) == 1099.0
    assert parse_amount("原价1299，花了一千多") == 1000.0  # a reference price is not it


def test_wanting_to_ask_is_no_contact():
    from advisor.numbers import parse_count
    assert parse_count("回来找客服，客服说是体质问题，我又问了一次要个说法。我就想问，卖了十几万盒就没人出问题？") == 2


@pytest.mark.parametrize("text, bare, expected", [
    ("两幅一共436，用了满400减40的券，实付396", True, 396.0),  # what was actually paid beats the total
    ("商品总价 ¥428.00，跨店满减 -¥30.00，实付款 ¥398.00", False, 398.0),
    ("先付了1500定金，又转了2300，一共3800", False, 3800.0),
    ("户外电源详情页写的容量1000Wh，实测才放出620Wh左右。2899买的。", False, 2899.0),  # bought, beside a capacity
    ("充电宝20000mAh，测了才不到一万", False, None),  # a capacity
    ("页面上写着能照八百米，照出去也就十来米，五十八块钱，还没找卖家", False, 58.0),  # how far a torch shines
])
def test_older_dev_amounts(text, bare, expected):
    assert parse_amount(text, bare=bare) == expected


@pytest.mark.parametrize("text, bare, expected", [
    ("这个很重要吗？一罐三百六十八", True, 368.0),  # a question back, then what was bought and its price
    ("记不清了，一罐三百六十八", True, 368.0),
    ("¥459.00 分了6期", True, 459.0),  # installments: 分 is no unit of the price
    ("分了3期，每期100", False, None),
    ("等了5分钟", False, None),
    # the size worn, then the size bought, is no price; the price with 块 is
    ("主播说偏大一码让拍小一码，我平时27拍了26，结果腰扣不上，89块9", False, 89.9),
    ("给我外公配的充电式助听器2680，页面写'充一次用30天'", False, 2680.0),  # goods, their price, a break
    ("一台空气净化器1299，用了三天就坏了", False, 1299.0),
    ("电视65，色差严重", False, None),  # a screen's size
])
def test_dev24_amounts(text, bare, expected):
    assert parse_amount(text, bare=bare) == expected


def test_a_rate_is_no_count():
    from advisor.numbers import parse_count
    assert parse_count("一天问一次 五天问了五次", bare=True) == 5
    assert parse_count("找了一次") == 1


@pytest.mark.parametrize("text, bare, expected", [
    ("反正不少 一整套下来218", True, 218.0),  # the sum said with 下来 ends the answer
    ("你猜 反正不便宜 899", True, 899.0),  # not cheap: no price difference
    ("客服说那是正常的 每批布料不一样 不退不换 最多补我五块", False, None),  # money offered, not paid
    ("给女朋友订的33朵香槟玫瑰，订单号后四位7721，今天送到", False, None),  # flowers counted
    ("客服非说是我电源功率不够 我电源650w的啊", False, None),  # watts, not 万
])
def test_dev26_amounts(text, bare, expected):
    assert parse_amount(text, bare=bare) == expected


@pytest.mark.parametrize("text, bare, expected", [
    ("拆开电饭煲内胆上好几道划痕，外壳侧面还凹进去一块", False, None),  # a dent, not a yuan
    ("买的微单标的全新国行，6888花呗分12期每期574。到手一查快门数两万三千多", False, 6888.0),
    ("面霜下单时479，第二天就降了60，申请保价退回来60，等于我实际花了419。", False, 419.0),
])
def test_dev27_amounts(text, bare, expected):
    assert parse_amount(text, bare=bare) == expected


def test_a_measure_taken_after_a_paying_word_is_no_price():
    assert parse_amount("按尺码表拍的29码，表上腰围写74，到手平铺一量才68，根本扣不上。") is None
    assert parse_amount("到手才68") == 68.0


def test_goods_then_their_price_then_a_space():
    assert parse_amount("净水器3280 宣传除菌99.9% 我自己送去检测") == 3280.0


def test_counts_told_as_an_ordinal_and_contacts_the_seller_sent_on():
    from advisor.numbers import parse_count
    assert parse_count("算上今天第四次了", bare=True) == 4  # asked how often: the number is the answer
    assert parse_count("这是第三次了", bare=True) == 3
    assert parse_count("第二次买这家了 找了一次", bare=True) == 1  # a purchase counted, not a talk
    assert parse_count("这是第三次了") is None  # not asked: nothing says it is a talk
    # the seller sending the shopper on is no contact of the shopper's
    assert parse_count("客服让我找品牌售后，品牌售后又说东西是店里卖的让我回去找店铺，来回踢皮球") is None


def test_receiving_a_notice_is_no_receipt():
    assert parse_days("刚收到平台通知，判我赢了") is None
    assert parse_days("今天收到退款短信") is None
    assert parse_days("刚收到，东西是坏的") == 0


@pytest.mark.parametrize("text, bare, expected", [
    # one item of a larger order named with its own price: the goods with the problem
    ("一共买了三件衣服 花了486 有问题的是那件羽绒服 279 拉链拉了两下头就掉了", False, 279.0),
    ("两个抱枕套加一个沙发套 一共356 沙发套是228 详情页写的燕麦色", False, 228.0),
    ("面霜是198，整套一共436", True, 198.0),
    ("沙发套是228，加上两个抱枕套整单一共356", True, 228.0),
    # a unit price, a fee or a list price is no item of the order
    ("单价是19.9，一共99.5", True, 99.5),
    ("一共356，运费是10", True, 356.0),
    ("原价是899 一共付了799", False, 799.0),
])
def test_dev33_amounts(text, bare, expected):
    assert parse_amount(text, bare=bare) == expected


def test_one_contact_on_each_day_named():
    assert parse_count("4号晚上和6号各找了一次客服，都没人回") == 2
    assert parse_count("11月2号，5号，9号各问了一次客服，一次都没回") == 3
    assert parse_count("我和我妈各问了一次") == 1  # people, not days: the count said


def test_the_seller_chasing_for_the_shopper_and_the_courier_are_no_contacts():
    # (the one contact left, told with 又, is no count: the question is asked)
    assert parse_count("我打了快递客服，快递说在查。又找了卖家，卖家挺配合的，说帮我去催") is None
    assert parse_count("周二问了客服，周四又问，今天又催了一次") == 3
