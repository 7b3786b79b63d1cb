"""The tokenizer reads most words with ``split`` and the rest with its pattern: the tokens must be exactly
the ones the pattern finds between the numbers."""

from __future__ import annotations

import string
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from checker import tokens
from checker.numbers import grammar_for
from checker.segment import Sentence, segmenter_for

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
# letters, digits, the characters words join with, punctuation, "_", spaces of several kinds, a combining
# accent, and letters and digits outside ASCII
chars = st.sampled_from(string.ascii_letters[:8] + "0123456789" + "'’-‐" * 3 + ".,;:!?()\"“”%$_" + " " * 12
                        + "\n\t\u00a0\u2009\x1c" + "éüŁ" + "\u0301" + "²½٣")
texts = st.text(chars, max_size=80)


def by_pattern(text: str, sentences: list[Sentence], mentions: list) -> list[tuple[int, int, str]]:
    """Every token as the pattern finds it: the words between the numbers, then each number."""
    pattern = tokens._ASCII_WORD_OR_PUNCT if text.isascii() else tokens._WORD_OR_PUNCT
    out = []
    for sent in sentences:
        pos = sent.start
        inside = [m for m in mentions if sent.start <= m.start < sent.end]
        for m in inside:
            out += [(w.start(), w.end(), w.group()) for w in pattern.finditer(text, pos, max(pos, m.start))]
            end = min(m.end, sent.end)
            out.append((m.start, end, text[m.start : end]))
            pos = end
        out += [(w.start(), w.end(), w.group()) for w in pattern.finditer(text, pos, sent.end)]
    return out


def by_tokenizer(text: str, sentences: list[Sentence], mentions: list) -> list[tuple[int, int, str]]:
    return [(t.start, t.end, t.text) for t in tokens.tokenize(text, mentions, sentences)]


@settings(max_examples=500, deadline=None)
@given(texts)
def test_tokens_are_what_the_pattern_finds(text: str) -> None:
    sentences = [Sentence(0, len(text), 0)]
    assert by_tokenizer(text, sentences, []) == by_pattern(text, sentences, [])


@settings(max_examples=300, deadline=None)
@given(texts)
def test_tokens_around_numbers_are_what_the_pattern_finds(text: str) -> None:
    segmenter = segmenter_for(())
    sentences = segmenter.sentences(text, segmenter.blocks(text))
    mentions = grammar_for(()).scan(text)
    assert by_tokenizer(text, sentences, mentions) == by_pattern(text, sentences, mentions)


def test_tokens_of_the_examples() -> None:
    segmenter = segmenter_for(())
    grammar = grammar_for(())
    paths = [p for p in sorted(EXAMPLES.iterdir()) if p.suffix in (".txt", ".md")]
    assert len(paths) >= 3
    for path in paths:
        text = path.read_text(encoding="utf-8")
        sentences = segmenter.sentences(text, segmenter.blocks(text))
        mentions = grammar.scan(text)
        assert mentions
        assert by_tokenizer(text, sentences, mentions) == by_pattern(text, sentences, mentions)


def test_a_word_and_its_comma_are_two_tokens() -> None:
    text = "Drones hit Kharkiv, Sumy and al-Hasakah’s airport_2."
    words = by_tokenizer(text, [Sentence(0, len(text), 0)], [])
    assert [w for _, _, w in words] == ["Drones", "hit", "Kharkiv", ",", "Sumy", "and", "al-Hasakah’s", "airport",
                                        "2", "."]
