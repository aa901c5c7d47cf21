"""Redis for what several Rasa instances must share (REDIS_URL; unset: each process alone).

Rate limits and WeChat's replay memory live in the process by default. With
REDIS_URL set (`make cluster` sets it), every instance sees the same buckets and
nonces, so a flood or a replay that lands on another instance meets the same limit.
Redis being down must not take the chat down: the callers fall back to their
in-process memory and this module logs that once a minute, not per message.
"""
from __future__ import annotations

import logging
import os
import time
from typing import Optional

logger = logging.getLogger(__name__)

_clients: dict = {}
_last_warning = [0.0]


def redis_client(url: Optional[str] = None):
    """An asyncio Redis client for REDIS_URL (one per URL), or None when it is unset."""
    url = url if url is not None else os.environ.get("REDIS_URL", "").strip()
    if not url:
        return None
    if url not in _clients:
        import redis.asyncio as redis

        # short timeouts: a chat turn never waits long on a shared limit
        _clients[url] = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5,
                                             decode_responses=True)
    return _clients[url]


def warn_unavailable(what: str, error: Exception) -> None:
    """Redis failed: say so at most once a minute (the caller falls back to its own memory)."""
    now = time.monotonic()
    if now - _last_warning[0] >= 60:
        _last_warning[0] = now
        logger.warning("Redis unavailable for %s (%s); using this process's memory until it is back",
                       what, type(error).__name__)
