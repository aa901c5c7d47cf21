"""Beside the case step: a question answered (called by the case step), start over."""
from typing import Optional, Set, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import AllSlotsReset
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.knowledge_base import KNOWLEDGE
from actions.tracker_facts import bot_texts, faq_to_answer
from advisor.detection import cued_questions
from advisor.text import clean, looks_like_question


def answer_question(dispatcher: CollectingDispatcher, tracker: Tracker, answered: bool = False) -> None:
    """The FAQ this message asks, answered before the case step goes on (an unsure
    guess while a question is open is left to the case step, which reads it as an answer).
    `answered`: the message answered the open question; then only a question asked in so many
    words gets an aside ("平台介入还没点 就只是申请了仅退款被拒了" names 仅退款, asks nothing)."""
    intent = faq_to_answer(tracker, KNOWLEDGE.faq)
    if not intent:
        return
    if answered and not looks_like_question(clean(tracker.latest_message.get("text") or "")):
        return
    answer = KNOWLEDGE.faq[intent]
    pointer = KNOWLEDGE.phrases["faq_said_before"]
    said = bot_texts(tracker)
    # a second asking points back to the first answer; a third, while a question is
    # open, gets no aside (the case step puts its question again in other words), and
    # with none open the answer again (someone who insists is answered)
    if answer not in said or (pointer in said and not tracker.get_slot("requested_slot")):
        dispatcher.utter_message(text=answer)
    elif pointer not in said:
        dispatcher.utter_message(text=pointer)
    # "介入要多久出结果？申请了会不会被当成恶意买家？": a second question asked in so many words
    text = tracker.latest_message.get("text") or ""
    for other in cued_questions(KNOWLEDGE, text):
        if other != intent and KNOWLEDGE.faq[other] not in said:
            dispatcher.utter_message(text=KNOWLEDGE.faq[other])


def faq_beside_report(intent: Text, said: Set[Text]) -> Optional[Text]:
    """What to say of a FAQ asked beside a report: its answer the first time, then a pointer
    back to it once, then nothing more."""
    answer, pointer = KNOWLEDGE.faq[intent], KNOWLEDGE.phrases["faq_said_before"]
    return answer if answer not in said else (pointer if pointer not in said else None)


class ActionStartOver(Action):
    """"重新开始": forget the case and any open form, keep the conversation log.

    Rasa's own action_restart wipes the tracker, which `rasa test` cannot
    follow; resetting the slots gives the user the same fresh start.
    """

    def name(self) -> Text:
        return "action_start_over"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        text = (tracker.latest_message.get("text") or "").lower()
        if not any(w in text for w in KNOWLEDGE.case_file["start_over_cues"]):
            # a guess with no word of starting over ("就刚才那一次") must not wipe the case
            from actions.case_step import ActionCaseStep  # (case_step imports this module)

            return ActionCaseStep().run(dispatcher, tracker, domain)
        dispatcher.utter_message(text=KNOWLEDGE.situations["start_over"])
        return [AllSlotsReset()]
