"""Versions. The package version comes from pyproject.toml (the one source); the pipeline
version names the analysis behaviour, so stored results can be recomputed when it changes."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("tacitus")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0+unknown"

# Bump when cleaning or analysis changes what comes out for the same input.
PIPELINE_VERSION = f"{__version__}/clean-1"
