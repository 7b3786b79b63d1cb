"""Cut a long document into overlapping stretches the engine checks one at a time.

A tally reaches at most a few paragraphs (``tallies.scope.SCOPE_BLOCKS``), so a document can
be checked a stretch at a time: each stretch has a *core* of sentences whose totals it
reports and a *margin* of context on each side, so a total near the edge still sees its
parts. Time stays linear and memory bounded by the stretch, not by the document -- a
10 MB archive file costs what a few hundred kilobytes do. A document shorter than one
stretch is checked whole, exactly as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from .segment import Sentence

CORE_CHARS = 200_000  # text per stretch: far more than any article
MARGIN_BLOCKS = 4  # context on each side, in paragraphs (one more than a tally's reach)
MARGIN_SENTENCES = 40  # and at most this many sentences


class Stretch(NamedTuple):
    """Sentences [lo, hi) are read; totals in sentences [core_lo, core_hi) are reported."""

    lo: int
    hi: int
    core_lo: int
    core_hi: int


def plan(sentences: Sequence[Sentence], core_chars: int = CORE_CHARS) -> list[Stretch]:
    """Stretches covering every sentence once as core; cuts fall on paragraph boundaries when it can."""
    n = len(sentences)
    if n == 0:
        return []
    if sentences[-1].end - sentences[0].start <= core_chars:
        return [Stretch(0, n, 0, n)]
    cores: list[tuple[int, int]] = []
    lo = 0
    while lo < n:
        hi = lo + 1
        start = sentences[lo].start
        while hi < n and sentences[hi].end - start <= core_chars:
            hi += 1
        if hi < n:  # step back to the last paragraph boundary, unless that loses more than half the stretch
            back = hi
            while back > lo + 1 and sentences[back].block == sentences[back - 1].block:
                back -= 1
            if sentences[back - 1].end - start >= core_chars // 2:
                hi = back
        cores.append((lo, hi))
        lo = hi
    return [Stretch(_margin_before(sentences, a), _margin_after(sentences, b), a, b) for a, b in cores]


def _margin_before(sentences: Sequence[Sentence], core_lo: int) -> int:
    if core_lo == 0:
        return 0
    block = sentences[core_lo].block
    k = core_lo
    while k > 0 and core_lo - k < MARGIN_SENTENCES and block - sentences[k - 1].block <= MARGIN_BLOCKS:
        k -= 1
    return k


def _margin_after(sentences: Sequence[Sentence], core_hi: int) -> int:
    n = len(sentences)
    if core_hi >= n:
        return n
    block = sentences[core_hi - 1].block
    k = core_hi
    while k < n and k - core_hi < MARGIN_SENTENCES and sentences[k].block - block <= MARGIN_BLOCKS:
        k += 1
    return k
