"""Everything the assistant says about a case, built from the knowledge file's
texts and `phrases` (no reply text is written here)."""
from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

from advisor.advice import Advice
from advisor.case import CaseFacts, fmt_number
from advisor.privacy import needs_sensitive_notice
from advisor.knowledge import Knowledge


def phrase(k: Knowledge, key: str, **values) -> str:
    return str(k.phrases[key]).format(**values)


def facts_summary(k: Knowledge, f: CaseFacts, fits: Optional[Sequence[str]] = None) -> List[str]:
    """Short phrases for the facts we know, in a fixed order (evidence: only the items in `fits`,
    by default those of the type)."""
    p = k.phrases
    parts = []
    if f.product_category:
        parts.append(phrase(k, "fact_product", value=f.product_category))
    if f.amount_yuan:
        parts.append(phrase(k, "fact_amount", value=fmt_number(f.amount_yuan)))
    elif f.amount_yuan == 0:
        parts.append(p["fact_amount_withheld"])
    if f.days_since_receipt is not None:
        parts.append(p["fact_received_today"] if f.days_since_receipt == 0
                     else phrase(k, "fact_days", value=f.days_since_receipt))
    if f.goods_received is False:
        parts.append(p["fact_not_received"])
    if f.paid_off_platform:
        parts.append(p["fact_paid_off_platform"])
    if f.seller_attitude == "not_contacted":
        parts.append(p["fact_not_contacted"])
    elif f.seller_attitude:
        parts.append(phrase(k, "fact_attitude", value=k.seller_attitudes[f.seller_attitude]["label"]))
    if f.negotiation_rounds:
        parts.append(phrase(k, "fact_rounds", value=f.negotiation_rounds))
    if f.platform_status:
        parts.append(p["platform_status"][f.platform_status])
    if f.urgent:
        parts.append(p["fact_urgent"])
    if f.legal_matter:
        parts.append(p["fact_legal"])
    if f.wants:
        parts.append(phrase(k, "fact_wants", value=p["wants"].get(f.wants, f.wants)))
    # evidence is named only when it fits the case (a word may name items of other types)
    if fits is None:
        fits = k.dispute_types[f.dispute_type].evidence if f.dispute_type else k.evidence_items
    fits = set(fits)
    have = [k.evidence_items[i].name for i in f.evidence_have if i in fits]
    missing = [k.evidence_items[i].name for i in f.evidence_missing if i in fits]
    if have:
        parts.append(phrase(k, "fact_evidence_have", value="、".join(have)))
    if missing:
        parts.append(phrase(k, "fact_evidence_missing", value="、".join(missing)))
    return parts


def noted(k: Knowledge, f: CaseFacts, fits: Optional[Sequence[str]] = None) -> Optional[str]:
    """ "记下了：…。" for the facts a message added (evidence: the items in `fits`), or None."""
    parts = facts_summary(k, f, fits)
    return phrase(k, "noted", facts="；".join(parts)) if parts else None


def acknowledgement(k: Knowledge, f: CaseFacts) -> str:
    """Name the type and what we picked up; the user corrects it in their own words."""
    t = k.dispute_types[f.dispute_type]
    lines = [phrase(k, "acknowledge", name=t.name, covers=t.covers)]
    known = facts_summary(k, f)
    if known:
        lines.append(phrase(k, "noted_first", facts="；".join(known)))
    if t.safety_first:
        lines.append(t.safety_first)
    if needs_sensitive_notice(k, f):
        lines.append(k.privacy["sensitive"])
    return "\n".join(lines)


def dispute_type_buttons(k: Knowledge) -> List[Dict[str, str]]:
    # payloads are plain text, read like anything a shopper types
    return [{"title": t.name, "payload": t.name} for t in k.dispute_types.values()]


def question(k: Knowledge, slot: str, wording: int, evidence: Sequence[str] = ()) -> Tuple[str, List[Dict[str, str]]]:
    """The question for one fact, in its first or a later wording, with buttons."""
    asks = k.questions[slot].ask
    text = asks[min(wording, len(asks) - 1)]
    if slot == "evidence_item":
        lines = [text]
        for n, item_id in enumerate(evidence, 1):
            item = k.evidence_items[item_id]
            lines.append(f"{n}. {item.name}：{item.how}")
        text = "\n".join(lines)
    buttons = [{"title": t, "payload": p} for t, p in k.questions[slot].buttons]
    if slot == "dispute_type":
        buttons = dispute_type_buttons(k)
    return text, buttons


def checklist(k: Knowledge, f: CaseFacts) -> str:
    from advisor.evidence import applicable_items

    t = k.dispute_types[f.dispute_type]
    have = set(f.evidence_have)
    items = applicable_items(k, f)
    lines = [phrase(k, "checklist_title", name=t.name)]
    for item in items:
        if item.id in have:
            lines.append(phrase(k, "checklist_have", name=item.name))
        else:
            lines.append(phrase(k, "checklist_missing", name=item.name, how=item.how))
    some_missing = any(i.id not in have for i in items)
    lines.append(k.phrases["checklist_some_missing" if some_missing else "checklist_complete"])
    return "\n".join(lines)


def advice_text(k: Knowledge, f: CaseFacts, a: Advice) -> str:
    from advisor.evidence import applicable_items, missing_items

    t = k.dispute_types[f.dispute_type]
    p = k.phrases
    lines = [phrase(k, "advice_title", title=a.title), p["advice_reasons"]]
    lines += [f"· {r}" for r in a.reasons]
    lines.append(p["advice_steps"])
    lines += [f"{n}. {s}" for n, s in enumerate(a.steps, 1)]
    notes = list(a.warnings)
    if t.weak_evidence_note and 2 * len(missing_items(k, f)) >= len(applicable_items(k, f)):
        notes.append(t.weak_evidence_note)
    if t.safety_first:
        notes.append(t.safety_first)
    if notes:
        lines.append(p["advice_notes"])
        lines += [f"· {w}" for w in notes]
    lines.append(p["advice_closing"])
    return "\n".join(lines)


def faq_buttons(k: Knowledge) -> List[Dict[str, str]]:
    return [{"title": t, "payload": t} for t in k.phrases["faq_buttons"]]


def closing(k: Knowledge) -> Tuple[str, List[Dict[str, str]]]:
    """After the advice: the common questions, and the ready texts on offer."""
    offer = k.ready_texts["offer_buttons"]
    text = f"{k.phrases['more_questions']}\n{k.ready_texts['offer']}{'、'.join(offer)}"
    return text, faq_buttons(k) + [{"title": t, "payload": t} for t in offer]


def help_text(k: Knowledge) -> str:
    return phrase(k, "help", types="、".join(t.name for t in k.dispute_types.values()))
