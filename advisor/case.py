"""The state of one case: its facts and where it stands, as the slots hold them."""
from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any, Dict, Mapping, Optional, Tuple

RULED_FOR_BUYER = "ruled_for_buyer_not_honoured"
RULED_AGAINST_BUYER = "ruled_against_buyer"
RULINGS = (RULED_FOR_BUYER, RULED_AGAINST_BUYER)


@dataclass(frozen=True)
class CaseFacts:
    dispute_type: Optional[str] = None
    amount_yuan: Optional[float] = None  # None: unknown; 0: the user chose not to say
    days_since_receipt: Optional[int] = None
    negotiation_rounds: Optional[int] = None
    seller_attitude: Optional[str] = None
    platform_status: Optional[str] = None
    goods_received: Optional[bool] = None
    paid_off_platform: Optional[bool] = None
    urgent: Optional[bool] = None
    legal_matter: bool = False
    wants: Optional[str] = None
    product_category: Optional[str] = None
    evidence_have: Tuple[str, ...] = field(default_factory=tuple)
    evidence_missing: Tuple[str, ...] = field(default_factory=tuple)
    asked: Tuple[str, ...] = field(default_factory=tuple)  # every question asked, in order
    declined: Tuple[str, ...] = field(default_factory=tuple)  # questions answered "不太清楚": not put again

    @property
    def ruling_ignored(self) -> bool:
        return self.platform_status == RULED_FOR_BUYER

    @classmethod
    def from_slots(cls, slots: Mapping[str, Any]) -> "CaseFacts":
        """Build from Rasa slot values (floats for counts, None for unknown)."""

        def as_int(value: Any) -> Optional[int]:
            return None if value is None else int(value)

        def as_bool(value: Any) -> Optional[bool]:
            return None if value is None else bool(value)

        status = slots.get("platform_status")
        if status is None and slots.get("ruling_ignored"):
            status = RULED_FOR_BUYER  # older conversations kept only the flag
        return cls(
            dispute_type=slots.get("dispute_type"),
            amount_yuan=slots.get("amount_yuan"),
            days_since_receipt=as_int(slots.get("days_since_receipt")),
            negotiation_rounds=as_int(slots.get("negotiation_rounds")),
            seller_attitude=slots.get("seller_attitude"),
            platform_status=status,
            goods_received=as_bool(slots.get("goods_received")),
            paid_off_platform=as_bool(slots.get("paid_off_platform")),
            urgent=as_bool(slots.get("urgent")),
            legal_matter=bool(slots.get("legal_matter")),
            wants=slots.get("wants"),
            product_category=slots.get("product_category"),
            evidence_have=tuple(slots.get("evidence_have") or ()),
            evidence_missing=tuple(slots.get("evidence_missing") or ()),
            asked=tuple(slots.get("asked") or ()),
            declined=tuple(slots.get("declined") or ()),
        )

    def updated(self, changes: Mapping[str, Any]) -> "CaseFacts":
        """A copy with slot-named changes applied (unknown names ignored)."""
        names = {f.name for f in fields(self)}
        merged: Dict[str, Any] = {n: getattr(self, n) for n in names}
        merged.update({k: v for k, v in changes.items() if k in names})
        return CaseFacts.from_slots(merged) if merged else replace(self)


def fmt_number(value: float) -> str:
    """299.0 -> "299", 88.8 -> "88.8"."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def tells_of_a_problem(facts: Mapping[str, Any]) -> bool:
    """Facts (slot values) that say something went wrong with an order: the seller's stance,
    talks held, the platform's part, goods missing, money sent outside, a legal step. What is
    wanted, nothing applied for yet or the goods' kind tell of none."""
    return bool(
        facts.get("seller_attitude") not in (None, "not_contacted")
        or (facts.get("negotiation_rounds") or 0) > 0
        or facts.get("platform_status") not in (None, "not_applied")
        or facts.get("goods_received") is False
        or facts.get("paid_off_platform") is True
        or facts.get("legal_matter") is True
    )
