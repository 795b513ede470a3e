"""The knowledge base: states, organisations, people with terms of office, outlets (data files)."""

from tacitus.kb.outlets import Outlet, OutletIndex, load_outlets

__all__ = ["Outlet", "OutletIndex", "load_outlets"]
