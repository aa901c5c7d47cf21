"""Train a model for the benchmark, timed, and cache it by a hash of its inputs.

Models go to bench/out/models/<name>-<hash>.tar.gz with <name>-<hash>.json
beside them holding the measured training time, so a re-run of `make bench`
reuses them and a fresh clone trains what is missing. Each training gets an
empty Rasa cache directory: a warm `.rasa/cache` would make the time a lie.
"""
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
MODELS = OUT / "models"


def _files(paths):
    for p in paths:
        p = ROOT / p
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file() and f.suffix != ".pyc"
                              and "__pycache__" not in f.parts)
        elif p.is_file():
            yield p


def inputs_hash(config: str, inputs) -> str:
    """Hash of the config, every input file (path and bytes) and the Rasa version."""
    import rasa

    h = hashlib.sha256(f"rasa {rasa.__version__}\n".encode())
    for f in _files([config, *inputs]):
        h.update(str(f.relative_to(ROOT)).encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()[:12]


def trained_model(name: str, config: str, inputs, log) -> dict:
    """Return {"path", "train_seconds", "size_bytes", "cached"}, training only if missing."""
    digest = inputs_hash(config, inputs)
    model = MODELS / f"{name}-{digest}.tar.gz"
    meta_path = MODELS / f"{name}-{digest}.json"
    if model.exists() and meta_path.exists():
        meta = json.loads(meta_path.read_text("utf-8"))
        return {"path": model, "train_seconds": meta["train_seconds"],
                "size_bytes": model.stat().st_size, "cached": True}

    MODELS.mkdir(parents=True, exist_ok=True)
    log(f"training {name} ({config}); this is timed and cached as {model.name}")
    with tempfile.TemporaryDirectory(dir=OUT) as tmp:
        env = dict(os.environ, RASA_CACHE_DIRECTORY=str(Path(tmp) / "cache"),
                   TF_CPP_MIN_LOG_LEVEL="2", SQLALCHEMY_SILENCE_UBER_WARNING="1")
        cmd = [str(ROOT / ".venv" / "bin" / "rasa"), "train", "--config", config,
               "--domain", "domain.yml", "--data", "data", "--out", tmp,
               "--fixed-model-name", "model"]
        with open(OUT / f"train-{name}.log", "w") as out:
            start = time.perf_counter()
            done = subprocess.run(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
            seconds = time.perf_counter() - start
        if done.returncode != 0:
            raise RuntimeError(f"training {name} failed; see bench/out/train-{name}.log")
        shutil.move(str(Path(tmp) / "model.tar.gz"), model)
    meta_path.write_text(json.dumps({"train_seconds": round(seconds, 1), "config": config,
                                     "inputs_hash": digest}, indent=2), "utf-8")
    return {"path": model, "train_seconds": round(seconds, 1),
            "size_bytes": model.stat().st_size, "cached": False}


def reused_model(path: Path, config: str, inputs) -> dict:
    """A model trained earlier (`make bench --reuse`): its recorded training time, and whether
    it was trained on today's inputs or on an earlier snapshot (the report says which)."""
    meta_path = path.with_suffix("").with_suffix(".json")
    meta = json.loads(meta_path.read_text("utf-8")) if meta_path.is_file() else {}
    # compared with the config it was trained with (say --baseline-epochs' copy); unknown
    # (None) when that file is not here to hash
    trained_with = meta.get("config", config)
    same = meta.get("inputs_hash") == inputs_hash(trained_with, inputs) if (ROOT / trained_with).is_file() else None
    return {"path": path, "train_seconds": meta.get("train_seconds"),
            "size_bytes": path.stat().st_size, "cached": True,
            "inputs_hash": meta.get("inputs_hash"), **({"config": meta["config"]} if "config" in meta else {}),
            "same_inputs": same}


def with_epochs(config: str, epochs: int) -> str:
    """A copy of `config` (under bench/out/) with every policy and component trained for
    `epochs` epochs; its path relative to the project, for trained_model."""
    import yaml

    data = yaml.safe_load((ROOT / config).read_text("utf-8"))
    for part in (*data.get("pipeline", []), *data.get("policies", [])):
        if "epochs" in part:
            part["epochs"] = epochs
    out = OUT / f"{Path(config).stem}-{epochs}-epochs.yml"
    OUT.mkdir(parents=True, exist_ok=True)
    out.write_text(f"# {config} with {epochs} epochs (make bench --baseline-epochs)\n"
                   + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return str(out.relative_to(ROOT))
