"""The packaged rules, parsed once and kept as Python keeps its bytecode.

Parsing the packaged TOML costs about 6 ms a run, a third of what one short article
costs to check; reading it back with ``marshal`` costs about 0.4 ms. The cache follows
the interpreter's own rules for ``.pyc`` files: it sits in the rules folder's
``__pycache__`` (or under ``PYTHONPYCACHEPREFIX``), it is read even when bytecode writing
is off, and it is written only when it is on (``PYTHONDONTWRITEBYTECODE`` unset) and the
folder is writable -- never anywhere else. It holds the exact texts it was parsed from
and is used only when every text is unchanged. Extra rules folders (``extend-rules``)
are the user's: they are parsed every run and nothing is written beside them.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

Source = tuple[str, str, str]  # (kind, name, text) of one rules file
Parse = Callable[[str, str], dict[str, Any]]


def parse_packaged(sources: Sequence[Source], parse: Parse, folder: Path | None) -> list[dict[str, Any]]:
    """``parse(name, text)`` of every packaged source, in order; from the cache when it matches."""
    path = cache_file(folder) if folder is not None else None
    key = [tuple(s) for s in sources]
    if path is not None:
        parsed = _load(path, key)
        if parsed is not None:
            return parsed
    parsed = [parse(name, text) for _, name, text in sources]
    if path is not None and not sys.dont_write_bytecode:
        _store(path, key, parsed)
    return parsed


def cache_file(folder: Path) -> Path:
    """Where the interpreter would put a compiled ``rules`` module of ``folder``."""
    from importlib.util import cache_from_source

    return Path(cache_from_source(str(folder / "rules.toml"))).with_suffix(".marshal")


def _load(path: Path, key: list[tuple[str, ...]]) -> list[dict[str, Any]] | None:
    try:
        stored_key, parsed = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):  # missing, unreadable, truncated or foreign
        return None
    return parsed if stored_key == key and isinstance(parsed, list) else None


def _store(path: Path, key: list[tuple[str, ...]], parsed: list[dict[str, Any]]) -> None:
    """Write the file whole or not at all: a concurrent reader never sees half of it."""
    try:
        blob = marshal.dumps((key, parsed))
    except ValueError:  # a value marshal cannot write (a TOML date): no cache
        return
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(blob)
        os.replace(tmp, path)
    except OSError:  # a read-only installation: parse every run, as without .pyc files
        with contextlib.suppress(OSError):
            tmp.unlink()
