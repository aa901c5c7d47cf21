"""Play the simulated shoppers of tests/shoppers/shoppers.yml against a running assistant.

Each shopper sends its first message, then answers whatever the assistant asks
(`requested_slot` in the tracker) with its own free-text reply, never a
button payload, until the advice comes or nothing is asked. Then the final
slots, the recommendation, the evidence that must not be asked and the words
the answers must contain are checked.

Usage: python scripts/shoppers.py [URL] [FILE | dev]   (prints a summary and every miss; "dev" plays
every dev shoppers' file)
"""
from __future__ import annotations

import re
import statistics
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional

import requests
import yaml
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts.api_access import api_params  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHOPPERS = ROOT / "tests" / "shoppers" / "shoppers.yml"
MAX_TURNS = 14
# what a shopper says to a question its script has no answer for
NO_IDEA = "不太清楚"


@dataclass
class Result:
    name: str
    turns: int = 0  # user messages sent
    sent: List[str] = field(default_factory=list)  # what the shopper typed, in order
    turns_to_advice: Optional[int] = None
    repeated: int = 0  # assistant messages that repeated an earlier one word for word
    problems: List[str] = field(default_factory=list)
    slots: Dict[str, Any] = field(default_factory=dict)

    @property
    def understood(self) -> bool:
        return not self.problems


def _typed(res: "Result", text: str) -> str:
    res.sent.append(text)
    return text


def _say(url: str, sender: str, text: str) -> List[str]:
    r = requests.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60)
    r.raise_for_status()
    return [m.get("text") or "" for m in r.json()]


def _slots(url: str, sender: str) -> Dict[str, Any]:
    r = requests.get(f"{url}/conversations/{sender}/tracker", params=api_params(), timeout=30)
    r.raise_for_status()
    return r.json()["slots"]


def _same(want: Any, got: Any) -> bool:
    if isinstance(want, (int, float)) and not isinstance(want, bool) and isinstance(got, (int, float)):
        return abs(float(want) - float(got)) < 1e-6
    return want == got


def play(url: str, shopper: Dict[str, Any], evidence_names: Dict[str, str]) -> Result:
    res = Result(shopper["name"])
    sender = f"shopper-{uuid.uuid4().hex[:10]}"
    replies = shopper.get("replies") or {}
    expect = shopper.get("expect") or {}
    said: List[str] = []
    evidence_questions: List[str] = []  # what the assistant said when it then waited for evidence
    first_reply = _say(url, sender, _typed(res, shopper["first"]))
    res.turns = 1
    said += first_reply
    slots = _slots(url, sender)
    if slots.get("requested_slot") == "evidence_item":
        evidence_questions += first_reply
    while slots.get("recommendation") is None and slots.get("requested_slot") and res.turns < MAX_TURNS:
        asked = slots["requested_slot"]
        if asked not in replies:
            res.problems.append(f"asked {asked}, which the shopper's facts should have answered")
        answer = _say(url, sender, _typed(res, replies.get(asked, NO_IDEA)))
        said += answer
        res.turns += 1
        slots = _slots(url, sender)
        if slots.get("requested_slot") == "evidence_item":
            evidence_questions += answer
    if slots.get("recommendation") is not None:
        res.turns_to_advice = res.turns
    res.slots = slots
    seen = set()
    for text in said:
        if text in seen:
            res.repeated += 1
        seen.add(text)
    if res.repeated:
        res.problems.append(f"{res.repeated} repeated message(s)")
    for slot, want in (expect.get("slots") or {}).items():
        if not _same(want, slots.get(slot)):
            res.problems.append(f"{slot}: want {want!r}, got {slots.get(slot)!r}")
    want_rec = expect.get("recommendation")
    if want_rec and slots.get("recommendation") != want_rec:
        res.problems.append(f"recommendation: want {want_rec}, got {slots.get('recommendation')}")
    if not want_rec and slots.get("recommendation"):
        res.problems.append(f"advice given to a non-dispute: {slots.get('recommendation')}")
    everything = "\n".join(said)
    asked_text = "\n".join(evidence_questions)
    for item in expect.get("not_asked") or ():
        # an evidence question lists its items as "N. name：how"
        if re.search(r"\d+\. " + re.escape(evidence_names[item]) + "：", asked_text):
            res.problems.append(f"evidence not fitting the case was asked: {item}")
    for word in expect.get("advice_contains") or ():
        if word not in everything:
            res.problems.append(f"answers lack {word!r}")
    for word in expect.get("reply_contains") or ():
        if word not in "\n".join(first_reply):
            res.problems.append(f"first answer lacks {word!r}")
    limit = expect.get("max_turns")
    if limit and (res.turns_to_advice or MAX_TURNS) > limit:
        res.problems.append(f"advice after {res.turns_to_advice} turns, want ≤ {limit}")
    return res


def load(path: Path = SHOPPERS) -> List[Dict[str, Any]]:
    return yaml.safe_load(path.read_text("utf-8"))["shoppers"]


def dev_files() -> List[Path]:
    """The dev shoppers' files (tuned on, a regression suite), in round order: the first is
    dev_shoppers.yml, then the ones that continue it (dev_shoppers_dev40_on.yml,
    dev_shoppers_dev72_on.yml: their names sort in the order of the round they start at)."""
    return sorted(SHOPPERS.parent.glob("dev_shoppers*.yml"))


def load_dev() -> List[Dict[str, Any]]:
    return [s for path in dev_files() for s in load(path)]


def evidence_names() -> Dict[str, str]:
    from advisor.knowledge import default_knowledge

    return {i: item.name for i, item in default_knowledge().evidence_items.items()}


def play_all(url: str, shoppers: List[Dict[str, Any]]) -> List[Result]:
    names = evidence_names()
    return [play(url, s, names) for s in shoppers]


def summary(results: List[Result]) -> Dict[str, Any]:
    advised = [r.turns_to_advice for r in results if r.turns_to_advice is not None]
    return {
        "shoppers": len(results),
        "understood": sum(r.understood for r in results),
        "understood_share": sum(r.understood for r in results) / len(results),
        "median_turns_to_advice": statistics.median(advised) if advised else None,
        "repeated_messages": sum(r.repeated for r in results),
    }


def report(results: List[Result]) -> str:
    s = summary(results)
    lines = [
        f"simulated shoppers: {s['understood']}/{s['shoppers']} fully understood "
        f"({s['understood_share']:.1%}); median turns to advice {s['median_turns_to_advice']}; "
        f"repeated messages {s['repeated_messages']}"
    ]
    for r in results:
        if r.problems:
            lines.append(f"  MISS {r.name}: " + "; ".join(r.problems))
    return "\n".join(lines)


def main() -> int:
    url = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:5005"
    which = sys.argv[2] if len(sys.argv) > 2 else None
    shoppers = load_dev() if which == "dev" else load(Path(which) if which else SHOPPERS)
    print(report(play_all(url, shoppers)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
