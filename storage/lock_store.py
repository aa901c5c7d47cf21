"""The conversation lock: one process alone, or several Rasa instances through Redis.

Rasa handles a conversation's turns one at a time with a ticket lock. endpoints.yml
names this class (`type: storage.lock_store.SharedLockStore`) so the same file serves
one machine and a cluster:

- REDIS_URL unset (`make run`): Rasa's in-memory lock store, as before.
- REDIS_URL set (`make cluster`): the tickets live in Redis, so a conversation's turns
  are handled in order whichever instance takes them. Two things differ from Rasa's
  RedisLockStore, both for several instances:
  - every change of a lock is one Redis transaction (WATCH/MULTI), so two instances
    never issue the same ticket number or overwrite each other's tickets;
  - each ticket names the instance that holds it, and every instance keeps a
    heartbeat key alive. A waiter drops the tickets of an instance whose heartbeat
    is gone, so a turn that a killed instance was handling blocks its conversation
    for about DEAD_AFTER_S seconds, not for the ticket's whole lifetime (60 s).
"""
from __future__ import annotations

import json
import logging
import os
import socket
import threading
import uuid
from typing import Callable, Optional, Text

from rasa.core.lock import TicketLock
from rasa.core.lock_store import DEFAULT_REDIS_LOCK_STORE_KEY_PREFIX, InMemoryLockStore, LockError, RedisLockStore

logger = logging.getLogger(__name__)

HEARTBEAT_EVERY_S = 1.0
DEAD_AFTER_S = 3.0  # an instance that has not beaten for this long is gone
SOCKET_TIMEOUT_S = 2.0


class SharedLockStore(RedisLockStore):
    def __new__(cls, endpoint_config=None, url: Optional[str] = None, **kwargs):
        if not (url or os.environ.get("REDIS_URL", "").strip()):
            return InMemoryLockStore()  # one process: nothing to share
        return super().__new__(cls)

    def __init__(self, endpoint_config=None, url: Optional[str] = None, instance: Optional[str] = None,
                 heartbeat_every_s: float = HEARTBEAT_EVERY_S, dead_after_s: float = DEAD_AFTER_S) -> None:
        import redis

        url = url or os.environ["REDIS_URL"].strip()
        self.red = redis.Redis.from_url(url, socket_timeout=SOCKET_TIMEOUT_S, socket_connect_timeout=SOCKET_TIMEOUT_S)
        self.key_prefix = DEFAULT_REDIS_LOCK_STORE_KEY_PREFIX
        self.instance = instance or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.heartbeat_every_s = heartbeat_every_s
        self.dead_after_ms = int(dead_after_s * 1000)
        self._stop = threading.Event()
        self._beat()
        # a thread, not a task: it keeps beating while the event loop is busy with a long turn
        self._heart = threading.Thread(target=self._beat_until_stopped, name="lock-heartbeat", daemon=True)
        self._heart.start()
        super(RedisLockStore, self).__init__()
        logger.info("conversation locks in Redis, shared by every instance (this one: %s)", self.instance)

    # --- keys ------------------------------------------------------------------

    def _lock_key(self, conversation_id: Text) -> str:
        return self.key_prefix + conversation_id

    def _owners_key(self, conversation_id: Text) -> str:
        return f"{self.key_prefix}owners:{conversation_id}"

    def _alive_key(self, instance: str) -> str:
        return f"{self.key_prefix}alive:{instance}"

    # --- heartbeat -------------------------------------------------------------

    def _beat(self) -> None:
        self.red.set(self._alive_key(self.instance), "1", px=self.dead_after_ms)

    def _beat_until_stopped(self) -> None:
        while not self._stop.wait(self.heartbeat_every_s):
            try:
                self._beat()
            except Exception as e:  # Redis restarting: beat again when it is back
                logger.debug("lock heartbeat failed (%s)", type(e).__name__)

    def stop_heartbeat(self) -> None:
        """Stop beating (the instance looks dead to the others once its key expires)."""
        self._stop.set()
        self._heart.join(timeout=2 * self.heartbeat_every_s)

    # --- atomic changes ----------------------------------------------------------

    def _change(self, conversation_id: Text, change: Callable[[TicketLock, object], object]):
        """Read the lock, let `change` modify it, write it back: one transaction, retried on conflict."""
        import redis

        key = self._lock_key(conversation_id)
        with self.red.pipeline() as pipe:
            for _ in range(100):
                try:
                    pipe.watch(key)
                    raw = pipe.get(key)
                    lock = TicketLock.from_dict(json.loads(raw)) if raw else TicketLock(conversation_id)
                    pipe.multi()
                    result = change(lock, pipe)
                    if lock.tickets:
                        pipe.set(key, lock.dumps())
                    else:
                        pipe.delete(key, self._owners_key(conversation_id))
                    pipe.execute()
                    return result
                except redis.WatchError:
                    continue  # another instance changed it first: read again
        raise LockError("lock for a conversation kept changing; gave up after 100 tries")

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = 60) -> int:
        def issue(lock: TicketLock, pipe) -> int:
            number = lock.issue_ticket(lock_lifetime)
            owners = self._owners_key(conversation_id)
            pipe.hset(owners, str(number), self.instance)
            pipe.expire(owners, int(lock_lifetime) + 60)
            return number

        try:
            return self._change(conversation_id, issue)
        except LockError:
            raise
        except Exception as e:
            raise LockError(f"Error while acquiring lock. Error:\n{e}")

    def update_lock(self, conversation_id: Text) -> None:
        """Drop expired tickets, and the head ticket of an instance that is gone."""
        head = self.get_lock(conversation_id)
        dead = None
        if head and head.tickets:
            first = head.tickets[0]
            owner = self.red.hget(self._owners_key(conversation_id), str(first.number))
            if owner is None or not self.red.exists(self._alive_key(owner.decode())):
                dead = first.number

        def tidy(lock: TicketLock, pipe) -> None:
            lock.remove_expired_tickets()
            if dead is not None and lock.tickets and lock.tickets[0].number == dead:
                lock.remove_ticket_for(dead)
                pipe.hdel(self._owners_key(conversation_id), str(dead))
                logger.warning("dropped a conversation's turn held by an instance that is gone")

        if head is not None:
            self._change(conversation_id, tidy)

    def finish_serving(self, conversation_id: Text, ticket_number: int) -> None:
        def finish(lock: TicketLock, pipe) -> None:
            lock.remove_ticket_for(ticket_number)
            pipe.hdel(self._owners_key(conversation_id), str(ticket_number))

        self._change(conversation_id, finish)

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        # finish_serving deletes the lock when no ticket is left; never delete others' tickets
        self.finish_serving(conversation_id, ticket_number)
