"""Reading the current case and message out of a rasa_sdk Tracker."""
import datetime
from typing import Any, Dict, List, Optional, Text, Tuple

from rasa_sdk import Tracker

from advisor.case import CaseFacts
from advisor.detection import FALLBACK_INTENT
from advisor.text import says_nothing

# The slots that hold the case state (advisor.case.CaseFacts reads them).
CASE_SLOTS = (
    "dispute_type",
    "amount_yuan",
    "days_since_receipt",
    "negotiation_rounds",
    "seller_attitude",
    "platform_status",
    "ruling_ignored",
    "goods_received",
    "paid_off_platform",
    "urgent",
    "legal_matter",
    "wants",
    "product_category",
    "evidence_have",
    "evidence_missing",
    "asked",
    "declined",
)
# bookkeeping of the dialogue, not facts of the case
_NOT_FACTS = ("asked", "declined")


def case_facts(tracker: Tracker, overrides: Optional[Dict[Text, Any]] = None) -> CaseFacts:
    slots = {name: tracker.get_slot(name) for name in CASE_SLOTS}
    slots.update(overrides or {})
    return CaseFacts.from_slots(slots)


def latest_intent(tracker: Tracker) -> Tuple[Optional[Text], float]:
    intent = tracker.latest_message.get("intent") or {}
    return intent.get("name"), float(intent.get("confidence") or 0.0)


def classified_intent(tracker: Tracker) -> Tuple[Optional[Text], float, bool]:
    """The classifier's own top intent, even when FallbackClassifier overrode it.

    Returns (name, confidence, fell_back).
    """
    name, confidence = latest_intent(tracker)
    if name != FALLBACK_INTENT:
        return name, confidence, False
    for ranked in tracker.latest_message.get("intent_ranking") or []:
        if ranked.get("name") != FALLBACK_INTENT:
            return ranked.get("name"), float(ranked.get("confidence") or 0.0), True
    return None, 0.0, True


# Shoppers write dates in China's time ("12月1号收到的"): UTC+8 all year round.
CHINA_TIME = datetime.timezone(datetime.timedelta(hours=8))


def message_date(tracker: Tracker) -> datetime.date:
    """The day (China time) the latest user message was sent; today if it has no time."""
    for event in reversed(tracker.events):
        if event.get("event") == "user" and isinstance(event.get("timestamp"), (int, float)):
            return datetime.datetime.fromtimestamp(event["timestamp"], CHINA_TIME).date()
    return datetime.datetime.now(CHINA_TIME).date()


def entity_values(tracker: Tracker, entity: Text) -> List[Any]:
    return [
        e.get("value")
        for e in tracker.latest_message.get("entities") or []
        if e.get("entity") == entity
    ]


def slots_set_this_turn(tracker: Tracker) -> Dict[Text, Any]:
    """Slots set since the latest user message (by the fact reader)."""
    result: Dict[Text, Any] = {}
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            break
        if event.get("event") == "slot":
            result.setdefault(event["name"], event.get("value"))
    return result


def facts_set_this_turn(tracker: Tracker) -> CaseFacts:
    """The case facts this message added or changed."""
    changed = {k: v for k, v in slots_set_this_turn(tracker).items() if v is not None and k not in _NOT_FACTS}
    return CaseFacts.from_slots(changed)


def facts_set_this_turn_any(tracker: Tracker) -> bool:
    """Whether this message changed any case fact (evidence included). With no case open,
    what a question names in passing ("仅退款是啥意思" names a refund; "吃了没" eating) is
    no fact: only a dispute type or a fact about an order counts."""
    set_now = slots_set_this_turn(tracker)
    in_passing = () if tracker.get_slot("dispute_type") or set_now.get("dispute_type") \
        else ("wants", "goods_received")
    return any(k in CASE_SLOTS and k not in _NOT_FACTS and k not in in_passing and v not in (None, [])
               for k, v in set_now.items())


# While the assistant waits for an answer, a question or small-talk intent below
# this confidence is more likely a loose answer ("不太清楚") than what it says.
FAQ_MIN_CONFIDENCE_WHILE_ASKING = 0.6


# A message this long that asks nothing is a story, whatever question the classifier
# matched it to ("…客服回我「气杆属于易损件」 这品质真的会谢" read as the off-platform question).
STORY_CHARS = 40


def faq_to_answer(tracker: Tracker, faq: Dict[Text, Text]) -> Optional[Text]:
    """The FAQ intent this message asks, if it should be answered: not for English (the
    classifier knows Chinese only) nor for a long message that asks nothing."""
    from advisor.text import clean, is_english_only, looks_like_question

    from actions.knowledge_base import KNOWLEDGE
    from advisor.detection import offline_subject

    text = clean(tracker.latest_message.get("text") or "")
    if is_english_only(text) or (len(text) > STORY_CHARS and not looks_like_question(text)):
        return None
    if not tracker.get_slot("dispute_type") and offline_subject(KNOWLEDGE, text.lower()):
        return None  # "银行柜员…投诉都不知道找谁": not an online order, whatever it asks
    if vague_complaint(tracker):
        return None
    intent = _sure_enough(tracker, faq)
    topics = KNOWLEDGE.faq_topics.get(intent or "")
    if topics and not tracker.get_slot("dispute_type") and not any(w in text.lower() for w in topics):
        return None  # "淘宝这规矩谁定的…差评给折叠": not the off-platform scam question, however sure
    return intent


SMALL_TALK = ("greet", "goodbye", "thank", "help", "human_handoff")


def small_talk(tracker: Tracker) -> Optional[Text]:
    """The small-talk intent to answer, if the message is that and not an answer."""
    if vague_complaint(tracker):
        return None
    talk = _sure_enough(tracker, SMALL_TALK)
    if talk is None and not tracker.get_slot("dispute_type") and not tracker.get_slot("requested_slot"):
        from actions.knowledge_base import KNOWLEDGE

        text = (tracker.latest_message.get("text") or "").lower()
        if any(w in text for w in KNOWLEDGE.help_cues):
            return "help"  # "你这个维权助手能帮我写投诉的话不": what it can do, however the classifier read it
        if any(w in text for w in KNOWLEDGE.privacy["question_cues"]):
            return "privacy"  # "你会把我的信息给卖家吗": what happens to what they tell
        if says_nothing(text):
            return "greet"  # "？" or an emoji alone opens nothing: hello, and what to tell
    return talk


def vague_complaint(tracker: Tracker) -> bool:
    """"被坑了，退也不是留着也不是", "有没有人管管啊 气死我了": with no case open, a complaint cue
    means a problem to ask about (the case step asks what happened), not the rights question
    or the small talk the classifier matched (a rights question asked in so many words is
    still answered: the case step's cued_question)."""
    from actions.knowledge_base import KNOWLEDGE
    from advisor.text import clean

    text = clean(tracker.latest_message.get("text") or "")
    cues = KNOWLEDGE.complaint_cues + KNOWLEDGE.help_openers
    return not tracker.get_slot("dispute_type") and any(w in text for w in cues)


def _sure_enough(tracker: Tracker, intents) -> Optional[Text]:
    intent, confidence = latest_intent(tracker)
    if intent not in intents:
        return None
    if tracker.get_slot("requested_slot") and confidence < FAQ_MIN_CONFIDENCE_WHILE_ASKING:
        return None
    return intent


def bot_texts(tracker: Tracker) -> set:
    """Everything the assistant has said in this conversation."""
    return {e.get("text") for e in tracker.events if e.get("event") == "bot"}


def said_lately(tracker: Tracker, last: int = 8) -> List[Text]:
    """What the assistant said in its last few messages (bot_texts: all of them)."""
    return [e.get("text") for e in tracker.events if e.get("event") == "bot"][-last:]


def bot_spoke_this_turn(tracker: Tracker) -> bool:
    """Whether something was already said since the latest user message."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "bot":
            return True
    return False
