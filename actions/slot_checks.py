"""Range checks for case facts, shared by the global and the form validators.

Each check returns the slot dict to apply: the value, or None plus a message
to the user when the value makes no sense ("花了-5元", "收到300天了").
"""
from typing import Any, Dict, Optional, Text

from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge_base import KNOWLEDGE

ADVICE = KNOWLEDGE.advice


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
        dispatcher.utter_message(text="金额好像不对（不能是负数）。请告诉我实际付了多少钱，比如“299元”。")
        return {"amount_yuan": None}
    if amount > ADVICE["max_amount_yuan"]:
        dispatcher.utter_message(text="这个金额大得不太寻常，我先不记。请再确认一下实际付款金额？")
        return {"amount_yuan": None}
    return {"amount_yuan": amount}


def check_days(value: Any, dispatcher: CollectingDispatcher) -> Dict[Text, Any]:
    if value is None:
        return {}
    days = _number(value)
    limit = ADVICE["max_days_since_receipt"]
    if days is None or days < 0:
        dispatcher.utter_message(text="收货时间好像不对，请告诉我大概是几天前收到的？")
        return {"days_since_receipt": None}
    if days > limit:
        dispatcher.utter_message(
            text=f"收货{int(days)}天有点久了，我先不记这个数字。请确认一下是几天前收到的？"
            f"如果真的超过{limit}天，先去订单页看看还能不能申请售后。"
        )
        return {"days_since_receipt": None}
    return {"days_since_receipt": int(days)}


def check_rounds(value: Any, dispatcher: CollectingDispatcher) -> Dict[Text, Any]:
    if value is None:
        return {}
    rounds = _number(value)
    if rounds is None or rounds < 0 or rounds > 100:
        dispatcher.utter_message(text="沟通次数好像不对，大概和卖家沟通了几次？")
        return {"negotiation_rounds": None}
    return {"negotiation_rounds": int(rounds)}
