"""Slot extraction and validation on every user message (action_validate_slot_mappings)."""
import re
from typing import Any, Dict, Text

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import ValidationAction
from rasa_sdk.types import DomainDict

from actions import slot_checks
from actions.knowledge_base import INTENT_CONFIDENCE_THRESHOLD
from actions.tracker_facts import classified_intent, entity_values
from advisor.detection import choose_dispute_type


def _has_words(text) -> bool:
    return bool(re.search(r"\w", text or ""))


class ValidateSlotMappings(ValidationAction):
    def extract_dispute_type(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        current = tracker.get_slot("dispute_type")
        if not _has_words(tracker.latest_message.get("text")):
            return {}  # "？？？" or emoji alone describe nothing, whatever DIET guesses
        intent, confidence, fell_back = classified_intent(tracker)
        chosen = choose_dispute_type(
            current,
            intent,
            confidence,
            entity_values(tracker, "dispute_type"),
            INTENT_CONFIDENCE_THRESHOLD,
            uncertain=fell_back,
        )
        return {} if chosen == current else {"dispute_type": chosen}

    def extract_evidence_have(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        have = list(tracker.get_slot("evidence_have") or [])
        mentioned = [v for v in entity_values(tracker, "evidence") if isinstance(v, str)]
        new = [v for v in dict.fromkeys(mentioned) if v not in have]
        return {"evidence_have": have + new} if new else {}

    def validate_amount_yuan(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return slot_checks.check_amount(value, dispatcher)

    def validate_days_since_receipt(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return slot_checks.check_days(value, dispatcher)

    def validate_negotiation_rounds(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return slot_checks.check_rounds(value, dispatcher)


def _accept(slot: Text):
    def validate(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return {slot: value}

    return validate


# Slots whose extracted value needs no check: an explicit pass, so rasa_sdk
# doesn't log "Skipping validation … no validation method" on every message.
for _slot in ("dispute_type", "evidence_have", "seller_attitude", "product_category",
              "ruling_ignored", "legal_matter", "urgent"):
    setattr(ValidateSlotMappings, f"validate_{_slot}", _accept(_slot))
