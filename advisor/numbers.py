"""Read numbers out of a shopper's words: amounts in yuan, days since the goods
arrived, rounds of negotiation with the seller.

Pure Python over `cn2an` (Chinese numerals); no Rasa, no spaCy. Callers should
pass normalised text (Simplified Chinese, half-width digits); a few
Traditional and full-width forms are folded here as well.

Every `find_*` function returns `Mention`s with character offsets into the
text it was given; `parse_*` returns the value of the first mention
(`parse_amount`: the first one that was paid, see there). The
`find_*` functions take optional `starts`: the positions where a number or a
time word begins, as found by a tokenizer or matcher (see `candidate_starts`
for what is expected there). Without them the positions come from a regex.

Numerals inside idioms, policies, product names, ratings and shopping
festivals ("退一赔三", "七天无理由", "小米14", "一星差评", "双11", "618",
"一模一样") are skipped by every reader, in free text and in bare answers.

Nothing here judges whether a value is plausible: a negative or absurd amount
is returned as read, so the dialogue can tell the user it makes no sense.
"""
from __future__ import annotations

import bisect
import datetime
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, List, Optional, Tuple, Union

import cn2an

__all__ = [
    "Mention",
    "NUMERAL_CHARS",
    "LEXICON_WORDS",
    "parse_number",
    "candidate_starts",
    "find_amounts",
    "find_days",
    "find_counts",
    "parse_amount",
    "parse_days",
    "parse_count",
]

Number = Union[int, float]


@dataclass(frozen=True)
class Mention:
    """A value read from `text[start:end]`."""

    value: Number
    start: int
    end: int


# ----------------------------------------------------------------- characters
_CN_DIGITS = "零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖俩仨"
_CN_UNITS = "十百千万亿拾佰仟廿"  # 廿: twenty (三百廿八 = 328)
#: Characters a number can start with or consist of (one character each, so a
#: character-level matcher can use them as a token set).
NUMERAL_CHARS = "0123456789" + _CN_DIGITS + _CN_UNITS + "半几"

# Full-width ASCII and the Traditional forms of the words this module looks
# at, folded one character to one character so offsets stay valid.
_FOLD = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20, 0xFFE5: ord("¥")})
del _FOLD[0xFF0C]  # "639，618活动买的": a full-width comma ends a clause, it groups no digits
_FOLD.update(
    str.maketrans(
        "兩萬億幾塊圓錢個週禮號買價貨簽發沒還聯繫溝談問說輪來後歲鐘頭剛時幣碼後預約訂單據",
        "两万亿几块圆钱个周礼号买价货签发没还联系沟谈问说轮来后岁钟头刚时币码后预约订单据",
    )
)

_BREAKS = set("，。！？；;!?\n\r…~、")  # clause boundaries (plus , and . between non-digits)


# 1，299 typed with a Chinese input method groups digits (under 100,000); 639，618 is two numbers
_FULLWIDTH_GROUPING = re.compile(r"(?<![0-9.])([0-9]{1,2})，(?=[0-9]{3}(?![0-9]))")


# "1k+", "300+": a plus after a number is 多 (one character for one: positions stay)
_PLUS_AS_MORE = re.compile(r"(?<=[0-9kKwW百千万])\+(?![0-9+])")


def _fold(text: str) -> str:
    return _PLUS_AS_MORE.sub("多", _FULLWIDTH_GROUPING.sub(r"\1,", text.translate(_FOLD)))


def _is_break(text: str, i: int) -> bool:
    c = text[i]
    if c in _BREAKS:
        return True
    if c in ",.":  # a comma or dot between digits belongs to a number
        before = text[i - 1] if i > 0 else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        return not (before.isdigit() and after.isdigit())
    return False


_CLAUSE_REACH = 40  # a clause is looked at no further than this either side


def _clause(text: str, start: int, end: int) -> Tuple[int, int]:
    """Bounds of the clause around text[start:end]."""
    lo = start
    while lo > 0 and start - lo < _CLAUSE_REACH and not _is_break(text, lo - 1):
        lo -= 1
    hi = end
    while hi < len(text) and hi - end < _CLAUSE_REACH and not _is_break(text, hi):
        hi += 1
    return lo, hi


def _breaks(text: str) -> List[int]:
    """Positions of the clause boundaries in text, for _clause_at."""
    return [i for i, c in enumerate(text) if (c in _BREAKS or c in ",.") and _is_break(text, i)]


def _clause_at(breaks: List[int], n: int, start: int, end: int) -> Tuple[int, int]:
    """_clause(text, start, end) from the precomputed _breaks(text); n = len(text)."""
    i = bisect.bisect_left(breaks, start)
    lo = max(breaks[i - 1] + 1 if i > 0 else 0, start - _CLAUSE_REACH)
    j = bisect.bisect_left(breaks, end)
    hi = min(breaks[j] if j < len(breaks) else n, end + _CLAUSE_REACH)
    return lo, hi


def _clean_gap(gap: str, max_len: int, digits_ok: bool = False) -> bool:
    """True if `gap` may sit between a cue word and a number."""
    return len(gap) <= max_len and not any(
        c in _BREAKS or c in ",." or (not digits_ok and (c.isdigit() or c in _CN_DIGITS))
        for c in gap
    )


# --------------------------------------------------------------- parse_number
_ARABIC = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
_RE_PLAIN = re.compile(rf"(?:{_ARABIC})")
_RE_KW = re.compile(rf"({_ARABIC})([kKwW])([0-9])?")  # 1k2 = 1200, 1w5 = 15000
_RE_PAIR = re.compile(r"([一二两三四五六七八])([二三四五六七八九])([十百千万亿]*)")
_RE_COLLOQUIAL = re.compile(r"(.*[百千万亿])([一二两三四五六七八九])")
_DIGIT_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九")}
_DIGIT_VALUE.update({"两": 2, "〇": 0})
_UNIT_VALUE = {"百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
_MAX_TOKEN = 40  # longer strings are not numbers a shopper types


def _cn2an(s: str) -> Optional[float]:
    try:
        v = cn2an.cn2an(s, "smart")
    except Exception:  # cn2an raises ValueError, and sometimes other things
        return None
    try:
        v = float(v)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


def _parse_unsigned(t: str) -> Optional[float]:
    if _RE_PLAIN.fullmatch(t):
        v = float(t.replace(",", ""))
        return v if math.isfinite(v) else None
    m = _RE_KW.fullmatch(t)
    if m:
        unit = 1000 if m.group(2) in "kK" else 10_000
        if m.group(3) and "." in m.group(1):
            return None  # 1.5k2 is no number
        return float(m.group(1).replace(",", "")) * unit + int(m.group(3) or 0) * unit / 10
    t = t.replace("俩", "两").replace("仨", "三").replace(",", "").replace("廿", "二十")
    # 两三 / 三四百 / 二三十: "two or three ..." -> take the larger
    m = _RE_PAIR.fullmatch(t)
    if m:
        a, b = _DIGIT_VALUE[m.group(1)], _DIGIT_VALUE[m.group(2)]
        if b == a + 1 or (a, b) == (3, 5):
            t = m.group(2) + m.group(3)
    v = _cn2an(t)
    if v is not None:
        return v
    # what cn2an does not read: 一点二万, 一亿二, 1.5千万 ...
    m = _RE_COLLOQUIAL.fullmatch(t)
    if m and m.group(1)[-1] in _UNIT_VALUE:
        head = _parse_unsigned(m.group(1))
        if head is not None:
            return head + _DIGIT_VALUE[m.group(2)] * _UNIT_VALUE[m.group(1)[-1]] / 10
    if len(t) > 1 and t[-1] in "万亿":
        head = _parse_unsigned(t[:-1])
        if head is not None:
            return head * _UNIT_VALUE[t[-1]]
    return None


@lru_cache(maxsize=4096)
def _parse_number_cached(s: str) -> Optional[float]:
    return _parse_number(s)


def parse_number(s: str) -> Optional[float]:
    """The value of a number written in Arabic or Chinese numerals, or None.

    "299", "1,299", "1.2万", "两百九十九", "三千五" (3500), "一万二" (12000),
    "两百五" (250), "1k", "2.5w", "-5", "负五". Vague numbers ("几百") give None.
    """
    if not isinstance(s, str):
        return None
    if len(s) > 2 * _MAX_TOKEN:
        return None
    return _parse_number_cached(s)


def _parse_number(s: str) -> Optional[float]:
    t = unicodedata.normalize("NFKC", _fold(s)).strip().replace(" ", "")
    if not t or len(t) > _MAX_TOKEN:
        return None
    sign = 1.0
    if t[0] in "-−":
        sign, t = -1.0, t[1:]
    elif t[0] == "负":
        sign, t = -1.0, t[1:]
    elif t[0] == "+":
        t = t[1:]
    if not t or "几" in t or t[0] in ",.":
        return None
    if t == "半":
        return 0.5 * sign
    v = _parse_unsigned(t)
    return None if v is None else sign * v


# ------------------------------------------------------------- pinyin numbers
# An answer typed in pinyin ("yibai liushijiu", "liang ci", "si ge yi gong 105"): its syllables written in
# characters, so the same readers take it. Only a message made of these syllables alone is rewritten.
_PINYIN_NUMERALS = {
    "ling": "零", "yi": "一", "er": "二", "liang": "两", "san": "三", "si": "四", "wu": "五", "liu": "六",
    "qi": "七", "ba": "八", "jiu": "九", "shi": "十", "bai": "百", "qian": "千", "wan": "万",
    "kuai": "块", "yuan": "元", "ci": "次", "hui": "回", "tang": "趟", "tian": "天", "duo": "多",
    "zuo": "左", "you": "右", "ge": "个", "gong": "共", "zong": "总", "ji": "几", "hao": "好", "da": "大", "gai": "概",
}
_PINYIN_SYLLABLE = re.compile("|".join(sorted((k for k in _PINYIN_NUMERALS if k.isalpha()), key=len, reverse=True)))


def pinyin_numerals(text: str) -> Optional[str]:
    """"yibai liushijiu" -> "一百六十九"; None unless every letter of the text is such a syllable
    (and some syllable is a numeral)."""
    if not isinstance(text, str):
        return None
    words = re.findall(r"[a-z]+|[0-9.]+", text.lower())
    if not words or re.search(r"[^a-z0-9\s,.!?，。！？~]", text.lower()):
        return None
    out, numerals = [], False
    for w in words:
        if not w.isalpha():
            out.append(" " + w + " ")  # "si ge yi gong 105": the digits as they are
            numerals = numerals or any(c.isdigit() for c in w)  # "3ci": the count in digits
            continue
        i, chars = 0, []
        while i < len(w):
            m = _PINYIN_SYLLABLE.match(w, i)
            if not m:
                return None
            chars.append(_PINYIN_NUMERALS[m.group(0)])
            i = m.end()
        out.append("".join(chars))
        numerals = numerals or any(c in _CN_DIGITS + "十百千万几" for c in chars)
    # (a digit then its measure word reads as one: "3ci" -> "3次")
    if not numerals or not any(w.isalpha() for w in words):
        return None
    return re.sub(r"(?<=[0-9])\s+(?=[\u4e00-\u9fff])", "", "".join(out).strip())


# ------------------------------------------------------------- number tokens
_CN_CLASS = _CN_DIGITS + _CN_UNITS
_RE_TOKEN_ARABIC = re.compile(
    rf"(?:{_ARABIC})(?:(?:[十百千万亿](?:[0-9](?![0-9]))?)+|[kKwW](?:[0-9](?![0-9.]))?(?![A-Za-z]))?"
)
_RE_TOKEN_CN = re.compile(
    rf"[{_CN_CLASS}几]+(?:点[{_CN_DIGITS}]+[{_CN_UNITS}]*)?"
)


def _read_token(text: str, pos: int) -> Tuple[Optional[str], int]:
    """The number token that starts at pos and where it ends; (None, end) when
    there is none (end then says where to go on)."""
    c = text[pos]
    if c.isascii() and c.isdigit():
        m = _RE_TOKEN_ARABIC.match(text, pos)
    elif c in _CN_CLASS or c == "几":
        m = _RE_TOKEN_CN.match(text, pos)
    elif c == "半":
        return "半", pos + 1
    else:
        return None, pos + 1
    if not m:
        return None, pos + 1
    if m.end() - pos > _MAX_TOKEN:
        return None, m.end()  # a serial number, not an amount: skip all of it
    tok = m.group(0)
    if len(tok) > 1 and tok[-1] in _COUNT_DIGITS and text[m.end():m.end() + 1] in _PER_ONE \
            and parse_number(tok) is None and parse_number(tok[:-1]) is not None:
        return tok[:-1], m.end() - 1  # "六百八十八一盒": 688 for one box; "九十九三盒": 99 for three
    return tok, m.end()


_PER_ONE = frozenset("盒箱套件个瓶袋提包双条罐支份斤只台")
_COUNT_DIGITS = frozenset("一二两三四五六七八九俩仨")


def _approx_value(tok: str) -> Optional[float]:
    """Like parse_number, but reads 几 as 3: 十几 -> 13, 好几 -> 3, 几十 -> 30."""
    if "几" in tok:
        return parse_number(tok.replace("几", "三"))
    return parse_number(tok)


# 三四百 / 两三千 / 一两百 / 二三十: "a or b" times a unit
_RE_RANGE = re.compile(r"([一二两三四五六七八])([二两三四五六七八九])([十百千万亿]*)")
# 三十七八 / 一百七八 / 两千五六 / 一百五六十: a head, then two neighbouring digits (and their unit)
_RE_RANGE_TAIL = re.compile(r"(.*[十百千万])([一二三四五六七八])([二三四五六七八九])([十百千]?)")


def _range_low(tok: str) -> Optional[float]:
    """The lower bound of a range written as two neighbouring digits
    ("三四百" -> 300, "两三次" -> 2, "三十七八" -> 37, "一两百" -> 100), or
    None if tok is not such a range. parse_number reads these as the larger
    value; amounts and counts take the lower one (what the user surely
    paid or did)."""
    t = tok.replace("俩", "两").replace("仨", "三")
    m = _RE_RANGE.fullmatch(t)
    if m:
        a, b = _DIGIT_VALUE[m.group(1)], _DIGIT_VALUE[m.group(2)]
        if b == a + 1 or (a, b) == (3, 5):  # 三五 ("three to five") too
            return parse_number(m.group(1) + m.group(3))
        return None
    m = _RE_RANGE_TAIL.fullmatch(t)
    if m and _DIGIT_VALUE[m.group(3)] == _DIGIT_VALUE[m.group(2)] + 1:
        return parse_number(m.group(1) + m.group(2) + m.group(4))
    return None


# --------------------------------------------------------- lexicon (time, counts)
_DAY_WORDS = {
    "大前天": 3,
    "前天": 2,
    "昨天": 1,
    "昨晚": 1,
    "昨儿": 1,
    "昨日": 1,
    "今天": 0,
    "今早": 0,
    "今儿": 0,
    "今日": 0,
    "刚刚": 0,
    "刚": 0,
    "上周": 7,
    "上星期": 7,
    "上个星期": 7,
    "上礼拜": 7,
    "上个礼拜": 7,
    "上个月": 30,
    "前几天": 3,
}
_COUNT_WORDS = {
    "好几次": 3,
    "好几回": 3,
    "好多次": 3,
    "很多次": 3,
    "无数次": 3,
    "多次": 3,
    "几次": 3,
    "几回": 3,
    "数次": 3,
    "屡次": 3,
    "再三": 3,
    "一再": 3,
    "反复": 3,
    "来回": 3,
    "三番五次": 3,
    "三番两次": 3,
    "一嘴": 1,  # 问过一嘴: asked once, in passing
    "twice": 2,  # an answer in English: "talked to them twice"
    "once": 1,
    "two times": 2,
    "three times": 3,
    "four times": 4,
    "天天": 3,  # 天天找客服: many times
    "数不清": 3,
}
#: Words (not numerals) that start a day or count expression.
LEXICON_WORDS: Tuple[str, ...] = tuple(sorted(set(_DAY_WORDS) | set(_COUNT_WORDS)))
_RE_LEXICON = re.compile("|".join(sorted(map(re.escape, LEXICON_WORDS), key=len, reverse=True)))
_RE_RUN = re.compile(f"[{re.escape(NUMERAL_CHARS)}]+")


def candidate_starts(text: str) -> List[int]:
    """Where numbers and time/count words may start: the first character of
    each maximal run of NUMERAL_CHARS, and each occurrence of LEXICON_WORDS."""
    starts = {m.start() for m in _RE_RUN.finditer(text)}
    starts.update(m.start() for m in _RE_LEXICON.finditer(text))
    return sorted(starts)


def _words_re(words: Iterable[str]) -> "re.Pattern[str]":
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))


_RE_DAY_WORDS = _words_re(_DAY_WORDS)
_RE_COUNT_WORDS = _words_re(_COUNT_WORDS)


def _lexicon_at(text: str, pos: int, words: "re.Pattern[str]") -> Optional[Tuple[str, int]]:
    m = words.match(text, pos)
    return (m.group(0), m.end()) if m else None


# ------------------------------------------------ numerals that are not numbers
# Idioms, policies, product names, ratings and shopping festivals hold numerals
# that are never an amount, a day count or a count, in free text or as a bare
# answer. Their spans are skipped by every reader.
_N = "0-9零〇一二两三四五六七八九十百"
_MASK_WORDS = (
    # idioms and set phrases
    "一模一样", "一五一十", "一清二楚", "一干二净", "一心一意", "三心二意", "七上八下",
    "乱七八糟", "五花八门", "四面八方", "十全十美", "百分之百", "百分百", "万无一失",
    "一分钱一分货", "一言难尽", "接二连三", "独一无二", "千篇一律", "千辛万苦", "千方百计",
    "千真万确", "万万没想到", "一丝一毫", "一分一毫", "一毛不拔", "九牛一毛", "一无是处",
    "三天两头", "三天打鱼两天晒网", "一天到晚", "一年到头", "一分为二", "一口价",
    "一比一", "一对一", "一星半点", "说一不二", "一是一", "二是二", "一而再再而三",
    "千万别", "千万不要", "千万不能", "千万要", "千万小心", "万一",
    # everyday words that start with a numeral
    "一直", "一下", "一起", "一样", "一定", "一般", "一些", "一切", "一旦", "一边",
    "一会儿", "一会", "一向", "一律", "一致", "一开始", "一上来", "一方面", "一口气",
    "一个劲", "一大堆", "一堆", "一整天", "一眼", "一看", "一度", "一番", "一阵",
    "统一", "唯一", "二手", "一手", "三包", "四六级", "一加一",
    "一共",  # 一共一百五十八: the total follows
    "二次销售", "二次售卖", "二次使用",  # 影响二次销售: the seller's reason, not a second contact
    # 零 that is no zero: 鳕鱼肠零食, 零配件, 零甲醛
    "零食", "零件", "零配件", "零售", "零碎", "零下", "零甲醛", "零添加", "零糖", "零卡", "零脂", "零差评",
    # product names that start with a numeral
    "五仁", "三只松鼠", "六个核桃", "五粮液", "十三香", "一次性", "二锅头", "八宝粥", "五香", "七分裤", "九分裤",

)
_POWER_WORDS = (
    r"快充|闪充|充电|功率|电源|适配器|氮化镓|GaN|PD|灯|音箱|音响|喇叭|电机|马达|吹风机|电吹风"
)
_SCREEN_WORDS = r"电视|屏|显示器|高清|分辨率|视频|画质|投影|HDR|蓝光"
_RE_SCREEN_TALK = re.compile(_SCREEN_WORDS + r"|[0-9]{2,3}\s*[hH][zZ]|1080|1440|2160|刷新率|高刷", re.I)
_BRANDS = (
    r"小米|红米|华为|荣耀|魅族|一加|苹果|三星|真我|努比亚|中兴|联想|坚果|黑鲨|摩托罗拉|索尼|任天堂"
    r"|适马|腾龙|佳能|尼康|富士|徕卡|蔡司|大疆"  # lenses and cameras: 适马35 1.4
)
# Names of body and garment measures: a number after one is a measure, not money
_BODY_MEASURES = r"腰围|胸围|臀围|肩宽|衣长|裙长|裤长|袖长|腿长|腿围|臂围|头围|内径|圈口"
_ENGLISH_MEASURES = r"waist|chest|bust|hips?|length|inseam|shoulders?"
MEASURE_NAMES = _BODY_MEASURES + "|" + _ENGLISH_MEASURES
# English words before a number that make it no model name: "about 300 rmb", "paid 89"
_ENGLISH_BEFORE_NUMBER = (r"(?i:about|around|approx|approximately|roughly|nearly|almost|maybe|like|only|just|over"
                          r"|under|paid|pay|spent|cost|costs|for|is|was|total|price|at|me|it|yuan|rmb|usd|twice)")
_NOT_AFTER_NUMERAL = rf"(?<![{re.escape(NUMERAL_CHARS)}])"  # 一万一 is 11000, not 一万 + 万一
_RE_MASK = re.compile(
    "|".join(
        [
            _NOT_AFTER_NUMERAL
            + "(?:"
            + "|".join(sorted(map(re.escape, _MASK_WORDS), key=len, reverse=True))
            + ")",
            _NOT_AFTER_NUMERAL + r"一点(?![0-9零〇一二两三四五六七八九])",
            # 开关那一块, 这一块: a part of the thing, not a yuan
            r"(?<=[那这哪了])[一半]块(?![钱0-9一二两三四五六七八九])",  # 瘪了一块: a dent; 吃了半块
            r"(?<=进去|下去|出来|起来)[一半]块(?![钱0-9一二两三四五六七八九])",  # 凹进去一块, 鼓起来一块
            # 锅身凹一块, 掉一块漆, 缺一块: a dent or a piece gone, not a yuan
            r"(?<=[凹瘪鼓肿秃缺掉烂破磕])[一半]块(?![钱0-9一二两三四五六七八九])",
            # 碎了三块, 断成两块: pieces of the goods, not yuan
            r"(?<=碎了|碎成|裂成|断成|掰成|摔成|裂了|断了|分成)\s*(?:[一两二三四五六七八九十几]{1,3}|好几|[0-9]{1,2})\s*块(?![钱0-9一二两三四五六七八九])",
            r"([一两几])块\1块",  # 头皮一块一块地红: patches, not 1.1 yuan
            # lengths: 一米五乘两米, 宽才一米四二, 1米8的床 (米 is also slang for yuan, but not here)
            rf"(?<![{_N}])[一二两三四五六七八九1-9]\s*米\s*[一二两三四五六七八九零0-9](?:[一二两三四五六七八九零0-9])?(?![{_N}]|\s*(?:块|元|米))",
            # the old lengths: 腰围二尺六, 二尺三寸, 三寸 (尺码 is a size word)
            rf"(?<![{_N}])[{_N}]{{1,3}}\s*(?:尺(?!码|寸?[钱块元])\s*(?:[{_N}]{{1,2}}\s*寸?)?|寸(?![钱块元]))",
            # 一分钱没退, 一毛钱都不给: nothing at all, not a price
            _NOT_AFTER_NUMERAL + r"一\s*(?:分|毛)钱?(?=\s*(?:都|也)?\s*(?:没|不|未))",
            # the size worn, then the size bought: 我平时27拍了26, 之前都穿38的买了39
            r"(?:平时|平常|一直|以前|之前|原来)(?:都|就|一直)?\s*穿?\s*[0-9]{2}(?:码|号)?\s*的?\s*"
            r"(?:拍|买|选|下单)了?的?\s*[0-9]{2}(?:码|号)?(?![0-9.]|\s*(?:多|来)?\s*(?:块|元|米))",
            # a sofa's or a set's make-up: 1+2+3, 3+1 (seats and pieces, not yuan)
            r"(?<![0-9.])[1-4](?:\s*[+＋]\s*[1-4]){1,3}(?![0-9.])(?!\s*(?:块|元))",
            # a garment size as height/bust and body type: 170/92A, 160/84B (not 899块)
            r"(?<![0-9])1[0-9]{2}\s*/\s*[0-9]{2,3}\s*[ABYabyY]?(?![0-9])",
            # watts, not 万: three or four digits before W are no price a shopper pays (页面写的1800W)
            r"(?<![0-9.])[1-9][0-9]{2,3}\s*[wW](?![a-zA-Z0-9])(?!\s*(?:块|元|多块|rmb|RMB))",
            # a power supply's watts, not 万: 我电源650w的啊, 功率1200W
            r"(?<=电源|功率)\s*[0-9]{2,4}\s*[wW](?![a-zA-Z])",
            # a camera's shutter count: 快门数两万三千多
            rf"快门(?:数|次数)?\s*(?:已经|都|才)?\s*[{_N}万千.]+多?",
            # a rate, not a count: 一天问一次, 每天催一回 ("一天问一次 五天问了五次")
            r"(?:一|每)\s*(?:天|日|周|星期)\s*(?:都)?\s*(?:问|找|催|联系|发|打)?\s*了?\s*一\s*(?:次|回|遍|趟)",
            # 退一赔三, 假一赔十, 少一赔十
            rf"[退假错少坏][{_N}]{{1,3}}赔[{_N}]{{1,3}}",
            # 七天无理由, 7天无理由退货, 15天价保
            rf"(?<![{_N}])[{_N}]{{1,4}}\s*(?:天|日)\s*(?:无理由|无忧|包退|包换|价保|保价|试用|试穿|质保|内可退)",
            # ratings: 一星差评, 1星, 五星好评, 3颗星 (not 一星期)
            rf"(?<![{_N}])[{_N}]{{1,3}}\s*颗?星(?!期)",
            # shopping festivals: 双11, 双十一, 双12, 618, 11.11, 99划算节
            r"双\s*(?:十一|十二|11|12)",
            r"(?<![0-9.¥￥])(?<!花了)(?<!付了)(?<!花)(?<!付)(?<!价)(?<!是)(?<!值)"
            r"618(?![0-9.%])(?!\s*(?:多|来)?\s*(?:块|元|圆|rmb|RMB))",
            r"(?<![0-9.])(?:11\.11|12\.12|6\.18)(?![0-9])(?!\s*(?:多|来)?\s*(?:块|元|圆))",
            r"(?<![0-9])[0-9]{1,4}(?=(?:划算节|大促|女王节|女神节|会员节|购物节|年货节))",
            # a festival date written as digits before buying: 1212买的, 1111下单
            r"(?<![0-9.])(?:1111|1212|0618)(?=\s*(?:的时候|那天|当天|期间|零点|0点|凌晨)?\s*"
            r"(?:买|下单|下的单|拍|抢|付款|付的|入手|囤))",
            # promotions: 买二送一, 买2免1, 3免1, 两件送一件, 满199减10, 每满300减30,
            # 满两件八折; the numbers are thresholds and quantities, not a price
            rf"买\s*[{_N}]{{1,4}}\s*(?:件|个|份|瓶|盒|袋|包|双|条|只|套|支|箱)?\s*(?:送|免|赠|减)\s*[{_N}]{{1,4}}",
            rf"(?<![{_N}.])[{_N}]{{1,2}}\s*(?:件|个|份|瓶|盒|袋|包|双|条|只|套|支|箱)?\s*(?:送|免|赠)\s*[{_N}]{{1,2}}(?![{_N}.])",
            rf"满\s*[{_N}.]+\s*(?:元|块|件|个)?\s*(?:的话)?\s*(?:可以|可|就|立|再|能|才|还)?\s*"
            rf"(?:减|送|返|打|享|免|用|-)\s*[{_N}.]*",
            rf"(?<![{_N}.])[0-9]{{2,5}}\s*(?:减|-)\s*[0-9]{{1,4}}\s*(?:元|块)?\s*的?\s*(?:券|优惠券|红包|满减)",
            _NOT_AFTER_NUMERAL + r"(?:十一|五一)(?=假期|黄金周|长假|期间|放假|那几天)",
            # phones and other models: 小米14, 华为 Mate60, iPhone 15, 一加12
            rf"(?:{_BRANDS})\s*(?:[A-Za-z]+\s*)?[0-9]{{1,3}}(?![0-9.])"
            r"(?!\s*(?:多|来)?\s*(?:块|元|圆|斤|公斤|个|件|箱|盒|袋|包))",
            r"(?<![A-Za-z0-9])(?!(?:RMB|rmb|Rmb|CNY|cny|No|NO|no|" + _ENGLISH_BEFORE_NUMBER + r")(?![A-Za-z]))"
            r"[A-Za-z]+\s?[0-9]{1,3}(?![0-9.])"
            r"(?!\s*(?:多|来)?\s*(?:块|元|圆|rmb|RMB|yuan|Yuan|CNY|cny|kuai))",
            # metal purity: 925银, S925, 足金999, 千足金9999
            r"(?<![0-9.])[sS]?925(?=\s*(?:纯银|足银|银|的银))|(?<=足金)\s*9{3,4}(?![0-9.])|(?<![0-9.])9{3,4}(?=\s*(?:足金|千足金|黄金|纯金))",
            # a body or garment measure named in English: "size chart waist应该是70"
            r"(?i:" + _ENGLISH_MEASURES + r")\s*(?:应该|只有|才|是|:|：|\s)*[0-9]{2,3}(?:\.[0-9])?(?!\s*(?:块|元|rmb|yuan|kuai))",
            # a body or garment measure and what the chart says of it: "胸围写116", "衣长标的是58"
            r"(?:" + _BODY_MEASURES + r")\s*(?:写的是|写着|写的|写|标的是|标着|标的|标|应该是|只有|才|是|为|:|：|\s)*"
            r"[0-9]{2,3}(?:\.[0-9])?(?!\s*(?:块|元|rmb|yuan|kuai))",
            # a second-hand grade: "99新iPhone13", "95新", "9成新" (not a price)
            r"(?<![0-9.])(?:99|98|95|90|9|8)\s*(?:成)?新(?![0-9])",
            # a day of a month: "6月20付的尾款" (not "6月20块")
            r"(?<![0-9.])(?:1[0-2]|[1-9])\s*月\s*(?:[12][0-9]|3[01]|[1-9])(?![0-9.])(?!\s*(?:多|来)?\s*(?:块|元|圆|号|日))",
            # a price per gram or per jin: "金价一克580多" (not what the goods cost)
            r"(?<=一克|每克|克价|金价|一斤|每斤)\s*[0-9]{2,5}(?:\.[0-9]{1,2})?(?:多|左右)?(?!\s*(?:块|元)?\s*(?:买|拍|付))",
            # technology: 5G, 3C, 4K屏, 65W快充
            r"(?<![0-9.])[2-6]G(?![A-Za-z0-9])",
            r"(?<![0-9.])3C(?![A-Za-z0-9])",
            rf"(?<![0-9.])[0-9]{{1,4}}(?:\.[0-9])?[kK](?=\s*的?\s*(?:{_SCREEN_WORDS}))",  # 4K屏, 2.5K屏
            rf"(?<![0-9.])[0-9]{{1,4}}(?:\.[0-9]{{1,3}})?\s*[wW](?=\s*的?\s*(?:{_POWER_WORDS}))",
        ]
    )
)


@lru_cache(maxsize=16)  # the three finders usually run on the same text
def _masks(text: str) -> Tuple[Tuple[int, int], ...]:
    return tuple(m.span() for m in _RE_MASK.finditer(text) if m.end() > m.start())


def _mask_end(masks: Tuple[Tuple[int, int], ...], pos: int) -> int:
    """The end of the mask that covers pos, or -1."""
    i = bisect.bisect_right(masks, (pos, math.inf)) - 1
    if i >= 0 and masks[i][0] <= pos < masks[i][1]:
        return masks[i][1]
    return -1


def _overlaps_mask(masks: Tuple[Tuple[int, int], ...], start: int, end: int) -> bool:
    i = bisect.bisect_left(masks, (end, -1)) - 1
    return i >= 0 and masks[i][1] > start


Reader = Callable[[str, int, bool], Tuple[Optional[Mention], int]]


def _scan(text: str, starts: Optional[Iterable[int]], reader: Reader, bare: bool) -> List[Mention]:
    if not isinstance(text, str) or not text:
        return []
    text = _fold(text)
    found: List[Mention] = []
    if starts is None:
        starts = candidate_starts(text)
    starts = sorted(set(starts))
    if not starts:
        return found
    masks = _masks(text)
    blocked = 0  # positions before this were read already (accepted or not)
    for s in starts:
        pos = s
        while 0 <= pos < len(text) and pos >= blocked:
            mask_end = _mask_end(masks, pos) if masks else -1
            if mask_end > pos:
                mention, end = None, mask_end
            else:
                mention, end = reader(text, pos, bare)
            if end <= pos:
                break
            blocked = max(end, mention.end if mention else end)
            if mention and not (masks and _overlaps_mask(masks, mention.start, mention.end)):
                found.append(mention)
            pos = blocked
            if pos >= len(text) or text[pos] not in NUMERAL_CHARS:
                break
    return found


def _prev_nonspace(text: str, i: int) -> Tuple[str, int]:
    j = i - 1
    while j >= 0 and text[j] == " " and i - j < 8:
        j -= 1
    return (text[j], j) if j >= 0 else ("", -1)


def _whole(text: str, start: int, end: int, prefix: "re.Pattern[str]", suffix: "re.Pattern[str]") -> bool:
    """True if text is just text[start:end] with filler words around it."""
    if start > 24 or len(text) - end > 24:
        return False
    return bool(prefix.fullmatch(text[:start].strip()) and suffix.fullmatch(text[end:].strip()))


# -------------------------------------------------------------------- amounts
_CURRENCY_BEFORE = re.compile(r"(?:¥|￥|RMB|rmb|Rmb|CNY|cny|人民币|人民幣)\s*$")
_MONEY_AFTER = re.compile(
    r"\s*(?:多|来|余)?\s*(块钱|块|元钱|元|圆|蚊|人民币|个大洋|大洋|rmb|RMB|Rmb|cny|CNY|包邮|kuai|yuan"
    r"|快(?=$|钱|的|吧|呢|啊|[，。！？,.!?\s]))(?![A-Za-z])"  # 两百八十八快: voice input for 块
)
_MI_ENDS = re.compile(r"\s*(?:呢|啊|呀|哦|吧|而已)?\s*(?:$|[，。！？,.!?；;~～])")
_DISTANCE_TALK = re.compile(r"离|距离|远|外|走|开车|跑|线|绳|管|布|长|宽|高|深|厚|米长|米宽|照|射程|视距")
_SLANG_MI_GOODS = re.compile(r"东西|货|衣服|裙子|鞋|包|单子|快递|包裹|玩意")
_KUAI_OK_NEXT = set("钱的多左右买了呢啊吧就都还也呀哦嘛给到，。！？；,.!? ~、")
_JIAO = re.compile(r"([0-9一二两三四五六七八九半])(?:(毛钱|毛|角)(?:([0-9一二三四五六七八九])分?)?)?")
_NON_MONEY_AFTER = re.compile(
    r"\s*(?:多|来|余|几)?\s*(?:[大小整](?=[个瓶盒袋箱包桶罐件条双只套支根片颗粒份]))?(?:[×xX*]\s*[0-9]|个|码|号|马(?!上)|桶|罐|天|日|月|年|周|星期|礼拜|次|回|遍|轮|件|条|双(?!\s*(?:十一|十二|11|12|开门|开))|只|套|瓶|盒|袋|箱|包(?!邮)"
    r"|斤|公斤|千克|克|升|毫升|ml|mL|ML|cm|CM|厘米|毫米|mm|米|寸|英寸|尺|岁|%|％|度|点|时|小时|分钟|分(?!\s*了?\s*[0-9一二两三四五六七八九十]{0,2}\s*期)|秒|团|團|卷|捆|把|键|鍵"
    r"|楼|层|位|人|台|部|张|份|期|折|倍|级|种|颗|粒|片|支|根|页|趟|下|步|提(?!醒|前|交|货|现|出|示|到|供)|公里|km|里|克拉|磅|对(?!了|方)|批|单|笔|样|本(?![身来人])|段|遍|朵|盆|株|棵"
    r"|代|核|集|章|名|届|行|排|家(?![具电居纺])|圈|晚|夜|半|[A-Za-z])"
)
_SPEND_CUE = re.compile(
    r"(?:(?i:paid|spent|cost)\s|花了|花费|花|付了|付款|支付了|支付|实付|实际付|一共付|总共付|买的|买了|买|价格|价钱|价位|售价|标价|原价|单价|总价|价值|价"
    r"|一共|总共|合计|加起来|金额|要价|多少钱|值|订了|订的|下单了|下单|下的单|拍了|拍的|拍下|券后|到手|折后|本身"
    r"|转了|转账|转给|转过去|汇了|汇款|汇给|汇过去|充了|充值|打款|打钱"
    r"|钱没了|被骗了|被骗走|骗走了|损失了|损失|付的|掏了)"  # "最后钱没了3000": what the scam took
    r"(?<!性价)(?<!比价)"  # 性价比 and 比价 name no price
)
_SPEND_AFTER = re.compile(
    r"\s*(?:多|左右|出头|来)?\s*(?:买的|买了|买|入手|拍的|拍下|拍了|下单|下的单|订的|订了|付的|付了|囤了|囤的"
    r"|转过去|转给|转账|汇过去|汇给|充值|花呗)"  # 6888花呗分12期
)
# Which amount is the one the shopper paid (parse_amount): the nearest cue
# before a number in its clause says whether it is what was paid ("花329",
# "活动价599", "买了个200块的") or only a reference price ("价值299",
# "原价999", "送299的"); a paying word right after it ("329拍了", "599入手")
# makes it paid whatever came before.
_PAID_WORDS = (
    "钱没了", "被骗了", "被骗走", "骗走了", "损失了",  # what a scam took
    "花了", "花费", "花掉", "花", "付了", "付款", "支付了", "支付", "实付款", "实付", "实际付了", "实际付款", "实际支付", "实际付",
    "实际", "买了", "买的", "买", "拍了", "拍的", "拍下", "订了", "订的", "下单了", "下单", "下的单",
    "活动价", "到手价", "到手", "券后价", "券后", "折后价", "折后", "成交价", "优惠价", "秒杀价",
    "团购价", "入手价", "现价", "掏了", "一共掏了", "最后付的", "最后付了",
) + (
    # money sent or topped up: "转了600", "转账给他3200", "充了五百", "汇了1000"
    "转了", "转账", "转给", "转过去", "汇了", "汇款", "汇给", "汇过去", "充了", "充值", "打款", "打钱",
)
_TRANSFER_WORDS = frozenset(("转了", "转账", "转给", "转过去", "汇了", "汇款", "汇给", "汇过去", "充了", "充值", "打款", "打钱"))
# Money sent to the shopper is not what the shopper paid: "卖家转了我20",
# "客服给我转了10块", "转给我5元" (compensation or a refund).
_RECEIVED_BEFORE = re.compile(
    r"(?:给我|卖家|商家|店家|客服|老板|对方|平台|小二|人家|(?<!给)他|(?<!给)她)"
    r"\s*(?:又|才|就|也|已经|只|直接|终于|马上|立马|先)?\s*$"
)
_RECEIVED_AFTER = re.compile(r"(?:给我|我|回给我|回来|回)")
_REFERENCE_WORDS = (
    "价值", "原价", "标价", "吊牌价", "市场价", "专柜价", "官网价", "指导价", "零售价", "定价",
    "划线价", "赠送", "送", "赠",
)
# Amounts that are never what the shopper paid (parse_amount skips them): a
# price difference, drop or refunded difference ("降价12", "便宜了5元", "少退了我
# 5元", "返了20", "补差价30"), another shop's or listing's price ("别家才28元",
# "其它店卖25"), and a fee for something other than the order ("一个包裹两块",
# "运费10块").
_DIFFERENCE_WORDS = (
    "降价", "降了", "便宜了", "便宜", "差了", "相差", "差价", "差额", "补差价", "补差", "补了",
    "退差价", "退了差价", "少退了", "少退", "多收了", "多收", "少给了", "少给", "多扣了", "多扣",
    "返了", "返现", "返还", "返", "涨价", "涨了", "贵了", "还贵", "贵出", "多花了", "优惠了", "省了", "立减", "减了",
    "退了我", "退给我", "给我退了", "赔了我", "补了我", "补偿了我", "甩了",  # money sent back to the shopper
    "补我", "补给我", "给我补", "赔我", "赔给我", "补偿我", "补偿给我", "给我补偿", "赔偿我",  # or offered to them: "最多补我五块"
    "只肯补", "只补", "肯补", "补偿",  # "卖家直接拒了 只肯补10块", "说可以补偿二十"
)
_OTHER_SHOP_WORDS = (
    "别家", "别的店", "别的家", "别人家", "其他店", "其它店", "其他家", "其它家", "其他店铺",
    "其它店铺", "别的店铺", "隔壁", "别处", "别的地方", "其他地方", "其它地方", "外面", "实体店",
    "在超市", "超市里", "线下",  # "以前在超市买的才三十多": a price elsewhere (not 天猫超市)
)
_FEE_WORDS = (
    "运费", "邮费", "快递费", "运费险", "手续费", "服务费", "包装费", "保管费", "取件费", "超期费",
    "包裹", "检疫费", "押金", "上楼费", "配送费", "打包费", "医药费", "医疗费", "检查费", "挂号费",
)
_PAY_KIND = {w: "paid" for w in _PAID_WORDS}
_PAY_KIND.update({w: "reference" for w in _REFERENCE_WORDS})
_PAY_KIND.update({w: "difference" for w in _DIFFERENCE_WORDS})
_PAY_KIND.update({w: "other" for w in _OTHER_SHOP_WORDS})
_PAY_KIND.update({w: "fee" for w in _FEE_WORDS})
_NOT_PAID = frozenset(("difference", "other", "fee", "question", "received"))
_RE_PAY_CUE = _words_re(_PAY_KIND)
# "二三十块钱的差价", "70的差额"
_DIFFERENCE_AFTER = re.compile(r"\s*(?:多|来)?\s*(?:块钱|块|元钱|元)?\s*的?\s*(?:差价|差额)")
# A price asked about is not a price paid: "是不是47元", "不是说199就有3包吗"
# (before the number, anywhere in its clause); "也是18元吗", "还是99么" (right
# after it); "请问预售也是18元" (是/要/卖 right before it in a clause that asks).
_QUESTION_BEFORE = re.compile(r"是不是|是否|不是说|难道")
_QUESTION_AFTER = re.compile(
    r"\s*(?:多|左右)?\s*(?:块钱|块|元钱|元)?\s*(?:吗|(?<![什怎这那多])么|是吧|对吧|对不对|是不是)"
)
# 不是…吗: "不是拍下来99就包邮吗" (but "我不是花了299吗" says what was paid)
_NOT_BEFORE = re.compile(r"不是[^花付]*$")
_MA_AFTER = re.compile(r"吗|(?<![什怎这那多])么")
_ASKED_BEFORE = re.compile(r"(?:是|要|卖|只要|才)\s*$")
_HEDGE_BEFORE = re.compile(r"(?:好像|应该|大概|可能|估计|似乎|记得)\s*是\s*$")  # "好像是一百零八?": unsure, not asking
_ASKING = re.compile(r"请问|吗|(?<![什怎这那多])么|[？?]")
_MAGNITUDE_OK_NEXT = re.compile(r"\s*(?:多一?点儿?|多|左右|上下|整)?\s*(?:$|的|[，。！？；,.!?~、\s]|呢|啊|吧|了|呀|不是)")
_EXCLUDED_BEFORE = ("第", "双", "周", "星期", "礼拜", "号", "尾号", "编号", "型号", "版本", "No", "NO", "no", "#")
# who was asked, in an answer about them: "奶奶说一百六十八", "哦她说二百九十九"
_WHO_SAID = r"(?:她|他|我?(?:妈|爸|奶奶|爷爷|姥姥|姥爷|外婆|外公|老公|老婆|媳妇|老伴|儿子|闺女|女儿|孩子))说"
_AMOUNT_PREFIX = re.compile(
    r"(?:大概|大约|差不多|约|就|是|一共|总共|好像|应该|我|花了|付了|买的|也就|只|才|估计|可能|嗯|呃|额|哦|啊|应该是|大概是"
    r"|" + _WHO_SAID +
    r"|不到|不足|不超过|没到|将近|接近|快|小|至少|起码|顶多|最多|前后|反正|总之|当时)*"
)
_AMOUNT_SUFFIX = re.compile(
    r"(?:左右|上下|多|来|出头|不到|不止|以内|挂零|吧|啊|呀|的样子|来着|了|呢|的|吧|[。！!.~?？\s])*"
    r"(?:[，,\s]*(?:包邮|含运费|不含运费)[。！!.~\s]*)?"  # "八十九 包邮"
)
# Loose amounts in free text: a round number (in 百 or more) said loosely is
# money even without 元 or 花了: "三四百", "三百出头", "不到三百", "大概五六百吧".
_LOOSE_BEFORE = re.compile(
    r"(?:不到|不足|不超过|没到|大概|大约|差不多|约|估计|将近|接近|快|小|至少|起码|最少|顶多|最多)\s*$"
)
_LOOSE_AFTER = re.compile(r"\s*(?:出头|不到|不止|左右|上下|以内|挂零|来|多一?点儿?|多)")
_BAI_TAIL = re.compile(r"[一二两三四五六七八九]百[一二三四五六七八九]")  # 一百二 = 120
_WEAK_CUE_BEFORE = re.compile(r"(?:才|只要|只需|仅需|仅要|仅仅|仅)\s*$")  # 才29.9
# Talk of body or garment measures anywhere in the sentence (not just the
# clause) makes a number after 才 or a loose round number a measure, not money:
# "详情页写腰围64，我自己量了才54，我84斤都穿不上". Quantities ("2斤苹果才29.9",
# "S码的裙子才59") do not count; "我84斤" / "64cm" do.
_MEASURE_CONTEXT = re.compile(
    _BODY_MEASURES + r"|身高|体重|尺寸|尺码|码数|量了|量的|量出|量到|实测|测了"
    rf"|(?:我|本人|体重)\s*[0-9.{_CN_DIGITS}{_CN_UNITS}]+\s*(?:多|来)?\s*(?:斤|公斤|kg|KG)"
    rf"|[0-9.]+\s*(?:cm|CM|厘米)"
)
_SENTENCE_BREAKS = set("。！？；;!?\n\r")
_SENTENCE_REACH = 30


def _sentence(text: str, start: int, end: int) -> Tuple[int, int]:
    """Bounds of the sentence around text[start:end] (commas do not end it)."""
    lo = start
    while lo > 0 and start - lo < _SENTENCE_REACH and text[lo - 1] not in _SENTENCE_BREAKS:
        lo -= 1
    hi = end
    while hi < len(text) and hi - end < _SENTENCE_REACH and text[hi] not in _SENTENCE_BREAKS:
        hi += 1
    return lo, hi


def _measure_context(text: str, start: int, end: int) -> bool:
    lo, hi = _sentence(text, start, end)
    return _MEASURE_CONTEXT.search(text, lo, hi) is not None
_BODY_CONTEXT = re.compile(
    r"体重|身高|斤|公斤|kg|KG|cm|厘米|分数|考了|岁|粉丝|阅读|播放|销量|月销|已售|好评|差评|评价|评论|排名"
)


_A_BIT_OVER = re.compile(r"多一?点")
_CAPACITY_TALK = re.compile(r"mah|毫安|容量|电芯", re.IGNORECASE)
_SIZE_TALK = re.compile(r"尺码|码数|尺码表|身高|穿多大|平时穿")
_SHOE_SIZE_TALK = re.compile(
    r"码|平时\s*[0-9]{2}|穿[得着]?(?:大|小|刚好|正好)|偏大|偏小|大了|小了|挤脚|塞不进|穿不进|脚后跟"
)
_NINE_PRICE = re.compile(r"[0-9]{1,4}\.9{1,2}")  # shop prices end in .9 / .99
_BOUGHT_MODEL = re.compile(r"(?:买的|买了|花了|入手|拍的|拍了|下单)\s*[A-Za-z][A-Za-z0-9 ]{0,24}$")
_PACK_BEFORE = re.compile(r"[一二两三四五六七八九十0-9]\s*(?:盒|袋|包|瓶|箱|件|个|斤|套|条|双|支|罐|桶|提)\s*$")
_PER_PACK = re.compile(r"\s*(?:一|每)(?:盒|袋|包|瓶|箱|件|个|斤|套|条|双|支|罐|桶)")
_ANSWER_THEN_MORE = re.compile(r"\s*(?:左右|上下|多|来|出头)?(?:吧|吗)?[?？]?(?:\s*[，。！；,.!;]|\s+(?=\D)"  # 好像是108? 差不多
                               # "九十九三盒", "一百二两件": the sum, then how many it bought
                               r"|[一二两三四五六七八九十俩仨0-9]{1,2}\s*(?:盒|袋|包|瓶|箱|件|个|套|条|双|支|罐|桶|提))")


_ANSWER_GAPS = re.compile(r"[\s，,。.、~～]+")


def _leads_the_answer(text: str, start: int, end: int) -> bool:
    """The answer to the amount question opens with the number, then says more:
    "198，两盒的价", "一百八十九。哦不对，是上周收到的"."""
    # (a filler then a comma opens it too: "嗯,八十九,包邮")
    return start <= 24 and bool(_AMOUNT_PREFIX.fullmatch(_ANSWER_GAPS.sub("", text[:start]))) \
        and bool(_ANSWER_THEN_MORE.match(text, end))


# "不是两百", a measure or a count before 是: no price
_NOT_A_PRICE_SUBJECT = re.compile(r"不是|码|号|身高|体重|腰|胸|臀|肩|长|宽|高|厚|重|尺|寸|龄|岁|天|次")
# (or who said it, when the answer was asked of someone: "两百多吧，我问问她…哦她说二百九十九")
_SUBJECT_IS = re.compile(r"(?:^|[，。！？；,.!?;\s…])(?:[^，。！？；,.!?;\s\d…]{1,4}是|[^，。！？；,.!?;\s\d…]{0,2}"
                         + _WHO_SAID + ")$")


# the sum or the price said right before the number that ends the answer: "反正不少 一整套下来218",
# "一盒十片 直播间89"
_PRICE_LEAD = re.compile(r"(?:一整套|整套|全套|一套|全部|总共|一共|加起来|算)下来\s*$"
                         r"|(?:直播间|活动|到手|券后)价?\s*$")


def _ends_the_answer(text: str, start: int, end: int) -> bool:
    """The answer to the amount question ends with the number, after a break, or after a
    short "X是" that opens the last clause: "一千三百多吧 1388", "记不清了，199",
    "…一直跟我打太极。灯是一百九十九"."""
    if not _AMOUNT_SUFFIX.fullmatch(text[end:].strip()):
        return False
    # "…，一罐三百六十八", "反正不少 一整套下来218"
    lead = _PACK_BEFORE.search(text, max(0, start - 4), start) or _PRICE_LEAD.search(text, max(0, start - 6), start)
    at = lead.start() if lead and lead.start() > 0 else start
    after_break = 0 < at <= 16 and (text[at - 1].isspace() or _is_break(text, at - 1))
    subject = _SUBJECT_IS.search(text, max(0, start - 6), start)
    return after_break or bool(subject and not _NOT_A_PRICE_SUBJECT.search(subject.group(0)))


# net curses written in initials, standing alone before a number ("md 3680买的", "tmd 299")
_SWEAR_BEFORE = re.compile(r"(?:^|[^A-Za-z])(?:md|tmd|nmd|wc|wtf|omg|sb|nb|cnm|wdnmd|nnd)$", re.IGNORECASE)


def _bought_model_price(text: str, start: int, end: int) -> bool:
    """"买的airpods pro 1299": four digits or more standing alone after a bought product's
    Latin name are its price (not "RTX 4090显卡", not "iPhone 15")."""
    return end - start >= 4 and (end == len(text) or text[end].isspace() or _is_break(text, end)) \
        and bool(_BOUGHT_MODEL.search(text, max(0, start - 30), start))


def _magnitude(token: str) -> bool:
    """A number said in thousands or more: 三千五, 1.2万, 1k, 1k2."""
    return any(u in token for u in "千万亿") or any(u in token for u in "kKwW")


_VAGUE_TAIL = re.compile(r"(.+[百千万])零?几[十百千]?")


def _read_amount(text: str, pos: int, bare: bool) -> Tuple[Optional[Mention], int]:
    token, end = _read_token(text, pos)
    if token is None:
        return None, end
    low = _range_low(token)  # 三四百 -> 300: the lower bound
    if low is None and len(token) > 2 and token[-1] == "几" and token[-2] in "十百千":
        low = parse_number(token[:-1])  # 一百八十几 -> 180, as 一百八十多 (not 几百: vague)
    head = _VAGUE_TAIL.fullmatch(token) if low is None else None
    if head:
        low = parse_number(head.group(1))  # 两千零几十 -> 2000, 两千几百 -> 2000, 一百零几 -> 100
    value = low if low is not None else parse_number(token)
    if value is None:
        return None, end
    start = pos
    # sign
    if pos > 0 and text[pos - 1] in "-−" and not (
        pos > 1 and text[pos - 2].isascii() and text[pos - 2].isalnum()
    ):
        value, start = -value, pos - 1
    elif pos > 0 and text[pos - 1] == "负":
        value, start = -value, pos - 1
    before = text[max(0, start - 12) : start]  # a window: texts can be long
    currency = bool(_CURRENCY_BEFORE.search(before))
    if not currency:
        if before.rstrip().endswith(_EXCLUDED_BEFORE):
            return None, end
        prev, j = _prev_nonspace(text, start)
        if prev and prev.isascii() and prev.isalnum() and not (
            j < start - 1 and (_MONEY_AFTER.match(text, end)
                               or _bought_model_price(text, start, end)
                               or _ENGLISH_PAID_BEFORE.search(text, 0, start)  # "paid 899"
                               or _SWEAR_BEFORE.search(text, 0, j + 1))  # "md 3680买的": a curse, no model name
        ):
            return None, end  # iPhone 15, A4, X2 (but "iPhone15 5999元", "ok 299块", "买的airpods pro 1299")
        if prev in ":/-" and j > 0 and text[j - 1].isdigit() and not _MONEY_AFTER.match(text, end):
            return None, end  # 12:30, 11/11, 2023-11 (but 200-300元 is money)
    mend = end
    m = _MONEY_AFTER.match(text, end)
    spend_before = _spend_cue_before(text, start)
    if m:
        unit = m.group(1)
        nxt = text[m.end() : m.end() + 1]
        if nxt == "整" and text[m.end() + 1:m.end() + 2] in _KUAI_OK_NEXT | {""}:
            nxt = ""  # 一千八百块整: the round sum (not 两块整齐的)
        if unit == "块" and nxt and nxt not in _KUAI_OK_NEXT and not nxt.isdigit() \
                and not text.startswith("包邮", m.end()) \
                and nxt not in _CN_DIGITS and nxt != "半" and not spend_before and not currency \
                and not _SPEND_AFTER.match(text, m.end()):  # 79块拍下 is money
            return None, end  # 两块蛋糕: pieces, not yuan
        if unit != "包邮":
            currency = True
            mend = m.end()
            j = _JIAO.match(text, mend)
            if j and unit in ("块", "元", "块钱", "元钱", "圆"):
                k = j.end()
                # 八十八块八 (88.8), 5块5毛, 一块半; not 299元3件
                explicit = bool(j.group(2) or j.group(3))
                loose = k >= len(text) or (
                    text[k] not in NUMERAL_CHARS and not _NON_MONEY_AFTER.match(text, k)
                ) or (text[k] in _CN_DIGITS and bool(_NON_MONEY_AFTER.match(text, k + 1)))  # 二十九块九一袋
                if explicit or loose:
                    jv = 5 if j.group(1) == "半" else parse_number(j.group(1))
                    cents = parse_number(j.group(3)) if j.group(3) else 0
                    if jv is not None and cents is not None:
                        inc = jv / 10 + cents / 100
                        value = value - inc if value < 0 else value + inc
                        mend = j.end()
        else:
            currency = True
    elif text.startswith("米的", end) and value >= 20 and _SLANG_MI_GOODS.match(text, end + 2):
        currency, mend = True, end + 1  # "三百米的东西": 300 yuan's worth (nothing sold is 300 m long)
    elif text.startswith("米", end) and value >= 20 and _MI_ENDS.match(text, end + 1) \
            and not _DISTANCE_TALK.search(text, *_clause(text, start, end + 1)):
        currency, mend = True, end + 1  # "才89米，客服…", "3百米呢！": 米 as yuan (no distance, nothing measured)
    elif bare and text.startswith("米", end) and (
            _leads_the_answer(text, start, end + 1) or _whole(text, start, end + 1, _AMOUNT_PREFIX, _AMOUNT_SUFFIX)):
        currency, mend = True, end + 1  # "89米 前天到的": 米 is net slang for yuan in the amount answer
    elif _NON_MONEY_AFTER.match(text, end) and not (_A_BIT_OVER.match(text, end) and (_magnitude(token) or "百" in token)):
        return None, end  # (but 一千多点 / 1k多点 is "a bit over", not o'clock)
    if _FEE_AFTER.match(text, mend) or _FEE_BEFORE.search(text, max(0, start - 10), start) \
            or _MEDICAL_BEFORE.search(text, max(0, start - 18), start):
        return None, mend  # "花了280运费寄回去", "挂架要另外买，180块": a fee or another thing's price
    if not currency:
        if token in ("半", "一", "俩", "仨"):
            return None, end  # 一半, 半天 (半块钱 is money); 到手一开箱: a lone 一 is no price; 压根俩东西
        if len(token) == 1 and token in _CN_DIGITS and end < len(text) and _has_cjk(text[end]) \
                and not _SPEND_AFTER.match(text, end):
            return None, end  # 三文鱼, 五粮液, 九阳: a numeral inside a word
        answer = bare and (_whole(text, start, end, _AMOUNT_PREFIX, _AMOUNT_SUFFIX)
                           or _leads_the_answer(text, start, end) or _ends_the_answer(text, start, end))
        if not answer and _CAPACITY_TALK.search(text) and not spend_before and not _SPEND_AFTER.match(text, end):
            return None, end  # "20000mAh…测了才不到一万": a capacity, not yuan (but "2899买的" is a price)
        lo, hi = _clause(text, start, end)
        s_lo, s_hi = _sentence(text, start, end)
        if _garment_size(value) and (_SIZE_TALK.search(text, lo, hi) or (
                # the height said again in the sentence: "主播说按身高拍就行 我家110拍的110"
                _SIZE_TALK.search(text, s_lo, s_hi) and len(re.findall(
                    r"(?<![0-9])" + re.escape(token) + r"(?![0-9.])", text[s_lo:s_hi])) > 1)) \
                and not _MONEY_WORD_BEFORE.search(text[max(0, start - 6):start]):
            return None, end  # 按尺码表拍的140: a size, even after 拍的 (花了160 is money)
        if value == int(value) and 33 <= value <= 47 and _SHOE_SIZE_TALK.search(text, s_lo, s_hi) \
                and "鞋" in text[s_lo:start + 1] \
                and not _MONEY_WORD_BEFORE.search(text[max(0, start - 6):start]):
            return None, end  # 篮球鞋拍的42 平时42穿得刚好: a shoe size, not 42 yuan
        if value == int(value) and 20 <= value <= 50 and re.search(
                r"(?:平时|平常|一直|都|就)\s*(?:就|都|一直)?\s*穿\s*" + re.escape(token) + r"(?![0-9])", text) \
                and not _MONEY_WORD_BEFORE.search(text[max(0, start - 6):start]):
            return None, end  # "拍的27 平时就穿27": the size the shopper wears, not 27 yuan
        if _size_or_quantity(text, start, end, token):
            return None, end
        if token in ("2k", "2K", "4k", "4K", "8k", "8K") and not spend_before and not _SPEND_AFTER.match(text, end) \
                and _RE_SCREEN_TALK.search(text, *_sentence(text, start, end)):
            return None, end  # 显示器详情页写的2K 165Hz: a resolution, not 2000 yuan
        magnitude = _magnitude(token)
        ok = (
            spend_before
            or _SPEND_AFTER.match(text, end)
            or (magnitude and _MAGNITUDE_OK_NEXT.match(text, end))
            or (bare and _whole(text, start, end, _AMOUNT_PREFIX, _AMOUNT_SUFFIX))
            or (bare and _leads_the_answer(text, start, end))
            or (bare and _ends_the_answer(text, start, end))
            or (bare and _product_then_number(text, start, end, value))
            or _bought_model_price(text, start, end)
            or _loose_amount(text, start, end, token, value, low is not None)
            or _price_as_a_clause(text, start, end, token, value)
            or _priced_product(text, start, end, value)
            or _goods_then_price(text, start, end, token, value)
            or _NINE_PRICE.fullmatch(token) and (text.startswith("的", end)  # 9.9的数据线, 19.9的
                                                 or _PER_PACK.match(text, end)  # 59.9一盒十二个
                                                 or _PACK_BEFORE.search(text, max(0, start - 4), start))  # 四包39.9
            or (_WEAK_CUE_BEFORE.search(text, max(0, start - 4), start)
                and _MAGNITUDE_OK_NEXT.match(text, end)
                and not _measure_context(text, start, end))
        )
        if not ok:
            return None, end
    return Mention(round(value, 2), start, mend), mend


# A number with no currency word is a size, a body measure or a quantity, not
# money, when it is compared like a size ("之前买的31还大", "30的偏小"), when it
# comes before wearing or buying a garment size ("165穿M码", "我178买了L号"), or
# when it is a single numeral before 拍 ("2拍下" = ordered two; "79块拍下" has
# a currency word and is money).
_SIZE_COMPARE = re.compile(
    r"\s*(?:码|号)?\s*的?\s*(?:还|都|也|更|偏|要|稍){1,2}\s*(?:大|小|长|短|肥|瘦|紧|松|宽|窄)"
    r"|\s*(?:大|小|长|短|肥|瘦|紧|松)(?:了|点|一[码号点些])"
)
_BEFORE_SIZE = re.compile(
    r"\s*(?:斤|公斤|cm|CM)?\s*(穿|买|拍|选|要|入)(?:了|的)?\s*(?:个|件|条|双|套)?\s*"
    r"(?:[SMLXsmlx]{1,4}(?![A-Za-z])|[0-9]{2,3}\s*(?:码|号)|均码|大码|小码|加大码)"
)
_BODY_OWNER = re.compile(r"(?:我|本人|身高|体重|个子|净身高)\s*$")
# "照着尺码表买的29", "按码数选的42": the size chosen from the chart, not a price
_CHART_CHOICE = re.compile(r"(?:(?:尺码表|尺寸表|码数表|码表|尺码|码数)[^，。！？；,!?;\s0-9]{0,3}|(?:按|照|照着|按照)表|(?i:size\s*chart)[，,\s]*)"
                           r"(?:买|选|拍|下单)了?的?[，,\s]*$")
_SINGLE_NUMERAL = set("123456789一二两三四五六七八九俩仨")
_WORN_AS_BEFORE = re.compile(r"穿(?:起来|上去|上|着)[，,\s]*(?:好像|像|跟|就像|感觉像)[，,\s]*$")


def _size_or_quantity(text: str, start: int, end: int, token: str) -> bool:
    if _SIZE_COMPARE.match(text, end):
        return True
    if _CHART_CHOICE.search(text, max(0, start - 16), start) and not _MONEY_AFTER.match(text, end):
        return True
    if _spec_of_product(text, start, end, token):
        return True  # 买了38的鞋, 买了个27的显示器: a size or spec, not a price
    if _WORN_AS_BEFORE.search(text, max(0, start - 10), start):
        return True  # "穿起来好像 40": the size it feels like, not a price
    m = _BEFORE_SIZE.match(text, end)
    if m and (m.group(1) == "穿" or _BODY_OWNER.search(text, max(0, start - 4), start)):
        return True
    if len(token) == 1 and token in _SINGLE_NUMERAL:
        j = end
        while j < len(text) and text[j] == " " and j - end < 3:
            j += 1
        if text.startswith("拍", j):
            return True
    return False


# A number + 的 + a product noun is the product's price: "299的卫衣", "59的台灯",
# "899的那件大衣", "两百九十九的外套". Only nouns of goods count ("30的腰围",
# "18的生日", "2的那款" are not prices), a whole number under 10 does not, and
# a number that is a usual size or spec of that product is no price: "38的鞋",
# "30的牛仔裤", "170的卫衣" (garment sizes), "27的显示器", "256的手机",
# "1.8的床垫", "28的行李箱". "100多的外套" is a price whatever the product.
def _garment_size(v: float) -> bool:
    return v == int(v) and 65 <= v <= 190 and v % 5 == 0


def _screen_spec(v: float) -> bool:
    return v <= 100 or v in (120, 144, 165, 170, 180, 240, 360, 720, 1080, 1440, 2160)


def _storage_spec(v: float) -> bool:
    return v in (8, 16, 32, 64, 128, 256, 512, 1024, 2048)


_PRODUCT_SPECS: Tuple[Tuple[Tuple[str, ...], Callable[[float], bool]], ...] = (
    (("衣服", "上衣", "卫衣", "大衣", "外套", "羽绒服", "棉服", "棉袄", "风衣", "夹克", "西装", "衬衫",
      "衬衣", "T恤", "t恤", "短袖", "长袖", "毛衣", "针织衫", "开衫", "马甲", "背心", "睡衣", "家居服",
      "连衣裙", "半身裙", "裙子", "童装", "校服", "运动服", "冲锋衣", "羊绒衫", "打底衫", "汉服", "旗袍",
      "礼服", "内衣", "文胸", "胸罩", "泳衣"), _garment_size),
    (("裤子", "牛仔裤", "短裤", "长裤", "西裤", "休闲裤", "运动裤", "阔腿裤", "打底裤", "工装裤"),
     lambda v: (v == int(v) and 23 <= v <= 42) or _garment_size(v)),
    (("鞋子", "鞋", "运动鞋", "跑鞋", "球鞋", "板鞋", "皮鞋", "靴子", "雪地靴", "马丁靴", "凉鞋", "拖鞋",
      "高跟鞋", "帆布鞋", "童鞋", "老爹鞋"), lambda v: v == int(v) and 15 <= v <= 48),
    (("电视", "电视机", "显示器", "投影仪", "笔记本", "电脑", "平板"),
     lambda v: _screen_spec(v) or _storage_spec(v)),
    (("手机", "U盘", "u盘", "硬盘", "固态", "内存卡", "存储卡"), lambda v: v < 30 or _storage_spec(v)),
    (("锅", "炒锅", "平底锅", "汤锅", "奶锅", "行李箱", "拉杆箱", "旅行箱", "自行车", "山地车", "雨伞", "伞"),
     lambda v: v <= 40),
    (("床", "床垫", "床单", "被子", "被套", "四件套", "凉席", "床笠", "蚊帐"),
     lambda v: v < 3 or (v == int(v) and 90 <= v <= 220 and v % 10 == 0)),
    (("戒指",), lambda v: v <= 30),
    (("手镯",), lambda v: 50 <= v <= 70),
    (("项链",), lambda v: v == int(v) and 38 <= v <= 60 and v % 5 == 0),
    (("手链",), lambda v: v <= 22),
    (("帽子",), lambda v: 50 <= v <= 62),
    (("口红",), lambda v: v < 5),
    (("空调",), lambda v: v < 5),
    # goods without a number-like spec
    (("东西", "商品", "宝贝", "产品", "货", "玩具", "包", "包包", "钱包", "背包", "书包", "双肩包", "挎包",
      "手提包", "耳机", "台灯", "手表", "面膜", "眼影", "粉底液", "护肤品", "化妆品", "键盘", "鼠标",
      "音箱", "音响", "相机", "吹风机", "电吹风", "电动牙刷", "剃须刀", "椅子", "桌子", "柜子", "书架",
      "窗帘", "地毯", "杯子", "保温杯", "水杯", "茶叶", "零食", "水果", "围巾", "手套", "袜子", "墨镜",
      "沙发", "手办", "盲盒", "乐高", "积木", "娃娃", "公仔", "鱼竿", "钓竿", "球拍", "滑板", "鞋柜",
      "衣柜", "餐桌", "茶几", "灯具", "吊灯", "饰品", "首饰", "耳环", "发夹", "皮带", "腰带", "领带",
      "太阳镜", "护肤套装", "礼盒", "蓝牙音箱", "游戏机", "手柄", "扫地机器人", "加湿器", "电风扇",
      "风扇", "榨汁机", "咖啡机", "面包机", "空气炸锅", "按摩仪", "筋膜枪", "跑步机", "瑜伽垫"),
     lambda v: False),
)
_PRODUCT_SPEC = {noun: spec for nouns, spec in _PRODUCT_SPECS for noun in nouns}
_PRICED_PRODUCT = re.compile(
    r"\s*(多|来|左右|上下)?\s*的\s*(?:那|这)?\s*(?:一)?\s*"
    r"(?:件|个|条|双|款|套|只|台|顶|副|把|部|瓶|支|盒|袋|箱|张|辆|块|对)?\s*"
    r"((?:(?!生日|码|号|寸|岁|尺|腰|胸|肩|臀|身高|体重|年|月|天)[\u4e00-\u9fff]){0,4}?)"
    r"(" + "|".join(sorted(map(re.escape, _PRODUCT_SPEC), key=len, reverse=True)) + r")"
    r"(?!邮|装|裹|括|架|号|码)"  # 包邮, 包装, 包裹, 货架, 货号
)
_PRICED_NOT_BEFORE = re.compile(r"(?:月|年|日|号|点|穿|码|尺码|码数|尺寸|大小|腰围|身高|体重|我|本人)\s*$")


# A fee ("花了280运费寄回去") or another thing's price ("挂架要另外买，180块") is no price paid.
# (运费险 is a fee right after its number: "3块运费险"; "179 运费险没买" is a price, then the insurance)
_FEE_AFTER = re.compile(r"\s*(?:块钱|元钱|块|元)?\s*的?\s*(?:运费(?!险)|邮费|快递费|来回运费|寄回运费|安装费|上门费)"
                        r"|(?:块钱|元钱|块|元)?的?运费险")
_FEE_BEFORE = re.compile(r"(?:另外买|另外收|另外付|另收|另付|额外收|额外付|收费|要收|另外加)[^。！？!?]{0,4}$"
                         # what a doctor cost: "急诊又花了四百多", "去医院看病花了三百"
                         r"|(?:急诊|医院|看病|看医生|就医|门诊|挂号|拿药|买药|打针|输液|检查)[^。！？!?，,]{0,5}$"
                         # what a test or a repair cost: "检测费还另外花了三百"
                         r"|(?:检测费|鉴定费|送检|律师费|维修费|修理费)[^。！？!?，,]{0,6}$"
                         # the postage both ways: "运费我们自己出 来回得二十多块"
                         r"|来回(?:运费|邮费)?(?:就|也)?(?:得|要)?(?:花)?\s*$")
# what a stay in hospital or the medicine cost: "光医药费就花了八千多", "住院住了一个礼拜 花了一万多",
# "开了药膏 四十几块"
_MEDICAL_BEFORE = re.compile(r"(?:住院|住了[^。！？!?，,\s]{1,3}院|医药费|医疗费|治疗费|住院费|药费|急症室|开了药|开了点药)"
                             r"(?:[^。！？!?\n，,\s]{0,6}"  # in the same clause
                             r"|[^。！？!?\n]{0,10}?(?:花了|花费|花掉|一共|总共)[^。！？!?\n，,]{0,4})$"  # or spent on it
                             r"|(?:医院|急诊)[^。！？!?\n]{0,10}?(?:花了|花费|花掉)[^。！？!?\n，,]{0,4}$"  # "进了医院，住了五天花了八千多"
                             r"|开了?点?药膏?[，,\s]$")  # or right after the medicine named: "开了药膏 四十几块"
# "鞋子一百二十九，顺手买了运费险", "这件羽绒服699": the amount answer names the product, then its price
# "这件", "一瓶": what may come before the goods named in the amount answer
_LEAD_MEASURE = r"(?:这|那)?\s*(?:一)?\s*(?:件|个|条|双|款|套|只|台|顶|副|把|部|瓶|支|盒|袋|箱|张|辆|对|罐)?\s*"
_PRODUCT_LEAD = re.compile(
    _LEAD_MEASURE +
    r"((?:(?!生日|码|号|寸|岁|尺|腰|胸|肩|臀|身高|体重|年|月|天|[了过])[\u4e00-\u9fff]){0,4}?)"
    r"(" + "|".join(sorted(map(re.escape, _PRODUCT_SPEC), key=len, reverse=True)) + r")"
    r"\s*(?:是|就是|的话|买的|拍的|花了|付了|实付)?"
)


def _product_then_number(text: str, start: int, end: int, value: float) -> bool:
    if start > 12 or value < 10:
        return False
    lead = text[:start].strip()
    m = _PRODUCT_LEAD.fullmatch(lead)
    if m is not None and _PRODUCT_SPEC[m.group(2)](value):
        return False  # "鞋子42": a shoe size as much as a price
    if m is None and not _OTHER_GOODS_LEAD.fullmatch(lead):
        return False
    return bool(_ANSWER_THEN_MORE.match(text, end)) or bool(_AMOUNT_SUFFIX.fullmatch(text[end:].strip()))


# "足浴盆二百九十九", "一瓶328": other goods (or just a measure) named before the price; not a
# measure of the body or the time ("体重120", "等了15"), nor a verb
_OTHER_GOODS_LEAD = re.compile(
    _LEAD_MEASURE +
    r"(?:(?!码|号|寸|岁|尺|腰|胸|肩|臀|身高|体重|年|月|天|周|次|回|了|过|到|收|说|问|找|等|花|付|退|是)[\u4e00-\u9fff]){0,5}"
    r"\s*(?:是)?")


def _priced_product(text: str, start: int, end: int, value: float) -> bool:
    m = _PRICED_PRODUCT.match(text, end)
    if m is None or value < 0:
        return False
    if value == int(value) and value < 10:
        return False  # 2的那款, 3的包: a number, a model or a quantity
    if _PRICED_NOT_BEFORE.search(text, max(0, start - 4), start):
        return False  # 12月25的礼物, 我170的外套, 穿38的鞋
    if m.group(1):
        return True  # 100多的外套: a loose number is no size
    return not _PRODUCT_SPEC[m.group(3)](value)


# "充电式助听器2680，", "一台空气净化器1299，": the goods named, their price right after,
# then the clause ends (a product with a number-like spec keeps it: 手机256 is storage)
_GOODS_BEFORE_PRICE = re.compile(
    "(?:" + "|".join(sorted(map(re.escape, _PRODUCT_SPEC), key=len, reverse=True)) + r"|[\u4e00-\u9fff][器仪])\s*$")


def _goods_then_price(text: str, start: int, end: int, token: str, value: float) -> bool:
    if not (50 <= value < 1_000_000) or not (_RE_PRICE_CLAUSE.fullmatch(token) or _RE_PRICE_CLAUSE_CN.fullmatch(token)):
        return False
    if len(token) < 3 or not (end == len(text) or _is_break(text, end) or text[end].isspace()):
        return False  # ("净水器3280 宣传除菌99.9%": a space ends the clause too)
    goods = _GOODS_BEFORE_PRICE.search(text, max(0, start - 8), start)
    if goods is None:
        return False
    spec = _PRODUCT_SPEC.get(goods.group(0).strip())
    return not (spec and spec(value))


# 花了/付了/价格 before a number make it money even before a product noun
_MONEY_WORD_BEFORE = re.compile(r"(?:花|付|价|钱|转|充|汇|款)[^，。！？；;!?,\s]{0,3}$")


def _spec_of_product(text: str, start: int, end: int, token: str) -> bool:
    """True if the number is a usual size or spec of the product named right
    after it ("38的鞋", "买了256的手机"), unless a money word comes just before
    it ("花了180的外套" is money)."""
    if "的" not in text[end : end + 4]:
        return False
    m = _PRICED_PRODUCT.match(text, end)
    if m is None or m.group(1):
        return False
    value = parse_number(token)
    if value is None or not _PRODUCT_SPEC[m.group(3)](value):
        return False
    return not _MONEY_WORD_BEFORE.search(text, max(0, start - 4), start)


def _loose_amount(text: str, start: int, end: int, token: str, value: float, is_range: bool) -> bool:
    """True if a number without a currency word is still money because it is
    a round number said loosely: "三四百", "三百出头", "不到三百", "一百二"."""
    roundish = (
        any(u in token for u in "百千万亿")
        or _magnitude(token)
        or (token.isdigit() and value >= 100 and value % 100 == 0)
    )
    if not roundish:
        return False
    after = _LOOSE_AFTER.match(text, end)
    loose = (
        is_range
        or after is not None
        or _LOOSE_BEFORE.search(text, max(0, start - 4), start) is not None
        or _BAI_TAIL.fullmatch(token) is not None
    )
    rest = after.end() if after else end
    if not loose or not (_MAGNITUDE_OK_NEXT.match(text, rest) or _SPEND_AFTER.match(text, rest)):
        return False  # (三百出头买了三箱: the spending word comes right after)
    lo, hi = _clause(text, start, end)
    return not _BODY_CONTEXT.search(text, lo, hi) and not _measure_context(text, start, end)


_NEAR_SIZE = re.compile(r"穿\s*[SMLXsmlx]|[SMLX]{1,3}码|斤|cm|CM|厘米|公分")
_RE_PRICE_CLAUSE = re.compile(r"[0-9]{2,6}(?:\.[0-9]{1,2})?")
_RE_PRICE_CLAUSE_CN = re.compile(r"[一二两三四五六七八九]+[百千万][零一二两三四五六七八九十百千]*")


# what may follow a price said as a clause: a particle, or what the price buys ("一盒十二瓶")
_PRICE_CLAUSE_TAIL = re.compile(
    r"[呢啊呀哦吧啦嘞欸哎嘛]+|一[盒箱套件个瓶袋提包双条罐支份](?:[零一二两三四五六七八九十0-9]+[瓶包片袋个支罐盒粒颗只])?")


def _price_as_a_clause(text: str, start: int, end: int, token: str, value: float) -> bool:
    """A price said as its own clause inside a complaint: "色差离谱 29.9，卖家说可以退",
    "是高仿！1299，卖家不承认", "让我寄回去，199", "拉链拉不上，二百三十九，问了客服".
    Arabic digits, or numerals with 百/千/万; 10 to 999999, and the message says more
    than the number."""
    written_out = _RE_PRICE_CLAUSE_CN.fullmatch(token) is not None  # 二百三十九, 一千二
    if not (_RE_PRICE_CLAUSE.fullmatch(token) or written_out) or not 10 <= value < 1_000_000:
        return False
    near = text[max(0, start - 8) : start] + "|" + text[end : end + 8]
    if _MEASURE_CONTEXT.search(near) or _NEAR_SIZE.search(near):
        return False  # "尺码偏小，165，平时穿M": a body measure
    lo = start
    while lo > 0 and text[lo - 1] == " ":
        lo -= 1
    hi = end
    while hi < len(text) and text[hi] == " ":
        hi += 1
    # "离谱😅 29.9，": an emoji before is a boundary too; a letter, digit or hanzi is not,
    # but a space after a hanzi is ("让我寄回去 1299": chat users part clauses with spaces)
    before_ok = lo == 0 or _is_break(text, lo - 1) or not text[lo - 1].isalnum() \
        or (lo < start and _has_cjk(text[lo - 1]))
    tail = _PRICE_CLAUSE_TAIL.match(text, hi)  # "五百二十九呢，", "六百八十八一盒十二瓶，"
    if tail and tail.end() > hi:
        hi = tail.end()
    after_ok = hi == len(text) or _is_break(text, hi)
    rest = text[:start] + text[end:]
    return before_ok and after_ok and sum(_has_cjk(c) for c in rest) >= 6


def _has_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


_ENGLISH_PAID_BEFORE = re.compile(r"(?i:\b(?:paid|spent|cost|costs|cost me|for|around|about)\s+(?:¥|rmb\s*)?)$")


def _spend_cue_before(text: str, start: int) -> bool:
    window = text[max(0, start - 14) : start]
    last = None
    for m in _SPEND_CUE.finditer(window):
        last = m
    if last is None:
        return False
    # 卖家 is not 卖; 不值 is not a price; "到手平铺一量才68": a measure taken, not a price
    gap = window[last.end() :]
    return _clean_gap(gap, 6, digits_ok=True) and not _MEASURED_IN_GAP.search(gap)


_MEASURED_IN_GAP = re.compile(r"量|测|称|尺")


def find_amounts(text: str, bare: bool = False, starts: Optional[Iterable[int]] = None) -> List[Mention]:
    """Amounts in yuan: with a currency unit or sign ("299元", "¥1,299",
    "两百九十九块", "八十八块八"), after a spending word ("花了299", "价格是1299"),
    or a number in 千/万 ("1.2万的包", "三千五"). With bare=True a message that
    is only a number ("299", "大概三千五") counts too. Negative amounts
    ("-5元", "负5元") are returned negative. Sizes, dates, times and counts
    ("38码", "11月11日", "3天", "2次", "第2件") are not amounts.

    Loose amounts: a round number (百 or more, or k/w) said loosely counts in
    free text too and gives the stated number: "三百出头", "八百多", "两千五左右",
    "不到三百" / "三百不到" (300), "小一千" (1000), "一百二" (120), "1.5w";
    a range gives its lower bound ("三四百" -> 300, "大概五六百吧" -> 500);
    "才29.9" counts after 才/只要/仅. Vague amounts ("好几百", "大几百") give
    nothing, and a body measure in the clause ("体重一百二") blocks the loose
    reading; body or garment measures anywhere in the sentence ("腰围64，我
    量了才54") block both the loose and the 才 reading. Spending words include
    订了/下单了/拍了/券后/到手 and transfers and top-ups (转了/转账/汇了/充了/充值),
    and "79块拍下" is money, not pieces. A number + 的 + a product noun is a
    price ("299的卫衣", "59的台灯") unless it is a usual size or spec of that
    product ("38的鞋", "170的卫衣", "256的手机"); other nouns ("30的腰围",
    "18的生日") and whole numbers under 10 are not. A bare number inside a
    clause is no amount (only with bare=True). Numerals in idioms, models and festivals ("退一赔三", "小米14",
    "618", "双11") are never amounts (see _RE_MASK)."""
    return _scan(text, starts, _read_amount, bare)


def _pay_kind(text: str, mention: Mention, breaks: Optional[List[int]] = None) -> Optional[str]:
    """"paid", "reference", "difference", "other" (another shop's price),
    "fee", "question" or None: what the cue around an amount says about it.
    text must be folded (offsets are those of find_amounts); breaks, if
    given, is _breaks(text)."""
    if breaks is None:
        lo, hi = _clause(text, mention.start, mention.end)
    else:
        lo, hi = _clause_at(breaks, len(text), mention.start, mention.end)
    if _QUESTION_BEFORE.search(text, lo, mention.start) or (
        _NOT_BEFORE.search(text[lo : mention.start]) and _MA_AFTER.search(text, mention.end, hi)
    ):
        return "question"
    if _SPEND_AFTER.match(text, mention.end):
        return "paid"  # 329拍了, 599入手, 299买的
    if _DIFFERENCE_AFTER.match(text, mention.end):
        return "difference"
    window_lo = max(lo, mention.start - 14)
    window = text[window_lo : mention.start]
    last = before = None
    for m in _RE_PAY_CUE.finditer(window):
        last, before = m, last
    kind = None
    if last is not None:
        gap = window[last.end() :]
        kind = _PAY_KIND[last.group(0)]
        if kind == "paid" and before is not None and _PAY_KIND[before.group(0)] == "other" \
                and _clean_gap(window[before.end() : last.start()], 6):
            kind = "other"  # "以前在超市买的才三十多": bought elsewhere
        if not _clean_gap(gap, 6) or (kind == "difference" and (len(gap) > 3 or "的" in gap)):
            kind = None  # 便宜的299 is not a difference
        elif kind == "difference" and text[window_lo + last.start() - 1:window_lo + last.start()] == "不":
            kind = None  # "反正不便宜 899": not cheap, the price itself
        elif last.group(0) in _TRANSFER_WORDS and (
            _RECEIVED_BEFORE.search(text, max(lo, window_lo + last.start() - 6), window_lo + last.start())
            or _RECEIVED_AFTER.match(gap)
        ):
            kind = "received"  # 卖家转了我20: money the shopper got back
    if kind is None and text[max(0, lo - 8):lo].rstrip("，,：: ").endswith(_FEE_WORDS):
        kind = "fee"  # "赔偿医药费，两百多呢": the fee named just before, not the goods
    if kind != "paid" and (
        _QUESTION_AFTER.match(text, mention.end)
        or (_ASKED_BEFORE.search(text, max(lo, mention.start - 3), mention.start)
            and _ASKING.search(text, lo, hi)
            and not _HEDGE_BEFORE.search(text, max(lo, mention.start - 6), mention.start))
    ):
        return "question"
    return kind


_TRANSFER_BEFORE = re.compile(r"(?:转|汇|打)(?:了|过)?\s*(?:给他|给她|给对方|他|她|对方|过去)?\s*$")
_AGAIN_TRANSFER_BEFORE = re.compile(
    r"(?:又|再|还|另外|接着)[^，。！？,.!?\s]{0,4}?(?:转|汇|打)(?:了|过)?\s*(?:给他|给她|给对方|他|她|对方|过去)?\s*$")


def _more_transfers(text: str, first: Mention, later: List[Mention]) -> float:
    """Money sent in several transfers is one loss: "先转了499 后来又转了1500" -> 1999.
    Only when the first amount was a transfer and each later one is sent "again"."""
    if not _TRANSFER_BEFORE.search(text, max(0, first.start - 8), first.start):
        return 0.0
    return float(sum(m.value for m in later
                     if m.value > 0 and _AGAIN_TRANSFER_BEFORE.search(text, max(0, m.start - 12), m.start)))


def paid_by_transfer(text: str) -> bool:
    """The shopper sent money by a transfer ("先转了499", "汇了1000过去"), not by paying an
    order on the platform; money sent back to the shopper ("卖家转了我20") does not count."""
    folded = _fold(text)
    for m in find_amounts(folded):
        lo, hi = _sentence(folded, m.start, m.end)
        if m.value > 0 and _TRANSFER_BEFORE.search(folded, max(0, m.start - 8), m.start) \
                and _pay_kind(folded, m) == "paid" and not any(w in folded[lo:hi] for w in _FEE_WORDS):
            return True  # (补运费转了10块: a fee, not the order's money)
    return False


def paid_amount_named(text: str) -> bool:
    """An amount with a paying cue ("花了299", "实付1482", "329拍的") is in the text."""
    folded = _fold(text)
    return any(_pay_kind(folded, m) == "paid" for m in find_amounts(folded))


_AMOUNT_TOTAL_BEFORE = re.compile(r"(?:一共|总共|合计|加起来|一共是|总共是|总计)\s*$")


_LEADING_NUMBER = re.compile(r"\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s+(?=\S)")


def parse_amount(text: str, bare: bool = False) -> Optional[float]:
    """The amount in yuan the shopper paid (see _named_amount), worked out when the
    shopper gives its parts instead: a list price less a coupon ("标价四百二，减了六十的
    券" -> 360; "标价三百二，满三百减了四十" -> 280), a deposit plus the balance ("定金200、
    尾款1099" -> 1299), a price per piece times the pieces ("一幅一百二十五，买了两幅" -> 250).
    A total or a sum paid said in so many words ("一共", "实付", "券后") is taken as said."""
    value = _named_amount(text, bare)
    if not isinstance(text, str):
        return value
    rmb = _RMB_SUM.search(text)
    if rmb and (value is None or _FOREIGN_MONEY.search(text)):
        return float(rmb.group(1))  # "付了人民幣299 台幣大概一千三", "人民币239 lor, RM150 plus plus"
    if value is None and bare:
        lead = _LEADING_NUMBER.match(text)
        if lead:  # "238 6寸的", "328 3斤装": the number answered, then what it bought
            lone = _named_amount(lead.group(1), bare)
            value = lone if lone is not None and lone >= 10 else None  # ("1 299" is no answer of 1)
    folded = _fold(text)
    item = _problem_item_price(folded)
    if item is not None:
        return item  # "一共356 沙发套是228": the goods with the problem, not the whole order
    notes = _RED_NOTES.search(folded)
    if value is None and notes and parse_number(notes.group(1)):
        return float(parse_number(notes.group(1)) * 100)  # "五张红票子买的": five 100-yuan notes
    parts = _deposit_and_balance(folded)
    said_as_paid = bool(_SAID_AS_PAID.search(folded))
    if parts and (value is None or value in parts or not said_as_paid):
        return float(sum(parts))  # (not "…一测0.3" either)
    if said_as_paid:
        return value
    each = _price_each(folded)
    if each and (value is None or value in each):  # ("买了两幅" alone may read as 2)
        return round(each[0] * each[1], 2)
    off = _coupon_off(folded, value) if value is not None else None
    return round(value - off, 2) if off else value


# the sum in yuan said as such, beside a sum in another currency: what the order cost
_RMB_SUM = re.compile(r"(?:人民币|人民幣|RMB|rmb|CNY|cny)\s*([0-9]+(?:\.[0-9]+)?)(?![0-9])")
_FOREIGN_MONEY = re.compile(r"台币|台幣|新台币|美金|美元|日元|日币|日幣|港币|港幣|港元|马币|馬幣|新币|新幣|澳币|韩元|欧元"
                            r"|(?<![A-Za-z])(?:RM|HKD|SGD|USD|NTD|NT\$|S\$|HK\$|MYR|JPY)\s*[0-9]|\$\s*[0-9]")


# a number as shoppers write it, arabic or Chinese (for patterns over several numbers)
NUMERAL_RUN = r"(?:[0-9]+(?:\.[0-9]+)?|[零一二两三四五六七八九十百千万]+)"
_NUM_TOKEN = "(" + NUMERAL_RUN + ")"
_RED_NOTES = re.compile(r"([0-9]{1,2}|[一二两三四五六七八九十]{1,3})\s*张\s*(?:红票子|红票|毛爷爷|大红票|百元大钞)")
_SAID_AS_PAID = re.compile(r"一共|总共|合计|加起来|实付|实际付|到手价|券后|付了|花了|最后付|掏了")
_DEPOSIT_BALANCE = re.compile(
    r"定金\s*(?:是|付了|交了|付|交)?\s*" + _NUM_TOKEN + r"\s*(?:元|块)?"
    # what comes between: a remark on the deposit ("（说是膨胀抵100）后来"), within the sentence
    + r"[^。！？!?；;]{0,16}?(?:再|又)?(?:付了|交了|补了|加)?\s*尾款\s*(?:是|付了|交了|也付了|付|交)?\s*"
    + _NUM_TOKEN)
_MEASURE = r"([幅袋件个盒瓶条双套支只张箱包罐斤提把台片本])"
_EACH_PRICE = re.compile(r"(?<![0-9零一二两三四五六七八九十])一\s*" + _MEASURE + r"\s*(?:是|要|卖)?\s*" + _NUM_TOKEN
                         + r"(?=\s*(?:块钱|元钱|块|元)?\s*(?:$|[，。！？,.!?；;\s]))"  # not 一个三层
                         + r"|" + _NUM_TOKEN + r"\s*(?:元|块)?\s*一\s*" + _MEASURE)
_COUPON = re.compile(
    r"(?:减了|用了|领了|抵了|减|用|领|抵|优惠了|便宜了)\s*(?:张|个)?\s*" + _NUM_TOKEN
    + r"\s*(?:块|元)?\s*(?:的|块的|元的)?\s*(?:店铺|购物|平台|满减|无门槛)?(?:优惠券|券|津贴|红包|消费券)"
    + r"|满\s*" + _NUM_TOKEN + r"\s*(?:块|元)?\s*减了?\s*" + _NUM_TOKEN)


# One item of a larger order named with its own price: "有问题的是那件羽绒服 279"; "一共356 沙发套是228";
# "面霜是198，整套一共436". Not a unit price ("单价是19.9 一共99.5"), a list price or a fee.
_PROBLEM_ITEM = re.compile(r"(?:有问题的|出问题的|坏的|坏掉的)(?:是|在)?\s*(?:那|这)?[^，,。！？!?；;0-9]{0,8}?\s*(?:是|要)?"
                           r"[，,\s]*" + _NUM_TOKEN + r"\s*(?:块钱|元|块)?(?=$|[，,。！？!?；;\s])")
_TOTAL = r"(?:(?:一共|总共|整单|整套|合计|加起来)\s*)+(?:是|花了|付了)?\s*"
_NAMED_ITEM = r"([^，,。！？!?；;\s0-9]{1,8}?)(?:那箱|那件|那条|那双|那个|那盒|那瓶|那套|那台)?是\s*"
_ITEM_AFTER_TOTAL = re.compile(_TOTAL + _NUM_TOKEN + r"\s*(?:块钱|元|块)?[，,\s]+" + _NAMED_ITEM + _NUM_TOKEN
                               + r"(?![0-9.]|\s*(?:码|号|cm|CM|厘米|斤|公斤|岁))")  # (not "都是28码": a size)
_ITEM_BEFORE_TOTAL = re.compile(_NAMED_ITEM + _NUM_TOKEN + r"\s*(?:块钱|元|块)?[，,\s]+[^。！？!?；;]{0,12}?"
                                + _TOTAL + _NUM_TOKEN)
_NOT_AN_ITEM = re.compile(r"单价|每|一[瓶件个盒条双箱袋只支套]|原价|标价|价格|运费|邮费|券|优惠|红包|定金|尾款|差价|退|补|实付|付款")


def _problem_item_price(text: str) -> Optional[float]:
    m = _PROBLEM_ITEM.search(text)
    if m and parse_number(m.group(1)):
        return float(parse_number(m.group(1)))
    for pattern, item_at, price_at, total_at in ((_ITEM_AFTER_TOTAL, 2, 3, 1), (_ITEM_BEFORE_TOTAL, 1, 2, 3)):
        m = pattern.search(text)
        if m and not _NOT_AN_ITEM.search(m.group(item_at)):
            price, total = parse_number(m.group(price_at)), parse_number(m.group(total_at))
            if price and total and price < total:
                return float(price)
    return None


def _deposit_and_balance(text: str) -> Optional[Tuple[float, float]]:
    m = _DEPOSIT_BALANCE.search(text)
    if not m:
        return None
    a, b = parse_number(m.group(1)), parse_number(m.group(2))
    return (float(a), float(b)) if a and b else None


def _price_each(text: str) -> Optional[Tuple[float, int]]:
    """A price per piece and how many pieces were bought ("两袋，一袋29.9" -> (29.9, 2))."""
    m = _EACH_PRICE.search(text)
    if not m:
        return None
    unit, price = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
    value = parse_number(price)
    count = re.search(r"(?<![0-9零一二两三四五六七八九十第])([两二三四五六七八九十]|[2-9]|[1-9][0-9])\s*" + unit, text)
    if value is None or count is None:
        return None
    n = parse_number(count.group(1))
    return (float(value), int(n)) if n and 2 <= n <= 50 else None


_COUPON_FAILED = re.compile(r"用不上|用不了|没用上|没能用|不能用|没减|没抵|没叠加|叠加不了")


def _coupon_off(text: str, price: float) -> Optional[float]:
    """The coupon taken off the price said ("用了五十的店铺券"; "满三百减了四十" when the price reaches 300)."""
    m = _COUPON.search(text)
    if not m or _COUPON_FAILED.search(text, m.end()):
        return None  # "满400减60…结果下单死活用不上": a coupon that never came off
    if m.group(1):
        off = parse_number(m.group(1))
    else:
        floor, off = parse_number(m.group(2)), parse_number(m.group(3))
        if floor is None or price < floor:
            return None
    return float(off) if off and 0 < off < price * 0.9 else None


_ACTUALLY_PAID_BEFORE = re.compile(r"(?:实付款?|实付了|实际付了?|实际支付了?|实际花了?|最后付的|最后付了|一共付了|一共掏了"
                                   r"|一共花了|总共付了|总共花了"
                                   # the figure looked up after a guess: "我看了转账记录 是两千八百五"
                                   r"|(?:看了|查了|翻了|核对了|对了)一?下?(?:转账|付款|支付|订单|账单|记录)[^，。！？,.!?]{0,4}[，,\s]*是"
                                   r")\s*[:：]?\s*(?:¥|￥)?\s*$")


def _exact_said_before(text: str, m: Mention, before: List[Mention], kinds: List[Optional[str]]) -> Optional[float]:
    """"…拍了台投影仪，1099…花一千多买个教训": a loose paid amount that an exact one said
    before (with no cue of its own) falls within is that exact one."""
    if not _LOOSE_AFTER.match(text, m.end) or m.value <= 0 or m.value != int(m.value):
        return None
    place = 1
    while int(m.value) % (place * 10) == 0:
        place *= 10
    within = [e for e, kind in zip(before, kinds)
              if kind is None and m.value <= e.value < m.value + place and not _LOOSE_AFTER.match(text, e.end)]
    return float(within[-1].value) if within else None


def _named_amount(text: str, bare: bool = False) -> Optional[float]:
    """The amount in yuan the shopper paid (see find_amounts), or None.

    One number is returned. When the text holds several amounts, the first
    one with a paying cue wins: a paying word before it in its clause ("花",
    "花了", "付了", "实付", "买了", "拍了", "订了", "下单", "活动价", "到手价",
    "券后", "转了", "转账", "充了", "汇了") or right after it ("329拍了",
    "599入手", "1200转给他"). A number whose nearest
    cue is a reference price ("价值", "原价", "标价", "吊牌价", "送…的") does
    not count as paid. Without any paid amount the first amount is returned,
    as before: "送价值299的拖鞋，我花329拍了" -> 329, "原价999，活动价599入手"
    -> 599, "买了个200块的东西，说是原价999" -> 200, "原价999元" -> 999.

    Some amounts are never what was paid and are skipped (None when nothing
    else is left): a price difference, drop or refunded difference ("降价12",
    "少退了我5元", "返了20", "三十块的差价"), money sent to the shopper
    ("卖家转了我20", "客服给我转了15"), another shop's price ("别家才
    28元"), a fee for something else ("一个包裹两块"), a price asked about
    ("是不是47元", "也是18元吗", "不是…199就包邮吗"), and the same value said
    again later. Promotions ("买二送一", "满199减10"), festival dates before
    buying ("1212买的"), sizes and body measures ("我178买了L号", "之前买的31还
    大") and single-numeral quantities ("2拍下") are not read as amounts at all."""
    found = find_amounts(text, bare=bare)
    if not found:
        return None
    folded = _fold(text)
    breaks = _breaks(folded)
    for m in found:
        if _ACTUALLY_PAID_BEFORE.search(folded, max(0, m.start - 8), m.start):
            return float(m.value)  # "两幅一共436，用了满400减40的券，实付396": what was actually paid
    for m in found:
        if _AMOUNT_TOTAL_BEFORE.search(folded, max(0, m.start - 5), m.start) \
                and not (_measure_context(folded, m.start, m.end) and not _MONEY_AFTER.match(folded, m.end)):
            # "先付了1500定金…又转了2300，一共3800": the total said wins; not a measure summed up
            # ("平铺量的腰才三十八公分 两边加起来七十六")
            return float(m.value)
    kinds = []
    for i, m in enumerate(found):
        kind = _pay_kind(folded, m, breaks)
        if kind == "paid":
            said = _exact_said_before(folded, m, found[:i], kinds)
            return (said if said is not None else float(m.value)) + _more_transfers(folded, m, found[i + 1:])
        kinds.append(kind)
    # an amount said again ("少退我5元钱，虽然5元钱不值啥") is what it was the first time
    not_paid = {m.value for m, kind in zip(found, kinds) if kind in _NOT_PAID}
    not_paid |= {float(v) for v in _CASHBACK_SUM.findall(folded)}  # "返现15…就15块钱也赖"
    kept = [(m, kind) for m, kind in zip(found, kinds) if kind not in _NOT_PAID and m.value not in not_paid]
    if not kept:
        return None
    at = 0
    if kept[0][1] == "reference":
        # 原价1299，领了券1199: a price a little under the reference one is what was paid
        # (not 原价999，我退了100元)
        ref = kept[0][0].value
        at = next((i for i, (m, kind) in enumerate(kept) if kind != "reference" and 0.5 * ref <= m.value < ref), 0)
    first = kept[at][0]
    for m, _ in kept[at + 1:]:
        if _refines(first.value, m.value) and not _BOUND_BEFORE.search(folded, max(0, m.start - 4), m.start):
            return float(m.value)  # "一千三百多吧 1388": the exact figure said after the round one
    # (not a bound said after it: "一百出头 … 反正没过一百五")
    return float(first.value)


_CASHBACK_SUM = re.compile(r"返现?\s*([0-9]{1,3})(?![0-9.])")
_BOUND_BEFORE = re.compile(r"(?:没过|没超过|不超过|不到|没到|顶多|最多)\s*$")


def _refines(rough: float, exact: float) -> bool:
    """exact is rough said precisely: 1300 -> 1388 (within the next 100), 700 -> 760, 2000 -> 2199;
    or a round figure a little over: 180 -> 179 (an exact number within the step below)."""
    if rough <= 0 or exact == rough or not float(rough).is_integer():
        return False
    digits = str(int(rough))
    step = 10 ** (len(digits) - len(digits.rstrip("0")))
    if step >= 10 and rough - step < exact < rough and float(exact).is_integer() and int(exact) % step:
        return True  # "大概一百八吧 一百七十九": the round figure was a little over
    return step >= 10 and rough <= exact < rough + step


# ----------------------------------------------------------------------- days
_RECEIPT_CUE = re.compile(
    r"(?:收到|到货|到了(?!中转|转运|分拣|集散|仓库|网点)|签收|拿到|到的|到手|收货|收的货|收了货|取到|取了|取件|货到"
    r"|送到|寄到|到家|到达(?!中转|转运|分拣|集散|仓库|网点))"  # ("到了中转站以后就十来天没动": the parcel, not the shopper)
)
_SHIPPING_CUE = re.compile(
    r"(?:发货|发出|发了货|寄出|下单|下的单|付款|拍下|买了|购买|等了|物流|在路上|运输|揽收|催)"
)
_NEGATED_RECEIPT = re.compile(
    r"(?:没|未|没有|还没|还未|尚未|一直没)(?:有)?(?:收到|到货|到|签收|拿到|收货|送到|寄到|取到)"
)
_NTH_DAY_EVENT = re.compile(r"\s*(?:就|又|才|我)?\s*(?:找|问|联系|申请|催|提|退|寄|发消息)")
_NTH_DAY_SINCE_RECEIPT = re.compile(r"(?:收到|到货|签收|拿到|到手|收货|到家)(?:的|后|以后|之后)?(?:是)?第$")
_DAY_UNIT = re.compile(
    r"(多|来)?(个半月|个多月|个月|天半|天|日|周半|周|个多星期|个星期|星期|个礼拜|礼拜|个多小时|个小时|小时|钟头)"
)
_UNIT_DAYS = {
    "个半月": (30, 15),
    "个多月": (30, 0),
    "个月": (30, 0),
    "天半": (1, 0.5),
    "天": (1, 0),
    "日": (1, 0),
    "周半": (7, 3.5),
    "周": (7, 0),
    "个多星期": (7, 0),
    "个星期": (7, 0),
    "星期": (7, 0),
    "个礼拜": (7, 0),
    "礼拜": (7, 0),
}
_AGO = re.compile(r"(?:之前|以前|前)")
# "卖家签收都9天了": the seller got the returned parcel; not when the shopper got the goods
_SELLER_RECEIPT = re.compile(r"(?:卖家|商家|店家|仓库|对方|人家)(?:(?!我)[^，。！？,!?\s]){0,8}?(?:签收|收到)")
_AFTER_FILLER = re.compile(
    r"(?:刚刚|刚|才|就|已经|早上|上午|中午|下午|晚上|晚|早|我|货|快递|包裹|东西|的时候|时候|也|都)*"
)
_DAYS_PREFIX = re.compile(r"(?:大概|大约|差不多|约|就|是|已经|有|快|好像|应该|收到|到了|嗯|呃|额|哦|啊)*")
_DAYS_SUFFIX = re.compile(r"(?:左右|上下|多|吧|啊|呀|了|呢|的|吧|前|之前|以前|[。！!.~?？\s])*")


def _read_days(text: str, pos: int, bare: bool) -> Tuple[Optional[Mention], int]:
    word = _lexicon_at(text, pos, _RE_DAY_WORDS)
    if word is not None:
        return _day_word(text, pos, word[0], word[1], bare)
    token, end = _read_token(text, pos)
    if token is None:
        return None, end
    value = _approx_value(token)
    if value is None or value < 0:
        return None, end
    before = text[max(0, pos - 6) : pos].rstrip()
    nth = _NTH_DAY_SINCE_RECEIPT.search(before)
    if nth and text.startswith("天", end) and _NTH_DAY_EVENT.match(text, end + 1):
        return None, end + 1  # "到货第二天找的客服": the day of a contact, not today
    if nth and text.startswith("天", end) and value >= 1 and "." not in token:
        # "到手第九天": the arrival day is the first, so 8 days since (the 7-day window
        # counts from the day after receipt: Civil Code art. 201)
        return Mention(int(value) - 1, pos - (len(before) - nth.start()), end + 1), end + 1
    if before.endswith(("第", "月", "双", "周", "星期", "礼拜")):
        return None, end  # 第三天, 11月11日, 双十一, 周三
    prev, _ = _prev_nonspace(text, pos)
    if prev and prev.isascii() and prev.isalnum():
        return None, end
    m = _DAY_UNIT.match(text, end)
    if m is None:
        if text[end:end + 2] == "半月" and token == "半":
            m_end, days = end + 2, 15.0
        elif bare and _whole(text, pos, end, _DAYS_PREFIX, _DAYS_SUFFIX) and "." not in token:
            return Mention(int(value), pos, end), end
        else:
            return None, end
    else:
        unit = m.group(2)
        m_end = m.end()
        if unit in ("个多小时", "个小时", "小时", "钟头"):
            days = value / 24
        else:
            mult, extra = _UNIT_DAYS[unit]
            days = value * mult + extra
    # context
    lo, hi = _clause(text, pos, m_end)
    clause = text[lo:hi]
    if _NEGATED_RECEIPT.search(clause) or _SELLER_RECEIPT.search(clause):
        return None, m_end
    cue_kind, _ = _nearest_cue_before(text, pos, lo)
    if cue_kind == "shipping":
        return None, m_end
    span_end = m_end
    ok = cue_kind == "receipt"
    ago = _AGO.match(text, m_end)
    if ago:
        after = _receipt_after(text, ago.end(), hi)
        if after is not None:
            ok, span_end = True, after
    if not ok and not (bare and not _shipping_after(text, m_end)):
        return None, m_end
    return Mention(int(math.floor(days + 1e-9)), pos, span_end), m_end


def _nearest_cue_before(text: str, pos: int, lo: int) -> Tuple[Optional[str], int]:
    window_lo = max(lo, pos - 12)
    window = text[window_lo:pos]
    best: Tuple[Optional[str], int] = (None, -1)
    for kind, rx in (("receipt", _RECEIPT_CUE), ("shipping", _SHIPPING_CUE)):
        for m in rx.finditer(window):
            if m.end() > best[1] and _clean_gap(window[m.end():], 6):
                best = (kind, m.end())
            elif m.end() == best[1] and kind == "receipt":
                best = (kind, m.end())
    return best


def _shipping_after(text: str, i: int) -> bool:
    f = _AFTER_FILLER.match(text, i)
    return bool(_SHIPPING_CUE.match(text, f.end() if f else i))


# what was received when it was not the goods ("刚收到平台通知", "今天收到退款")
_NOT_GOODS_RECEIVED = re.compile(r"(?:卖家|商家|客服|平台|你们|他们)?的?(?:通知|短信|消息|回复|答复|退款|电话|邮件|验证码)")


def _receipt_after(text: str, i: int, hi: int) -> Optional[int]:
    """End of a receipt cue that follows position i closely, or None."""
    f = _AFTER_FILLER.match(text, i)
    j = f.end() if f and f.end() - i <= 5 else i
    m = _RECEIPT_CUE.match(text, j)
    if m and _NOT_GOODS_RECEIVED.match(text, m.end()):
        return None
    if m and m.end() <= hi:
        return m.end()
    if text.startswith("到", j) and not text.startswith(("到底", "到处", "到时", "到期"), j):
        return j + 1
    return None


def _day_word(text: str, pos: int, word: str, end: int, bare: bool) -> Tuple[Optional[Mention], int]:
    value = _DAY_WORDS[word]
    lo, hi = _clause(text, pos, end)
    if _NEGATED_RECEIPT.search(text[lo:hi]):
        return None, end
    after = _receipt_after(text, end, hi)
    if word in ("刚", "刚刚"):
        # only "刚到" / "刚收到": 刚 on its own says nothing about receipt
        m = _RECEIPT_CUE.match(text, end)
        if not (m or text.startswith("到", end)) or (m and _NOT_GOODS_RECEIVED.match(text, m.end())):
            return None, end
    if after is not None:
        return Mention(value, pos, after), after
    cue_kind, _ = _nearest_cue_before(text, pos, lo)
    if cue_kind == "receipt":
        return Mention(value, pos, end), end
    if bare and cue_kind != "shipping" and not _shipping_after(text, end):
        return Mention(value, pos, end), end
    return None, end


def find_days(text: str, bare: bool = False, starts: Optional[Iterable[int]] = None) -> List[Mention]:
    """Days since the goods arrived, only in a receipt context: "收到三天了" (3),
    "前天到的" (2), "今天刚到" (0), "半个月前签收" (15), "一周前收到" (7).
    Delivery delays ("发货五天了还没到", "等了三天还没收到") give nothing. With
    bare=True a duration on its own counts ("3天", "三天", "3")."""
    return _scan(text, starts, _read_days, bare)


def parse_days(text: str, bare: bool = False, today: Optional[datetime.date] = None) -> Optional[int]:
    """The first day count since receipt in text (see find_days), or None. A
    count the shopper takes back ("不是前天收到的，是上周") gives way to the next.
    Given today's date, a receipt date counts too ("12月1号收到的", "3号签收的")."""
    left = _DEADLINE_AHEAD.search(text) if isinstance(text, str) else None
    if left:  # "后天就过7天了": received five days ago
        ahead = _DAYS_AHEAD.get(left.group(1)) or parse_number(left.group(2) or "")
        if ahead is not None and 0 < ahead < 7:
            return int(7 - ahead)
    found = find_days(text, bare=bare)
    kept = [m for m in found if not _TAKEN_BACK.search(text[max(0, m.start - 4):m.start])]
    found = kept or found
    if found:
        return int(found[0].value)
    return days_since_date(text, today) if today is not None and isinstance(text, str) else None


# "12月1号收到的", "11月30日签收", "3号到的": a date right before a receipt word
_DATE_RECEIVED = re.compile(
    r"(?:([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*)?([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*[号日]\s*"
    r"(?:那天|当天|晚上|上午|下午|中午|早上|就|才|刚|已经|物流)?\s*(?:显示)?\s*"
    r"(?:收到|到的|到了|签收|送到|到货|拿到|送货上门|送来|到手|取到|取的)"
)


def days_since_date(text: str, today: datetime.date) -> Optional[int]:
    """Days from the receipt date the text names to today, the date taken in the past year
    (a day of the month alone is this month's, or last month's when it is still to come)."""
    for m in _DATE_RECEIVED.finditer(text):
        day = parse_number(m.group(2))
        month = parse_number(m.group(1)) if m.group(1) else None
        if day is None or not 1 <= day <= 31 or (month is not None and not 1 <= month <= 12):
            continue
        # the latest such date not after today: this year's or last year's month, or for a day
        # alone this month's or an earlier one's (a 31st skips the shorter months)
        months = [int(month)] if month is not None else [today.month - back for back in range(12)]
        for year_back in (0, 1):
            for mon in months:
                year, mon = today.year - year_back + (mon - 1) // 12, (mon - 1) % 12 + 1
                try:
                    when = datetime.date(year, mon, int(day))
                except ValueError:
                    continue
                if when <= today:
                    days = (today - when).days
                    return days if days <= 366 else None
    return None


_TAKEN_BACK = re.compile(r"不是\s*$")
# the seven days of the no-reason return, counted from receipt, run out in so many days
_DEADLINE_AHEAD = re.compile(r"(明天|后天|大后天|还有([一二两三四五六1-6])天)\s*就?\s*(?:过|满|到|超过?)了?\s*(?:7|七)\s*天")
_DAYS_AHEAD = {"明天": 1, "后天": 2, "大后天": 3}


# --------------------------------------------------------------------- counts
_COUNT_UNIT = re.compile(r"(?:多|来)?(?:次|回|遍|轮|趟|道(?=了|$|[，。！？,.!?\s])|条(?=消息|信息|微信|旺旺|$|[，。！？,.!?\s]))(?!性)"
                         r"|\s*times?(?![a-z])")  # 问了四五道了 (Sichuan); 发了三条 (messages)  # 问了四五道了 (Sichuan)
_CONTACT_CUE = re.compile(
    r"(?:沟通|联系|找|问|聊|谈|协商|交涉|说|催|反映|投诉|电话|留言|消息|私信|旺旺|申请|拒|客服|讲|商量|要求|提|卖家|商家|店家"
    r"|扯皮|掰扯|扯了|磨|理论|打了|发了)"
)
_WITH_SELLER = re.compile(r"(?:地|和卖家|跟卖家|与卖家|找卖家)?")
_CONTACT_AFTER = re.compile(r"(?:沟通|联系|协商|交涉|找|问|聊|谈|说|催|反映|商量|扯皮|拉扯)")
_COUNT_PREFIX = re.compile(
    r"(?:大概|大约|差不多|约|就|是|已经|有|好像|应该|只|才|也就|了|嗯|呃|额|哦|啊|沟通过|联系过|找过"
    r"|前前后后|前后|总共|一共|加起来|一共是|总共是|至少|起码|不下|也就是)*"
)
_COUNT_SUFFIX = re.compile(r"(?:左右|上下|吧|啊|呀|了|呢|的|吧|吧|而已|多|过|[。！!.~?？\s])*")
# 一次都没有, 一回也没联系过: zero
_ZERO_AFTER = re.compile(r"\s*(?:都|也)\s*(?:还|从来)?\s*(?:没有|没|未|不曾)(?:有)?")
_ZERO_TAIL = re.compile(
    r"(?:过)?(?:和|跟|与|找)?(?:卖家|商家|店家|客服|他们|他|她|对方)?"
    r"(?:沟通|联系|协商|交涉|找|问|聊|谈|说|催|反映|商量|打过电话|打电话|发过消息|发消息|私信)"
)
# A bare answer with no numeral that means "never": 没联系过, 还没有, 没找过卖家
_ZERO_BARE = re.compile(
    r"(?:嗯|呃|额|哦|啊|我|我们|其实|目前|暂时|现在|还|都|从来|从|一直|根本|完全|压根|压根儿)*"
    r"(?:(?:没有|没|未|不曾)(?:有)?"
    r"(?:和|跟|与|找)?(?:卖家|商家|店家|客服|他们|他|她|对方)?"
    r"(?:联系|沟通|找|问|聊|谈|协商|交涉|说|催|私信|打电话|打过电话|发消息|发过消息)?(?:过)?"
    r"(?:卖家|商家|店家|客服|他们|他|她|对方)?"
    r"|无)"  # 无 only on its own: 无聊 is not "never"
    r"(?:呢|啊|吧|了|呀|哦|[。！!.~？?，,\s])*"
)


def _read_count(text: str, pos: int, bare: bool) -> Tuple[Optional[Mention], int]:
    word = _lexicon_at(text, pos, _RE_COUNT_WORDS)
    if word is not None:
        w, end = word
        if w in ("反复", "来回", "一再", "再三"):
            # only when it is about talking: 反复沟通, 来回扯皮
            f = _WITH_SELLER.match(text, end)
            if not _CONTACT_AFTER.match(text, f.end()) or text.endswith("话", 0, pos):
                # (车轱辘话来回说: words said over and over, no contacts counted)
                return None, end
            return Mention(3, pos, end), end
        value, start, m_end = _COUNT_WORDS[w], pos, end
    else:
        token, end = _read_token(text, pos)
        if token is None or token[-1] in "kKwW":
            return None, end
        low = _range_low(token)  # 两三次 -> 2: the lower bound
        value = low if low is not None else _approx_value(token)
        if value is None or value < 0:
            return None, end
        m = _COUNT_UNIT.match(text, end)
        if m is None:
            if bare and "." not in token and _whole(text, pos, end, _COUNT_PREFIX, _COUNT_SUFFIX):
                return Mention(int(value), pos, end), end
            return None, end
        start, m_end = pos, m.end()
        zero = _ZERO_AFTER.match(text, m_end) if value == 1 else None
        if zero:  # 一次都没有, 一次也没联系过
            tail = _ZERO_TAIL.match(text, zero.end())
            if tail:
                return Mention(0, start, tail.end()), tail.end()
            if _whole(text, start, zero.end(), _COUNT_PREFIX, _COUNT_SUFFIX):
                return Mention(0, start, zero.end()), zero.end()
            return None, zero.end()  # 卖家一次都没回: says nothing about the user
        if pos > 0 and text[pos - 1] == "头" and not bare:
            return None, m_end  # "头一回找那个店…后来再发消息也不回": the first of several, not a count
        if pos > 0 and text[pos - 1] == "第":
            # 第二次找卖家 (2); 第一次网购 is an ordinal, not a count, even as an answer
            start = pos - 1
            lo, hi = _clause(text, start, m_end)
            if not (
                _CONTACT_CUE.search(text, lo, hi)
                or _whole(text, start, m_end, _COUNT_PREFIX, _COUNT_SUFFIX)
            ):
                return None, m_end
    lo, hi = _clause(text, start, m_end)
    if _PLATFORM_TALK.search(text, lo, hi) and not _SELLER_TALK.search(text, lo, hi):
        return None, m_end  # "平台还一次没找过": about the platform, not talks with the seller
    if not bare and _OTHER_DEED_BEFORE.search(text, max(0, start - 5), start):
        return None, m_end  # "已经免费改过一次了": a repair (an exchange, a wash), not a talk
    if _MADE_WITH_IT.match(text, m_end):
        return None, m_end  # "打了五六次豆浆": the goods used, not calls made
    if _EVERY_BEFORE.search(text, max(0, start - 8), start):
        return None, m_end  # "每隔两天问一次": how often, not how many times
    if _TO_ME_AFTER.match(text, m_end):
        return None, m_end  # "老人家天天打电话问我": someone contacting the shopper, not talks with the seller
    if _REQUEST_TALK.search(text, lo, hi) and not _SELLER_TALK.search(text, lo, hi) \
            and not any(c.group(0) not in ("提", "申请") for c in _CONTACT_CUE.finditer(text, lo, hi)):
        return None, m_end  # "仅退款我又重新提了一回": a request filed again, not a talk
    if not (
        bare
        or _CONTACT_CUE.search(text, lo, hi)
        or _whole(text, start, m_end, _COUNT_PREFIX, _COUNT_SUFFIX)
    ):
        return None, m_end
    return Mention(int(round(value)), start, m_end), m_end


# the day of a weekday name: "礼拜一一次" is one contact on Monday, not eleven
_WEEKDAY_NUMERAL = re.compile(r"(?:(?<=礼拜)|(?<=星期)|(?<=周))[一二三四五六日天1-7]")


def find_counts(text: str, bare: bool = False, starts: Optional[Iterable[int]] = None) -> List[Mention]:
    """How often the user already talked to the seller: "沟通了三次" (3),
    "找了卖家两次" (2), "好几次" / "多次" / "反复沟通" (3). A count needs a
    talking word in its clause ("洗了两次" is not a negotiation) unless the
    message is only the count ("一次"); with bare=True a bare number counts.

    Ranges give the lower bound ("两三次" -> 2, "四五趟" -> 4); vague words
    ("好几次", "多次", "几次", "十几次" -> 13) read 几 as 3. "一次都没有" /
    "一次也没联系过" give 0; with bare=True so do answers without a numeral
    that mean "never" ("没联系过", "还没有", "没找过卖家"). Ordinals count only
    with a talking word ("第二次找卖家" -> 2, not "第一次网购")."""
    if isinstance(text, str):
        text = _WEEKDAY_NUMERAL.sub("Ｘ", text)  # (one character for one: the positions stay)
    if bare and isinstance(text, str) and 0 < len(text) <= 40:
        folded = _fold(text)
        stripped = folded.strip()
        if stripped and _ZERO_BARE.fullmatch(stripped):
            lead = len(folded) - len(folded.lstrip())
            return [Mention(0, lead, lead + len(stripped))]
    return _scan(text, starts, _read_count, bare)


def parse_count(text: str, bare: bool = False) -> Optional[int]:
    """The first negotiation count in text (see find_counts), or None; one right after
    a talking verb wins ("要我再出一次运费…聊了两次" is 2)."""
    found = [m for m in find_counts(text, bare=bare) if not _about_a_third_party(text, m)
             and not _QUESTION_ECHOED.match(text, m.start)
             and not _HOW_MANY_ASKED.match(text, max(0, m.start - 1))]
    totals = [m for m in found if _TOTAL_BEFORE.search(text, max(0, m.start - 5), m.start)]
    if totals:
        return int(totals[-1].value)  # "…加上申请那回 算三次吧": the total the shopper sums up
    parts = found[1:]
    if len(parts) >= 2 and found[0].value > 1 and found[0].value == sum(m.value for m in parts):
        return int(found[0].value)  # "两次吧，昨晚一次今早一次": a count, then what it is made of
    each_day = _once_on_each_day(text) or _days_of_daily_contact(text)
    if each_day:
        return each_day  # "4号晚上和6号各找了一次客服": one contact on each day named
    counted = _counted(text, found, bare)
    timeline = timeline_contacts(text)
    return timeline if timeline is not None and (counted is None or timeline > counted) else counted


_ONCE_EACH = re.compile(r"各\s*(?:找|问|联系|催|聊|打|沟通)了?\s*(?:客服|卖家|商家|店家|他|她)?\s*(?:一次|一回|一遍|一趟)")
_DAY_NAMED = re.compile(r"(?<![0-9])[0-9]{1,2}\s*[号日](?!\s*[0-9])|[一二三四五六七八九十]{1,3}号|周[一二三四五六日天]|星期[一二三四五六日天]"
                        r"|昨天|今天|前天|大前天")
_DAY_PIECE = re.compile(r"(?:[0-9]{1,2}月)?(?:" + _DAY_NAMED.pattern + r")(?:上午|下午|晚上|早上|中午)?")
_LIST_BREAK = re.compile(r"[，,、\s]+")


# "发了三天 一天一条", "问了三天 每天问一次": so many days, one contact a day
_DAYS_OF_CONTACT = re.compile(r"(?:问|发|催|找|联系|聊)了?\s*([两二三四五六七八九十2-9]|1[0-9])\s*天")
_ONE_A_DAY = re.compile(r"(?:一天|每天)\s*(?:都)?\s*(?:问|发|催|找|联系|聊)?\s*了?\s*(?:一|1)\s*(?:次|条|回|遍|趟)")


def _days_of_daily_contact(text: str) -> Optional[int]:
    if not isinstance(text, str):
        return None
    days = _DAYS_OF_CONTACT.search(text)
    if not days or not _ONE_A_DAY.search(text, days.end()):
        return None
    value = parse_number(days.group(1))
    return int(value) if value else None


def _once_on_each_day(text: str) -> Optional[int]:
    if not isinstance(text, str):
        return None
    m = _ONCE_EACH.search(text)
    if not m:
        return None
    pieces = _LIST_BREAK.split(text[:m.start()])
    days = len(_DAY_NAMED.findall(pieces[-1]))
    for piece in reversed(pieces[:-1]):  # "11月2号，5号，9号各问了一次": the days listed before it
        if not _DAY_PIECE.fullmatch(piece):
            break
        days += 1
    return days if days >= 2 else None


def _counted(text: str, found: List[Mention], bare: bool = False) -> Optional[int]:
    talked = [m for m in found if _TALKED_BEFORE.search(text[max(0, m.start - 4):m.start])]
    found = talked or found
    if not found:
        numbered = ordinal_contacts(text, asked=bare)
        if numbered is None and isinstance(text, str) and _ASKED_ONE_LINE.search(text) \
                and not _THIRD_PARTY.search(text):
            return 1  # "就昨天问了一句": asked once
        return numbered
    first = found[0]
    numbered = ordinal_contacts(text)
    if numbered is not None and numbered > first.value:
        return numbered  # "第一次说…第二次说…第三次干脆已读不回": three contacts
    again = [m for m in found[1:] if m.value > 0 and _AGAIN_BEFORE.search(text, max(0, m.start - 6), m.start)]
    if again and first.value > 0 and not _AGAIN_BEFORE.search(text, max(0, first.start - 6), first.start):
        return int(first.value + sum(m.value for m in again))  # "打了一次电话，旺旺上又说了两次": 3
    # "收到当天就找了客服…之后我又找了两次": the times again come after a first contact
    if first.value > 0 and _AGAIN_BEFORE.search(text, max(0, first.start - 6), first.start) \
            and _FIRST_CONTACT.search(text, 0, max(0, first.start - 6)):
        return int(first.value) + 1
    return int(first.value)


_ASKED_ONE_LINE = re.compile(r"(?<!又)(?:问|催|追问)了?\s*一\s*句(?!.{0,12}又)")
# "周二问了客服，周四又问，今天又催了一次": contacts told as a timeline, one clause each
# (not where the seller sends the shopper on, "让我回去找店铺", or chases for them, "说帮我去催")
_TIMELINE_BREAK = re.compile(r"[，,。、；;！!？?\s]+")
_TIMELINE_CONTACT = re.compile(r"(?<!借口)(?<!让我)(?<!叫我)(?<!要我)(?<!让我回去)(?<!让我去)(?<!帮我)(?<!帮我去)(?:追问|(?<![想请])问(?!题)|催|找(?!借口|理由|茬|不到|不着)|追了|追着|联系|沟通|聊"
                               r"|留言|私信|发消息|发信息|发了消息|发了信息|打电话|打了电话|又发了(?!货|快递|过来|错))")
_QUOTED = re.compile(r"“[^”]*”|「[^」]*」|\"[^\"]*\"|‘[^’]*’")
_SELLER_ACTS = re.compile(r"(?:他|她|卖家|客服|商家|店家|老板|对方)\s*(?:又|还|就|也)?\s*$")


def timeline_contacts(text: str) -> Optional[int]:
    """Contacts told one clause each, the later ones with 又 ("早上问了一句，下午又追了一句" -> 2),
    each clause its own count when it says one ("问了两次，昨天又催了一次" -> 3); None when the text
    is no such timeline."""
    if not isinstance(text, str) or "又" not in text:
        return None  # (a total said, "…前后沟通两次", is parse_count's count before this)
    total, clauses, again = 0, 0, 0
    for clause in _TIMELINE_BREAK.split(_QUOTED.sub("", text)):  # (not the seller's quoted words)
        m = _TIMELINE_CONTACT.search(clause)
        if m is None or _SELLER_ACTS.search(clause[:m.start()]) or _THIRD_PARTY.search(clause):
            continue
        counts = [c for c in find_counts(clause, bare=False) if c.value > 0]
        total += int(counts[0].value) if counts else 1
        clauses += 1
        again += "又" in clause[:m.start()] or "又" in clause[m.start():m.start() + 3]
    return total if clauses >= 2 and again else None


def names_a_count(text: str) -> bool:
    """The text has a count word (次, 回, 趟…): "是四回", not "是一百九十九"."""
    return bool(_COUNT_UNIT.search(text))


def _about_a_third_party(text: str, m: Mention) -> bool:
    """"厂家电话打了三回没人接": calls to the maker, the courier or 12315, not talks with the seller."""
    lo, hi = _clause(text, m.start, m.end)
    return bool(_THIRD_PARTY.search(text, lo, hi)) and not _SELLER_TALK.search(text, lo, hi)


# "客服第一回说帮我催催 第二回说… 第三回到现在没动静": the last contact numbered is the count
_ORDINAL_CONTACT = re.compile(r"第\s*([一二两三四五六七八九十]|[1-9][0-9]?)\s*(?:次|回|趟|遍)")
_CONTACT_IN_CLAUSE = re.compile(r"卖家|商家|店家|客服|售后|老板|说|回复|回我|找|问|催|联系|沟通")


def ordinal_contacts(text: str, asked: bool = False) -> Optional[int]:
    """The highest numbered contact ("第三次干脆已读不回" -> 3) when contacts with the seller are
    numbered from the second on; None otherwise ("第二次买" is a purchase, not a talk). Asked how
    often, a number alone is the answer ("算上今天第四次了")."""
    if not isinstance(text, str):
        return None
    best, about_contacts = 0, False
    for m in _ORDINAL_CONTACT.finditer(text):
        lo, hi = _clause(text, m.start(), m.end())
        if _THIRD_PARTY.search(text, lo, hi) or _ORDINAL_NOT_TALK.match(text, m.end()):
            continue
        about_contacts = about_contacts or asked or bool(_CONTACT_IN_CLAUSE.search(text, lo, hi))
        n = parse_number(m.group(1))
        if n is not None and n <= 30:
            best = max(best, int(n))
    return best if about_contacts and best >= (1 if asked else 2) else None


# a numbered purchase or delivery, not a talk: "第二次买", "第三次发货"
_ORDINAL_NOT_TALK = re.compile(r"\s*(?:买|下单|拍|收到|到货|发货|退货|换货|补发|寄|用|穿|吃|网购|购物|在|遇|碰|见|来)")


_THIRD_PARTY = re.compile(r"厂家|厂商|快递员|派件员|派送员|送货员|快递小哥|快递公司|快递客服|驿站|12315|品牌方|物业"
                          r"|物流那边|物流公司|安装师傅|师傅|400电话|打400|厂家400|400热线"
                          # "我又去找快递": the courier (not "让我找快递", what the seller said)
                          r"|(?<![让叫要]我)(?<![让叫要]我们)(?<![让叫]我去)(?:找|问|联系|打给)了?快递(?!单|信息|记录)")
# "几次？两次吧", "这个算几次啊 找了他两回": the question said back, not a count
_QUESTION_ECHOED = re.compile(r"几\s*(?:次|回|趟|遍)\s*(?:啊|呀)?\s*[？?]")
_HOW_MANY_ASKED = re.compile(r"(?:算|是|有)\s*几\s*(?:次|回|趟|遍)\s*(?:啊|呀|呢|吗|[？?])")
_TOTAL_BEFORE = re.compile(r"(?:算|一共|总共|加起来|前后一共|总共是|一共是"
                           r"|(?:前后|前前后后|一共|总共)\s*(?:沟通|联系|找|问|催|聊|交涉)了?)\s*$")  # 前后沟通两次
_AGAIN_BEFORE = re.compile(r"又(?:去|再)?(?:找|问|联系|催|沟通|聊|说|打)(?:了|过)?\s*(?:他|她|卖家|商家|客服|店家)?\s*$")
_FIRST_CONTACT = re.compile(r"(?:找了|问了|联系了|找过|问过|联系过|咨询了)\s*(?:卖家|商家|客服|店家|他|她|一下)")


_PLATFORM_TALK = re.compile(r"平台|介入|小二")
# (查询过多次, 扫过三次: the code checked, not the seller talked to)
_OTHER_DEED_BEFORE = re.compile(r"(?:改|修|换|洗|穿|用|试|充|坏|买|维修|返修|寄回|查询|查|扫|验)(?:了|过)\s*$")
_REQUEST_TALK = re.compile(r"仅退款|退款申请|售后单|退款单|退货申请")
_EVERY_BEFORE = re.compile(r"每(?:隔)?[^，。！？,!?\s]{0,4}?(?:问|找|催|发|联系|打)?\s*$")
_TO_ME_AFTER = re.compile(r"\s*(?:都|就|也)?\s*(?:打电话|打|发消息|发微信|来)?\s*(?:问我|催我|找我|给我打)")
_MADE_WITH_IT = re.compile(r"\s*(?:豆浆|果汁|米糊|奶昔|辅食|咖啡|果蔬汁|冰沙|蛋糕|面包|饭|汤|粥)")
_SELLER_TALK = re.compile(r"卖家|商家|店家|客服")
_TALKED_BEFORE = re.compile(r"(?:聊|问|找|催|沟通|联系|交涉|协商|扯|磨|发|打|说)(?:了|过)?\s*(?:他|她|卖家|商家|客服)?\s*$")
