"""Print held-out NLU accuracy from `rasa test nlu --successes` output and fail below the bar.

Dispute-type accuracy counts a message right when the type it would get in
the dialogue (advisor.detection on the predicted intent) equals the type of
its labelled intent, and non-dispute messages right when they get no type.
It ignores the keyword backup the dialogue also has, so it is a lower bound.
"""
import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from actions.knowledge_base import INTENT_CONFIDENCE_THRESHOLD  # noqa: E402
from advisor.detection import FALLBACK_INTENT, choose_dispute_type, type_from_intent  # noqa: E402


def predicted_type(prediction: dict) -> str | None:
    name = prediction.get("name")
    if name == FALLBACK_INTENT:
        return None  # the ranking behind the fallback is not in rasa's report
    return choose_dispute_type(None, name, prediction.get("confidence") or 0.0, [],
                               INTENT_CONFIDENCE_THRESHOLD)


def summarize(results: Path) -> dict:
    """The held-out numbers from a `rasa test nlu --successes` output folder (also used by bench/)."""
    report = json.loads((results / "intent_report.json").read_text("utf-8"))
    rows = []
    for name in ("intent_successes.json", "intent_errors.json"):
        path = results / name
        if path.exists():
            rows += json.loads(path.read_text("utf-8"))
    right = sum(type_from_intent(r["intent"]) == predicted_type(r["intent_prediction"]) for r in rows)
    nones = [r for r in rows if not type_from_intent(r["intent"])]
    return {
        "messages": len(rows),
        "disputes": len(rows) - len(nones),
        "others": len(nones),
        "intent_accuracy": report["accuracy"],
        "macro_f1": report["macro avg"]["f1-score"],
        "dispute_type_accuracy": right / len(rows) if rows else 0.0,
        "others_given_a_type": sum(predicted_type(r["intent_prediction"]) is not None for r in nones),
    }


GATES = Path(__file__).resolve().parent.parent / "tests" / "nlu" / "gates.yml"


def per_intent_f1(results: Path) -> dict:
    report = json.loads((results / "intent_report.json").read_text("utf-8"))
    return {k: v["f1-score"] for k, v in report.items() if isinstance(v, dict) and "f1-score" in v
            and k not in ("micro avg", "macro avg", "weighted avg")}


def main() -> int:
    import yaml

    parser = argparse.ArgumentParser()
    parser.add_argument("results", type=Path)
    args = parser.parse_args()
    gates = (yaml.safe_load(GATES.read_text("utf-8")) or {}).get("test_nlu", {}) if GATES.exists() else {}

    s = summarize(args.results)
    intent_acc, dispute_acc = s["intent_accuracy"], s["dispute_type_accuracy"]
    print(f"test_nlu.yml (written by this project): {s['messages']} messages ({s['disputes']} disputes, {s['others']} other)")
    print(f"intent accuracy: {intent_acc:.3f}   macro F1: {s['macro_f1']:.3f}")
    print(f"dispute_type accuracy: {dispute_acc:.3f}   other messages given a type: {s['others_given_a_type']}")
    failures = []
    for key, value in (("intent_accuracy", intent_acc), ("dispute_type_accuracy", dispute_acc)):
        if key in gates and value < gates[key]:
            failures.append(f"{key} {value:.3f} < {gates[key]}")
    minimum = gates.get("per_intent_f1")
    for intent, f1 in sorted(per_intent_f1(args.results).items()):
        if minimum is not None and f1 < minimum:
            failures.append(f"intent {intent}: F1 {f1:.3f} < {minimum}")
    for f in failures:
        print("FAILED gate:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
