"""The SQL store (SQLite default, PostgreSQL by URL)."""

from tacitus.store.store import AddResult, EventFilter, Store

__all__ = ["AddResult", "EventFilter", "Store"]
