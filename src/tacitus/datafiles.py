"""Loading the project's versioned YAML data files, with validation and coded errors."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from tacitus.errors import ConfigError


def load_yaml(package: str, name: str, path: Path | None = None) -> dict[str, Any]:
    """Read data file `name` shipped in `package` (or `path` when given) and check its header.

    Every data file is a mapping with an integer `version`; anything else raises E301.
    """
    where = str(path) if path else f"{package}/{name}"
    try:
        text = (
            path.read_text("utf-8")
            if path
            else (resources.files(package) / name).read_text("utf-8")
        )
        data = yaml.safe_load(text)
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(path=where, detail=str(exc)) from exc
    if not isinstance(data, dict) or not isinstance(data.get("version"), int):
        raise ConfigError(path=where, detail="expected a mapping with an integer 'version'")
    return data


def require_list(data: dict[str, Any], key: str, where: str) -> list[Any]:
    value = data.get(key)
    if not isinstance(value, list):
        raise ConfigError(path=where, detail=f"'{key}' must be a list")
    return value
