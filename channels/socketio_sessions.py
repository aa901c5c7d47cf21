"""socket.io with session ids the server issues and signs.

Rasa's SocketIOInput files each message under the `session_id` the client puts
in it: anyone who guesses or learns another user's id can write into that
conversation, and asking for a session with that id joins its room and reads
the answers. Here:

- the server makes every session id: 128 random bits plus an HMAC of them
  (`w-<32 hex>-<24 hex>`), so ids can't be guessed or made up;
- a session request is honoured only for an id with a valid signature (the
  widget sends back the one it stored, to keep the conversation after a
  reload); anything else gets a new id;
- a message is filed under the session this connection was confirmed for,
  whatever `session_id` the message itself claims;
- a session or client IP over its rate limit (channels/rate_limit.py) gets a
  short "too fast" message instead of a turn.

The secret comes from SOCKETIO_SESSION_SECRET, or from `.run/session-secret`
(generated once, owner-only), so every instance of a cluster shares it.
Threat model: a signed id is a bearer credential like a session cookie; it lives
in the browser's localStorage and never appears in URLs or logs.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import os
import re
import secrets
import uuid
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import UserMessage

from channels.rate_limit import TOO_FAST, RateLimits
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint

logger = logging.getLogger(__name__)

SECRET_FILE = Path(__file__).resolve().parent.parent / ".run" / "session-secret"
SESSION_ID = re.compile(r"w-([0-9a-f]{32})-([0-9a-f]{24})")


def _secret() -> bytes:
    value = os.environ.get("SOCKETIO_SESSION_SECRET", "").strip()
    if value:
        return value.encode("utf-8")
    try:
        return SECRET_FILE.read_bytes().strip()
    except FileNotFoundError:
        pass
    SECRET_FILE.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_hex(32)
    try:
        fd = os.open(SECRET_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another instance starting at the same moment wrote it first
        return SECRET_FILE.read_bytes().strip()
    with os.fdopen(fd, "w") as f:
        f.write(value)
    return value.encode("utf-8")


class SessionSigner:
    def __init__(self, secret: bytes):
        self.secret = secret

    def _sign(self, nonce: str) -> str:
        return hmac.new(self.secret, nonce.encode("ascii"), hashlib.sha256).hexdigest()[:24]

    def new_id(self) -> str:
        nonce = uuid.uuid4().hex
        return f"w-{nonce}-{self._sign(nonce)}"

    def valid(self, session_id: Any) -> bool:
        m = SESSION_ID.fullmatch(session_id) if isinstance(session_id, str) else None
        return bool(m) and hmac.compare_digest(m.group(2), self._sign(m.group(1)))


def _client_ip(sio, sid: str, limits: RateLimits) -> str:
    environ = sio.get_environ(sid) or {}
    request = environ.get("sanic.request")
    if request is None:
        return str(environ.get("REMOTE_ADDR") or "unknown")
    return limits.client_ip(request.ip, request.headers.get("x-forwarded-for"))


def looks_like_web_session(sender: str) -> bool:
    """A web chat session id: the REST channel refuses to write under one."""
    return bool(SESSION_ID.fullmatch(sender or ""))


MAX_PACKET_BYTES = 64 * 1024


class SignedSessionSocketIOInput(SocketIOInput):
    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = super().blueprint(on_new_message)
        sio = self.sio
        # engine.io accepts 1 MB a packet by default; a chat message is a few hundred bytes,
        # and the REST and WeChat channels stop at 64 KB too (a larger packet closes the connection)
        sio.eio.max_http_buffer_size = MAX_PACKET_BYTES
        signer = SessionSigner(_secret())
        confirmed: Dict[str, str] = {}  # socket id -> the session it was given
        limits = RateLimits.from_env()

        async def session_request(sid: Text, data: Optional[Dict]) -> None:
            asked = (data or {}).get("session_id") if isinstance(data, dict) else None
            session_id = asked if signer.valid(asked) else signer.new_id()
            confirmed[sid] = session_id
            sio.enter_room(sid, session_id)
            await sio.emit("session_confirm", session_id, room=sid)

        async def handle_message(sid: Text, data: Any) -> None:
            if not isinstance(data, dict) or not isinstance(data.get("message"), str):
                return
            session_id = confirmed.get(sid)
            if session_id is None or data.get("session_id") not in (None, session_id):
                logger.warning("socket.io: a message for a session this connection was not given; ignored")
                return
            if not await limits.allow(session_id, _client_ip(sio, sid, limits)):
                await sio.emit(self.bot_message_evt, {"text": TOO_FAST}, room=sid)
                return
            metadata = data.get(self.metadata_key) if isinstance(data.get(self.metadata_key), dict) else {}
            await on_new_message(UserMessage(data["message"], SocketIOOutput(sio, self.bot_message_evt),
                                             session_id, input_channel=self.name(), metadata=metadata))

        async def disconnect(sid: Text) -> None:
            confirmed.pop(sid, None)

        # replace Rasa's handlers for these events (python-socketio keeps one per event)
        sio.on("session_request", session_request, namespace=self.namespace)
        sio.on(self.user_message_evt, handle_message, namespace=self.namespace)
        sio.on("disconnect", disconnect, namespace=self.namespace)
        return bp
