"""PhraseSet's indexed lookups find what trying every length, longest first, finds."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.lexicon import PhraseSet, phrase_tokens

WORDS = ["a", "total", "of", "the", "rest", "in", "all", "each", "more", "than", "x"]


def _phrases(ps: dict[str, Any]) -> dict[tuple[str, ...], Any]:
    return {phrase_tokens(p): v for p, v in ps.items() if phrase_tokens(p)}


def reference_match(ps: dict[str, Any], words: list[str], i: int) -> tuple[int, Any] | None:
    table = _phrases(ps)
    longest = max((len(t) for t in table), default=0)
    for n in range(min(longest, len(words) - i), 0, -1):
        value = table.get(tuple(words[i : i + n]))
        if value is not None:
            return n, value
    return None


def reference_match_ending(ps: dict[str, Any], words: list[str], j: int) -> tuple[int, Any] | None:
    table = _phrases(ps)
    longest = max((len(t) for t in table), default=0)
    for n in range(min(longest, j), 0, -1):
        value = table.get(tuple(words[j - n : j]))
        if value is not None:
            return n, value
    return None


phrase_sets = st.dictionaries(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join),
                              st.sampled_from([True, "total", 3, None]), max_size=8)
word_lists = st.lists(st.sampled_from(WORDS), max_size=8)


@settings(max_examples=400, deadline=None)
@given(phrase_sets, word_lists)
def test_longest_phrase_at_every_position(ps, words):
    phrase_set = PhraseSet(ps)
    for i in range(len(words) + 1):
        found = phrase_set.match(words, i)
        assert found == (reference_match(ps, words, i) if i < len(words) else None)
        assert phrase_set.match_ending(words, i) == reference_match_ending(ps, words, i)
