"""Per-sender and per-client-IP limits on chat messages (token buckets, in this process).

A shopper types a message every few seconds; a script sending 80 at once is not a
shopper, and every message costs a classifier pass and several action calls. Each
key gets a bucket of BURST messages refilled at PER_MINUTE; over it the channel
answers 429 with a short Chinese message instead of queueing the turn, so other
users are not slowed down. The per-IP limit is generous (an office behind one NAT
address, or the benchmark's 50 users on 127.0.0.1, never reach it).

With REDIS_URL set the buckets live in Redis (one atomic script per message), so
all instances of a cluster share them; if Redis fails, each process falls back to its
own buckets until it is back (channels/shared_store.py).

Settings (environment): RATE_SENDER_PER_MINUTE (60), RATE_SENDER_BURST (20),
RATE_IP_PER_MINUTE (6000), RATE_IP_BURST (600); 0 turns a limit off. Used by the
REST webhook and socket.io (sender and IP) and WeChat (sender: every WeChat
request comes from WeChat's own servers, so their address says nothing).
TRUSTED_PROXIES: comma-separated addresses of reverse proxies (nginx) whose
X-Forwarded-For names the client; from anyone else the header is ignored.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import Callable, Dict, Optional, Tuple

from advisor.knowledge import default_knowledge
from channels.shared_store import redis_client, warn_unavailable

# the channel's own refusal, before any turn runs (its words live in the knowledge file)
TOO_FAST = default_knowledge().phrases["too_fast"]


@dataclass
class Bucket:
    per_minute: float
    burst: float

    def __post_init__(self):
        self.state: Dict[str, Tuple[float, float]] = {}  # key -> (tokens, last time)

    def take(self, key: str, now: float) -> bool:
        if self.per_minute <= 0 or self.burst <= 0:
            return True
        tokens, last = self.state.get(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.per_minute / 60.0)
        if len(self.state) > 50_000:  # forget keys that are full again
            self.state = {k: v for k, v in self.state.items()
                          if v[0] + (now - v[1]) * self.per_minute / 60.0 < self.burst}
        if tokens < 1:
            self.state[key] = (tokens, now)
            return False
        self.state[key] = (tokens - 1, now)
        return True


# One token bucket in Redis, read and updated atomically; Redis's own clock, so
# instances on several machines agree. KEYS[1]: the bucket; ARGV: per second, burst.
_TAKE = """
local rate, burst = tonumber(ARGV[1]), tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
local allowed = 0
if tokens >= 1 then tokens = tokens - 1; allowed = 1 end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('EXPIRE', KEYS[1], math.ceil(burst / rate) + 1)
return allowed
"""


class RedisBuckets:
    """The same buckets in Redis, shared by every instance; a local Bucket while Redis is down."""

    def __init__(self, client, name: str, local: Bucket):
        self.client, self.name, self.local = client, name, local
        self.script = client.register_script(_TAKE)

    async def take(self, key: str, now: float) -> bool:
        if self.local.per_minute <= 0 or self.local.burst <= 0:
            return True
        try:
            return bool(await self.script(keys=[f"ratelimit:{self.name}:{key}"],
                                          args=[self.local.per_minute / 60.0, self.local.burst]))
        except Exception as e:  # Redis down or slow: this process's own limit still applies
            warn_unavailable("rate limits", e)
            return self.local.take(key, now)


class RateLimits:
    def __init__(self, sender: Bucket, ip: Bucket, trusted_proxies=(), clock: Callable[[], float] = time.monotonic,
                 redis=None):
        self.sender, self.ip, self.clock = sender, ip, clock
        self.trusted_proxies = frozenset(trusted_proxies)
        self.shared = (RedisBuckets(redis, "sender", sender), RedisBuckets(redis, "ip", ip)) if redis else None

    @classmethod
    def from_env(cls, env=os.environ) -> "RateLimits":
        def num(name: str, default: float) -> float:
            try:
                return float(env.get(name, default))
            except ValueError:
                return default

        proxies = [p.strip() for p in env.get("TRUSTED_PROXIES", "").split(",") if p.strip()]
        return cls(Bucket(num("RATE_SENDER_PER_MINUTE", 60), num("RATE_SENDER_BURST", 20)),
                   Bucket(num("RATE_IP_PER_MINUTE", 6000), num("RATE_IP_BURST", 600)), proxies,
                   redis=redis_client(env.get("REDIS_URL", "").strip()))

    def client_ip(self, peer: str, forwarded_for: Optional[str]) -> str:
        """The client's address: the proxy's X-Forwarded-For only when the peer is a trusted proxy."""
        if forwarded_for and peer in self.trusted_proxies:
            return forwarded_for.split(",")[-1].strip() or peer
        return peer

    async def allow_sender(self, sender: str) -> bool:
        """The sender's limit only: for WeChat, whose requests all come from WeChat's servers."""
        return await self._take(0, sender, self.clock())

    async def allow(self, sender: Optional[str], ip: str) -> bool:
        now = self.clock()
        if not await self._take(1, ip, now):
            return False
        return sender is None or await self._take(0, sender, now)

    async def _take(self, which: int, key: str, now: float) -> bool:
        if self.shared:
            return await self.shared[which].take(key, now)
        return (self.sender, self.ip)[which].take(key, now)
