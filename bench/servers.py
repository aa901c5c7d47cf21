"""Start the action server and the Rasa server for one benchmark run, and read their peak memory.

Each run gets free loopback ports and its own throwaway SQLite tracker store
under bench/out/; the endpoints are endpoints.yml's with only the action URL
and the tracker store's file replaced, so ours and the baseline differ only
in the model they serve.
"""
import os
import socket
import subprocess
import time
from pathlib import Path

import requests
import yaml

from scripts.api_access import ensure_api_token

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
START_TIMEOUT_S = 300


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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
    """The action server and a Rasa server serving `model`, with logs in `workdir`."""

    def __init__(self, model: Path, workdir: Path, rasa_cmd=None):
        self.model, self.workdir = model, workdir
        self.rasa_cmd = list(rasa_cmd or [str(BIN / "rasa")])
        # the HTTP API needs a token (scripts/serve_rasa.py): the same one load.py sends
        os.environ.setdefault("RASA_API_TOKEN", ensure_api_token())
        self.env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", SQLALCHEMY_SILENCE_UBER_WARNING="1",
                        SANIC_HOST="127.0.0.1")
        self.actions = self.rasa = None
        self._logs = []
        self.url = None
        self.cold_start_seconds = None

    def start(self, log) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        tracker_db = self.workdir / "trackers.db"
        tracker_db.unlink(missing_ok=True)
        actions_port, rasa_port = free_port(), free_port()
        base = yaml.safe_load((ROOT / "endpoints.yml").read_text("utf-8"))
        endpoints = self.workdir / "endpoints.yml"
        endpoints.write_text(yaml.safe_dump(bench_endpoints(base, actions_port, tracker_db)), "utf-8")

        self.actions = subprocess.Popen(
            [str(BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", str(actions_port)],
            cwd=ROOT, env=self.env, stdout=self._log("actions.log"),
            stderr=subprocess.STDOUT)
        self._wait(lambda: requests.get(f"http://127.0.0.1:{actions_port}/health", timeout=2).ok,
                   "action server")
        log(f"  action server up (pid {self.actions.pid}); starting the Rasa server")

        self.url = f"http://127.0.0.1:{rasa_port}"
        start = time.perf_counter()
        self.rasa = subprocess.Popen(
            [*self.rasa_cmd, "run", "--model", str(self.model), "--enable-api",
             "--interface", "127.0.0.1", "--port", str(rasa_port),
             "--auth-token", os.environ["RASA_API_TOKEN"],
             "--credentials", "credentials.yml", "--endpoints", str(endpoints)],
            cwd=ROOT, env=self.env, stdout=self._log("rasa.log"),
            stderr=subprocess.STDOUT)
        # the port opens before the model is loaded: cold start ends at the first real answer
        self._wait(self._answers, "Rasa server", poll_s=0.2)
        self.cold_start_seconds = round(time.perf_counter() - start, 1)
        log(f"  Rasa server answered after {self.cold_start_seconds} s (pid {self.rasa.pid})")

    def _log(self, name: str):
        f = open(self.workdir / name, "w")
        self._logs.append(f)
        return f

    def _answers(self) -> bool:
        r = requests.post(f"{self.url}/webhooks/rest/webhook",
                          json={"sender": "bench-cold-start", "message": "你好"}, timeout=30)
        return r.status_code == 200 and bool(r.json())

    def _wait(self, check, what: str, poll_s: float = 0.5) -> None:
        deadline = time.time() + START_TIMEOUT_S
        while time.time() < deadline:
            for p in (self.actions, self.rasa):
                if p is not None and p.poll() is not None:
                    raise RuntimeError(f"{what}: a server exited with {p.returncode}; "
                                       f"see {self.workdir.relative_to(ROOT)}/*.log")
            try:
                if check():
                    return
            except (requests.RequestException, ValueError):
                pass
            time.sleep(poll_s)
        raise RuntimeError(f"{what} did not answer within {START_TIMEOUT_S} s")

    def peak_rss(self) -> dict:
        return {"rasa": peak_rss_mb(self.rasa.pid), "actions": peak_rss_mb(self.actions.pid)}

    def stop(self) -> None:
        for p in (self.rasa, self.actions):
            if p is not None and p.poll() is None:
                p.terminate()
        for p in (self.rasa, self.actions):
            if p is None:
                continue
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        for f in self._logs:
            f.close()
