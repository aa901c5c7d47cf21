"""The step function: from the case state, the assistant's next move.

One place decides what to ask next or whether to advise, so the dialogue is
the same whatever channel or order the facts came in. Rasa rules and actions
only carry the decision out.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Optional, Tuple

from advisor.advice import NEGATIVE_ATTITUDES
from advisor.case import CaseFacts
from advisor.evidence import remaining_items
from advisor.knowledge import Knowledge

ASK, ADVISE, STUCK = "ask", "advise", "stuck"
# How often one question is put (each time in other words) before it is skipped.
MAX_TRIES = 3
# Where the case stands already decides the route: no need to ask about the seller.
_ROUTE_FIXED = ("applied_waiting", "ruled_for_buyer_not_honoured", "ruled_against_buyer")


@dataclass(frozen=True)
class Step:
    kind: str  # ASK: put a question; ADVISE: give (or refresh) the advice; STUCK: no type after asking MAX_TRIES times
    slot: Optional[str] = None  # the fact asked for (requested_slot)
    wording: int = 0  # which of the question's wordings (0 first time, then 1, 2)
    evidence: Tuple[str, ...] = ()  # items listed by an evidence question


def route_fixed(f: CaseFacts) -> bool:
    return f.platform_status in _ROUTE_FIXED or f.paid_off_platform is True


def needed(k: Knowledge, f: CaseFacts) -> Iterator[str]:
    """The facts the advice still needs, in asking order."""
    if f.dispute_type is None:
        yield "dispute_type"
        return
    if f.amount_yuan is None:
        yield "amount_yuan"
    if f.dispute_type == "logistics" and f.goods_received is None:
        yield "goods_received"
    if f.dispute_type == "fraud" and f.paid_off_platform is None:
        yield "paid_off_platform"
    if not route_fixed(f):
        # an attitude the shopper could not say ("不太清楚") still leaves rounds and the platform to ask
        unknown = f.seller_attitude is None and "seller_attitude" in f.declined
        if f.seller_attitude is None and not unknown:
            yield "seller_attitude"
        elif f.seller_attitude != "not_contacted" and f.negotiation_rounds is None:
            yield "negotiation_rounds"
        failed = (f.negotiation_rounds or 0) >= k.advice["failed_rounds_for_intervention"]
        if f.platform_status is None and (f.seller_attitude in NEGATIVE_ATTITUDES or failed or unknown):
            yield "platform_status"
    if remaining_items(k, f):
        yield "evidence_item"


def next_step(k: Knowledge, f: CaseFacts) -> Step:
    """Ask the first needed fact not yet asked MAX_TRIES times nor declined; else advise."""
    for slot in needed(k, f):
        if slot in f.declined and slot != "dispute_type":
            continue  # "不太清楚": go on without it
        tries = f.asked.count(slot)
        if tries >= MAX_TRIES:
            if slot == "dispute_type":
                return Step(STUCK, slot)
            continue  # asked twice in two ways: go on without it
        items = tuple(i.id for i in remaining_items(k, f)) if slot == "evidence_item" else ()
        return Step(ASK, slot, wording=tries, evidence=items)
    return Step(ADVISE)
