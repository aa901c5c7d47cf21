"""channels.rate_limit: per-sender and per-IP token buckets, and whose forwarded address
counts; with REDIS_URL, buckets shared by every instance (the local Redis)."""
import asyncio
import uuid

import pytest

from channels.rate_limit import Bucket, RateLimits
from channels.shared_store import redis_client


class Clock:
    now = 1000.0

    def __call__(self):
        return self.now


def limits(**kw):
    clock = Clock()
    return RateLimits(Bucket(60, 20), Bucket(6000, 600), kw.get("proxies", ()), clock, redis=kw.get("redis")), clock


async def passed(lim, n, sender, ip="1.2.3.4"):
    return sum([await lim.allow(sender, ip) for _ in range(n)])


def test_a_flood_from_one_sender_is_cut_after_the_burst_and_others_still_pass():
    async def go():
        lim, clock = limits()
        assert await passed(lim, 80, "flooder") == 20
        assert await lim.allow("someone-else", "1.2.3.4")
        clock.now += 5  # 60 a minute: 5 more after 5 s
        assert await passed(lim, 10, "flooder") == 5

    asyncio.run(go())


def test_fifty_users_on_one_address_at_a_brisk_pace_never_hit_the_ip_limit():
    async def go():
        lim, clock = limits()
        for second in range(120):
            clock.now += 1
            for u in range(50):
                if (second + u) % 2 == 0:
                    assert await lim.allow(f"user-{u}", "127.0.0.1")

    asyncio.run(go())


def test_forwarded_for_counts_only_from_a_trusted_proxy():
    lim, _ = limits(proxies=("10.0.0.5",))
    assert lim.client_ip("10.0.0.5", "203.0.113.9") == "203.0.113.9"
    assert lim.client_ip("198.51.100.7", "203.0.113.9") == "198.51.100.7"
    assert lim.client_ip("10.0.0.5", None) == "10.0.0.5"


def test_zero_turns_a_limit_off():
    lim = RateLimits(Bucket(0, 0), Bucket(0, 0))
    assert asyncio.run(passed(lim, 1000, "s")) == 1000


def test_settings_come_from_the_environment():
    lim = RateLimits.from_env({"RATE_SENDER_BURST": "3", "RATE_SENDER_PER_MINUTE": "1"})
    assert lim.shared is None  # no REDIS_URL: this process's own buckets
    assert asyncio.run(passed(lim, 10, "s")) == 3


# ------------------------------------------------------------------ shared through Redis

REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture
def redis_url():
    async def ping():
        client = redis_client(REDIS_URL)
        try:
            return await client.ping()
        finally:
            await client.connection_pool.disconnect()

    try:
        asyncio.run(ping())
    except Exception:
        pytest.fail("Redis at 127.0.0.1:6379 is not running: start it (see README)")
    return REDIS_URL


def test_two_instances_share_one_senders_limit_through_redis(redis_url):
    async def go():
        env = {"REDIS_URL": redis_url, "RATE_SENDER_BURST": "20", "RATE_SENDER_PER_MINUTE": "60"}
        a, b = RateLimits.from_env(env), RateLimits.from_env(env)  # two instances
        sender = f"flood-{uuid.uuid4().hex}"
        got = [await (a if i % 2 else b).allow(sender, "1.2.3.4") for i in range(40)]
        assert sum(got) == 20  # not 20 each
        assert await a.allow(f"calm-{uuid.uuid4().hex}", "1.2.3.4")
        await a.shared[0].client.connection_pool.disconnect()

    asyncio.run(go())


def test_with_redis_down_each_process_still_limits_on_its_own():
    async def go():
        lim = RateLimits(Bucket(60, 5), Bucket(6000, 600), redis=redis_client("redis://127.0.0.1:1/0"))
        assert await passed(lim, 20, "flooder") == 5  # no error, no 5xx: the local bucket answered

    asyncio.run(go())
