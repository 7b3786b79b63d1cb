"""Check many inputs: read each file, pick its source format, run the engine.

The CLI (and later a server or a process pool) calls :func:`check_one` per input; a
file that cannot be read becomes a report with ``error`` set, never an exception.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .engine import Engine
from .model import FileReport
from .reading import InputError, read_document
from .sources import format_for_path, load_source


@dataclass(frozen=True)
class RunOptions:
    encoding: str | None = None
    stdin_format: str = "text"
    extra_rules: tuple[str, ...] = ()


def check_one(path: str, options: RunOptions) -> FileReport:
    try:
        doc = read_document(path, options.encoding)
    except InputError as exc:
        return FileReport(path, error=str(exc))
    fmt = options.stdin_format if path == "-" else format_for_path(path)
    source = load_source(doc.text, fmt)
    return FileReport(path, doc.text, Engine(options.extra_rules).analyse(source))


def check_paths(paths: Sequence[str], options: RunOptions) -> list[FileReport]:
    return [check_one(p, options) for p in paths]
