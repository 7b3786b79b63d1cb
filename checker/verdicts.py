"""Evaluate a group: every reading of its parts, in interval arithmetic, against its total.

A count over several places without "each" ("three UAVs over the Azov Sea and the
Leningrad region") is read both jointly (x1) and per place (x2). A verdict is a mismatch
only when *no* combination of readings, and no value inside any stated interval, makes
the total right.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import product
from typing import NamedTuple

from .claims import Claim
from .intervals import INF, Interval, Number, fmt_number

MAX_COMBINATIONS = 1024
EQUAL = "equal"
AT_MOST = "at_most"


class Option(NamedTuple):
    multiplier: int
    distributive: bool


UNKNOWN = 0  # a multiplier the text does not give ("one seat each", to how many?)
# the readings most parts have, built once: the tally passes ask for a part's readings again and again
_AS_STATED = (Option(1, False),)
_EACH_OF_UNKNOWN = (Option(UNKNOWN, True),)
_EACH_OF: dict[int, Option] = {}  # Option(n, True) by n, made once: compiled, a NamedTuple is made in Python


def _each_of(n: int) -> Option:
    option = _EACH_OF.get(n)
    if option is None:
        option = _EACH_OF[n] = Option(n, True)
    return option


def options(c: Claim) -> tuple[Option, ...]:
    n = max(1, len(c.places))
    if c.remainder and c.value is None:
        return _AS_STATED
    if c.each_count:
        return (_each_of(c.each_count),)
    if (c.each or c.subject_each) and not c.places:
        return _EACH_OF_UNKNOWN
    if c.each or c.subject_each:
        return (_each_of(n),)
    if n > 1 and not c.remainder and not c.percent:  # a share is of one whole: "Law and Justice on 38%"
        return (_AS_STATED[0], _each_of(n))
    return _AS_STATED


def contribution(c: Claim, opt: Option) -> Interval:
    if c.value is None:
        return Interval(0, INF)  # "the rest": any number of its own
    if opt.multiplier == UNKNOWN:
        return Interval(c.value.low, INF)  # at least one share of it
    if opt.multiplier == 1:
        return c.value  # what scaling by one gives (the same bounds, of the same types), without the work
    return c.value.scale(opt.multiplier)


def _combos(parts: Sequence[Claim]) -> list[tuple[Option, ...]]:
    choices = [options(p) for p in parts]
    count = 1
    for ch in choices:
        count *= len(ch)
    if count <= MAX_COMBINATIONS:
        return list(product(*choices))
    # too many ambiguous parts: the two uniform readings only
    return [tuple(ch[0] for ch in choices), tuple(ch[-1] for ch in choices)]


def total_of(parts: Sequence[Claim], combo: Sequence[Option]) -> Interval:
    low: Number = 0
    high: Number = 0
    for p, opt in zip(parts, combo, strict=True):  # the bounds added up in turn, as Interval.__add__ would
        value = contribution(p, opt)
        low = low + value.low
        high = high + value.high
    return Interval(low, high)


def reading_sums(parts: Sequence[Claim]) -> list[Interval]:
    """The sum of the parts under every reading (literal and distributive)."""
    return [total_of(parts, combo) for combo in _combos(parts)]


def fits(value: Interval, total: Interval, relation: str) -> bool:
    if relation == EQUAL:
        return value.overlaps(total)
    return value.low <= total.high


def readings_fit(parts: Sequence[Claim], total: Claim, relation: str) -> bool:
    """Whether any reading of the parts (literal or distributive) fits the total."""
    if total.value is None:
        return False
    return any(fits(total_of(parts, combo), total.value, relation) for combo in _combos(parts))


class Verdict(NamedTuple):
    status: str  # consistent | mismatch | ambiguous | partial
    readings: tuple[tuple[str, Interval, bool], ...]  # (expression, sum, distributive reading)
    sum: Interval


def evaluate(parts: Sequence[Claim], total: Claim, relation: str) -> Verdict:
    combos = _combos(parts)
    sums = {c: total_of(parts, c) for c in combos}
    assert total.value is not None
    fitting = [(c, s) for c, s in sums.items() if fits(s, total.value, relation)]
    literal = tuple(options(p)[0] for p in parts)
    distributive = tuple(options(p)[-1] for p in parts)
    shown = [literal] if literal == distributive else [literal, distributive]
    readings = tuple((expression(parts, c), sums[c], c != literal) for c in shown)
    values = list(sums.values())
    hull = values[0]
    for s in values[1:]:
        hull = hull.hull(s)
    literal_fits = fits(sums[literal], total.value, relation)
    if not fitting:
        return Verdict("mismatch", readings, hull)
    if relation == EQUAL and not literal_fits and all(any(o.distributive and not p.each and not p.subject_each
                                                          for p, o in zip(parts, c, strict=True))
                                                      for c, _ in fitting):
        return Verdict("ambiguous", readings, hull)
    if relation == AT_MOST and not any(s.overlaps(total.value) for _, s in fitting):
        return Verdict("partial", readings, hull)
    return Verdict("consistent", readings, hull)


def term(c: Claim, opt: Option) -> str:
    if c.value is None:
        return "rest"
    text = stated_text(c)
    if opt.multiplier == UNKNOWN:
        return f"{text}×n"
    if opt.multiplier > 1:
        return f"{text}×{opt.multiplier}"
    return text


def stated_text(c: Claim) -> str:
    if c.stated is None or c.value is None:
        return "?"
    base = fmt_number(c.stated)
    v = c.value
    if v.is_exact:
        return base
    if v.high == INF:
        return f"≥{fmt_number(v.low)}" if v.low == c.stated else f">{base}"
    if v.low == 0:
        return f"≤{fmt_number(v.high)}"
    if v.low < c.stated < v.high:
        return f"~{base}"
    return f"{fmt_number(v.low)}–{fmt_number(v.high)}"


def expression(parts: Sequence[Claim], combo: Sequence[Option]) -> str:
    return " + ".join(term(p, o) for p, o in zip(parts, combo, strict=True))
