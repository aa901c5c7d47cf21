"""WeChat Official Account (微信公众号) channel: /webhooks/wechat/webhook.

WeChat checks the URL with a signed GET, then POSTs each user message as XML
(plaintext, or AES-encrypted in safe mode) and shows the XML we answer with
(a "passive reply") if it comes within 5 s; otherwise it retries the same message
up to three times. What does not fit into that one passive reply goes out through
the customer-service message API. wechatpy does the signatures, crypto, parsing,
replies and API calls; this module only translates between WeChat and Rasa.
"""
import asyncio
import logging
import os
from typing import Any, Awaitable, Callable, Dict, List, Optional, Set, Tuple

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from rasa.shared.core.events import UserUttered
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from wechatpy import create_reply, parse_message
from wechatpy.crypto import WeChatCrypto
from wechatpy.exceptions import InvalidAppIdException, InvalidSignatureException
from wechatpy.utils import check_signature

from channels import wechat_texts
from channels.rest import error_response
from channels.rate_limit import TOO_FAST, RateLimits
from channels.wechat_replay import Replayed, ReplayGuard
from channels.wechat_choices import payload_for_choice, parse_choice, render_message
from channels.wechat_dedupe import SharedReplyCache
from channels.wechat_push import CustomerServicePush
from channels.wechat_settings import WeChatSettings

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 64 * 1024  # WeChat's messages are a few hundred bytes
# The passive reply reaches the user when WeChat reads our HTTP answer; pushed
# messages wait a moment so they arrive after it, not before.
PUSH_AFTER_REPLY_S = 0.5
# A `subscribe` event starts the conversation the way a greeting does.
WELCOME_PAYLOAD = "/greet"
WELCOME_EVENTS = ("subscribe", "subscribe_scan", "subscribe_scan_product")


class BadRequest(Exception):
    def __init__(self, status: int, reason: str):
        super().__init__(reason)
        self.status = status
        self.reason = reason


class WeChatInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "wechat"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> "WeChatInput":
        return cls(WeChatSettings.from_credentials(credentials, os.environ))

    def __init__(self, settings: WeChatSettings):
        self.settings = settings
        self.crypto = (WeChatCrypto(settings.token, settings.aes_key, settings.app_id)
                       if settings.enabled and settings.safe_mode else None)
        self.push = (CustomerServicePush(settings.app_id, settings.app_secret, settings.api_base_url)
                     if settings.enabled and settings.can_push else None)
        self.replies = SharedReplyCache()
        self.replay_guard = ReplayGuard()
        self.limits = RateLimits.from_env()
        self._background: Set[asyncio.Future] = set()  # keep pushes alive until done
        if settings.enabled:
            logger.info("WeChat channel on (safe mode: %s, customer-service API: %s, reply within %.1f s)",
                        "yes" if self.crypto else "no", "yes" if self.push else "no",
                        settings.reply_timeout_s)
        else:
            logger.info("WeChat channel off: WECHAT_TOKEN is not set")

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        wechat = Blueprint("wechat_webhook", __name__)

        @wechat.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.settings.enabled else "off"})

        if not self.settings.enabled:
            return wechat  # no webhook: WeChat's requests get 404

        @wechat.route("/webhook", methods=["GET"])
        async def verify(request: Request) -> HTTPResponse:
            try:
                p = _params(request, "signature", "timestamp", "nonce", "echostr")
                self._check_plain_signature(p)
                self._check_fresh(p)
            except BadRequest as e:
                return _refuse(e)
            return response.text(p["echostr"])

        @wechat.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                message, key, p, encrypted = self._read(request)
                await self._check_nonce(p, key)
            except BadRequest as e:
                return _refuse(e)
            if not await self.replies.claim(key):
                # WeChat retrying (maybe to another instance): never a second turn for the same message
                return self._answer(message, await self.replies.reply_for(key), p, encrypted)
            if await self.limits.allow_sender(message.source):
                reply = await self._reply_to(request, on_new_message, message)
            else:
                reply = TOO_FAST  # a flood from one user: no turn, a short answer
            await self.replies.store(key, reply)
            return self._answer(message, reply, p, encrypted)

        return wechat

    # --- reading the request -------------------------------------------------

    def _read(self, request: Request) -> Tuple[Any, str, Dict[str, str], bool]:
        """The message, its dedupe key, the query parameters and whether it was encrypted."""
        body = request.body or b""
        if len(body) > MAX_BODY_BYTES:
            raise BadRequest(413, f"the body is larger than {MAX_BODY_BYTES} bytes")
        encrypt_type = request.args.get("encrypt_type", "raw")
        if encrypt_type == "aes":
            p = _params(request, "msg_signature", "timestamp", "nonce")
            if self.crypto is None:
                logger.error("WeChat sent a safe-mode message but WECHAT_AES_KEY/WECHAT_APP_ID are not set")
                raise BadRequest(400, "safe-mode message, but this server has no EncodingAESKey")
            try:
                xml = self.crypto.decrypt_message(body, p["msg_signature"], p["timestamp"], p["nonce"])
            except (InvalidSignatureException, InvalidAppIdException):
                raise BadRequest(403, "wrong signature")
            except Exception:
                raise BadRequest(400, "the body is not an encrypted WeChat XML message")
            encrypted = True
        elif encrypt_type == "raw":
            p = _params(request, "signature", "timestamp", "nonce")
            self._check_plain_signature(p)
            xml = body
            encrypted = False
        else:
            raise BadRequest(400, f"unknown encrypt_type {encrypt_type!r}")
        message, key = _parse(xml)
        self._check_fresh(p)
        return message, key, p, encrypted

    def _check_fresh(self, p: Dict[str, str]) -> None:
        try:
            self.replay_guard.check_time(p["timestamp"])
        except Replayed as e:
            logger.warning("refused a WeChat request: %s", e)
            raise BadRequest(403, str(e))

    async def _check_nonce(self, p: Dict[str, str], message_key: str) -> None:
        """A nonce seen before for another message: a replay (shared through Redis in a cluster)."""
        try:
            await self.replay_guard.check(p["timestamp"], p["nonce"], message_key)
        except Replayed as e:
            logger.warning("refused a WeChat request: %s", e)
            raise BadRequest(403, str(e))

    def _check_plain_signature(self, p: Dict[str, str]) -> None:
        try:
            check_signature(self.settings.token, p["signature"], p["timestamp"], p["nonce"])
        except InvalidSignatureException:
            raise BadRequest(403, "wrong signature")

    # --- answering -----------------------------------------------------------

    async def _reply_to(self, request: Request, on_new_message, message) -> Optional[str]:
        """The passive reply text for a new message (None: answer "success", show nothing)."""
        if _kind(message) == "event":
            if str(message._data.get("Event") or "").lower() in WELCOME_EVENTS:
                return await self._converse(on_new_message, message, WELCOME_PAYLOAD)
            return None  # unsubscribe, menu clicks, location reports: nothing to say
        if message.type == "text":
            text = message.content or ""
        elif message.type == "voice" and (message.recognition or "").strip():
            text = message.recognition  # WeChat's speech recognition, when the account has it on
        else:
            return wechat_texts.NOT_TEXT
        if parse_choice(text) is not None:
            payload = payload_for_choice(text, await _recent_events(request, message.source))
            text = payload or text
        return await self._converse(on_new_message, message, text)

    async def _converse(self, on_new_message, message, text: str) -> Optional[str]:
        collector = CollectingOutputChannel()
        user_message = UserMessage(text, collector, message.source, input_channel=self.name(),
                                   metadata={"wechat_msg_id": str(message.id or ""),
                                             "wechat_account": message.target})
        turn = asyncio.ensure_future(_run_turn(on_new_message, user_message))
        done, _ = await asyncio.wait({turn}, timeout=self.settings.reply_timeout_s)
        if done:
            texts = _texts(collector.messages)
            if not turn.result() and not texts:
                return wechat_texts.FAILED
            if len(texts) <= 1 or self.push is None:
                # without the customer-service API one passive reply carries what fits
                return _fitting("\n\n", texts) or None
            self._in_background(self._push(message.source, texts[1:], after=PUSH_AFTER_REPLY_S))
            return texts[0]
        # too slow for WeChat: answer now, send the rest when the turn is over
        if self.push is None:
            self._in_background(turn)  # let it finish: the conversation keeps its turn
            logger.warning("WeChat reply for %s took over %.1f s and there is no customer-service "
                           "API to send it later", message.source, self.settings.reply_timeout_s)
            return wechat_texts.TOO_SLOW
        so_far = _texts(collector.messages)
        self._in_background(self._push_when_done(turn, collector, message.source, skip=len(so_far[:1])))
        return so_far[0] if so_far else wechat_texts.STILL_THINKING

    async def _push(self, openid: str, texts: List[str], after: float = 0.0) -> None:
        if after:
            await asyncio.sleep(after)
        await self.push.send_texts(openid, texts)

    async def _push_when_done(self, turn: asyncio.Future, collector: CollectingOutputChannel,
                              openid: str, skip: int) -> None:
        ok = await turn
        texts = _texts(collector.messages)[skip:]
        if not ok and not texts:
            texts = [wechat_texts.FAILED]
        await self._push(openid, texts, after=PUSH_AFTER_REPLY_S)

    def _in_background(self, coro_or_task) -> None:
        task = asyncio.ensure_future(coro_or_task)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    def _answer(self, message, reply: Optional[str], p: Dict[str, str], encrypted: bool) -> HTTPResponse:
        if not reply:
            return response.text("success")  # WeChat's "received, nothing to show"
        xml = create_reply(reply, message, render=True)
        if encrypted:
            xml = self.crypto.encrypt_message(xml, p["nonce"], p["timestamp"])
        return response.text(xml, content_type="application/xml")


def _params(request: Request, *names: str) -> Dict[str, str]:
    values = {n: request.args.get(n) for n in names}
    missing = [n for n, v in values.items() if not v]
    if missing:
        raise BadRequest(400, "missing query parameter(s): " + ", ".join(missing))
    return values


def _parse(xml: Any) -> Tuple[Any, str]:
    """wechatpy's message object and the key that identifies it across WeChat's retries."""
    try:
        message = parse_message(xml)
        if message is None:
            raise ValueError("empty body")
        if not isinstance(message.source, str) or not message.source:
            raise ValueError("no FromUserName")
        if not isinstance(message.target, str) or not message.target:
            raise ValueError("no ToUserName")
        # events have no MsgId: WeChat's docs identify them by sender and CreateTime
        key = (f"msg:{message.id}" if message.id
               else f"event:{message.source}:{message.time}:{message._data.get('Event')}")
    except Exception as e:  # expat errors, missing or odd elements, bad numbers, bad UTF-8
        raise BadRequest(400, f"the body is not a WeChat XML message ({type(e).__name__})")
    return message, key


def _kind(message) -> str:
    """MsgType; wechatpy calls every type or event it has no class for "unknown"."""
    if message.type != "unknown":
        return message.type
    return str(message._data.get("MsgType") or "unknown").lower()


async def _run_turn(on_new_message, user_message: UserMessage) -> bool:
    try:
        await on_new_message(user_message)
        return True
    except Exception:
        logger.exception("the assistant failed on a WeChat message from %s", user_message.sender_id)
        return False


async def _recent_events(request: Request, sender_id: str) -> List[Dict[str, Any]]:
    """The tracker's events since the user last spoke (as dicts), or [] if unavailable."""
    agent = getattr(request.app.ctx, "agent", None)
    store = getattr(agent, "tracker_store", None)
    if store is None:
        return []
    try:
        tracker = await store.retrieve(sender_id)
    except Exception:
        logger.exception("could not read the tracker of %s", sender_id)
        return []
    if tracker is None:
        return []
    tail = []
    for event in reversed(tracker.events):
        tail.append(event.as_dict())
        if isinstance(event, UserUttered):
            break
    return tail[::-1]


# WeChat takes at most 2048 bytes of text in one message (passive reply or
# customer-service message); longer ones are split at line breaks, with room to spare.
MAX_TEXT_BYTES = 2000


def _texts(messages: List[Dict[str, Any]]) -> List[str]:
    return [part for t in (render_message(m) for m in messages) if t for part in split_text(t)]


def split_text(text: str, limit: int = MAX_TEXT_BYTES) -> List[str]:
    """The text in pieces of at most `limit` UTF-8 bytes, cut at line breaks where it can."""
    if len(text.encode("utf-8")) <= limit:
        return [text]
    parts: List[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line.encode("utf-8")) > limit:  # one line too long: cut it by characters
            cut = len(line)
            while len(line[:cut].encode("utf-8")) > limit:
                cut = cut * 3 // 4
            if current:
                parts.append(current)
                current = ""
            parts.append(line[:cut])
            line = line[cut:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate.encode("utf-8")) > limit:
            parts.append(current)
            current = line
        else:
            current = candidate
    if current:
        parts.append(current)
    return parts


def _fitting(separator: str, texts: List[str]) -> str:
    """As many whole texts, joined, as fit in one WeChat message."""
    out = ""
    for t in texts:
        candidate = f"{out}{separator}{t}" if out else t
        if len(candidate.encode("utf-8")) > MAX_TEXT_BYTES:
            break
        out = candidate
    return out


def _refuse(e: BadRequest) -> HTTPResponse:
    return error_response(e.status, e.reason)
