"""Documents, their sources, removed boilerplate, LSH bands and near-copy links.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _doc_fk() -> sa.ForeignKey:
    return sa.ForeignKey("documents.id", ondelete="CASCADE")


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("agency", sa.Text),
        sa.Column("author", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("bound_after", sa.Date),
        sa.Column("bound_before", sa.Date),
        sa.Column("bound_reason", sa.Text),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("encoding", sa.String(40), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("words", sa.Integer, nullable=False),
        sa.Column("flags", sa.Text, nullable=False),
        sa.Column("fingerprint", sa.LargeBinary, nullable=False),
        sa.Column("pipeline_version", sa.String(40), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_documents_name", "documents", ["name"])
    op.create_index("ix_documents_published", "documents", ["published"])
    op.create_table(
        "document_sources",
        sa.Column("doc_id", sa.String(40), _doc_fk(), primary_key=True),
        sa.Column("source", sa.Text, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
    )
    op.create_index("ix_document_sources_name", "document_sources", ["name"])
    op.create_table(
        "removed_spans",
        sa.Column("doc_id", sa.String(40), _doc_fk(), primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("start_offset", sa.Integer, nullable=False),
        sa.Column("end_offset", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("reason", sa.String(40), nullable=False),
    )
    op.create_table(
        "document_bands",
        sa.Column("band_key", sa.BigInteger, primary_key=True),
        sa.Column("doc_id", sa.String(40), _doc_fk(), primary_key=True),
    )
    op.create_index("ix_document_bands_doc", "document_bands", ["doc_id"])
    op.create_table(
        "copies",
        sa.Column("doc_id", sa.String(40), _doc_fk(), primary_key=True),
        sa.Column("copy_of", sa.String(40), _doc_fk(), primary_key=True),
        sa.Column("similarity", sa.Float, nullable=False),
    )
    op.create_index("ix_copies_copy_of", "copies", ["copy_of"])


def downgrade() -> None:
    for table in ("copies", "document_bands", "removed_spans", "document_sources", "documents"):
        op.drop_table(table)
