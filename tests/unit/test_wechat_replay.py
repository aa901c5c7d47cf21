"""channels.wechat_replay: stale timestamps and reused nonces are refused, WeChat's own
retries of one message are not (a clock the test sets); with Redis, across instances."""
import asyncio
import uuid

import pytest

from channels.shared_store import redis_client
from channels.wechat_replay import Replayed, ReplayGuard


class Clock:
    def __init__(self, now=1_800_000_000.0):
        self.now = now

    def __call__(self):
        return self.now


def check(guard, *args):
    asyncio.run(guard.check(*args))


def test_an_hour_old_or_future_timestamp_is_refused():
    clock = Clock()
    guard = ReplayGuard(clock=clock, redis=None)
    for ts in (clock.now - 3600, clock.now + 3600, clock.now - 301):
        with pytest.raises(Replayed, match="timestamp"):
            check(guard, str(int(ts)), "n1", "m1")
    check(guard, str(int(clock.now - 299)), "n2", "m2")


def test_a_timestamp_that_is_no_number_is_refused():
    with pytest.raises(Replayed):
        check(ReplayGuard(clock=Clock(), redis=None), "yesterday", "n", "m")


def test_a_nonce_used_again_for_another_message_is_refused_but_a_retry_is_not():
    clock = Clock()
    guard = ReplayGuard(clock=clock, redis=None)
    ts = str(int(clock.now))
    check(guard, ts, "abc", "msg-1")
    check(guard, ts, "abc", "msg-1")  # WeChat retrying the same message
    with pytest.raises(Replayed, match="nonce"):
        check(guard, ts, "abc", "msg-2")


def test_nonces_are_forgotten_after_the_window():
    async def go():
        clock = Clock()
        guard = ReplayGuard(clock=clock, redis=None)
        await guard.check(str(int(clock.now)), "abc", "msg-1")
        clock.now += 400
        for i in range(1100):  # enough to prune
            await guard.check(str(int(clock.now)), f"n{i}", f"m{i}")
        assert "abc" not in guard._seen
        await guard.check(str(int(clock.now)), "abc", "msg-3")

    asyncio.run(go())


def test_a_replay_on_another_instance_is_refused_through_redis():
    import time

    async def go():
        client = redis_client("redis://127.0.0.1:6379/15")
        try:
            await client.ping()
        except Exception:
            pytest.fail("Redis at 127.0.0.1:6379 is not running: start it (see README)")
        one, two = ReplayGuard(redis=client), ReplayGuard(redis=client)  # two instances
        ts, nonce = str(int(time.time())), uuid.uuid4().hex
        await one.check(ts, nonce, "msg-1")
        await two.check(ts, nonce, "msg-1")  # WeChat's retry of the same message, elsewhere
        with pytest.raises(Replayed, match="nonce"):
            await two.check(ts, nonce, "msg-2")
        assert not two._seen  # it was Redis that remembered
        await client.connection_pool.disconnect()

    asyncio.run(go())


def test_with_redis_down_the_process_remembers_on_its_own():
    async def go():
        guard = ReplayGuard(redis=redis_client("redis://127.0.0.1:1/0"))
        ts = str(int(guard.clock()))
        await guard.check(ts, "n", "m1")
        with pytest.raises(Replayed):
            await guard.check(ts, "n", "m2")

    asyncio.run(go())
