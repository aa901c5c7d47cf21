"""The case file: cases, their facts, evidence and status history (a frozen copy of the schema
at this revision: a migration never imports the current tables).

Revision ID: 0001
Revises:
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cases",
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
    op.create_index("ix_cases_user_id", "cases", ["user_id"])
    op.create_index("ix_cases_updated_at", "cases", ["updated_at"])
    op.create_table(
        "case_facts",
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "case_evidence",
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("item", sa.String(64), primary_key=True),
        sa.Column("have", sa.Boolean, nullable=False),
    )
    op.create_table(
        "case_status_history",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.String(2000), nullable=False, server_default=""),
    )
    op.create_index("ix_case_status_history_case_id", "case_status_history", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_case_status_history_case_id", table_name="case_status_history")
    op.drop_table("case_status_history")
    op.drop_table("case_evidence")
    op.drop_table("case_facts")
    op.drop_index("ix_cases_updated_at", table_name="cases")
    op.drop_index("ix_cases_user_id", table_name="cases")
    op.drop_table("cases")
