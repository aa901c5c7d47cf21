"""The case store (storage/case_store.py) on SQLite and on the local PostgreSQL:
cases per user, facts, evidence, status history, bounded text, deletion, the
retention purge, migrations both ways, and 50 simultaneous updates of one case."""
import threading
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from advisor.case_file import MAX_TEXT_CHARS
from storage import migrate
from storage.case_store import SQLCaseStore
from unit.databases import PG_URL, require_postgres

CASE_TABLES = {"cases", "case_facts", "case_evidence", "case_status_history"}


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'cases.db'}"
    require_postgres()
    migrate.downgrade(PG_URL, "base")  # a clean schema for each test
    return PG_URL


@pytest.fixture
def store(url):
    migrate.upgrade(url)
    s = SQLCaseStore(url)
    yield s
    s.engine.dispose()


def test_migrations_go_up_down_and_up_again(url):
    def tables():
        engine = sa.create_engine(url)
        try:
            # the test database also holds other tests' tables (the tracker store's events)
            return set(sa.inspect(engine).get_table_names()) & CASE_TABLES
        finally:
            engine.dispose()

    migrate.upgrade(url)
    assert tables() == CASE_TABLES
    migrate.downgrade(url, "base")
    assert tables() == set()
    migrate.upgrade(url)
    assert "cases" in tables()


def test_a_user_has_numbered_cases_with_facts_evidence_and_history(store):
    dress = store.open_case("u1", "连衣裙 色差", {"dispute_type": "color_difference", "amount_yuan": 299.0})
    shoes = store.open_case("u1", "鞋子 开胶", {"dispute_type": "quality"})
    store.open_case("u2", "别人的案件")
    assert (dress.number, shoes.number) == (1, 2)

    def applied(case):
        case.facts["platform_status"] = "applied_waiting"
        case.evidence_have = ("daylight_comparison_photos",)
        case.evidence_missing = ("listing_screenshot",)
        case.recommendation = "intervene"
        case.status = "applied"

    after = store.update(dress.id, applied, note="介入申请提交了")
    assert after.facts == {"dispute_type": "color_difference", "amount_yuan": 299.0,
                           "platform_status": "applied_waiting"}
    assert after.evidence_have == ("daylight_comparison_photos",) and after.evidence_missing == ("listing_screenshot",)
    assert [h[0] for h in after.history] == ["open", "applied"] and after.history[1][2] == "介入申请提交了"
    assert after.version == dress.version + 1 and after.updated_at.tzinfo is not None
    assert [c.title for c in store.cases_of("u1")] == ["连衣裙 色差", "鞋子 开胶"]


def test_text_the_user_typed_is_stored_bounded(store):
    case = store.open_case("u1", "长" * 5000)
    assert len(case.title) == MAX_TEXT_CHARS


def test_text_reaches_sql_only_as_parameters(store):
    evil = "x'); DROP TABLE cases; --"
    case = store.open_case(evil, evil, {"wants": evil})
    assert store.cases_of(evil)[0].facts["wants"] == evil and store.get(case.id).title == evil


def test_an_unknown_status_is_refused(store):
    case = store.open_case("u1")
    with pytest.raises(ValueError):
        store.update(case.id, lambda c: setattr(c, "status", "whatever"))
    assert store.get(case.id).status == "open"


def test_deleting_a_user_leaves_no_rows_and_nobody_else_is_touched(store):
    mine = store.open_case("me", "a", {"dispute_type": "size"})
    store.update(mine.id, lambda c: setattr(c, "evidence_have", ("order_info",)))
    store.open_case("me", "b")
    store.open_case("you", "c")
    assert store.delete_user("me") == 2
    assert store.cases_of("me") == [] and len(store.cases_of("you")) == 1
    with store.engine.connect() as c:
        for table in ("case_facts", "case_evidence", "case_status_history"):
            rows = c.execute(sa.text(f"SELECT count(*) FROM {table} WHERE case_id = :id"), {"id": mine.id}).scalar()
            assert rows == 0, table


def test_cases_idle_past_the_retention_are_purged(url):
    migrate.upgrade(url)
    clock = {"now": datetime(2027, 1, 1, tzinfo=timezone.utc)}
    store = SQLCaseStore(url, clock=lambda: clock["now"])
    old = store.open_case("u", "old")
    clock["now"] += timedelta(days=100)
    recent = store.open_case("u", "recent")
    clock["now"] += timedelta(days=100)  # old: 200 days idle, recent: 100
    assert store.purge_idle(clock["now"], 180) == 1
    assert store.get(old.id) is None and store.get(recent.id) is not None
    store.engine.dispose()


def test_fifty_simultaneous_updates_of_one_case_lose_nothing(store):
    case = store.open_case("u", "并发")
    errors = []

    def add(i):
        other = SQLCaseStore(store.url)  # a connection of its own, like another server process
        try:
            def change(c):
                c.facts[f"fact_{i}"] = i
                c.facts["count"] = c.facts.get("count", 0) + 1
                c.evidence_have = tuple(c.evidence_have) + (f"item_{i}",)
            other.update(case.id, change)
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)
        finally:
            other.engine.dispose()

    threads = [threading.Thread(target=add, args=(i,)) for i in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors[:3]
    final = store.get(case.id)
    assert final.facts["count"] == 50
    assert all(final.facts[f"fact_{i}"] == i for i in range(50))
    assert len(final.evidence_have) == 50 and final.version == 51


def test_on_sqlite_the_connection_is_reused_and_commits_do_not_wait_for_the_disk(tmp_path):
    from sqlalchemy.pool import QueuePool

    url = f"sqlite:///{tmp_path / 'cases.db'}"
    migrate.upgrade(url)
    s = SQLCaseStore(url)
    try:
        assert isinstance(s.engine.pool, QueuePool)
        with s.engine.connect() as c:
            first = c.connection.dbapi_connection
            assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert c.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
        with s.engine.connect() as c:
            assert c.connection.dbapi_connection is first  # not a new connection per write
    finally:
        s.engine.dispose()


def test_the_turn_writers_store_what_update_and_open_store(store):
    """The action server's writers (open_and_write, write) read less and return less; what
    they store must be what open_case and update store, read back field by field."""
    def turn_one(case):
        case.facts = {"dispute_type": "size", "amount_yuan": 159.0}
        case.title = "运动鞋 · 尺码不符"
        case.evidence_have = ("order_info", "order_info")
        case.evidence_missing = ("flat_measurement", "order_info")
        case.recommendation = "negotiate"

    def turn_two(case):
        case.facts = {"dispute_type": "size", "amount_yuan": 169.0, "platform_status": "applied_waiting"}
        case.evidence_have = ("order_info", "flat_measurement")
        case.evidence_missing = ()
        case.recommendation = "intervene"
        case.status = "applied"

    def stored(case_id):
        c = store.get(case_id)
        return (c.user_id, c.number, c.status, c.title, c.facts, c.evidence_have, c.evidence_missing,
                c.recommendation, [(s, n) for s, _at, n in c.history])

    old = store.open_case("old", "")
    store.update(old.id, turn_one)
    new = store.open_and_write("new", turn_one)
    assert stored(new.id)[1:] == stored(old.id)[1:] and new.number == 1
    assert new.evidence_have == ("order_info",) and new.evidence_missing == ("flat_measurement",)
    assert store.get(new.id).version == 1  # one write (the old way: an open, then an update)
    store.update(old.id, turn_two, note="介入申请提交了")
    assert store.write(new.id, turn_two, note="介入申请提交了") is None
    after = stored(new.id)
    assert after[1:] == stored(old.id)[1:]
    assert after[4] == {"dispute_type": "size", "amount_yuan": 169.0, "platform_status": "applied_waiting"}
    assert store.get(new.id).version == 2
    assert after[8] == [("open", ""), ("applied", "介入申请提交了")]
    # a fact dropped and the evidence emptied are written too
    store.write(new.id, lambda c: (c.facts.pop("platform_status"), setattr(c, "evidence_have", ())))
    assert "platform_status" not in store.get(new.id).facts and store.get(new.id).evidence_have == ()
    with pytest.raises(KeyError):
        store.write(10**9, turn_two)
    with pytest.raises(ValueError):
        store.open_and_write("new", lambda c: setattr(c, "status", "whatever"))
    assert [c.number for c in store.cases_of("new")] == [1]
