"""action_my_cases: "我的案件" / "维权进度": every case the user has, open ones first,
each told back in a few lines (advisor.case_summary)."""
import logging
from typing import Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import case_file_sync
from actions.knowledge_base import KNOWLEDGE
from advisor.case_summary import summary

logger = logging.getLogger(__name__)


class ActionMyCases(Action):
    def name(self) -> Text:
        return "action_my_cases"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        k = KNOWLEDGE
        try:
            cases = case_file_sync.store().cases_of(tracker.sender_id)
        except Exception as e:
            logger.warning("case file not read (%s)", type(e).__name__)
            cases = []
        if not cases:
            dispatcher.utter_message(text=k.case_file["no_cases"])
            return []
        cases.sort(key=lambda c: (not c.is_open, c.number))
        lines = [k.case_file["my_cases"].format(count=len(cases))]
        lines += [summary(k, c) for c in cases]
        dispatcher.utter_message(text="\n\n".join(lines))
        return []
