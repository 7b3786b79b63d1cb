"""Closed intervals of possible true values, with exact rational arithmetic.

Every stated number is an interval: "32" is [32, 32], "more than 30" is [31, inf),
"33%" is [32.5, 33.5]. A tally is wrong only when no choice of values inside the
intervals makes it right, so all comparisons here are interval overlaps.
"""

from __future__ import annotations

import math
from fractions import Fraction

Number = int | Fraction | float  # int for whole numbers, Fraction for the rest, float only for math.inf
Exact = int | Fraction  # a number as stated: int when whole (the arithmetic runs in C), else a Fraction

INF: float = math.inf


def _fmt(x: Number) -> str:
    if x == INF:
        return "∞"
    if isinstance(x, int) or (type(x) is Fraction and x.denominator == 1):
        n = int(x)
        return f"{n:,}" if abs(n) >= 1_000 else str(n)  # as news copy writes them: 4,800
    f = float(x)
    text = f"{f:.2f}".rstrip("0").rstrip(".")
    return text


class Interval:
    """[low, high]. (A class, not a NamedTuple: compiled, a NamedTuple is made through an interpreted
    ``__new__``, and the arithmetic makes thousands.)"""

    __slots__ = ("high", "low")

    def __init__(self, low: Number, high: Number) -> None:
        self.low = low
        self.high = high

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Interval) and self.low == other.low and self.high == other.high

    def __hash__(self) -> int:
        return hash((self.low, self.high))

    def __repr__(self) -> str:
        return f"Interval(low={self.low!r}, high={self.high!r})"

    def __reduce__(self) -> tuple[type[Interval], tuple[Number, Number]]:
        return Interval, (self.low, self.high)  # (a compiled class pickles only so: a folder run's reports)

    @classmethod
    def exact(cls, value: Number | int) -> Interval:
        v = _simplest(value)
        return cls(v, v)

    @property
    def is_exact(self) -> bool:
        return self.low == self.high

    def simplified(self) -> Interval:
        """The same interval with whole-number bounds as int: a fraction of the cost of Fraction arithmetic."""
        return Interval(_simplest(self.low), _simplest(self.high))

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.low + other.low, self.high + other.high)

    def scale(self, k: int) -> Interval:
        return Interval(self.low * k, self.high * k)

    def overlaps(self, other: Interval) -> bool:
        return self.low <= other.high and other.low <= self.high

    def hull(self, other: Interval) -> Interval:
        return Interval(min(self.low, other.low), max(self.high, other.high))


    def describe(self) -> str:
        if self.is_exact:
            return _fmt(self.low)
        if self.high == INF:
            return f"≥{_fmt(self.low)}"
        return f"{_fmt(self.low)}–{_fmt(self.high)}"

    def json_bound(self, which: str) -> int | float | None:
        x = self.low if which == "low" else self.high
        if x == INF:
            return None
        if isinstance(x, int):
            return x
        if type(x) is Fraction and x.denominator == 1:
            return x.numerator
        return float(x)


def _simplest(x: Number | int) -> Number | int:
    # (type(x) is Fraction, not isinstance: Fraction is an abstract base class's subclass, and isinstance
    # against it runs abc's Python-level check for every int and float it is given)
    if type(x) is Fraction and x.denominator == 1:
        return x.numerator
    return x


def fmt_number(x: Number) -> str:
    return _fmt(x)

