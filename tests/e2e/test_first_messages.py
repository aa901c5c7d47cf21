"""The dispute type a shopper's first message gets, on a set written apart from the training data."""
from pathlib import Path

import yaml

from scripts.eval_first_messages import evaluate

SET = Path(__file__).resolve().parents[1] / "nlu" / "first_messages.yml"


def test_first_messages_get_the_right_dispute_type(servers):
    messages = yaml.safe_load(SET.read_text("utf-8"))["messages"]
    rows = evaluate(servers, messages)
    misses = [(want, got, text) for text, want, got in rows if want != got]
    accuracy = 1 - len(misses) / len(rows)
    print(f"first-message dispute_type accuracy: {accuracy:.3f} ({len(rows)} messages)")
    assert accuracy >= 0.9, misses
    # messages that describe no problem must leave the slot unset
    nones = [r for r in rows if r[1] == "none"]
    assert sum(got != "none" for _, _, got in nones) <= 2, [r for r in nones if r[2] != "none"]
