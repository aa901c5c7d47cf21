"""The tracker store forgets: one conversation on request, idle ones after the
retention period (a clock the test sets), on SQLite and on the local PostgreSQL."""
import asyncio
import time
import uuid

import pytest
import sqlalchemy as sa
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from unit.databases import PG_URL, SEARCH_PATH, require_postgres
from storage.tracker_store import DAY_S, ERASE_SLOT, PrivacySQLTrackerStore, settings_from_environment

DOMAIN = Domain.from_dict({"slots": {ERASE_SLOT: {"type": "bool", "influence_conversation": False,
                                                  "mappings": [{"type": "custom"}]}}})
PG = {"dialect": "postgresql", "host": "127.0.0.1", "port": 5432, "db": "test", "username": "postgres",
      "query": SEARCH_PATH}  # this run's own schema


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        s = PrivacySQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "t.db"), retention_days=180)
    else:
        require_postgres()
        s = PrivacySQLTrackerStore(DOMAIN, retention_days=180, **PG)
    yield s
    s.engine.dispose()


def conversation(sender, at, n=3, erase=False):
    t = DialogueStateTracker(sender, DOMAIN.slots)
    for i in range(n):
        t.update(UserUttered(f"消息{i}", timestamp=at + i))
        t.update(ActionExecuted("action_listen", timestamp=at + i))
    if erase:
        t.update(SlotSet(ERASE_SLOT, True, timestamp=at + n))
    return t


def stored(store, sender):
    with store.engine.connect() as c:
        return c.execute(sa.select(sa.func.count()).select_from(store.events_table)
                         .where(store.events_table.c.sender_id == sender)).scalar()


def test_a_confirmed_erase_deletes_the_whole_conversation_instead_of_saving_it(store):
    me, other = f"me-{uuid.uuid4().hex}", f"other-{uuid.uuid4().hex}"
    now = 1_800_000_000.0

    async def go():
        await store.save(conversation(me, now))
        await store.save(conversation(other, now))
        assert stored(store, me) == 6
        await store.save(conversation(me, now, n=4, erase=True))
        assert stored(store, me) == 0
        assert await store.retrieve(me) is None  # the tracker API starts afresh
        assert stored(store, other) == 6  # nobody else's

    asyncio.run(go())


def test_conversations_idle_past_the_retention_period_are_purged(store):
    now = 1_800_000_000.0
    old, recent = f"old-{uuid.uuid4().hex}", f"recent-{uuid.uuid4().hex}"

    async def go():
        await store.save(conversation(old, now - 181 * DAY_S))
        await store.save(conversation(recent, now - 179 * DAY_S))
        conversations, events = await store.purge(now=now)
        assert conversations >= 1 and events >= 6
        assert stored(store, old) == 0 and stored(store, recent) == 6
        # a conversation with a new message is active again, whatever its age
        later = conversation(recent, now - 179 * DAY_S)
        later.update(UserUttered("还在吗", timestamp=now))
        await store.save(later)
        assert stored(store, recent) == 7
        await store.purge(now=now + 2 * DAY_S)
        assert stored(store, recent) == 7

    asyncio.run(go())


def test_the_server_purges_by_itself_on_its_clock(tmp_path):
    clock = {"now": 1_800_000_000.0}
    store = PrivacySQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "t.db"), retention_days=1,
                                   purge_every_s=1, clock=lambda: clock["now"])

    async def go():
        await store.save(conversation("idle", clock["now"]))  # the first save starts the purge loop
        assert stored(store, "idle") == 6
        clock["now"] += 2 * DAY_S  # two days later, by the store's clock
        for _ in range(40):
            await asyncio.sleep(0.1)
            if stored(store, "idle") == 0:
                break
        assert stored(store, "idle") == 0
        store._purging.cancel()

    asyncio.run(go())


def test_retention_zero_keeps_everything(tmp_path):
    store = PrivacySQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "t.db"), retention_days=0)

    async def go():
        await store.save(conversation("kept", 1_000_000_000.0))
        assert await store.purge(now=2_000_000_000.0) == (0, 0)
        assert stored(store, "kept") == 6

    asyncio.run(go())


def test_tracker_store_url_replaces_the_connection_settings_of_endpoints_yml():
    yml = {"dialect": "sqlite", "db": "trackers.db", "retention_days": 30}
    got = settings_from_environment(yml, {"TRACKER_STORE_URL": "postgresql://rasa:pw@db.internal:6543/chats"})
    assert got == {"dialect": "postgresql", "host": "db.internal", "port": 6543, "db": "chats",
                   "username": "rasa", "password": "pw", "retention_days": 30}
    assert settings_from_environment(yml, {"TRACKER_DB": "/tmp/x.db"}) == {**yml, "db": "/tmp/x.db"}
    assert settings_from_environment(yml, {}) == yml


def test_on_postgresql_from_the_environment_a_restart_of_the_database_costs_no_turn(monkeypatch):
    require_postgres()
    monkeypatch.setenv("TRACKER_STORE_URL", PG_URL)
    s = PrivacySQLTrackerStore(DOMAIN, dialect="sqlite", db="ignored.db", retention_days=180)
    try:
        assert s.engine.dialect.name == "postgresql"
        sender = f"pg-{uuid.uuid4().hex[:8]}"
        asyncio.run(s.save(conversation(sender, time.time())))
        with s.engine.connect() as c:  # the pooled connection the next read would reuse
            pid = c.execute(sa.text("SELECT pg_backend_pid()")).scalar()
        # what a database restart does to pooled connections: the server ends them
        killer = sa.create_engine(PG_URL)
        with killer.begin() as c:
            assert c.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar()
        killer.dispose()
        assert stored(s, sender) == 6  # through the store's pool: a fresh connection, no error
    finally:
        s.engine.dispose()


def test_sqlite_keeps_its_connection_and_uses_the_write_ahead_log(tmp_path):
    from sqlalchemy.pool import QueuePool

    s = PrivacySQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "t.db"), retention_days=0)
    assert isinstance(s.engine.pool, QueuePool)
    with s.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
    s.engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def ours_and_rasas(request, tmp_path):
    """Our store and Rasa's own on the same table (the real domain), SQLite or PostgreSQL."""
    from pathlib import Path

    from rasa.core.tracker_store import SQLTrackerStore

    domain = Domain.load(str(Path(__file__).resolve().parents[2] / "domain.yml"))
    if request.param == "sqlite":
        settings = {"dialect": "sqlite", "db": str(tmp_path / "t.db")}
    else:
        require_postgres()
        settings = PG
    ours = PrivacySQLTrackerStore(domain, retention_days=0, **settings)
    rasas = SQLTrackerStore(domain, **settings)
    yield domain, ours, rasas
    ours.engine.dispose()
    rasas.engine.dispose()


def test_reads_match_rasas_own_queries_and_use_the_index(ours_and_rasas):
    from rasa.shared.core.events import SessionStarted

    domain, ours, rasas = ours_and_rasas  # the same table, read by Rasa's own code too
    a, b = f"a-{uuid.uuid4().hex[:6]}", f"b-{uuid.uuid4().hex[:6]}"

    def session(start, text, amount):
        return [ActionExecuted("action_session_start", timestamp=start), SessionStarted(timestamp=start + 1),
                ActionExecuted("action_listen", timestamp=start + 2), UserUttered(text, timestamp=start + 3),
                SlotSet("amount_yuan", amount, timestamp=start + 4)]

    two_sessions = DialogueStateTracker.from_events(a, session(1, "你好", 299), slots=domain.slots)
    asyncio.run(ours.save(two_sessions))
    for e in session(100, "衣服有色差", 159):  # a second session of the same conversation
        two_sessions.update(e)
    asyncio.run(ours.save(two_sessions))
    asyncio.run(ours.save(DialogueStateTracker.from_events(b, [UserUttered("没有会话开始", timestamp=5)],
                                                           slots=domain.slots)))

    def reads(store):
        out = {}
        for sender in (a, b, "nobody"):
            t = asyncio.run(store.retrieve(sender))
            out[sender] = None if t is None else ([e.as_dict() for e in t.events], t.current_slot_values())
        with store.session_scope() as s:
            out["new events"] = len(list(store._additional_events(s, two_sessions)))
        return out

    got = reads(ours)
    assert got == reads(rasas)
    assert len(got[a][0]) == 4 and got[a][1]["amount_yuan"] == 159  # from the latest session_started
    assert got["nobody"] is None
    full = asyncio.run(ours.retrieve_full_tracker(a))  # all sessions: Rasa's own query
    assert len(full.events) > len(got[a][0])
    indexes = {ix["name"] for ix in sa.inspect(ours.engine).get_indexes("events")}
    assert "ix_events_sender_type_time" in indexes


def test_saves_write_the_rows_rasas_own_save_writes(ours_and_rasas):
    """Ours writes a turn's events in one statement; the rows are Rasa's, column for column."""
    from rasa.shared.core.events import BotUttered, SessionStarted

    domain, ours, rasas = ours_and_rasas
    # one time for both: the store counts stored events from the session start, and this test keeps
    # its tracker in memory instead of reading it back each turn as the server does
    turns = [[ActionExecuted("action_session_start", timestamp=2), SessionStarted(timestamp=2),
              ActionExecuted("action_listen", timestamp=3)],
             [UserUttered("衣服有色差，三百块", {"name": "report_color_difference", "confidence": 0.93},
                          timestamp=4),
              SlotSet("amount_yuan", 300.0, timestamp=5), SlotSet("evidence_have", ["photos"], timestamp=6),
              ActionExecuted("action_case_step", policy="RulePolicy", confidence=1.0, timestamp=7),
              BotUttered("收到。", {"buttons": [{"title": "有", "payload": "/affirm"}]}, timestamp=8),
              ActionExecuted("action_listen", timestamp=9)],
             []]  # a save with nothing new writes nothing
    senders, lengths = {}, {}
    for name, store in (("ours", ours), ("rasa", rasas)):
        sender = senders[name] = f"{name}-{uuid.uuid4().hex[:6]}"
        tracker = DialogueStateTracker(sender, domain.slots)
        for turn in turns:
            for e in turn:
                tracker.update(e)
            asyncio.run(store.save(tracker))
        lengths[name] = len(tracker.events)
    columns = [c for c in ours.events_table.c if c.name not in ("id", "sender_id")]
    with ours.engine.connect() as c:
        rows = {name: c.execute(sa.select(*columns).where(ours.events_table.c.sender_id == sender)
                                .order_by(ours.events_table.c.id)).all() for name, sender in senders.items()}
    assert len(rows["ours"]) == lengths["ours"] >= 9
    assert rows["ours"] == rows["rasa"]
    back = asyncio.run(ours.retrieve(senders["ours"]))
    assert back.get_slot("amount_yuan") == 300.0 and back.latest_message.intent["name"] == "report_color_difference"
