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
    ("跟卖家说了两三次", 3),
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
    ],
    ids=lambda t: repr(t) if len(t) <= 20 else f"{t[:10]!r}...({len(t)})",
)
def test_never_raises(text):
    for finder in (find_amounts, find_days, find_counts):
        for bare in (False, True):
            assert isinstance(finder(text, bare=bare), list)


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
