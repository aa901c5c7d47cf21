"""Walking through a dispute type's evidence list, one item at a time.

Progress is derived from the two slot lists (what the user has, what is
missing), so the walk needs no state of its own.
"""
from __future__ import annotations

from typing import List, Optional, Sequence

from advisor.knowledge import EvidenceItem, Knowledge


def remaining_items(
    k: Knowledge, code: str, have: Sequence[str], missing: Sequence[str]
) -> List[EvidenceItem]:
    answered = set(have) | set(missing)
    return [item for item in k.evidence_for(code) if item.id not in answered]


def next_item(
    k: Knowledge, code: str, have: Sequence[str], missing: Sequence[str]
) -> Optional[EvidenceItem]:
    items = remaining_items(k, code, have, missing)
    return items[0] if items else None


def position(k: Knowledge, code: str, item: EvidenceItem) -> int:
    """1-based position of an item in its type's list."""
    return k.dispute_types[code].evidence.index(item.id) + 1
