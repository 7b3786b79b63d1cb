"""The number grammar against tests/spec/numbers.toml, negatives included."""

from __future__ import annotations

import itertools
import tomllib
from fractions import Fraction
from pathlib import Path

import pytest

from checker.intervals import INF
from checker.numbers import NumberMention, find_numbers

SPEC = tomllib.loads((Path(__file__).parent / "spec" / "numbers.toml").read_text(encoding="utf-8"))["case"]


def _interval(value: str) -> tuple[Fraction, Fraction | float]:
    if ".." not in value:
        return Fraction(value), Fraction(value)
    low, high = value.split("..")
    return Fraction(low), (Fraction(high) if high else INF)


def _as_spec(m: NumberMention) -> tuple[str, str]:
    return m.text, m.kind


@pytest.mark.parametrize("case", SPEC, ids=[c["text"][:40] for c in SPEC])
def test_number_spec(case: dict) -> None:
    found = find_numbers(case["text"])
    assert [_as_spec(m) for m in found] == [(n["text"], n["kind"]) for n in case["numbers"]]
    for m, want in zip(found, case["numbers"], strict=True):
        low, high = _interval(want["value"])
        assert (m.value.low, m.value.high) == (low, high), m.text
        assert case["text"][m.start : m.end] == m.text


def test_mentions_do_not_overlap_and_stay_in_order() -> None:
    text = " ".join(c["text"] for c in SPEC)
    found = find_numbers(text)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_tabs_do_not_shift_offsets() -> None:
    text = "\tAir defences\tdestroyed\t32 drones"
    (m,) = find_numbers(text)
    assert text[m.start : m.end] == "32"


@pytest.mark.parametrize("text", ["fırst", "ſeven drones", "The ſixty passengers", "twenty-fırst", "İkinci"])
def test_words_only_unicode_case_folding_matches_are_no_numbers(text: str) -> None:
    # Python's case-insensitive regex matches "ı" to "i" and "ſ" to "s": such a word is not a number
    # word, and reading it must not fail (the CLI used to stop with an internal KeyError)
    assert [m.text for m in find_numbers(text) if any(not c.isascii() for c in m.text)] == []


def test_a_number_next_to_such_a_word_is_still_read() -> None:
    found = find_numbers("Air defences destroyed 32 drones on the fırst night.")
    assert [m.text for m in found] == ["32"]
