"""action_case_step: the one action a message calls (most turns): read it for
facts, answer a FAQ it asks, then say what the case calls for.

It asks advisor.step for the next move and carries it out: a short answer to
a message that is no dispute, the dispute type named with what was picked up,
the next question (in another wording when the last answer couldn't be read),
or the advice, recomputed whenever a fact has changed since it was given.
"""
import re
from typing import Any, Dict, List, Optional, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import case_file_sync
from actions.dialogue import answer_question, faq_beside_report
from actions.fact_reading import read_into
from actions.knowledge_base import KNOWLEDGE
from actions.tracker_facts import (
    CASE_SLOTS,
    bot_texts,
    case_facts,
    classified_intent,
    facts_set_this_turn,
    facts_set_this_turn_any,
    faq_to_answer,
    said_lately,
    small_talk,
    slots_set_this_turn,
)
from advisor import privacy, replies
from advisor.advice import advise, change_line
from advisor.case import tells_of_a_problem
from advisor.detection import cued_question, situation_for
from advisor.evidence import applicable_items
from advisor.facts import read_message
from advisor.knowledge import QUESTION_SLOTS
from advisor.step import ADVISE, ASK, MAX_TRIES, next_step
from advisor.text import clean, is_english_only, looks_like_question


# "删除我的记录" must be meant: a confirmation is asked anyway, but an unsure guess
# should not interrupt a case with a deletion question.
ERASE_MIN_CONFIDENCE = 0.6


def answered_open_question(tracker: Tracker, read: List[Dict[Text, Any]]) -> bool:
    """The fact reader's events of this message answered the question the assistant had open
    (for the evidence question: any evidence read)."""
    asked, set_now = tracker.get_slot("requested_slot"), {e.get("name") for e in read}
    return bool(asked) and (asked in set_now or (
        asked == "evidence_item" and bool(set_now & {"evidence_have", "evidence_missing"})))


def first_contact(tracker: Tracker) -> bool:
    """Nothing was said to this user before in this conversation."""
    return not any(e.get("event") == "bot" for e in tracker.events)


def comes_back(tracker: Tracker, first: bool) -> bool:
    """The user is back: a new session, a long pause since their last message, a greeting,
    or words that say so ("我又来了", "上次说的那个裙子的事")."""
    text = tracker.latest_message.get("text") or ""
    # (not a comparison: "比上回那个还便宜点")
    said_back = any(w in text and not re.search("[比跟和像]" + re.escape(w), text) for w in KNOWLEDGE.case_file["back_words"])
    if first or classified_intent(tracker)[0] == "greet" or said_back:
        return True
    said = [e.get("timestamp") for e in tracker.events if e.get("event") == "user" and e.get("timestamp")]
    pause_s = said[-1] - said[-2] if len(said) >= 2 else 0
    return pause_s > 60 * float(KNOWLEDGE.case_file["back_after_minutes"])


class ActionCaseStep(Action):
    def name(self) -> Text:
        return "action_case_step"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        said_before = len(dispatcher.messages)
        first = first_contact(tracker)
        # back with a case still open: where it stands (read before this turn writes)
        welcome = case_file_sync.welcome_back(tracker) if comes_back(tracker, first) else None
        read = read_into(dispatcher, tracker)  # every message: the fact reader first
        reader_spoke = len(dispatcher.messages) > said_before  # it refused a value ("金额好像不对…")
        answered_open = answered_open_question(tracker, read)
        answer_question(dispatcher, tracker, answered_open)  # a FAQ it asks, answered first
        events = self.step(dispatcher, tracker, reader_spoke, answered_open)
        events = events + case_file_sync.sync(tracker, events)  # the case file, never only the tracker
        if case_file_sync.slots_after(tracker, events).get("case_end") in ("resolved", "closed"):
            events = events + [{"event": "reset_slots", "timestamp": None}]  # the next problem is a new case
        erased = any(e.get("name") == privacy.ERASE_SLOT for e in events)
        if len(dispatcher.messages) > said_before and not erased:
            if welcome and welcome not in said_lately(tracker):  # (not again at every "你好" of one sitting)
                dispatcher.utter_message(text=welcome)
                dispatcher.messages.insert(said_before, dispatcher.messages.pop())
            if first:  # PIPL: what is kept, why, for how long, how to delete it; once, after the first answer
                dispatcher.utter_message(text=privacy.notice(KNOWLEDGE))
        return read + events

    def step(self, dispatcher: CollectingDispatcher, tracker: Tracker, reader_spoke: bool,
             answered_open: bool = False) -> List[Dict[Text, Any]]:
        """What the case needs after this message (its facts already read): a question, the advice, or a reply."""
        k = KNOWLEDGE
        intent, confidence, _ = classified_intent(tracker)
        text = tracker.latest_message.get("text") or ""
        if tracker.get_slot("requested_slot") == privacy.ERASE_QUESTION:
            if privacy.erase_answer(k, text, intent):
                dispatcher.utter_message(text=k.privacy["erased"])
                return [SlotSet(privacy.ERASE_SLOT, True), SlotSet("requested_slot", None)]
            dispatcher.utter_message(text=k.privacy["erase_kept"])
            return [SlotSet("requested_slot", None)]
        if intent == privacy.ERASE_INTENT and confidence >= ERASE_MIN_CONFIDENCE and privacy.asks_to_erase(k, text):
            buttons = [{"title": t, "payload": p} for t, p in k.privacy["erase_buttons"]]
            dispatcher.utter_message(text=k.privacy["erase_confirm"], buttons=buttons)
            return [SlotSet("requested_slot", privacy.ERASE_QUESTION)]
        switched = case_file_sync.switch_to_named_case(tracker, text)
        if switched:
            message, events = switched
            dispatcher.utter_message(text=message)
            return events
        f = case_facts(tracker)
        changed = slots_set_this_turn(tracker)
        if changed.get("case_end") in ("resolved", "closed") and f.dispute_type:
            # "这事结了": the case file keeps it as ended (run() writes it, then starts afresh)
            status = k.case_file["statuses"][changed["case_end"]]
            dispatcher.utter_message(text=k.case_file["ended"].format(status=status))
            return [SlotSet("requested_slot", None)]
        cued = cued_question(k, text, intent)
        if cued and answered_open and not looks_like_question(clean(text)):
            cued = None  # "平台介入还没点 就只是申请了仅退款被拒了": an answer naming the topic, asking nothing
        if cued:
            # a rights question inside a report: answer it (once; asked again, point back to it),
            # then go on with the case (if any)
            aside = faq_beside_report(cued, bot_texts(tracker))
            if aside:
                dispatcher.utter_message(text=aside)
                if not facts_set_this_turn_any(tracker):
                    return []
        faq_aside = faq_to_answer(tracker, k.faq)  # the rules' FAQ action answered it this turn
        answered = self._reply_without_case(tracker, f, faq_aside)
        if answered is not None:
            reply, events = answered
            asking = tracker.get_slot("requested_slot") in QUESTION_SLOTS and f.dispute_type
            if asking and not events:
                # small talk while a question is open ("yibai liushijiu" read as a greeting): its
                # reply once, then the question again in its next wording, never the same turn twice
                if reply and reply not in bot_texts(tracker):
                    dispatcher.utter_message(text=reply)
            else:
                if reply:
                    dispatcher.utter_message(text=reply)
                return events

        lines: List[Text] = []
        events: List[Dict[Text, Any]] = []
        if "dispute_type" in changed and f.dispute_type:
            if "case_id" in changed and changed["case_id"] is None and tracker.get_slot("case_id") is None:
                lines.append(k.case_file["new_case"])  # another order: the old case stays as it was
            if is_english_only(clean(text)):
                t = k.dispute_types[f.dispute_type]
                lines.append(replies.phrase(k, "english_understood", english_name=t.english_name, name=t.name))
            lines.append(replies.acknowledgement(k, f))
        else:
            # evidence named only where it fits the case ("检测报告就冇" names a listing proof too)
            noted = replies.noted(k, facts_set_this_turn(tracker), [i.id for i in applicable_items(k, f)])
            if noted:
                lines.append(noted)
            if "declined" in changed:
                lines.append(k.phrases["declined"])  # "不太清楚": said once, then on to the next question

        step = next_step(k, f)
        if step.kind == ASK:
            if step.slot == tracker.get_slot("requested_slot") and reader_spoke and not faq_aside:
                return []  # the fact reader already refused the value and asked again ("金额好像不对…")
            moved = self._moved_advice(tracker, f, changed)
            if moved:
                # the advice already given no longer holds: say so now, ask what is still needed
                lines.append(change_line(k, tracker.get_slot("recommendation"), moved))
                events.append(SlotSet("recommendation", moved.recommendation))
            wording = step.wording
            if step.slot == "evidence_item" and ({"evidence_have", "evidence_missing"} & set(changed)):
                wording = 0  # the answer was read; more items now fit (辣条: food), so no "没看出"
            question, buttons = replies.question(k, step.slot, wording, step.evidence)
            lines.append(question)
            dispatcher.utter_message(text="\n".join(lines), buttons=buttons)
            return events + [
                SlotSet("requested_slot", step.slot),
                SlotSet("asked", list(f.asked) + [step.slot]),
            ]
        if step.kind == ADVISE:
            return self._advise(dispatcher, tracker, f, lines)
        # STUCK: the type is still unknown after every wording of the question. Say
        # so once, then what the assistant can do (never the same sentence twice in a row).
        stuck_before = f.asked.count("dispute_type") > MAX_TRIES
        text = replies.help_text(k) if stuck_before else k.situations["unclear"]
        dispatcher.utter_message(text=text, buttons=replies.dispute_type_buttons(k))
        return [SlotSet("requested_slot", None), SlotSet("asked", list(f.asked) + ["dispute_type"])]

    @staticmethod
    def _reply_without_case(
        tracker: Tracker, f, faq_aside: Optional[Text]
    ) -> Optional[Tuple[Text, List[Dict[Text, Any]]]]:
        """A message that moves no case, as (reply, events): nothing after a FAQ
        answer (already said), the small-talk reply, or the no-dispute reply. None when
        the case goes on (also after a FAQ answered while a question is open: it is asked again)."""
        k = KNOWLEDGE
        if faq_aside and f.dispute_type is None and not tracker.get_slot("requested_slot") \
                and not tells_of_a_problem(slots_set_this_turn(tracker)):
            # "…是不是就是仅退款？我还没申请，先弄明白再说": a question with facts that tell of no
            # problem (what is wanted, nothing applied for) is answered; the facts wait for a case
            return "", []
        if not facts_set_this_turn_any(tracker):
            if faq_aside:
                # an aside while a question is open ("平台?这种小事平台还管啊"): after the answer, the
                # question again in its next wording (the case goes on); else nothing more
                return None if tracker.get_slot("requested_slot") else ("", [])
            talk = small_talk(tracker)
            if talk == "privacy":
                return privacy.question_answer(k), []
            if talk:
                return (replies.help_text(k) if talk == "help" else k.situations[talk]), []
        if f.dispute_type is None:
            intent, confidence, _ = classified_intent(tracker)
            text = tracker.latest_message.get("text") or ""
            reading = read_message(k, text)
            situation = situation_for(k, text, intent, confidence, reading.types, reading.negated_types)
            if situation:
                return k.situations[situation], [SlotSet("requested_slot", None)]
        return None

    @staticmethod
    def _moved_advice(tracker: Tracker, f, changed: Dict[Text, Any]):
        """The advice on today's facts, when advice was given and its recommendation moved."""
        if not tracker.get_slot("advice_basis") or not f.dispute_type:
            return None
        if not any(k in changed for k in CASE_SLOTS if k not in ("asked", "declined")):
            return None
        advice = advise(KNOWLEDGE, f)
        return advice if advice.recommendation != tracker.get_slot("recommendation") else None

    def _advise(self, dispatcher, tracker: Tracker, f, lines: List[Text]) -> List[Dict[Text, Any]]:
        k = KNOWLEDGE
        advice = advise(k, f)
        basis = advice.basis(f.dispute_type or "")
        given = tracker.get_slot("advice_basis")
        events = [
            SlotSet("requested_slot", None),
            SlotSet("recommendation", advice.recommendation),
            SlotSet("advice_basis", basis),
        ]
        if given == basis:
            # nothing that changes the advice: say so in one line
            lines.append(k.phrases["advice_unchanged"])
            dispatcher.utter_message(text="\n".join(lines), buttons=replies.faq_buttons(k))
            return events
        if given:
            lines.append(change_line(k, tracker.get_slot("recommendation"), advice))
        if lines:
            dispatcher.utter_message(text="\n".join(lines))
        dispatcher.utter_message(text=replies.checklist(k, f))
        dispatcher.utter_message(text=replies.advice_text(k, f, advice))
        text, buttons = replies.closing(k)
        dispatcher.utter_message(text=text, buttons=buttons)
        return events
