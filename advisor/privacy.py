"""What the shopper is told about their data, and the "删除我的记录" exchange (PIPL).

The words live in the knowledge file's `privacy` section; the deletion itself is
done where conversations are stored (storage/tracker_store.py), when a turn
ends with ERASE_SLOT set.
"""
from __future__ import annotations

import logging
import os
from typing import Optional

from advisor.case import CaseFacts
from advisor.knowledge import Knowledge

logger = logging.getLogger(__name__)

ERASE_INTENT = "delete_my_records"
ERASE_QUESTION = "erase_confirmation"  # requested_slot while the assistant waits for the yes
ERASE_SLOT = "erase_requested"  # set on the confirmed turn: the store deletes instead of saving
DEFAULT_RETENTION_DAYS = 180.0


def retention_days(env=os.environ) -> float:
    """RETENTION_DAYS (the server and the actions read the same variable); 0 or less keeps forever."""
    try:
        return float(env.get("RETENTION_DAYS", DEFAULT_RETENTION_DAYS))
    except ValueError:
        logger.warning("RETENTION_DAYS is not a number; using %s", DEFAULT_RETENTION_DAYS)
        return DEFAULT_RETENTION_DAYS


def notice(k: Knowledge, days: Optional[float] = None) -> str:
    days = retention_days() if days is None else days
    return str(k.privacy["notice"]).format(days=f"{days:g}")


def question_answer(k: Knowledge, days: Optional[float] = None) -> str:
    """The answer to "你会把我的信息给卖家吗": kept for the advice only, never sent on, and for how long."""
    days = retention_days() if days is None else days
    return str(k.privacy["question_answer"]).format(days=f"{days:g}")


def needs_sensitive_notice(k: Knowledge, f: CaseFacts) -> bool:
    """A reaction of the body (allergy, or food that made someone ill): health data."""
    return f.dispute_type == "allergy" or (
        f.dispute_type == "quality" and f.product_category == k.advice["food_category"])


def asks_to_erase(k: Knowledge, text: str) -> bool:
    """The message says to delete something ("把我的记录删了", "之前聊的都给我清了"): the
    classifier's delete_my_records counts only then."""
    s = (text or "").lower()
    for w in k.privacy.get("erased_by_others", ()):
        s = s.replace(w.lower(), " ")  # "他删我之前的聊天截了一部分": someone else deleted, nothing asked
    return any(w.lower() in s for w in k.privacy.get("erase_cues", ()))


def erase_answer(k: Knowledge, text: str, intent: Optional[str]) -> bool:
    """True only for a clear yes to the erase question ("确认删除", "是的", the button);
    anything else keeps the records."""
    s = (text or "").strip().lower()
    if any(w.lower() in s for w in k.privacy["erase_no"]) or intent == "deny":
        return False
    return intent in ("affirm", ERASE_INTENT) or any(w.lower() in s for w in k.privacy["erase_yes"])
