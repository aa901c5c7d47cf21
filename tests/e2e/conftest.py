"""Start the real action server and Rasa server once for the e2e tests.

They run on free loopback ports with a throwaway SQLite tracker store, so the
tests never touch a developer's running assistant or its conversations.
"""
import os
import secrets
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests
import yaml
from wechat_fake_api import wechat_api  # noqa: F401  (fixture: fake WeChat API for the WeChat channel)
from bench.servers import bench_endpoints
from scripts.api_access import api_params

# The servers' HTTP API needs a token (scripts/serve_rasa.py refuses to start without one);
# this session's token, read back by every client through api_params().
os.environ.setdefault("RASA_API_TOKEN", secrets.token_urlsafe(24))

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "dispute-advisor.tar.gz"
BIN = Path(sys.executable).parent
START_TIMEOUT_S = 240


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(check, what: str, procs) -> None:
    deadline = time.time() + START_TIMEOUT_S
    while time.time() < deadline:
        for p in procs:
            if p.poll() is not None:
                raise RuntimeError(f"{what}: a server exited with {p.returncode}; see tests/e2e/logs/")
        try:
            if check():
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    raise RuntimeError(f"{what} did not become ready in {START_TIMEOUT_S}s")


class Bot:
    def __init__(self, url: str):
        self.url = url
        self.sender = None
        self.new_conversation()

    def new_conversation(self):
        self.sender = f"e2e-{uuid.uuid4().hex[:12]}"

    def say(self, message: str):
        r = requests.post(
            f"{self.url}/webhooks/rest/webhook",
            json={"sender": self.sender, "message": message},
            timeout=60,
        )
        assert r.status_code == 200, r.text
        return r.json()

    def texts(self, message: str) -> str:
        return "\n".join(m.get("text", "") for m in self.say(message))

    def slots(self):
        r = requests.get(f"{self.url}/conversations/{self.sender}/tracker", params=api_params(), timeout=30)
        r.raise_for_status()
        return r.json()["slots"]


@pytest.fixture(scope="session")
def servers(tmp_path_factory, wechat_api):
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` first (make test-e2e does)")
    tmp = tmp_path_factory.mktemp("e2e")
    logs = ROOT / "tests" / "e2e" / "logs"
    logs.mkdir(exist_ok=True)
    actions_port, rasa_port = free_port(), free_port()
    endpoints = tmp / "endpoints.yml"
    # the real endpoints.yml (its tracker store class), with this run's ports and database
    base = yaml.safe_load((ROOT / "endpoints.yml").read_text("utf-8"))
    endpoints.write_text(yaml.safe_dump(bench_endpoints(base, actions_port, tmp / "trackers.db")), encoding="utf-8")
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", SQLALCHEMY_SILENCE_UBER_WARNING="1",
               SANIC_HOST="127.0.0.1", **wechat_api.rasa_env())
    procs = []
    with open(logs / "actions.log", "w") as alog, open(logs / "rasa.log", "w") as rlog:
        procs.append(subprocess.Popen(
            [str(BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", str(actions_port)],
            cwd=ROOT, stdout=alog, stderr=subprocess.STDOUT, env=env,
        ))
        procs.append(subprocess.Popen(
            # served as scripts/run.sh serves it: `rasa run` with scripts/serve_rasa.py's fixes
            [str(BIN / "python"), str(ROOT / "scripts" / "serve_rasa.py"), "run", "--model", str(MODEL),
             "--enable-api",
             "--interface", "127.0.0.1", "--port", str(rasa_port),
             "--credentials", "credentials.yml", "--endpoints", str(endpoints),
             "--cors", "*"],  # the web chat page (another port) uses socket.io cross-origin
            cwd=ROOT, stdout=rlog, stderr=subprocess.STDOUT, env=env,
        ))
        url = f"http://127.0.0.1:{rasa_port}"
        try:
            wait_until(lambda: requests.get(f"http://127.0.0.1:{actions_port}/health", timeout=2).ok,
                       "action server", procs)
            # the port opens before the model is loaded: wait for a real answer
            wait_until(lambda: requests.post(f"{url}/model/parse", json={"text": "你好"}, params=api_params(), timeout=10).ok,
                       "rasa server", procs)
            yield url
        finally:
            for p in procs:
                p.terminate()
            for p in procs:
                try:
                    p.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    p.kill()


@pytest.fixture
def bot(servers):
    return Bot(servers)
