"""Advice rules: which way to go (negotiate / intervene / external) and why.

The rules, thresholds and texts are data in knowledge/disputes.yml; this
module only knows what each named condition means. Advice is a pure function
of the case, so it is recomputed whenever a fact changes.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Sequence, Tuple, Union

from advisor.case import CaseFacts, fmt_number
from advisor.knowledge import RECOMMENDATIONS, Knowledge

NEGATIVE_ATTITUDES = ("refuses", "ignores", "shifts_blame")


@dataclass(frozen=True)
class Advice:
    recommendation: str
    title: str
    reasons: Tuple[str, ...]
    steps: Tuple[str, ...]
    warnings: Tuple[str, ...]

    def basis(self, dispute_type: str = "") -> str:
        """A short fingerprint of what the advice says, for this type of case
        (kept in a slot to spot a change)."""
        import hashlib

        text = "|".join((dispute_type, self.recommendation, self.title, *self.reasons, *self.warnings))
        return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _conditions(k: Knowledge) -> Dict[str, Callable[[CaseFacts], bool]]:
    from advisor.evidence import applicable_items, missing_items

    a = k.advice
    amount = lambda f: f.amount_yuan or 0  # noqa: E731  (0 = unknown)
    rounds = lambda f: f.negotiation_rounds or 0  # noqa: E731
    not_cooperative = lambda f: f.seller_attitude != "cooperative"  # noqa: E731
    return {
        "always": lambda f: True,
        "paid_off_platform": lambda f: f.paid_off_platform is True,
        "ruling_ignored": lambda f: f.ruling_ignored,
        "ruled_against": lambda f: f.platform_status == "ruled_against_buyer",
        "applied_waiting": lambda f: f.platform_status == "applied_waiting",
        "not_applied_yet": lambda f: f.platform_status in (None, "not_applied"),
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
        "not_negotiated": lambda f: rounds(f) == 0
        and f.seller_attitude in (None, "not_contacted"),
        "seller_cooperative": lambda f: f.seller_attitude == "cooperative",
        # half or more of the evidence that fits the case is not in hand
        "weak_evidence": lambda f: bool(applicable_items(k, f))
        and 2 * len(missing_items(k, f)) >= len(applicable_items(k, f)),
        "urgent": lambda f: f.urgent is True,
        "late_report": lambda f: (f.days_since_receipt or 0) >= a["late_report_days"],
        # what the shopper may claim besides the route (see the warnings' sources)
        "fraud_on_platform": lambda f: f.dispute_type == "fraud" and f.paid_off_platform is not True,
        "food": lambda f: is_food_case(k, f),
        "within_no_reason_window": lambda f: f.days_since_receipt is not None
        and f.goods_received is not False
        and f.days_since_receipt <= a["no_reason_return_days"],
        "size_or_colour": lambda f: f.dispute_type in ("size", "color_difference"),
        "faulty_goods": lambda f: f.dispute_type == "quality",
        "not_paid_off_platform": lambda f: f.paid_off_platform is not True,
        "seller_not_cooperative": not_cooperative,
        "not_received": lambda f: f.goods_received is False and f.paid_off_platform is not True,
    }


def is_food_case(k: Knowledge, f: CaseFacts) -> bool:
    """Spoiled or unsafe food, or a reaction after eating: a food-safety case."""
    return f.product_category == k.advice["food_category"] and f.dispute_type in ("quality", "allergy")


def known_conditions(k: Knowledge) -> List[str]:
    return sorted(set(_conditions(k)) | set(RECOMMENDATIONS))


def _when(rule: Dict) -> List[str]:
    when: Union[str, Sequence[str]] = rule["when"]
    return [when] if isinstance(when, str) else list(when)


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

    def holds(name: str) -> bool:
        return name == chosen if name in RECOMMENDATIONS else conditions[name](facts)

    warnings = [
        _fill(w["text"], facts) for w in k.advice["warnings"] if all(holds(c) for c in _when(w))
    ]
    rec = k.advice["recommendations"][chosen]
    if chosen == "intervene" and facts.platform_status == "applied_waiting" and rec.get("when_applied"):
        rec = rec["when_applied"]
    # a step with `when` is shown only where its conditions hold ("the ruling and the seller's
    # refusal to carry it out" is evidence only when there was a ruling)
    steps = tuple(s if isinstance(s, str) else _fill(s["text"], facts)
                  for s in rec["steps"] if isinstance(s, str) or all(holds(c) for c in _when(s)))
    return Advice(
        recommendation=chosen,
        title=rec["title"],
        reasons=tuple(reasons),
        steps=steps,
        warnings=tuple(warnings),
    )


def change_line(k: Knowledge, before: Optional[str], after: Advice) -> str:
    """One line saying how the advice moved (before: the recommendation given last)."""
    if before and before != after.recommendation:
        old = k.advice["recommendations"][before]["title"]
        return k.phrases["advice_changed"].format(old=old, new=after.title, reason=after.reasons[0])
    return k.phrases["advice_updated"].format(title=after.title)


def check_rules(k: Knowledge) -> None:
    """Fail at start-up if the knowledge file names a condition we don't know."""
    from advisor.evidence import check_conditions
    from advisor.knowledge import KnowledgeError

    names = set(_conditions(k))
    used = [r["when"] for r in k.advice["rules"]]
    unknown = sorted(set(used) - names)
    used_w = [c for w in k.advice["warnings"] for c in _when(w)]
    recs = k.advice["recommendations"].values()
    steps = [s for r in recs for s in list(r["steps"]) + list((r.get("when_applied") or {}).get("steps", ()))]
    used_w += [c for s in steps if not isinstance(s, str) for c in _when(s)]
    unknown += sorted(set(used_w) - names - set(RECOMMENDATIONS))
    if unknown:
        raise KnowledgeError(f"advice: unknown conditions {unknown}; known: {known_conditions(k)}")
    if k.advice["rules"][-1]["when"] != "always":
        raise KnowledgeError("advice.rules: the last rule must be `when: always`")
    check_conditions(k)
