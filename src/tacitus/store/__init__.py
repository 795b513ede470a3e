"""The SQL store (SQLite default, PostgreSQL by URL)."""

from tacitus.store.store import AddResult, Store

__all__ = ["AddResult", "Store"]
