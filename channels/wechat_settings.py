"""Settings of the WeChat channel, read from the environment variables that
credentials.yml names.

credentials.yml holds the variables' *names* (token_env: WECHAT_TOKEN, …), not
${WECHAT_TOKEN}: Rasa 3.6 (rasa/shared/utils/io.py, replace_environment_variables)
expands an unquoted ${VAR} when it reads the file and stops the server with a
RasaException when the variable is unset (a quoted "${VAR}" is not expanded at all).
This channel must be optional: with WECHAT_TOKEN unset it is off and the server
starts as usual.
"""
import base64
import binascii
from dataclasses import dataclass
from typing import Any, Dict, Mapping, Optional

DEFAULT_REPLY_TIMEOUT_S = 4.5  # WeChat gives up after 5 s, network included
DEFAULT_ENV_NAMES = {
    "token": "WECHAT_TOKEN",
    "app_id": "WECHAT_APP_ID",
    "aes_key": "WECHAT_AES_KEY",
    "app_secret": "WECHAT_APP_SECRET",
    "api_base_url": "WECHAT_API_BASE_URL",
    "reply_timeout": "WECHAT_REPLY_TIMEOUT",
}


class WeChatSettingsError(ValueError):
    """A setting is present but unusable: the server should not start with it."""


@dataclass(frozen=True)
class WeChatSettings:
    token: str = ""
    app_id: str = ""
    aes_key: str = ""
    app_secret: str = ""
    api_base_url: Optional[str] = None  # None: wechatpy's default, WeChat's own API
    reply_timeout_s: float = DEFAULT_REPLY_TIMEOUT_S

    @property
    def enabled(self) -> bool:
        return bool(self.token)

    @property
    def safe_mode(self) -> bool:
        """Encrypted messages (encrypt_type=aes) can be read."""
        return bool(self.aes_key and self.app_id)

    @property
    def can_push(self) -> bool:
        """The customer-service message API can be used."""
        return bool(self.app_id and self.app_secret)

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]],
                         environ: Mapping[str, str]) -> "WeChatSettings":
        credentials = credentials or {}

        def value(field: str) -> str:
            name = credentials.get(f"{field}_env") or DEFAULT_ENV_NAMES[field]
            return (environ.get(str(name)) or "").strip()

        settings = cls(
            token=value("token"),
            app_id=value("app_id"),
            aes_key=value("aes_key"),
            app_secret=value("app_secret"),
            api_base_url=value("api_base_url") or None,
            reply_timeout_s=_reply_timeout(value("reply_timeout")),
        )
        if settings.enabled:
            settings.check()
        return settings

    def check(self) -> None:
        if self.aes_key:
            if not self.app_id:
                raise WeChatSettingsError("WECHAT_AES_KEY is set but WECHAT_APP_ID is not: "
                                          "safe mode needs both")
            if not _is_aes_key(self.aes_key):
                raise WeChatSettingsError("WECHAT_AES_KEY must be the 43-character EncodingAESKey "
                                          "from the WeChat admin console")
        if self.api_base_url and not self.api_base_url.startswith(("http://", "https://")):
            raise WeChatSettingsError("WECHAT_API_BASE_URL must start with http:// or https://")


def _reply_timeout(raw: str) -> float:
    if not raw:
        return DEFAULT_REPLY_TIMEOUT_S
    try:
        seconds = float(raw)
    except ValueError:
        raise WeChatSettingsError(f"WECHAT_REPLY_TIMEOUT must be seconds, e.g. 4.5, not {raw!r}")
    if not 0 < seconds < 5:
        raise WeChatSettingsError("WECHAT_REPLY_TIMEOUT must be more than 0 and under 5 seconds "
                                  "(WeChat stops waiting at 5)")
    return seconds


def _is_aes_key(key: str) -> bool:
    if len(key) != 43:
        return False
    try:
        return len(base64.b64decode(key + "=", validate=True)) == 32
    except (binascii.Error, ValueError):
        return False
