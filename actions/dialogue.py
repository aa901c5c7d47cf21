"""Actions that speak about the case: acknowledge, switch type, advise, answer, note facts."""
from typing import Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, AllSlotsReset, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.knowledge_base import KNOWLEDGE
from actions.tracker_facts import (
    case_facts,
    facts_set_this_turn,
    latest_intent,
    slots_set_this_turn,
)
from advisor import replies
from advisor.advice import advise
from advisor.detection import FALLBACK_INTENT


class ActionAcknowledgeDispute(Action):
    """Answer a description of the problem (or facts, or an unclear message).

    A type found in this message is named and the user asked to confirm it;
    without a type the user gets the list of types to pick from.
    """

    def name(self) -> Text:
        return "action_acknowledge_dispute"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        facts = case_facts(tracker)
        this_turn = slots_set_this_turn(tracker)
        unclear = latest_intent(tracker)[0] == FALLBACK_INTENT
        noted = replies.facts_summary(KNOWLEDGE, facts_set_this_turn(tracker))
        if facts.dispute_type is None:
            if unclear and not noted:
                text = "抱歉，我没太明白。如果是订单出了问题，可以描述一下发生了什么，或者直接选一类："
            elif noted:
                text = "记下了：" + "；".join(noted) + "。遇到的是哪一类问题？可以描述一下，或者直接选："
            else:
                text = "我还不太确定这属于哪一类问题。可以再具体说说，或者直接选一个："
            dispatcher.utter_message(text=text, buttons=replies.dispute_type_buttons(KNOWLEDGE))
        elif "dispute_type" in this_turn:
            dispatcher.utter_message(
                text=replies.acknowledgement(KNOWLEDGE, facts),
                buttons=replies.confirm_buttons(),
            )
        elif noted:
            # More facts about a case we already know: note them, offer fresh advice.
            dispatcher.utter_message(
                text="记下了：" + "；".join(noted) + "。要按新情况重新看一下建议吗？",
                buttons=replies.confirm_buttons(),
            )
        else:
            dispatcher.utter_message(response="utter_default")
        return []


class ActionSwitchDisputeType(Action):
    """After "不是" or "不是色差，是尺码": take the new type (or none, to ask again)."""

    def name(self) -> Text:
        return "action_switch_dispute_type"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        events = [SlotSet("recommendation", None)]
        code = tracker.get_slot("dispute_type")
        if latest_intent(tracker)[0] == "deny":
            code = None
            events.append(SlotSet("dispute_type", None))
            dispatcher.utter_message(text="抱歉，我理解错了。")
        if code:
            name = KNOWLEDGE.dispute_types[code].name
            dispatcher.utter_message(text=f"好的，按「{name}」来处理。")
        # Evidence answers are kept: items are shared between types, so the walk
        # only asks what the new type needs and the user hasn't answered.
        return events


class ActionGiveAdvice(Action):
    def name(self) -> Text:
        return "action_give_advice"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        facts = case_facts(tracker)
        if facts.dispute_type is None:
            dispatcher.utter_message(response="utter_default")
            return []
        advice = advise(KNOWLEDGE, facts)
        dispatcher.utter_message(text=replies.checklist(KNOWLEDGE, facts))
        dispatcher.utter_message(text=replies.advice_text(KNOWLEDGE, facts, advice))
        dispatcher.utter_message(
            text="还有想了解的吗？可以直接问，也可以点：", buttons=replies.faq_buttons()
        )
        return [SlotSet("recommendation", advice.recommendation)]


class ActionAnswerQuestion(Action):
    def name(self) -> Text:
        return "action_answer_question"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        intent, _ = latest_intent(tracker)
        answer = KNOWLEDGE.faq.get(intent or "")
        if answer:
            dispatcher.utter_message(text=answer)
        else:
            dispatcher.utter_message(response="utter_default")
        return []


class ActionNoteFacts(Action):
    """A message in the middle of a form that doesn't answer its question."""

    def name(self) -> Text:
        return "action_note_facts"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        noted = replies.facts_summary(KNOWLEDGE, facts_set_this_turn(tracker))
        if noted:
            dispatcher.utter_message(text="记下了：" + "；".join(noted) + "。")
        else:
            dispatcher.utter_message(text="这句我没太明白，我们先把上面这个问题答完（可以直接点按钮）。")
        return []


class ActionStartOver(Action):
    """"重新开始": forget the case and any open form, keep the conversation log.

    Rasa's own action_restart wipes the tracker, which `rasa test` cannot
    follow; resetting the slots gives the user the same fresh start.
    """

    def name(self) -> Text:
        return "action_start_over"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        dispatcher.utter_message(response="utter_restart")
        return [ActiveLoop(None), AllSlotsReset()]


class ActionHelp(Action):
    """What the assistant can do, with the dispute types read from the knowledge file."""

    def name(self) -> Text:
        return "action_help"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        dispatcher.utter_message(text=replies.help_text(KNOWLEDGE))
        return []
