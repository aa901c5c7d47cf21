"""The Rasa HTTP API's token, read the same way by `make run`, the tests and the bench.

`RASA_API_TOKEN` wins; otherwise the token `make run` generated into
`.run/api-token` (git-ignored, readable by the owner only). Chat channels
(REST webhook, socket.io, WeChat) need no token; every API path does.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Dict, Optional

ROOT = Path(__file__).resolve().parent.parent
TOKEN_FILE = ROOT / ".run" / "api-token"


def api_token() -> Optional[str]:
    token = os.environ.get("RASA_API_TOKEN", "").strip()
    if token:
        return token
    try:
        return TOKEN_FILE.read_text("utf-8").strip() or None
    except FileNotFoundError:
        return None


def ensure_api_token() -> str:
    """The token, generating one into TOKEN_FILE when there is none."""
    token = api_token()
    if token:
        return token
    TOKEN_FILE.parent.mkdir(parents=True, exist_ok=True)
    token = secrets.token_urlsafe(32)
    fd = os.open(TOKEN_FILE, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(token + "\n")
    return token


def api_params() -> Dict[str, str]:
    """Query parameters that authenticate an API request (Rasa's `?token=`)."""
    token = api_token()
    return {"token": token} if token else {}


if __name__ == "__main__":
    print(ensure_api_token())
