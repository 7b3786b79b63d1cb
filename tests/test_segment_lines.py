"""Lines come from ``str.find`` when a text has no carriage return: the same spans as the line pattern."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker import segment


@settings(max_examples=400, deadline=None)
@given(st.text(st.sampled_from("ab .\n\r\t\u2028\x0b\x0c"), max_size=60))
def test_line_spans_are_what_the_line_pattern_finds(text: str) -> None:
    assert segment._line_spans(text) == [m.span() for m in segment._LINE.finditer(text)]


def test_blank_lines_make_no_blocks_and_the_last_line_counts() -> None:
    text = "Headline without a stop\n\n  \nFloods killed 23 people.\nThe agency said so"
    blocks = segment.segmenter_for().blocks(text)
    assert [text[b.start : b.end] for b in blocks] == [
        "Headline without a stop", "Floods killed 23 people.", "The agency said so"]
