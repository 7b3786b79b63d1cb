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
    out: list[str] = []
    for report in reports:
        if report.error is not None:
            out.append(f"{one_line(report.path)}: error: {one_line(error_detail(report))}")
            continue
        index = LineIndex(report.text)
        for f in report.analysis.findings:
            line, col = index.position(min(max(f.primary.start, 0), len(report.text)))
            out.append(f"{one_line(report.path)}:{line}:{col}: {f.rule_id} {one_line(f.message)}")
    return "".join(line + "\n" for line in out)


def stream(reports: Iterable[FileReport], ctx: RenderContext, write: Callable[[str], None]) -> None:
    """One file at a time: the same lines as :func:`render`."""
    for report in reports:
        write(render([report], ctx))
