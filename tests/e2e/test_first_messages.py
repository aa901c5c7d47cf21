"""The dispute type a shopper's first message gets, over the REST channel, on every
evaluation set (ours and real text), against the same gates as `make test-nlu`."""
import yaml

from scripts.eval_first_messages import evaluate
from scripts.nlu_sets import GATES, ROOT, SETS


def test_first_messages_get_the_right_dispute_type(servers):
    gates = yaml.safe_load(GATES.read_text("utf-8"))
    failures, lines = [], []
    for name, (path, origin) in SETS.items():
        messages = yaml.safe_load((ROOT / path).read_text("utf-8"))["messages"]
        rows = evaluate(servers, messages)
        disputes = [r for r in rows if r[1] != "none"]
        others = [r for r in rows if r[1] == "none"]
        got = {
            "dispute_type_accuracy": sum(w == g for _, w, g in disputes) / len(disputes) if disputes else None,
            "others_left_unset": sum(g == "none" for *_, g in others) / len(others) if others else None,
        }
        lines.append(f"{name} ({origin}): {got}")
        for key, minimum in (gates.get(name) or {}).items():
            if got[key] is None or got[key] < minimum:
                failures.append(f"{name}.{key} {got[key]} < {minimum}")
    print("\n" + "\n".join(lines))
    assert not failures, failures
