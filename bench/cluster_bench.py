"""`make bench-cluster`: 1 and 2 instances behind nginx on PostgreSQL and Redis, same load.

For each size, the cluster is started by serving/cluster.py (as `make cluster` does, on free
ports, in a database of its own), the simulated shoppers are played once through nginx to
record what they type, then that real-shopper load runs at each level of users. Printed per
level: turns/s, latency p50/p95, errors, and the CPU seconds per answered turn of every
process (each Rasa and action server, nginx, PostgreSQL and Redis, read from /proc).
Written to bench/out/cluster.json.
"""
from __future__ import annotations

import argparse
import asyncio
import datetime
import json
import os
import subprocess
from pathlib import Path
from typing import Dict, List

import sqlalchemy as sa

from bench import load
from bench.run_bench import record_real_shoppers
from scripts.api_access import ensure_api_token
from serving.launcher import free_port

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
DATABASE = "advisor_bench_cluster"
PG_SERVER = "postgresql://postgres@127.0.0.1:5432"
REDIS_URL = "redis://127.0.0.1:6379/4"
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and of its children that have ended (/proc/PID/stat)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    utime, stime, cutime, cstime = (int(x) for x in fields[11:15])
    return (utime + stime + cutime + cstime) / TICKS


def _pids_of(name: str) -> List[int]:
    out = subprocess.run(["pgrep", "-x", name], capture_output=True, text=True).stdout.split()
    return [int(p) for p in out]


def _tree(pid: int) -> List[int]:
    from bench.servers import _descendants

    return [pid, *_descendants(pid)]


def process_groups(run) -> Dict[str, List[int]]:
    """Every process whose CPU counts, by name; the shared services by their program name."""
    groups = {s.name: _tree(s.pid) for s in run.services if s.pid}
    groups["postgres"] = _pids_of("postgres")
    groups["redis"] = _pids_of("redis-server")
    return groups


def cpu_by_group(groups: Dict[str, List[int]]) -> Dict[str, float]:
    return {name: sum(cpu_seconds(p) for p in pids) for name, pids in groups.items()}


def client_cpu_seconds() -> float:
    """This process's own CPU: the load generator runs here, on the same cores as the cluster."""
    t = os.times()
    return t.user + t.system


def machine_ticks() -> List[int]:
    """(busy, total) jiffies of all cores since boot (/proc/stat's first line)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return [sum(fields) - idle, sum(fields)]


def measure(instances: int, users_levels: List[int], seconds: float, log) -> dict:
    from serving import cluster

    run_dir = OUT / f"cluster-{instances}"
    settings = cluster.Settings(instances=instances, port=free_port(), base_port=cluster.free_base_port(instances),
                                database_url=f"{PG_SERVER}/{DATABASE}", redis_url=REDIS_URL, run_dir=run_dir,
                                web=False)
    log(f"{instances} instance(s): starting")
    run = cluster.start(settings)
    url = f"http://127.0.0.1:{settings.port}"
    result = {"instances": instances, "levels": {}}
    try:
        real = record_real_shoppers(url)
        log(f"  recorded {len(real)} real-shopper conversations")
        for users in users_levels:
            groups = process_groups(run)
            before, client_before, ticks_before = cpu_by_group(groups), client_cpu_seconds(), machine_ticks()
            summary = asyncio.run(load.run_users(url, real, users, seconds, f"c{instances}u"))
            after, client_after, ticks_after = cpu_by_group(groups), client_cpu_seconds(), machine_ticks()
            turns = summary["turns"] or 1
            summary["cpu_ms_per_turn"] = {k: round((after[k] - before[k]) * 1000 / turns, 2) for k in groups}
            summary["cpu_ms_per_turn"]["total"] = round(sum(summary["cpu_ms_per_turn"].values()), 2)
            # the load generator's own share, and how busy the whole machine was: on 2 cores the
            # client competes with the cluster, so a saturated machine caps what 2 instances add
            summary["client_cpu_ms_per_turn"] = round((client_after - client_before) * 1000 / turns, 2)
            busy, total = (a - b for a, b in zip(ticks_after, ticks_before))
            summary["machine_busy"] = round(busy / total, 3) if total else None
            result["levels"][str(users)] = summary
            log(f"  {users} users: {summary['turns_per_s']} turns/s, {summary['latency_ms']}, "
                f"errors {summary['errors']}, CPU ms/turn {summary['cpu_ms_per_turn']}, "
                f"client {summary['client_cpu_ms_per_turn']}, machine busy {summary['machine_busy']}")
    finally:
        run.stop()
        engine = sa.create_engine(f"{PG_SERVER}/postgres", isolation_level="AUTOCOMMIT")
        with engine.connect() as c:
            c.execute(sa.text(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)'))
        engine.dispose()
    return result


def table(results: List[dict]) -> str:
    lines = [f"{'instances':>9} {'users':>5} {'turns/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'errors':>6} "
             f"{'CPU ms/turn':>11} {'client':>6} {'busy':>5}  by process"]
    for r in results:
        for users, s in r["levels"].items():
            cpu = s["cpu_ms_per_turn"]
            parts = ", ".join(f"{k} {v}" for k, v in cpu.items() if k != "total" and v)
            lines.append(f"{r['instances']:>9} {users:>5} {s['turns_per_s']:>8} {s['latency_ms']['p50']:>7} "
                         f"{s['latency_ms']['p95']:>7} {s['errors']:>6} {cpu['total']:>11} "
                         f"{s.get('client_cpu_ms_per_turn', ''):>6} {s.get('machine_busy', ''):>5}  {parts}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instances", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--users", type=int, nargs="+", default=[1, 10, 20])
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("RASA_API_TOKEN", ensure_api_token())
    # a load from one client IP measures the cluster, not the rate limiter (bench/servers.py)
    os.environ.setdefault("RATE_IP_PER_MINUTE", "0")
    os.environ.setdefault("RATE_SENDER_PER_MINUTE", "0")

    def log(msg):
        print(msg, flush=True)

    results = [measure(n, args.users, args.seconds, log) for n in args.instances]
    out = {"generated_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
           "machine": {"cpus": os.cpu_count()}, "seconds_per_level": args.seconds, "results": results}
    (OUT / "cluster.json").write_text(json.dumps(out, indent=2, ensure_ascii=False), "utf-8")
    print(table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
