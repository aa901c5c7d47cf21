"""Start, wait for, watch and stop the assistant's processes.

One place that knows how each server is started (the action server, the Rasa
server with scripts/serve_rasa.py's fixes, the web page, nginx), with the real
endpoints.yml; what differs between `make run`, `make cluster` and the tests is
passed in as ports and environment variables (ACTION_ENDPOINT_URL,
TRACKER_STORE_URL / TRACKER_DB, REDIS_URL, CASES_DATABASE_URL).

A Launcher starts services in order and waits until each answers; `supervise()`
restarts any that exits on its own (a crash, a kill -9) within a second or two;
`stop()` stops everything it started, newest first.
"""
from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence

import requests

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent  # the project's .venv/bin when run from it
MODEL = ROOT / "models" / "dispute-advisor.tar.gz"
START_TIMEOUT_S = 300.0
STOP_TIMEOUT_S = 20.0

logger = logging.getLogger("launcher")


@dataclass
class Service:
    name: str  # "actions-1", "rasa-1", "web", "nginx"
    argv: List[str]
    ready: Callable[[], bool]  # True once it answers
    env: Dict[str, str] = field(default_factory=dict)  # on top of the launcher's environment
    log: Optional[Path] = None  # stdout and stderr; None: the launcher's own
    pid_file: Optional[Path] = None
    proc: Optional[subprocess.Popen] = None
    restarts: int = 0

    @property
    def pid(self) -> Optional[int]:
        return self.proc.pid if self.proc else None

    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None


class StartError(RuntimeError):
    pass


class Launcher:
    def __init__(self, env: Optional[Dict[str, str]] = None, cwd: Path = ROOT):
        self.env = dict(os.environ if env is None else env)
        self.env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        self.env.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
        self.cwd = cwd
        self.services: List[Service] = []
        self._stopping = threading.Event()
        self._lock = threading.Lock()

    # --- starting ------------------------------------------------------------------

    def spawn(self, service: Service) -> Service:
        """Start a service's process (without waiting for it) and write its PID file."""
        out = open(service.log, "a") if service.log else None
        try:
            service.proc = subprocess.Popen(
                service.argv, cwd=self.cwd, env={**self.env, **service.env},
                stdout=out, stderr=subprocess.STDOUT if out else None,
                start_new_session=True)  # Ctrl-C reaches the launcher only; it stops the rest
        finally:
            if out:
                out.close()
        if service.pid_file:
            service.pid_file.parent.mkdir(parents=True, exist_ok=True)
            service.pid_file.write_text(f"{service.proc.pid}\n")
        with self._lock:
            if service not in self.services:
                self.services.append(service)
        return service

    def wait_ready(self, services: Sequence[Service], timeout_s: float = START_TIMEOUT_S, poll_s: float = 0.5) -> None:
        """Wait until every service answers; fail at once if one exits."""
        deadline = time.monotonic() + timeout_s
        waiting = list(services)
        while waiting:
            for s in list(waiting):
                if not s.running():
                    code = s.proc.returncode if s.proc else None
                    raise StartError(f"{s.name} exited with {code}" + (f"; see {s.log}" if s.log else ""))
                try:
                    if s.ready():
                        waiting.remove(s)
                except (requests.RequestException, ValueError, OSError):
                    pass
            if waiting and time.monotonic() > deadline:
                raise StartError(f"{', '.join(s.name for s in waiting)} did not answer within {timeout_s:.0f} s")
            if waiting:
                time.sleep(poll_s)

    def start(self, *services: Service, timeout_s: float = START_TIMEOUT_S) -> None:
        """Start services together and wait for all of them."""
        for s in services:
            self.spawn(s)
        self.wait_ready(services, timeout_s)

    # --- watching ------------------------------------------------------------------

    def restart_exited(self) -> List[Service]:
        """Start again every service whose process ended by itself; the ones restarted."""
        restarted = []
        with self._lock:
            services = list(self.services)
        for s in services:
            if self._stopping.is_set():
                break
            if s.proc is not None and s.proc.poll() is not None:
                logger.warning("%s (pid %s) exited with %s; starting it again", s.name, s.proc.pid, s.proc.returncode)
                s.restarts += 1
                self.spawn(s)
                restarted.append(s)
        return restarted

    def supervise(self, every_s: float = 1.0, until: Optional[threading.Event] = None) -> None:
        """Restart crashed services until `until` is set or stop() is called."""
        until = until or self._stopping
        while not until.wait(every_s) and not self._stopping.is_set():
            self.restart_exited()

    def supervise_in_background(self, every_s: float = 1.0) -> threading.Thread:
        thread = threading.Thread(target=self.supervise, args=(every_s,), name="supervisor", daemon=True)
        thread.start()
        return thread

    # --- stopping ------------------------------------------------------------------

    def stop(self) -> None:
        """Stop every service, newest first: SIGTERM, then SIGKILL after STOP_TIMEOUT_S."""
        self._stopping.set()
        with self._lock:
            services = list(reversed(self.services))
        for s in services:
            if s.running():
                _signal_group(s.proc, signal.SIGTERM)
        for s in services:
            if s.proc is None:
                continue
            try:
                s.proc.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                _signal_group(s.proc, signal.SIGKILL)
                s.proc.wait()
            if s.pid_file:
                s.pid_file.unlink(missing_ok=True)

    def __enter__(self) -> "Launcher":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def _signal_group(proc: subprocess.Popen, sig: int) -> None:
    """The process and its children (each service runs in a session of its own)."""
    try:
        os.killpg(proc.pid, sig)
    except (ProcessLookupError, PermissionError):
        try:
            proc.send_signal(sig)
        except ProcessLookupError:
            pass


# --- ports and origins ----------------------------------------------------------------


def free_port() -> int:
    """A loopback port nobody listens on now (the tests and the bench run on such ports)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def web_origins(web_port: int, env=os.environ) -> List[str]:
    """CORS: only the chat page's own origins may call the servers from a browser
    (WEB_ORIGINS, space-separated, replaces them)."""
    return env.get("WEB_ORIGINS", "").split() or [f"http://127.0.0.1:{web_port}", f"http://localhost:{web_port}"]


# --- the assistant's services ---------------------------------------------------------


def _get_ok(url: str, **kwargs) -> Callable[[], bool]:
    return lambda: requests.get(url, timeout=2, **kwargs).ok


def action_server(name: str, port: int, *, interface: str = "127.0.0.1", log: Optional[Path] = None,
                  pid_file: Optional[Path] = None) -> Service:
    return Service(
        name, [str(BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", str(port)],
        ready=_get_ok(f"http://127.0.0.1:{port}/health"),
        env={"SANIC_HOST": interface},  # rasa_sdk binds 0.0.0.0 unless told
        log=log, pid_file=pid_file)


def rasa_server(name: str, port: int, actions_port: int, *, model: Path = MODEL, interface: str = "127.0.0.1",
                cors: Sequence[str] = (), endpoints: Path = ROOT / "endpoints.yml", env: Optional[Dict[str, str]] = None,
                log: Optional[Path] = None, pid_file: Optional[Path] = None,
                command: Optional[Sequence[str]] = None) -> Service:
    """`rasa run` with scripts/serve_rasa.py's fixes (or `command`, e.g. plain `rasa` for the
    benchmark's stock baseline); ready at its first real parse (the port opens before the
    model is loaded). Needs RASA_API_TOKEN in the launcher's environment."""
    from scripts.api_access import api_params

    command = list(command or [str(BIN / "python"), str(ROOT / "scripts" / "serve_rasa.py")])
    argv = [*command, "run", "--model", str(model),
            "--enable-api", "--interface", interface, "--port", str(port),
            "--credentials", str(ROOT / "credentials.yml"), "--endpoints", str(endpoints)]
    if cors:
        argv += ["--cors", *cors]
    local = "127.0.0.1" if interface in ("0.0.0.0", "::") else interface

    def ready() -> bool:
        r = requests.post(f"http://{local}:{port}/model/parse", json={"text": "你好"}, params=api_params(), timeout=3)
        return r.ok

    return Service(name, argv, ready=ready,
                   env={"ACTION_ENDPOINT_URL": f"http://127.0.0.1:{actions_port}/webhook", **(env or {})},
                   log=log, pid_file=pid_file)


def web_page(port: int, *, interface: str = "127.0.0.1", rasa_port: Optional[int] = None,
             rasa_url: Optional[str] = None, log: Optional[Path] = None, pid_file: Optional[Path] = None) -> Service:
    env = {"WEB_PORT": str(port), "WEB_INTERFACE": interface}
    if rasa_port:
        env["RASA_PORT"] = str(rasa_port)
    if rasa_url:
        env["RASA_URL"] = rasa_url
    local = "127.0.0.1" if interface in ("0.0.0.0", "::") else interface
    return Service("web", [str(BIN / "python"), str(ROOT / "web" / "serve.py")],
                   ready=_get_ok(f"http://{local}:{port}/"), env=env, log=log, pid_file=pid_file)


def nginx(conf: Path, prefix: Path, health_url: str, *, log: Optional[Path] = None,
          pid_file: Optional[Path] = None) -> Service:
    """Debian's nginx in the foreground (the launcher watches it like the others)."""
    return Service("nginx", ["nginx", "-p", str(prefix), "-c", str(conf), "-g", "daemon off;"],
                   ready=_get_ok(health_url), log=log, pid_file=pid_file)
