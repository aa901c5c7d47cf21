"""Rasa's SQL tracker store, able to forget (PIPL).

Rasa 3.6's tracker stores have no delete. This one adds two, on SQLite and
PostgreSQL alike, with SQLAlchemy 2.0-style statements and bound parameters only:

- **On the shopper's request** ("删除我的记录", confirmed): the action sets the slot
  ERASE_SLOT; when Rasa saves that turn, every event of the conversation is
  deleted instead, so the tracker API shows no trace of it. The deletion is
  logged with a count and a short hash of the id, never with any content.
- **After RETENTION_DAYS without activity** (default 180): every conversation
  whose newest event is older is deleted by a purge the server runs by itself
  every RETENTION_PURGE_EVERY_S seconds (default 3600), and by `make purge`.

endpoints.yml names it as `type: storage.tracker_store.PrivacySQLTrackerStore`
with the usual SQLTrackerStore settings. Two environment variables override them, so
one endpoints.yml serves one machine and a cluster:

- TRACKER_STORE_URL: any SQLAlchemy URL, e.g. postgresql://user@host:5432/db
  (`make cluster` sets it);
- TRACKER_DB: another SQLite file (a test's or a benchmark's own).

On PostgreSQL every connection is checked before use (pool_pre_ping), so a restart
of the database costs the turns that arrive while it is down, not the ones after.

Speed (py-spy under load put these among the largest costs of a turn):
- Reading a conversation back builds the same ORM query twice a turn (SQLAlchemy's
  cache key alone was ~8%): the same SQL is sent as plain text and the rows read
  without ORM objects, on SQLite and PostgreSQL, and an index covers it.
- SQLite's default rollback journal waits for the disk (fsync) on every commit:
  write-ahead logging with synchronous=NORMAL commits without waiting; a crash of the
  server loses nothing, a power cut at most the last turns. Rasa opens and closes a
  SQLite connection per query, and the last close of a WAL database checkpoints it:
  the connection is kept open in a small pool instead.
"""
from __future__ import annotations

import asyncio
import logging
import os
import time
from typing import Any, Callable, Optional, Tuple

import itertools
import json
import sqlite3

import sqlalchemy as sa
import sqlalchemy.orm
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker

from advisor.case_file import id_hash
from advisor.privacy import ERASE_SLOT, retention_days as retention_days_from_env

logger = logging.getLogger(__name__)

DEFAULT_PURGE_EVERY_S = 3600.0
DAY_S = 86_400

# Rasa's own query for the latest session's events (SQLTrackerStore._event_query), as SQL
_LATEST_SESSION = (
    "FROM events, (SELECT max(events.timestamp) AS session_start FROM events "
    "WHERE events.sender_id = :sender AND events.type_name = :session_started) AS anon_1 "
    "WHERE events.sender_id = :sender "
    "AND (events.timestamp >= anon_1.session_start OR anon_1.session_start IS NULL)"
)
_EVENTS_SQL = sa.text(f"SELECT events.data {_LATEST_SESSION} ORDER BY events.id")
_COUNT_SQL = sa.text(f"SELECT count(*) {_LATEST_SESSION}")
_EVENTS = SQLTrackerStore.SQLEvent.__table__
# what those two queries look up: one conversation's session starts, then its events by time
READ_INDEX = sa.Index("ix_events_sender_type_time", _EVENTS.c.sender_id, _EVENTS.c.type_name, _EVENTS.c.timestamp)
# a turn's new events in one statement, built once (its SQL is compiled and cached once)
_INSERT_EVENTS = _EVENTS.insert()


def event_rows(sender_id: str, events) -> list:
    """The rows Rasa's SQLTrackerStore.save writes for these events, column for column."""
    rows = []
    for event in events:
        data = event.as_dict()
        rows.append({"sender_id": sender_id, "type_name": event.type_name, "timestamp": data.get("timestamp"),
                     "intent_name": data.get("parse_data", {}).get("intent", {}).get("name"),
                     "action_name": data.get("name"), "data": json.dumps(data)})
    return rows


def _write_ahead_log(dbapi_connection, _record) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()




def delete_conversation(engine: sa.engine.Engine, events: sa.Table, sender_id: str) -> int:
    """Delete every event of one conversation; the number deleted."""
    with engine.begin() as connection:
        return connection.execute(sa.delete(events).where(events.c.sender_id == sender_id)).rowcount or 0


def purge_inactive(engine: sa.engine.Engine, events: sa.Table, now: float, days: float) -> Tuple[int, int]:
    """Delete every conversation whose newest event is more than `days` before `now`:
    (conversations, events) deleted."""
    if days <= 0:
        return 0, 0
    cutoff = now - days * DAY_S
    idle = (
        sa.select(events.c.sender_id)
        .group_by(events.c.sender_id)
        .having(sa.func.max(events.c.timestamp) < cutoff)
    )
    with engine.begin() as connection:
        senders = [row[0] for row in connection.execute(idle)]
        deleted = 0
        for start in range(0, len(senders), 500):  # bounded IN lists
            chunk = senders[start : start + 500]
            deleted += connection.execute(sa.delete(events).where(events.c.sender_id.in_(chunk))).rowcount or 0
    return len(senders), deleted


def settings_from_environment(kwargs: dict, environ=os.environ) -> dict:
    """endpoints.yml's settings, with TRACKER_STORE_URL or TRACKER_DB in their place."""
    url = environ.get("TRACKER_STORE_URL", "").strip()
    if url:
        parsed = sa.engine.make_url(url)
        settings = {k: v for k, v in kwargs.items()
                    if k not in ("dialect", "host", "port", "db", "username", "password", "query", "login_db")}
        settings.update(dialect=parsed.drivername, host=parsed.host, port=parsed.port,
                        db=parsed.database, username=parsed.username, password=parsed.password)
        if parsed.query:
            settings["query"] = dict(parsed.query)
        return settings
    db = environ.get("TRACKER_DB", "").strip()
    if db:
        return {**kwargs, "dialect": "sqlite", "db": db}
    return kwargs


def _purge_cases(now: float, days: float) -> int:
    from datetime import datetime, timezone

    from storage.case_store import purge_cases

    return purge_cases(datetime.fromtimestamp(now, timezone.utc), days)


class PrivacySQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore that deletes a conversation on request and purges idle ones."""

    def __init__(self, *args: Any, retention_days: Optional[float] = None,
                 purge_every_s: Optional[float] = None, clock: Callable[[], float] = time.time,
                 **kwargs: Any) -> None:
        super().__init__(*args, **settings_from_environment(kwargs))
        if self.engine.dialect.name == "postgresql":
            self._check_connections_before_use()
        elif self.engine.dialect.name == "sqlite" and self.engine.url.database not in (None, "", ":memory:"):
            self._sqlite_kept_open_with_write_ahead_log()
        self._index_for_reads()
        self.retention_days = retention_days_from_env() if retention_days is None else float(retention_days)
        if purge_every_s is None:
            try:
                purge_every_s = float(os.environ.get("RETENTION_PURGE_EVERY_S", DEFAULT_PURGE_EVERY_S))
            except ValueError:
                purge_every_s = DEFAULT_PURGE_EVERY_S
        self.purge_every_s = max(1.0, purge_every_s)
        self.clock = clock
        self._purging: Optional[asyncio.Task] = None
        try:  # Rasa builds the store on the server's loop at start-up: purge from then on
            asyncio.get_running_loop()
            self._start_purging()
        except RuntimeError:
            pass  # no loop yet (a script, a test): the first save starts it

    def _check_connections_before_use(self) -> None:
        from rasa.core.tracker_store import create_engine_kwargs

        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
        self.sessionmaker = sa.orm.sessionmaker(bind=self.engine)

    def _sqlite_kept_open_with_write_ahead_log(self) -> None:
        from sqlalchemy.pool import QueuePool

        url = self.engine.url
        self.engine.dispose()
        # the store uses its sessions from the event loop's thread, one at a time
        self.engine = sa.create_engine(url, poolclass=QueuePool, pool_size=1, max_overflow=4,
                                       connect_args={"check_same_thread": False})
        sa.event.listen(self.engine, "connect", _write_ahead_log)
        self.sessionmaker = sa.orm.sessionmaker(bind=self.engine)

    def _index_for_reads(self) -> None:
        """New tables get the index from Rasa's create_all; an older table gets it here."""
        try:
            READ_INDEX.create(self.engine, checkfirst=True)
        except (sa.exc.OperationalError, sa.exc.ProgrammingError) as e:
            # another instance creating it at the same moment; the next start checks again
            logger.warning("could not create the events index (%s)", type(e).__name__)

    async def _retrieve(self, sender_id, fetch_events_from_all_sessions):
        if fetch_events_from_all_sessions:
            return await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        params = {"sender": sender_id, "session_started": SessionStarted.type_name}
        with self.session_scope() as session:
            rows = session.execute(_EVENTS_SQL, params).all()
        events = [json.loads(data) for (data,) in rows]
        if self.domain and events:
            return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        return None

    def _additional_events(self, session, tracker):
        params = {"sender": tracker.sender_id, "session_started": SessionStarted.type_name}
        stored = session.execute(_COUNT_SQL, params).scalar()
        return itertools.islice(tracker.events, stored, len(tracker.events))

    @property
    def events_table(self) -> sa.Table:
        return self.SQLEvent.__table__

    async def save(self, tracker) -> None:
        self._start_purging()
        if tracker.get_slot(ERASE_SLOT) is True:
            deleted = await self.delete(tracker.sender_id)
            logger.info("conversation %s deleted at the user's request (%d events)", id_hash(tracker.sender_id), deleted)
            return
        # Rasa's save, with the new events written by one executemany instead of one ORM
        # object each (py-spy: the ORM's flush was ~8% of the server's busy time)
        await self.stream_events(tracker)
        with self.session_scope() as session:
            rows = event_rows(tracker.sender_id, self._additional_events(session, tracker))
            if rows:
                session.execute(_INSERT_EVENTS, rows)
            session.commit()

    async def delete(self, sender_id: str) -> int:
        return delete_conversation(self.engine, self.events_table, sender_id)

    async def purge(self, now: Optional[float] = None) -> Tuple[int, int]:
        """One purge of idle conversations, off the event loop's thread."""
        when = self.clock() if now is None else now
        loop = asyncio.get_running_loop()
        conversations, events = await loop.run_in_executor(
            None, purge_inactive, self.engine, self.events_table, when, self.retention_days)
        if conversations:
            logger.info("retention: deleted %d conversations idle for over %g days (%d events)",
                        conversations, self.retention_days, events)
        try:  # the case file: the same retention
            cases = await loop.run_in_executor(None, _purge_cases, when, self.retention_days)
            if cases:
                logger.info("retention: deleted %d cases idle for over %g days", cases, self.retention_days)
        except Exception as e:
            logger.warning("retention purge of the case file failed (%s); will try again", type(e).__name__)
        return conversations, events

    def _start_purging(self) -> None:
        """The first save starts the periodic purge on the server's own event loop."""
        if self._purging is not None or self.retention_days <= 0:
            return
        self._purging = asyncio.get_running_loop().create_task(self._purge_periodically())

    async def _purge_periodically(self) -> None:
        while True:
            try:
                await self.purge()
            except Exception:  # a database hiccup must not stop the next purge
                logger.exception("retention purge failed; will try again")
            await asyncio.sleep(self.purge_every_s)
