"""One cluster for the session, started by the same code as `make cluster`.

Two instances behind nginx, on free ports, with the machine's real PostgreSQL (a
database of this run's own, dropped at the end) and Redis (a database number of
its own). The WeChat channel is on, talking to the fake WeChat API of the e2e tests.
"""
import os
import secrets
import signal
import sys
import time
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))  # the fake WeChat API

from wechat_fake_api import wechat_api  # noqa: E402,F401  (fixture)

from cluster_client import PG_SERVER, REDIS_URL  # noqa: E402
from scripts.api_access import api_params  # noqa: E402
from serving import cluster as cluster_module  # noqa: E402
from serving.cluster import Settings, free_base_port  # noqa: E402
from serving.launcher import free_port  # noqa: E402

os.environ.setdefault("RASA_API_TOKEN", secrets.token_urlsafe(24))
MODEL = ROOT / "models" / "dispute-advisor.tar.gz"


class Cluster:
    def __init__(self, settings: Settings, run):
        self.settings, self.run = settings, run
        self.url = f"http://127.0.0.1:{settings.port}"

    def instance_url(self, n: int) -> str:
        return f"http://127.0.0.1:{self.settings.rasa_port(n)}"

    def pid(self, name: str) -> int:
        return int((self.settings.run_dir / f"{name}.pid").read_text())

    def kill9(self, name: str) -> int:
        pid = self.pid(name)
        os.kill(pid, signal.SIGKILL)
        return pid

    def wait_answering(self, n: int, timeout_s: float = 300) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            try:
                if requests.post(f"{self.instance_url(n)}/model/parse", json={"text": "你好"},
                                 params=api_params(), timeout=5).ok:
                    return
            except requests.RequestException:
                pass
            time.sleep(1)
        raise AssertionError(f"rasa-{n} did not answer within {timeout_s} s")

    def access_log(self) -> str:
        return (self.settings.run_dir / "nginx" / "access.log").read_text("utf-8", "replace")


@pytest.fixture(scope="session")
def cluster(tmp_path_factory, wechat_api):  # noqa: F811  (the imported fixture)
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` first (make test-cluster does)")
    database = f"advisor_cluster_{os.getpid()}"
    settings = Settings(instances=2, port=free_port(), web_port=free_port(),
                        database_url=f"{PG_SERVER}/{database}", redis_url=REDIS_URL,
                        base_port=free_base_port(2), run_dir=tmp_path_factory.mktemp("cluster"))
    env = dict(os.environ, **wechat_api.rasa_env())
    run = cluster_module.start(settings, env)
    supervising = cluster_module.supervise_in_background(run, settings)  # as `make cluster` does
    try:
        yield Cluster(settings, run)
    finally:
        supervising.set()
        run.stop()
        logs = ROOT / "tests" / "cluster" / "logs"  # kept for a failed run (git-ignored)
        logs.mkdir(exist_ok=True)
        for f in settings.run_dir.glob("*.log"):
            (logs / f.name).write_bytes(f.read_bytes())
        engine = sa.create_engine(f"{PG_SERVER}/postgres", isolation_level="AUTOCOMMIT")
        with engine.connect() as c:
            c.execute(sa.text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        engine.dispose()
