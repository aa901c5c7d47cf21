"""action_ready_text: the text the shopper asked for (to the seller, for the
intervention form, for 12315), filled with this case's facts (advisor.ready_texts)."""
from typing import Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import case_file_sync
from actions.case_step import ActionCaseStep
from actions.fact_reading import read_into
from actions.knowledge_base import KNOWLEDGE
from actions.tracker_facts import case_facts, classified_intent
from advisor.ready_texts import fill

KIND_OF_INTENT = {"write_to_seller": "seller", "write_intervention": "intervention", "write_12315": "complaint_12315"}


class ActionReadyText(Action):
    def name(self) -> Text:
        return "action_ready_text"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        read = read_into(dispatcher, tracker)  # "帮我写给卖家的，花了399": the facts first
        intent, _, _ = classified_intent(tracker)
        kind = KIND_OF_INTENT.get(intent or "")
        f = case_facts(tracker)
        if kind is None or not f.dispute_type:
            dispatcher.utter_message(text=KNOWLEDGE.ready_texts["need_case"])
            typed = any(e.get("name") == "dispute_type" and e.get("value") for e in read)
            if f.dispute_type or typed or tracker.get_slot("requested_slot"):
                return read
            # "先说说订单遇到了什么问题" asks for the problem: the next message answers it
            return read + [SlotSet("requested_slot", "dispute_type"), SlotSet("asked", list(f.asked) + ["dispute_type"])]
        metadata = tracker.latest_message.get("metadata") or {}
        dispatcher.utter_message(text=fill(KNOWLEDGE, kind, f, metadata if isinstance(metadata, dict) else {}))
        if not tracker.get_slot("requested_slot"):
            return read
        # asked in the middle of the walk ("还没找店家呢，想先搞清楚怎么开口" answers the question
        # too): the walk goes on with its next question, or the advice, as the case step would
        events = ActionCaseStep().step(dispatcher, tracker, reader_spoke=False)
        return read + events + case_file_sync.sync(tracker, events)
