"""The ASCII twins of the letter patterns (used when a text is all ASCII, where they are cheaper)
find exactly what the Unicode patterns find in such text."""

from __future__ import annotations

import string
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from checker import numbers, tokens
from checker.segment import Sentence

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PAIRS = [
    (tokens._WORD_OR_PUNCT, tokens._ASCII_WORD_OR_PUNCT),
    (numbers._DIGIT_OR_RUN, numbers._ASCII_DIGIT_OR_RUN),
    (numbers._WORDS, numbers._ASCII_WORDS),
]
# every ASCII character, with more of the ones the patterns turn on
ascii_text = st.text(st.sampled_from(string.printable + "\x1c\x1d\x1e\x1f\x00\x7f" + "'-" * 10 + " " * 10), max_size=80)


def spans(pattern, text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(ascii_text)
def test_ascii_twins_match_the_unicode_patterns_on_ascii_text(text: str) -> None:
    for unicode_pattern, ascii_pattern in PAIRS:
        assert spans(ascii_pattern, text) == spans(unicode_pattern, text)


def test_ascii_twins_on_the_examples() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.iterdir()) if p.suffix in (".txt", ".md")]
    ascii_texts = [t for t in texts if t.isascii()]
    assert len(ascii_texts) >= 3
    for text in ascii_texts:
        for unicode_pattern, ascii_pattern in PAIRS:
            assert spans(ascii_pattern, text) == spans(unicode_pattern, text)


def test_non_ascii_text_keeps_the_unicode_pattern() -> None:
    # "café’s" is one word to the Unicode pattern; the ASCII twin would split it, which is why it is
    # used only when the whole text is ASCII
    text = "Officials in Zürich’s café-district counted 12 drones."
    words = [text[t.start : t.end] for t in tokens.tokenize(text, [], [Sentence(0, len(text), 0)])]
    assert "Zürich’s" in words and "café-district" in words


# runs of number words, other words that contain them, digits glued to letters, and the separators between them
word_runs = st.lists(
    st.tuples(
        st.sampled_from(["one", "someone", "Two", "twenty", "tWenty-one", "dozens", "of", "a", "A", "about", "often",
                         "hundred", "1990s", "Su-34", "12th", "5", "1,200", "3.5", "x_7", "half", "tenth", "drones"]),
        st.sampled_from([" ", "-", "_", ", ", "", ". ", "\n"]),
    ),
    max_size=12,
).map(lambda pairs: "".join(word + sep for word, sep in pairs))


@settings(max_examples=400, deadline=None)
@given(ascii_text | word_runs)
def test_ascii_candidates_are_the_run_candidates(text: str) -> None:
    # the ASCII path splits the text instead of matching each run: the numbers may start at the same places
    grammar = numbers.grammar_for(())
    words = grammar._first_words
    assert words is not None
    assert list(numbers._ascii_candidate_spans(text, words)) == \
        list(numbers._run_candidate_spans(text, words, grammar._first_word))


def test_ascii_candidates_on_the_examples() -> None:
    grammar = numbers.grammar_for(())
    words = grammar._first_words
    assert words is not None
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.iterdir()) if p.suffix in (".txt", ".md")]
    found: list[str] = []
    for text in (t for t in texts if t.isascii()):
        spans = list(numbers._ascii_candidate_spans(text, words))
        assert spans == list(numbers._run_candidate_spans(text, words, grammar._first_word))
        found += (text[s:e] for s, e in spans)
    assert any(f.isdigit() for f in found) and any(f.isalpha() for f in found)


# news copy's other characters: curly quotes and apostrophes, dashes, an ellipsis, no-break and thin spaces, a
# degree sign, and letters, digits and a combining accent outside ASCII (which send it down the slow path)
unicode_text = st.text(st.sampled_from(string.ascii_letters[:10] + "0123456789 ,.-'" + " " * 8
                                       + "’‘“”—–…«»°\u00a0\u2009\u202f" + "éŁ٣²\u0301"), max_size=80)


@settings(max_examples=400, deadline=None)
@given(unicode_text | word_runs.map(lambda t: t.replace(" ", "\u00a0").replace("-", "–")))
def test_candidates_in_text_with_curly_quotes_and_dashes(text: str) -> None:
    # where every character outside ASCII is a separator, the text takes the ASCII path with those as "?"
    grammar = numbers.grammar_for(())
    words = grammar._first_words
    assert words is not None
    assert list(grammar._candidate_spans(text)) == list(numbers._run_candidate_spans(text, words, grammar._first_word))
