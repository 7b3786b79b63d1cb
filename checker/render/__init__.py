"""Renderers: one module per output format, all reading the same reports.

Each renderer is ``render(reports, ctx) -> str``; renderers never compute, the engine
never prints.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from importlib import import_module
from typing import Any, NamedTuple

from ..model import Analysis, FileReport
from ..registry import Registry

FORMATS = ("text", "concise", "json", "sarif", "github", "html")


class RenderContext(NamedTuple):
    """What every renderer may read besides the reports: the rules' docs, the version, the terminal."""

    registry: Registry
    version: str
    color: bool = False
    width: int | None = None
    options: Mapping[str, Any] = {}  # shared by every context built without options: read it, never write to it


Renderer = Callable[[Sequence[FileReport], RenderContext], str]


def resolve_format(name: str, environ: Mapping[str, str] | None = None) -> str:
    """``auto`` is ``github`` inside GitHub Actions and ``text`` elsewhere."""
    env = os.environ if environ is None else environ
    if name == "auto":
        return "github" if env.get("GITHUB_ACTIONS") == "true" else "text"
    return name


Streamer = Callable[[Iterable[FileReport], RenderContext, Callable[[str], None]], None]


def streamer_for(name: str) -> Streamer | None:
    """The format's ``stream(reports, ctx, write)``, which writes each file's part as it comes and
    keeps only its findings for the summary -- same output as ``render``, memory independent of the
    number of files -- or None for formats that need every report first (sarif, html)."""
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}")
    return getattr(import_module(f".{name}_format", __name__), "stream", None)


PartRenderer = Callable[[FileReport], str]


def part_renderer_for(name: str) -> PartRenderer | None:
    """The format's ``file_part(report)``: one file's share of its streamed report, which reads nothing
    but that file's report -- or None for a format whose stream needs more of the reports than their
    findings (text counts the tallies in its summary) or that does not stream."""
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}")
    return getattr(import_module(f".{name}_format", __name__), "file_part", None)


def prerender(name: str, report: FileReport) -> FileReport:
    """``report`` with its part of a ``name`` report rendered, and without what only that rendering
    read (the article, the tallies): what a pool's worker sends back. The stream writes the part as
    it is and counts the findings, which stay; the parent neither receives the article and tallies
    nor encodes them, which in a folder run was most of its work."""
    render = part_renderer_for(name)
    if render is None:
        return report
    return FileReport(report.path, analysis=Analysis(findings=report.analysis.findings), error=report.error,
                      part=render(report))


def renderer_for(name: str) -> Renderer:
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}")
    module = import_module(f".{name}_format", __name__)
    return module.render
