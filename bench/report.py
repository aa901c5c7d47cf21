"""Turn the measurements into ratios, target verdicts and one printed table (pure functions)."""
from typing import List, Optional

SYSTEMS = ("ours", "baseline")

# (label, path into a system's results, decimals)
ROWS = [
    ("training time (s)", ("model", "train_seconds"), 1),
    ("model size (MB)", ("model", "size_mb"), 1),
    ("cold start to first answer (s)", ("cold_start_seconds",), 1),
    ("parse p50 (ms)", ("parse_ms", "p50"), 1),
    ("parse p95 (ms)", ("parse_ms", "p95"), 1),
    ("one pass: conversations reaching advice", ("warmup", "advice_reached"), 0),
]
for _u in ("1", "10", "50"):
    ROWS += [
        (f"{_u:>2} users: turns/s", ("load", _u, "turns_per_s"), 2),
        (f"{_u:>2} users: turn p50 (ms)", ("load", _u, "latency_ms", "p50"), 1),
        (f"{_u:>2} users: turn p95 (ms)", ("load", _u, "latency_ms", "p95"), 1),
        (f"{_u:>2} users: turn p99 (ms)", ("load", _u, "latency_ms", "p99"), 1),
        (f"{_u:>2} users: errors", ("load", _u, "errors"), 0),
        (f"{_u:>2} users: conversations reaching advice", ("load", _u, "advice_reached"), 0),
    ]
for _u in ("1", "10"):
    ROWS += [
        (f"real shoppers, {_u:>2} users: turns/s", ("load_real", _u, "turns_per_s"), 2),
        (f"real shoppers, {_u:>2} users: turn p50 (ms)", ("load_real", _u, "latency_ms", "p50"), 1),
        (f"real shoppers, {_u:>2} users: turn p95 (ms)", ("load_real", _u, "latency_ms", "p95"), 1),
        (f"real shoppers, {_u:>2} users: errors", ("load_real", _u, "errors"), 0),
    ]
ROWS += [
    ("peak RSS, Rasa server (MB)", ("peak_rss_mb", "rasa"), 1),
    ("peak RSS, action server (MB)", ("peak_rss_mb", "actions"), 1),
    ("held-out intent accuracy", ("accuracy", "intent_accuracy"), 3),
    ("held-out macro F1", ("accuracy", "macro_f1"), 3),
    ("held-out dispute-type accuracy", ("accuracy", "dispute_type_accuracy"), 3),
]


def dig(d: dict, path) -> Optional[float]:
    for key in path:
        if not isinstance(d, dict) or key not in d:
            return None
        d = d[key]
    return d


def ratio(ours, baseline) -> Optional[float]:
    if ours is None or baseline in (None, 0):
        return None
    return round(ours / baseline, 2)


def ratios(systems: dict) -> dict:
    """ours/baseline for every numeric row of the table, keyed by its label."""
    return {label: ratio(dig(systems.get("ours", {}), path), dig(systems.get("baseline", {}), path))
            for label, path, _ in ROWS}


def targets(systems: dict) -> List[dict]:
    """Issue 4's targets, each with the measured value and met true/false (None: not measured)."""
    ours, base = systems.get("ours", {}), systems.get("baseline", {})

    def check(name, value, ok):
        return {"target": name, "value": value, "met": None if value is None else bool(ok(value))}

    tps = ratio(dig(ours, ("load", "10", "turns_per_s")), dig(base, ("load", "10", "turns_per_s")))
    acc_o, acc_b = dig(ours, ("accuracy", "intent_accuracy")), dig(base, ("accuracy", "intent_accuracy"))
    acc_gap = None if acc_o is None or acc_b is None else round((acc_o - acc_b) * 100, 1)
    real_tps = ratio(dig(ours, ("load_real", "10", "turns_per_s")), dig(base, ("load_real", "10", "turns_per_s")))
    p95_10 = dig(ours, ("load_real", "10", "latency_ms", "p95"))
    p50_1 = dig(ours, ("load_real", "1", "latency_ms", "p50"))
    tail = None if p95_10 is None or not p50_1 else round(p95_10 / p50_1, 1)
    return [
        check("real shoppers, 10 users: turns/s >= 5x baseline (ratio)", real_tps, lambda v: v >= 5),
        check("real shoppers: p95 at 10 users <= 8x p50 at 1 user (ratio)", tail, lambda v: v <= 8),
        check("10 users: turns/s >= 2x baseline (ratio)", tps, lambda v: v >= 2),
        check("10 users: turn p95 <= 300 ms", dig(ours, ("load", "10", "latency_ms", "p95")),
              lambda v: v <= 300),
        check("50 users: 0 errors", dig(ours, ("load", "50", "errors")), lambda v: v == 0),
        check("parse p50 <= 15 ms", dig(ours, ("parse_ms", "p50")), lambda v: v <= 15),
        check("Rasa server peak RSS <= 800 MB", dig(ours, ("peak_rss_mb", "rasa")), lambda v: v <= 800),
        check("training <= 300 s", dig(ours, ("model", "train_seconds")), lambda v: v <= 300),
        check("intent accuracy within 1 point of baseline (ours - baseline, points)", acc_gap,
              lambda v: v >= -1.0),
    ]


def _fmt(v, decimals: int) -> str:
    if v is None:
        return "-"
    return f"{v:.{decimals}f}" if decimals else f"{v:.0f}"


def table(result: dict) -> str:
    systems = result["systems"]
    r = result["ratios"]
    width = max(len(label) for label, _, _ in ROWS)
    lines = [f"{'':{width}}  {'ours':>10}  {'baseline':>10}  {'ours/base':>9}",
             "-" * (width + 36)]
    for label, path, dec in ROWS:
        o, b = dig(systems.get("ours", {}), path), dig(systems.get("baseline", {}), path)
        lines.append(f"{label:{width}}  {_fmt(o, dec):>10}  {_fmt(b, dec):>10}  {_fmt(r.get(label), 2):>9}")
    lines.append("")
    for t in result["targets"]:
        verdict = {True: "met", False: "NOT MET", None: "not measured"}[t["met"]]
        lines.append(f"{verdict:>12}  {t['target']}: {_fmt(t['value'], 2)}")
    return "\n".join(lines)
