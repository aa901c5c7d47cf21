"""Range checks for case facts, shared by the global and the form validators.

Each check returns the slot dict to apply: the value, or None plus a message
to the user when the value makes no sense ("花了-5元", "收到300天了").
"""
from typing import Any, Dict, Optional, Text

from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge_base import KNOWLEDGE

ADVICE = KNOWLEDGE.advice
PHRASES = KNOWLEDGE.phrases


def _number(value: Any) -> Optional[float]:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def check_amount(value: Any, dispatcher: CollectingDispatcher) -> Dict[Text, Any]:
    if value is None:
        return {}
    amount = _number(value)
    if amount is None or amount < 0:
        dispatcher.utter_message(text=PHRASES["bad_amount_negative"])
        return {"amount_yuan": None}
    if amount > ADVICE["max_amount_yuan"]:
        dispatcher.utter_message(text=PHRASES["bad_amount_huge"])
        return {"amount_yuan": None}
    return {"amount_yuan": amount}


def check_days(value: Any, dispatcher: CollectingDispatcher) -> Dict[Text, Any]:
    if value is None:
        return {}
    days = _number(value)
    limit = ADVICE["max_days_since_receipt"]
    if days is None or days < 0:
        dispatcher.utter_message(text=PHRASES["bad_days"])
        return {"days_since_receipt": None}
    if days > limit:
        dispatcher.utter_message(text=PHRASES["bad_days_long"].format(days=int(days), limit=limit))
        return {"days_since_receipt": None}
    return {"days_since_receipt": int(days)}


def check_rounds(value: Any, dispatcher: CollectingDispatcher) -> Dict[Text, Any]:
    if value is None:
        return {}
    rounds = _number(value)
    if rounds is None or rounds < 0 or rounds > 100:
        dispatcher.utter_message(text=PHRASES["bad_rounds"])
        return {"negotiation_rounds": None}
    return {"negotiation_rounds": int(rounds)}
