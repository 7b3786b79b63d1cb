"""``--format text`` (the default): each finding with its source lines, spans underlined.

Built from :class:`rich.text.Text` objects styled by offset, never from markup, because
article text is full of ``[brackets]``. Layout, for one finding::

    story.txt:1:21: error[TC101] breakdown-sum-mismatch: the breakdown of 27 people adds up to 23, not 27
      |
    1 | Rescue crews pulled 27 people from the villages: nine in Oakridge and six in Fenwick.
      |                     ^^^^^^^^^                    ----                 --- part: six (Fenwick)
      |                     |                            part: nine (Oakridge)
      |                     total
      = arithmetic: 9 + 6 = 15 ≠ 27

Columns are terminal cells: tabs are shown as spaces and wide characters count twice, so
the underlines sit under the characters they mark. Lines wider than the console are cut
to windows around the spans. Decorations are ASCII; colour comes only from the console.
"""

from __future__ import annotations

import shutil
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from io import StringIO
from typing import NamedTuple

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from ..model import FileReport, Finding, Severity, Span
from ..offsets import LineIndex
from . import RenderContext
from .concise_format import error_detail

TAB = "    "
ELLIPSIS = "..."
MIN_BUDGET = 40  # never cut source lines narrower than this many cells

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold cyan"}
PART_STYLE = "bold blue"
GUTTER_STYLE = "bold blue"
DIM = "dim"

# Bidirectional overrides and isolates would let article text reorder the terminal line.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _display(s: str) -> str:
    """Source text as it is drawn: tabs become spaces, control characters ``?``.

    Control characters are replaced rather than dropped so that nothing (an escape
    sequence in an article, a bell) reaches the terminal and every character keeps a cell.
    """
    if s.isprintable():
        return s
    out = []
    for ch in s:
        if ch == "\t":
            out.append(TAB)
        elif ch in _BIDI or unicodedata.category(ch) == "Cc":
            out.append("?")
        else:
            out.append(ch)
    return "".join(out)


def _clean(s: str) -> str:
    """Engine-made strings (messages, labels, paths) on one line, safe for a terminal."""
    return _display(" ".join(s.splitlines()))


def _width(s: str) -> int:
    return cell_len(_display(s))


class _Mark(NamedTuple):
    """One span's piece on one source line, in offsets relative to that line."""

    start: int
    end: int
    primary: bool
    label: str
    style: str


class _Cell(NamedTuple):
    """A mark placed in a drawn row: its first cell and how many cells it underlines."""

    col: int
    width: int
    mark: _Mark


# --------------------------------------------------------------------------- layout


def _line_end(text: str, start: int) -> int:
    """End (exclusive, before the terminator) of the line starting at ``start``."""
    nl = text.find("\n", start)
    nl = len(text) if nl == -1 else nl
    cr = text.find("\r", start, nl)  # bounded: a file without CRs is not scanned to its end
    return nl if cr == -1 else cr


def _next_line(text: str, end: int) -> int:
    return end + 2 if text.startswith("\r\n", end) else end + 1


def _marks(text: str, index: LineIndex, span: Span, primary: bool, label: str, style: str,
           out: dict[int, tuple[int, int, list[_Mark]]]) -> None:
    """Add ``span`` to ``out`` (line number -> (line start, line end, marks)), split by line.

    A span that runs over a line break is underlined on every line it touches; its
    label goes with its last piece.
    """
    n = len(text)
    start, end = min(max(span.start, 0), n), min(max(span.end, 0), n)
    line, col = index.position(start)
    line_start = start - col + 1
    pieces: list[tuple[int, int, int, int, int]] = []
    while True:
        line_end = _line_end(text, line_start)
        lo, hi = max(start, line_start), min(end, line_end)
        if hi > lo or not pieces:
            pieces.append((line, line_start, line_end, lo - line_start, max(hi, lo) - line_start))
        if end <= line_end or line_end >= n:
            break
        line_start, line = _next_line(text, line_end), line + 1
    for i, (ln, ls, le, lo, hi) in enumerate(pieces):
        entry = out.setdefault(ln, (ls, le, []))
        entry[2].append(_Mark(lo, hi, primary, label if i == len(pieces) - 1 else "", style))


def _windows(line: str, marks: Sequence[_Mark], budget: int) -> list[tuple[int, int, list[_Mark]]]:
    """Cut a source line into windows (start, end, marks) no wider than ``budget`` cells.

    A line that fits is one window. Otherwise marks that fit in one window together are
    grouped, and each group is widened with context on both sides up to the budget; a
    group wider than the budget on its own (a very long span) is shown whole.
    """
    if _width(line) <= budget:
        return [(0, len(line), list(marks))]
    inner = max(budget - 2 * len(ELLIPSIS), 1)
    groups: list[tuple[int, int, list[_Mark]]] = []
    for m in sorted(marks, key=lambda m: (m.start, m.end)):
        if groups:
            lo, hi, members = groups[-1]
            new_hi = max(hi, m.end)
            if m.start < hi or _width(line[lo:new_hi]) <= inner:
                groups[-1] = (lo, new_hi, [*members, m])
                continue
        groups.append((m.start, max(m.end, m.start), [m]))
    return [(*_widen(line, lo, hi, inner), members) for lo, hi, members in groups]


def _widen(line: str, lo: int, hi: int, budget: int) -> tuple[int, int]:
    """Grow ``[lo, hi)`` alternately left and right while it fits in ``budget`` cells."""
    room = budget - _width(line[lo:hi])
    grew = True
    while room > 0 and grew:
        grew = False
        if lo > 0 and (w := _width(line[lo - 1])) <= room:
            lo, room, grew = lo - 1, room - w, True
        if hi < len(line) and (w := _width(line[hi])) <= room:
            hi, room, grew = hi + 1, room - w, True
    return lo, hi


def _place(line: str, lo: int, marks: Sequence[_Mark]) -> list[_Cell]:
    """Cell positions of marks in a window starting at line offset ``lo``."""
    cells = []
    for m in marks:
        col = _width(line[lo : m.start])
        cells.append(_Cell(col, max(_width(line[m.start : m.end]), 1), m))
    return cells


def _tracks(cells: Sequence[_Cell]) -> list[list[_Cell]]:
    """Spread marks over underline rows so that none overlaps another; the total goes first."""
    tracks: list[list[_Cell]] = []
    for c in sorted(cells, key=lambda c: (not c.mark.primary, c.col)):
        for track in tracks:
            if all(c.col + c.width <= o.col or o.col + o.width <= c.col for o in track):
                track.append(c)
                break
        else:
            tracks.append([c])
    return [sorted(t, key=lambda c: c.col) for t in tracks]


# --------------------------------------------------------------------------- drawing


class _Rows:
    """Builds the rows of one finding's snippet behind a gutter of fixed width."""

    def __init__(self, gutter: int) -> None:
        self.gutter = gutter

    def blank(self) -> Text:
        return Text().append(" " * self.gutter + " |", style=GUTTER_STYLE)

    def source(self, number: int, line: str, lo: int, hi: int) -> Text:
        row = Text().append(f"{number:>{self.gutter}} |", style=GUTTER_STYLE).append(" ")
        if lo > 0:
            row.append(ELLIPSIS, style=DIM)
        row.append(_display(line[lo:hi]))
        if hi < len(line):
            row.append(ELLIPSIS, style=DIM)
        return row

    def skipped(self) -> Text:
        return Text().append(ELLIPSIS, style=GUTTER_STYLE)

    def note(self, title: str, body: str) -> Text:
        row = Text().append(" " * self.gutter + " =", style=GUTTER_STYLE).append(" ")
        row.append(f"{title}: ", style="bold")
        row.append(_clean(body))
        return row

    def annotations(self, cells: Sequence[_Cell], indent: int) -> Iterator[Text]:
        """The underline row, then one row per label, right to left (as rustc draws them).

        The rightmost label goes on the underline row; every other label gets a row of
        its own, reached by ``|`` from its mark, past the labels still to come.
        """
        pending = [c for c in cells if c.mark.label]
        row = self._row([("^" * c.width if c.mark.primary else "-" * c.width, c.mark.style, indent + c.col)
                         for c in cells])
        if pending and pending[-1] is cells[-1]:
            last = pending.pop()
            row.append(" " + _clean(last.mark.label), style=last.mark.style)
        yield row
        while pending:
            current = pending.pop()
            pieces = [("|", c.mark.style, indent + c.col) for c in pending]
            pieces.append((_clean(current.mark.label), current.mark.style, indent + current.col))
            yield self._row(pieces)

    def _row(self, pieces: Sequence[tuple[str, str, int]]) -> Text:
        """A gutter followed by pieces (text, style, cell column), blank-padded between them."""
        row = self.blank()
        row.append(" ")
        col = 0
        for s, style, at in sorted(pieces, key=lambda p: p[2]):
            if at < col:  # two marks start in the same cell: the later one moves right
                at = col
            row.append(" " * (at - col))
            row.append(s, style=style)
            col = at + cell_len(s)
        return row


def finding_texts(path: str, text: str, index: LineIndex, finding: Finding, width: int) -> Iterator[Text]:
    """Everything drawn for one finding: header, source lines, arithmetic, a blank line."""
    style = SEVERITY_STYLE[finding.severity]
    lines: dict[int, tuple[int, int, list[_Mark]]] = {}
    # The primary span is a total when there are parts to set against it; alone (an
    # unused suppression comment, say) it needs no label. A list of shares has no total of
    # its own words: its first share is the primary span and is marked once, as that share.
    label = "total" if finding.related else ""
    for related in finding.related:
        if related.span == finding.primary:
            label = related.label
            continue
        _marks(text, index, related.span, False, related.label, PART_STYLE, lines)
    _marks(text, index, finding.primary, True, label, style, lines)
    rows = _Rows(len(str(max(lines))))
    budget = max(width - rows.gutter - 3, MIN_BUDGET)

    line, col = index.position(min(max(finding.primary.start, 0), len(text)))
    header = Text().append(f"{_clean(path)}:{line}:{col}:", style="bold")
    header.append(" ")
    header.append(f"{finding.severity.value}[{finding.rule_id}]", style=style)
    header.append(" ")
    header.append(_clean(finding.rule_name), style=DIM)
    header.append(": ")
    header.append(_clean(finding.message), style="bold")
    yield header

    yield rows.blank()
    previous = None
    for number in sorted(lines):
        line_start, line_end, marks = lines[number]
        if previous is not None and number > previous + 1:
            yield rows.skipped()
        previous = number
        source = text[line_start:line_end]
        for lo, hi, members in _windows(source, marks, budget):
            yield rows.source(number, source, lo, hi)
            indent = len(ELLIPSIS) if lo > 0 else 0
            for track in _tracks(_place(source, lo, members)):
                yield from rows.annotations(track, indent)
    for expression in finding.arithmetic:
        yield rows.note("arithmetic", expression)
    yield Text("")


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


_COUNT_NAMES = {Severity.ERROR: ("error", "errors"), Severity.WARNING: ("warning", "warnings"),
                Severity.INFO: ("info", "infos")}


def summary_text(reports: Sequence[FileReport]) -> Text:
    """``2 errors, 1 warning in 1 file (3 tallies checked in 2 files)``, or
    ``all tallies add up (5 checked in 2 files)``, plus the files that could not be read."""
    readable = [r for r in reports if r.error is None]
    unreadable = len(reports) - len(readable)
    counts = {s: sum(f.severity == s for r in readable for f in r.analysis.findings) for s in Severity}
    tallies = sum(len(r.analysis.tallies) for r in readable)
    files = _plural(len(readable), "file", "files")
    out = Text()
    if any(counts.values()):
        worst = next(s for s in Severity if counts[s])
        found = ", ".join(_plural(counts[s], *_COUNT_NAMES[s]) for s in Severity if counts[s])
        with_findings = sum(bool(r.analysis.findings) for r in readable)
        out.append(f"{found} in {_plural(with_findings, 'file', 'files')}", style=SEVERITY_STYLE[worst])
        out.append(f" ({_plural(tallies, 'tally', 'tallies')} checked in {files})")
    elif tallies:
        out.append("all tallies add up", style="bold green")
        out.append(f" ({tallies} checked in {files})")
    else:
        out.append(f"no tallies found in {files}")
    if unreadable:
        out.append("; ")
        out.append(f"{_plural(unreadable, 'file', 'files')} could not be read", style="bold red")
    return out


def report_texts(reports: Sequence[FileReport], width: int, summary: bool = True) -> Iterator[Text]:
    """All rows of the report, in file order, then the summary."""
    for report in reports:
        if report.error is not None:
            row = Text().append(f"{_clean(report.path)}:", style="bold")
            row.append(" error: ", style=SEVERITY_STYLE[Severity.ERROR])
            row.append(f"could not be read: {_clean(error_detail(report))}")
            yield row
            continue
        index = LineIndex(report.text)
        for finding in report.analysis.findings:
            yield from finding_texts(report.path, report.text, index, finding, width)
    if summary:
        yield summary_text(reports)


def write(console: Console, reports: Sequence[FileReport]) -> None:
    """Print the report on ``console``; rows never wrap, so underlines stay aligned."""
    for row in report_texts(reports, console.width):
        console.print(row, soft_wrap=True)


def make_console(color: bool, width: int) -> Console:
    """A console writing to memory: ANSI colours only when asked, nothing read from the environment."""
    return Console(file=StringIO(), width=width, color_system="standard" if color else None,
                   force_terminal=color, no_color=not color, highlight=False, markup=False, emoji=False,
                   legacy_windows=False, soft_wrap=True)


def render(reports: Sequence[FileReport], ctx: RenderContext) -> str:
    width = ctx.width or shutil.get_terminal_size((100, 24)).columns
    console = make_console(ctx.color, width)
    write(console, reports)
    out = console.file.getvalue()
    assert isinstance(out, str)
    return out


def stream(reports: Iterable[FileReport], ctx: RenderContext, write: Callable[[str], None]) -> None:
    """A file's findings as soon as it is checked, then the summary (same output as :func:`render`);
    only the findings are kept for the summary, not the articles."""
    width = ctx.width or shutil.get_terminal_size((100, 24)).columns
    console = make_console(ctx.color, width)
    kept: list[FileReport] = []
    for report in reports:
        for row in report_texts([report], width, summary=False):
            console.print(row, soft_wrap=True)
        write(_drain(console))
        kept.append(FileReport(report.path, "", report.analysis, report.error))
    console.print(summary_text(kept), soft_wrap=True)
    write(_drain(console))


def _drain(console: Console) -> str:
    out = console.file.getvalue()
    console.file.seek(0)
    console.file.truncate()
    return out
