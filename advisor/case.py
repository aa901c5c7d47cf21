"""The facts of one case, as the dialogue has gathered them so far."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Optional, Tuple


@dataclass(frozen=True)
class CaseFacts:
    dispute_type: Optional[str] = None
    amount_yuan: Optional[float] = None  # None: unknown; 0: the user chose not to say
    days_since_receipt: Optional[int] = None
    negotiation_rounds: Optional[int] = None
    seller_attitude: Optional[str] = None
    ruling_ignored: bool = False
    legal_matter: bool = False
    urgent: bool = False
    product_category: Optional[str] = None
    evidence_have: Tuple[str, ...] = field(default_factory=tuple)
    evidence_missing: Tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def from_slots(cls, slots: Mapping[str, Any]) -> "CaseFacts":
        """Build from Rasa slot values (floats for counts, None for unknown)."""

        def as_int(value: Any) -> Optional[int]:
            return None if value is None else int(value)

        return cls(
            dispute_type=slots.get("dispute_type"),
            amount_yuan=slots.get("amount_yuan"),
            days_since_receipt=as_int(slots.get("days_since_receipt")),
            negotiation_rounds=as_int(slots.get("negotiation_rounds")),
            seller_attitude=slots.get("seller_attitude"),
            ruling_ignored=bool(slots.get("ruling_ignored")),
            legal_matter=bool(slots.get("legal_matter")),
            urgent=bool(slots.get("urgent")),
            product_category=slots.get("product_category"),
            evidence_have=tuple(slots.get("evidence_have") or ()),
            evidence_missing=tuple(slots.get("evidence_missing") or ()),
        )


def fmt_number(value: float) -> str:
    """299.0 -> "299", 88.8 -> "88.8"."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
