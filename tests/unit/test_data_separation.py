"""Every evaluation set stays out of the training data: no message of
tests/nlu/*.yml or of the simulated shoppers appears in data/nlu, even with
other spacing or punctuation."""
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _norm(text: str) -> str:
    return re.sub(r"[\W_]+", "", str(text)).lower()


def _training():
    texts = set()
    for f in (ROOT / "data" / "nlu").glob("*.yml"):
        for block in yaml.safe_load(f.read_text("utf-8")).get("nlu") or []:
            for line in (block.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    texts.add(_norm(line[2:]))
    return texts


def _evaluation():
    out = []
    for f in (ROOT / "tests" / "nlu").glob("*.yml"):
        data = yaml.safe_load(f.read_text("utf-8")) or {}
        out += [(f.name, m["text"]) for m in data.get("messages") or []]
        for block in data.get("nlu") or []:
            out += [(f.name, line.strip()[2:]) for line in (block.get("examples") or "").splitlines()
                    if line.strip().startswith("- ")]
    for path in sorted((ROOT / "tests" / "shoppers").glob("*.yml")):  # shoppers.yml and the dev shoppers' files
        name = path.name
        shoppers = yaml.safe_load(path.read_text("utf-8"))["shoppers"]
        for s in shoppers:
            out.append((name, s["first"]))
            out += [(name, r) for r in (s.get("replies") or {}).values()]
    return out


def test_no_evaluation_message_is_in_the_training_data():
    training = _training()
    # very short replies ("好的", "没有") are everyday words, not leaked messages
    leaked = [(f, t) for f, t in _evaluation() if len(_norm(t)) > 6 and _norm(t) in training]
    assert not leaked, leaked[:20]
