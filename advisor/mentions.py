"""Decide whether a keyword mention is negated: "不是色差" and "没有聊天记录" do
not count, "是不是色差" and "没想到颜色差这么多" do.

Pure Python; the NLU extractor and the dialogue share it. The negation words
come from `knowledge/disputes.yml` (`negations`); this module only holds the
grammar around them (where a negation's reach ends, idioms that merely start
with a negation word).
"""
from __future__ import annotations

import re
from typing import Iterable, Optional, Sequence

from advisor.text import has_chinese

__all__ = ["is_negated", "MAX_GAP"]

#: How many characters may sit between a negation word and the keyword it negates.
MAX_GAP = 6

# Clause boundaries: a negation never reaches across them. Shoppers often end a clause
# with a space instead of a comma ("根本没有防水膜 虚标骗人"): a space between two Chinese
# characters is one too (not after pinyin: "hai mei 申请").
_BREAKS = set("，,。.！!？?；;\n\r…~/|｜")  # ("/": a checklist's items, "照片 有 / 视频 无")


def _is_break(text: str, i: int) -> bool:
    c = text[i]
    if c in _BREAKS:
        return True
    return c == " " and 0 < i < len(text) - 1 and has_chinese(text[i - 1]) and has_chinese(text[i + 1])
# Words that end a negation's reach inside a clause: contrast, sequence, and
# the 是 of "不是X，是Y" / "不是X是Y".
_SCOPE_END = re.compile(r"但是|但|可是|不过|而是|只是|然而|反而|结果|然后|后来|就|才|却|又|是")
# Words that start with a negation character but do not negate what follows.
_IDIOMS = re.compile(
    # ("拆的时候没想到录像": not thinking of it is not taking it)
    r"没(?:有)?(?:想到(?![要去]?(?:录|拍|截|留|存|保))|办法|多久|几天|两天|过几天|过多久|一会儿?|什么|多少|错|关系|事|几次)"
    r"|没(?:用|穿|戴|吃|洗|拆|开|到)(?:几|多久|两)"
    r"|无(?:线|法|论|语|奈|聊|缘无故|辜|名指)"
)
# "照片没拍", "聊天记录删了": negation right after the keyword.
_AFTER = re.compile(
    r"\s*(?:都|也|还|全|早就|已经)?(?:没有了|没了|没拍|没留|没存|没保存|没截|没截图|删了|丢了|找不到了|没有保存|没有留|没有拍|没有截"
    r"|没有(?=$|[，,。.！!？?；;\s]))"
)


# "这不是虚假宣传是啥", "不是假货吗", "难道不是色差？": 不是X + a question tail asserts X.
_RHETORICAL_AFTER = re.compile(r"(?:又|还)?(?:是啥|是什么|是哪样)|吗|嘛")


def _default_negations() -> Sequence[str]:
    from advisor.knowledge import default_knowledge

    return default_knowledge().negations


def is_negated(
    text: str,
    start: int,
    end: Optional[int] = None,
    negations: Optional[Iterable[str]] = None,
) -> bool:
    """True if the mention text[start:end] is negated.

    A mention is negated when, in the same clause and at most MAX_GAP
    characters before it, stands one of `negations` (default: the knowledge
    file's) with no contrast word in between ("不是色差，是尺码": 色差 is
    negated, 尺码 is not; "我拍了照片，但没有聊天记录": only 聊天记录 is), or when
    a few words right after it undo it ("聊天记录删了"). Question forms
    ("是不是", "有没有") and idioms ("没想到", "无线") do not negate. Never raises.
    """
    if not isinstance(text, str) or not text:
        return False
    start = max(0, min(int(start), len(text)))
    end = start if end is None else max(start, min(int(end), len(text)))
    words = sorted(
        {w for w in (negations if negations is not None else _default_negations()) if w},
        key=len,
        reverse=True,
    )
    if words:
        lo = start
        while lo > 0 and not _is_break(text, lo - 1) and start - lo < MAX_GAP + 4:
            lo -= 1
        region = text[lo:start]
        # the negation word nearest to the mention wins
        for i in range(len(region) - 1, -1, -1):
            w = next((w for w in words if region.startswith(w, i)), None)
            if w is None:
                continue
            absolute = lo + i
            if _IDIOMS.match(text, absolute):
                continue
            before = text[absolute - 1 : absolute] if absolute > 0 else ""
            if (before == "是" and w.startswith("不")) or (before == "有" and w.startswith("没")) \
                    or (w == "不算" and before == "算"):
                continue  # 是不是 / 有没有 / 算不算: a question, not a negation
            if text[start:start + 1] in ("不", "没") and w.startswith("不是"):
                break  # "不是质量问题不给换": 不是 negates the problem, not the refusal after it
            gap = region[i + len(w) :]
            if len(gap) > MAX_GAP or _SCOPE_END.search(gap):
                break
            if w.startswith("不是") and (_RHETORICAL_AFTER.match(text, end) or text[max(0, absolute - 2):absolute] == "难道"):
                break  # "这不是虚假宣传是啥": a rhetorical question says it is
            return True
    if end < len(text) and _AFTER.match(text, end):
        return True
    # a bare 不 negates only the word right after it ("不过敏", "不掉色"), not a
    # word further on ("不小心摔坏了"), and not in a question ("是不是过敏", "过不过敏")
    if start >= 1 and text[start - 1] == "不" and text[start - 2 : start - 1] not in ("是", "有"):
        return True
    return False
