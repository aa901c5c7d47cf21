"""Two instances behind nginx on the real PostgreSQL and Redis: shared state, and what a
killed instance or a restarted Redis costs. Typed text throughout, never payloads."""
import hashlib
from pathlib import Path
import re
import secrets
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import requests

from cluster_client import Shopper

# one conversation, typed as a shopper types it, in several turns
TURNS = ["买的连衣裙颜色和图片差太多了", "花了三百出头", "收到五天了", "跟客服说了两回，她说是光线问题", "没有申请介入"]


def test_every_process_has_its_pid_file_and_is_running(cluster):
    for name in ("rasa-1", "rasa-2", "actions-1", "actions-2"):
        pid = cluster.pid(name)
        assert (cluster.settings.run_dir / f"{name}.pid").exists()
        assert _alive(pid), f"{name} (pid {pid}) is not running"


def test_a_conversation_whose_turns_alternate_between_instances_keeps_order_and_slots(cluster):
    shopper = Shopper(cluster.url)
    for i, text in enumerate(TURNS):
        assert shopper.say(text, url=cluster.instance_url(1 + i % 2)), f"no answer to {text!r}"
    # each instance sees the whole conversation, in the order it was typed
    for n in (1, 2):
        assert shopper.user_texts(cluster.instance_url(n)) == TURNS
    slots = shopper.tracker(cluster.url)["slots"]
    assert slots["dispute_type"] == "color_difference"
    assert slots["amount_yuan"] == 300
    assert slots["days_since_receipt"] == 5
    assert slots["negotiation_rounds"] == 2


def test_nginx_spreads_conversations_over_both_instances(cluster):
    shoppers = [Shopper(cluster.url) for _ in range(8)]
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda s: s.say("快递一直不动，五天了"), shoppers))
    used = set(re.findall(r"/webhooks/rest/webhook 200 127\.0\.0\.1:(\d+)", cluster.access_log()))
    assert used == {str(cluster.settings.rasa_port(1)), str(cluster.settings.rasa_port(2))}


# --- WeChat ----------------------------------------------------------------------------------


class WeChat:
    """WeChat's servers, as far as this test needs them: signed plain-mode XML."""

    def __init__(self, api):
        self.api = api

    def post(self, base_url: str, openid: str, text: str, msg_id: int) -> requests.Response:
        timestamp, nonce = str(int(time.time())), secrets.token_hex(5)  # a retry has a new nonce
        signature = hashlib.sha1("".join(sorted([self.api.token, timestamp, nonce])).encode()).hexdigest()
        xml = (f"<xml><ToUserName><![CDATA[gh_test]]></ToUserName><FromUserName><![CDATA[{openid}]]></FromUserName>"
               f"<CreateTime>{timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
               f"<Content><![CDATA[{text}]]></Content><MsgId>{msg_id}</MsgId></xml>")
        return requests.post(f"{base_url}/webhooks/wechat/webhook", data=xml.encode(), timeout=30,
                             params={"timestamp": timestamp, "nonce": nonce, "signature": signature},
                             headers={"Content-Type": "text/xml"})


def test_a_wechat_retry_that_lands_on_the_other_instance_is_not_answered_twice(cluster, wechat_api):
    wechat = WeChat(wechat_api)
    openid = "o" + uuid.uuid4().hex[:27]
    msg_id = int(time.time() * 1000)
    first = wechat.post(cluster.instance_url(1), openid, "买的鞋子穿了两天就开胶了", msg_id)
    retry = wechat.post(cluster.instance_url(2), openid, "买的鞋子穿了两天就开胶了", msg_id)
    assert first.status_code == retry.status_code == 200
    assert "<Content>" in first.text and retry.text == first.text  # the same answer, from memory
    shopper = Shopper(cluster.url)
    shopper.sender = openid
    assert shopper.user_texts() == ["买的鞋子穿了两天就开胶了"]  # one turn, not two
    # and WeChat through nginx, like every channel
    through = wechat.post(cluster.url, openid, "花了两百多", msg_id + 1)
    assert through.status_code == 200 and "<Content>" in through.text
    assert shopper.user_texts() == ["买的鞋子穿了两天就开胶了", "花了两百多"]


# --- the web page through nginx ------------------------------------------------------------


def test_the_web_page_chats_through_nginx_in_chromium(cluster):
    from playwright.sync_api import expect, sync_playwright

    page_url = f"http://127.0.0.1:{cluster.settings.web_port}/"
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        try:
            page = browser.new_page()
            sockets = []
            page.on("websocket", lambda ws: sockets.append(ws.url))
            page.goto(page_url)
            box = page.locator(".rw-new-message")
            box.fill("快递一直不动，物流五天没更新了")
            box.press("Enter")
            # the logistics answer comes back over socket.io, through nginx's port
            expect(page.locator(".rw-response").last).to_be_visible(timeout=60_000)
            expect(page.locator(".rw-response", has_text="物流")).not_to_have_count(0, timeout=60_000)
            assert any(f":{cluster.settings.port}/socket.io/" in u for u in sockets), sockets
        finally:
            browser.close()


# --- failures ----------------------------------------------------------------------------------


def _alive(pid: int) -> bool:
    import os

    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False


class Load:
    """Shoppers typing through nginx, each one conversation of TURNS after another (a new
    shopper each time, as real traffic is: the per-sender rate limit is for one person);
    a failed turn is sent again, as a client would."""

    def __init__(self, cluster, users: int = 6):
        self.cluster = cluster
        self.users = users
        self.shoppers = []  # every conversation started
        self.answered = {}  # sender -> texts that got an answer, in order
        self.failures = []  # (when, error, HTTP status)
        self.retry_waits = []  # seconds from a failure to the answer of its retry
        self.stop = threading.Event()
        self._lock = threading.Lock()

    def _new_shopper(self) -> Shopper:
        shopper = Shopper(self.cluster.url)
        with self._lock:
            self.shoppers.append(shopper)
            self.answered[shopper.sender] = []
        return shopper

    def _run(self) -> None:
        turn = 0
        shopper = self._new_shopper()
        while not self.stop.is_set():
            if turn and turn % len(TURNS) == 0:
                shopper = self._new_shopper()
            text = f"{TURNS[turn % len(TURNS)]} #{turn}"
            failed_at = None
            for _ in range(30):
                try:
                    if shopper.say(text, timeout=30) is not None:
                        self.answered[shopper.sender].append(text)
                        break
                except (requests.RequestException, ValueError) as e:
                    status = getattr(getattr(e, "response", None), "status_code", None)
                    self.failures.append((round(time.monotonic(), 1), type(e).__name__, status))
                    failed_at = failed_at or time.monotonic()
                    time.sleep(0.5)
            if failed_at is not None:
                self.retry_waits.append(time.monotonic() - failed_at)
            turn += 1

    def __enter__(self):
        self.threads = [threading.Thread(target=self._run, daemon=True) for _ in range(self.users)]
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for t in self.threads:
            t.join(timeout=120)

    def total(self) -> int:
        return sum(len(v) for v in self.answered.values())

    def check_nothing_answered_was_lost(self) -> None:
        for shopper in self.shoppers:
            stored = shopper.user_texts()
            answered = self.answered[shopper.sender]
            # every answered turn is in the conversation, in order (a turn that failed at
            # the client may be there as well, once or twice: it was sent twice)
            it = iter(stored)
            missing = [t for t in answered if t not in it]
            assert not missing, f"answered but not stored in order: {missing}"


def test_killing_an_instance_under_load_loses_no_answered_turn(cluster):
    with Load(cluster) as load:
        time.sleep(4)
        before = load.total()
        killed_at = time.monotonic()
        old_pid = cluster.kill9("rasa-1")
        # the supervisor starts it again within 10 s
        new_pid = None
        while time.monotonic() - killed_at < 10:
            pid = cluster.pid("rasa-1")
            if pid != old_pid and _alive(pid):
                new_pid = pid
                break
            time.sleep(0.2)
        assert new_pid, "rasa-1 was not restarted within 10 s"
        # the load goes on while rasa-1 loads its model, kept out of nginx until it answers
        cluster.wait_answering(1)
        back_at = time.monotonic()
        time.sleep(4)  # and after it is back in
        during = load.total() - before
    attempts = load.total() + len(load.failures)
    print(f"\nkill -9 under load: {load.total()} turns answered, {during} after the kill, rasa-1 back after "
          f"{back_at - killed_at:.1f} s; {len(load.failures)} of {attempts} attempts failed at the client, "
          f"their retries answered after {[round(w, 2) for w in load.retry_waits]} s")
    assert during >= 10, f"only {during} turns answered after rasa-1 was killed"
    print("failures (s after the kill, error, status):",
          [(round(t - killed_at, 1), kind, status) for t, kind, status in load.failures])
    assert len(load.failures) <= 0.05 * attempts, load.failures
    assert all(wait < 10 for wait in load.retry_waits), f"retries waited {load.retry_waits}"
    load.check_nothing_answered_was_lost()
    # nginx sends to the restarted instance again
    shoppers = [Shopper(cluster.url) for _ in range(8)]
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda s: s.say("快递一直不动"), shoppers))
    assert f"127.0.0.1:{cluster.settings.rasa_port(1)}" in "\n".join(cluster.access_log().splitlines()[-8:])


def test_a_redis_restart_costs_only_the_turns_while_it_is_down(cluster):
    import redis

    from serving.cluster import REDIS_START, redis_answers

    shopper = Shopper(cluster.url)
    assert shopper.say("收到的耳机是假货")
    try:
        redis.Redis.from_url(cluster.settings.redis_url).shutdown(nosave=True)
    except redis.exceptions.ConnectionError:
        pass  # it closes the connection as it goes
    assert not redis_answers(cluster.settings.redis_url)
    try:
        down = requests.post(f"{cluster.url}/webhooks/rest/webhook",
                             json={"sender": shopper.sender, "message": "花了八百来块"}, timeout=30)
        assert down.status_code in (200, 500, 502)  # an error at worst, never a hang
    finally:
        import subprocess

        subprocess.run(REDIS_START, shell=True, check=True)
    deadline = time.monotonic() + 15
    while not redis_answers(cluster.settings.redis_url):
        assert time.monotonic() < deadline, "Redis did not come back"
        time.sleep(0.2)
    answered_at = None
    start = time.monotonic()
    while time.monotonic() - start < 10:
        try:
            if shopper.say("收到三天了", timeout=10):
                answered_at = time.monotonic() - start
                break
        except requests.RequestException:
            time.sleep(0.5)
    assert answered_at is not None, "no answer within 10 s of Redis being back"
    assert shopper.tracker()["slots"]["dispute_type"] == "fraud"


def test_a_postgresql_restart_costs_only_the_turns_while_it_is_down(cluster):
    import subprocess

    from serving.cluster import postgres_answers

    shopper = Shopper(cluster.url)
    assert shopper.say("买的面霜用了脸上起红疹子")
    subprocess.run("pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main restart -m fast",
                   shell=True, check=True)
    deadline = time.monotonic() + 30
    while not postgres_answers(cluster.settings.database_url):
        assert time.monotonic() < deadline, "PostgreSQL did not come back"
        time.sleep(0.5)
    # every pooled connection died with the restart: the next turns must not see that
    for text in ("花了一百五", "收到两天了"):
        assert shopper.say(text, timeout=30)
    assert shopper.user_texts() == ["买的面霜用了脸上起红疹子", "花了一百五", "收到两天了"]
    assert shopper.tracker()["slots"]["dispute_type"] == "allergy"


def test_stopping_make_cluster_stops_everything_it_started(tmp_path):
    """`python -m serving.cluster` (what `make cluster` runs), one instance, stopped by SIGTERM."""
    import os
    import signal
    import subprocess
    import sys

    from cluster_client import PG_SERVER, REDIS_URL
    from serving.cluster import free_base_port
    from serving.launcher import free_port

    run_dir = tmp_path / "run"
    env = dict(os.environ, INSTANCES="1", RASA_PORT=str(free_port()), WEB_PORT=str(free_port()),
               CLUSTER_BASE_PORT=str(free_base_port(1)), CLUSTER_RUN_DIR=str(run_dir),
               DATABASE_URL=f"{PG_SERVER}/advisor_cluster_stop_{os.getpid()}", REDIS_URL=REDIS_URL)
    proc = subprocess.Popen([sys.executable, "-m", "serving.cluster"], cwd=str(Path(__file__).parents[2]),
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for line in proc.stdout:
            if line.startswith("PIDs and logs:"):
                break
        else:
            raise AssertionError("the cluster did not start")
        names = ("rasa-1", "actions-1", "nginx-master", "web")
        pids = {n: int((run_dir / f"{n}.pid").read_text()) for n in names}
        assert all(_alive(p) for p in pids.values()), pids
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0
        time.sleep(0.5)
        assert not [n for n, p in pids.items() if _alive(p)], "still running after the cluster stopped"
        assert not list(run_dir.glob("*.pid"))
    finally:
        if proc.poll() is None:
            proc.kill()
        import sqlalchemy as sa

        engine = sa.create_engine(f"{PG_SERVER}/postgres", isolation_level="AUTOCOMMIT")
        with engine.connect() as c:
            c.execute(sa.text(f'DROP DATABASE IF EXISTS "advisor_cluster_stop_{os.getpid()}" WITH (FORCE)'))
        engine.dispose()


def test_nginx_accepts_the_configuration_with_an_instance_kept_out(cluster, tmp_path):
    import subprocess

    from serving import nginx_conf

    ports = [cluster.settings.rasa_port(1), cluster.settings.rasa_port(2)]
    conf = tmp_path / "nginx.conf"
    conf.write_text(nginx_conf.render("127.0.0.1:1", ports, tmp_path, down=[ports[0]]), "utf-8")
    assert f"server 127.0.0.1:{ports[0]} max_fails=1 fail_timeout=5s down;" in conf.read_text()
    checked = subprocess.run(["nginx", "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
