"""Everything the assistant says about a case, built from the knowledge file."""
from __future__ import annotations

from typing import Dict, List, Sequence, Tuple

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
    elif f.amount_yuan == 0:
        parts.append("金额：不方便说")
    if f.days_since_receipt is not None:
        parts.append("今天刚收到" if f.days_since_receipt == 0 else f"收货{f.days_since_receipt}天")
    if f.goods_received is False:
        parts.append("还没收到货")
    if f.paid_off_platform:
        parts.append("钱是在平台外转账付的")
    if f.seller_attitude == "not_contacted":
        parts.append("还没联系卖家")
    elif f.seller_attitude:
        parts.append(f"卖家：{k.seller_attitudes[f.seller_attitude]['label']}")
    if f.negotiation_rounds:
        parts.append(f"已沟通{f.negotiation_rounds}次")
    if f.platform_status:
        parts.append(PLATFORM_STATUS_LABELS[f.platform_status])
    if f.urgent:
        parts.append("急用")
    if f.legal_matter:
        parts.append("考虑法律途径")
    if f.wants:
        parts.append(f"诉求：{WANTS_LABELS.get(f.wants, f.wants)}")
    # evidence is named only when it fits the case (a word may name items of other types)
    fits = set(k.dispute_types[f.dispute_type].evidence) if f.dispute_type else set(k.evidence_items)
    have = [k.evidence_items[i].name for i in f.evidence_have if i in fits]
    missing = [k.evidence_items[i].name for i in f.evidence_missing if i in fits]
    if have:
        parts.append("已有证据：" + "、".join(have))
    if missing:
        parts.append("还缺：" + "、".join(missing))
    return parts


PLATFORM_STATUS_LABELS = {
    "not_applied": "还没申请平台介入",
    "applied_waiting": "已申请介入，在等结果",
    "ruled_for_buyer_not_honoured": "平台已判你胜，卖家不执行",
    "ruled_against_buyer": "平台判定不支持你",
}
WANTS_LABELS = {"refund": "退款", "exchange": "换货/补发", "compensation": "赔偿"}


def acknowledgement(k: Knowledge, f: CaseFacts) -> str:
    """Name the type and what we picked up; the user corrects it in their own words."""
    t = k.dispute_types[f.dispute_type]
    lines = [f"明白，这属于「{t.name}」：{t.covers}。（不对的话直接告诉我，比如“不是{t.name}，是……”）"]
    known = facts_summary(k, f)
    if known:
        lines.append("已记下：" + "；".join(known) + "。")
    if t.safety_first:
        lines.append(t.safety_first)
    return "\n".join(lines)


def dispute_type_buttons(k: Knowledge) -> List[Dict[str, str]]:
    # payloads are plain text, read like anything a shopper types
    return [{"title": t.name, "payload": t.name} for t in k.dispute_types.values()]


def question(k: Knowledge, slot: str, wording: int, evidence: Sequence[str] = ()) -> Tuple[str, List[Dict[str, str]]]:
    """The question for one fact, in its first or its second wording, with buttons."""
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
    lines = [f"📋 证据清单（{t.name}）"]
    for item in items:
        if item.id in have:
            lines.append(f"✅ 已有：{item.name}")
        else:
            lines.append(f"⬜ 还缺：{item.name}——{item.how}")
    if any(i.id not in have for i in items):
        lines.append("缺的几项尽量先补齐，证据越完整越有说服力。")
    else:
        lines.append("证据很齐全，保管好原件和原始文件。")
    return "\n".join(lines)


def advice_text(k: Knowledge, f: CaseFacts, a: Advice) -> str:
    from advisor.evidence import applicable_items, missing_items

    t = k.dispute_types[f.dispute_type]
    lines = [f"💡 我的建议：{a.title}", "理由："]
    lines += [f"· {r}" for r in a.reasons]
    lines.append("下一步：")
    lines += [f"{n}. {s}" for n, s in enumerate(a.steps, 1)]
    notes = list(a.warnings)
    if t.weak_evidence_note and 2 * len(missing_items(k, f)) >= len(applicable_items(k, f)):
        notes.append(t.weak_evidence_note)
    if t.safety_first:
        notes.append(t.safety_first)
    if notes:
        lines.append("提醒：")
        lines += [f"· {w}" for w in notes]
    lines.append("以上是建议，最终结果取决于平台按规则和证据的判断。有新情况（比如卖家回复了、平台有结果了）随时告诉我，我会重新看。")
    return "\n".join(lines)


def faq_buttons() -> List[Dict[str, str]]:
    titles = ("介入有用吗？", "介入要多久？", "会被当成恶意吗？", "12315是什么？")
    return [{"title": t, "payload": t} for t in titles]


def help_text(k: Knowledge) -> str:
    names = "、".join(t.name for t in k.dispute_types.values())
    return (
        "我能帮你处理网购纠纷：\n"
        f"1. 判断问题类型（{names}）\n"
        "2. 一项项告诉你要准备哪些证据、怎么拍怎么留\n"
        "3. 建议是继续和卖家协商、申请平台介入，还是走12315等平台外途径\n"
        "随时可以问“介入有用吗”“流程是什么”。说“重新开始”可以从头来。"
    )
