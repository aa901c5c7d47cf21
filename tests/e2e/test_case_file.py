"""The case file through the servers as `make run` starts them (scripts/run.sh): a case
opened, both servers stopped and started again, the same sender back and welcomed with
the case, the advice reached, the summary and the ready texts carrying the facts, then
everything deleted while another user's case stays."""
import os
import secrets
import signal
import subprocess
import uuid

import pytest
import requests

from conftest import BIN, MODEL, ROOT, free_port, wait_until


class Stack:
    """scripts/run.sh with this test's own ports, token and databases; start() and stop() again."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.token = secrets.token_urlsafe(24)
        ports = dict(RASA_PORT=str(free_port()), ACTIONS_PORT=str(free_port()), WEB_PORT=str(free_port()))
        self.url = f"http://127.0.0.1:{ports['RASA_PORT']}"
        self.env = dict(os.environ, **ports, TMPDIR=str(tmp), RASA_API_TOKEN=self.token,
                        TRACKER_DB=str(tmp / "trackers.db"), CASES_DATABASE_URL=f"sqlite:///{tmp / 'cases.db'}",
                        PATH=f"{BIN}:{os.environ['PATH']}")
        self.proc = None

    def start(self):
        log = open(self.tmp / "run.log", "a")
        self.proc = subprocess.Popen(["bash", "scripts/run.sh", str(MODEL)], cwd=ROOT, env=self.env,
                                     stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        wait_until(lambda: requests.post(f"{self.url}/webhooks/rest/webhook", timeout=30,
                                         json={"sender": "probe", "message": "你好"}).ok,
                   "scripts/run.sh", [self.proc])

    def stop(self):
        os.killpg(self.proc.pid, signal.SIGTERM)
        self.proc.wait(timeout=30)

    def say(self, sender, text):
        r = requests.post(f"{self.url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60)
        assert r.status_code == 200, r.text
        return "\n".join(m.get("text", "") for m in r.json())

    def tracker(self, sender):
        return requests.get(f"{self.url}/conversations/{sender}/tracker", params={"token": self.token},
                            timeout=30).json()

    def cases(self, sender):
        from storage.case_store import SQLCaseStore

        store = SQLCaseStore(self.env["CASES_DATABASE_URL"])
        try:
            return store.cases_of(sender)
        finally:
            store.engine.dispose()


@pytest.fixture
def stack(tmp_path):
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` first")
    s = Stack(tmp_path)
    s.start()
    yield s
    if s.proc.poll() is None:
        s.stop()


def test_a_case_survives_a_restart_and_is_deleted_on_request(stack):
    me, other = f"me-{uuid.uuid4().hex[:8]}", f"other-{uuid.uuid4().hex[:8]}"
    stack.say(me, "买的连衣裙和图片颜色差太多，花了299，卖家说是光线问题不给退")
    stack.say(other, "鞋子穿了两天就开胶了，159买的")
    assert [c.facts.get("amount_yuan") for c in stack.cases(me)] == [299]

    stack.stop()  # both servers down, then up again: same databases
    stack.start()

    back = stack.say(me, "你好，我又来了")
    assert "欢迎回来" in back and "色差" in back and "299元" in back
    for answer in ("找了她两次", "还没申请介入", "对比照拍了，聊天记录也截了，商品页没截"):
        if stack.tracker(me)["slots"]["recommendation"]:
            break
        stack.say(me, answer)
    assert stack.tracker(me)["slots"]["recommendation"] == "intervene"

    summary = stack.say(me, "我的案件")
    assert "色差" in summary and "299元" in summary
    for ask, mark in (("帮我写给卖家的话", "✉️"), ("介入申请怎么写", "📝"), ("帮我写12315投诉", "📮")):
        text = stack.say(me, ask)
        assert mark in text and "【订单号】" in text, (ask, text)
    assert "299元" in stack.say(me, "介入申请怎么写")

    assert "确定要删除吗" in stack.say(me, "删除我的记录")
    assert "已删除" in stack.say(me, "确认删除")
    assert stack.cases(me) == []
    assert not [e for e in stack.tracker(me)["events"] if e.get("event") == "user"]
    assert len(stack.cases(other)) == 1  # nobody else's
