"""`make purge`: delete every conversation and case with no activity for RETENTION_DAYS (default 180).

The Rasa server runs the same purge by itself every hour (storage/tracker_store.py);
this is for an operator, a cron job, or a server that was down. It uses the tracker
store endpoints.yml names (environment variables in it are filled in, as Rasa does)
and the case file CASES_DATABASE_URL names.

  python scripts/purge.py [--endpoints endpoints.yml] [--days N] [--now 2027-06-01T00:00:00]

--now sets the clock (ISO date/time or Unix seconds): what would be purged on that day.
"""
from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_now(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        when = datetime.fromisoformat(value)
        return (when if when.tzinfo else when.replace(tzinfo=timezone.utc)).timestamp()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoints", default=str(ROOT / "endpoints.yml"))
    parser.add_argument("--days", type=float, help="idle days (default: RETENTION_DAYS or 180)")
    parser.add_argument("--now", type=parse_now, help="the clock: ISO date/time or Unix seconds")
    args = parser.parse_args(argv)

    from rasa.core.utils import read_endpoints_from_path

    from advisor.privacy import retention_days
    from storage.case_store import purge_cases
    from storage.tracker_store import PrivacySQLTrackerStore, purge_inactive

    config = read_endpoints_from_path(args.endpoints).tracker_store
    if config is None or config.type not in ("sql", "SQL", "storage.tracker_store.PrivacySQLTrackerStore"):
        print(f"{args.endpoints}: the tracker store is not SQL; nothing to purge", file=sys.stderr)
        return 2
    days = retention_days() if args.days is None else args.days
    store = PrivacySQLTrackerStore(host=config.url, retention_days=days, **config.kwargs)
    try:
        now = args.now if args.now is not None else store.clock()
        conversations, events = purge_inactive(store.engine, store.events_table, now, days)
        cases = purge_cases(datetime.fromtimestamp(now, timezone.utc), days)
    finally:
        store.engine.dispose()
    if days <= 0:
        print("RETENTION_DAYS is 0: conversations are kept forever; nothing purged")
        return 0
    cutoff = datetime.fromtimestamp(now - days * 86_400, timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    print(f"purged {conversations} conversations ({events} events) and {cases} cases "
          f"with no activity since {cutoff}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
