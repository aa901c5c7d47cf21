"""Dispute-type accuracy of a trained model on every evaluation set, each reported
on its own and marked as written by this project or real shopper text.

A message's type is decided exactly as in the dialogue: the classifier's
intent and confidence (the ranking behind a fallback too) plus the types the
fact reader finds named, through advisor.detection.type_after_message. The
model runs in this process (no servers), so this is what one first message
does to `dispute_type`. Non-disputes (`dispute_type: none`) count right when
left unset.

Gates (tests/nlu/gates.yml): per set, the dispute-type accuracy on disputes
and the share of non-disputes left unset must not fall below their minimum.

Usage: python scripts/nlu_sets.py MODEL [--write-gates]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path
from typing import Any, Dict, List

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from actions.knowledge_base import INTENT_CONFIDENCE_THRESHOLD, KNOWLEDGE  # noqa: E402
from advisor.detection import FALLBACK_INTENT, type_after_message  # noqa: E402
from advisor.facts import read_message  # noqa: E402

SETS = {
    # name: (file, written by)
    "first_messages": ("tests/nlu/first_messages.yml", "ours"),
    "real_reviews": ("tests/nlu/real_reviews.yml", "real"),
    "real_service": ("tests/nlu/real_service.yml", "real"),
    "real_posts": ("tests/nlu/real_posts.yml", "real"),
    "real_products": ("tests/nlu/real_products.yml", "real"),
    "real_questions": ("tests/nlu/real_questions.yml", "real"),
    "real_mixed": ("tests/nlu/real_mixed.yml", "real"),
    "styles": ("tests/nlu/styles.yml", "ours"),
}
# Sets labelled by intent only (questions a shopper asks): the classifier's intent is
# what counts, a fallback counting as wrong.
INTENT_SETS = {
    "rights_questions": ("tests/nlu/rights_questions.yml", "ours"),
}
GATES = ROOT / "tests" / "nlu" / "gates.yml"
MARGIN = 0.02  # a gate sits this far below the measured figure
GATES_HEADER = (
    "# Regression gates, each 2 points below the run it was measured on (scripts/nlu_sets.py\n"
    "# --write-gates for the evaluation sets; test_nlu by hand from `make test-nlu`).\n"
    "# Raise them when the model improves; never lower them without saying why in the commit.\n"
)


def decide(parse: Dict[str, Any], text: str) -> str:
    intent = parse.get("intent") or {}
    name, confidence, fell_back = intent.get("name"), float(intent.get("confidence") or 0), False
    if name == FALLBACK_INTENT:
        fell_back = True
        ranked = [r for r in parse.get("intent_ranking") or [] if r.get("name") != FALLBACK_INTENT]
        name, confidence = (ranked[0]["name"], float(ranked[0]["confidence"])) if ranked else (None, 0.0)
    reading = read_message(KNOWLEDGE, text)
    chosen = type_after_message(KNOWLEDGE, None, text, name, confidence, fell_back, reading.types,
                                reading.negated_types, INTENT_CONFIDENCE_THRESHOLD, reading.decisive_types,
                                reading.main_type)
    return chosen or "none"


async def _parse_all(model: Path, texts: List[str]) -> List[Dict[str, Any]]:
    import logging

    from rasa.core.agent import Agent
    from rasa.utils.common import configure_logging_and_warnings

    configure_logging_and_warnings(logging.WARNING)

    agent = Agent.load(str(model))
    return [await agent.parse_message(t) for t in texts]


def evaluate(model: Path) -> Dict[str, Dict[str, Any]]:
    results = {}
    for name, (path, origin) in SETS.items():
        file = ROOT / path
        if not file.exists():
            continue
        messages = yaml.safe_load(file.read_text("utf-8"))["messages"]
        parses = asyncio.run(_parse_all(model, [m["text"] for m in messages]))
        rows = [(m["text"], m["dispute_type"], decide(p, m["text"])) for m, p in zip(messages, parses)]
        disputes = [r for r in rows if r[1] != "none"]
        others = [r for r in rows if r[1] == "none"]
        results[name] = {
            "origin": origin,
            "messages": len(rows),
            "disputes": len(disputes),
            "others": len(others),
            "dispute_type_accuracy": sum(w == g for _, w, g in disputes) / len(disputes) if disputes else None,
            "others_left_unset": sum(g == "none" for *_, g in others) / len(others) if others else None,
            "overall": sum(w == g for _, w, g in rows) / len(rows),
            "misses": [{"text": t, "want": w, "got": g} for t, w, g in rows if w != g],
        }
    for name, (path, origin) in INTENT_SETS.items():
        messages = yaml.safe_load((ROOT / path).read_text("utf-8"))["messages"]
        parses = asyncio.run(_parse_all(model, [m["text"] for m in messages]))
        rows = [(m["text"], m["intent"], (p.get("intent") or {}).get("name")) for m, p in zip(messages, parses)]
        results[name] = {
            "origin": origin,
            "messages": len(rows),
            "intent_accuracy": sum(w == g for _, w, g in rows) / len(rows),
            "misses": [{"text": t, "want": w, "got": g} for t, w, g in rows if w != g],
        }
    return results


def check(results: Dict[str, Dict[str, Any]], gates: Dict[str, Dict[str, float]]) -> List[str]:
    failures = []
    for name, limits in gates.items():
        for key, minimum in limits.items():
            got = results.get(name, {}).get(key)
            if got is None or got < minimum:
                failures.append(f"{name}.{key}: {got} < {minimum}")
    return failures


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("model", type=Path)
    parser.add_argument("--write-gates", action="store_true", help="set each gate 2 points below this run")
    parser.add_argument("--out", type=Path, default=ROOT / "results" / "nlu_sets.json")
    args = parser.parse_args()
    results = evaluate(args.model)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
    print(f"{'set':16s} {'origin':6s} {'msgs':>5s} {'type acc (disputes)':>20s} {'non-disputes unset':>19s} {'overall':>8s}")
    for name, r in results.items():
        if "intent_accuracy" in r:
            print(f"{name:16s} {r['origin']:6s} {r['messages']:5d} {'intent acc ' + format(r['intent_accuracy'], '.3f'):>20s}")
            continue
        acc = "-" if r["dispute_type_accuracy"] is None else f"{r['dispute_type_accuracy']:.3f} of {r['disputes']}"
        unset = "-" if r["others_left_unset"] is None else f"{r['others_left_unset']:.3f} of {r['others']}"
        print(f"{name:16s} {r['origin']:6s} {r['messages']:5d} {acc:>20s} {unset:>19s} {r['overall']:8.3f}")
    print(f"(misses per set in {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out})")
    if args.write_gates:
        gates = yaml.safe_load(GATES.read_text("utf-8")) if GATES.exists() else {}
        for name, r in results.items():
            gates[name] = {k: round(max(0.0, r[k] - MARGIN), 3)
                           for k in ("dispute_type_accuracy", "others_left_unset", "intent_accuracy")
                           if r.get(k) is not None}
        GATES.write_text(GATES_HEADER + yaml.safe_dump(gates, sort_keys=False), "utf-8")
        print(f"gates written to {GATES.relative_to(ROOT)}")
        return 0
    gates = yaml.safe_load(GATES.read_text("utf-8")) if GATES.exists() else {}
    gates = {k: v for k, v in gates.items() if k in SETS or k in INTENT_SETS}
    failures = check(results, gates)
    for f in failures:
        print("FAILED gate:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
