"""Exact offsets from derived plain text back to the source, and offsets to line/column.

Markdown and HTML sources are reduced to plain text before analysis. Every character of
that plain text remembers where it came from, so a finding's span is mapped back to the
file exactly -- the source is never searched again for a matched string (Vale's known
hack, which fails on repeated phrases).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass


@dataclass(slots=True, unsafe_hash=True)
class Segment:
    """Plain ``[plain_start, plain_end)`` came from source ``[src_start, src_end)``.

    When both lengths agree the copy is verbatim and offsets map one to one; otherwise
    (an entity such as ``&amp;``, a synthetic block separator) every plain offset in the
    segment maps to the whole source range.
    """

    # (Not a NamedTuple: compiled, one is made through an interpreted __new__. The __init__ is written out
    # for the same reason: the one dataclasses generates runs interpreted.)
    plain_start: int
    plain_end: int
    src_start: int
    src_end: int

    def __init__(self, plain_start: int, plain_end: int, src_start: int, src_end: int) -> None:
        self.plain_start = plain_start
        self.plain_end = plain_end
        self.src_start = src_start
        self.src_end = src_end

    @property
    def verbatim(self) -> bool:
        return self.plain_end - self.plain_start == self.src_end - self.src_start


class OffsetMap:
    """Maps plain-text offsets to source offsets through a sorted list of segments."""

    __slots__ = ("_segments", "_starts", "plain_length", "source_length")

    def __init__(self, segments: list[Segment], plain_length: int, source_length: int) -> None:
        self._segments = segments
        self._starts = [s.plain_start for s in segments]
        self.plain_length = plain_length
        self.source_length = source_length

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls([Segment(0, length, 0, length)], length, length)

    def _segment_at(self, pos: int) -> Segment | None:
        i = bisect_right(self._starts, pos) - 1
        if i < 0:
            return None
        return self._segments[i]

    def to_source(self, pos: int) -> int:
        """Source offset of the plain character at ``pos`` (its start)."""
        seg = self._segment_at(pos)
        if seg is None:
            return 0
        if pos >= seg.plain_end:
            return seg.src_end
        if seg.verbatim:
            return seg.src_start + (pos - seg.plain_start)
        return seg.src_start

    def _end_to_source(self, end: int) -> int:
        """Source offset just after the plain character at ``end - 1``."""
        seg = self._segment_at(end - 1)
        if seg is None:
            return 0
        if seg.verbatim and end <= seg.plain_end:
            return seg.src_start + (end - seg.plain_start)
        return seg.src_end

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a non-empty plain span to the smallest source span holding all its characters."""
        if end <= start:
            s = self.to_source(start)
            return s, s
        return self.to_source(start), self._end_to_source(end)


class OffsetMapBuilder:
    """Accumulates plain text while recording where each piece came from."""

    __slots__ = ("_length", "_parts", "_segments", "source_length")

    def __init__(self, source_length: int) -> None:
        self.source_length = source_length
        self._parts: list[str] = []
        self._segments: list[Segment] = []
        self._length = 0

    def copy(self, source: str, src_start: int, src_end: int) -> None:
        """Append ``source[src_start:src_end]`` verbatim."""
        if src_end <= src_start:
            return
        self._append(source[src_start:src_end], src_start, src_end)

    def replace(self, text: str, src_start: int, src_end: int) -> None:
        """Append ``text`` standing for the source range (a decoded entity, a separator)."""
        if not text:
            return
        self._append(text, src_start, src_end)

    def _append(self, text: str, src_start: int, src_end: int) -> None:
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        self._segments.append(Segment(start, self._length, src_start, src_end))

    @property
    def length(self) -> int:
        return self._length

    def tail(self, n: int) -> str:
        """The last ``n`` characters appended so far (for separator decisions)."""
        if n <= 0:
            return ""
        pieces, size = [], 0
        for part in reversed(self._parts):  # joined once: prepending piece by piece is quadratic
            pieces.append(part)
            size += len(part)
            if size >= n:
                break
        return "".join(reversed(pieces))[-n:]

    def build(self) -> tuple[str, OffsetMap]:
        return "".join(self._parts), OffsetMap(self._segments, self._length, self.source_length)


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """Turns 0-based code-point offsets into 1-based line and column numbers.

    Lines end at ``\\n``, ``\\r\\n`` or a lone ``\\r``; columns count code points.
    """

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        # one regex pass: linear in the text, whatever mix of CR, LF and CRLF it holds
        self._starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), both 1-based, of the character at ``offset``."""
        i = bisect_right(self._starts, offset) - 1
        return i + 1, offset - self._starts[i] + 1
