"""Actions beside the case step: answer a question, start over."""
from typing import Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import AllSlotsReset
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.knowledge_base import KNOWLEDGE
from actions.tracker_facts import faq_to_answer


class ActionAnswerQuestion(Action):
    def name(self) -> Text:
        return "action_answer_question"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        intent = faq_to_answer(tracker, KNOWLEDGE.faq)
        if intent:
            dispatcher.utter_message(text=KNOWLEDGE.faq[intent])
        # else: an unsure guess while a question is open; action_case_step reads it as an answer
        return []


class ActionStartOver(Action):
    """"重新开始": forget the case and any open form, keep the conversation log.

    Rasa's own action_restart wipes the tracker, which `rasa test` cannot
    follow; resetting the slots gives the user the same fresh start.
    """

    def name(self) -> Text:
        return "action_start_over"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        dispatcher.utter_message(text=KNOWLEDGE.situations["start_over"])
        return [AllSlotsReset()]
