"""Start the action server and the Rasa server for one benchmark run, and read their peak memory.

Each run gets free loopback ports and its own throwaway SQLite tracker store and
case file under bench/out/. Ours reads the real endpoints.yml (the ports and files
come from the environment, as with `make run`); the stock baseline gets a copy with
only the action URL and the tracker store's file replaced, so both differ only in
the model they serve and in the serving fixes.
"""
import os
import subprocess
import time
from pathlib import Path

import requests
import yaml

from scripts.api_access import ensure_api_token
from serving.launcher import free_port  # noqa: F401  (the bench and its tests use it from here)

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
START_TIMEOUT_S = 300


def bench_endpoints(base: dict, actions_port: int, tracker_db: Path) -> dict:
    """endpoints.yml's settings with this run's action server and SQLite file."""
    out = dict(base or {})
    out["action_endpoint"] = {**(out.get("action_endpoint") or {}),
                              "url": f"http://127.0.0.1:{actions_port}/webhook"}
    out["tracker_store"] = {**base.get("tracker_store", {}), "dialect": "sqlite", "db": str(tracker_db)}
    return out


def peak_rss_mb(pid: int) -> float:
    """VmHWM (the kernel's peak resident set) of a process and its descendants, in MB."""
    total_kb = 0
    for p in [pid, *_descendants(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total_kb += int(line.split()[1])
        except (FileNotFoundError, ProcessLookupError):
            pass  # a child that ended in between
    return round(total_kb / 1024, 1)


def _descendants(pid: int):
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for c in children:
            out += [int(c), *_descendants(int(c))]
    return out


class Servers:
    """The action server and a Rasa server serving `model`, with logs in `workdir`,
    started by the launcher `make run` uses (serving/launcher.py)."""

    def __init__(self, model: Path, workdir: Path, rasa_cmd=None):
        self.model, self.workdir = model, workdir
        self.rasa_cmd = list(rasa_cmd or [str(BIN / "rasa")])
        # the HTTP API needs a token (scripts/serve_rasa.py): the same one load.py sends
        os.environ.setdefault("RASA_API_TOKEN", ensure_api_token())
        self.actions = self.rasa = None
        self.run = None
        self.url = None
        self.cold_start_seconds = None

    def start(self, log) -> None:
        from serving import launcher

        self.workdir.mkdir(parents=True, exist_ok=True)
        tracker_db, cases_db = self.workdir / "trackers.db", self.workdir / "cases.db"
        tracker_db.unlink(missing_ok=True)
        cases_db.unlink(missing_ok=True)
        actions_port, rasa_port = free_port(), free_port()
        # this run's own conversations and case file, the case file migrated as make run does
        # (the rate limits off: a load from one client IP measures the assistant, not the limiter,
        # which would answer 429 once a fast machine passes 100 turns/s from 127.0.0.1)
        env = dict(os.environ, TRACKER_DB=str(tracker_db), CASES_DATABASE_URL=f"sqlite:///{cases_db}",
                   RATE_IP_PER_MINUTE="0", RATE_SENDER_PER_MINUTE="0")
        subprocess.run([str(BIN / "python"), "-m", "storage.migrate", "upgrade"], cwd=ROOT, env=env, check=True)
        endpoints = ROOT / "endpoints.yml"
        if not self.rasa_cmd[-1].endswith("serve_rasa.py"):
            # stock `rasa` knows no ACTION_ENDPOINT_URL: it gets a copy naming this run's action server
            base = yaml.safe_load(endpoints.read_text("utf-8"))
            endpoints = self.workdir / "endpoints.yml"
            endpoints.write_text(yaml.safe_dump(bench_endpoints(base, actions_port, tracker_db)), "utf-8")
        self.run = launcher.Launcher(env)
        self.actions = launcher.action_server("actions", actions_port, log=self.workdir / "actions.log")
        self.run.start(self.actions, timeout_s=START_TIMEOUT_S)
        log(f"  action server up (pid {self.actions.pid}); starting the Rasa server")

        self.url = f"http://127.0.0.1:{rasa_port}"
        self.rasa = launcher.rasa_server("rasa", rasa_port, actions_port, model=self.model, endpoints=endpoints,
                                         log=self.workdir / "rasa.log", command=self.rasa_cmd)
        start = time.perf_counter()
        self.run.spawn(self.rasa)
        # cold start ends at the first real answer over REST, not at the open port
        self.run.wait_ready([_answering(self.rasa, self.url)], timeout_s=START_TIMEOUT_S, poll_s=0.2)
        self.cold_start_seconds = round(time.perf_counter() - start, 1)
        log(f"  Rasa server answered after {self.cold_start_seconds} s (pid {self.rasa.pid})")

    def peak_rss(self) -> dict:
        return {"rasa": peak_rss_mb(self.rasa.pid), "actions": peak_rss_mb(self.actions.pid)}

    def stop(self) -> None:
        if self.run is not None:
            self.run.stop()


def _answering(service, url: str):
    """The service, ready only once a REST turn is answered."""
    from dataclasses import replace

    def answers() -> bool:
        r = requests.post(f"{url}/webhooks/rest/webhook",
                          json={"sender": "bench-cold-start", "message": "你好"}, timeout=30)
        return r.status_code == 200 and bool(r.json())

    return replace(service, ready=answers)
