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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("results", type=Path)
    parser.add_argument("--min-intent-accuracy", type=float, default=0.85)
    parser.add_argument("--min-dispute-accuracy", type=float, default=0.90)
    args = parser.parse_args()

    s = summarize(args.results)
    intent_acc, dispute_acc = s["intent_accuracy"], s["dispute_type_accuracy"]
    print(f"held-out messages: {s['messages']} ({s['disputes']} disputes, {s['others']} other)")
    print(f"intent accuracy: {intent_acc:.3f}   macro F1: {s['macro_f1']:.3f}")
    print(f"dispute_type accuracy: {dispute_acc:.3f}   other messages given a type: {s['others_given_a_type']}")
    failed = intent_acc < args.min_intent_accuracy or dispute_acc < args.min_dispute_accuracy
    if failed:
        print(f"FAILED: below the bar (intent {args.min_intent_accuracy}, dispute_type {args.min_dispute_accuracy})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
