"""The values that flow out of the engine: spans, tallies, findings, file reports.

Everything here is immutable. Spans are 0-based code-point offsets into the *source*
text of a file (end exclusive); renderers turn them into lines and columns.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import NamedTuple

from .intervals import Interval


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Span(NamedTuple):
    start: int
    end: int


class Related(NamedTuple):
    span: Span
    label: str


class Quantity(NamedTuple):
    """A stated number: its value as written, the interval it stands for, where it is."""

    stated: int | float
    value: Interval
    span: Span
    label: str


class Part(NamedTuple):
    """One item of a breakdown.

    ``multiplier`` is the number of places a distributive count applies to ("four
    each over A and B" has 2). ``ambiguous`` marks a count over several places without
    "each": it is read both as a joint count (x1) and per place (x multiplier).
    ``remainder`` marks "the rest" with no number of its own (value unknown, >= 0).
    """

    quantity: Quantity
    multiplier: int = 1
    ambiguous: bool = False
    places: tuple[str, ...] = ()
    remainder: bool = False


class Reading(NamedTuple):
    """One way of reading the parts: its arithmetic and the interval it sums to."""

    expression: str
    value: Interval
    distributive: bool = False


class Status(StrEnum):
    CONSISTENT = "consistent"
    MISMATCH = "mismatch"
    AMBIGUOUS = "ambiguous"
    PARTIAL = "partial"


class Tally(NamedTuple):
    """A total grouped with what it was compared against.

    ``kind`` is ``breakdown`` (parts add up to the total), ``restated`` (the same total
    stated twice), ``shares`` (percentages of one whole) or ``list-count`` (a number of
    places against the places named). ``relation`` is ``equal`` for a complete
    breakdown and ``at_most`` for a partial one ("including", "among them").
    """

    kind: str
    unit: str | None
    relation: str
    total: Quantity
    parts: tuple[Part, ...]
    readings: tuple[Reading, ...]
    status: Status
    sum: Interval
    family: str = "sum"


class Finding(NamedTuple):
    rule_id: str
    rule_name: str
    severity: Severity
    message: str
    primary: Span
    related: tuple[Related, ...] = ()
    arithmetic: tuple[str, ...] = ()
    args: Mapping[str, str] = {}  # shared by every finding built without args: read it, never write to it

    def key(self) -> tuple[str, Span]:
        return (self.rule_id, self.primary)


class Analysis(NamedTuple):
    """What the engine found in one document (spans in source offsets)."""

    tallies: tuple[Tally, ...] = ()
    findings: tuple[Finding, ...] = ()


class FileReport(NamedTuple):
    """One input file: its text and analysis, or the reason it could not be read."""

    path: str
    text: str = ""
    analysis: Analysis = Analysis()
    error: str | None = None
    part: str | None = None  # this file's share of a streamed report, rendered where it was checked (render.prerender)
