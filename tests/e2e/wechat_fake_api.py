"""A local fake of WeChat's API (access token + customer-service messages) and the
WeChat account settings the e2e Rasa server runs with.

Only the two endpoints the channel calls: GET /cgi-bin/token and
POST /cgi-bin/message/custom/send. Every request is recorded for the tests.
"""
import base64
import json
import os
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Dict, List
from urllib.parse import parse_qs, urlparse

import pytest

# WeChat's error codes that the fake can answer with
INVALID_SECRET = 40125
INVALID_TOKEN = 40001
OUT_OF_TIME_LIMIT = 45015  # the user has not written for 48 h


class FakeWeChatApi:
    def __init__(self):
        self.app_id = "wx" + secrets.token_hex(8)
        self.app_secret = secrets.token_hex(16)
        self.token = secrets.token_hex(8)
        self.aes_key = base64.b64encode(os.urandom(32)).decode()[:43]
        self.access_token = secrets.token_hex(12)
        self.requests: List[Dict] = []
        self.refuse_openids = set()  # answer OUT_OF_TIME_LIMIT for these users
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/cgi-bin/"

    def start(self) -> "FakeWeChatApi":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def rasa_env(self, reply_timeout: str = "") -> Dict[str, str]:
        env = {"WECHAT_TOKEN": self.token, "WECHAT_APP_ID": self.app_id,
               "WECHAT_AES_KEY": self.aes_key, "WECHAT_APP_SECRET": self.app_secret,
               "WECHAT_API_BASE_URL": self.url}
        if reply_timeout:
            env["WECHAT_REPLY_TIMEOUT"] = reply_timeout
        return env

    def recorded(self, path: str) -> List[Dict]:
        with self._lock:
            return [r for r in self.requests if r["path"] == path]

    def texts_to(self, openid: str) -> List[str]:
        """Texts the fake accepted for a user through the customer-service API, in order."""
        return [r["body"]["text"]["content"] for r in self.sends_to(openid) if r["errcode"] == 0]

    def sends_to(self, openid: str) -> List[Dict]:
        """Every customer-service text message tried for a user, accepted or not."""
        return [r for r in self.recorded("/cgi-bin/message/custom/send")
                if r["body"].get("touser") == openid and r["body"].get("msgtype") == "text"]

    def wait_for_texts(self, openid: str, count: int, timeout: float = 30) -> List[str]:
        deadline = time.time() + timeout
        while time.time() < deadline:
            texts = self.texts_to(openid)
            if len(texts) >= count:
                return texts
            time.sleep(0.1)
        return self.texts_to(openid)

    def _handler_class(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep the test output clean
                pass

            def do_GET(self):
                url = urlparse(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                record = fake._record("GET", url.path, query, None)
                if url.path != "/cgi-bin/token":
                    return self._json(record, {"errcode": 404, "errmsg": "not found"}, 404)
                if (query.get("grant_type") != "client_credential" or query.get("appid") != fake.app_id
                        or query.get("secret") != fake.app_secret):
                    return self._json(record, {"errcode": INVALID_SECRET, "errmsg": "invalid appsecret"})
                self._json(record, {"access_token": fake.access_token, "expires_in": 7200})

            def do_POST(self):
                url = urlparse(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                try:
                    body = json.loads(raw.decode("utf-8"))
                except ValueError:
                    body = {"unreadable": raw.decode("utf-8", "replace")}
                record = fake._record("POST", url.path, query, body)
                if url.path != "/cgi-bin/message/custom/send":
                    return self._json(record, {"errcode": 404, "errmsg": "not found"}, 404)
                if query.get("access_token") != fake.access_token:
                    return self._json(record, {"errcode": INVALID_TOKEN, "errmsg": "invalid credential"})
                if body.get("touser") in fake.refuse_openids:
                    return self._json(record, {"errcode": OUT_OF_TIME_LIMIT,
                                               "errmsg": "response out of time limit"})
                self._json(record, {"errcode": 0, "errmsg": "ok"})

            def _json(self, record, data, status=200):
                record["errcode"] = data.get("errcode", 0)
                payload = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        return Handler

    def _record(self, method, path, query, body) -> Dict:
        record = {"method": method, "path": path, "query": query, "body": body, "at": time.time(),
                  "errcode": None}
        with self._lock:
            self.requests.append(record)
        return record


@pytest.fixture(scope="session")
def wechat_api():
    """The fake WeChat API; the e2e Rasa server gets its settings (see conftest.servers)."""
    fake = FakeWeChatApi().start()
    yield fake
    fake.stop()
