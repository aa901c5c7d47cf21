"""The cache that keeps WeChat's retries away from the assistant."""
import asyncio
import uuid

import pytest

from channels.shared_store import redis_client
from channels.wechat_dedupe import ReplyCache, SharedReplyCache


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_first_sight_claims_then_retries_do_not():
    cache = ReplyCache()
    assert cache.claim("msg:1") is True
    assert cache.claim("msg:1") is False
    assert cache.claim("msg:1") is False
    assert cache.claim("msg:2") is True


def test_reply_is_none_while_pending_then_the_stored_text():
    cache = ReplyCache()
    cache.claim("msg:1")
    assert cache.reply_for("msg:1") is None
    cache.store("msg:1", "你好")
    assert cache.reply_for("msg:1") == "你好"
    assert cache.reply_for("msg:unknown") is None


def test_empty_answer_stays_empty():
    cache = ReplyCache()
    cache.claim("event:u:1")
    cache.store("event:u:1", None)
    assert cache.reply_for("event:u:1") is None
    assert cache.claim("event:u:1") is False


def test_store_for_an_unclaimed_key_is_ignored():
    cache = ReplyCache()
    cache.store("msg:9", "x")
    assert cache.reply_for("msg:9") is None and len(cache) == 0


def test_entries_expire_after_the_ttl():
    clock = Clock()
    cache = ReplyCache(ttl_s=60, clock=clock)
    cache.claim("msg:1")
    clock.now += 59
    assert cache.claim("msg:1") is False
    clock.now += 2
    assert cache.claim("msg:1") is True  # long past WeChat's retries: a new message


def test_size_is_bounded_oldest_first():
    cache = ReplyCache(max_entries=3)
    for n in range(5):
        cache.claim(f"msg:{n}")
    assert len(cache) == 3
    assert cache.claim("msg:4") is False
    assert cache.claim("msg:0") is True


# ------------------------------------------------------------------ shared through Redis

REDIS_URL = "redis://127.0.0.1:6379/14"


def test_a_retry_on_another_instance_gets_the_first_answer_not_a_second_turn():
    async def go():
        try:
            await redis_client(REDIS_URL).ping()
        except Exception:
            pytest.fail("Redis at 127.0.0.1:6379 is not running: start it (see README)")
        a = SharedReplyCache(redis=redis_client(REDIS_URL))
        b = SharedReplyCache(redis=redis_client(REDIS_URL))  # another instance
        key = f"msg-{uuid.uuid4().hex}"
        assert await a.claim(key)
        assert not await b.claim(key)  # the retry landed elsewhere while the turn runs
        assert await b.reply_for(key) is None  # pending: WeChat gets "success"
        await a.store(key, "已收到，先说说订单的情况")
        assert not await b.claim(key)
        assert await b.reply_for(key) == "已收到，先说说订单的情况"
        await redis_client(REDIS_URL).connection_pool.disconnect()

    asyncio.run(go())


def test_with_redis_down_one_instance_still_remembers_its_own_messages():
    async def go():
        cache = SharedReplyCache(redis=redis_client("redis://127.0.0.1:1/0"))
        assert await cache.claim("m1")
        assert not await cache.claim("m1")
        await cache.store("m1", "答复")
        assert await cache.reply_for("m1") == "答复"

    asyncio.run(go())
