"""Stories and fused events: the corpus-level result of fusion, replaced as a whole.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stories",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("rank", sa.Integer, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("first_date", sa.String(10)),
        sa.Column("last_date", sa.String(10)),
        sa.Column("documents", sa.Integer, nullable=False),
        sa.Column("independent_sources", sa.Integer, nullable=False),
        sa.Column("events", sa.Integer, nullable=False),
        sa.Column("record", sa.Text, nullable=False),
    )
    op.create_index("ix_stories_rank", "stories", ["rank"])
    op.create_table(
        "story_documents",
        sa.Column("story_id", sa.String(40), primary_key=True),
        sa.Column("doc_id", sa.String(40), primary_key=True),
    )
    op.create_index("ix_story_documents_doc", "story_documents", ["doc_id"])
    op.create_table(
        "fusions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("pipeline_version", sa.String(40), nullable=False),
        sa.Column("documents", sa.Integer, nullable=False),
        sa.Column("stories", sa.Integer, nullable=False),
        sa.Column("fused_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    for table in ("fusions", "story_documents", "stories"):
        op.drop_table(table)
