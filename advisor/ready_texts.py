"""Ready texts: a message to the seller, the intervention form's description and a
12315 complaint, filled with the shopper's own facts (knowledge file: ready_texts).

A fact the case lacks becomes its marked blank (【订单号】), never a guess. The
templates may name only FIELDS; the knowledge file fails to load otherwise.
"""
from __future__ import annotations

import string
from typing import Any, Dict, List, Mapping, Optional

from advisor.case import CaseFacts, fmt_number

KINDS = ("seller", "intervention", "complaint_12315")
FIELDS = ("order_id", "shop", "order_date", "contact", "product", "amount", "received",
          "problem", "tried", "evidence", "ask")
# facts a conversation never collects: always a blank, unless an integrator's
# metadata gives them (REST `metadata`: order_id, shop, order_date)
METADATA_FIELDS = ("order_id", "shop", "order_date")


class TemplateError(ValueError):
    pass


def fields_of(template: str) -> List[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]


def check_templates(ready: Mapping[str, Any]) -> None:
    """Every kind has a title and a text naming only known fields, and a blank for each field."""
    from advisor.knowledge import KnowledgeError

    for kind in KINDS:
        if kind not in ready or not ready[kind].get("text") or not ready[kind].get("title"):
            raise KnowledgeError(f"ready_texts.{kind}: a title and a text are needed")
        unknown = [f for f in fields_of(ready[kind]["text"]) if f not in FIELDS]
        if unknown:
            raise KnowledgeError(f"ready_texts.{kind}: unknown fields {unknown} (known: {', '.join(FIELDS)})")
    missing = [f for f in FIELDS if f not in ready.get("blanks", {}) and f != "problem"]
    if missing:
        raise KnowledgeError(f"ready_texts.blanks: no blank for {missing}")


def _tried(k, f: CaseFacts) -> Optional[str]:
    parts = []
    if f.seller_attitude == "not_contacted":
        parts.append("还没有和卖家沟通。")
    elif f.seller_attitude or f.negotiation_rounds:
        rounds = f"已和卖家沟通{f.negotiation_rounds}次" if f.negotiation_rounds else "已和卖家沟通"
        label = k.seller_attitudes.get(f.seller_attitude or "", {}).get("label")
        parts.append(f"{rounds}，卖家{label}。" if label else f"{rounds}。")
    status = {
        "applied_waiting": "已申请平台客服介入，正在等待处理。",
        "ruled_for_buyer_not_honoured": "平台已判定支持我，但卖家至今没有执行。",
        "ruled_against_buyer": "平台判定没有支持我的诉求。",
    }.get(f.platform_status or "")
    if status:
        parts.append(status)
    return "".join(parts) or None


def values(k, f: CaseFacts, metadata: Optional[Mapping[str, Any]] = None) -> Dict[str, str]:
    """Each field's text from the case, or its blank."""
    ready, blanks = k.ready_texts, k.ready_texts["blanks"]
    t = k.dispute_types.get(f.dispute_type or "")
    if f.goods_received is False:
        received = "至今未"
    elif f.days_since_receipt is not None:
        received = "今天" if f.days_since_receipt == 0 else f"{f.days_since_receipt}天前"
    else:
        received = None
    have = [k.evidence_items[i].name for i in f.evidence_have if i in k.evidence_items]
    known = {
        "product": f.product_category,
        "amount": f"{fmt_number(f.amount_yuan)}元" if f.amount_yuan else None,
        "received": received,
        "problem": t.statement if t else None,
        "tried": _tried(k, f),
        "evidence": "、".join(have) or None,
        "ask": ready["asks"].get(f.wants or ""),
    }
    for name in METADATA_FIELDS:
        value = (metadata or {}).get(name)
        known[name] = str(value)[:100] if isinstance(value, (str, int)) and str(value).strip() else None
    return {name: known.get(name) or blanks.get(name, "") for name in FIELDS}


def fill(k, kind: str, f: CaseFacts, metadata: Optional[Mapping[str, Any]] = None) -> str:
    """The ready text of one kind, title first; the intervention text within the form's limit."""
    template = k.ready_texts[kind]
    v = values(k, f, metadata)
    body = template["text"].format(**v)
    if kind == "intervention":
        limit = int(k.ready_texts["form_limit"])
        items = v["evidence"].split("、")
        while len(body) > limit and len(items) > 1:  # the evidence list gives way first
            items = items[:-1]
            body = template["text"].format(**{**v, "evidence": "、".join(items) + "等"})
        body = body[:limit]
    return f"{template['title']}\n{k.ready_texts['copy_hint']}\n{body}"
