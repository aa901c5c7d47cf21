"""Advice rules: which way to go (negotiate / intervene / external) and why.

The rules, thresholds and texts are data in knowledge/disputes.yml; this
module only knows what each named condition means.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Dict, List, Tuple

from advisor.case import CaseFacts, fmt_number
from advisor.knowledge import Knowledge

NEGATIVE_ATTITUDES = ("refuses", "ignores", "shifts_blame")


@dataclass(frozen=True)
class Advice:
    recommendation: str
    title: str
    reasons: Tuple[str, ...]
    steps: Tuple[str, ...]
    warnings: Tuple[str, ...]


def _conditions(k: Knowledge) -> Dict[str, Callable[[CaseFacts], bool]]:
    a = k.advice
    amount = lambda f: f.amount_yuan or 0  # noqa: E731  (0 = unknown)
    rounds = lambda f: f.negotiation_rounds or 0  # noqa: E731
    not_cooperative = lambda f: f.seller_attitude != "cooperative"  # noqa: E731
    evidence_total = lambda f: len(k.dispute_types[f.dispute_type].evidence) if f.dispute_type else 0  # noqa: E731,E501
    return {
        "always": lambda f: True,
        "ruling_ignored": lambda f: f.ruling_ignored,
        "legal_matter": lambda f: f.legal_matter,
        "fraud": lambda f: f.dispute_type == "fraud",
        "large_fraud": lambda f: f.dispute_type == "fraud"
        and amount(f) >= a["large_fraud_amount_yuan"],
        "failed_rounds": lambda f: rounds(f) >= a["failed_rounds_for_intervention"]
        and not_cooperative(f),
        "seller_refuses": lambda f: f.seller_attitude == "refuses",
        "seller_ignores": lambda f: f.seller_attitude == "ignores",
        "seller_shifts_blame": lambda f: f.seller_attitude == "shifts_blame",
        "large_amount_negotiated": lambda f: amount(f) >= a["large_amount_yuan"]
        and rounds(f) >= 1
        and not_cooperative(f),
        "not_contacted": lambda f: f.seller_attitude == "not_contacted"
        or (f.seller_attitude is None and f.negotiation_rounds == 0),
        "seller_cooperative": lambda f: f.seller_attitude == "cooperative",
        # half or more of the type's evidence is missing
        "weak_evidence": lambda f: evidence_total(f) > 0
        and 2 * len([i for i in f.evidence_missing if i in k.dispute_types[f.dispute_type].evidence])
        >= evidence_total(f),
        "urgent": lambda f: f.urgent,
        "late_report": lambda f: (f.days_since_receipt or 0) >= a["late_report_days"],
    }


def known_conditions(k: Knowledge) -> List[str]:
    return sorted(_conditions(k))


def _fill(text: str, facts: CaseFacts) -> str:
    return text.format(
        amount=fmt_number(facts.amount_yuan) if facts.amount_yuan else "",
        rounds=facts.negotiation_rounds,
        days=facts.days_since_receipt,
    )


def advise(k: Knowledge, facts: CaseFacts) -> Advice:
    """Apply the knowledge file's rules to the facts of a case."""
    conditions = _conditions(k)
    rules = k.advice["rules"]
    chosen = next(r["recommend"] for r in rules if conditions[r["when"]](facts))
    reasons = [
        _fill(r["reason"], facts)
        for r in rules
        if r["recommend"] == chosen and r["when"] != "always" and conditions[r["when"]](facts)
    ]
    if not reasons:  # only the catch-all matched
        reasons = [_fill(r["reason"], facts) for r in rules if r["when"] == "always"]
    warnings = [
        _fill(w["text"], facts) for w in k.advice["warnings"] if conditions[w["when"]](facts)
    ]
    rec = k.advice["recommendations"][chosen]
    return Advice(
        recommendation=chosen,
        title=rec["title"],
        reasons=tuple(reasons),
        steps=tuple(rec["steps"]),
        warnings=tuple(warnings),
    )


def check_rules(k: Knowledge) -> None:
    """Fail at start-up if the knowledge file names a condition we don't know."""
    from advisor.knowledge import KnowledgeError

    names = set(_conditions(k))
    used = [r["when"] for r in k.advice["rules"]] + [w["when"] for w in k.advice["warnings"]]
    unknown = sorted(set(used) - names)
    if unknown:
        raise KnowledgeError(f"advice: unknown conditions {unknown}; known: {sorted(names)}")
    if k.advice["rules"][-1]["when"] != "always":
        raise KnowledgeError("advice.rules: the last rule must be `when: always`")
