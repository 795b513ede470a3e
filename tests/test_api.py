"""The public surface: an explicit __all__, data files that load, documented settings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import tacitus
from tacitus.errors import MESSAGES, ConfigError, TacitusError
from tacitus.ingest.boilerplate import load_rules
from tacitus.kb import load_outlets
from tacitus.settings import SETTINGS

ROOT = Path(__file__).resolve().parent.parent


def test_all_is_explicit_and_importable() -> None:
    assert sorted(tacitus.__all__) == sorted(set(tacitus.__all__))
    for name in tacitus.__all__:
        assert hasattr(tacitus, name), name


def test_every_error_code_has_a_class() -> None:
    codes = {cls.code for cls in _subclasses(TacitusError) if cls.code}
    assert codes == set(MESSAGES)


def _subclasses(cls: type) -> list[type[TacitusError]]:
    out = []
    for sub in cls.__subclasses__():
        out.append(sub)
        out.extend(_subclasses(sub))
    return out


def test_data_files_load() -> None:
    assert len(load_outlets().outlets) > 50
    assert load_rules().classify("Close") == "ui"


def test_bad_data_file_is_a_coded_error(tmp_path: Path) -> None:
    bad = tmp_path / "outlets.yaml"
    bad.write_text("version: 1\noutlets:\n  - {name: X, kind: blog}\n")
    with pytest.raises(
        ConfigError, match=re.escape(f"[E301] invalid data file {bad}: entry 0 (X): bad kind")
    ):
        load_outlets(bad)
    bad.write_text("just text")
    with pytest.raises(ConfigError, match=r"^\[E301\]"):
        load_outlets(bad)


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    for s in SETTINGS:
        assert f"`{s.name}`" in readme, s.name
        assert f"TACITUS_{s.name.upper()}" in readme, s.name


def test_version_has_one_source() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    version = re.search(r'^version = "([^"]+)"', pyproject, re.M)
    assert version is not None
    assert tacitus.__version__ == version.group(1)
