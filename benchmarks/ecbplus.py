"""Unpack the ECB+ corpus (../shared/data/ecbplus) into plain-text articles for benchmarks.

ECB+ ships tokenised XML; we rebuild each document's text (one sentence per line, spaces
removed before punctuation) and keep its topic number for clustering evaluation.
"""

from __future__ import annotations

import re
import tarfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = ROOT.parent / "shared" / "data" / "ecbplus" / "ECBplus_corpus_xml.tar.gz"
_NO_SPACE_BEFORE = re.compile(r" ([.,;:!?%)\]}'’”]|n't|'s|'re|'ve|'ll|'d|'m)(?=\s|$)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$“‘]) ")


@dataclass(frozen=True, slots=True)
class EcbDocument:
    name: str
    topic: str
    text: str


def detokenise(tokens: list[str]) -> str:
    text = " ".join(tokens)
    text = _NO_SPACE_BEFORE.sub(r"\1", text)
    return _NO_SPACE_AFTER.sub(r"\1", text)


def load(archive: Path = ARCHIVE) -> list[EcbDocument]:
    """All ECB+ documents, sorted by name."""
    docs = []
    with tarfile.open(archive) as tar:
        for member in tar:
            if not member.name.endswith(".xml") or not member.isfile():
                continue
            handle = tar.extractfile(member)
            if handle is None:
                continue
            root = ET.parse(handle).getroot()
            sentences: dict[str, list[str]] = {}
            for token in root.iter("token"):
                sentences.setdefault(token.get("sentence", "0"), []).append(token.text or "")
            text = "\n".join(detokenise(sentences[k]) for k in sorted(sentences, key=int))
            name = Path(member.name).name
            docs.append(EcbDocument(name=name, topic=name.split("_")[0], text=text))
    return sorted(docs, key=lambda d: d.name)


def write_texts(target: Path, archive: Path = ARCHIVE) -> list[EcbDocument]:
    """Write each document as `<name>.txt` under `target` (one folder per topic)."""
    docs = load(archive)
    for doc in docs:
        folder = target / doc.topic
        folder.mkdir(parents=True, exist_ok=True)
        (folder / (Path(doc.name).stem + ".txt")).write_text(doc.text, "utf-8")
    return docs
