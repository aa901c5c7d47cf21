"""`make cluster`: several Rasa instances behind nginx, sharing PostgreSQL and Redis.

Settings (environment):
  INSTANCES      Rasa servers, each with its own action server (default 2)
  RASA_PORT      nginx's port, where every channel is served (default 5005)
  RASA_INTERFACE nginx's address (default 127.0.0.1)
  WEB_PORT       the web page (default 8080)
  DATABASE_URL   PostgreSQL for conversations and cases
                 (default postgresql://postgres@127.0.0.1:5432/dispute_advisor; created if missing)
  REDIS_URL      locks, rate limits, WeChat retries (default redis://127.0.0.1:6379/0)
  CLUSTER_BASE_PORT  instance N's Rasa server listens on BASE+N, its action server on BASE+100+N
                 (default 5100)
  CLUSTER_RUN_DIR  PID files, logs and nginx's files (default .run/cluster)

PostgreSQL and Redis on this machine are started when they are not running.
Each process's PID is in .run/cluster/<name>.pid and its log in .run/cluster/<name>.log;
a crashed process is started again within a few seconds. Ctrl-C (or SIGTERM) stops
everything this started; PostgreSQL and Redis stay up (they were there before).
"""
from __future__ import annotations

import argparse
import logging
import os
import shutil
import signal
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Set

import sqlalchemy as sa

from serving import launcher, nginx_conf
from serving.launcher import Launcher, Service

logger = logging.getLogger("cluster")

RUN_DIR = launcher.ROOT / ".run" / "cluster"
DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/dispute_advisor"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")

# How this machine starts its services when they are down (the machine's notes).
POSTGRES_START = "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
REDIS_START = ('redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" '
               "--appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log")


@dataclass
class Settings:
    instances: int = 2
    port: int = 5005
    interface: str = "127.0.0.1"
    web_port: int = 8080
    database_url: str = DEFAULT_DATABASE_URL
    redis_url: str = DEFAULT_REDIS_URL
    base_port: int = 5100
    run_dir: Path = RUN_DIR
    model: Path = launcher.MODEL
    web: bool = True

    @classmethod
    def from_env(cls, env=os.environ) -> "Settings":
        return cls(instances=int(env.get("INSTANCES", 2)), port=int(env.get("RASA_PORT", 5005)),
                   interface=env.get("RASA_INTERFACE", "127.0.0.1"), web_port=int(env.get("WEB_PORT", 8080)),
                   database_url=env.get("DATABASE_URL", DEFAULT_DATABASE_URL),
                   redis_url=env.get("REDIS_URL", DEFAULT_REDIS_URL),
                   base_port=int(env.get("CLUSTER_BASE_PORT", 5100)),
                   run_dir=Path(env.get("CLUSTER_RUN_DIR") or RUN_DIR))

    def rasa_port(self, n: int) -> int:
        return self.base_port + n

    def actions_port(self, n: int) -> int:
        return self.base_port + 100 + n


def free_base_port(instances: int) -> int:
    """A CLUSTER_BASE_PORT whose instance ports (base+N, base+100+N) are all free now."""
    import random
    import socket

    def free(port: int) -> bool:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
                return True
            except OSError:
                return False

    for _ in range(200):
        base = random.randrange(20000, 40000, 10)
        if all(free(base + n) and free(base + 100 + n) for n in range(1, instances + 1)):
            return base
    raise RuntimeError("no free ports for the cluster")


# --- PostgreSQL and Redis ----------------------------------------------------------------


def _wait_for(check, what: str, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            if check():
                return
        except Exception:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} is not answering")
        time.sleep(0.5)


def postgres_answers(url: str) -> bool:
    engine = sa.create_engine(sa.engine.make_url(url).set(database="postgres"))
    try:
        with engine.connect() as c:
            c.execute(sa.text("SELECT 1"))
        return True
    except sa.exc.OperationalError:
        return False
    finally:
        engine.dispose()


def redis_answers(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.exceptions.ConnectionError:
        return False


def ensure_postgres(url: str) -> None:
    if postgres_answers(url):
        return
    host = sa.engine.make_url(url).host or "localhost"
    if host not in LOCAL_HOSTS:
        raise RuntimeError(f"PostgreSQL at {host} is not answering")
    logger.info("PostgreSQL is not running: starting it")
    subprocess.run(POSTGRES_START, shell=True, check=True)
    _wait_for(lambda: postgres_answers(url), "PostgreSQL")


def ensure_redis(url: str) -> None:
    if redis_answers(url):
        return
    from urllib.parse import urlsplit

    if (urlsplit(url).hostname or "localhost") not in LOCAL_HOSTS:
        raise RuntimeError(f"Redis at {url} is not answering")
    logger.info("Redis is not running: starting it")
    subprocess.run(REDIS_START, shell=True, check=True)
    _wait_for(lambda: redis_answers(url), "Redis")


def ensure_database(url: str) -> None:
    """Create the database the URL names when it is missing."""
    parsed = sa.engine.make_url(url)
    engine = sa.create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as c:
            exists = c.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = :d"),
                               {"d": parsed.database}).scalar()
            if not exists:
                logger.info("creating database %s", parsed.database)
                c.execute(sa.text(f'CREATE DATABASE "{parsed.database}"'))
    finally:
        engine.dispose()


def migrate(url: str, env: Dict[str, str]) -> None:
    """The case file's schema, brought up to date (the tracker store makes its own table)."""
    subprocess.run([str(launcher.BIN / "python"), "-m", "storage.migrate", "upgrade"], cwd=launcher.ROOT,
                   env={**env, "CASES_DATABASE_URL": url}, check=True)


# --- the cluster ----------------------------------------------------------------------------


def shared_env(settings: Settings, base: Optional[Dict[str, str]] = None) -> Dict[str, str]:
    from scripts.api_access import ensure_api_token

    env = dict(os.environ if base is None else base)
    env.update(TRACKER_STORE_URL=settings.database_url, CASES_DATABASE_URL=settings.database_url,
               REDIS_URL=settings.redis_url, TRUSTED_PROXIES="127.0.0.1")
    env.setdefault("RASA_API_TOKEN", ensure_api_token())
    return env


def services(settings: Settings) -> List[Service]:
    """The processes of the cluster, in the order they start."""
    d = settings.run_dir
    out: List[Service] = []
    for n in range(1, settings.instances + 1):
        out.append(launcher.action_server(f"actions-{n}", settings.actions_port(n), log=d / f"actions-{n}.log",
                                          pid_file=d / f"actions-{n}.pid"))
    for n in range(1, settings.instances + 1):
        out.append(launcher.rasa_server(f"rasa-{n}", settings.rasa_port(n), settings.actions_port(n),
                                        model=settings.model, cors=launcher.web_origins(settings.web_port),
                                        log=d / f"rasa-{n}.log", pid_file=d / f"rasa-{n}.pid"))
    prefix = d / "nginx"
    local = "127.0.0.1" if settings.interface in ("0.0.0.0", "::") else settings.interface
    out.append(launcher.nginx(prefix / "nginx.conf", prefix, f"http://{local}:{settings.port}/nginx-health",
                              log=d / "nginx.log", pid_file=d / "nginx-master.pid"))
    if settings.web:
        out.append(launcher.web_page(settings.web_port, rasa_port=settings.port, log=d / "web.log",
                                     pid_file=d / "web.pid"))
    return out


def write_nginx_conf(settings: Settings, down: Set[int] = frozenset()) -> Path:
    """nginx's configuration; `down`: the instances (numbers) it must not send to."""
    prefix = settings.run_dir / "nginx"
    prefix.mkdir(parents=True, exist_ok=True)
    conf = prefix / "nginx.conf"
    listen = f"{settings.interface}:{settings.port}"
    ports = [settings.rasa_port(n) for n in range(1, settings.instances + 1)]
    conf.write_text(nginx_conf.render(listen, ports, prefix, down=[settings.rasa_port(n) for n in down]), "utf-8")
    return conf


def reload_nginx(settings: Settings, down: Set[int]) -> None:
    conf = write_nginx_conf(settings, down)
    prefix = settings.run_dir / "nginx"
    done = subprocess.run(["nginx", "-p", str(prefix), "-c", str(conf), "-s", "reload"],
                          capture_output=True, text=True)
    if done.returncode:
        logger.warning("nginx reload failed: %s", done.stderr.strip())


def supervise(run: Launcher, settings: Settings, until: threading.Event, every_s: float = 1.0) -> None:
    """Restart what died; keep a restarted Rasa instance out of nginx until its model is loaded.

    A restarted Rasa server accepts connections before its model is loaded, and its
    requests would wait (or fail) meanwhile, so nginx sends it nothing until it answers.
    """
    loading: Dict[int, Service] = {}
    while not until.wait(every_s):
        restarted = [s for s in run.restart_exited() if s.name.startswith("rasa-")]
        for s in restarted:
            loading[int(s.name.split("-")[1])] = s
        ready = set()
        for n, s in loading.items():
            try:
                if s.running() and s.ready():
                    ready.add(n)
            except Exception:
                pass  # still loading
        for n in ready:
            del loading[n]
            logger.info("rasa-%d answers again: back in nginx", n)
        if restarted or ready:
            reload_nginx(settings, set(loading))


def supervise_in_background(run: Launcher, settings: Settings) -> threading.Event:
    """supervise() on a thread; set the returned event to end it."""
    stop = threading.Event()
    threading.Thread(target=supervise, args=(run, settings, stop), name="cluster-supervisor", daemon=True).start()
    return stop


def start(settings: Settings, env: Optional[Dict[str, str]] = None) -> Launcher:
    """Everything up and answering; the caller supervises and stops the returned Launcher."""
    if shutil.which("nginx") is None:
        raise RuntimeError("nginx is not installed (`make cluster` installs Debian's nginx-light)")
    ensure_postgres(settings.database_url)
    ensure_redis(settings.redis_url)
    ensure_database(settings.database_url)
    env = shared_env(settings, env)
    migrate(settings.database_url, env)
    settings.run_dir.mkdir(parents=True, exist_ok=True)
    write_nginx_conf(settings)
    run = Launcher(env)
    try:
        procs = services(settings)
        actions = [s for s in procs if s.name.startswith("actions-")]
        run.start(*actions)
        # the Rasa servers load the model at the same time; nginx and the page after them
        run.start(*[s for s in procs if s.name.startswith("rasa-")])
        run.start(*[s for s in procs if s.name in ("nginx", "web")])
    except BaseException:
        run.stop()
        raise
    return run


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-web", action="store_true", help="no web page")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    settings = Settings.from_env()
    settings.web = not args.no_web
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    run = start(settings)
    try:
        where = f"http://{settings.interface}:{settings.port}"
        print(f"Cluster: {settings.instances} instances behind nginx at {where} "
              f"(REST /webhooks/rest/webhook, socket.io /socket.io, WeChat /webhooks/wechat/webhook)", flush=True)
        if settings.web:
            print(f"Web chat: http://127.0.0.1:{settings.web_port}/", flush=True)
        print(f"PIDs and logs: {settings.run_dir}; Ctrl-C stops everything", flush=True)
        supervise(run, settings, stop)
    finally:
        run.stop()


if __name__ == "__main__":
    main()
