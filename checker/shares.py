"""Shares of one whole: percentages listed side by side must fit in 100%.

"45% yes, 36% no, 18% not sure": each share stands for the interval its rounding
allows (45% is 44.5-45.5), so the list fits when some choice of values adds up to 100.
A list can never exceed 100%; it must reach 100% only when it is presented as a full
set of answers (a column of "N% answer" lines, or a list that ends with the undecided).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from fractions import Fraction

from .claims import Claim
from .intervals import Interval
from .segment import Block
from .tallies import AT_MOST, EQUAL, Group
from .tokens import Token

_SEPARATORS = frozenset({",", ";", "and", "while", "whereas", "with", "—", "–", "-", "said", "of"})
_CHANGE = frozenset({"up", "down", "rise", "fall", "rose", "fell", "increase", "decrease", "gain", "drop", "points",
                     "from", "than", "by", "growth", "grew", "jumped", "slipped", "threshold", "turnout", "inflation",
                     "interest", "rate", "margin", "cushion", "lead", "swing", "compared"})
_RESIDUAL = frozenset({"undecided", "unsure", "other", "others", "don't", "not", "neither", "none", "refused",
                       "remaining", "rest"})


def share_groups(claims: Sequence[Claim], toks: Sequence[Token], blocks: Sequence[Block]) -> list[Group]:
    words = [t.low for t in toks]
    out: list[Group] = []
    run: list[Claim] = []

    def flush() -> None:
        if len(run) >= 2:
            group = _group(run, words, blocks)
            if group is not None:
                out.append(group)
        run.clear()

    for c in claims:
        if c.value is None and not c.percent:
            continue  # "the remaining candidates 13.8%": the words of a share, not a count
        if not c.percent or c.value is None or c.stated is None or c.stated > 100:
            flush()
            continue
        if _context_excludes(c, toks):
            flush()
            continue
        if run and not _linked(run[-1], c, words, blocks):
            flush()
        run.append(c)
    flush()
    return out


def _context_excludes(c: Claim, toks: Sequence[Token]) -> bool:
    """"up 4 points", "inflation of 6%", "turnout was 61%": not a share of the list's whole."""
    window = {t.low for t in toks[max(0, c.index - 3) : c.index + 4] if t.sentence == c.sentence}
    return bool(window & _CHANGE)


def _linked(a: Claim, b: Claim, words: Sequence[str], blocks: Sequence[Block]) -> bool:
    if a.block != b.block:
        # a column of one-line shares: "45% Yes" / "36% No" / "18% Not sure", or a bulleted list
        return b.block == a.block + 1 and all(_share_line(blocks[x], c) for x, c in ((a.block, a), (b.block, b)))
    if a.sentence != b.sentence:
        return False
    gap = words[a.index + 1 : b.index]
    return 0 < len(gap) <= 8 and any(w in _SEPARATORS for w in gap)


def _share_line(block: Block, c: Claim) -> bool:
    """A block that is one short line opening with its share ("51% Yes", "- 48% support the budget")."""
    return block.kind == "list_item" or (c.start - block.start <= 2 and block.end - block.start <= 60)


def _group(run: list[Claim], words: Sequence[str], blocks: Sequence[Block]) -> Group | None:
    column = len({c.block for c in run}) == len(run) and len(run) >= 3
    residual = any(set(words[c.index + 1 : c.index + 5]) & _RESIDUAL for c in run)
    relation = EQUAL if column or residual else AT_MOST
    # the whole has no words of its own: the finding points at the first share and lists them all
    whole = replace(run[0], value=Interval.exact(100), stated=Fraction(100), places=[], label="100%")
    return Group(whole, list(run), relation, "shares", "shares")
