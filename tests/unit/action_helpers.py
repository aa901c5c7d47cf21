"""Real rasa_sdk Trackers and dispatchers for action tests."""
import asyncio
import uuid
from typing import Any, Dict, List, Optional

import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from pathlib import Path

DOMAIN = yaml.safe_load((Path(__file__).resolve().parents[2] / "domain.yml").read_text("utf-8"))
SLOT_NAMES = list(DOMAIN["slots"])


def make_tracker(
    text: str = "",
    intent: Optional[str] = None,
    confidence: float = 0.95,
    entities: Optional[List[Dict[str, Any]]] = None,
    slots: Optional[Dict[str, Any]] = None,
    active_loop: Optional[str] = None,
    ranking: Optional[List[Dict[str, Any]]] = None,
    events_this_turn: Optional[List[Dict[str, Any]]] = None,
    first_contact: bool = False,
) -> Tracker:
    all_slots = {name: None for name in SLOT_NAMES}
    all_slots["requested_slot"] = None
    all_slots.update(slots or {})
    message = {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "entities": entities or [],
        "intent_ranking": ranking or [{"name": intent, "confidence": confidence}],
    }
    # an ongoing conversation unless first_contact: the assistant spoke before
    events = [] if first_contact else [{"event": "bot", "text": "（之前的回答）"}]
    events += [{"event": "action", "name": "action_listen"}, {"event": "user", "text": text, "parse_data": message}]
    events += events_this_turn or []
    return Tracker(
        f"test-{uuid.uuid4().hex[:12]}", all_slots, message, events, False, None,  # own case file
        {"name": active_loop} if active_loop else {}, "action_listen",
    )


def run(action, tracker: Tracker):
    dispatcher = CollectingDispatcher()
    result = action.run(dispatcher, tracker, DOMAIN)
    if asyncio.iscoroutine(result):
        result = asyncio.run(result)
    return dispatcher.messages, result


def slot_events(events) -> Dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


class ReadFacts:
    """The fact reader as the actions call it (actions.fact_reading.read_facts), run like an action."""

    def run(self, dispatcher, tracker, domain):
        from actions.fact_reading import read_facts

        return read_facts(dispatcher, tracker)


class AnswerQuestion:
    """The FAQ answer the case step gives first (actions.dialogue.answer_question), run alone."""

    def run(self, dispatcher, tracker, domain):
        from actions.dialogue import answer_question

        answer_question(dispatcher, tracker)
        return []
