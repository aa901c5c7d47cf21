"""The local PostgreSQL the database tests run against as well as SQLite (trust auth,
database test; the machine starts it before a session)."""
import pytest
import sqlalchemy as sa

PG_URL = "postgresql://postgres@127.0.0.1:5432/test"


def require_postgres() -> None:
    """Fail (never skip) when PostgreSQL is down: a skipped database test proves nothing."""
    engine = sa.create_engine(PG_URL)
    try:
        with engine.connect() as c:
            c.execute(sa.text("SELECT 1"))
    except Exception:
        pytest.fail("PostgreSQL at 127.0.0.1:5432 (database test) is not running: start it, see README")
    finally:
        engine.dispose()
