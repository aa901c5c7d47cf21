"""The case file: a dispute kept across sessions, as the domain core sees it.

A user (the sender id: the browser's session, a WeChat OpenID, an integrator's user
id) has cases, one per order problem, numbered 1, 2, 3 for that user. A case holds
its facts (the case slots), its evidence (have / missing), the recommendation last
given, and where it stands (STATUSES), with a history of status changes.

The store behind CaseStore is SQL (storage/case_store.py); the actions use only this
interface, so the Rasa tracker is never the only copy of a case.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable, Dict, List, Optional, Protocol, Tuple

# where a case stands: the shopper moves it by talking ("介入申请提交了", "这事结了")
from advisor.knowledge import CASE_STATUSES as STATUSES  # noqa: F401  (one list, checked against the knowledge file; storage imports it from here)
OPEN_STATUSES = ("open", "applied", "waiting_ruling")
MAX_TEXT_CHARS = 2_000  # any text stored in a case (titles, status notes) is at most this long


@dataclass
class Case:
    id: int
    user_id: str
    number: int  # 1, 2, 3 ... for this user
    status: str = "open"
    title: str = ""  # how the user named it: "那条裙子", the product and type
    facts: Dict[str, Any] = field(default_factory=dict)  # case slot -> value
    evidence_have: Tuple[str, ...] = ()
    evidence_missing: Tuple[str, ...] = ()
    recommendation: Optional[str] = None
    version: int = 1
    created_at: Optional[datetime] = None
    updated_at: Optional[datetime] = None
    history: Tuple[Tuple[str, datetime, str], ...] = ()  # (status, when, note)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class CaseStore(Protocol):
    def cases_of(self, user_id: str) -> List[Case]: ...

    def get(self, case_id: int) -> Optional[Case]: ...

    def open_case(self, user_id: str, title: str = "", facts: Optional[Dict[str, Any]] = None) -> Case: ...

    def update(self, case_id: int, change: Callable[[Case], None]) -> Case: ...

    def delete_user(self, user_id: str) -> int: ...

    def purge_idle(self, now: datetime, days: float) -> int: ...


def bounded(text: str) -> str:
    """The text cut to MAX_TEXT_CHARS."""
    return (text or "")[:MAX_TEXT_CHARS]


def id_hash(user_id: str) -> str:
    """What logs say instead of a user id (an OpenID or a user id is personal data)."""
    import hashlib

    return hashlib.sha256(user_id.encode("utf-8")).hexdigest()[:12]
