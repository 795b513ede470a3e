"""The store's tables (SQLAlchemy Core). Migrations in `migrations/` create and evolve them."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("name", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("title", Text),
    Column("outlet", Text),
    Column("agency", Text),
    Column("author", Text),
    Column("url", Text),
    Column("published", Date),
    Column("bound_after", Date),
    Column("bound_before", Date),
    Column("bound_reason", Text),
    Column("language", String(8), nullable=False),
    Column("encoding", String(40), nullable=False),
    Column("text", Text, nullable=False),
    Column("words", Integer, nullable=False),
    Column("flags", Text, nullable=False),  # JSON list of strings
    Column("fingerprint", LargeBinary, nullable=False),
    Column("pipeline_version", String(40), nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Index("ix_documents_name", "name"),
    Index("ix_documents_published", "published"),
)

# Every source that produced a document: the same article from two files is one document
# with two names, so nothing the user gave is forgotten.
document_sources = Table(
    "document_sources",
    metadata,
    Column("doc_id", String(40), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("source", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Index("ix_document_sources_name", "name"),
)

removed_spans = Table(
    "removed_spans",
    metadata,
    Column("doc_id", String(40), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("start_offset", Integer, nullable=False),
    Column("end_offset", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("reason", String(40), nullable=False),
)

# MinHash LSH bands: documents sharing a band key are candidate near-copies.
document_bands = Table(
    "document_bands",
    metadata,
    Column("band_key", BigInteger, primary_key=True),
    Column("doc_id", String(40), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_document_bands_doc", "doc_id"),
)

copies = Table(
    "copies",
    metadata,
    Column("doc_id", String(40), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("copy_of", String(40), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("similarity", Float, nullable=False),
    Index("ix_copies_copy_of", "copy_of"),
)
