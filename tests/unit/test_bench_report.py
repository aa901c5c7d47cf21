"""Ratios, target verdicts and the printed table of the benchmark (bench/report.py)."""
import json

from bench import report


def system(tps10, p95, errors50, parse_p50, rss, train_s, acc, real10=60.0, real_p95=300.0):
    return {
        "load_real": {"1": {"turns_per_s": 15.0, "latency_ms": {"p50": 50.0, "p95": 70.0}, "errors": 0},
                      "10": {"turns_per_s": real10, "latency_ms": {"p50": 150.0, "p95": real_p95}, "errors": 0}},
        "model": {"train_seconds": train_s, "size_mb": 20.0},
        "cold_start_seconds": 30.0,
        "parse_ms": {"n": 10, "p50": parse_p50, "p95": parse_p50 * 2},
        "load": {"1": {"turns_per_s": 10.0, "latency_ms": {"p50": 50.0, "p95": 80.0, "p99": 90.0},
                       "errors": 0, "advice_reached": 5},
                 "10": {"turns_per_s": tps10, "latency_ms": {"p50": 200.0, "p95": p95, "p99": p95 + 50},
                        "errors": 0, "advice_reached": 20},
                 "50": {"turns_per_s": tps10, "latency_ms": {"p50": 900.0, "p95": 1500.0, "p99": 2000.0},
                        "errors": errors50, "advice_reached": 10}},
        "peak_rss_mb": {"rasa": rss, "actions": 120.0},
        "accuracy": {"intent_accuracy": acc, "macro_f1": 0.9, "dispute_type_accuracy": 0.95},
    }


def result(ours, baseline):
    systems = {"ours": ours, "baseline": baseline}
    return {"systems": systems, "ratios": report.ratios(systems), "targets": report.targets(systems)}


def verdicts(r):
    return {t["target"].split(":")[0].split(" <=")[0]: t["met"] for t in r["targets"]}


def test_all_targets_met_when_ours_is_good_enough():
    r = result(system(30.0, 250.0, 0, 9.0, 700.0, 120.0, 0.905),
               system(12.0, 900.0, 3, 20.0, 1100.0, 900.0, 0.91, real10=10.0))
    assert all(t["met"] is True for t in r["targets"]), r["targets"]
    assert r["ratios"]["real shoppers, 10 users: turns/s"] == 6.0
    assert r["ratios"]["10 users: turns/s"] == 2.5
    assert r["ratios"]["peak RSS, Rasa server (MB)"] == round(700 / 1100, 2)


def test_each_target_fails_on_its_own_number():
    base = system(12.0, 900.0, 0, 20.0, 1100.0, 900.0, 0.91, real10=10.0)
    # 4.9x the baseline's real-shopper turns/s, and p95 at 10 users 8.2x the single-user p50
    r = result(system(23.0, 310.0, 1, 15.5, 801.0, 301.0, 0.899, real10=49.0, real_p95=410.0), base)
    assert [t["met"] for t in r["targets"]] == [False] * 9
    gap = next(t for t in r["targets"] if t["target"].startswith("intent accuracy"))
    assert gap["value"] == -1.1  # points, ours minus baseline


def test_missing_numbers_are_not_measured_rather_than_met():
    ours = system(30.0, 250.0, 0, 9.0, 700.0, None, 0.9)
    r = result(ours, {})
    by_name = {t["target"]: t["met"] for t in r["targets"]}
    assert by_name["training <= 300 s"] is None
    assert by_name["10 users: turns/s >= 2x baseline (ratio)"] is None
    assert by_name["parse p50 <= 15 ms"] is True
    assert r["ratios"]["parse p50 (ms)"] is None


def test_table_has_a_row_per_measure_and_a_line_per_target():
    r = result(system(30.0, 250.0, 0, 9.0, 700.0, 120.0, 0.905),
               system(12.0, 900.0, 3, 20.0, 1100.0, 900.0, 0.91))
    text = report.table(r)
    lines = text.splitlines()
    assert lines[0].split() == ["ours", "baseline", "ours/base"]
    row = next(line for line in lines if line.startswith("10 users: turns/s"))
    assert row.split()[-3:] == ["30.00", "12.00", "2.50"]
    assert sum(line.strip().startswith(("met", "NOT MET")) for line in lines) == len(r["targets"])
    rows = lines[2:lines.index("")]
    assert len(rows) == len(report.ROWS)
    assert len([line for line in rows if "users:" in line]) == 18 + 8  # 6 per scripted level, 4 per real-shopper level
    json.dumps(r)  # what latest.json gets is plain JSON
