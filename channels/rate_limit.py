"""Per-sender and per-client-IP limits on chat messages (token buckets, in this process).

A shopper types a message every few seconds; a script sending 80 at once is not a
shopper, and every message costs a classifier pass and several action calls. Each
key gets a bucket of BURST messages refilled at PER_MINUTE; over it the channel
answers 429 with a short Chinese message instead of queueing the turn, so other
users are not slowed down. The per-IP limit is generous (an office behind one NAT
address, or the benchmark's 50 users on 127.0.0.1, never reach it).

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


class RateLimits:
    def __init__(self, sender: Bucket, ip: Bucket, trusted_proxies=(), clock: Callable[[], float] = time.monotonic):
        self.sender, self.ip, self.clock = sender, ip, clock
        self.trusted_proxies = frozenset(trusted_proxies)

    @classmethod
    def from_env(cls, env=os.environ) -> "RateLimits":
        def num(name: str, default: float) -> float:
            try:
                return float(env.get(name, default))
            except ValueError:
                return default

        proxies = [p.strip() for p in env.get("TRUSTED_PROXIES", "").split(",") if p.strip()]
        return cls(Bucket(num("RATE_SENDER_PER_MINUTE", 60), num("RATE_SENDER_BURST", 20)),
                   Bucket(num("RATE_IP_PER_MINUTE", 6000), num("RATE_IP_BURST", 600)), proxies)

    def client_ip(self, peer: str, forwarded_for: Optional[str]) -> str:
        """The client's address: the proxy's X-Forwarded-For only when the peer is a trusted proxy."""
        if forwarded_for and peer in self.trusted_proxies:
            return forwarded_for.split(",")[-1].strip() or peer
        return peer

    def allow_sender(self, sender: str) -> bool:
        """The sender's limit only: for WeChat, whose requests all come from WeChat's servers."""
        return self.sender.take(sender, self.clock())

    def allow(self, sender: Optional[str], ip: str) -> bool:
        now = self.clock()
        if not self.ip.take(ip, now):
            return False
        return sender is None or self.sender.take(sender, now)
