"""Exporters: write event records as JSON Lines, JSON, CSV, PLOVER JSON or a GDELT-style table.

    from tacitus.export import DocumentInfo, write_events
    infos = {d.name: DocumentInfo.from_document(d) for d in documents}
    count = write_events(events, sys.stdout, "plover", documents=infos)

See `tacitus.export.writers` for the formats and the PLOVER fields used.
"""

from tacitus.export.writers import (
    CSV_COLUMNS,
    FORMATS,
    GDELT_COLUMNS,
    DocumentInfo,
    is_state,
    write_events,
)

__all__ = ["CSV_COLUMNS", "FORMATS", "GDELT_COLUMNS", "DocumentInfo", "is_state", "write_events"]
