"""The values that flow out of the engine: spans, tallies, findings, file reports.

Nothing here is changed once made (the tally types are dataclasses, the rest NamedTuples). Spans
are 0-based code-point offsets into the *source* text of a file (end exclusive); renderers turn them
into lines and columns.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, NamedTuple

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


@dataclass(slots=True, unsafe_hash=True)
class Quantity:
    """A stated number: its value as written, the interval it stands for, where it is."""

    # (Not a NamedTuple: compiled, one is made through an interpreted __new__. The __init__ is written out
    # for the same reason, and __reduce__ is how a compiled class pickles: a folder run's reports.)
    stated: int | float
    value: Interval
    span: Span
    label: str

    def __init__(self, stated: int | float, value: Interval, span: Span, label: str) -> None:
        self.stated = stated
        self.value = value
        self.span = span
        self.label = label

    def __reduce__(self) -> tuple[type[Quantity], tuple[Any, ...]]:
        return Quantity, (self.stated, self.value, self.span, self.label)


@dataclass(slots=True, unsafe_hash=True)
class Part:
    """One item of a breakdown.

    ``multiplier`` is the number of places a distributive count applies to ("four
    each over A and B" has 2). ``ambiguous`` marks a count over several places without
    "each": it is read both as a joint count (x1) and per place (x multiplier).
    ``remainder`` marks "the rest" with no number of its own (value unknown, >= 0).
    """

    # (Not a NamedTuple: compiled, one is made through an interpreted __new__. The __init__ is written out
    # for the same reason, and __reduce__ is how a compiled class pickles: a folder run's reports.)
    quantity: Quantity
    multiplier: int = 1
    ambiguous: bool = False
    places: tuple[str, ...] = ()
    remainder: bool = False

    def __init__(self, quantity: Quantity, multiplier: int = 1, ambiguous: bool = False,
                 places: tuple[str, ...] = (), remainder: bool = False) -> None:
        self.quantity = quantity
        self.multiplier = multiplier
        self.ambiguous = ambiguous
        self.places = places
        self.remainder = remainder

    def __reduce__(self) -> tuple[type[Part], tuple[Any, ...]]:
        return Part, (self.quantity, self.multiplier, self.ambiguous, self.places, self.remainder)


@dataclass(slots=True, unsafe_hash=True)
class Reading:
    """One way of reading the parts: its arithmetic and the interval it sums to."""

    # (Not a NamedTuple: compiled, one is made through an interpreted __new__. The __init__ is written out
    # for the same reason, and __reduce__ is how a compiled class pickles: a folder run's reports.)
    expression: str
    value: Interval
    distributive: bool = False

    def __init__(self, expression: str, value: Interval, distributive: bool = False) -> None:
        self.expression = expression
        self.value = value
        self.distributive = distributive

    def __reduce__(self) -> tuple[type[Reading], tuple[Any, ...]]:
        return Reading, (self.expression, self.value, self.distributive)


class Status(StrEnum):
    CONSISTENT = "consistent"
    MISMATCH = "mismatch"
    AMBIGUOUS = "ambiguous"
    PARTIAL = "partial"


@dataclass(slots=True, unsafe_hash=True)
class Tally:
    """A total grouped with what it was compared against.

    ``kind`` is ``breakdown`` (parts add up to the total), ``restated`` (the same total
    stated twice), ``shares`` (percentages of one whole) or ``list-count`` (a number of
    places against the places named). ``relation`` is ``equal`` for a complete
    breakdown and ``at_most`` for a partial one ("including", "among them").
    """

    # (Not a NamedTuple: compiled, one is made through an interpreted __new__. The __init__ is written out
    # for the same reason, and __reduce__ is how a compiled class pickles: a folder run's reports.)
    kind: str
    unit: str | None
    relation: str
    total: Quantity
    parts: tuple[Part, ...]
    readings: tuple[Reading, ...]
    status: Status
    sum: Interval
    family: str = "sum"

    def __init__(self, kind: str, unit: str | None, relation: str, total: Quantity, parts: tuple[Part, ...],
                 readings: tuple[Reading, ...], status: Status, sum: Interval, family: str = "sum") -> None:
        self.kind = kind
        self.unit = unit
        self.relation = relation
        self.total = total
        self.parts = parts
        self.readings = readings
        self.status = status
        self.sum = sum
        self.family = family

    def __reduce__(self) -> tuple[type[Tally], tuple[Any, ...]]:
        return Tally, (self.kind, self.unit, self.relation, self.total, self.parts, self.readings, self.status,
                       self.sum, self.family)


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
