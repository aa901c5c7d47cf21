"""Alembic environment of the case database: the URL comes from storage/migrate.py."""
from alembic import context
from sqlalchemy import create_engine

from storage.case_tables import metadata

url = context.config.get_main_option("sqlalchemy.url")
engine = create_engine(url, future=True)
with engine.connect() as connection:
    # batch mode: SQLite can't ALTER most things in place
    context.configure(connection=connection, target_metadata=metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()
engine.dispose()
