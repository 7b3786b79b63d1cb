"""Offsets round-trip: plain-text spans map back to the exact source characters, and lines/columns agree."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.offsets import LineIndex, OffsetMap, OffsetMapBuilder
from checker.runner import RunOptions, check_one

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_identity_map() -> None:
    m = OffsetMap.identity(10)
    assert [m.to_source(i) for i in range(10)] == list(range(10))
    assert m.span_to_source(2, 5) == (2, 5)


def test_builder_copies_and_replacements_map_back() -> None:
    source = "Tom &amp; Jerry: **32** drones"
    b = OffsetMapBuilder(len(source))
    b.copy(source, 0, 4)  # "Tom "
    b.replace("&", 4, 9)  # "&amp;"
    b.copy(source, 9, 17)  # " Jerry: "
    b.copy(source, 19, 21)  # "32" (inside ** **)
    b.copy(source, 23, len(source))  # " drones"
    plain, offsets = b.build()
    assert plain == "Tom & Jerry: 32 drones"
    start = plain.index("32 drones")
    s, e = offsets.span_to_source(start, start + 2)
    assert source[s:e] == "32"
    s, e = offsets.span_to_source(plain.index("&"), plain.index("&") + 1)
    assert source[s:e] == "&amp;"
    s, e = offsets.span_to_source(start, len(plain))
    assert source[s:e] == "32** drones"


@pytest.mark.parametrize("text", ["a\nb\nc", "a\r\nb\r\nc", "a\rb\rc", "\n\n", "é😀\nx", ""])
def test_line_index_agrees_with_splitlines(text: str) -> None:
    index = LineIndex(text)
    for offset in range(len(text) + 1):
        if text[offset - 1 : offset + 1] == "\r\n":
            continue  # the LF of a CRLF belongs to the line the CR ends
        line, column = index.position(offset)
        before = text[:offset]
        expected_line = before.count("\n") + before.count("\r") - before.count("\r\n") + 1
        last_break = max(before.rfind("\n"), before.rfind("\r"))
        assert (line, column) == (expected_line, offset - last_break), (text, offset)


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".md", ".html")))
def test_every_reported_span_is_exact_source_text(name: str) -> None:
    report = check_one(str(EXAMPLES / name), RunOptions())
    text, index = report.text, LineIndex(report.text)
    spans = [f.primary for f in report.analysis.findings]
    spans += [r.span for f in report.analysis.findings for r in f.related]
    spans += [t.total.span for t in report.analysis.tallies]
    spans += [p.quantity.span for t in report.analysis.tallies for p in t.parts]
    assert spans or name == "numbers-that-are-not-counts.txt"
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
        piece = text[span.start : span.end]
        assert piece == piece.strip() and piece, (name, piece)
        assert any(ch.isdigit() or ch.isalpha() for ch in piece)
        line, column = index.position(span.start)
        assert text.splitlines(keepends=True)[line - 1][column - 1 :].startswith(piece.splitlines()[0])
