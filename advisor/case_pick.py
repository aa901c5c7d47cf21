"""Which of a user's cases a message points to: "案件2", "第二个案件", "那条裙子的事",
"色差那个". Only an unambiguous reference to another case counts."""
from __future__ import annotations

import re
from typing import Optional, Sequence

from advisor.case_file import Case
from advisor.facts import read_message
from advisor.knowledge import Knowledge

_NUMBER = re.compile(r"案件\s*([0-9]{1,3}|[一二三四五六七八九十])|第\s*([0-9]{1,3}|[一二三四五六七八九十])\s*个?案")
_CN = {c: i for i, c in enumerate("一二三四五六七八九十", 1)}


def may_name_a_case(k: Knowledge, text: str) -> bool:
    """Cheap check before the case file is read: a case number or a reference word."""
    return bool(text) and (bool(_NUMBER.search(text)) or any(w in text for w in k.case_file["pick_words"]))


def picked_case(k: Knowledge, text: str, cases: Sequence[Case], current: Optional[int]) -> Optional[Case]:
    """The case the message names, when it is not the current one; None otherwise."""
    if len(cases) < 2 or not may_name_a_case(k, text):
        return None
    m = _NUMBER.search(text)
    if m:
        raw = m.group(1) or m.group(2)
        number = int(raw) if raw.isdigit() else _CN[raw]
        found = [c for c in cases if c.number == number]
    else:
        reading = read_message(k, text)
        category, types = reading.slots.get("product_category"), set(reading.types)
        if not category and not types:
            return None
        found = [c for c in cases
                 if (not category or c.facts.get("product_category") == category)
                 and (not types or c.facts.get("dispute_type") in types)]
    if len(found) != 1 or found[0].id == current:
        return None
    return found[0]
