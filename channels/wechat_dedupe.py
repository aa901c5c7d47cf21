"""Remember which WeChat messages were already handled, and what was answered.

WeChat retries a message it got no answer for within 5 s, up to three times,
with the same MsgId (events: same sender and CreateTime). A retry must not reach
the assistant again: it gets the answer given the first time, or "success" while
that first answer is still being worked out.

Kept in process memory on purpose: a retry comes within ~15 s of the first try,
so the window is tiny, and looking the id up in the tracker store could not see
a message whose turn is still running. With several Rasa instances, route each
WeChat account's webhook to one instance (see README).
"""
import time
from collections import OrderedDict
from typing import Callable, Optional, Tuple

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
