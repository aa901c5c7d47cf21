"""Score the fact reader's `amount_yuan` and `days_since_receipt` on hand-labelled real messages.

Usage: python scripts/eval_amounts_days.py [--file FILE] [--min-amount X] [--min-days X]
(default file: tests/nlu/amounts_days.yml). Each message is read as free text
(`read_message(k, text)`, no question asked). For each slot it prints the
overall accuracy (right = the same number within 0.01, or both null), the
recall on messages labelled with a value, the false positives on messages
labelled null, and every miss. Exits 1 when an accuracy is below its minimum.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from advisor.facts import read_message  # noqa: E402
from advisor.knowledge import default_knowledge  # noqa: E402

DEFAULT_FILE = ROOT / "tests" / "nlu" / "amounts_days.yml"
SLOTS = ("amount_yuan", "days_since_receipt")
TOLERANCE = 0.01


@dataclass
class SlotScore:
    slot: str
    total: int = 0
    right: int = 0
    labelled: int = 0  # messages labelled with a value
    found: int = 0  # of those, read right
    unlabelled: int = 0  # messages labelled null
    false_positives: int = 0  # of those, read as a value anyway
    misses: List[Dict[str, Any]] = None

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.labelled if self.labelled else 0.0

    @property
    def fp_rate(self) -> float:
        return self.false_positives / self.unlabelled if self.unlabelled else 0.0


def same(want: Optional[float], got: Optional[float]) -> bool:
    if want is None or got is None:
        return want is None and got is None
    return abs(float(want) - float(got)) <= TOLERANCE


def load(path: Path = DEFAULT_FILE) -> List[Dict[str, Any]]:
    return yaml.safe_load(path.read_text("utf-8"))["messages"]


def score(messages: List[Dict[str, Any]]) -> Dict[str, SlotScore]:
    k = default_knowledge()
    scores = {slot: SlotScore(slot, misses=[]) for slot in SLOTS}
    for m in messages:
        slots = read_message(k, m["text"]).slots
        for slot in SLOTS:
            s = scores[slot]
            want, got = m.get(slot), slots.get(slot)
            ok = same(want, got)
            s.total += 1
            s.right += ok
            if want is None:
                s.unlabelled += 1
                s.false_positives += got is not None
            else:
                s.labelled += 1
                s.found += ok
            if not ok:
                s.misses.append({"text": m["text"], "source": m.get("source"), "want": want, "got": got})
    return scores


def _fmt(v: Optional[float]) -> str:
    if v is None:
        return "null"
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def report(scores: Dict[str, SlotScore], show_misses: bool = True) -> None:
    for s in scores.values():
        print(f"{s.slot}: accuracy {s.right}/{s.total} = {s.accuracy:.3f}; "
              f"recall {s.found}/{s.labelled} = {s.recall:.3f}; "
              f"false positives {s.false_positives}/{s.unlabelled} = {s.fp_rate:.3f}")
    if not show_misses:
        return
    for s in scores.values():
        print(f"\n{s.slot} misses ({len(s.misses)}):")
        kinds = (("missed or wrong (labelled)", lambda x: x["want"] is not None),
                 ("false positive (labelled null)", lambda x: x["want"] is None))
        for title, pick in kinds:
            rows = [x for x in s.misses if pick(x)]
            if not rows:
                continue
            print(f"  {title}: {len(rows)}")
            for x in rows:
                print(f"    want {_fmt(x['want']):>7}  got {_fmt(x['got']):>7}  [{x['source']}] {x['text']}")


def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--file", type=Path, default=DEFAULT_FILE)
    p.add_argument("--min-amount", type=float, default=None, help="exit 1 if amount accuracy is below")
    p.add_argument("--min-days", type=float, default=None, help="exit 1 if days accuracy is below")
    p.add_argument("--quiet", action="store_true", help="figures only, no list of misses")
    a = p.parse_args(argv)
    scores = score(load(a.file))
    report(scores, show_misses=not a.quiet)
    failed = False
    for slot, minimum in (("amount_yuan", a.min_amount), ("days_since_receipt", a.min_days)):
        if minimum is not None and scores[slot].accuracy < minimum:
            print(f"FAIL: {slot} accuracy {scores[slot].accuracy:.3f} < {minimum}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
