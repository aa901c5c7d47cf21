"""The case file in SQL (SQLite by default, PostgreSQL by URL): advisor.case_file.CaseStore.

Every write is one transaction that first locks the case's row (SELECT ... FOR
UPDATE on PostgreSQL; on SQLite every transaction begins IMMEDIATE, which holds the
database's write lock), so two messages of one user handled at once (two tabs, a
retry) both land: the second reads what the first wrote. The version column counts
the writes. Values reach SQL only as bound parameters.
"""
from __future__ import annotations

import copy
import json
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Dict, List, Optional, Tuple

import sqlalchemy as sa
from sqlalchemy import event

from advisor.case_file import STATUSES, Case, bounded
from storage.case_tables import case_evidence, case_facts, case_status_history, cases
from storage.migrate import database_url


# The statements of a turn's read and write, built once: SQLAlchemy then computes each
# one's cache key once instead of per call (py-spy: building and keying statements was
# about a quarter of the action server's CPU under load). Values go in as bound parameters.
_B = sa.bindparam
_CASE = sa.select(cases).where(cases.c.id == _B("b_case"))
_CASE_LOCKED = _CASE.with_for_update()
_FACTS = sa.select(case_facts.c.name, case_facts.c.value).where(case_facts.c.case_id == _B("b_case"))
_EVIDENCE = (sa.select(case_evidence.c.item, case_evidence.c.have)
             .where(case_evidence.c.case_id == _B("b_case")).order_by(case_evidence.c.item))
_HISTORY = (sa.select(case_status_history.c.status, case_status_history.c.at, case_status_history.c.note)
            .where(case_status_history.c.case_id == _B("b_case")).order_by(case_status_history.c.id))
_DELETE_FACTS = sa.delete(case_facts).where(case_facts.c.case_id == _B("b_case"),
                                            case_facts.c.name.in_(_B("b_names", expanding=True)))
_INSERT_FACT = sa.insert(case_facts)
_DELETE_EVIDENCE = sa.delete(case_evidence).where(case_evidence.c.case_id == _B("b_case"))
_INSERT_EVIDENCE = sa.insert(case_evidence)
_TOUCH_CASE = sa.update(cases).where(cases.c.id == _B("b_case")).values(
    title=_B("b_title"), status=_B("b_status"), recommendation=_B("b_recommendation"),
    version=cases.c.version + 1, updated_at=_B("b_now"))
_INSERT_HISTORY = sa.insert(case_status_history)
_INSERT_CASE = sa.insert(cases)
_LAST_NUMBER = sa.select(sa.func.max(cases.c.number)).where(cases.c.user_id == _B("b_user"))


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _aware(value: Optional[datetime]) -> Optional[datetime]:
    # SQLite gives back naive datetimes: they were written in UTC
    return value.replace(tzinfo=timezone.utc) if value is not None and value.tzinfo is None else value


def make_engine(url: str) -> sa.engine.Engine:
    if url.startswith("sqlite"):
        # The action server writes the case every turn: py-spy put opening and closing a
        # connection per write and an fsync per commit at ~35% of its CPU under load. So
        # connections are pooled, and WAL commits with synchronous=NORMAL (no fsync per
        # commit: a crash of the process loses nothing, a power cut at most the last turns).
        from sqlalchemy.pool import QueuePool, StaticPool

        memory = sa.engine.make_url(url).database in (None, "", ":memory:")
        pool = {"poolclass": StaticPool} if memory else {"poolclass": QueuePool, "pool_size": 2, "max_overflow": 8}
        engine = sa.create_engine(url, future=True, connect_args={"timeout": 30, "check_same_thread": False}, **pool)

        @event.listens_for(engine, "connect")
        def _connect(dbapi_connection, _record):
            dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" below starts transactions
            dbapi_connection.execute("PRAGMA foreign_keys=ON")
            dbapi_connection.execute("PRAGMA journal_mode=WAL")
            dbapi_connection.execute("PRAGMA synchronous=NORMAL")

        @event.listens_for(engine, "begin")
        def _begin(connection):
            connection.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    return sa.create_engine(url, future=True, pool_pre_ping=True)


class SQLCaseStore:
    def __init__(self, url: Optional[str] = None, clock: Callable[[], datetime] = utcnow):
        self.url = url or database_url()
        self.engine = make_engine(self.url)
        self.clock = clock

    # ------------------------------------------------------------------ reading

    def cases_of(self, user_id: str) -> List[Case]:
        with self.engine.connect() as c:
            ids = c.execute(sa.select(cases.c.id).where(cases.c.user_id == user_id)
                            .order_by(cases.c.number)).scalars().all()
            return [self._load(c, i) for i in ids]

    def get(self, case_id: int) -> Optional[Case]:
        with self.engine.connect() as c:
            return self._load(c, case_id)

    def _load(self, c, case_id: int, lock: bool = False, history: bool = True) -> Optional[Case]:
        key = {"b_case": case_id}
        row = c.execute(_CASE_LOCKED if lock else _CASE, key).mappings().first()
        if row is None:
            return None
        facts = {name: json.loads(value) for name, value in c.execute(_FACTS, key)}
        evidence = c.execute(_EVIDENCE, key).all()
        return Case(
            id=row["id"], user_id=row["user_id"], number=row["number"], status=row["status"],
            title=row["title"], facts=facts,
            evidence_have=tuple(i for i, have in evidence if have),
            evidence_missing=tuple(i for i, have in evidence if not have),
            recommendation=row["recommendation"], version=row["version"],
            created_at=_aware(row["created_at"]), updated_at=_aware(row["updated_at"]),
            history=self._history(c, case_id) if history else (),
        )

    @staticmethod
    def _history(c, case_id: int) -> Tuple[Tuple[str, datetime, str], ...]:
        return tuple((s, _aware(at), note) for s, at, note in c.execute(_HISTORY, {"b_case": case_id}))

    # ------------------------------------------------------------------ writing

    def open_case(self, user_id: str, title: str = "", facts: Optional[Dict[str, Any]] = None) -> Case:
        return self.open_and_write(user_id, lambda case: setattr(case, "facts", dict(facts or {})), title)

    def open_and_write(self, user_id: str, change: Callable[[Case], None], title: str = "", note: str = "") -> Case:
        """A new case of the user (numbered after their last), `change` applied before it is
        written: one transaction, nothing read back (the action server opens one per new problem)."""
        now = self.clock()
        case = Case(id=0, user_id=user_id, number=0, status="open", title=title, created_at=now, updated_at=now)
        change(case)
        if case.status not in STATUSES:
            raise ValueError(f"unknown status {case.status!r}")
        case.title = bounded(case.title)
        self._settle_evidence(case)
        with self.engine.begin() as c:
            case.number = (c.execute(_LAST_NUMBER, {"b_user": user_id}).scalar() or 0) + 1
            case.id = c.execute(_INSERT_CASE, {
                "user_id": user_id, "number": case.number, "status": case.status, "title": case.title,
                "recommendation": case.recommendation, "version": 1, "created_at": now, "updated_at": now,
            }).inserted_primary_key[0]
            history = [("open", now, "")] + ([(case.status, now, bounded(note))] if case.status != "open" else [])
            c.execute(_INSERT_HISTORY, [{"case_id": case.id, "status": st, "at": at, "note": n} for st, at, n in history])
            self._write_facts(c, case.id, {}, case.facts)
            if case.evidence_have or case.evidence_missing:
                self._write_evidence(c, case.id, case)
        case.history = tuple(history)
        return case

    def update(self, case_id: int, change: Callable[[Case], None], note: str = "") -> Case:
        """Apply `change` to the case as stored now (the row locked meanwhile) and write
        back what it changed: facts, evidence, title, recommendation, status (with history)."""
        return self._update(case_id, change, note, whole=True)

    def write(self, case_id: int, change: Callable[[Case], None], note: str = "") -> None:
        """`update` for a writer that needs nothing back (the action server, every turn): its
        status history is read only when the status changes."""
        self._update(case_id, change, note, whole=False)

    def _update(self, case_id: int, change: Callable[[Case], None], note: str, whole: bool) -> Case:
        with self.engine.begin() as c:
            before = self._load(c, case_id, lock=True, history=whole)
            if before is None:
                raise KeyError(f"no case {case_id}")
            after = copy.deepcopy(before)
            change(after)
            if after.status not in STATUSES:
                raise ValueError(f"unknown status {after.status!r}")
            now = self.clock()
            # the action server calls this every turn: only what changed is written, and
            # the result is built here rather than read back (py-spy: ~35% of its CPU before)
            self._write_facts(c, case_id, before.facts, after.facts)
            self._settle_evidence(after)
            if (after.evidence_have, after.evidence_missing) != (before.evidence_have, before.evidence_missing):
                self._write_evidence(c, case_id, after)
            after.title = bounded(after.title)
            c.execute(_TOUCH_CASE, {"b_case": case_id, "b_title": after.title, "b_status": after.status,
                                    "b_recommendation": after.recommendation, "b_now": now})
            after.version, after.updated_at = before.version + 1, now
            if after.status != before.status:
                c.execute(_INSERT_HISTORY, {"case_id": case_id, "status": after.status, "at": now,
                                            "note": bounded(note)})
                if whole:
                    after.history = (*before.history, (after.status, now, bounded(note)))
            return after

    @staticmethod
    def _settle_evidence(case: Case) -> None:
        # as they are stored and read back: each item once, "have" winning, in item order
        case.evidence_have = tuple(sorted(set(case.evidence_have)))
        case.evidence_missing = tuple(sorted(set(case.evidence_missing) - set(case.evidence_have)))

    @staticmethod
    def _write_facts(c, case_id: int, old: Dict[str, Any], new: Dict[str, Any]) -> None:
        changed = [name for name in {**old, **new} if name not in new or name not in old or old[name] != new[name]]
        if not changed:
            return
        if old:  # one statement for all the facts this turn changed, one for their new values
            c.execute(_DELETE_FACTS, {"b_case": case_id, "b_names": changed})
        rows = [{"case_id": case_id, "name": name, "value": json.dumps(new[name])} for name in changed if name in new]
        if rows:
            c.execute(_INSERT_FACT, rows)

    @staticmethod
    def _write_evidence(c, case_id: int, case: Case) -> None:
        c.execute(_DELETE_EVIDENCE, {"b_case": case_id})
        rows = [{"case_id": case_id, "item": i, "have": True} for i in dict.fromkeys(case.evidence_have)]
        rows += [{"case_id": case_id, "item": i, "have": False} for i in dict.fromkeys(case.evidence_missing)
                 if i not in case.evidence_have]
        if rows:
            c.execute(_INSERT_EVIDENCE, rows)

    # ------------------------------------------------------------------ forgetting

    def delete_user(self, user_id: str) -> int:
        """Every case of one user, with its facts, evidence and history; the number of cases."""
        with self.engine.begin() as c:
            ids = c.execute(sa.select(cases.c.id).where(cases.c.user_id == user_id)).scalars().all()
            self._delete(c, ids)
            return len(ids)

    def purge_idle(self, now: datetime, days: float) -> int:
        """Every case untouched for `days` before `now`; the number deleted."""
        if days <= 0:
            return 0
        with self.engine.begin() as c:
            ids = c.execute(sa.select(cases.c.id).where(cases.c.updated_at < now - timedelta(days=days))
                            ).scalars().all()
            self._delete(c, ids)
            return len(ids)

    @staticmethod
    def _delete(c, ids: List[int]) -> None:
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            for table in (case_facts, case_evidence, case_status_history):
                c.execute(sa.delete(table).where(table.c.case_id.in_(chunk)))
            c.execute(sa.delete(cases).where(cases.c.id.in_(chunk)))


def purge_cases(now: datetime, days: float, url: Optional[str] = None) -> int:
    """The retention purge of the case file (the Rasa server's hourly purge and `make purge`)."""
    store = SQLCaseStore(url)
    try:
        return store.purge_idle(now, days)
    finally:
        store.engine.dispose()
