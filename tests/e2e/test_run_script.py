"""scripts/run.sh (what `make run` starts) on ports of the user's choosing."""
import os
import signal
import subprocess
import uuid

import requests

from conftest import BIN, MODEL, ROOT, free_port, wait_until
from scripts.api_access import api_params


def test_run_script_serves_chat_page_and_answers_on_chosen_ports(tmp_path):
    rasa_port, actions_port, web_port = free_port(), free_port(), free_port()
    env = dict(os.environ, RASA_PORT=str(rasa_port), ACTIONS_PORT=str(actions_port),
               WEB_PORT=str(web_port), TMPDIR=str(tmp_path), TRACKER_DB=str(tmp_path / "trackers.db"),
               PATH=f"{BIN}:{os.environ['PATH']}")
    with open(tmp_path / "run.log", "w") as log:
        proc = subprocess.Popen(["bash", "scripts/run.sh", str(MODEL)], cwd=ROOT, env=env,
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{rasa_port}"
    try:
        wait_until(lambda: requests.post(f"{url}/model/parse", json={"text": "你好"}, params=api_params(), timeout=10).ok,
                   "scripts/run.sh", [proc])
        # a new conversation: endpoints.yml's tracker store, in the file TRACKER_DB names
        reply = requests.post(f"{url}/webhooks/rest/webhook", timeout=60,
                              json={"sender": f"run-sh-{uuid.uuid4().hex[:8]}", "message": "买的鞋子尺码偏小两码，花了三百"}).json()
        # the answer naming the type comes from the action server: it is reached on its chosen port
        assert "这属于「尺码不符」" in "".join(m.get("text", "") for m in reply), reply
        assert (tmp_path / "trackers.db").exists()  # not the developer's own trackers.db
        page = requests.get(f"http://127.0.0.1:{web_port}/config.js", timeout=10)
        assert f'"rasaPort": {rasa_port}' in page.text
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    # the endpoints copy naming the chosen action port is removed on exit
    assert not list(tmp_path.glob("tmp*.yml"))
