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

# One analysis per document: the pipeline version that produced the stored events.
analyses = Table(
    "analyses",
    metadata,
    Column("doc_id", String(40), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("pipeline_version", String(40), nullable=False),
    Column("events", Integer, nullable=False),
    Column("analysed_at", DateTime(timezone=True), nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("doc_id", String(40), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("id", String(40), primary_key=True),
    Column("type", String(16), nullable=False),
    Column("mode", String(40)),
    Column("factuality", String(16), nullable=False),
    Column("date_start", String(10)),
    Column("date_end", String(10)),
    Column("location", String(16)),
    Column("first_offset", Integer, nullable=False),
    Column("record", Text, nullable=False),  # the event as JSON (Event.to_dict)
    Index("ix_events_type", "type"),
    Index("ix_events_date_start", "date_start"),
)

# Participants in their own table so filters by actor or dyad use an index.
event_participants = Table(
    "event_participants",
    metadata,
    Column("doc_id", String(40), primary_key=True),
    Column("event_id", String(40), primary_key=True),
    Column("role", String(10), primary_key=True),  # actor | recipient
    Column("code", String(16), primary_key=True),
    Index("ix_event_participants_code", "code", "role"),
)

# Stories are the corpus-level result of fusion: replaced as a whole by `Store.save_stories`.
stories = Table(
    "stories",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("rank", Integer, nullable=False),  # 0 = the best supported story
    Column("title", Text),
    Column("first_date", String(10)),
    Column("last_date", String(10)),
    Column("documents", Integer, nullable=False),
    Column("independent_sources", Integer, nullable=False),
    Column("events", Integer, nullable=False),
    Column("record", Text, nullable=False),  # the story as JSON (Story.to_dict)
    Index("ix_stories_rank", "rank"),
)

story_documents = Table(
    "story_documents",
    metadata,
    Column("story_id", String(40), primary_key=True),
    Column("doc_id", String(40), primary_key=True),
    Index("ix_story_documents_doc", "doc_id"),
)

# One row per fusion run: which pipeline version produced the stored stories, over how much.
fusions = Table(
    "fusions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("pipeline_version", String(40), nullable=False),
    Column("documents", Integer, nullable=False),
    Column("stories", Integer, nullable=False),
    Column("fused_at", DateTime(timezone=True), nullable=False),
)
