"""The local PostgreSQL the database tests run against as well as SQLite (trust auth,
database test; the machine starts it before a session).

Each test run works in a schema of its own (dropped at the end), so two runs at once
(a CI clone and a local run) never see each other's tables.
"""
import atexit
import os
import uuid

import pytest
import sqlalchemy as sa

SERVER_URL = "postgresql://postgres@127.0.0.1:5432/test"
SCHEMA = f"run_{os.getpid()}_{uuid.uuid4().hex[:8]}"
# every connection of this run resolves table names in its own schema
SEARCH_PATH = {"options": f"-csearch_path={SCHEMA}"}
PG_URL = f"{SERVER_URL}?options=-csearch_path%3D{SCHEMA}"
_created = []


def require_postgres() -> None:
    """Fail (never skip) when PostgreSQL is down: a skipped database test proves nothing.
    Creates this run's schema on first use."""
    engine = sa.create_engine(SERVER_URL)
    try:
        with engine.begin() as c:
            c.execute(sa.text("SELECT 1"))
            if not _created:
                c.execute(sa.text(f'CREATE SCHEMA IF NOT EXISTS "{SCHEMA}"'))
                _created.append(SCHEMA)
                atexit.register(_drop_schema)
    except sa.exc.OperationalError:
        pytest.fail("PostgreSQL at 127.0.0.1:5432 (database test) is not running: start it, see README")
    finally:
        engine.dispose()


def _drop_schema() -> None:
    engine = sa.create_engine(SERVER_URL)
    try:
        with engine.begin() as c:
            c.execute(sa.text(f'DROP SCHEMA IF EXISTS "{SCHEMA}" CASCADE'))
    finally:
        engine.dispose()
