"""The REST channel with a checked request body.

Rasa's own RestInput trusts the body: a JSON array crashes the handler (HTTP 500), a
missing `sender` files the message under the shared id "default", and a non-string
`message` fails deep inside NLU and answers `[]`. Bots that embed the assistant get a
400 with a reason instead. The URL stays /webhooks/rest/webhook.
"""
from typing import Any, Awaitable, Callable, Optional

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.exceptions import InvalidUsage
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.rate_limit import TOO_FAST, RateLimits
from channels.socketio_sessions import looks_like_web_session

MAX_SENDER_CHARS = 128


def request_problem(body: Any) -> Optional[str]:
    """Why a webhook body can't be taken, or None when it can."""
    if not isinstance(body, dict):
        return "the body must be a JSON object"
    sender = body.get("sender")
    if not isinstance(sender, str) or not sender.strip():
        return "'sender' must be a non-empty string that identifies the conversation"
    if len(sender) > MAX_SENDER_CHARS:
        return f"'sender' must be at most {MAX_SENDER_CHARS} characters"
    if not isinstance(body.get("message"), str):
        return "'message' must be a string (the user's text or a button payload)"
    if body.get("metadata") is not None and not isinstance(body["metadata"], dict):
        return "'metadata' must be a JSON object when given"
    if body.get("input_channel") is not None and not isinstance(body["input_channel"], str):
        return "'input_channel' must be a string when given"
    return None


MAX_BODY_BYTES = 64 * 1024  # a long rant JSON-escaped (6 bytes a character) fits; Rasa's own limit is 100 MB


class CheckedRestInput(RestInput):
    """RestInput that answers 400 with a reason for a body it cannot take, 413 for
    a body too large and 429 for a sender or client IP over its rate limit."""

    limits = RateLimits.from_env()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        blueprint = super().blueprint(on_new_message)

        @blueprint.middleware("request")
        async def check_body(request: Request) -> Optional[HTTPResponse]:
            if request.method != "POST":
                return None
            if len(request.body or b"") > MAX_BODY_BYTES:
                return error_response(413, f"the body is larger than {MAX_BODY_BYTES} bytes")
            try:
                body = request.json
            except InvalidUsage:
                return bad_request("the body is not valid UTF-8 JSON")
            problem = request_problem(body)
            if problem:
                return bad_request(problem)
            if looks_like_web_session(body["sender"]):
                # a web chat conversation: written only by the browser that holds it
                return error_response(403, "this sender id belongs to a web chat session")
            ip = self.limits.client_ip(request.ip, request.headers.get("x-forwarded-for"))
            if not await self.limits.allow(body["sender"], ip):
                return response.json({"error": "rate_limited", "reason": "too many messages, slow down",
                                      "text": TOO_FAST}, status=429, headers={"Retry-After": "5"})
            return None

        return blueprint


def error_response(status: int, reason: str) -> HTTPResponse:
    """The JSON every channel of ours answers a refused request with."""
    error = {403: "forbidden", 413: "too_large"}.get(status, "bad_request")
    return response.json({"error": error, "reason": reason}, status=status)


def bad_request(reason: str) -> HTTPResponse:
    return error_response(400, reason)
