"""setuptools' PEP 517 backend, plus mypy as a build requirement when a compiled build is asked for.

``TALLYCHECK_MYPYC=1 pip install .`` builds the analysis core with mypyc (see ``setup.py``); without
the variable the wheel is pure Python and the build needs nothing but setuptools. An editable install
is always pure Python: compiled modules beside the sources would shadow every edit.
"""

from __future__ import annotations

import os
import tomllib

from setuptools import build_meta as _orig
from setuptools.build_meta import *  # noqa: F403  (the hooks this module does not change)

MYPYC_REQUIREMENT = "mypy==2.4.1"  # the mypyc the analysis core is checked against


def _runtime_dependencies() -> list[str]:
    """mypyc type-checks the core against the packages it imports (pyparsing among them)."""
    with open("pyproject.toml", "rb") as f:
        return list(tomllib.load(f)["project"]["dependencies"])


def compiled() -> bool:
    return os.environ.get("TALLYCHECK_MYPYC", "").strip().lower() in ("1", "true", "yes")


def get_requires_for_build_wheel(config_settings: dict | None = None) -> list[str]:
    if not compiled():
        return _orig.get_requires_for_build_wheel(config_settings)
    # setuptools runs setup.py to list its own requirements; mypyc is not installed yet at that point
    asked = os.environ.pop("TALLYCHECK_MYPYC")
    try:
        return [*_orig.get_requires_for_build_wheel(config_settings), MYPYC_REQUIREMENT, *_runtime_dependencies()]
    finally:
        os.environ["TALLYCHECK_MYPYC"] = asked


def build_editable(wheel_directory: str, config_settings: dict | None = None,
                   metadata_directory: str | None = None) -> str:
    os.environ.pop("TALLYCHECK_MYPYC", None)
    return _orig.build_editable(wheel_directory, config_settings, metadata_directory)
