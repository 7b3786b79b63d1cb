"""``--format github``: workflow commands that GitHub Actions turns into annotations.

``::error file=story.md,line=3,col=21,endLine=3,endColumn=30,title=TC101 breakdown-sum-mismatch::msg``
(``warning`` and ``notice`` for the other severities). The arithmetic follows the message
on lines of its own. Columns are left out of spans that cover several lines, because
the command rejects them there; ``endColumn`` is exclusive, as in SARIF.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence

from ..model import FileReport, Finding, Severity
from ..offsets import LineIndex
from . import RenderContext
from .concise_format import error_detail

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(s: str) -> str:
    """The message after ``::`` (as @actions/core escapes it)."""
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    """A ``key=value`` property: also ``:`` and ``,``, which end values."""
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict[str, str | int], message: str) -> str:
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items())
    return f"::{name} {props}::{escape_data(message)}" if props else f"::{name}::{escape_data(message)}"


def _file(path: str) -> dict[str, str | int]:
    """Standard input has no file to annotate."""
    return {} if path == "-" else {"file": path.replace(os.sep, "/")}


def annotation(f: Finding, path: str, text: str, index: LineIndex) -> str:
    n = len(text)
    start, end = min(max(f.primary.start, 0), n), min(max(f.primary.end, 0), n)
    line, col = index.position(start)
    end_line, end_col = index.position(end - 1) if end > start else (line, col)
    props: dict[str, str | int] = {**_file(path), "line": line}
    if end_line == line:
        props.update(col=col, endLine=end_line, endColumn=end_col + 1 if end > start else end_col)
    else:
        props["endLine"] = end_line
    props["title"] = f"{f.rule_id} {f.rule_name}"
    return command(COMMANDS[f.severity], props, "\n".join((f.message, *f.arithmetic)))


def render(reports: Sequence[FileReport], ctx: RenderContext) -> str:
    return "".join(file_part(report) for report in reports)


def file_part(report: FileReport) -> str:
    """One file's workflow commands: its part of :func:`stream`, read off nothing but the file's report."""
    if report.error is not None:
        return command("error", {**_file(report.path), "title": "tallycheck"},
                       f"could not read {report.path}: {error_detail(report)}") + "\n"
    index = LineIndex(report.text)
    return "".join(annotation(f, report.path, report.text, index) + "\n" for f in report.analysis.findings)


def stream(reports: Iterable[FileReport], ctx: RenderContext, write: Callable[[str], None]) -> None:
    """One file at a time: the same lines as :func:`render`."""
    for report in reports:
        write(report.part if report.part is not None else file_part(report))
