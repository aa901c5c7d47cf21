"""Start the real action server and Rasa server once for the e2e tests.

They run on free loopback ports with a throwaway SQLite tracker store, so the
tests never touch a developer's running assistant or its conversations.
"""
import os
import secrets
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests
from wechat_fake_api import wechat_api  # noqa: F401  (fixture: fake WeChat API for the WeChat channel)
from serving import launcher
from serving.launcher import free_port  # noqa: F401  (tests import it from here)
from scripts.api_access import api_params

# The servers' HTTP API needs a token (scripts/serve_rasa.py refuses to start without one);
# this session's token, read back by every client through api_params().
os.environ.setdefault("RASA_API_TOKEN", secrets.token_urlsafe(24))

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "dispute-advisor.tar.gz"
BIN = Path(sys.executable).parent
START_TIMEOUT_S = 240


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
def servers(tmp_path_factory, wechat_api):  # noqa: F811  (the imported fixture)
    """The action server and the Rasa server, started by the launcher `make run` uses,
    with the real endpoints.yml; only the ports and the SQLite file are this run's own."""
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` first (make test-e2e does)")
    tmp = tmp_path_factory.mktemp("e2e")
    logs = ROOT / "tests" / "e2e" / "logs"
    logs.mkdir(exist_ok=True)
    actions_port, rasa_port = free_port(), free_port()
    env = dict(os.environ, TRACKER_DB=str(tmp / "trackers.db"), **wechat_api.rasa_env())
    run = launcher.Launcher(env)
    try:
        run.start(launcher.action_server("actions", actions_port, log=logs / "actions.log"),
                  timeout_s=START_TIMEOUT_S)
        # the web chat page (another port) uses socket.io cross-origin
        run.start(launcher.rasa_server("rasa", rasa_port, actions_port, model=MODEL, cors=["*"],
                                       log=logs / "rasa.log"), timeout_s=START_TIMEOUT_S)
        yield f"http://127.0.0.1:{rasa_port}"
    except launcher.StartError as e:
        raise RuntimeError(f"{e}; see tests/e2e/logs/")
    finally:
        run.stop()


@pytest.fixture
def bot(servers):
    return Bot(servers)
