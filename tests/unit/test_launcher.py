"""The launcher: starts and waits, fails loudly, restarts what crashed, stops everything."""
import os
import signal
import socket
import sys
import time
from pathlib import Path

import pytest

from serving import launcher
from serving.launcher import Launcher, Service, StartError

SERVE = [sys.executable, "-m", "http.server", "--bind", "127.0.0.1"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def web(name: str, tmp_path: Path) -> Service:
    port = free_port()
    return Service(name, [*SERVE, str(port)], ready=launcher._get_ok(f"http://127.0.0.1:{port}/"),
                   log=tmp_path / f"{name}.log", pid_file=tmp_path / f"{name}.pid")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is not running
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except FileNotFoundError:
        return False


def test_start_waits_until_each_service_answers_and_writes_its_pid(tmp_path):
    with Launcher(cwd=tmp_path) as run:
        a, b = web("a", tmp_path), web("b", tmp_path)
        run.start(a, b)
        assert a.ready() and b.ready()
        assert int((tmp_path / "a.pid").read_text()) == a.pid and alive(a.pid)


def test_a_service_that_exits_while_starting_fails_at_once_with_its_name(tmp_path):
    broken = Service("broken", [sys.executable, "-c", "raise SystemExit(3)"], ready=lambda: False,
                     log=tmp_path / "broken.log")
    start = time.monotonic()
    with Launcher(cwd=tmp_path) as run, pytest.raises(StartError, match="broken exited with 3"):
        run.start(broken, timeout_s=60)
    assert time.monotonic() - start < 10


def test_a_service_that_never_answers_times_out(tmp_path):
    silent = Service("silent", [sys.executable, "-c", "import time; time.sleep(60)"], ready=lambda: False)
    with Launcher(cwd=tmp_path) as run, pytest.raises(StartError, match="silent did not answer within 1 s"):
        run.start(silent, timeout_s=1)


def test_a_killed_service_is_started_again_with_a_new_pid_file(tmp_path):
    with Launcher(cwd=tmp_path) as run:
        a = web("a", tmp_path)
        run.start(a)
        old = a.pid
        os.kill(old, signal.SIGKILL)
        a.proc.wait()
        assert [s.name for s in run.restart_exited()] == ["a"]
        assert a.pid != old and int((tmp_path / "a.pid").read_text()) == a.pid
        run.wait_ready([a], timeout_s=30)
        assert a.restarts == 1


def test_the_supervisor_restarts_a_crashed_service_within_seconds(tmp_path):
    with Launcher(cwd=tmp_path) as run:
        a = web("a", tmp_path)
        run.start(a)
        run.supervise_in_background(every_s=0.2)
        old = a.pid
        os.kill(old, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while a.pid == old or not alive(a.pid):
            assert time.monotonic() < deadline, "not restarted within 10 s"
            time.sleep(0.1)


def test_stop_ends_every_service_and_its_children_and_removes_pid_files(tmp_path):
    # a parent that starts a child, like `rasa run` with its worker
    parent = Service("parent", [sys.executable, "-c",
                                "import subprocess, sys, time; "
                                f"p = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)']); "
                                f"open({str(tmp_path / 'child')!r}, 'w').write(str(p.pid)); time.sleep(600)"],
                     ready=lambda: (tmp_path / "child").exists(), pid_file=tmp_path / "parent.pid")
    run = Launcher(cwd=tmp_path)
    run.start(parent)
    child = int((tmp_path / "child").read_text())
    run.stop()
    time.sleep(0.2)
    assert not alive(parent.pid) and not alive(child)
    assert not (tmp_path / "parent.pid").exists()
    assert run.restart_exited() == []  # nothing comes back after a stop
