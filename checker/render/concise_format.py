"""``--format concise``: one line per finding, ``path:line:col: TC101 message``.

Made for grep, editors' quickfix lists and diffs between runs: nothing but the findings
(and ``path: error: message`` for a file that could not be read), one per line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from ..model import FileReport
from ..offsets import LineIndex
from . import RenderContext


def one_line(s: str) -> str:
    """Keep a message on its line whatever the article put in it."""
    return " ".join(s.splitlines())


def error_detail(report: FileReport) -> str:
    """Why a file could not be read, without the path the reader's message starts with."""
    error = report.error or ""
    prefix = f"{report.path}: "
    return error[len(prefix) :] if error.startswith(prefix) else error


def render(reports: Sequence[FileReport], ctx: RenderContext) -> str:
    return "".join(file_part(report) for report in reports)


def file_part(report: FileReport) -> str:
    """One file's lines: its part of :func:`stream`, read off nothing but the file's report."""
    if report.error is not None:
        return f"{one_line(report.path)}: error: {one_line(error_detail(report))}\n"
    index = LineIndex(report.text)
    out: list[str] = []
    for f in report.analysis.findings:
        line, col = index.position(min(max(f.primary.start, 0), len(report.text)))
        out.append(f"{one_line(report.path)}:{line}:{col}: {f.rule_id} {one_line(f.message)}\n")
    return "".join(out)


def stream(reports: Iterable[FileReport], ctx: RenderContext, write: Callable[[str], None]) -> None:
    """One file at a time: the same lines as :func:`render`."""
    for report in reports:
        write(report.part if report.part is not None else file_part(report))
