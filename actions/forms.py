"""The two forms: case facts (what the advice needs) and the evidence walk."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions import slot_checks
from actions.knowledge_base import KNOWLEDGE
from actions.tracker_facts import latest_intent
from advisor import evidence, replies
from advisor.advice import NEGATIVE_ATTITUDES
from advisor.numbers import parse_amount, parse_count


class ValidateCaseForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_case_form"

    async def required_slots(
        self, domain_slots: List[Text], dispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Text]:
        slots = ["dispute_type", "amount_yuan", "seller_attitude"]
        attitude = tracker.get_slot("seller_attitude")
        rounds = tracker.get_slot("negotiation_rounds") or 0
        if attitude and attitude != "not_contacted":
            slots.append("negotiation_rounds")
        if attitude in NEGATIVE_ATTITUDES or rounds >= 2:
            slots.append("ruling_ignored")
        return slots

    def _requested(self, tracker: Tracker, slot: Text) -> bool:
        return tracker.get_slot("requested_slot") == slot and tracker.get_slot(slot) is None

    def extract_amount_yuan(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        # A bare number ("299") counts only as the answer to our amount question.
        if not self._requested(tracker, "amount_yuan"):
            return {}
        if latest_intent(tracker)[0] == "deny":
            return {"amount_yuan": 0.0}  # 0 = the user prefers not to say
        amount = parse_amount(tracker.latest_message.get("text") or "", bare=True)
        return {} if amount is None else {"amount_yuan": amount}

    def extract_negotiation_rounds(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        if not self._requested(tracker, "negotiation_rounds"):
            return {}
        count = parse_count(tracker.latest_message.get("text") or "", bare=True)
        return {} if count is None else {"negotiation_rounds": count}

    def validate_dispute_type(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return {"dispute_type": value}

    def validate_amount_yuan(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return slot_checks.check_amount(value, dispatcher)

    def validate_negotiation_rounds(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return slot_checks.check_rounds(value, dispatcher)

    def validate_seller_attitude(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        if value == "not_contacted":
            return {"seller_attitude": value, "negotiation_rounds": 0}
        return {"seller_attitude": value}

    def validate_ruling_ignored(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return {"ruling_ignored": bool(value)}


class ValidateEvidenceForm(FormValidationAction):
    """Records each yes/no answer against the next unanswered evidence item."""

    def name(self) -> Text:
        return "validate_evidence_form"

    async def required_slots(
        self, domain_slots: List[Text], dispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Text]:
        code = tracker.get_slot("dispute_type")
        if not code:
            return []
        remaining = evidence.remaining_items(
            KNOWLEDGE,
            code,
            tracker.get_slot("evidence_have") or [],
            tracker.get_slot("evidence_missing") or [],
        )
        return ["evidence_item"] if remaining else []

    def validate_evidence_item(self, value, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        code = tracker.get_slot("dispute_type")
        have = list(tracker.get_slot("evidence_have") or [])
        missing = list(tracker.get_slot("evidence_missing") or [])
        item = evidence.next_item(KNOWLEDGE, code, have, missing) if code else None
        if item is None:
            return {"evidence_item": None}
        if value == "have":
            have.append(item.id)
        else:
            missing.append(item.id)
        # Clearing evidence_item makes the form ask about the next item, if any.
        return {"evidence_have": have, "evidence_missing": missing, "evidence_item": None}


class ActionAskEvidenceItem(Action):
    def name(self) -> Text:
        return "action_ask_evidence_item"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        code = tracker.get_slot("dispute_type")
        item = evidence.next_item(
            KNOWLEDGE,
            code,
            tracker.get_slot("evidence_have") or [],
            tracker.get_slot("evidence_missing") or [],
        ) if code else None
        if item is None:
            dispatcher.utter_message(
                text="这类问题需要的证据你都提到了。回复“好”看我的建议。",
                buttons=[{"title": "看建议", "payload": "/affirm"}],
            )
        else:
            dispatcher.utter_message(
                text=replies.evidence_question(KNOWLEDGE, code, item),
                buttons=replies.evidence_buttons(),
            )
        return []


class ActionAskDisputeType(Action):
    def name(self) -> Text:
        return "action_ask_dispute_type"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        dispatcher.utter_message(
            text="遇到的是哪一类问题？可以直接描述发生了什么，也可以点下面的选项：",
            buttons=replies.dispute_type_buttons(KNOWLEDGE),
        )
        return []


class ActionAskSellerAttitude(Action):
    def name(self) -> Text:
        return "action_ask_seller_attitude"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        text, buttons = replies.seller_attitude_question(KNOWLEDGE)
        dispatcher.utter_message(text=text, buttons=buttons)
        return []


class ActionAskNegotiationRounds(Action):
    def name(self) -> Text:
        return "action_ask_negotiation_rounds"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        text, buttons = replies.negotiation_rounds_question()
        dispatcher.utter_message(text=text, buttons=buttons)
        return []
