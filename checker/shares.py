"""Shares of one whole: percentages listed side by side must fit in 100%.

"45% yes, 36% no, 18% not sure": each share stands for the interval its rounding
allows (45% is 44.5-45.5), so the list fits when some choice of values adds up to 100.
A list must reach 100% only when it is a full set of answers (a column of "N% answer"
lines, or a list that names the undecided or the rest); otherwise it may fall short.
It may never exceed 100% -- but only a list that says what whole it splits (a vote, a
poll, respondents) is held to that: "sales rose 45% in Europe and 58% in Asia" are rates,
not shares, and any change word near a percentage takes its whole list out.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import replace

from .claims import Claim
from .intervals import Interval
from .segment import Block
from .tallies import AT_MOST, EQUAL, Group
from .tokens import Token
from .vocab import Vocabulary

FAR_OVER = 10  # points over 100 that shares of one whole never reach by rounding or a slip of the pen
COLUMN_FLOOR = 50  # a column of shares of one whole that sums lower is a column of rates, one per line


_DASHES = ("-", "–", "—")


def share_groups(claims: Sequence[Claim], toks: list[Token], blocks: Sequence[Block],
                 vocab: Vocabulary) -> list[Group]:
    runs: list[list[Claim]] = []
    rates = {id(c) for c in claims if c.percent and _is_rate(c, toks, vocab)}
    # "With 100 percent of ballots counted": how far a count has got, neither a share nor a rate
    progress = {id(c) for c in claims if c.percent and _window(c, toks, 3, 3) & vocab.share_progress}
    every = [c for c in claims if c.percent and c.value is not None and c.stated is not None and c.stated <= 100
             and id(c) not in progress]
    shares, percents = _Shares([c for c in every if id(c) not in rates]), _Shares(every)
    opener: list[Claim] | None = None  # a run of one share that may head the next sentence's list
    opener_at = 0  # its place in runs
    for c in claims:
        if c.value is None and not c.percent:
            continue  # "the remaining candidates 13.8%": the words of a share, not a count
        if not c.percent or c.value is None or c.stated is None or c.stated > 100 or id(c) in progress:
            runs.append([])
            opener = None
            continue
        if runs and runs[-1] and _linked(runs[-1][-1], c, toks, blocks, vocab):
            runs[-1].append(c)
        elif opener is not None and id(c) not in rates and _leads_next_sentence(opener, c, shares, toks, blocks, vocab):
            opener.append(c)
            runs[opener_at] = []
            runs.append(opener)  # the run goes on; rates between stay runs of their own
        else:
            runs.append([c])
        if id(c) in rates and opener is not None and c.sentence == opener[-1].sentence:
            continue  # "won 41.2% of the vote, down 8.4 points": the rate does not end the opener
        opener = runs[-1] if len(runs[-1]) == 1 and id(c) not in rates else None
        opener_at = len(runs) - 1
    out = []
    for run in runs:
        if len(run) >= 2 and not any(_is_rate(c, toks, vocab) for c in run):
            group = _combined(run, toks, vocab) or _group(run, toks, blocks, vocab)
            if group is not None:
                if group.relation == EQUAL and percents.before(run[0]):
                    group.relation = AT_MOST  # "Labour is on 36%, down two points, the Tories on 28%, ..."
                out.append(group)
    return out


class _Shares:
    """Where the shares are, by sentence: how many, and the token index of the first."""

    def __init__(self, shares: Sequence[Claim]) -> None:
        self.count: dict[int, int] = {}
        self.first_in: dict[int, int] = {}
        for c in shares:
            self.count[c.sentence] = self.count.get(c.sentence, 0) + 1
            self.first_in.setdefault(c.sentence, c.index)

    def before(self, first: Claim) -> bool:
        """Is there a share just before a run -- earlier in its first sentence, or in the sentence
        before -- that the run left out? Then the run may not be the whole list."""
        return self.first_in.get(first.sentence, first.index) < first.index or first.sentence - 1 in self.count


def _leads_next_sentence(run: list[Claim], c: Claim, shares: _Shares, toks: list[Token],
                         blocks: Sequence[Block], vocab: Vocabulary) -> bool:
    """"The ruling party won 41.2% of the vote. The Social Democrats took 35.6%, ...": one share of a
    named whole, alone in its sentence, heads the list of the next sentence (news paragraphs are
    often one sentence long)."""
    a = run[-1]
    if len(run) != 1 or c.sentence != a.sentence + 1 or c.block - a.block > 1:
        return False
    if blocks[a.block].is_heading or blocks[c.block].is_heading:
        return False  # a headline restates a share; it does not start the list
    if shares.count.get(a.sentence) != 1 or shares.first_in.get(c.sentence) != c.index:
        return False  # a is the one share of its sentence (rates aside), and c opens its own
    whole = _named_whole(c, toks)
    if whole and whole != _named_whole(a, toks):
        return False  # "60% are outside Dhaka, he said. About 52% of the dead were women": another whole
    return bool(_sentence_words(a, toks) & vocab.share_whole)


def _named_whole(c: Claim, toks: list[Token]) -> tuple[str, ...]:
    """The whole a share names right after it ("41.2% of the vote" -> ("vote",)), or ()."""
    k = c.index + 1
    while k < len(toks) and toks[k].start < c.phrase_end:
        k += 1
    if k >= len(toks) or toks[k].low != "of":
        return ()
    words = [t.low for t in toks[k + 1 : k + 4] if t.sentence == c.sentence]
    words = [w for w in words if w not in ("the", "those", "its", "their")]
    return tuple(words[:1])


def _combined(run: list[Claim], toks: list[Token], vocab: Vocabulary) -> Group | None:
    """"won a combined 52.0% of the vote - 25.7% for the SPD, 14.8% for the Greens and 11.5% for the FDP":
    a first share said to be combined is the sum of the shares after it, up to a dash that closes them."""
    first = run[0]
    before: list[str] = []
    for t in reversed(toks[max(0, first.index - 6) : first.index]):
        if t.sentence != first.sentence or t.low in (",", ";", ":"):
            break
        before.insert(0, t.low)
    if not any(vocab.share_combined.match(before, k) for k in range(len(before))):
        return None
    opening = [t.low for t in toks[first.index + 1 : run[1].index]]
    if not any(w in _DASHES or w in (":", "(") for w in opening):
        return None  # "won a combined 45%, while the Tories took 30% and ...": no split of it
    parts = run[1:2]
    for prev, c in itertools.pairwise(run[1:]):
        if any(t.low in _DASHES for t in toks[prev.index + 1 : c.index]):
            break  # "- 24.3% for ..., and 9.1% for ... - short of the 48% they need": the split is closed
        parts.append(c)
    return Group(first, parts, EQUAL, "shares", "combined") if len(parts) >= 2 else None


def _breaks_down_the_first(run: list[Claim]) -> bool:
    """Do the shares after a sentence's lone share add up to it (so they split it, not the whole)?"""
    values = [c.value for c in run if c.value is not None]
    if len(run) < 3 or run[0].sentence == run[1].sentence or len(values) < len(run):
        return False
    whole, total = values[0], values[1]
    for value in values[2:]:
        total = total + value
        if total.overlaps(whole):
            return True
    return False


def _window(c: Claim, toks: list[Token], before: int, after: int) -> set[str]:
    return {t.low for t in toks[max(0, c.index - before) : c.index + after + 1] if t.sentence == c.sentence}


def _sentence_words(c: Claim, toks: list[Token]) -> set[str]:
    """The words of c's sentence, found by walking out from c (tokens are in sentence order)."""
    lo = c.index
    while lo > 0 and toks[lo - 1].sentence == c.sentence:
        lo -= 1
    hi = c.index
    while hi < len(toks) and toks[hi].sentence == c.sentence:
        hi += 1
    return {t.low for t in toks[lo:hi]}


def _is_rate(c: Claim, toks: list[Token], vocab: Vocabulary) -> bool:
    """"up 4 points", "inflation of 6%", "turnout was 61%": not a share of the list's whole ("made up 6%" is)."""
    hits = _window(c, toks, 3, 3) & vocab.share_change
    if hits == {"up"}:
        words = [t.low for t in toks[max(0, c.index - 4) : c.index] if t.sentence == c.sentence]
        return not any(vocab.share_not_change.match(words, k) for k in range(len(words)))
    return bool(hits)


def _linked(a: Claim, b: Claim, toks: list[Token], blocks: Sequence[Block], vocab: Vocabulary) -> bool:
    if a.block != b.block:
        # a column of one-line shares: "45% Yes" / "36% No" / "18% Not sure", or a bulleted list
        return b.block == a.block + 1 and all(_share_line(blocks[x], c) for x, c in ((a.block, a), (b.block, b)))
    if a.sentence != b.sentence:  # "... and Ordonez 15 percent. The remaining 8 percent was split among ..."
        lead = [t.low for t in toks[max(0, b.index - 3) : b.index] if t.sentence == b.sentence]
        return b.sentence == a.sentence + 1 and b.block == a.block and 0 < len(lead) <= 3 \
            and vocab.remainder.match(lead, 0) is not None
    if _group_rate(a, toks) or _group_rate(b, toks):
        return False  # "81% among Democrats and 72% among Republicans": rates within groups, not shares of one
    if a.place_source == b.place_source == "after" and {p.name for p in a.places} != {p.name for p in b.places} \
            and _named_whole(a, toks):
        return False  # "62% of schools in Lisbon and 48% in Porto remained open": a rate in each place
    gap = [t.low for t in toks[a.index + 1 : b.index]]
    if gap == ["and"] and a.index > 0 and toks[a.index - 1].low == "between":
        return False  # "bribes of between 40% and 70%": a range
    if ";" in gap and any(w.isalpha() for w in gap[len(gap) - gap[::-1].index(";") :]):
        return False  # "58% backed it and 42% opposed it; among women, 51% ...": another group, another whole
    if len(gap) > 8:  # "41 percent said they would vote for the ruling Progressive Alliance, 38 percent ...":
        # a long first item, closed before the next share, or a last one for the rest ("while other vendors
        # together accounted for the remaining 32%")
        return len(gap) <= 12 and (gap[-1] in (",", "and") or any(
            vocab.remainder.match(gap, k) for k in range(len(gap) - 3, len(gap))))
    return len(gap) > 0 and any(w in vocab.share_separators for w in gap)


def _group_rate(c: Claim, toks: list[Token]) -> bool:
    """A percentage of a named group: "72% of Republicans", "81% among Democrats", "Among women, 51%",
    "47% of 18- to 24-year-olds"."""
    after = toks[c.index + 1 : c.index + 3]
    if len(after) == 2 and after[1].sentence == c.sentence and (
            (after[0].low == "of" and (after[1].capitalized or after[1].kind == "other"))  # "of 18- to 24-year-olds"
            or (after[0].low == "among" and after[1].kind == "word")):
        return True
    before = [t for t in toks[max(0, c.index - 4) : c.index] if t.sentence == c.sentence]
    return any(t.low == "among" and k + 1 < len(before) and before[k + 1].kind == "word" for k, t in enumerate(before))


def _own_words(c: Claim, toks: list[Token], vocab: Vocabulary, limit: int = 5) -> list[str]:
    """The words right after a share up to the next item's separator ("5% were unsure, ..." -> were unsure)."""
    words = []
    for t in toks[c.index + 1 : c.index + 1 + limit]:
        if t.sentence != c.sentence or t.low in vocab.list_separators:
            break
        words.append(t.low)
    return words


def _names_residual(c: Claim, toks: list[Token], vocab: Vocabulary) -> bool:
    """Is the share the undecided's, the others' or the rest's ("7% undecided", "3% were not sure", "other
    parties on 4%")?"""
    lead: list[str] = []
    for t in reversed(toks[max(0, c.index - 4) : c.index]):
        if t.sentence != c.sentence or t.low in vocab.list_separators:
            break
        lead.insert(0, t.low)
    words = [*lead, *_own_words(c, toks, vocab)]
    return any(vocab.share_residual.match(words, k) for k in range(len(words)))


def _unnumbered_rest(last: Claim, toks: list[Token], vocab: Vocabulary) -> bool:
    """Does the sentence go on to a rest without a share of its own ("..., with the rest coming from
    renewables", "while the remainder were opposed")?"""
    tail = []
    for t in toks[last.index + 1 + len(_own_words(last, toks, vocab)) :]:
        if t.sentence != last.sentence:
            break
        tail.append(t)
    words = [t.low for t in tail]
    return not any(t.kind == "num" for t in tail) and any(
        vocab.remainder.match(words, k) or vocab.share_residual.match(words, k) for k in range(len(words)))


def _share_line(block: Block, c: Claim) -> bool:
    """A block that is one short line opening with its share ("51% Yes", "- 48% support the budget")."""
    return block.kind == "list_item" or (c.start - block.start <= 2 and block.end - block.start <= 60)


def _group(run: list[Claim], toks: list[Token], blocks: Sequence[Block], vocab: Vocabulary) -> Group | None:
    column = len({c.block for c in run}) == len(run) and len(run) >= 3
    residual = any(_names_residual(c, toks, vocab) for c in run)
    if not (column or residual) and not _sentence_words(run[0], toks) & vocab.share_whole:
        return None  # percentages of no stated whole: nothing to add up
    # a full set of answers: the undecided given a share of their own, and two answers besides, with no rest
    # left unnumbered ("Some 54% disapproved and 5% were unsure" leaves the approvers out; "gas 25%, with the
    # rest coming from renewables" leaves the rest to fill the whole)
    full = column or (residual and len(run) >= 3 and not _unnumbered_rest(run[-1], toks, vocab))
    relation = EQUAL if full else AT_MOST
    if _breaks_down_the_first(run):
        return None  # "Renewables generated 54% ... Wind accounted for 29%, solar 14%, biomass 8% and others 3%"
    total = sum(c.value.low for c in run if c.value is not None)
    if relation == AT_MOST and total > 100 + FAR_OVER:
        return None  # "a poll found 70% own a car and 45% own a bike": answers to two questions, two wholes
    if column and not residual and not COLUMN_FLOOR <= total <= 100 + FAR_OVER:
        return None  # "Dropout rates were highest in:" over "- Computing: 12.9%", ...: a rate per line
    # the whole has no words of its own: the finding points at the first share and lists them all
    whole = replace(run[0], value=Interval.exact(100), stated=100, places=[], label="100%")
    return Group(whole, list(run), relation, "shares", "shares")
