"""`make bench`: our assistant and a stock-config baseline, measured in one run.

For each system: train (or reuse the cached, timed model), start a fresh action
server and Rasa server (cold start = start to first answer), measure
/model/parse latency, run simulated shoppers at 1, 10 and 50 concurrent users,
read both servers' peak RSS (VmHWM), stop them; then held-out NLU accuracy.
Prints one table and writes bench/out/latest.json (keys: README, Performance).
"""
import argparse
import asyncio
import datetime
import json
import os
import sys
import time
from pathlib import Path

import yaml

from bench import accuracy, load, report, training
from bench.servers import ROOT, Servers

OUT = ROOT / "bench" / "out"
OURS_INPUTS = ["domain.yml", "data", "lexicon", "knowledge", "components"]
BASELINE_INPUTS = ["domain.yml", "data"]
SYSTEMS = {
    # name: (config, training inputs besides the config)
    "ours": ("config.yml", OURS_INPUTS),
    "baseline": ("bench/baseline_config.yml", BASELINE_INPUTS),
}


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def parse_corpus(scripts: dict) -> list:
    texts = []
    for f in scripts.get("parse_corpus_files", []):
        texts += [m["text"] for m in yaml.safe_load((ROOT / f).read_text("utf-8"))["messages"]]
    for conv in scripts["conversations"]:
        texts += [t for t in conv["turns"] if not t.startswith("/")]
    return list(dict.fromkeys(texts))  # unique, in order


def rasa_command(name: str, plain: bool = False) -> list:
    """Ours is served as scripts/run.sh serves it (scripts/serve_rasa.py); the baseline by plain `rasa`."""
    if name == "ours" and not plain:
        return [str(ROOT / ".venv" / "bin" / "python"), str(ROOT / "scripts" / "serve_rasa.py")]
    return [str(ROOT / ".venv" / "bin" / "rasa")]


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def measure_system(name: str, model: dict, scripts: dict, args) -> dict:
    workdir = OUT / f"run-{name}"
    command = rasa_command(name, args.plain_rasa)
    servers = Servers(model["path"], workdir, command)
    result = {
        "config": model.get("config", SYSTEMS[name][0]),
        "rasa_command": " ".join(Path(c).name for c in command),
        "model": {"file": _shown(model["path"]), "size_mb": round(model["size_bytes"] / 1e6, 1),
                  "train_seconds": model["train_seconds"], "cached": model["cached"]},
    }
    if "same_inputs" in model:  # --reuse: say whether it was trained on today's data
        result["model"].update(reused=True, inputs_hash=model["inputs_hash"], same_inputs=model["same_inputs"])
    log(f"{name}: starting servers")
    try:
        servers.start(log)
        result["cold_start_seconds"] = servers.cold_start_seconds
        corpus = parse_corpus(scripts)
        result["parse_ms"] = asyncio.run(load.parse_latency(servers.url, corpus, args.parse_rounds))
        log(f"  parse: {result['parse_ms']}")
        # each conversation once first, so no level pays for lazy loading
        result["warmup"] = asyncio.run(load.each_once(servers.url, scripts["conversations"]))
        log(f"  warm-up: {result['warmup']['advice_reached']}/{len(scripts['conversations'])} "
            f"conversations reached the advice, errors {result['warmup']['errors']}")
        # the simulated shoppers (first messages in real shoppers' words, free-text replies),
        # played once against this very server: what each one typed becomes a conversation of
        # the real-shopper level, so each system is loaded with the conversations it leads to
        real = record_real_shoppers(servers.url)
        result["real_shoppers_recorded"] = len(real)
        log(f"  recorded {len(real)} real-shopper conversations ({sum(len(c['turns']) for c in real)} turns)")
        result["load_real"] = {}
        for users in args.real_users:
            summary = asyncio.run(load.run_users(servers.url, real, users, args.seconds, f"{name}real"))
            result["load_real"][str(users)] = summary
            log(f"  real shoppers, {users} users: {summary['turns_per_s']} turns/s, {summary['latency_ms']}, "
                f"errors {summary['errors']}")
        result["load"] = {}
        for users in args.users:
            summary = asyncio.run(load.run_users(servers.url, scripts["conversations"], users,
                                                 args.seconds, name))
            result["load"][str(users)] = summary
            log(f"  {users} users: {summary['turns_per_s']} turns/s, {summary['latency_ms']}, "
                f"errors {summary['errors']}")
        result["peak_rss_mb"] = servers.peak_rss()
        log(f"  peak RSS: {result['peak_rss_mb']}")
    finally:
        servers.stop()
    return result


def record_real_shoppers(url: str) -> list:
    """Each simulated shopper of tests/shoppers/shoppers.yml played once: the texts it typed."""
    from scripts import shoppers

    names = shoppers.evidence_names()
    return [{"name": s["name"], "turns": shoppers.play(url, s, names).sent} for s in shoppers.load()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--real-users", type=int, nargs="+", default=[1, 10],
                        help="levels of the real-shopper load (the simulated shoppers' own words)")
    parser.add_argument("--seconds", type=float, default=20.0, help="length of each load level")
    parser.add_argument("--parse-rounds", type=int, default=2, help="timed passes over the parse corpus")
    parser.add_argument("--only", choices=list(SYSTEMS), help="measure one system (development)")
    parser.add_argument("--model", metavar="FILE", type=Path,
                        help="with --only: serve this model instead of training (development; no training time)")
    parser.add_argument("--reuse", metavar="NAME=FILE", action="append", default=[],
                        help="serve this already trained model for system NAME instead of training it; "
                             "its training time is read from FILE's .json beside it when there is one "
                             "(a baseline trained once on an earlier data snapshot, for example)")
    parser.add_argument("--baseline-epochs", type=int, metavar="N",
                        help="train the baseline with N epochs instead of its config's 100 (a slow machine: "
                             "the served model, and so the speed measured, is the same size; the report says so)")
    parser.add_argument("--plain-rasa", action="store_true",
                        help="serve ours by plain `rasa` (the 'before' of scripts/serve_rasa.py)")
    parser.add_argument("--out", default="latest.json", help="file name under bench/out/")
    args = parser.parse_args()
    if min(args.users + args.real_users) < 1 or args.seconds <= 0 or args.parse_rounds < 1:
        parser.error("--users, --seconds and --parse-rounds must be positive")

    OUT.mkdir(parents=True, exist_ok=True)
    scripts = load.load_scripts()
    names = [args.only] if args.only else list(SYSTEMS)
    if args.model and not args.only:
        parser.error("--model needs --only")
    if args.model and args.reuse:
        parser.error("--model and --reuse: give one of them")
    if args.model and not args.model.is_file():
        parser.error(f"--model: no such file: {args.model}")
    started = time.time()
    result = {
        "generated_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "loadavg_at_start": [round(x, 2) for x in os.getloadavg()]},
        "settings": {"users": args.users, "plain_rasa": args.plain_rasa, "seconds_per_level": args.seconds,
                     "parse_rounds": args.parse_rounds, "turn_timeout_s": load.TURN_TIMEOUT_S,
                     "max_turns_per_level": load.MAX_TURNS_PER_LEVEL,
                     "conversations": [c["name"] for c in scripts["conversations"]]},
        "systems": {},
    }
    reused = {}
    for item in args.reuse:
        name, _, file = item.partition("=")
        if name not in SYSTEMS or not Path(file).is_file():
            parser.error(f"--reuse {item}: expected NAME=FILE with NAME in {list(SYSTEMS)} and an existing file")
        reused[name] = Path(file).resolve()
    models = {}
    for name in names:
        config, inputs = SYSTEMS[name]
        if name == "baseline" and args.baseline_epochs:
            config = training.with_epochs(config, args.baseline_epochs)
        if args.model:
            models[name] = {"path": args.model.resolve(), "train_seconds": None,
                            "size_bytes": args.model.stat().st_size, "cached": True}
        elif name in reused:
            models[name] = training.reused_model(reused[name], config, inputs)
        else:
            models[name] = training.trained_model(name, config, inputs, log)
        models[name].setdefault("config", config)
        log(f"{name}: model {models[name]['path'].name} "
            f"({'cached' if models[name]['cached'] else 'trained'}, {models[name]['train_seconds']} s)")
    failed = False
    for name in names:
        try:
            result["systems"][name] = measure_system(name, models[name], scripts, args)
            result["systems"][name]["accuracy"] = accuracy.held_out_accuracy(models[name]["path"], log)
        except RuntimeError as e:  # a server that did not start: say so, measure the other one
            log(f"{name}: {e}")
            result["systems"].setdefault(name, {})["failed"] = str(e)
            failed = True
    result["machine"]["loadavg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    result["bench_seconds"] = round(time.time() - started, 1)
    result["ratios"] = report.ratios(result["systems"])
    result["targets"] = report.targets(result["systems"])
    out = OUT / Path(args.out).name
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2), "utf-8")
    print(report.table(result))
    print(f"\nwritten: {out.relative_to(ROOT)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
