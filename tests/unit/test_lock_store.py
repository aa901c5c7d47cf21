"""The shared conversation lock, against the machine's real Redis (REDIS_URL or 127.0.0.1:6379)."""
import asyncio
import os
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from rasa.core.lock_store import InMemoryLockStore, LockStore
from rasa.utils.endpoints import EndpointConfig

from storage.lock_store import SharedLockStore

REDIS = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/3")


def _redis_up() -> bool:
    import redis

    try:
        return redis.Redis.from_url(REDIS, socket_connect_timeout=1).ping()
    except Exception:
        return False


@pytest.fixture
def stores():
    if not _redis_up():
        pytest.fail(f"Redis is not reachable at {REDIS}; start it as the machine's notes say")
    made = []

    def make(**kwargs):
        store = SharedLockStore(url=REDIS, dead_after_s=kwargs.pop("dead_after_s", 1.5),
                                heartbeat_every_s=0.3, **kwargs)
        made.append(store)
        return store

    yield make
    for s in made:
        s.stop_heartbeat()


def conversation() -> str:
    return f"test-lock-{uuid.uuid4().hex}"


def test_without_redis_url_it_is_rasas_in_memory_store(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    store = LockStore.create(EndpointConfig(type="storage.lock_store.SharedLockStore"))
    assert isinstance(store, InMemoryLockStore)


def test_endpoints_yml_with_redis_url_gives_the_shared_store(monkeypatch, stores):
    monkeypatch.setenv("REDIS_URL", REDIS)
    store = LockStore.create(EndpointConfig(type="storage.lock_store.SharedLockStore"))
    try:
        assert isinstance(store, SharedLockStore)
    finally:
        store.stop_heartbeat()


def test_two_instances_serve_one_conversation_in_ticket_order(stores):
    a, b = stores(), stores()
    cid = conversation()
    first = a.issue_ticket(cid)
    second = b.issue_ticket(cid)
    assert second == first + 1
    assert not a.get_lock(cid).is_locked(first)
    assert b.get_lock(cid).is_locked(second)  # waits for the first turn
    a.cleanup(cid, first)
    assert not b.get_lock(cid).is_locked(second)
    b.cleanup(cid, second)
    assert b.get_lock(cid) is None  # the last turn leaves nothing behind


def test_tickets_issued_at_once_by_two_instances_are_all_different(stores):
    a, b = stores(), stores()
    cid = conversation()
    with ThreadPoolExecutor(8) as pool:
        numbers = list(pool.map(lambda i: (a if i % 2 else b).issue_ticket(cid), range(40)))
    assert len(set(numbers)) == 40
    assert len(a.get_lock(cid).tickets) == 40


def test_a_live_instance_keeps_its_turn(stores):
    a, b = stores(), stores()
    cid = conversation()
    a.issue_ticket(cid)

    async def second_turn():
        async with b.lock(cid, wait_time_in_seconds=0.1):
            return True

    async def within(seconds):
        return await asyncio.wait_for(second_turn(), seconds)

    with pytest.raises(asyncio.TimeoutError):
        asyncio.run(within(3.0))  # twice the time after which a dead holder is dropped


def test_the_turn_of_a_killed_instance_is_dropped_within_seconds(stores):
    a, b = stores(), stores()
    cid = conversation()
    a.issue_ticket(cid)  # a is handling a turn ...
    a.stop_heartbeat()  # ... and is killed: no more heartbeats

    async def second_turn():
        start = time.monotonic()
        async with b.lock(cid, wait_time_in_seconds=0.1):
            return time.monotonic() - start

    waited = asyncio.run(second_turn())
    assert waited < 3.0  # dead after 1.5 s, not the ticket's 60 s lifetime
    assert b.get_lock(cid) is None
