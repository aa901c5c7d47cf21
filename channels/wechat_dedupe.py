"""Remember which WeChat messages were already handled, and what was answered.

WeChat retries a message it got no answer for within 5 s, up to three times,
with the same MsgId (events: same sender and CreateTime). A retry must not reach
the assistant again: it gets the answer given the first time, or "success" while
that first answer is still being worked out.

Not the tracker store: it could not see a message whose turn is still running.
ReplyCache is one process's memory (`make run`). SharedReplyCache keeps the same
record in Redis when REDIS_URL is set (`make cluster`): WeChat's retry may land on
another instance behind the load balancer, and it must find the first try there
too. While Redis is down it falls back to this process's memory.
"""
import time
from collections import OrderedDict
from typing import Callable, Optional, Tuple

from channels.shared_store import redis_client, warn_unavailable

_PENDING = object()


class ReplyCache:
    def __init__(self, ttl_s: float = 300.0, max_entries: int = 10_000,
                 clock: Callable[[], float] = time.monotonic):
        self.ttl_s = ttl_s
        self.max_entries = max_entries
        self.clock = clock
        self._entries: "OrderedDict[str, Tuple[float, object]]" = OrderedDict()

    def claim(self, key: str) -> bool:
        """True the first time a key is seen (the caller handles it), False for a retry."""
        self._forget_old()
        if key in self._entries:
            return False
        self._entries[key] = (self.clock(), _PENDING)
        return True

    def store(self, key: str, reply: Optional[str]) -> None:
        """The reply text given for a key (None: the empty "success" answer)."""
        if key in self._entries:
            seen_at, _ = self._entries[key]
            self._entries[key] = (seen_at, reply)

    def reply_for(self, key: str) -> Optional[str]:
        """The reply given for a key, or None while pending, after an empty answer, or unknown."""
        entry = self._entries.get(key)
        if entry is None or entry[1] is _PENDING:
            return None
        return entry[1]  # type: ignore[return-value]

    def __len__(self) -> int:
        return len(self._entries)

    def _forget_old(self) -> None:
        # entries are in arrival order, so the oldest are at the front
        now = self.clock()
        while self._entries:
            key, (seen_at, _) = next(iter(self._entries.items()))
            if now - seen_at < self.ttl_s and len(self._entries) < self.max_entries:
                break
            self._entries.popitem(last=False)


class SharedReplyCache:
    """ReplyCache's three calls, asynchronous, in Redis when there is one."""

    PENDING = "\x00pending"  # claimed, no reply yet (or the empty "success" answer)

    def __init__(self, ttl_s: float = 300.0, redis="env"):
        self.ttl_s = int(ttl_s)
        self.local = ReplyCache(ttl_s)
        self.redis = redis_client() if redis == "env" else redis

    @staticmethod
    def _name(key: str) -> str:
        return f"wechat:msg:{key}"

    async def claim(self, key: str) -> bool:
        if self.redis is not None:
            try:
                return bool(await self.redis.set(self._name(key), self.PENDING, nx=True, ex=self.ttl_s))
            except Exception as e:
                warn_unavailable("WeChat's retry memory", e)
        return self.local.claim(key)

    async def store(self, key: str, reply: Optional[str]) -> None:
        self.local.store(key, reply)
        if self.redis is not None and reply is not None:
            try:
                await self.redis.set(self._name(key), reply, xx=True, keepttl=True)
            except Exception as e:
                warn_unavailable("WeChat's retry memory", e)

    async def reply_for(self, key: str) -> Optional[str]:
        if self.redis is not None:
            try:
                value = await self.redis.get(self._name(key))
                if value is not None:
                    return None if value == self.PENDING else value
            except Exception as e:
                warn_unavailable("WeChat's retry memory", e)
        return self.local.reply_for(key)
