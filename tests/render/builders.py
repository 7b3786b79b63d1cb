"""Hand-built reports for the renderer tests: findings placed by quoted text, not offsets.

The engine's internals change while the renderers are tested, so most renderer tests
use these instead of real analyses.
"""

from __future__ import annotations

from pathlib import Path

from checker.intervals import Interval
from checker.model import Analysis, FileReport, Finding, Quantity, Related, Severity, Span, Status, Tally
from checker.registry import registry_for
from checker.render import RenderContext

HERE = Path(__file__).parent
STORY = HERE / "story.txt"


def span_of(text: str, needle: str, nth: int = 1) -> Span:
    """The ``nth`` occurrence of ``needle`` in ``text``."""
    start = -1
    for _ in range(nth):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle))


def finding(text: str, total: str, parts: list[tuple[str, str]] = (), *, rule: str = "TC101",
            name: str = "breakdown-sum-mismatch", severity: Severity = Severity.ERROR,
            message: str = "the breakdown adds up to something else", arithmetic: tuple[str, ...] = (),
            nth: int = 1) -> Finding:
    """A finding whose total is the text ``total`` and whose parts are ``(text, label)`` pairs."""
    related = tuple(Related(span_of(text, needle), label) for needle, label in parts)
    return Finding(rule, name, severity, message, span_of(text, total, nth), related, arithmetic)


def tally(text: str, total: str) -> Tally:
    q = Quantity(1, Interval.exact(1), span_of(text, total), total)
    return Tally("breakdown", None, "equal", q, (), (), Status.CONSISTENT, Interval.exact(1))


def report(path: str, text: str, findings: list[Finding] = (), tallies: int | None = None) -> FileReport:
    """A readable file; one tally per finding unless ``tallies`` says how many were checked."""
    count = len(findings) if tallies is None else tallies
    first = findings[0].primary if findings else Span(0, min(len(text), 1))
    ts = tuple(tally(text, text[first.start : first.end] or text[:1]) for _ in range(count))
    return FileReport(path, text, Analysis(ts, tuple(findings)))


def unreadable(path: str, detail: str = "no such file") -> FileReport:
    return FileReport(path, error=f"{path}: {detail}")


def context(color: bool = False, width: int | None = 100) -> RenderContext:
    return RenderContext(registry_for(), "0.1.0", color=color, width=width)


SENTENCE = ("Rescue crews pulled 27 people from the flooded villages: nine in Oakridge, "
            "eight in Millbrook and six in Fenwick.")


def rescue_report(path: str = "story.txt", before: str = "") -> FileReport:
    """The rescue sentence, after ``before``, with the finding the engine makes of it."""
    text = before + SENTENCE + "\n"
    f = finding(text, "27 people", [("nine", "part: nine (Oakridge)"), ("eight", "part: eight (Millbrook)"),
                                    ("six", "part: six (Fenwick)")],
                message="the breakdown of 27 people adds up to 23, not 27", arithmetic=("9 + 8 + 6 = 23 ≠ 27",))
    return report(path, text, [f])
