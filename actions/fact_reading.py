"""Every user message goes through the fact reader first: the actions that
answer a message (action_case_step, action_ready_text) call read_facts before
anything else, so a turn costs one call to the action server.

The reader (advisor.facts) is pure Python; read_facts only gives it the
message and what the assistant was waiting for, and turns its reading into
slot events. Every case slot has a `custom` mapping (set by actions only), so
this is the only place slots are filled from what the user said.
"""
from typing import Any, Dict, List, Text

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import slot_checks
from actions.knowledge_base import INTENT_CONFIDENCE_THRESHOLD, KNOWLEDGE
from actions.tracker_facts import CASE_SLOTS, bot_texts, case_facts, classified_intent, entity_values, message_date
from advisor.case import RULED_FOR_BUYER
from advisor.detection import SURE_REPORT, corrected_type, type_after_message
from advisor.evidence import applicable_items, remaining_items
from advisor import numbers
from advisor.facts import corrects, fit_stated_evidence, read_message

# Entities a button payload may carry ('/inform{"seller_attitude": "refuses"}'),
# for integrators who send them; our own buttons send plain text.
PAYLOAD_SLOTS = ("seller_attitude", "negotiation_rounds", "platform_status", "amount_yuan")


def read_into(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[SlotSet]:
    """read_facts, with its slots applied to the tracker the action goes on with."""
    events = read_facts(dispatcher, tracker)
    tracker.add_slots(events)
    return events


def another_order(before, read: Dict[Text, Any], intent, confidence: float, fell_back: bool) -> bool:
    """A sure report about another kind of product while a case is open ("另外买的鞋也开胶了"
    during a dress case): a new problem, so a new case, not a change to this one."""
    other = read.get("product_category")
    return bool(before.dispute_type and before.product_category and other and other != before.product_category
                and (intent or "").startswith("report_") and confidence >= SURE_REPORT and not fell_back)


def new_case(tracker: Tracker, text: Text, reading, named, intent, confidence: float, fell_back: bool) -> List[SlotSet]:
    """The slots of a fresh case from this message; the old case stays in the case file."""
    k = KNOWLEDGE
    fresh = {name: None for name in CASE_SLOTS}
    fresh.update(evidence_have=[], evidence_missing=[], asked=[], declined=[], recommendation=None, advice_basis=None,
                 requested_slot=None, case_id=None)
    fresh.update(reading.slots)
    fresh["dispute_type"] = type_after_message(k, None, text, intent, confidence, fell_back, named,
                                               reading.negated_types, INTENT_CONFIDENCE_THRESHOLD,
                                               reading.decisive_types, reading.main_type)
    fresh["evidence_have"], fresh["evidence_missing"] = list(reading.evidence_have), list(reading.evidence_missing)
    fresh.pop("case_end", None)
    return [SlotSet(name, value) for name, value in fresh.items()]


def _said_already(tracker: Tracker, messages: List[Dict[Text, Any]]) -> bool:
    said = bot_texts(tracker)
    return bool(messages) and all(m.get("text") in said for m in messages)


def read_facts(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[SlotSet]:
    k = KNOWLEDGE
    before = case_facts(tracker)
    asked = tracker.get_slot("requested_slot")
    pending = [i.id for i in remaining_items(k, before)] if asked == "evidence_item" else []
    intent, confidence, fell_back = classified_intent(tracker)
    text = tracker.latest_message.get("text") or ""
    reading = read_message(k, text, asked=asked, pending_evidence=pending, intent=intent, today=message_date(tracker))

    new: Dict[Text, Any] = dict(reading.slots)
    if not before.dispute_type:
        new.pop("case_end", None)  # "钱退回来了" with no case: nothing to end
    news = any(w in text for w in k.news_cues)  # "刚刚…", "终于到了": something that just happened
    if asked == "evidence_item" and before.seller_attitude and "seller_attitude" in new and not news:
        # "她说运费他们出那句我也截了": a screenshot, not a new stance ("刚刚商家驳回了" is news)
        del new["seller_attitude"]
        if new.get("negotiation_rounds") == 0:
            del new["negotiation_rounds"]  # (nor the "not contacted yet" that came with it)
    if before.goods_received is False and new.get("goods_received") is True and asked != "goods_received" \
            and not corrects(k, text) and not news:
        # "商家说物流显示签收了就是签收了": the seller's words, not the parcel come at last
        del new["goods_received"]
        new.pop("days_since_receipt", None)
    if (before.amount_yuan and "amount_yuan" in new and asked != "amount_yuan" and not corrects(k, text)
            and (asked == "evidence_item" or not numbers.paid_amount_named(text))):
        del new["amount_yuan"]  # "他们只认十二块": an amount in passing does not replace the price on file
    if (before.negotiation_rounds and new.get("negotiation_rounds") is not None and asked == "platform_status"
            and new["negotiation_rounds"] < before.negotiation_rounds and not corrects(k, text)):
        # "找了三回", then about the platform "退款申请被拒了两次": the refund requests counted, not the talks
        del new["negotiation_rounds"]
    for slot in PAYLOAD_SLOTS:
        values = entity_values(tracker, slot)
        if values:
            new[slot] = values[-1]
    named = reading.types + [v for v in entity_values(tracker, "dispute_type") if isinstance(v, str)]
    # (an evidence answer names things it keeps, "剩下的冻冰箱里了", not another order; an answer to
    # the open question is about this case: "人家回我说是手机屏幕的色差" names the seller's excuse)
    if asked != "evidence_item" and not (asked and reading.answered) \
            and another_order(before, reading.slots, intent, confidence, fell_back):
        return new_case(tracker, text, reading, named, intent, confidence, fell_back)
    if before.product_category and new.get("product_category") not in (None, before.product_category):
        del new["product_category"]  # the case's goods stay; another product in passing changes nothing
    chosen = type_after_message(
        k, before.dispute_type, text, intent, confidence, fell_back, named, reading.negated_types,
        INTENT_CONFIDENCE_THRESHOLD, reading.decisive_types, reading.main_type,
    )
    if (chosen == "refund_refused" and before.dispute_type and asked == "seller_attitude" and "不是" not in text
            and not corrects(k, text)):
        chosen = before.dispute_type  # "说品种是对的…不给退": the seller's answer refuses, the problem stays
    if before.dispute_type and reading.main_type and reading.main_type != before.dispute_type:
        chosen = reading.main_type  # "颜色我还能忍 主要是做工太烂了": the shopper names the real problem
    elif chosen == before.dispute_type and asked != "evidence_item":
        # "你理解错了 鞋子没坏 是码不对": the case's problem taken back, another named in its place
        chosen = corrected_type(k, text, named, reading.negated_types, before.dispute_type) or chosen
    if chosen is None and before.dispute_type and (asked == "evidence_item" or (
            asked and asked != "dispute_type" and (
                (reading.answered and not named) or ("不是" not in text and not corrects(k, text))))):
        # "没量过尺寸" lists evidence, "客服说从来没人过敏" reports the seller: an answer to a case
        # question takes the case back only when it says so ("不是过敏，是…"); a correction that
        # answers the question corrects that answer ("应该是两次吧", "不是两次，是三次")
        chosen = before.dispute_type
    if chosen != before.dispute_type:
        new["dispute_type"] = chosen
        # another type has other evidence: its question starts afresh
        new["asked"] = [a for a in before.asked if a != "evidence_item"]

    for slot, check in (
        ("amount_yuan", slot_checks.check_amount),
        ("days_since_receipt", slot_checks.check_days),
        ("negotiation_rounds", slot_checks.check_rounds),
    ):
        if slot in new:
            said_before = len(dispatcher.messages)
            new.update(check(new[slot], dispatcher))
            if new[slot] is None:
                del new[slot]
                if _said_already(tracker, dispatcher.messages[said_before:]):
                    # the same value refused again: not the same sentence again; the question is
                    # skipped ("沟通次数好像不对" seven times in a row was the alternative)
                    del dispatcher.messages[said_before:]
                    if asked == slot and slot not in before.declined:
                        new["declined"] = list(before.declined) + [slot]
    # "刚跟卖家说了，把我拉黑了": someone who had not contacted the seller now has, once
    if (before.seller_attitude == "not_contacted" and new.get("seller_attitude", "not_contacted") != "not_contacted"
            and not new.get("negotiation_rounds")):
        new["negotiation_rounds"] = max(1, before.negotiation_rounds or 0)
    if new.get("negotiation_rounds") == 0 and "seller_attitude" not in new and before.seller_attitude is None:
        new["seller_attitude"] = "not_contacted"  # "一回都没找过": no talk yet is no stance yet
    if reading.skipped and asked and asked != "amount_yuan" and asked not in before.declined:
        new["declined"] = list(before.declined) + [asked]  # "不太清楚": not asked again
    typed = new.get("dispute_type")
    if typed and k.dispute_types[typed].goods_in_hand and before.goods_received is None \
            and "goods_received" not in new:
        new["goods_received"] = True  # a colour, a size or a defect seen: the goods came
    if "platform_status" in new:
        new["ruling_ignored"] = new["platform_status"] == RULED_FOR_BUYER

    read_have, read_missing = reading.evidence_have, reading.evidence_missing
    if asked != "evidence_item" and new.get("dispute_type", before.dispute_type):
        # "照片我老公拍了", "拆的时候没录像": generic words, fitted to the case's own evidence
        after = case_facts(tracker, {s: v for s, v in new.items() if s in CASE_SLOTS})
        read_have, read_missing = fit_stated_evidence(
            k, text, read_have, read_missing, [i.id for i in applicable_items(k, after)],
            told_before=before.evidence_have + before.evidence_missing)
    have = [i for i in before.evidence_have if i not in read_missing]
    missing = [i for i in before.evidence_missing if i not in read_have]
    have += [i for i in read_have if i not in have]
    missing += [i for i in read_missing if i not in missing]
    new["evidence_have"], new["evidence_missing"] = have, missing

    current = {name: tracker.get_slot(name) for name in new}
    for name in ("evidence_have", "evidence_missing", "asked", "declined"):
        if name in current and current[name] is None:
            current[name] = []  # an unset list is an empty one: no event for it
    return [SlotSet(name, value) for name, value in new.items() if current[name] != value]
