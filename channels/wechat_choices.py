"""Buttons as numbered choices, for WeChat chats that show plain text only.

A bot message with buttons becomes its text plus "1. …\\n2. …" and a hint; a user
reply that is just a number picks that button of the latest bot turn, which the
channel reads back from the conversation tracker (so no choice is kept in memory).
"""
import re
import unicodedata
from typing import Any, Dict, Iterable, List, Optional

CHOICE_HINT = "（回复数字即可选择）"

_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# "2", "２", "2.", "第2个", "选二", "十一": a bare choice, nothing else around it
_CHOICE = re.compile(r"^(?:第|选|选择)?\s*([0-9]{1,3}|[一二两三四五六七八九十]{1,3})\s*(?:个|项|条|号)?$")
_TRAILING = ".。、,，!！ \t\r\n"


def render_message(message: Dict[str, Any]) -> str:
    """The WeChat text for one bot message as Rasa's collecting channel holds it."""
    parts = []
    if message.get("text"):
        parts.append(str(message["text"]).strip())
    if message.get("image"):
        parts.append(str(message["image"]))
    if message.get("attachment"):
        parts.append(str(message["attachment"]))
    buttons = message.get("buttons") or []
    titles = [str(b.get("title", "")).strip() for b in buttons if isinstance(b, dict)]
    if titles:
        choices = "\n".join(f"{n}. {title}" for n, title in enumerate(titles, 1))
        parts.append(f"{choices}\n{CHOICE_HINT}")
    # "custom" JSON payloads are meant for other channels' widgets: nothing to show here
    return "\n\n".join(p for p in parts if p)


def parse_choice(text: str) -> Optional[int]:
    """The number a reply consists of (1-based), or None when it is anything else."""
    if not isinstance(text, str):
        return None
    # NFKC turns full-width digits (１２) into ASCII ones
    t = unicodedata.normalize("NFKC", text).strip(_TRAILING)
    m = _CHOICE.match(t)
    if not m:
        return None
    word = m.group(1)
    if word.isdigit():
        n = int(word)
    else:
        n = _chinese_number(word)
    return n if n and n > 0 else None


def _chinese_number(word: str) -> Optional[int]:
    """一 … 九十九 written with 十; None for shapes like 一一 that are not a number."""
    if word == "十":
        return 10
    if "十" not in word:
        return _CN_DIGITS.get(word) if len(word) == 1 else None
    tens, _, ones = word.partition("十")
    if "十" in ones or (tens and tens not in _CN_DIGITS) or (ones and ones not in _CN_DIGITS):
        return None
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def latest_buttons(events: Iterable[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Buttons of the last bot message that had any, since the user last spoke.

    `events` are tracker events as dicts, oldest first.
    """
    for event in reversed(list(events)):
        kind = event.get("event")
        if kind == "user":
            return []
        if kind == "bot":
            buttons = (event.get("data") or {}).get("buttons") or []
            if buttons:
                return list(buttons)
    return []


def payload_for_choice(text: str, events: Iterable[Dict[str, Any]]) -> Optional[str]:
    """The payload of the button a numeric reply picks, or None (send the text as it is)."""
    n = parse_choice(text)
    if n is None:
        return None
    buttons = latest_buttons(events)
    if not 1 <= n <= len(buttons):
        return None
    payload = buttons[n - 1].get("payload")
    return payload if isinstance(payload, str) and payload else None
