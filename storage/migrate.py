"""Apply the case database's Alembic migrations: `python -m storage.migrate [upgrade|downgrade] [REV]`.

`make run`, the tests and the cluster set-up call upgrade to head. The URL is
CASES_DATABASE_URL (default: a SQLite file in the git-ignored .run/ folder).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = f"sqlite:///{ROOT / '.run' / 'cases.db'}"


def database_url(env=os.environ) -> str:
    return env.get("CASES_DATABASE_URL", "").strip() or DEFAULT_URL


def _config(url: str):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def _prepare(url: str) -> None:
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)


def upgrade(url: str | None = None, revision: str = "head") -> None:
    from alembic import command

    url = url or database_url()
    _prepare(url)
    command.upgrade(_config(url), revision)


def downgrade(url: str | None = None, revision: str = "base") -> None:
    from alembic import command

    command.downgrade(_config(url or database_url()), revision)


def main(argv: list) -> int:
    action = argv[0] if argv else "upgrade"
    revision = argv[1] if len(argv) > 1 else ("head" if action == "upgrade" else "base")
    if action not in ("upgrade", "downgrade"):
        print("usage: python -m storage.migrate [upgrade|downgrade] [REVISION]", file=sys.stderr)
        return 2
    (upgrade if action == "upgrade" else downgrade)(None, revision)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
