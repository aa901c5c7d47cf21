"""Deciding the dispute type from an NLU result.

The first message that describes a problem sets the type (the classifier's
intent when it is confident, else a keyword the extractor found). After that
only an explicit correction changes it, so a later detail such as "卖家不给退"
in a colour case does not silently re-label the case.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import List, Optional, Sequence, Tuple

from advisor.knowledge import DISPUTE_CODES, Knowledge
from advisor.text import clean, has_chinese, is_english_only, looks_like_question, says_nothing

REPORT_PREFIX = "report_"
CORRECTION_INTENT = "correct_dispute_type"
FALLBACK_INTENT = "nlu_fallback"
CORRECTION_MIN_CONFIDENCE = 0.6
# A report_* intent at least this sure is not second-guessed by cue or type words.
SURE_REPORT = 0.8
# When the classifier labels a message as no problem ("卖家让我私下转账" read as
# a plain statement, "宝贝不错，就是假货" as a review, "不是正品" as a no), a word
# that names exactly one type decides. Questions (presale_question, ask_*) are
# never relabelled by a word: "是正品吗" names no problem.
# (A "correction" with no type yet, "卖的是假货" read as "是…" of "不是X，是Y", is
# backed up: there is nothing to correct.)
NO_KEYWORD_BACKUP = ("presale_question",)


def type_from_intent(intent: Optional[str]) -> Optional[str]:
    if intent and intent.startswith(REPORT_PREFIX):
        code = intent[len(REPORT_PREFIX):]
        return code if code in DISPUTE_CODES else None
    return None


def choose_dispute_type(
    current: Optional[str],
    intent: Optional[str],
    confidence: float,
    mentioned: Sequence[str],
    threshold: float,
    uncertain: bool = False,
    negated: Sequence[str] = (),
    return_under_way: bool = False,
    sent_back: bool = False,
) -> Optional[str]:
    """The dispute type after this message.

    `intent` is the classifier's top intent (the one behind nlu_fallback when
    the message fell back, with `uncertain` set); `mentioned` are the types
    named (not negated) in the message, in order; `return_under_way` says a return
    or refund was already asked for ("已经退货了"), so a refusal is the dispute itself; `sent_back`
    that the goods already went back ("按他给的地址寄回去了"), so the refund is the dispute whatever
    fault the goods had.
    """
    mentioned = [m for m in mentioned if m in DISPUTE_CODES]
    # an unsure "correction" (the guess behind a fallback) must not wipe the case
    if intent == CORRECTION_INTENT and not uncertain and confidence >= CORRECTION_MIN_CONFIDENCE:
        # "不是色差，是尺码": the last type named that differs from the current
        # one; "不是这个问题" with no type named clears it so we ask again.
        others = _problems_first([m for m in mentioned if m != current])
        if others:
            return others[-1]
        return current if mentioned else None
    if current is not None:
        # "不是色差，是尺码" without the correction intent: the current type
        # negated and another one named
        others = _problems_first([m for m in mentioned if m != current])
        if current in negated and others:
            return others[-1]
        return current
    from_intent = type_from_intent(intent)
    if from_intent and from_intent in negated and from_intent not in mentioned:
        from_intent = None  # "不过敏，实物与图片相符": the message says it is not that
    named = set(mentioned)
    if from_intent and confidence >= threshold:
        # Ensemble with the knowledge file's words: an unsure classifier gives way
        # to the one type the message names; and a refusal to refund is the
        # seller's attitude, not the problem, when another problem is named.
        if len(named) == 1 and from_intent not in named:
            other = next(iter(named))
            if confidence < SURE_REPORT or (from_intent == "refund_refused" and other != "refund_refused"
                                            and not sent_back):
                return other  # (once the goods went back, the refund is the dispute: "…寄回去了 钱一直不退")
            if other == "refund_refused" and sent_back:
                return other  # "走7天无理由退了…只退了我30": a return refused is the dispute, whatever else is guessed
        beside = _problem_beside_refusal(named, return_under_way)
        if from_intent == "refund_refused" and beside:
            return beside  # "一量56公分…他讲误差范围内不给退": the size is the problem
        return from_intent
    # An unsure classifier (low confidence, or the message fell back) still
    # gives a best guess when the message names exactly one type.
    backup = from_intent or uncertain or (intent not in NO_KEYWORD_BACKUP and not (intent or "").startswith("ask_"))
    if backup and len(set(mentioned)) == 1:
        return mentioned[0]
    beside = _problem_beside_refusal(set(mentioned), return_under_way)
    if backup and "refund_refused" in mentioned and beside:
        return beside  # "领口都套不进去…店家不给换": the problem, and the seller's refusal
    return None


def _problems_first(types: List[str]) -> List[str]:
    """The types a correction names, with a refusal set aside when a problem is named too:
    "我说的是颜色不是尺码…客服说…不给退" corrects to the colour, and the refusal is the seller's."""
    problems = [t for t in types if t != "refund_refused"]
    return problems or types


def _problem_beside_refusal(named: set, return_under_way: bool) -> Optional[str]:
    """The one other problem named beside a refusal to refund: the refusal is then the
    seller's answer to it, not the dispute, unless a return was already under way."""
    problems = named - {"refund_refused"}
    return next(iter(problems)) if len(problems) == 1 and not return_under_way else None


# Intents that describe no dispute; each has a reply in the knowledge file's `situations`.
SITUATION_INTENTS = ("presale_question", "no_claim", "dislike_return", "out_of_scope")
SURE_SITUATION = 0.5


@lru_cache(maxsize=8)
def _bought_at(words: Tuple[str, ...]) -> "re.Pattern[str]":
    """One of the offline words, then within a few characters 买的 ("家具城实体店买的")."""
    return re.compile("(?:" + "|".join(map(re.escape, words)) + r")[^，。！？,.!?\s]{0,4}?买的")


_NOT_ONLINE = re.compile(r"不是(?:在)?(?:网上|网购|淘宝|天猫|京东|拼多多)[^，。！？,.!?\s]{0,4}")
# the goods taken to a shop to be checked ("拿去那个牌子的线下店一问 人家说是假的"): the shop is no
# seller of this order
_TAKEN_TO_CHECK = re.compile(r"(?:拿去|拿到|送去|送到|带去|带到)[^，。！？,.!?]{0,8}?(?:线下店|实体店|门店|专柜|店里|眼镜店)"
                             r"(?=[^，。！？,.!?]{0,4}(?:一问|问|查|鉴定|检测|验|看))")


def offline_subject(k: Knowledge, s: str) -> Optional[str]:
    """The situation of a message about something that is not an online order (a hotel
    stay, a landlord, a film's plot) and speaks of no order; else None. Whatever problem
    it names ("酒店房间空调坏了"), it is not a dispute with a seller."""
    s = _TAKEN_TO_CHECK.sub("", s)
    for situation, words in k.offline_subjects.items():
        found = [w for w in words if w in s]
        if not found:
            continue
        # "楼下药店买的", "水果店里买的", "家具城实体店买的": bought there, not online
        bought_there = _bought_at(words).sub("", s)
        bought_there = _NOT_ONLINE.sub("", bought_there)  # "这不是网上买的 是线下的店"
        if any(w in bought_there for w in k.online_order_words):
            return None
        return situation
    return None


# The forms a question before buying takes: "会不会掉色", "尺码标准吗", "正不正", "偏大还是偏小".
# Not "怎么" or "什么" (reviews use them in passing: "质量确实不怎么样"), and not every A不A:
# "动不动就断连" and "时不时闪屏" report a fault.
_PRESALE_FORM = re.compile(r"会不会|能不能|可不可以|有没有|是不是|([正准大小好对])不\1|还是偏?[大小深浅长短]"
                           r"|有[^，。！？,.!?\s]{1,6}[没不](?=[？?，,。.\s]|$)|还是\s*[smlx0-9]"  # 有色差没, 有加长款不, 穿s还是m
                           r"|(?:吗|(?<![什怎这那多])么|嘛)[呀啊呢]?(?:[？?～~。.\s]|$)")
PRESALE_MAX_CHARS = 24  # a longer message tells a story; a question before buying is short


def asks_before_buying(k: Knowledge, s: str) -> bool:
    """"会不会有色差", "尺码标准吗", "过敏体质能用吗": a short question about the goods that
    says nothing has happened yet (none of the knowledge file's report_markers: 收到, 了,
    怎么办, 这么, …; no "！"), so it is asked before buying, whatever type its words name."""
    # longer when it says so ("…想给我妈买一个", "还没下单，想先问清楚再拍"): a presale cue word
    cues = k.situation_cues.get("presale_question", ())
    said_so = any(w in s for w in cues)
    if any(w in s for w in k.not_bought_yet) and (looks_like_question(s) or _PRESALE_FORM.search(s)) \
            and not any(w in s for w in k.goods_arrived_words) and len(s) <= 12 * PRESALE_MAX_CHARS:
        return True  # "之前吃过假货的亏，这回还没下单，得先问清楚有没有防伪码": a story, then a presale question
    if not k.report_markers or len(s) > (4 * PRESALE_MAX_CHARS if said_so else PRESALE_MAX_CHARS) \
            or "!" in s or "！" in s:
        return False
    if not _PRESALE_FORM.search(s):
        return False
    for w in cues if said_so else ():
        s = s.replace(w, " ")  # "还没下单" says it is before buying, whatever its 还没 says elsewhere
    return not any(w in s for w in k.report_markers)


# "买的衣服有点问题", "收到的东西出了点问题": goods bought with a problem not yet told
_BOUGHT_HAS_A_PROBLEM = re.compile(r"(?:买的|收到的|拍的)[^，。！？,!?]{0,8}?(?:有点|有些|出了点?|有)问题(?!吗|么|嘛)")


# "卖家说是我拍错了": someone else says it of the shopper; then it is a dispute
_SAID_OF_ME = re.compile(r"说|怪|赖|非要|咬定|不是|没")


def own_mistake(k: Knowledge, s: str) -> bool:
    """"码数拍错了", "自己手残点成了S": the shopper's own mistake, not the seller's."""
    for w in k.own_mistakes:
        i = s.find(w)
        if i >= 0 and not _SAID_OF_ME.search(s[max(0, i - 6):i]):
            return True
    return False


_SELLER_FINE = r"(?:也|倒|倒是|都)?(?:没毛病|没问题|挺好|很好|不错|挺负责|态度挺好|态度很好)"


def situation_for(
    k: Knowledge,
    text: str,
    intent: Optional[str],
    confidence: float,
    named: Sequence[str],
    negated: Sequence[str] = (),
) -> Optional[str]:
    """The no-dispute situation a first message is in, if any: English only,
    something that is not an online order, a short question asked before buying,
    the shopper's own mistake, a confident situation intent, or (when the
    classifier is unsure of a problem and the message names no dispute type) a
    situation cue word, else no claim when it only denies problems ("穿了半年都没破洞")."""
    from advisor.facts import read_as

    s = read_as(k, clean(text).lower())
    if is_english_only(s) and not named:  # pinyin naming a type is Chinese
        return "english_only"
    offline = offline_subject(k, s)
    if offline:
        return offline
    if asks_before_buying(k, s):
        return "presale_question"
    # (a seller named only to say it is fine, "店家也没毛病", "不怪商家", is no seller in the story)
    seller_named = any(w in s and not re.search(re.escape(w) + _SELLER_FINE + "|(?:不怪|不关|不赖)" + re.escape(w), s)
                       for w in k.seller_words)
    if _REFUND_REFUSED.search(s):
        return None  # "大衣…有股很重的霉味 我点了退货 商家驳回了": a refused return is a dispute
    if any(w in s for w in k.nothing_wanted) and not set(named) - set(negated):
        return "no_claim"  # "客服回复是真的慢…质量没毛病 也不用退啥 就是提醒一下"
    if own_mistake(k, s) and not seller_named and ("refund_refused" not in named or not _refusal_told(k, s)):
        # (what the seller then did, "卖家说不给换", "申请退货被拒了", may make it a dispute; the
        # shopper's own "七天无理由明天就过了，还来得及退吗" does not)
        return "dislike_return"
    if any(w in s for w in k.just_saying + k.service_requests) and not seller_named:
        return "no_claim"  # "物流有点慢…挺好用的，就是随口吐槽一句": a remark, not a claim
    if any(w in s for w in k.help_openers) and not named:
        return None  # "在吗，有个事想问问你": a problem to ask about, whatever situation the classifier guessed
    if _BOUGHT_HAS_A_PROBLEM.search(s) and not named:
        return None  # "想问下买的衣服有点问题 咋办": a problem with an order; what happened is asked
    if intent in SITUATION_INTENTS and confidence >= SURE_SITUATION and not named:
        if intent == "no_claim" and any(w in s for w in k.situation_cues.get("dislike_return", ())):
            return "dislike_return"  # "做工挺好的…就是不喜欢…能退吗": praise, then a return asked for
        return intent
    if not named and len(s) <= PRESALE_MAX_CHARS and any(w in s for w in k.complaint_cues):
        return None  # "咋回事啊😡": an unsure guess at a short, vague complaint; what happened is asked
    if not named and any(w in s for w in k.case_facts["case_end"].get("resolved", ())):
        # "上回那个退款的事，钱已经退回来了，谢谢啦": a case that ended, not a new one
        return next((sit for sit, words in k.situation_cues.items() if any(w.lower() in s for w in words)), "no_claim")
    sure = type_from_intent(intent) and type_from_intent(intent) not in negated and confidence >= SURE_REPORT
    if named or sure:  # (a sure report of a problem the message denies, "没破洞", is not sure)
        return None
    if seller_named and type_from_intent(intent) and confidence >= SURE_SITUATION:
        return None  # "不喜欢想退…卖家不理我，一直拖着": a report the seller is in is a dispute
    for situation, words in k.situation_cues.items():
        if any(w.lower() in s for w in words):
            return situation
    if intent in SITUATION_INTENTS:
        return intent
    return "no_claim" if negated else None


# a refund, return or exchange the shopper asked for ("申请退款", "提了退货"), then, in the same sentence
# and with no word of the platform between, what the seller answered
_RETURN_ASKED = r"(?:(?:申请|提|点)了?\s*(?:仅退款|退货退款|退款|退货|换货|退换)|我(?:想|要)退(?:货|款|掉|了)?|(?<![不找])(?:想|要)退货退款)(?:(?!平台|小二|判|介入)[^。！？!?]){0,50}?"
# the seller's refusal of it ("申请退款卖家拒绝了", "申请退货退款 卖家直接点拒绝"); not the platform's
# ruling ("平台判定…驳回了我的退货申请")
_REFUND_REFUSED = re.compile(_RETURN_ASKED + r"(?:拒绝|拒了|不同意|驳回|不给退|不给换|(?:一直|又|都|直接)拒(?!收))"
                             # "申请退款小二都判了让他退钱他就是不退": a refund the platform ruled for, still refused
                             r"|(?:申请|提|点)了?\s*(?:仅退款|退货退款|退款|退货)[^。！？!?]{0,16}?判[^。！？!?]{0,12}?"
                             r"(?:就是不退|不退|拒不执行|不执行|不给退|不肯退)")


# the goods came, whatever went wrong in the delivery: a return of them asked for, or other goods
# than ordered
_GOODS_CAME = re.compile(r"(?:申请|提|点)了?\s*(?:退货退款|退货|换货|退换)|发错|寄错|送错|发成了")


# the parcel came whole ("箱子好好的", "外包装完好"): damage inside is no transport problem
_BOX_INTACT = re.compile(r"(?:箱子|纸箱|外箱|包装|外包装|盒子)(?:都|也|是)?(?:好好的|完好|完整|没破|没坏|没问题|一点没坏)"
                         r"|连个凹痕都没有|一点磕碰都没有|没有一点磕碰")


# the tracking shows the parcel signed for, and the shopper never got it
_SIGNED_NOT_RECEIVED = re.compile(r"(?:显示|顯示)(?:已经?|已)?(?:签收|簽收)[^。！？!?]{0,16}?(?:没|冇|沒|未)(?:有)?(?:收到|拿到|见到|見到)")


# "不是快递的事", "不是说宣传那事儿": the matter named before is not the problem
_NOT_THAT_MATTER = re.compile(r"不是(?:说)?[^，。！？!?\s]{0,8}?(?:那|的)(?:事儿?|问题|原因|锅)")


def corrected_type(k: Knowledge, text: str, named: Sequence[str], negated: Sequence[str],
                   current: Optional[str]) -> Optional[str]:
    """The problem an answer puts in place of the case's when it takes the case's back in so many
    words ("你理解错了 鞋子没坏 是码不对" -> size): the one other type it names, or None. A refusal
    counts only as a return asked for and refused ("重点是我申请退货 商家直接驳回")."""
    s = _read(k, text)
    if current is None or not (any(w in s for w in k.type_corrections) or _NOT_THAT_MATTER.search(s)):
        return None
    others = [t for t in dict.fromkeys(named) if t != current and t not in negated]
    if "refund_refused" in others and not _REFUND_REFUSED.search(s):
        others.remove("refund_refused")
    return others[0] if len(others) == 1 else None


# what the seller offers or demands is no return under way ("说只能寄回去修", "让我寄回去")
_OFFERED_BEFORE = re.compile(r"(?:只能|让我|叫我|要我|可以|得|需要)\s*$")


def _return_under_way(k: Knowledge, text: str) -> bool:
    """A return or refund the shopper started (knowledge file: return_under_way), not one offered."""
    for w in k.return_under_way:
        i = text.find(w)
        while i >= 0:
            if not _OFFERED_BEFORE.search(text, max(0, i - 3), i):
                return True
            i = text.find(w, i + 1)
    return False


# "申请退货 卖家同意退但运费要我自己出": the return's postage fought over (the product brief puts it
# under refund_refused), unless the listing's claims are the problem named
_POSTAGE_DEMANDED = re.compile(_RETURN_ASKED + r"(?:运费要我|运费让我|运费我自己|运费[都也还]?得我自己?出|[要让叫]我自己?[出掏付][0-9一二两三四五六七八九十几块元]*的?(?:来回|退货)?运费"
                               r"|自己出[0-9一二两三四五六七八九十几块元]*的?(?:来回|退货)?运费)")


def _read(k: Knowledge, text: str) -> str:
    from advisor.facts import read_as  # (facts imports this module)

    return read_as(k, clean(text).lower())


def _refusal_told(k: Knowledge, s: str) -> bool:
    """One of the seller's refusal words is in the message ("申请退货被拒了", "不给退")."""
    return any(w in s for w in (k.seller_attitudes.get("refuses") or {}).get("keywords", ()))


def pet_reacted(k: Knowledge, s: str) -> bool:
    """A pet, and no person, was made ill by the goods, and nobody called it an allergy
    (a vet's "食物过敏" stays one) (knowledge file: pet_reactions)."""
    return "过敏" not in s and any(w in s for w in k.pets) and not any(w in s for w in k.people_reacting)


def type_after_message(
    k: Knowledge,
    current: Optional[str],
    text: str,
    intent: Optional[str],
    confidence: float,
    fell_back: bool,
    named: Sequence[str],
    negated: Sequence[str],
    threshold: float,
    decisive: Sequence[str] = (),
    main: Optional[str] = None,
) -> Optional[str]:
    """The dispute type once this message is read, as the dialogue decides it
    (the action server and the evaluation scripts both call this). `named` /
    `negated` are the types the fact reader found named and negated
    ("不是色差，是尺码"); `decisive` those named by a word that settles the type
    of a new case ("让我先点确认收货", money paid outside the platform); `main` the one
    the shopper calls the main problem ("…这个我忍了 主要是尺码完全不对")."""
    if current is None and type_from_intent(intent) == "allergy" and pet_reacted(k, clean(text)):
        intent = REPORT_PREFIX + "quality"  # "两只猫吃完当晚都吐了": the goods made a pet ill
    if says_nothing(text) or not clean(text):
        intent, confidence, fell_back = None, 0.0, False  # "？？？" or emoji alone describe nothing
    elif current is None and situation_for(k, text, intent, confidence, named, negated):
        # no dispute: no type from this message, nor from a problem it names ("酒店空调坏了"),
        # nor from a question the classifier matched ("…是正品吗 怕买到高仿 还没下单")
        intent, confidence, fell_back, named = None, 0.0, False, ()
    elif named and not has_chinese(clean(text)) and not clean(text).startswith("/"):
        # English or pinyin: the classifier knows Chinese only, so the words named decide
        intent, confidence, fell_back = None, 0.0, True
    elif named and (intent or "").startswith("ask_") and (
            not looks_like_question(text) or len(clean(text)) > PRESALE_MAX_CHARS):
        # "退货寄回去了卖家不退钱" read as the 仅退款 question: it asks nothing, so the type it
        # names counts; so does a story that ends in a question ("…转了1680，人把我拉黑了，能追回吗")
        fell_back = True
    elif intent == "presale_question" and named and confidence < SURE_REPORT \
            and any(w in clean(text).lower() for w in k.report_markers if w != "了"):
        # "怎么还没物流信息…再来给我发吗", "买的棉鞋…穿上挤脚…是不是做小了": a presale guess, not
        # a sure one, at a message that says something already happened (a report marker other
        # than a bare 了) leaves the type to the words it names
        fell_back = True
    elif current is None and fell_back and not named and looks_like_question(text):
        # "申请了退货，快递员什么时候来取件": an unsure guess at a question that names no
        # problem is a question about the service, not a report
        intent, confidence, fell_back = None, 0.0, False
    if current is None:
        # "有3个坏点…我说我花钱买的不是来看坏点的": a type the report names more often than it
        # negates is named (a rhetorical 不是 takes nothing back)
        negated = [n for n in negated if list(named).count(n) <= list(negated).count(n)]
    if current in negated and not named:
        return None  # "不是色差": ask again
    if current is None and main in named and main not in negated:
        return main  # the shopper says which problem it is, whatever else the story holds (a transfer, a refusal)
    s = _read(k, text)
    if current is None and (named or intent) and "refund_refused" not in negated \
            and ("logistics" not in named or _GOODS_CAME.search(s)) \
            and (_REFUND_REFUSED.search(s) or ("false_advertising" not in named and _POSTAGE_DEMANDED.search(s))):
        # "开胶了 申请退款卖家拒绝了": the refund asked for and refused is the dispute, whatever the
        # goods' fault (a parcel that never came stays a delivery problem; goods sent back or sent
        # wrong came: "发错颜色了 我申请了退货 卖家…非要我自己出运费")
        return "refund_refused"
    said = set(named) - set(negated)
    if len(said) > 1:
        said.discard("refund_refused")  # "…一点用都没有…说戴过了不给退": the refusal is the seller's answer
    if current is None and len(said) == 1 and type_from_intent(intent) in k.named_type_wins.get(next(iter(said)), ()):
        return next(iter(said))  # "号称正品…鉴别说不是真的": a fake is fraud, whatever the listing claimed
    if current is None and said == {"logistics"} and type_from_intent(intent) == "fraud" and _SIGNED_NOT_RECEIVED.search(s):
        return "logistics"  # "速遞顯示簽收咗 但我根本冇收到": a parcel signed for that never came, not a fake
    if current is None and said == {"quality"} and type_from_intent(intent) == "logistics" and _BOX_INTACT.search(s):
        return "quality"  # "开不了机…箱子好好的连个凹痕都没有": the parcel came whole, the goods are faulty
    if current is None and decisive and named and (fell_back or not (intent or "").startswith("ask_")):
        return decisive[-1]  # (a question about such a move, "自称客服让我共享屏幕，是不是骗子？", is not)
    return choose_dispute_type(
        current, intent, confidence, named, threshold, uncertain=fell_back, negated=negated,
        return_under_way=_return_under_way(k, text),
        sent_back=any(w in text for w in k.sent_back),
    )


def cued_questions(k: Knowledge, text: str) -> List[str]:
    """Every FAQ the message asks in so many words, in the knowledge file's order."""
    folded = (text or "").lower().replace(" ", "")
    return [q for q, words in k.faq_cues.items() if any(w.replace(" ", "") in folded for w in words)]


def cued_question(k: Knowledge, text: str, intent: Optional[str]) -> Optional[str]:
    """The FAQ a message asks in so many words ("…可以申请仅退款吧") when the classifier
    read it as something else; None when it already chose a FAQ or no cue is there."""
    if intent in k.faq:
        return None
    return next(iter(cued_questions(k, text)), None)
