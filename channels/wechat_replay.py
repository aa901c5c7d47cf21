"""Refuse replayed WeChat requests.

A signed WeChat request stays valid forever unless its timestamp is checked:
one captured request could be sent again an hour later. So a request whose
timestamp is more than WINDOW_S from now is refused, and so is a nonce seen
again within the window for another message. WeChat's own retries of one
message (same MsgId) are let through: the MsgId memory answers them without a
second turn.

The nonce memory is in this process, or in Redis when REDIS_URL is set, so a
replay that lands on another instance of a cluster is refused too; while Redis is
down each process falls back to its own memory.
"""
from __future__ import annotations

import time
from typing import Callable, Dict, Optional, Tuple

from channels.shared_store import redis_client, warn_unavailable

WINDOW_S = 300  # WeChat's servers keep time; 5 minutes covers clock drift and retries


class Replayed(Exception):
    """The request is stale or replayed: the reason says which."""


class ReplayGuard:
    def __init__(self, window_s: float = WINDOW_S, clock: Callable[[], float] = time.time, redis="env"):
        self.window_s = window_s
        self.clock = clock
        self.redis = redis_client() if redis == "env" else redis
        self._seen: Dict[str, Tuple[float, str]] = {}  # nonce -> (when, message key)

    def check_time(self, timestamp: str) -> None:
        try:
            sent = int(timestamp)
        except (TypeError, ValueError):
            raise Replayed("the timestamp is not a number")
        if abs(self.clock() - sent) > self.window_s:
            raise Replayed(f"the timestamp is more than {int(self.window_s)} s from now")

    async def check(self, timestamp: str, nonce: str, message_key: Optional[str] = None) -> None:
        """Refuse a stale timestamp, or a nonce already used for another message."""
        self.check_time(timestamp)
        key = message_key or ""
        if self.redis is not None:
            try:
                seen = await self._remember_shared(nonce, key)
            except Exception as e:
                warn_unavailable("the WeChat replay check", e)
                seen = self._remember_local(nonce, key)
        else:
            seen = self._remember_local(nonce, key)
        if seen is not None and (message_key is None or seen != key):
            raise Replayed("this nonce was already used")

    async def _remember_shared(self, nonce: str, key: str) -> Optional[str]:
        """The message key this nonce was first seen with (None: first time, now remembered)."""
        name = f"wechat:nonce:{nonce}"
        if await self.redis.set(name, key, nx=True, ex=int(self.window_s) + 1):
            return None
        return await self.redis.get(name) or ""

    def _remember_local(self, nonce: str, key: str) -> Optional[str]:
        now = self.clock()
        self._forget_before(now - self.window_s)
        seen = self._seen.get(nonce)
        if seen is None:
            self._seen[nonce] = (now, key)
            return None
        return seen[1]

    def _forget_before(self, cutoff: float) -> None:
        # pruned in batches: an old nonce kept a little longer refuses nothing real
        # (requests that old already fail the timestamp check)
        if len(self._seen) >= 1024:
            self._seen = {n: v for n, v in self._seen.items() if v[0] >= cutoff}
