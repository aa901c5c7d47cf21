"""Text cleaning shared by the NLU normaliser and the fact reader: the same
message must read the same way in both (Traditional -> Simplified, full-width
-> half-width, invisible characters out, length capped)."""
from __future__ import annotations

import re

import logging
import unicodedata
from functools import lru_cache
from typing import Any, Optional

logger = logging.getLogger(__name__)

MAX_CHARS = 1000
# Full-width forms that are Chinese punctuation and stay full-width; the NLU
# normaliser uses the same table.
KEEP_FULL_WIDTH = set("！，：；？（）")
WIDTH_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if chr(cp) not in KEEP_FULL_WIDTH}


@lru_cache(maxsize=1)
def _converter() -> Optional[Any]:
    try:
        import opencc
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    for name in ("t2s", "t2s.json"):
        try:
            return opencc.OpenCC(name)
        except Exception:  # the bindings differ in what they accept
            continue
    return None


# Pinyin typed with tone marks ("mǎi de xiézi kāijiāo le") reads as plain pinyin: one letter for one
_TONELESS = {
    ch: base
    for base, marked in (("a", "āáǎà"), ("e", "ēéěè"), ("i", "īíǐì"), ("o", "ōóǒò"), ("u", "ūúǔùǖǘǚǜü"))
    for ch in marked
}


def clean(text: Any, max_chars: int = MAX_CHARS) -> str:
    """The message as the assistant reads it ("" for anything that is not a string)."""
    if not isinstance(text, str):
        return ""
    out = []
    for ch in text[: max_chars * 2]:
        if ch.isspace():
            if out and out[-1] != " ":
                out.append(" ")
            continue
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            continue
        out.append(_TONELESS.get(ch) or chr(WIDTH_TABLE.get(ord(ch), ord(ch))))
    s = "".join(out).strip()[:max_chars]
    conv = _converter()
    if conv is not None and s:
        try:
            converted = conv.convert(s)
            if isinstance(converted, str) and len(converted) == len(s):
                s = converted
        except Exception:
            logger.exception("OpenCC failed; text left unconverted")
    return s


def is_english_only(text: str) -> bool:
    """Latin words and no Chinese at all: "my order never arrived"."""
    letters = sum(ch.isascii() and ch.isalpha() for ch in text)
    return not has_chinese(text) and letters >= 3 and not text.startswith("/")


_QUESTION = re.compile(r"[？?]|吗|值不值|该不该|(?<![什怎这那多])么|怎么|怎样|如何|能不能|可不可以|可以吗|多久|多少|什么|啥|是否|有没有用"
                       r"|拍几码|该拍几|拍多大|信谁|想问下|想问一下|想问问|想咨询"
                       # "能塞得下6寸蛋糕模具不", "能退不": a yes-no question ending in 不
                       r"|(?:能|会|可以|行|有|是)[^，。！？,.!?\s～~]{1,12}不(?=[？?，,。.!！\s～~]|$)")


def looks_like_question(text: str) -> bool:
    """"仅退款可以吗", "运费谁出？": the message asks something (a report says what happened)."""
    return bool(_QUESTION.search(text or ""))


# A space between two Chinese characters separates clauses, the way chat users type
# ("找了店家三次 回回让我重新量脚"); as a comma it reads as one (and the classifier
# no longer takes spaced text for the questions whose examples happen to be spaced).
_SPACE_BETWEEN_CHINESE = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")


def clause_spaces(text: str) -> str:
    """Single spaces between Chinese characters as full-width commas (same length)."""
    return _SPACE_BETWEEN_CHINESE.sub("，", text)


def says_nothing(text: str) -> bool:
    """"？？？" or emoji alone: no word, no number (an empty message is not this)."""
    t = clean(text)
    return bool(t) and not re.search(r"\w", t)


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def latin_letters(text: str) -> str:
    """"Se cha tai da le!" -> "sechataidale": how pinyin is compared."""
    return "".join(ch for ch in text.lower() if "a" <= ch <= "z")


@lru_cache(maxsize=4096)
def pinyin_of(word: str) -> str:
    """"色差" -> "secha" (toneless pinyin, letters only)."""
    from pypinyin import lazy_pinyin

    return latin_letters("".join(lazy_pinyin(word)))
