"""`make purge` (scripts/purge.py) on the tracker store an endpoints file names, with the clock set."""
import asyncio
import subprocess
import sys
from pathlib import Path


from test_tracker_store import DOMAIN, conversation, stored
from storage.tracker_store import DAY_S, PrivacySQLTrackerStore

ROOT = Path(__file__).resolve().parents[2]


def test_make_purge_deletes_only_conversations_idle_past_the_retention(tmp_path):
    db = tmp_path / "trackers.db"
    store = PrivacySQLTrackerStore(DOMAIN, dialect="sqlite", db=str(db), retention_days=180)
    now = 1_800_000_000.0  # 2027-01-15
    asyncio.run(store.save(conversation("old", now - 200 * DAY_S)))
    asyncio.run(store.save(conversation("new", now - 10 * DAY_S)))
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(f'tracker_store:\n  type: storage.tracker_store.PrivacySQLTrackerStore\n'
                         f'  dialect: "sqlite"\n  db: "{db}"\n', encoding="utf-8")

    def purge(*args):
        return subprocess.run([sys.executable, str(ROOT / "scripts" / "purge.py"), "--endpoints", str(endpoints),
                               *args], capture_output=True, text=True, cwd=ROOT, timeout=120)

    out = purge("--now", "2027-01-15T08:00:00")
    assert out.returncode == 0, out.stderr
    assert "purged 1 conversations (6 events) and 0 cases" in out.stdout
    assert stored(store, "old") == 0 and stored(store, "new") == 6
    # the same day with a shorter retention takes the newer one too
    out = purge("--now", str(now), "--days", "5")
    assert "purged 1 conversations" in out.stdout and stored(store, "new") == 0
    store.engine.dispose()
