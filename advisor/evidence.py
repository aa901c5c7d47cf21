"""Which evidence a case needs: the type's list, narrowed by each item's `when`
condition (an unboxing video only for a parcel that arrived, an inspection
report only for a costly item), minus what the shopper already told us."""
from __future__ import annotations

from typing import Callable, Dict, List

from advisor.case import CaseFacts
from advisor.knowledge import EvidenceItem, Knowledge


def _conditions(k: Knowledge) -> Dict[str, Callable[[CaseFacts], bool]]:
    from advisor.advice import is_food_case

    large = k.advice["large_amount_yuan"]
    return {
        # unknown counts as received: only a parcel known not to have come skips these
        "goods_received": lambda f: f.goods_received is not False,
        # a scam paid outside the platform is about the money, not about fake goods
        "goods_received_on_platform": lambda f: f.goods_received is not False and f.paid_off_platform is not True,
        "not_received": lambda f: f.goods_received is False,
        "large_amount": lambda f: (f.amount_yuan or 0) >= large,
        "paid_off_platform": lambda f: f.paid_off_platform is True,
        # food gets the food, its packaging and dates instead of skin photos and cosmetics batches
        "food": lambda f: is_food_case(k, f),
        "not_food": lambda f: not is_food_case(k, f),
    }


def check_conditions(k: Knowledge) -> None:
    from advisor.knowledge import KnowledgeError

    unknown = sorted(set(k.evidence_conditions) - set(_conditions(k)))
    if unknown:
        raise KnowledgeError(f"evidence_conditions: no code for {unknown}")


def applicable_items(k: Knowledge, f: CaseFacts) -> List[EvidenceItem]:
    """The evidence that fits this case, in the knowledge file's order."""
    if not f.dispute_type:
        return []
    conditions = _conditions(k)
    return [i for i in k.evidence_for(f.dispute_type) if not i.when or conditions[i.when](f)]


def remaining_items(k: Knowledge, f: CaseFacts) -> List[EvidenceItem]:
    """Applicable items the shopper has said nothing about yet."""
    answered = set(f.evidence_have) | set(f.evidence_missing)
    return [i for i in applicable_items(k, f) if i.id not in answered]


def missing_items(k: Knowledge, f: CaseFacts) -> List[EvidenceItem]:
    """Applicable items not in hand (said missing, or never mentioned)."""
    have = set(f.evidence_have)
    return [i for i in applicable_items(k, f) if i.id not in have]
