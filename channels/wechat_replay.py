"""Refuse replayed WeChat requests.

A signed WeChat request stays valid forever unless its timestamp is checked:
one captured request could be sent again an hour later. So a request whose
timestamp is more than WINDOW_S from now is refused, and so is a nonce seen
again within the window for another message. WeChat's own retries of one
message (same MsgId) are let through: the MsgId memory answers them without a
second turn.

The memory is in this process; with several instances, a replay that lands on
another instance within the window still meets that instance's MsgId memory.
"""
from __future__ import annotations

import time
from typing import Callable, Dict, Optional, Tuple

WINDOW_S = 300  # WeChat's servers keep time; 5 minutes covers clock drift and retries


class Replayed(Exception):
    """The request is stale or replayed: the reason says which."""


class ReplayGuard:
    def __init__(self, window_s: float = WINDOW_S, clock: Callable[[], float] = time.time):
        self.window_s = window_s
        self.clock = clock
        self._seen: Dict[str, Tuple[float, str]] = {}  # nonce -> (when, message key)

    def check_time(self, timestamp: str) -> None:
        try:
            sent = int(timestamp)
        except (TypeError, ValueError):
            raise Replayed("the timestamp is not a number")
        if abs(self.clock() - sent) > self.window_s:
            raise Replayed(f"the timestamp is more than {int(self.window_s)} s from now")

    def check(self, timestamp: str, nonce: str, message_key: Optional[str] = None) -> None:
        """Refuse a stale timestamp, or a nonce already used for another message."""
        self.check_time(timestamp)
        now = self.clock()
        self._forget_before(now - self.window_s)
        seen = self._seen.get(nonce)
        if seen is not None and (message_key is None or seen[1] != message_key):
            raise Replayed("this nonce was already used")
        if seen is None:
            self._seen[nonce] = (now, message_key or "")

    def _forget_before(self, cutoff: float) -> None:
        # pruned in batches: an old nonce kept a little longer refuses nothing real
        # (requests that old already fail the timestamp check)
        if len(self._seen) >= 1024:
            self._seen = {n: v for n, v in self._seen.items() if v[0] >= cutoff}
