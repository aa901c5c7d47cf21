"""Everything the assistant says about a case, built from the knowledge file."""
from __future__ import annotations

from typing import Dict, List, Tuple

from advisor.advice import Advice
from advisor.case import CaseFacts, fmt_number
from advisor.knowledge import EvidenceItem, Knowledge


def facts_summary(k: Knowledge, f: CaseFacts) -> List[str]:
    """Short Chinese phrases for the facts we know, in a fixed order."""
    parts = []
    if f.product_category:
        parts.append(f"商品：{f.product_category}")
    if f.amount_yuan:
        parts.append(f"金额{fmt_number(f.amount_yuan)}元")
    if f.days_since_receipt is not None:
        parts.append("今天刚收到" if f.days_since_receipt == 0 else f"收货{f.days_since_receipt}天")
    if f.seller_attitude:
        parts.append(f"卖家：{k.seller_attitudes[f.seller_attitude]['label']}")
    if f.negotiation_rounds:
        parts.append(f"已沟通{f.negotiation_rounds}次")
    if f.ruling_ignored:
        parts.append("平台已处理但卖家不执行")
    if f.urgent:
        parts.append("急用")
    if f.legal_matter:
        parts.append("考虑法律途径")
    if f.evidence_have:
        names = [k.evidence_items[i].name for i in f.evidence_have if i in k.evidence_items]
        parts.append("已有证据：" + "、".join(names))
    return parts


def acknowledgement(k: Knowledge, f: CaseFacts) -> str:
    t = k.dispute_types[f.dispute_type]
    lines = [f"我理解你遇到的是「{t.name}」：{t.covers}。"]
    known = facts_summary(k, f)
    if known:
        lines.append("已记下：" + "；".join(known) + "。")
    if t.safety_first:
        lines.append(t.safety_first)
    lines.append("我理解得对吗？")
    return "\n".join(lines)


def confirm_buttons() -> List[Dict[str, str]]:
    return [
        {"title": "对，是这个问题", "payload": "/affirm"},
        {"title": "不是，换一类", "payload": "/deny"},
    ]


def dispute_type_buttons(k: Knowledge) -> List[Dict[str, str]]:
    return [
        {
            "title": t.name,
            "payload": '/correct_dispute_type{"dispute_type": "%s"}' % code,
        }
        for code, t in k.dispute_types.items()
    ]


def seller_attitude_question(k: Knowledge) -> Tuple[str, List[Dict[str, str]]]:
    buttons = [
        {"title": a["label"], "payload": '/inform{"seller_attitude": "%s"}' % code}
        for code, a in k.seller_attitudes.items()
    ]
    return "你和卖家沟通过了吗？卖家是什么态度？", buttons


def negotiation_rounds_question() -> Tuple[str, List[Dict[str, str]]]:
    buttons = [
        {"title": title, "payload": '/inform{"negotiation_rounds": %d}' % n}
        for title, n in (("1次", 1), ("2次", 2), ("3次及以上", 3))
    ]
    return "前后和卖家沟通了几次？", buttons


def evidence_question(k: Knowledge, code: str, item: EvidenceItem) -> str:
    ids = k.dispute_types[code].evidence
    return (
        f"证据 {ids.index(item.id) + 1}/{len(ids)}：{item.name}\n"
        f"为什么要：{item.why}\n"
        f"怎么准备：{item.how}\n"
        "这一项你已经有了吗？"
    )


def evidence_buttons() -> List[Dict[str, str]]:
    return [
        {"title": "有了", "payload": "/affirm"},
        {"title": "还没有", "payload": "/deny"},
        {"title": "怎么拍才有效？", "payload": "/ask_photo_tips"},
    ]


def checklist(k: Knowledge, f: CaseFacts) -> str:
    t = k.dispute_types[f.dispute_type]
    have = set(f.evidence_have)
    lines = [f"📋 证据清单（{t.name}）"]
    for item in k.evidence_for(f.dispute_type):
        mark = "✅ 已有" if item.id in have else "⬜ 还缺"
        lines.append(f"{mark}：{item.name}")
    missing = [i for i in k.evidence_for(f.dispute_type) if i.id not in have]
    if missing:
        lines.append("缺的几项尽量先补齐，证据越完整越有说服力。")
    else:
        lines.append("证据很齐全，保管好原件和原始文件。")
    return "\n".join(lines)


def advice_text(k: Knowledge, f: CaseFacts, a: Advice) -> str:
    t = k.dispute_types[f.dispute_type]
    lines = [f"💡 我的建议：{a.title}", "理由："]
    lines += [f"· {r}" for r in a.reasons]
    lines.append("下一步：")
    lines += [f"{n}. {s}" for n, s in enumerate(a.steps, 1)]
    notes = list(a.warnings)
    if t.weak_evidence_note:
        notes.append(t.weak_evidence_note)
    if t.safety_first:
        notes.append(t.safety_first)
    lines.append("提醒：")
    lines += [f"· {w}" for w in notes]
    lines.append("以上是建议，最终结果取决于平台按规则和证据的判断。")
    return "\n".join(lines)


def faq_buttons() -> List[Dict[str, str]]:
    return [
        {"title": "介入有用吗？", "payload": "/ask_intervention_useful"},
        {"title": "介入要多久？", "payload": "/ask_duration"},
        {"title": "会被当成恶意吗？", "payload": "/ask_malicious"},
        {"title": "12315是什么？", "payload": "/ask_12315"},
    ]


def help_text(k: Knowledge) -> str:
    names = "、".join(t.name for t in k.dispute_types.values())
    return (
        "我能帮你处理网购纠纷：\n"
        f"1. 判断问题类型（{names}）\n"
        "2. 一项项告诉你要准备哪些证据、怎么拍怎么留\n"
        "3. 建议是继续和卖家协商、申请平台介入，还是走12315等平台外途径\n"
        "随时可以问“介入有用吗”“流程是什么”。说“重新开始”可以从头来。"
    )
