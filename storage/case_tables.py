"""The case database's tables (SQLAlchemy Core, 2.0-style; Rasa pins SQLAlchemy 1.4).

cases: one row per case, with a version column for optimistic locking;
case_facts: one row per fact (a case slot), its value as JSON text;
case_evidence: one row per evidence item, have or missing;
case_status_history: every change of status, with a note.
The schema is created and changed by Alembic only (storage/migrations).
"""
import sqlalchemy as sa

metadata = sa.MetaData()

cases = sa.Table(
    "cases", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("user_id", sa.String(255), nullable=False),
    sa.Column("number", sa.Integer, nullable=False),
    sa.Column("status", sa.String(32), nullable=False, server_default="open"),
    sa.Column("title", sa.String(2000), nullable=False, server_default=""),
    sa.Column("recommendation", sa.String(64)),
    sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("user_id", "number", name="uq_cases_user_number"),
)
sa.Index("ix_cases_user_id", cases.c.user_id)
sa.Index("ix_cases_updated_at", cases.c.updated_at)

case_facts = sa.Table(
    "case_facts", metadata,
    sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),  # JSON
)

case_evidence = sa.Table(
    "case_evidence", metadata,
    sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("item", sa.String(64), primary_key=True),
    sa.Column("have", sa.Boolean, nullable=False),
)

case_status_history = sa.Table(
    "case_status_history", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
    sa.Column("status", sa.String(32), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("note", sa.String(2000), nullable=False, server_default=""),
)
sa.Index("ix_case_status_history_case_id", case_status_history.c.case_id)
