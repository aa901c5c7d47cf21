"""The fact reader: every message goes through `read_message` before anything
else decides what to say.

It reads the facts of a case from a shopper's own words, wherever they come:
amount, days, rounds, the seller's attitude, where the case stands with the
platform, whether the goods arrived, money paid outside the platform, urgency,
what the shopper wants, evidence in hand or not, and the dispute types named.
What the assistant just asked (`asked`, the slot it waits for) lets a bare
answer count: "299" to the amount question, "没有" to "申请过介入吗". All the
words come from the knowledge file; this module holds only the reading rules.
Pure Python, never raises on text.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Dict, Iterable, List, Mapping, NamedTuple, Optional, Sequence, Tuple

from advisor import numbers
from advisor.case import RULED_FOR_BUYER, RULINGS
from advisor.knowledge import Knowledge
from advisor.mentions import is_negated
from advisor.text import clean, has_chinese, latin_letters, looks_like_question, pinyin_of

AFFIRM, DENY = "affirm", "deny"


@dataclass
class Reading:
    slots: Dict[str, Any] = field(default_factory=dict)  # slot name -> value read
    types: List[str] = field(default_factory=list)  # dispute types named, in order
    negated_types: List[str] = field(default_factory=list)  # "不是色差"
    decisive_types: List[str] = field(default_factory=list)  # named by a word that settles it ("让我先点确认收货")
    main_type: Optional[str] = None  # named as the main problem ("颜色我还能忍 主要是做工太烂了")
    evidence_have: List[str] = field(default_factory=list)
    evidence_missing: List[str] = field(default_factory=list)
    answered: bool = False  # the message answered the open question
    skipped: bool = False  # the shopper declined to answer it

    def found_anything(self) -> bool:
        return bool(self.slots or self.evidence_have or self.evidence_missing)


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    value: Any
    negated: bool


# Each table's words, lowered and grouped by their first character, made once: the reader
# looks only for words whose first character is in the message (py-spy under load: the
# per-word find and lower over every table was ~17% of the action server's CPU). Keyed by
# the values and the identity of the word lists (a table dict is often made per call; its
# lists are the knowledge file's), which the cache holds so that an id is never reused.
_INDEXES: Dict[Tuple[Any, ...], Tuple[Tuple[Any, ...], Dict[str, List[Tuple[str, int, Any]]]]] = {}


def _index(table: Mapping[Any, Iterable[str]]) -> Dict[str, List[Tuple[str, int, Any]]]:
    try:
        key = tuple((value, id(words)) for value, words in table.items())
        hit = _INDEXES.get(key)
    except TypeError:  # an unhashable value: index it for this call only
        key, hit = None, None
    if hit is not None:
        return hit[1]
    index: Dict[str, List[Tuple[str, int, Any]]] = {}
    held = []
    n = 0
    for value, words in table.items():
        held.append(words)
        for w in words:
            w = w.lower()
            if w:
                index.setdefault(w[0], []).append((w, n, value))  # n: the order of the table
                n += 1
    if key is not None:
        if len(_INDEXES) > 4096:  # tables of lists made per call would otherwise pile up
            _INDEXES.clear()
        _INDEXES[key] = (tuple(held), index)
    return index


def _hits(text: str, table: Mapping[Any, Iterable[str]], negations: Sequence[str]) -> List[_Hit]:
    """Non-overlapping mentions of any word in table (longest first), in text order."""
    index = _index(table)
    found: List[Tuple[int, int, int, Any]] = []
    for c in index.keys() & set(text):
        for w, n, value in index[c]:
            i = text.find(w)
            while i >= 0:
                found.append((i, i + len(w), n, value))
                i = text.find(w, i + 1)
    # longest first; for one span, in the table's order (as a search word by word finds them)
    found.sort(key=lambda h: (-(h[1] - h[0]), h[0], h[2]))
    taken: List[Tuple[int, int]] = []
    out: List[_Hit] = []
    for a, b, _n, value in found:
        # an overlapping shorter word loses; the same word may name several values
        if any(a < y and x < b and (a, b) != (x, y) for x, y in taken):
            continue
        taken.append((a, b))
        out.append(_Hit(a, b, value, is_negated(text, a, b, negations)))
    out.sort(key=lambda h: h.start)
    return out


# who is paid a fee beside the order (an installer's charge), not the seller outside the platform
_SERVICE_PAYEE = re.compile(r"师傅|安装费|安装工|上门费|跑腿费|搬运费|上楼费")


# 签收 said of the tracking page, someone else or in the seller's words is no receipt:
# "快递显示门卫签收了", "卖家说签收了就跟他没关系", "被别人签收了"
_SIGNED_BY_OTHERS = re.compile(r"(?:显示|写着|写的|说|门卫|驿站|代收|被|别人|邻居|物流上|系统)[^，。！？,!?]{0,4}签收")


# "签收了就不关他事了？": the seller's logic echoed, not a receipt
_SIGNED_THEN_EXCUSE = re.compile(r"就(?:不|跟|和|与|没|是送到|算送到|是收到)")


def _last(hits: List[_Hit]) -> Optional[Any]:
    kept = [h.value for h in hits if not h.negated]
    return kept[-1] if kept else None


def _bool_table(table: Mapping[str, Iterable[str]]) -> Dict[bool, Tuple[str, ...]]:
    return {value == "true": tuple(words) for value, words in table.items()}


# "1和3有", "第2个有": evidence numbers in an answer to the evidence question
_INDEX = re.compile(r"(?<![\d.])([1-9])(?![\d.])|第([一二三四五六七八九])")
_CN_DIGIT = {c: i for i, c in enumerate("一二三四五六七八九", 1)}
# words after an evidence word that say it is missing: "视频忘录了", "截图还没截"
_MISSING_AFTER = re.compile(
    r"\s*(?:的话|啥的|什么的|之类的|那些|这些|那个|这个|那种|这种|那页|那张|那块|那边|那一项|的|呢|嘛)?\s*"
    r"(?:现在|目前|暂时|根本|压根|完全|当然|肯定|自然)?\s*(?:都|也|还|全|早就|已经|倒是|就)?\s*"
    r"(?:忘(?:了|记)?(?:录|拍|截|存|保存)?了?|没(?:有)?(?:录|拍|截|存|保存|弄|准备|留|量)|删了|丢了|找不到|没了"
    r"|不存在|没法[拍截录弄]|拿不到|给不了"  # "物流记录根本不存在"
    r"|没有?(?=$|[\s，,。.!！?？;；])"  # "签收啥的没有", "物流的还没截", "视频的话没录"
    r"|[:：，,]?\s*(?:❌|✖|✗|×|无)(?=$|[\s，,。.!！?？;；/]))")  # a checklist: "视频❌", "医院诊断 无"


def _seller_denies(s: str, hit, reported: "re.Pattern[str]") -> bool:
    """A negated type in what the seller said, in the same sentence a few clauses on:
    "店家说是她穿的时候自己扯的，不算质量问题"."""
    start = max(0, hit.start - 24)
    stop = max((s.rfind(b, start, hit.start) for b in "。！？!?"), default=-1)
    return bool(reported.search(s, max(start, stop + 1), hit.start))


def read_message(
    k: Knowledge,
    text: Any,
    asked: Optional[str] = None,
    pending_evidence: Sequence[str] = (),
    intent: Optional[str] = None,
    today: Optional[datetime.date] = None,
) -> Reading:
    """What this message says about the case.

    `asked` is the slot the assistant is waiting for (Rasa's requested_slot),
    `pending_evidence` the evidence ids its open evidence question listed,
    `intent` the classifier's intent (only affirm / deny are used, and only
    as the answer to the open question), `today` the date the message was sent (a
    receipt date, "12月1号收到的", then gives the days since receipt).
    """
    r = Reading()
    s = read_as(k, clean(text).lower())
    if s.startswith("/"):
        # a button payload ("/affirm"): only its intent answers the open question
        if asked:
            _read_answer(k, "", asked, intent, pending_evidence, r)
        return r
    if not s:
        return r
    neg = k.negations
    if asked in ("amount_yuan", "negotiation_rounds", "days_since_receipt"):
        s = numbers.pinyin_numerals(s) or s  # "yibai liushijiu", "liang ci": the answer in pinyin
    _read_numbers(s, asked, r, today)
    _read_corrected(k, s, r)
    _read_keywords(k, s, r, asked)
    _read_evidence(k, s, r, pending_evidence if asked == "evidence_item" else ())
    if asked:
        _read_answer(k, s, asked, intent, pending_evidence, r)
    # a type named after a negation ("不是色差，是尺码") is a correction
    type_hits = _hits(s, _type_table(k), neg)
    waved: List[str] = []
    reported = _seller_patterns(k.seller_words).reported
    # (a refusal is the seller's by nature: "商家说拆了包装就不能退" stays a refund dispute)
    said = [h for h in type_hits if h.value and h.value != "refund_refused"
            and reported.search(s, _clause_of(s, h.start, h.end)[0], h.start)]
    if said and any(h.value and h not in said for h in type_hits):
        # "卖家签收以后说镜面裂了…只肯退一半", "开不了机…卖家非说是快递摔坏的": beside the shopper's own
        # problem, the seller's claim is not the shopper's problem
        type_hits = [h for h in type_hits if h not in said]
    # "店家说是她自己扯的 不算质量问题": the seller denying the problem is no denial of the shopper's
    type_hits = [h for h in type_hits if not (h.negated and h.value and _seller_denies(s, h, reported))]
    for hit in type_hits:
        if hit.value is None:
            continue  # a not_type_word: it hides a type word and names none
        if _about_a_service(s, hit, k.not_goods_subjects):
            continue  # "优惠券用不了": not about the goods
        if k.waved_off and _in_clause_with(s, hit, k.waved_off):
            waved.append(hit.value)  # "快递慢了四五天我都懒得计较": named, but not what the shopper claims
            continue
        (r.negated_types if hit.negated else r.types).append(hit.value)
    main = _MAIN_PROBLEM.search(s)
    if main:
        after = [h.value for h in type_hits if h.value and not h.negated and h.start >= main.end()
                 and h.start - main.end() <= 30]
        r.main_type = after[0] if after else None
    else:
        main = _MAIN_PROBLEM_BEFORE.search(s)
        before = [h.value for h in type_hits if main and h.value and not h.negated and h.end <= main.start()
                  and main.start() - h.end <= 30]
        r.main_type = before[-1] if before else None  # "…系运输途中损坏，此为本人主要反映之问题"
    if r.types:
        # "颜色我还能忍 主要是做工太烂了": beside another problem, one waved off is taken back
        r.negated_types += [t for t in waved if t not in r.types and t not in r.negated_types]
    for code, t in k.dispute_types.items():
        if any(not h.negated for h in _hits(s, {code: t.decisive}, neg)):
            r.decisive_types.append(code)
    wears = _WEARS_SIZE.search(s)
    if wears and "size" in k.dispute_types and "size" not in r.decisive_types \
            and not r.negated_types and not looks_like_question(s) and _DOES_NOT_FIT.search(s, wears.end()) \
            and ("了" in s[wears.end():] or any(w in s for w in k.report_markers if w != "了")):
        # (something happened, and it is the fit: not "平时穿39的要拍多大的", nor
        # "平时穿M的，这件穿了两次就起球了")
        r.decisive_types.append("size")  # "拍的27 平时就穿27 这条提到大腿就卡住了": the size they wear
    if "color_difference" in k.dispute_types and "color_difference" not in r.types + r.negated_types \
            and all(t == "refund_refused" for t in r.types) and _colour_contrast(k, s):
        # two colours with a turn between them ("图上是燕麦色，收到是土黄色"), beside at most a refusal
        r.types.append("color_difference")
    claim = _CLAIM_CONTRAST.search(s)
    if claim and "false_advertising" in k.dispute_types and not r.types and not r.negated_types \
            and not _COLOUR_OR_SIZE.search(s, claim.start(), claim.end() + 6):
        # what the listing says, then what came ("详情页写的头层牛皮 到手是pu"), with no other problem named
        r.types.append("false_advertising")
    if r.slots.get("paid_off_platform") is True and "fraud" not in r.decisive_types:
        r.decisive_types.append("fraud")  # money sent to a "seller" outside the platform: the scam the brief names
    r.types += [code for code in r.decisive_types if code not in r.types]
    if not r.types and not r.negated_types and _refund_withheld(k, s, r):
        r.types.append("refund_refused")
    if not r.types:
        # English words ("my parcel never arrived", "买的包是fake"), else pinyin when no Chinese at all
        r.types = _english_types(k, s) or ([] if has_chinese(s) else _pinyin_types(k, s))
    return r


# the size the shopper always wears, said with the size: "平时就穿27", "平常一直穿四十二", "平时穿M"
_WEARS_SIZE = re.compile(
    r"(?:平时|平常|一直|向来|从来都)(?:就|都|也|一直)?穿(?:的是|的)?\s*"
    r"(?:[2-9][0-9](?![0-9])|1[0-8][05](?![0-9])|[SMLXsmlx]{1,3}(?![a-z])|[二三四]十[一二三四五六七八九]?"
    r"|一百[一二三四五六七八九]十)(?:码|号)?")  # (130: a child's size)
# how a size that does not fit is told: "提到大腿就卡住了", "大脚趾直接顶到头", "拉链拉不上"
_DOES_NOT_FIT = re.compile(r"穿不[上进下]|塞不进|扣不上|拉不上|卡住|顶到|顶脚|挤脚|勒|紧|小了|大了|短了|长了|一大截|一截|不合身|不合脚")
# the listing's claim, then within the sentence what the goods turned out to be; not a colour or a size
# ("页面上是浅灰色 到手是米色", "详情页写的M码 到手是S码": those have their own types)
_CLAIM_CONTRAST = re.compile(r"(?:详情页|商品页|宝贝页|页面|标题|链接|宣传)(?:上|里)?(?:面)?(?:写的是|写着|写的|标的是|标着|标的|说的是|说是)"
                             r"[^。！？!?；;]{1,20}?(?:到手|实际|实物|收到|拿到|寄来)(?:的|以后|后)?(?:却|就|发现|一看)?"
                             r"[^，。！？,!?；;\s]{0,4}?(?:是|成了|才|只有|写的|写着|写|标的|标着)")  # ("收到铭牌上才1200W", "收到看标签写羊毛50%")
_COLOUR_OR_SIZE = re.compile(r"色|码|号|尺寸|[0-9]+\s*(?:cm|厘米|公分)|(?<![a-z])[smlx]{1,3}(?![a-z])")
# between two colours: the one shown, then the one that came ("图上奶白 到手土黄")
_COLOUR_TURN = re.compile(r"是|成了|挂上|铺上|装上|拿到|变成|到手|实物|收到|结果|却|但|发来|来的|寄来|涂上|上嘴|上身|穿上|一看")


@lru_cache(maxsize=4)
def _colour_table(colour_words: Tuple[str, ...]) -> Dict[str, Tuple[str, ...]]:
    return {c: (c,) for c in colour_words}


def _colour_contrast(k: Knowledge, s: str) -> bool:
    """Two different colour names with a turn between them: the colour shown is not the one that came."""
    hits = [h for h in _hits(s, _colour_table(k.colour_words), ()) if h.value]
    for a, b in zip(hits, hits[1:]):
        if a.value != b.value and _COLOUR_TURN.search(s, a.end, b.start):
            return True
    return False


# what the shopper says the problem really is: "…主要是做工太烂了", "关键是这个骗人"
_MAIN_PROBLEM = re.compile(r"主要(?:问题|争议)?(?:还|就)?(?:是|为)|真正的问题是|关键(?:问题)?是|我要说的是"
                           r"|(?:最|主要)气的是|重点是|最要命的是|最离谱的是"
                           r"|(?:^|(?<=[\s，,。！!？?]))问题是")  # "防不防水我还没试呢 问题是…拉链头就崩了"
# the main problem named before the words that say so: "…屏幕已碎裂，此为本人主要反映之问题"
_MAIN_PROBLEM_BEFORE = re.compile(r"此为本人主要|这(?:才)?是(?:我)?主要(?:的|想说的|反映的)?问题|这才是重点")


def _refund_withheld(k: Knowledge, s: str, r: Reading) -> bool:
    """No problem named, but the money is held back: a ruling for the shopper the seller
    does not pay ("平台站我这边…钱还是没影"), or goods already sent back and a seller who
    refuses, stalls or blames ("退货寄回去一个礼拜了…催了三次，要么不回")."""
    if r.slots.get("platform_status") == RULED_FOR_BUYER:
        return True
    return any(w in s for w in k.return_under_way) and \
        r.slots.get("seller_attitude") in ("refuses", "ignores", "shifts_blame")


# An English keyword's words match in order with at most this many words between.
_ENGLISH_GAP = 2


def _english_words(text: str) -> List[str]:
    return re.findall(r"[a-z][a-z-]*", text.lower().replace("'", "").replace("\u2019", ""))


def _english_types(k: Knowledge, s: str) -> List[str]:
    """Types named in English ("the colour is totally different", "my parcel never
    arrived"), in text order; a keyword right after a negation ("not broken") is no mention."""
    words = _english_words(s)
    if not words:
        return []
    negations = set(k.negations_english)
    found: List[Tuple[int, int, str]] = []  # (start, end) word positions, type
    for code, t in k.dispute_types.items():
        for keyword in t.english_keywords:
            span = _match_in_order(words, _english_words(keyword))
            if span is None:
                continue
            starts_negated = _english_words(keyword)[0] in negations
            if not starts_negated and span[0] > 0 and words[span[0] - 1] in negations:
                continue
            found.append((span[0], span[1], code))
    # an overlapping shorter mention loses ("broke out" is a rash, not "broke")
    found.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
    taken: List[Tuple[int, int]] = []
    kept: List[Tuple[int, str]] = []
    for a, b, code in found:
        if any(a < y and x < b for x, y in taken):
            continue
        taken.append((a, b))
        kept.append((a, code))
    out: List[str] = []
    for _, code in sorted(kept):
        if code not in out:
            out.append(code)
    return out


def _match_in_order(words: Sequence[str], keyword: Sequence[str]) -> Optional[Tuple[int, int]]:
    """(start, end) of the first place the keyword's words occur in order, each
    within _ENGLISH_GAP words of the one before; None when they don't."""
    if not keyword:
        return None
    for start, w in enumerate(words):
        if w != keyword[0]:
            continue
        pos = start
        for part in keyword[1:]:
            window = words[pos + 1 : pos + 2 + _ENGLISH_GAP]
            if part not in window:
                break
            pos = pos + 1 + window.index(part)
        else:
            return start, pos + 1
    return None


_MIN_PINYIN = 5  # letters: shorter pinyin words ("guo", "jia") match by accident


def _pinyin_types(k: Knowledge, s: str) -> List[str]:
    """Types named in pinyin ("mai de yi fu se cha tai da le" names 色差)."""
    letters = latin_letters(s)
    if len(letters) < _MIN_PINYIN:
        return []
    runs = _word_runs(re.findall(r"[a-z]+", s.lower()))
    found = []
    for code, t in k.dispute_types.items():
        if any(len(p) >= _MIN_PINYIN and p in runs for p in map(pinyin_of, t.keywords)):
            found.append(code)
    return found


def _word_runs(words: Sequence[str], max_letters: int = 24) -> set:
    """Every run of whole words, joined ("se cha" and "secha" give "secha"; "chinese characters"
    does not give "secha": pinyin must start and end on a word boundary)."""
    runs = set()
    for i in range(len(words)):
        joined = ""
        for w in words[i:]:
            joined += w
            if len(joined) > max_letters:
                break
            runs.add(joined)
    return runs


def _type_table(k: Knowledge) -> Dict[Optional[str], Tuple[str, ...]]:
    # the knowledge file's not_type_words under None: as the longer match, "还没到账"
    # wins over the logistics word "还没到" inside it, and then names nothing
    return {**{code: t.keywords for code, t in k.dispute_types.items()}, None: k.not_type_words}


def _read_numbers(s: str, asked: Optional[str], r: Reading, today: Optional[datetime.date] = None) -> None:
    amount = numbers.parse_amount(s, bare=asked == "amount_yuan")
    if amount is not None:
        r.slots["amount_yuan"] = float(amount)
    days = numbers.parse_days(s, today=today)
    if days is not None:
        r.slots["days_since_receipt"] = int(days)
    # (an evidence answer counts other things: "充5次的地方都截图了")
    rounds = numbers.parse_count(s, bare=asked == "negotiation_rounds") if asked != "evidence_item" else None
    if rounds is not None:
        r.slots["negotiation_rounds"] = int(rounds)


def corrects(k: Knowledge, text: str) -> bool:
    """The message takes back something said before ("刚才说错了", "不对，是…",
    "不是六百八十八 是六百九十八")."""
    return any(w in text for w in k.corrections) or bool(_not_this_but_that(text))


# "不是六百八十八，是六百九十八", "售后不是找了三回 是四回": the number after 是 replaces the one before
_NOT_THIS_BUT = re.compile(r"不是([^，,。！？!?；;]{1,12}?)[，,\s]*(?:而|就|应该|其实)?是([^，,。！？!?；;]{1,12})")


# "其实找了四回不是三回", "是六百九十九不是七百": the number before 不是 replaces the one after
_NUM = numbers.NUMERAL_RUN + r"\s*(?:块钱|块|元|次|回|趟|遍|道)?"
_THIS_NOT_THAT = re.compile(r"(" + _NUM + r")\s*[，,]?\s*(?:而)?不是\s*(" + _NUM + r")(?![0-9一二两三四五六七八九十百千万]|\s*[吗吧嘛么])")


def _not_this_but_that(s: str) -> Dict[str, float]:
    """The amount or count a "不是X，是Y" (or "Y不是X") puts right, by slot."""
    found: Dict[str, float] = {}
    pairs = [(m.group(1), m.group(2)) for m in _NOT_THIS_BUT.finditer(s)]
    pairs += [(m.group(2), m.group(1)) for m in _THIS_NOT_THAT.finditer(s)]
    for wrong, right in pairs:
        if numbers.names_a_count(wrong + right) and numbers.find_counts(wrong, bare=True) \
                and numbers.find_counts(right, bare=True):
            found["negotiation_rounds"] = numbers.find_counts(right, bare=True)[0].value
        elif numbers.parse_amount(wrong, bare=True) is not None and numbers.parse_amount(right, bare=True) is not None:
            found["amount_yuan"] = float(numbers.parse_amount(right, bare=True))
    return found


_CLAUSE_OPENS = re.compile(r"(?:^|[\s，,。.!！?？…~～、]|[哦噢啊额呃诶哎嗯])$")


_MEASURE_BEFORE = re.compile(r"(?:" + numbers.MEASURE_NAMES + r")\s*$")


# what may end a message after a correction word that puts nothing right itself: punctuation, emoji, particles
_NOTHING_AFTER = re.compile(r"(?:[\W_]|[了啊吧呢哈呀])*")
_OH_THEN_NUMBER = re.compile(r"[哦噢]\s*(?=[一二两三四五六七八九十0-9])")


def _after_correction(k: Knowledge, s: str) -> Optional[str]:
    """What follows the last correction word ("一百五吧……不对，是一百三十八" -> "，是一百三十八")."""
    best = -1
    rest = None
    for w in k.corrections:
        i = s.rfind(w)
        if w == "不对" and i > 0 and not _CLAUSE_OPENS.search(s[:i]):
            continue  # 颜色不对: a complaint, not a correction
        if i > 0 and _MEASURE_BEFORE.search(s, 0, i):
            continue  # "size chart waist应该是70": what a measure should be, not a price put right
        if i >= 0 and _NOTHING_AFTER.fullmatch(s, i + len(w)):
            continue  # "…其实就一回 她记错了": the right figure came before it
        if i > best:
            best, rest = i, s[i + len(w):]
    oh = [m for m in _OH_THEN_NUMBER.finditer(s) if m.start() > 0]  # "三次 哦四次": the number said again
    if oh and oh[-1].start() > best:
        rest = s[oh[-1].end():]
    return rest


_ONE_MORE = re.compile(r"又|还(?:去|再)?(?:找|问|催|联系|聊|发|打)")
_ONE_OF_THEM = re.compile(r"有\s*(?:一|1)\s*(?:次|回)\s*(?:是|还是)")


def _read_corrected(k: Knowledge, s: str, r: Reading) -> None:
    """A number after a correction word replaces one said before it in the same message:
    "一百五吧……不对，我看了下订单，是一百三十八" -> 138; "刚翻了订单 是一百八十九" -> 189
    (read as an answer to the amount question would be); "催了四次 哦不对 今天又催了一次
    五次了" -> 5 (the last count after the correction)."""
    put_right = _not_this_but_that(s)
    if "amount_yuan" in put_right:
        r.slots["amount_yuan"] = put_right["amount_yuan"]
    if "negotiation_rounds" in put_right:
        r.slots["negotiation_rounds"] = int(put_right["negotiation_rounds"])
    rest = _after_correction(k, s)
    if not rest or put_right:
        return
    j = rest.find("是")
    said = rest[j:] if 0 <= j <= 16 else ""
    # "我看了下订单，是一百三十八"; "说错了 是6299 6499那是官网价": the clause the right number is in
    first_clause = re.split(r"[，,。！？!?；;\s]+", said.strip(), maxsplit=1)[0]
    for tail in (rest, said, first_clause):
        amount = numbers.parse_amount(tail.lstrip("，,。 :：了"), bare=True) if tail else None
        if amount is not None:
            r.slots["amount_yuan"] = float(amount)
            break
    # (bare: the message already counts contacts, so "…又催了一次，五次了" ends on a count;
    # an evidence answer that takes back a count said before: "刚才说扯了五次…其实是四次")
    counted = "negotiation_rounds" in r.slots or numbers.find_counts(s[:len(s) - len(rest)])
    # (with a count word: "就说了一次，东西应该是一百九十九吧" corrects the price, not the count)
    counts = numbers.find_counts(rest, bare=True) if counted and numbers.names_a_count(rest) else []
    # "哦不对 是两次 昨晚我又问了一回": one more, counted in the total just stated
    # ("其实找了他三次，前天晚上还找过一回": the one more is in the three)
    stated = [m for m in counts if not _ONE_MORE.search(rest, _clause_of(rest, m.start, m.end)[0], m.start)
              and not _ONE_OF_THEM.match(rest, max(0, m.start - 1))]  # "有一次是半夜发的": one of them
    if len(stated) >= 3 and stated[0].value > 1 and stated[0].value == sum(m.value for m in stated[1:]):
        stated = stated[:1]  # "不对两回 昨天一回今天一回": the count, then what it is made of
    if stated or counts:
        r.slots["negotiation_rounds"] = int((stated or counts)[-1].value)


@lru_cache(maxsize=4)
def _seller_names(seller_words: Tuple[str, ...]) -> "re.Pattern[str]":
    """The knowledge file's two-character names of the seller other than 卖家 (same length:
    positions hold when they are read as 卖家)."""
    names = [w for w in seller_words if len(w) == 2 and has_chinese(w) and w != "卖家"]
    return re.compile("|".join(map(re.escape, names)) or r"(?!)")


_DEVICE_ALARM = re.compile(r"(?:滴滴|嘀嘀|一直|自动|总是|老是|不停|机器|卡住|卡死|它)报警|报警(?:声|音|灯|那个声|的声|提示)")


# an earlier turn of the talks: "头两次都冇人理", "之前没人回"
_EARLIER_CONTACT = re.compile(r"头两次|前两次|头几次|前几次|头一次|头回|第一次|头先|之前|以前|一开始|开始的时候|刚开始|起初|本来|原本")


# answers about the seller, the talks or the platform: goods named in what someone said are not the
# order's (an evidence answer may name the goods: "辣条包装袋上的生产日期拍了")
_ANSWERS_ABOUT_OTHER_THINGS = ("seller_attitude", "negotiation_rounds", "platform_status")
_SAID_BEFORE = re.compile(r"说|讲|回我|回复")
_PLATFORM_BEFORE = re.compile(r"(?:小二|平台|官方|介入)\s*(?:那边|那儿)?\s*$")
_PLATFORM_NEXT = re.compile(r"\s*(?:过|一下)?\s*(?:小二|平台|官方|介入|12315|消协)")


def _read_keywords(k: Knowledge, s: str, r: Reading, asked: Optional[str] = None) -> None:
    neg = k.negations
    attitudes = {code: (spec or {}).get("keywords") or () for code, spec in k.seller_attitudes.items()}
    # the words are written with 卖家; the seller by any two-character name reads the same
    # ("还没跟店家说" is "还没跟卖家说"), and what the shopper fears is no stance ("怕找店家会被
    # 说是我自己弄坏的")
    as_seller = _seller_names(k.seller_words).sub("卖家", s)
    attitudes[None] = k.not_stance_words  # "我不管什么时候看都是粉的": the shopper's 不管, no stance
    stances = [h for h in _hits(as_seller, attitudes, neg)
               if h.value is not None and not _hypothetical(as_seller, h.start, h.end, _FEARED)
               and not (_ASKED_ABOUT.search(as_seller, *_clause_of(as_seller, h.start, h.end))
                        and _asked_back(as_seller, h))]  # "私下转账的才不管吗": a question, no stance
    # "还没有找小二", "还没找平台": the platform not asked yet, not the seller
    stances = [h for h in stances if not (h.value == "not_contacted" and (
        _PLATFORM_NEXT.match(as_seller, h.end) or _PLATFORM_BEFORE.search(as_seller, 0, h.start)))]
    # "小二居然判商家没问题 给驳回了": the platform's no in its ruling, not the seller's
    stances = [h for h in stances if not (as_seller[h.start:h.end] == "驳回" and _PLATFORM_RULED_BEFORE.search(
        as_seller, max(0, h.start - 30), h.start))]
    if asked not in (None, "seller_attitude"):
        # in an answer to another question, what the seller did in earlier talks is history, not
        # news ("搵咗三次 头两次都冇人理" after the seller agreed to an exchange)
        stances = [h for h in stances
                   if not _EARLIER_CONTACT.search(as_seller, _clause_of(as_seller, h.start, h.end)[0], h.start)]
    attitude = _last(stances)
    kept = [h for h in stances if not h.negated]
    if attitude == "refuses" and as_seller[kept[-1].start:kept[-1].end] == "不管" \
            and any(h.value == "shifts_blame" and _PUSHED_TO_OTHERS.search(as_seller, h.start, h.end) for h in kept):
        attitude = "shifts_blame"  # "让我自己打快递电话 他们不管": pushed onto the courier, then left there
    quoted = _seller_patterns(k.seller_words).quoted.search(s) if attitude is None else None
    if quoted:
        # a quoted seller answer with none of the words above in it: its cues ("亲，赠品名额有限，
        # 已经送完了哦" refuses), else an explanation that fixed nothing (客服回「亲 每台手机显示效果不同哦」)
        attitude = reported_stance(k, s[quoted.end():])
    if attitude is None:
        reported = _seller_patterns(k.seller_words).reported.search(s)
        if reported and _hypothetical(s, reported.start(), reported.end(), _FEARED):
            reported = None  # "怕找店家会被说是我自己弄坏的": feared, not said
        if reported and _BOUGHT_NEXT.match(s, reported.end()):
            reported = None  # "问了客服说穿33，买来娃一穿就喊挤脚": advice before buying, no stance
        if reported:  # "客服还说实木贴皮也算实木", "商家说春节放假了年后再说"
            attitude = reported_stance(k, s[reported.end():])
    if attitude:
        r.slots["seller_attitude"] = attitude
    status_hits = _stated(s, _hits(s, k.case_facts["platform_status"], neg))
    # a ruling said anywhere outranks the application it came from ("判我输…申请了介入 小二站卖家那边")
    ruled = [h for h in status_hits if h.value in RULINGS]
    status = _last(ruled) or _last(status_hits)
    if status not in RULINGS and _RULED_NO_REFUND.search(s):
        status = "ruled_against_buyer"  # "小二判了 不支持退款" (a seller's "不支持退款哦" is no ruling)
    if status:
        r.slots["platform_status"] = status
    for fact in ("goods_received", "paid_off_platform"):
        table = {v: words for v, words in k.case_facts[fact].items() if v in ("true", "false")}
        hits = _hits(s, _bool_table(table), neg)
        if fact == "goods_received":
            quoted = _quoted_spans(s)
            hits = [h for h in hits if not _about_something_else(s, h, k.case_facts[fact].get("not_the_goods", ()))
                    and not any(a <= h.start < b for a, b in quoted)  # 卖家一句'签收了就不归我们管'
                    and not (h.value and (_SIGNED_BY_OTHERS.search(s, max(0, h.start - 6), h.start + 2)
                                          or _SIGNED_THEN_EXCUSE.match(s, h.end)))
                    and not _hypothetical(s, h.start, h.end, _FEARED)]  # 怕他回一句签收了就不关他事
        else:
            # "师傅收钱没给收据 只有微信转账记录": a fee paid to the installer just before, not the order
            # "…私下付的会不一样吗": a question about the other way pays nothing
            hits = [h for h in hits if not (h.value and _SERVICE_PAYEE.search(s, max(0, h.start - 20), h.start))
                    and not (h.value and _asked_back(s, h))]
        value = _last(hits)
        if value is False and fact == "goods_received":
            opened = k.case_facts[fact].get("opened", ())
            first_no = next(h.start for h in hits if h.value is False and not h.negated)
            if any(h.value and not h.negated and s[h.start:h.end] in opened and h.start < first_no for h in hits):
                value = True  # "拆开…五金包整箱翻了个遍也没有": the box came, parts of it did not
        if value is not None:
            r.slots[fact] = value
    if "days_since_receipt" in r.slots and "goods_received" not in r.slots:
        r.slots["goods_received"] = True  # "前天到的": a day count since receipt says it came
    elif r.slots.get("goods_received") is False:
        r.slots.pop("days_since_receipt", None)  # "显示前天就签收了…翻遍了也没有": never came
    if "paid_off_platform" not in r.slots and numbers.paid_by_transfer(s):
        r.slots["paid_off_platform"] = True  # "先转了499": sent, not paid through an order
    wants = _last(_hits(s, k.case_facts["wants"], neg))
    if wants:
        r.slots["wants"] = wants
    ended = _last(_hits(s, k.case_facts["case_end"], neg))
    if ended:
        r.slots["case_end"] = ended
    for signal in ("urgent", "legal_matter"):
        hits = _hits(s, {True: k.signals[signal]}, neg)
        # "一直滴滴报警", "报警那个声音都录进去了": the device's alarm, not the police
        alarms = [m.span() for m in _DEVICE_ALARM.finditer(s)]
        hits = [h for h in hits if not any(a <= h.start < b for a, b in alarms)]
        # "拿给做律师的朋友看…不过我不想闹上法院": a step the shopper says they will not take
        if _last(hits) and not any(_NOT_MEANT.search(s, max(0, h.start - 8), h.start) for h in hits):
            r.slots[signal] = True
    if "urgent" not in r.slots and k.urgent_soon and _urgent_event(k.urgent_soon, k.urgent_events).search(s):
        r.slots["urgent"] = True  # "后天面试要穿", "孩子明天就开学了"
    # (not a place the goods are kept: "剩下的几条还在冰箱")
    categories = [h for h in _hits(s, k.product_categories, ()) if not _KEPT_IN.search(s, max(0, h.start - 3), h.start)]
    if asked in _ANSWERS_ABOUT_OTHER_THINGS:
        # "seller 说是我手机 screen 的问题": the phone of what the seller said, not the goods (a second
        # order told in such an answer still names its goods: "另外买的一双鞋子…开胶了")
        categories = [h for h in categories if not _SAID_BEFORE.search(s, _clause_of(s, h.start, h.end)[0], h.start)]
    if categories:
        # the goods are named first; a later word is in passing ("卫衣…客服说每个人手机屏幕显示不一样");
        # but what the shopper says they bought wins ("奶奶不太会用手机…她在网上买了件棉袄")
        bought = [h for h in categories if _BOUGHT_JUST_BEFORE.search(s, max(0, h.start - 6), h.start)]
        r.slots["product_category"] = (bought or categories)[0].value
    elif _ATE_SOME.search(s) and k.advice.get("food_category"):
        r.slots["product_category"] = k.advice["food_category"]  # "鱿鱼丝 吃了小半袋": goods that are eaten
    if r.slots.get("seller_attitude") == "not_contacted" and (r.slots.get("negotiation_rounds") or 0) > 0:
        del r.slots["seller_attitude"]  # "一次 寄回去运费谁出啊 我还没问": talked once; not asked about the postage yet
    if r.slots.get("seller_attitude") == "not_contacted" and "negotiation_rounds" not in r.slots:
        r.slots["negotiation_rounds"] = 0


_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
# a step the shopper says they will not take: "不想闹上法院", "不打算起诉"
_NOT_MEANT = re.compile(r"(?:不想|不打算|没打算|不至于|不需要)[^，。！？!?；;\s]{0,4}$")


@lru_cache(maxsize=4)
def _urgent_event(soon: Tuple[str, ...], events: Tuple[str, ...]) -> "re.Pattern[str]":
    """A day close at hand, then within the sentence what the goods are needed for."""
    return re.compile("(?:" + "|".join(map(re.escape, soon)) + r")[^。！？!?；;\n]{0,12}?(?:"
                      + "|".join(map(re.escape, events)) + ")")
# a ruling said with 判, or a platform's result ("平台出结果了 说证据不足 不支持退款")
_RULED_NO_REFUND = re.compile(
    r"(?:判|裁定|裁决|出结果|出了结果|结果出来|处理结果)[^。！？!?]{0,12}"
    r"(?:不支持退款|证据不足|不支持我|不支持买家|不支持(?=$|[\s，,。.!！?？;；]))")
# the platform ruling, just before a refusal word that is then its own ("小二…判商家没问题 给驳回了")
_PLATFORM_RULED_BEFORE = re.compile(r"(?:小二|平台|客服介入)[^。！？!?]{0,12}?判了?(?:商家|卖家|店家)?[^。！？!?卖商店]{0,10}$")
_PUSHED_TO_OTHERS = re.compile(r"快递|厂家|找")  # a shift onto someone else (not "就你过敏": blame on the shopper)
# the goods right after a verb of buying ("买了件棉袄", "拍的两条裤子")
_BOUGHT_JUST_BEFORE = re.compile(r"(?:买|拍|入|订|下单)(?:了|的)?\s*(?:[一两几三四五六七八九十]\s*)?"
                                 r"(?:件|个|条|双|台|部|套|支|瓶|盒|只|款|张|把|袋|箱|罐|包)?\s*$")
# a place the goods are kept, before a word that would name them: "还在冰箱" is no fridge bought
_KEPT_IN = re.compile(r"(?:在|放|放在|放进|塞进|冻在|存在|搁)\s*$")
# some of the goods eaten or drunk: "吃了小半袋", "喝到第二桶" (not 吃了亏, 吃了药)
_EATEN = "口|袋|包|块|碗|片|颗|勺|杯|瓶|盒|根|条|桶|罐"
_ATE_SOME = re.compile(rf"(?:吃|喝)(?:了|完)(?:小|大)?(?:半|一|两|几|大半)?(?:{_EATEN})"
                       rf"|(?:吃|喝)到第[一二两三四五六七八九十0-9]+(?:{_EATEN})")


_BOUGHT_NEXT = re.compile(r"[^。！？!?]{0,12}?(?:买来|买回来|买了|拍了|下单|下了单|拍下|就买|就拍)")


_IF_NOT = re.compile(r"不行(?=就|的话|再)")


def reported_stance(k: Knowledge, said: str) -> str:
    """The stance in what the seller was reported to say, when no stance word named it:
    a refusal ("说是活动款不支持无理由"), a put-off ("说春节放假了年后再说"), else an
    explanation that fixed nothing (knowledge file: seller_said_cues)."""
    m = _SENTENCE_END.search(said)
    said = said[:m.start()] if m else said
    # the cue said first heads the answer ("说帮我催 不行就补发": a chase, then a fallback);
    # "不行就…", "不行的话…" is a condition, not a refusal
    said = _IF_NOT.sub("  ", said)
    found = [(said.find(c), stance) for stance, cues in k.seller_said_cues.items() for c in cues if c in said]
    return min(found)[1] if found else "shifts_blame"


class _SellerPatterns(NamedTuple):
    quoted: "re.Pattern[str]"
    said: "re.Pattern[str]"
    reported: "re.Pattern[str]"


@lru_cache(maxsize=8)
def _seller_patterns(seller_words: Tuple[str, ...]) -> _SellerPatterns:
    """(a quoted seller answer, "客服回「…」" or "「…」——客服回我的原话"; what the seller said,
    "客服说防水是指防泼溅", as the answer to the seller question; the same reported in any
    message, with its subject named: "商家说批次不同很正常"), from the knowledge file's
    seller_words."""
    if not seller_words:
        never = re.compile(r"(?!)")
        return _SellerPatterns(never, never, never)
    who = "(?:" + "|".join(map(re.escape, seller_words)) + ")"
    quoted = re.compile(who + r"[^，。！？!?]{0,8}?(?:说|回|回复|答|表示|讲|一句|让我|叫我|原话)[^「“\"'‘]{0,4}[「“\"'‘]"
                        r"|[」”\"'’][，,—\s]*(?:这是)?" + who + r"[^，。！？!?]{0,4}(?:回我|说|回)")
    said = re.compile(who + r"?[^，。！？!?]{0,6}?(?:说|回|回复|表示|讲|一句|原话)")  # ("他原话是'…'")
    # (not the shopper telling the seller: "跟卖家说了三次", "找客服说了两回")
    # (not the platform's own service: "淘宝官方客服 人家说三个工作日之内给我答复")
    reported = re.compile(r"(?<![跟和给对向按照听])(?<!官方)(?<!平台)(?<!淘宝)(?<!天猫)" + who + r"[^，。！？!?]{0,4}?[，,\s]?(?:还|就|非|硬|却|竟然|居然|只|又)?"
                          r"(?:说|讲|回复|回我|回了句|表示|解释|狡辩|称)(?!明|话|不定|不出|好的|重|呼)"
                          r"(?!了?\s*[0-9一二两三四五六七八九几好]\s*[次回遍趟])")
    return _SellerPatterns(quoted, said, reported)


# Someone else's words in quotes ("卖家一句'签收了就不归我们管'"), up to the closing quote or
# the end of the message: not what the shopper says happened.
_QUOTED = re.compile(r"['\"“‘「『]([^'\"”’」』]{1,60})(?:['\"”’」』]|$)")


def _quoted_spans(s: str) -> List[Tuple[int, int]]:
    return [m.span(1) for m in _QUOTED.finditer(s)]


_FILLER_BEFORE = re.compile(r"(?:明明|都|也|还|才|可|却|根本|压根)+$")


def _about_something_else(s: str, hit: _Hit, words: Sequence[str]) -> bool:
    """A word right before or after the mention says it is not about the goods ("没收到退款")."""
    # "没收到卖家的回复": skip whose it is
    after = re.sub(r"^(?:卖家|商家|客服|店家|店铺|你们|他们|平台)的?", "", s[hit.end:hit.end + 8])
    # (with a filler between: "保存期限明明还没到" is the date, not the parcel)
    before = _FILLER_BEFORE.sub("", s[max(0, hit.start - 6):hit.start])
    return any(after.startswith(w) or before.endswith(w) for w in words)


_CLAUSE_END = re.compile(r"[，。！？；,.!?;\s]")
# what may happen, not what did: "怕申请了他更不搭理", "他再这么说我就去点了", "要是还不退就申请"
_MAY_HAPPEN = re.compile(r"怕|要是|如果|万一|打算|准备|会不会|再.{0,8}就|就去|想")


def _clause_of(s: str, start: int, end: int) -> Tuple[int, int]:
    """Bounds of the clause around s[start:end]."""
    lo = max((m.end() for m in _CLAUSE_END.finditer(s, 0, start)), default=0)
    m = _CLAUSE_END.search(s, end)
    return lo, m.start() if m else len(s)


# a question about what would happen, not a report: "私下转账的才不管吗", "平台会不理吗"
_ASKED_ABOUT = re.compile(r"才|会|是不是|难道")


def _asked_back(s: str, hit: _Hit) -> bool:
    """The mention sits in a clause that asks a question ("申请了真有人管吗？", "点了介入卖家会不会
    给我差评啊", "申请了介入要多久啊")."""
    lo, hi = _clause_of(s, hit.start, hit.end)
    if s[hi:hi + 1] in ("?", "？") or s[max(0, hi - 1):hi] in ("吗", "么"):
        return True
    if _TOLD.search(s, lo, hit.start):
        return False  # "让我再翻翻是不是自己弄丢了": the seller's words, no question of the shopper's
    return bool(_ASKS.search(s, lo, hi)) or (s[max(0, hi - 1):hi] in _ASKING_ENDS and bool(_ASKS_WHAT.search(s, lo, hi)))


_ASKS = re.compile(r"是不是|会不会|能不能|要不要|可不可以|有没有用")  # a question whatever its ending
_ASKS_WHAT = re.compile(r"多久|几天|啥|什么|怎么|哪")  # with a question's ending particle
_ASKING_ENDS = ("啊", "呢", "嘛", "呀")
_TOLD = re.compile(r"说|让我|叫我|要我")


# a case only supposed: "本人想了解如该商家后续不履行应如何处理"
_SUPPOSED = re.compile(r"如果|假如|倘若|若是|万一|要是|如该|如若|若该|如商家|如卖家")


def _stated(s: str, hits: List[_Hit]) -> List[_Hit]:
    """The mentions that state something: a question back gives way to a statement ("没申请，
    申请了真有人管吗？"), and a question about what may happen states nothing ("如果我去点介入，
    平台会判我恶意吗？")."""
    stated = [h for h in hits if not _asked_back(s, h)
              and not _SUPPOSED.search(s, _clause_of(s, h.start, h.end)[0], h.start)]  # "如该商家后续不履行"
    if stated:
        return stated
    return [h for h in hits if not _MAY_HAPPEN.search(s, max(0, _clause_of(s, h.start, h.end)[0] - 12), h.start)]


def _in_clause_with(s: str, hit: _Hit, words: Sequence[str]) -> bool:
    """One of words is in the clause of the mention, or in a short clause right after it
    ("等了快半个月才到，这我都忍了", "充不进电，这个其实无所谓"; not "收到就坏了，物流慢我都忍了")."""
    lo, hi = _clause_of(s, hit.start, hit.end)
    if any(w in s[lo:hi] for w in words):
        return True
    after = s[hi + 1:_clause_of(s, hi + 1, hi + 1)[1]] if hi < len(s) else ""
    return (len(after) <= 6 or (len(after) <= 10 and after.startswith("这"))) and any(w in after for w in words)


# what the shopper fears the seller may do or say: "怕找店家会被说是我弄坏的"
# what the shopper fears or guesses the seller would say, no stance ("找了估计也是「亲亲色差正常哦」那一套")
_FEARED = re.compile(r"怕|要是|如果|万一|会不会|担心|到时候|别回头|免得|省得"
                     r"|找了(?:估计|肯定|八成|多半|应该)?也|(?:估计|肯定|八成|多半)也(?:是|就)")


def _hypothetical(s: str, start: int, end: int, may_happen: "re.Pattern[str]" = _MAY_HAPPEN) -> bool:
    """s[start:end] sits in a clause about what may happen."""
    return bool(may_happen.search(s, *_clause_of(s, start, end)))


def read_as(k: Knowledge, s: str) -> str:
    """Net spellings as the words they stand for ("木有申请" -> "没有申请"), and pinyin
    initials standing alone in Chinese text ("sj不认 我jr了" -> "商家不认 我介入了"; never in
    English, where "th" is part of a word)."""
    for spelling, word in k.read_as.items():
        if spelling in s:
            s = s.replace(spelling, word)
    if k.initials and has_chinese(s):
        s = _initials_pattern(tuple(k.initials)).sub(lambda m: k.initials[m.group(0)], s)
    return s


@lru_cache(maxsize=4)
def _initials_pattern(initials: Tuple[str, ...]) -> "re.Pattern[str]":
    return re.compile(r"(?<![a-z])(?:" + "|".join(map(re.escape, sorted(initials, key=len, reverse=True)))
                      + r")(?![a-z])")


def _about_a_service(s: str, hit: _Hit, subjects: Sequence[str]) -> bool:
    """The clause before a type word names a service, not the goods ("这个优惠券怎么用不了")."""
    clause = _CLAUSE_END.split(s[:hit.start])[-1]
    return any(w in clause for w in subjects)


# a clause that only says "none": "签收底单驿站说明天才能调出来，现在还没有", "签收记录？压根没寄出来哪有"
_NONE_CLAUSE = re.compile(r"(?:现在|目前|暂时)?(?:都|也|还|就)?(?:没有|没|木有|没呢|没弄|还没拿到)(?:呢|啊)?"
                          r"|.{0,8}(?:哪有|哪来的?)(?:啊|呢)?")
_SAYS_IN_HAND = re.compile(r"有|了|在|拍|截|录|存|留")


def _denied_next(s: str, end: int) -> bool:
    """What follows the item in its clause, or the short clause after it, only says it is not there."""
    hi = _clause_of(s, end, end)[1]
    if hi >= len(s) or hi - end > 16 or _SAYS_IN_HAND.search(s, end, hi):
        return False  # ("照片拍了，还没有…": the item's own clause already said it is in hand)
    nxt = _CLAUSE_END.search(s, hi + 1)
    following = s[hi + 1:nxt.start() if nxt else len(s)]
    return bool(following) and _NONE_CLAUSE.fullmatch(following) is not None


def _mark(r: Reading, item: str, have: bool) -> None:
    for lst in (r.evidence_have, r.evidence_missing):
        if item in lst:
            lst.remove(item)
    (r.evidence_have if have else r.evidence_missing).append(item)


_ASKED_TO_DO = re.compile(r"让我|要我|叫我|让买家")
# a clause that asks how to get the thing ("视频要怎么拍才算数", "检测报告是不是得自己花钱去做")
_HOW_TO = re.compile(r"怎么|是不是|要不要|能不能|需不需要|用不用|算不算|行不行|可不可以|去哪|哪里|哪儿")


def _asks_how(s: str, hit: "_Hit") -> bool:
    lo, hi = _clause_of(s, hit.start, hit.end)
    return bool(_HOW_TO.search(s, lo, hi)) and not hit.negated and not _MISSING_AFTER.match(s, hit.end)


# the return's tracking number written out or looked up ("11月5号就寄回去了 顺丰单号SF1458830276614",
# "我寄回去了 单号显示他们签收半个月了"): it is in hand
_RETURN_NUMBER_GIVEN = re.compile(r"(?:寄回|退回|寄还|退货)[^。！？!?]{0,16}单号\s*(?:[:：是为]?\s*[a-z]{0,4}[0-9]{8,}|显示|上显示|一查)")
_DATE_STATED = re.compile(r"\s*(?:还|都|早就?|已经|也)?(?:没到|没过|过了|快到|到期|之内|以内|刚过)")


def _read_evidence(k: Knowledge, s: str, r: Reading, pending: Sequence[str]) -> None:
    """Named evidence anywhere; generic words ("截图", "视频") only for the open question."""
    table = {i: item.keywords for i, item in k.evidence_items.items()}
    if pending:
        # while the evidence question is open, its items' short names count too ("商品页没截")
        for i in pending:
            table[i] = tuple(table[i]) + tuple(k.evidence_items[i].answer_keywords)
    decided = set()
    spans = []
    for hit in _hits(s, table, k.negations):
        lo = _clause_of(s, hit.start, hit.end)[0]
        if _ASKED_TO_DO.search(s, lo, hit.start):
            continue  # "让我寄回去检测": what the seller asks for, not evidence in hand
        if _asks_how(s, hit):
            continue  # "视频要怎么拍才算数": a question about it, not it in hand
        missing = hit.negated or bool(_MISSING_AFTER.match(s, hit.end)) or _denied_next(s, hit.end)
        if s[hit.start:hit.end].endswith("期") and _DATE_STATED.match(s, hit.end):
            continue  # "保质期还没到呢": what the date says, not a photo of it
        _mark(r, hit.value, not missing)
        decided.add(hit.value)
        if not pending or hit.value in pending:
            spans.append((hit.start, hit.end))  # an item of another type leaves the word generic
    gone = {i: item.gone_keywords for i, item in k.evidence_items.items() if item.gone_keywords}
    for hit in _hits(s, gone, ()):
        if hit.value not in decided:  # "她老人家直接给扔了": the food is not kept
            _mark(r, hit.value, False)
            decided.add(hit.value)
    if "return_tracking" in k.evidence_items and "return_tracking" not in decided and _RETURN_NUMBER_GIVEN.search(s):
        _mark(r, "return_tracking", True)
        decided.add("return_tracking")
    if not pending:
        return
    for hit in _hits(s, k.evidence_kinds, k.negations):
        if _asks_how(s, hit):
            continue
        if any(hit.start < b and a < hit.end for a, b in spans):
            continue  # part of a named item ("聊天记录"): not a generic "记录"
        if any(b <= hit.start and re.fullmatch(r"[页面的那张个]{0,3}", s[b:hit.start]) for a, b in spans):
            continue  # what a named item was kept as ("物流页面截图了"): not every screenshot
        missing = hit.negated or bool(_MISSING_AFTER.match(s, hit.end)) or _denied_next(s, hit.end)
        for item in pending:
            if item not in decided and k.evidence_items[item].kind == hit.value:
                _mark(r, item, not missing)


# a clause that says the thing was taken or is kept somewhere ("照片我老公拍了", "截图在我老公手机上",
# "宣传页我截图了"); one that compares with the listing's pictures ("和照片不一样") says nothing of evidence
_TAKEN = re.compile(r"拍照了|照了|拍了|拍好|拍下|拍过|录了|录好|录下|录过|截了|截好|截过|存了|存着|留着|保存|都有|有的|还在|"
                    r"手机里|手机上|电脑里|在我|在他|在她|[截拍录]图?了|我有|有拍|有录|有截")
_COMPARED = re.compile(r"不一样|不符|不像|差太多|差很多|一样吗|[上里]是|[上里]的")


def fit_stated_evidence(
    k: Knowledge, text: Any, have: Sequence[str], missing: Sequence[str], items: Sequence[str],
    told_before: Iterable[str] = (),
) -> Tuple[List[str], List[str]]:
    """The evidence a report states, fitted to its case once the type is known.

    `have` / `missing` are what read_message found, `items` the ids of the evidence that fits
    the case, in asking order. A photo or a video named for another type ("照片" reads as
    the defect's photos) is the first undecided item of its kind here (the reaction's photos
    in an allergy case); and a generic word of `stated_kinds` in a clause that says it was
    taken or kept, or not ("拆的时候没录像", "当时没截图"), speaks for the first undecided item of
    its kind (`told_before`: the items the case already has an answer for). Everything
    else stays as read."""
    have, missing = list(have), list(missing)
    decided = set(have) | set(missing) | set(told_before)
    s = read_as(k, clean(text).lower())

    def first_of(kind: str) -> Optional[str]:
        return next((i for i in items if i not in decided and k.evidence_items[i].kind == kind), None)

    def stated(hit: _Hit) -> Optional[bool]:
        """True: taken or kept; False: not; None: the clause says neither."""
        lo, hi = _clause_of(s, hit.start, hit.end)
        if _ASKED_TO_DO.search(s, lo, hit.start) or _COMPARED.search(s, lo, hi):
            return None  # "让我拍视频": the seller's request; "和照片不一样": the listing's pictures
        if hit.negated or _MISSING_AFTER.match(s, hit.end) or _denied_next(s, hit.end):
            return False
        return True if _TAKEN.search(s, lo, hi) else None

    named = _hits(s, {i: it.keywords for i, it in k.evidence_items.items()}, k.negations)
    for i in [i for i in have + missing if i not in items and k.evidence_items[i].kind in ("photo", "video")]:
        # a photo or a video named for another type ("照片" reads as the defect's photos): the
        # last clause that says it was taken or not decides
        (have if i in have else missing).remove(i)
        said = next((x for x in (stated(h) for h in reversed(named) if h.value == i) if x is not None), None)
        fit = first_of(k.evidence_items[i].kind) if said is not None else None
        if fit:
            (have if said else missing).append(fit)
            decided.add(fit)
    for hit in _hits(s, k.stated_kinds, k.negations):
        if any(hit.start < h.end and h.start < hit.end for h in named):
            continue  # a named item's own word ("聊天截图", "拍了照片"): read above
        said = stated(hit)
        fit = first_of(hit.value) if said is not None else None
        if fit:
            (have if said else missing).append(fit)
            decided.add(fit)
    return have, missing


def _answer_words(k: Knowledge, slot: str, key: str) -> Tuple[str, ...]:
    return k.questions[slot].words.get(key, ())


def _read_answer(
    k: Knowledge, s: str, asked: str, intent: Optional[str], pending: Sequence[str], r: Reading
) -> None:
    """A reply to the open question, in whatever words it comes."""
    lead = _LEADING_NO.match(s) if asked == "platform_status" else None
    if lead and r.slots.get(asked) in (None, "applied_waiting") and _ASKS_AFTER.search(s, lead.end()) \
            and not _NEWS_AFTER_NO.search(s, lead.end()):
        # "没 申请了介入要多久啊": the no comes first, what follows asks about it (not "没申请 不过我刚点了介入")
        r.slots["platform_status"] = "not_applied"
    if asked in r.slots:
        r.answered = True
        return
    def says(key: str) -> bool:
        return any(w.lower() in s for w in _answer_words(k, asked, key))

    # "不太清楚": go on without it, and never as a "no" (the yes/no intent of "不知道")
    dont_know = asked not in ("amount_yuan", "evidence_item", "dispute_type") and any(w in s for w in k.dont_know)
    if dont_know:
        intent = None

    if asked == "amount_yuan":
        if says("skip") or (intent == DENY and _bare_yes_no(s, r)):
            r.slots["amount_yuan"] = 0.0
            r.answered = r.skipped = True
    elif asked in ("goods_received", "paid_off_platform"):
        table = {True: _answer_words(k, asked, "yes"), False: _answer_words(k, asked, "no")}
        # "钱没私下转": not a yes; "没私下转账 私下转的会更难办吗": the question back is no answer
        # ("没有 都是淘宝上拍的 私下付的会不一样吗": the question back names the other way, no answer)
        value = _last(_stated(s, [h for h in _hits(s, table, k.negations) if not _asked_back(s, h)]))
        if value is None and _BARE_PUNCT.sub("", s) in _answer_words(k, asked, "bare_no"):
            value = False  # "木有", "x": the classifier may call them a yes
        if value is None and intent in (AFFIRM, DENY) and _bare_yes_no(s, r):
            value = intent == AFFIRM
        if value is not None:
            r.slots[asked] = value
            r.answered = True
    elif asked == "seller_attitude":
        # "没有" answers "联系过卖家吗?", but not in a reply that tells what the seller
        # said: there "没" is about something else ("说过敏跟产品没关系")
        if _BARE_PUNCT.sub("", s) in _answer_words(k, asked, "bare_refuses"):
            r.slots["seller_attitude"] = "refuses"  # "不认": the seller's no, not "not contacted"
            r.answered = True
        elif not _TELLS_WHAT_SELLER_SAID.search(s) and (says("no") or (intent == DENY and _bare_yes_no(s, r))):
            # ("说不是翻新": what the seller said, whatever no the classifier hears in it)
            r.slots["seller_attitude"] = "not_contacted"
            r.slots.setdefault("negotiation_rounds", 0)
            r.answered = True
        elif (said := _seller_patterns(k.seller_words).said.search(s)) and not says("no"):
            r.slots["seller_attitude"] = reported_stance(k, s[said.end():])  # what was said fixed nothing
            r.answered = True
    elif asked == "platform_status":
        # "申请了，还没结果" is yes; "没申请过" (a negated yes) is no
        # (the words first: "木有申请" may be classified as a yes)
        yes = [h for h in _hits(s, {True: _answer_words(k, asked, "yes")}, k.negations)
               if not _hypothetical(s, h.start, h.end)  # "没申请，怕申请了他更不搭理": a worry, not a yes
               and not (says("no") and _asked_back(s, h))  # "没申请，申请了真有人管吗？": a question back
               and not _not_this_intervention(s, h)]
        if any(not h.negated for h in yes):
            r.slots["platform_status"] = "applied_waiting"
        elif yes or says("no"):
            r.slots["platform_status"] = "not_applied"
        elif intent in (AFFIRM, DENY) and _bare_yes_no(s, r):
            r.slots["platform_status"] = "applied_waiting" if intent == AFFIRM else "not_applied"
        r.answered = "platform_status" in r.slots
    elif asked == "evidence_item":
        _read_evidence_answer(k, s, intent, pending, r)
    if dont_know and not r.answered:
        r.answered = r.skipped = True  # ("莫得申请，我都不晓得介入在哪点" still answers: not applied)


# "之前别的店申请过一次，不是这单": another order's application; "退款那个按钮我点过": the refund
# asked for, not the intervention
_OTHER_ORDER = re.compile(r"别的店|别家|别的单|其他的单|其它的单|别的订单|其他订单|另一单|上一单|不是这单|不是这个单")
_REFUND_ASKED = re.compile(r"退款|退货|售后")


def _not_this_intervention(s: str, hit: _Hit) -> bool:
    lo, hi = _clause_of(s, hit.start, hit.end)
    if _OTHER_ORDER.search(s, lo, hi):
        return True
    return bool(_REFUND_ASKED.search(s, lo, hit.start)) and "介入" not in s[lo:hi]


# A yes/no intent answers a question only from a short reply that says nothing
# else ("是的", "没有"); "两次" classified as yes must not answer "did you pay outside?".
_BARE_REPLY_CHARS = 6
# a question anywhere after the no (the clause forms of _asked_back)
_ASKS_AFTER = re.compile(r"[?？]|吗|么|" + _ASKS.pattern
                         + r"|(?:" + _ASKS_WHAT.pattern + r")[^，。！？,.!?\s]{0,4}[" + "".join(_ASKING_ENDS) + "]")
_NEWS_AFTER_NO = re.compile(r"不过|但是|哦|噢|不对|刚|已经|昨天|前天|今天")
# a reply that opens with its no, alone before a break or right before the act it denies
_LEADING_NO = re.compile(r"\s*(?:还没有|还没呢|还没|没有|没呢|没|木有|莫得|冇|未)(?:[\s，,。.!！~～]|$|(?=申请|点|找|弄|整))")
_BARE_PUNCT = re.compile(r"[\s，,。.!！~～?？…]+")
# (not the shopper's own words, "别到时候说错话", nor what others say: "评论里都说")
_TELLS_WHAT_SELLER_SAID = re.compile(r"(?<![没都])说(?!错|不好|清楚)|让我|叫我|要我|回我")


def _bare_yes_no(s: str, r: Reading) -> bool:
    return len(s) <= _BARE_REPLY_CHARS and not r.found_anything()


# "除了付款截图 别的都有", "除了视频其他都没有": the items named are the exception
_ALL_BUT = re.compile(r"除了(?P<named>[^，,。！？!?；;]{1,20}?)(?:之外|以外)?[，,\s]*(?:别的|其他|其它|其余|剩下的)?[的]?"
                      r"(?:也|就)?(?:都|全)(?P<none>没|没有|还没)?(?:有|在|齐|弄|拍|截|留)")


def _read_all_but(k: Knowledge, s: str, pending: Sequence[str], r: Reading) -> None:
    m = _ALL_BUT.search(s)
    if not m:
        return
    table = {i: tuple(k.evidence_items[i].keywords) + tuple(k.evidence_items[i].answer_keywords) for i in pending}
    table.update({i: tuple(item.keywords) for i, item in k.evidence_items.items() if i not in pending})
    excepted = {h.value for h in _hits(m.group("named"), table, ())}
    if not excepted:
        return
    rest_have = m.group("none") is None
    for i in pending:
        _mark(r, i, rest_have if i not in excepted else not rest_have)


def _read_evidence_answer(
    k: Knowledge, s: str, intent: Optional[str], pending: Sequence[str], r: Reading
) -> None:
    if not pending:
        return
    named = {i for i in r.evidence_have + r.evidence_missing if i in pending}
    rest = [i for i in pending if i not in named]
    words = k.questions["evidence_item"].words
    # "都有了" / "都没有" speak for the whole list only when no item was named
    if not named and any(w in s for w in words.get("none_have", ())):
        for i in rest:
            _mark(r, i, False)
    elif not named and any(w in s for w in words.get("all_have", ())):
        for i in rest:
            _mark(r, i, True)
    else:
        for m in _INDEX.finditer(s):
            n = int(m.group(1)) if m.group(1) else _CN_DIGIT[m.group(2)]
            if 1 <= n <= len(pending) and pending[n - 1] not in named:
                _mark(r, pending[n - 1], True)
                named.add(pending[n - 1])
        if not named and intent in (AFFIRM, DENY) and len(s) <= _BARE_REPLY_CHARS:
            for i in rest:
                _mark(r, i, intent == AFFIRM)
    _read_all_but(k, s, pending, r)
    decided = set(r.evidence_have) | set(r.evidence_missing)
    if decided & set(pending):
        # what the answer left out is not in hand yet: it goes on the to-do list
        for i in pending:
            if i not in decided:
                _mark(r, i, False)
        r.answered = True
