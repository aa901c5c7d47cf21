"""Deciding the dispute type from an NLU result.

The first message that describes a problem sets the type (the classifier's
intent when it is confident, else a keyword the extractor found). After that
only an explicit correction changes it, so a later detail such as "卖家不给退"
in a colour case does not silently re-label the case.
"""
from __future__ import annotations

from typing import Optional, Sequence

from advisor.knowledge import DISPUTE_CODES

REPORT_PREFIX = "report_"
CORRECTION_INTENT = "correct_dispute_type"
FALLBACK_INTENT = "nlu_fallback"
# Intents that may carry a problem the classifier didn't label as one
# ("卖家让我私下转账" read as a plain statement of facts; "宝贝不错，就是假货"
# read as a review): a keyword that names exactly one type then decides.
# Questions (presale_question, ask_*) are never relabelled by a keyword:
# "是正品吗" names no problem.
KEYWORD_BACKUP_INTENTS = ("inform", "seek_help", "no_claim", "out_of_scope")


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
) -> Optional[str]:
    """The dispute type after this message.

    `intent` is the classifier's top intent (the one behind nlu_fallback when
    the message fell back, with `uncertain` set); `mentioned` are the types
    named (not negated) in the message, in order.
    """
    mentioned = [m for m in mentioned if m in DISPUTE_CODES]
    if intent == CORRECTION_INTENT:
        # "不是色差，是尺码": the last type named that differs from the current
        # one; "不是这个问题" with no type named clears it so we ask again.
        others = [m for m in mentioned if m != current]
        if others:
            return others[-1]
        return current if mentioned else None
    if current is not None:
        # "不是色差，是尺码" without the correction intent: the current type
        # negated and another one named
        others = [m for m in mentioned if m != current]
        if current in negated and others:
            return others[-1]
        return current
    from_intent = type_from_intent(intent)
    if from_intent and confidence >= threshold:
        return from_intent
    # An unsure classifier (low confidence, or the message fell back) still
    # gives a best guess when the message names exactly one type.
    backup = from_intent or uncertain or intent in KEYWORD_BACKUP_INTENTS
    if backup and len(set(mentioned)) == 1:
        return mentioned[0]
    return None


def dispute_type_after(
    current: Optional[str],
    intent: Optional[str],
    confidence: float,
    fell_back: bool,
    named: Sequence[str],
    negated: Sequence[str],
    threshold: float,
) -> Optional[str]:
    """The dispute type once a message is read: the one decision the dialogue
    and the evaluation scripts share. `named` / `negated` are the types the fact
    reader found named and negated ("不是色差，是尺码")."""
    if current in negated and not named:
        return None  # "不是色差": ask again
    return choose_dispute_type(
        current, intent, confidence, named, threshold, uncertain=fell_back, negated=negated
    )
