"""Versions. The package version comes from pyproject.toml (the one source); the pipeline
version names the analysis behaviour, so stored results are recomputed when it changes."""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("tacitus")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0+unknown"

# Bump when cleaning or analysis code changes what comes out for the same input; changes to
# the shipped data files (lexicons, knowledge base, ontology) are picked up by their digest.
RULES_REVISION = 2
_DATA_PACKAGES = (
    "tacitus.ingest.data",
    "tacitus.kb.data",
    "tacitus.nlp.data",
    "tacitus.ontology.data",
)


@cache
def pipeline_version() -> str:
    """`<package version>/r<rules revision>/<digest of the data files>`, computed once."""
    digest = hashlib.sha256()
    for package in _DATA_PACKAGES:
        files = sorted(resources.files(package).iterdir(), key=lambda f: f.name)
        for file in files:
            if file.name.endswith(".yaml"):
                digest.update(file.name.encode())
                digest.update(file.read_bytes())
    return f"{__version__}/r{RULES_REVISION}/{digest.hexdigest()[:10]}"
