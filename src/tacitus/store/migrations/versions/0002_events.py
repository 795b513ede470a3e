"""Analyses and events, with participants indexed for filtering.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _doc_fk() -> sa.ForeignKey:
    return sa.ForeignKey("documents.id", ondelete="CASCADE")


def upgrade() -> None:
    op.create_table(
        "analyses",
        sa.Column("doc_id", sa.String(40), _doc_fk(), primary_key=True),
        sa.Column("pipeline_version", sa.String(40), nullable=False),
        sa.Column("events", sa.Integer, nullable=False),
        sa.Column("analysed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("doc_id", sa.String(40), _doc_fk(), primary_key=True),
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("mode", sa.String(40)),
        sa.Column("factuality", sa.String(16), nullable=False),
        sa.Column("date_start", sa.String(10)),
        sa.Column("date_end", sa.String(10)),
        sa.Column("location", sa.String(16)),
        sa.Column("first_offset", sa.Integer, nullable=False),
        sa.Column("record", sa.Text, nullable=False),
    )
    op.create_index("ix_events_type", "events", ["type"])
    op.create_index("ix_events_date_start", "events", ["date_start"])
    op.create_table(
        "event_participants",
        sa.Column("doc_id", sa.String(40), primary_key=True),
        sa.Column("event_id", sa.String(40), primary_key=True),
        sa.Column("role", sa.String(10), primary_key=True),
        sa.Column("code", sa.String(16), primary_key=True),
    )
    op.create_index("ix_event_participants_code", "event_participants", ["code", "role"])


def downgrade() -> None:
    for table in ("event_participants", "events", "analyses"):
        op.drop_table(table)
