"""A kept case told back in three or four lines: its type and where it stands, the
key facts, what is still missing, the current recommendation and the next step."""
from __future__ import annotations

from dataclasses import replace
from typing import List, Sequence

from advisor.case import CaseFacts
from advisor.case_file import Case
from advisor.knowledge import Knowledge
from advisor.replies import facts_summary


def facts_of(case: Case) -> CaseFacts:
    return CaseFacts.from_slots({**case.facts, "evidence_have": case.evidence_have,
                                 "evidence_missing": case.evidence_missing})


def summary(k: Knowledge, case: Case) -> str:
    words = k.case_file
    f = facts_of(case)
    t = k.dispute_types.get(f.dispute_type or "")
    lines: List[str] = [words["case_line"].format(number=case.number, name=t.name if t else case.title,
                                                  status=words["statuses"][case.status])]
    known = facts_summary(k, replace(f, evidence_have=(), evidence_missing=()))  # evidence: its own line
    if known:
        lines.append(words["facts_line"].format(facts="；".join(known)))
    missing = [k.evidence_items[i].name for i in case.evidence_missing if i in k.evidence_items]
    if missing:
        lines.append(words["missing_line"].format(items="、".join(missing)))
    rec = k.advice["recommendations"].get(case.recommendation or "")
    if rec:
        if f.platform_status == "applied_waiting" and rec.get("when_applied"):
            rec = rec["when_applied"]
        lines.append(words["advice_line"].format(title=rec["title"], step=_first_step(rec)))
    else:
        lines.append(words["no_advice_line"])
    return "\n".join(lines)


def _first_step(rec) -> str:
    """A recommendation's first step that holds for every case (one without `when`)."""
    return next(s for s in rec["steps"] if isinstance(s, str))


def welcome_back(k: Knowledge, open_cases: Sequence[Case]) -> str:
    """The greeting for a user who comes back with open cases (the latest first)."""
    latest = max(open_cases, key=lambda c: (c.updated_at is not None, c.updated_at, c.id))
    lines = [k.case_file["welcome_back"], summary(k, latest)]
    if len(open_cases) > 1:
        lines.append(k.case_file["welcome_back_more"].format(count=len(open_cases) - 1))
    lines.append(k.case_file["continue"])
    return "\n".join(lines)
