"""Query parameters shared by the JSON API and the pages, validated into coded errors.

Every value arrives as text and is checked here, so a bad value is a 422 with a message that
names the parameter ([E401]), never an exception from deeper down.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from fastapi import Query

from tacitus.errors import BadParameter
from tacitus.ontology import Ontology
from tacitus.records import FACTUALITY
from tacitus.store.search import DOCUMENT_SORTS, EVENT_SORTS, MAX_QUERY_CHARS, EventQuery

MAX_LIMIT = 500
MAX_OFFSET = 10_000_000
# Actor codes: ISO3, organisation and group codes, Phoenix codes (letters, digits, underscore).
_CODE = re.compile(r"[A-Z0-9_]{1,24}")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_OUTLET_CHARS = 200


def event_types() -> list[str]:
    """The PLOVER types the ontology knows, sorted."""
    return sorted(Ontology.default().types)


def code(value: str | None, param: str) -> str | None:
    """An actor code, upper-cased; None when blank."""
    if value is None or not value.strip():
        return None
    found = value.strip().upper()
    if not _CODE.fullmatch(found):
        raise BadParameter(
            param=param, detail=f"expected an actor code like CHN or NATO, got {value!r}"
        )
    return found


def dyad(value: str | None) -> tuple[str, str] | None:
    """ "CHN-RUS" (or "CHN,RUS") as a pair of codes."""
    if value is None or not value.strip():
        return None
    parts = re.split(r"[-,]", value.strip())
    if len(parts) != 2:
        raise BadParameter(param="dyad", detail=f"expected two codes like CHN-RUS, got {value!r}")
    first, second = (code(p, "dyad") for p in parts)
    if first is None or second is None:
        raise BadParameter(param="dyad", detail=f"expected two codes like CHN-RUS, got {value!r}")
    return first, second


def day(value: str | None, param: str) -> dt.date | None:
    """A YYYY-MM-DD day; None when blank."""
    if value is None or not value.strip():
        return None
    try:
        if not _DAY.fullmatch(value.strip()):
            raise ValueError(value)
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise BadParameter(
            param=param, detail=f"expected a day YYYY-MM-DD, got {value!r}"
        ) from None


def choice(value: str | None, param: str, allowed: list[str] | tuple[str, ...]) -> str | None:
    """One of `allowed` (compared as given, after trimming); None when blank."""
    if value is None or not value.strip():
        return None
    if value.strip() not in allowed:
        raise BadParameter(param=param, detail=f"choose one of {', '.join(allowed)}; got {value!r}")
    return value.strip()


def text(value: str | None, param: str, limit: int) -> str | None:
    """Free text of at most `limit` characters; None when blank."""
    if value is None or not value.strip():
        return None
    if len(value) > limit:
        raise BadParameter(param=param, detail=f"longer than {limit} characters")
    return value.strip()


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]
Text = Annotated[str | None, Query()]


def document_search(
    *,
    q: Annotated[
        str | None,
        Query(
            description='Full text: words (all required), "phrases", OR, -excluded.',
            max_length=MAX_QUERY_CHARS,
        ),
    ] = None,
    outlet: Annotated[str | None, Query(description="Outlet or wire agency.")] = None,
    sort: Annotated[str | None, Query(description=", ".join(DOCUMENT_SORTS))] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, object]:
    """The validated document search parameters (a FastAPI dependency)."""
    return {
        "query": text(q, "q", MAX_QUERY_CHARS),
        "outlet": text(outlet, "outlet", _OUTLET_CHARS),
        "sort": choice(sort, "sort", DOCUMENT_SORTS) or "relevance",
        "limit": limit,
        "offset": offset,
    }


def event_query(
    *,
    actor: Annotated[str | None, Query(description="Code among the actors (CHN).")] = None,
    recipient: Annotated[str | None, Query(description="Code among the recipients.")] = None,
    dyad_: Annotated[
        str | None,
        Query(alias="dyad", description="Two codes on opposite sides, either way: CHN-RUS."),
    ] = None,
    type_: Annotated[str | None, Query(alias="type", description="PLOVER type.")] = None,
    factuality: Annotated[str | None, Query(description=", ".join(FACTUALITY))] = None,
    since: Annotated[str | None, Query(description="Events ending on or after YYYY-MM-DD.")] = None,
    until: Annotated[
        str | None, Query(description="Events starting on or before YYYY-MM-DD.")
    ] = None,
    doc: Annotated[str | None, Query(description="Document id.")] = None,
    outlet: Annotated[str | None, Query(description="Outlet or wire agency.")] = None,
    sort: Annotated[str | None, Query(description=", ".join(EVENT_SORTS))] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> EventQuery:
    """The validated event filters (a FastAPI dependency)."""
    types = event_types()
    etype = choice(type_.upper() if type_ else None, "type", types)
    first, last = day(since, "since"), day(until, "until")
    if first and last and first > last:
        raise BadParameter(param="until", detail=f"{last} is before since={first}")
    doc_id = text(doc, "doc", 40)
    if doc_id and not re.fullmatch(r"[0-9a-f]{6,40}", doc_id):
        raise BadParameter(param="doc", detail=f"expected a document id, got {doc!r}")
    return EventQuery(
        actor=code(actor, "actor"),
        recipient=code(recipient, "recipient"),
        dyad=dyad(dyad_),
        type=etype,
        factuality=choice(factuality.lower() if factuality else None, "factuality", FACTUALITY),
        since=first,
        until=last,
        doc_id=doc_id,
        outlet=text(outlet, "outlet", _OUTLET_CHARS),
        sort=choice(sort, "sort", EVENT_SORTS) or "date",
        limit=limit,
        offset=offset,
    )
