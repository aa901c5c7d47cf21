"""Messages sent after the passive reply, through WeChat's customer-service API.

wechatpy's client is synchronous (requests): its calls run in one worker thread so
the Rasa server's event loop never waits on WeChat, and one thread keeps each
user's messages in the order they were written.
"""
import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Iterable, Optional

from wechatpy import WeChatClient
from wechatpy.exceptions import WeChatClientException

logger = logging.getLogger(__name__)

API_TIMEOUT_S = 5


class ConfigurableWeChatClient(WeChatClient):
    """WeChatClient whose API base URL can be changed (tests point it at a local fake)."""

    def __init__(self, appid: str, secret: str, api_base_url: Optional[str] = None, **kwargs):
        super().__init__(appid, secret, **kwargs)
        if api_base_url:
            self.API_BASE_URL = api_base_url.rstrip("/") + "/"

    def fetch_access_token(self):
        # wechatpy writes WeChat's host into this one URL instead of using API_BASE_URL
        return self._fetch_access_token(
            url=self.API_BASE_URL + "token",
            params={"grant_type": "client_credential", "appid": self.appid, "secret": self.secret},
        )


class CustomerServicePush:
    def __init__(self, app_id: str, app_secret: str, api_base_url: Optional[str] = None):
        self.client = ConfigurableWeChatClient(app_id, app_secret, api_base_url,
                                               timeout=API_TIMEOUT_S)
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="wechat-push")

    async def send_texts(self, openid: str, texts: Iterable[str]) -> int:
        """Send texts in order; stop at the first failure (the rest would fail alike).

        Returns how many were sent. Failures are logged, never raised: the user's
        turn is over by now and nobody is waiting for an answer.
        """
        loop = asyncio.get_running_loop()
        sent = 0
        for text in texts:
            try:
                await loop.run_in_executor(self._worker, self.client.message.send_text, openid, text)
            except WeChatClientException as e:
                logger.warning("WeChat customer-service message to %s failed: errcode=%s %s",
                               openid, e.errcode, e.errmsg)
                break
            except Exception:  # network errors and the like: log, never crash the server
                logger.exception("WeChat customer-service message to %s failed", openid)
                break
            sent += 1
        return sent
