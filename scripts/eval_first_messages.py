"""Send each labelled first message to a running assistant over REST and score `dispute_type`.

Usage: python scripts/eval_first_messages.py [URL] [FILE]
(defaults: http://127.0.0.1:5005, tests/nlu/first_messages.yml). Each message
starts its own conversation, so this measures exactly what a shopper's first
message does to the slot, keyword backup included.
"""
import sys
import uuid
from collections import Counter
from pathlib import Path

import requests
import yaml
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts.api_access import api_params  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def evaluate(url: str, messages):
    rows = []
    for m in messages:
        sender = f"eval-{uuid.uuid4().hex[:10]}"
        requests.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": m["text"]},
                      timeout=60).raise_for_status()
        slots = requests.get(f"{url}/conversations/{sender}/tracker", params=api_params(), timeout=30).json()["slots"]
        got = slots.get("dispute_type") or "none"
        rows.append((m["text"], m["dispute_type"], got))
    return rows


def main() -> int:
    url = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:5005"
    path = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "tests" / "nlu" / "first_messages.yml"
    messages = yaml.safe_load(path.read_text("utf-8"))["messages"]
    rows = evaluate(url, messages)
    right = sum(want == got for _, want, got in rows)
    per = Counter(want for _, want, _ in rows)
    ok = Counter(want for _, want, got in rows if want == got)
    print(f"dispute_type accuracy: {right}/{len(rows)} = {right / len(rows):.3f}")
    for label in sorted(per):
        print(f"  {label:18s} {ok[label]:3d}/{per[label]}")
    for text, want, got in rows:
        if want != got:
            print(f"  MISS want={want} got={got}: {text[:70]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
