"""The exception tree and the catalogue of coded messages.

TacitusError
├── InputError            a source could not be read (the run continues with the rest)
│   ├── SourceNotFound        [E101]
│   ├── UnsupportedFormat     [E102]
│   ├── EmptyDocument         [E103]
│   ├── BinaryContent         [E104]
│   ├── UndecodableText       [E105]
│   ├── MalformedRecord       [E106]
│   ├── DocumentTooLarge      [E107]
│   └── UnreadableSource      [E108]
├── StoreError            the store could not be opened or written   [E201, E202]
├── DocumentNotFound      no stored document has this id or name     [E203]
├── ConfigError           a data file or setting is invalid          [E301]
├── RequestError          a web request the server refuses (`tacitus serve`)
│   ├── BadParameter          a query or form value is invalid       [E401]
│   ├── NotFound              no such story, event or page           [E402]
│   ├── ReadOnly              ingest on a read-only server           [E403]
│   ├── UploadTooLarge        upload over the size limit             [E404]
│   ├── UnsupportedUpload     upload of a type that is not read      [E405]
│   └── InternalError         an unexpected failure, logged          [E499]
└── EngineError           an engine could not run the work (`extract --engine`)
    ├── EngineStartError      no workers: pool or cluster did not start  [E501]
    └── EngineFailed          workers lost mid-run; rerun to finish      [E502]

Every message starts with its code so users can search for it; tests check messages exactly.
"""

from __future__ import annotations

from typing import ClassVar

MESSAGES: dict[str, str] = {
    "E101": "[E101] {path}: no such file or directory",
    "E102": "[E102] {path}: unsupported file type '{suffix}' (supported: {supported})",
    "E103": "[E103] {path}: empty document (no text after cleaning)",
    "E104": "[E104] {path}: binary content, not text",
    "E105": "[E105] {path}: cannot decode text: {detail}",
    "E106": "[E106] {path}:{line}: malformed record: {detail}",
    "E107": "[E107] {path}: document too large ({size:,} bytes > limit {limit:,}); "
    "raise it with --max-bytes",
    "E108": "[E108] {path}: cannot read: {detail}",
    "E201": "[E201] cannot open store {url}: {detail}",
    "E202": "[E202] cannot write to store: {detail}",
    "E203": "[E203] no document with id or name '{key}'",
    "E301": "[E301] invalid data file {path}: {detail}",
    "E401": "[E401] bad parameter '{param}': {detail}",
    "E402": "[E402] no {kind} '{key}'",
    "E403": "[E403] this server is read-only; start it with --allow-ingest to add documents",
    "E404": "[E404] upload too large (more than {limit:,} bytes)",
    "E405": "[E405] unsupported upload type '{kind}' (supported: {supported})",
    "E499": "[E499] internal error {ref}; the server log has the details",
    "E501": "[E501] cannot start the {engine} engine: {detail}",
    "E502": "[E502] the {engine} engine failed: {detail}; the work finished so far is stored, "
    "run the same command again to complete it",
}


class TacitusError(Exception):
    """Base of every error Tacitus raises on purpose."""

    code: ClassVar[str] = ""

    def __init__(self, **fields: object) -> None:
        self.fields = fields
        super().__init__(MESSAGES[self.code].format(**fields))


class InputError(TacitusError):
    """A source could not be turned into a document; the run goes on without it."""

    reason: ClassVar[str] = "unreadable"


class SourceNotFound(InputError):
    code = "E101"
    reason = "not found"


class UnsupportedFormat(InputError):
    code = "E102"
    reason = "unsupported type"


class EmptyDocument(InputError):
    code = "E103"
    reason = "empty"


class BinaryContent(InputError):
    code = "E104"
    reason = "binary"


class UndecodableText(InputError):
    code = "E105"
    reason = "undecodable"


class MalformedRecord(InputError):
    code = "E106"
    reason = "malformed record"


class DocumentTooLarge(InputError):
    code = "E107"
    reason = "too large"


class UnreadableSource(InputError):
    code = "E108"
    reason = "unreadable"


class StoreError(TacitusError):
    code = "E202"


class StoreOpenError(StoreError):
    code = "E201"


class DocumentNotFound(TacitusError):
    code = "E203"


class ConfigError(TacitusError):
    code = "E301"


class RequestError(TacitusError):
    """A web request the server refuses; `status` is the HTTP status it answers with."""

    status: ClassVar[int] = 400


class BadParameter(RequestError):
    code = "E401"
    status = 422


class NotFound(RequestError):
    code = "E402"
    status = 404


class ReadOnly(RequestError):
    code = "E403"
    status = 403


class UploadTooLarge(RequestError):
    code = "E404"
    status = 413


class UnsupportedUpload(RequestError):
    code = "E405"
    status = 415


class InternalError(RequestError):
    code = "E499"
    status = 500


class EngineError(TacitusError):
    """An engine (process pool, Dask cluster) could not run the work."""

    code = "E502"


class EngineStartError(EngineError):
    code = "E501"


class EngineFailed(EngineError):
    code = "E502"
