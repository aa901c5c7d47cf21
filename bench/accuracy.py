"""Held-out NLU accuracy of a model: `rasa test nlu` on tests/nlu/test_nlu.yml, scored by
scripts/nlu_report.py's summarize() (the same numbers `make test-nlu` prints).

A model the benchmark trained is fixed by the hash in its name, so its scores
are kept next to it (keyed by the test file's hash) and not recomputed on a
re-run. Any other model (--model, development) is scored into bench/out/ each time.
"""
import hashlib
import importlib.util
import json
import os
import subprocess
from pathlib import Path

from bench.training import MODELS, OUT, ROOT

TEST_DATA = ROOT / "tests" / "nlu" / "test_nlu.yml"


def _nlu_report():
    spec = importlib.util.spec_from_file_location("nlu_report", ROOT / "scripts" / "nlu_report.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def held_out_accuracy(model: Path, log) -> dict:
    test_hash = hashlib.sha256(TEST_DATA.read_bytes()).hexdigest()[:12]
    ours = model.parent == MODELS
    where = MODELS if ours else OUT / "dev-accuracy"
    where.mkdir(parents=True, exist_ok=True)
    stem = model.name.replace(".tar.gz", "")
    cache = where / f"{stem}.accuracy-{test_hash}.json"
    if ours and cache.exists():
        return json.loads(cache.read_text("utf-8"))
    out = where / f"{stem}-nlu-test"
    log(f"  rasa test nlu for {model.name}")
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", SQLALCHEMY_SILENCE_UBER_WARNING="1")
    with open(where / f"{stem}.test-nlu.log", "w") as logf:
        done = subprocess.run(
            [str(ROOT / ".venv" / "bin" / "rasa"), "test", "nlu", "--nlu", str(TEST_DATA),
             "--model", str(model), "--out", str(out), "--successes"],
            cwd=ROOT, env=env, stdout=logf, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        raise RuntimeError(f"rasa test nlu failed for {model.name}; see {logf.name}")
    summary = _nlu_report().summarize(out)
    summary = {k: round(v, 4) if isinstance(v, float) else v for k, v in summary.items()}
    cache.write_text(json.dumps(summary, indent=2), "utf-8")
    return summary
