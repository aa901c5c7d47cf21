"""Each turn's case, written to the case file (advisor.case_file through the SQL store),
so the Rasa tracker is never the only copy of a case; "删除我的记录" deletes the user's
cases with the conversation.

The store is CASES_DATABASE_URL (default .run/cases.db), migrated by `make run`
(python -m storage.migrate). If it can't be written, the turn still answers: the
tracker holds the case meanwhile, and the failure is logged without content.
"""
import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Tracker

from actions.knowledge_base import KNOWLEDGE
from actions.tracker_facts import CASE_SLOTS
from advisor import privacy
from advisor.case_file import Case, id_hash

logger = logging.getLogger(__name__)

CASE_ID_SLOT = "case_id"


def status_after(status: str, slots: Dict[Text, Any], text: str) -> str:
    """The case's status once this turn is read: ended by the user; applied, then waiting for
    the ruling; back to open once the platform has ruled (the case goes on from there)."""
    if slots.get("case_end") in ("resolved", "closed"):
        return slots["case_end"]
    platform = slots.get("platform_status")
    if platform == "applied_waiting":
        if status == "waiting_ruling" or any(w in text for w in KNOWLEDGE.case_file["waiting_words"]):
            return "waiting_ruling"
        return "applied"
    if platform in ("ruled_for_buyer_not_honoured", "ruled_against_buyer"):
        return "open"
    return status
_store = []


def store():
    """One store per action-server process, made on first use."""
    if not _store:
        from storage.case_store import SQLCaseStore

        _store.append(SQLCaseStore())
    return _store[0]


def slots_after(tracker: Tracker, events: List[Dict[Text, Any]]) -> Dict[Text, Any]:
    slots = dict(tracker.slots)
    for e in events:
        if e.get("event") == "slot":
            slots[e["name"]] = e["value"]
        elif e.get("event") == "reset_slots":
            slots = {name: None for name in slots}
    return slots


def title_for(slots: Dict[Text, Any]) -> str:
    t = KNOWLEDGE.dispute_types[slots["dispute_type"]]
    product = slots.get("product_category")
    return f"{product} · {t.name}" if product else t.name


def sync(tracker: Tracker, events: List[Dict[Text, Any]]) -> List[Dict[Text, Any]]:
    """Write the case as this turn leaves it; the events to add (the new case's id)."""
    try:
        return _sync(tracker, events)
    except Exception as e:  # the database is down: answer anyway, the tracker keeps the case
        logger.warning("case file not written (%s)", type(e).__name__)
        return []


def _sync(tracker: Tracker, events: List[Dict[Text, Any]]) -> List[Dict[Text, Any]]:
    slots = slots_after(tracker, events)
    if slots.get(privacy.ERASE_SLOT) is True:
        deleted = store().delete_user(tracker.sender_id)
        # logged without content: a count and a hash of the id (storage/tracker_store.py does the same)
        logger.info("cases of %s deleted at the user's request (%d)", id_hash(tracker.sender_id), deleted)
        return []
    if not slots.get("dispute_type"):
        return []
    facts = {name: slots[name] for name in CASE_SLOTS
             if name not in ("evidence_have", "evidence_missing", "asked", "declined") and slots.get(name) is not None}

    def write(case: Case) -> None:
        case.facts = facts
        case.title = title_for(slots)
        case.evidence_have = tuple(slots.get("evidence_have") or ())
        case.evidence_missing = tuple(slots.get("evidence_missing") or ())
        case.recommendation = slots.get("recommendation")
        case.status = status_after(case.status, slots, tracker.latest_message.get("text") or "")

    case_id: Optional[float] = slots.get(CASE_ID_SLOT)
    if case_id is not None:
        try:
            store().write(int(case_id), write)  # one transaction a turn: no read beforehand
            return []
        except KeyError:
            pass  # purged or deleted meanwhile: the case starts again as a new one
    case = store().open_and_write(tracker.sender_id, write)
    return [{"event": "slot", "timestamp": None, "name": CASE_ID_SLOT, "value": float(case.id)}]


def welcome_back(tracker: Tracker) -> Optional[str]:
    """The open cases of a user who comes back (a new session), told back; None if none."""
    from advisor.case_summary import welcome_back as told_back

    try:
        open_cases = [c for c in store().cases_of(tracker.sender_id) if c.is_open]
    except Exception as e:  # the case file can't be read: answer the message anyway
        logger.warning("case file not read (%s)", type(e).__name__)
        return None
    return told_back(KNOWLEDGE, open_cases) if open_cases else None


def switch_to_named_case(tracker: Tracker, text: str):
    """("好的，接着说这个：" + the case told back, the events loading it into the slots) when
    the message names another of the user's cases ("案件2", "那条裙子的事"); else None."""
    from advisor.case_pick import may_name_a_case, picked_case
    from advisor.case_summary import summary

    if not may_name_a_case(KNOWLEDGE, text):
        return None  # most messages: no need to read the case file
    try:
        cases = store().cases_of(tracker.sender_id)
    except Exception as e:
        logger.warning("case file not read (%s)", type(e).__name__)
        return None
    current = tracker.get_slot(CASE_ID_SLOT)
    case = picked_case(KNOWLEDGE, text, cases, int(current) if current is not None else None)
    if case is None:
        return None
    values = {name: case.facts.get(name) for name in CASE_SLOTS}
    values.update(evidence_have=list(case.evidence_have), evidence_missing=list(case.evidence_missing), asked=[])
    events = [{"event": "slot", "timestamp": None, "name": n, "value": v} for n, v in values.items()]
    events += [{"event": "slot", "timestamp": None, "name": n, "value": v} for n, v in (
        ("recommendation", case.recommendation), ("advice_basis", None), ("requested_slot", None),
        (CASE_ID_SLOT, float(case.id)))]
    return f"{KNOWLEDGE.case_file['switched']}\n{summary(KNOWLEDGE, case)}", events
