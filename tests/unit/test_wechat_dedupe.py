"""The cache that keeps WeChat's retries away from the assistant."""
from channels.wechat_dedupe import ReplyCache


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
