"""Restated totals: a headline's count against the same count in the story.

Only the document's first block counts as a headline (a short line with no full stop).
A headline count is compared with body counts of the same unit; it is consistent when
any of them agrees (a headline count ending in two or more zeros may be the story's count
rounded: "5,400 dengue cases" over "5,412"), and a mismatch only when the lead's own count of the same thing --
same unit, same outcome, not a per-place or per-category part -- disagrees with it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from fractions import Fraction

from .claims import Claim
from .intervals import Interval
from .segment import Block
from .tallies import EQUAL, Group
from .vocab import Vocabulary

_CLAUSE_TAIL = re.compile(r"[^,;.!?\n]*$")  # the words of a count's clause before it
_LEAD_BLOCKS = 2
_WORD = re.compile(r"[^\W\d_]+")


def restated_groups(claims: Sequence[Claim], blocks: Sequence[Block], vocab: Vocabulary,
                    groups: Sequence[Group], text: str = "") -> list[Group]:
    if not blocks or not blocks[0].is_heading or len(blocks) < 2:
        return []
    part_ids = {id(p) for g in groups for p in g.parts}
    out: list[Group] = []
    wholes = {id(c.part_of) for c in claims if c.part_of is not None and c.part_of is not c}
    # "Party wins 89 of 150 seats": the 150 is the whole the 89 is out of, not a count the story restates
    headline = [c for c in claims if c.block == 0 and _countable(c) and id(c) not in part_ids and id(c) not in wholes]
    headline_text = text[blocks[0].start : blocks[0].end].lower()
    body = [c for c in claims if c.block > 0 and _countable(c)]
    for head in headline:
        same = [c for c in body if c.unit == head.unit and _events_agree(head, c, strict=False)]
        same += [c for c in claims if c.block > 0 and c.total_cue and c.unit is None and c.value is not None
                 and head.value is not None and c.value == head.value]  # "..., 190 in all"
        same.sort(key=lambda c: c.index)
        if len(head.places) == 1:  # "27 drones downed over Belgorod region": that place's count restates it
            key = head.places[0].name.split()[0].lower()
            placed = [c for c in claims if c.block > 0 and c.value is not None and not c.percent
                      and any(p.name.split()[0].lower() == key for p in c.places)]
            if placed:
                same = [c for c in same if c in placed]
        if not same:
            continue
        if any(c.stated == head.stated and c.value != head.value for c in same):
            continue  # "Quake kills 300" over "killed more than 300": the headline drops the hedge
        agreeing = next((c for c in same if c.value is not None and head.value is not None
                         and c.value.overlaps(head.value)), None)
        if agreeing is not None:
            out.append(Group(head, [agreeing], EQUAL, "restated", "headline"))
            continue
        rounded = next((c for c in same if _rounds_to(c, head)), None)
        if rounded is not None:  # the headline's count, read as rounded, is the story's
            out.append(Group(_as_rounded(head), [rounded], EQUAL, "restated", "headline"))
            continue
        outcome = _outcome(head, text, vocab)
        lead = [c for c in same if c.block <= _LEAD_BLOCKS and _events_agree(head, c, strict=True)
                and (len(c.places) != 1 or (not head.places and _named_in(c.places[0].name, headline_text)))
                and id(c) not in part_ids and not c.additive and not _per_member(c, text, vocab)
                and not _among(c, text, vocab)
                and (outcome is None or outcome in text[blocks[c.block].start : blocks[c.block].end].lower())]
        if lead and head.unit is not None and not _sum_of_sentence(head, lead[0], claims) \
                and not _sum_of_lines(head, lead):
            out.append(Group(head, [lead[0]], EQUAL, "restated", "headline"))
    return out


def _named_in(place: str, headline: str) -> bool:
    """Does the headline name the place ("Spain floods death toll ..." over "the toll from Spain's worst
    flooding rose to 211")? Then that place's count is the story's own, not one place's part."""
    root = place.lower().removesuffix("'s").removesuffix("’s").split()[0] if place.strip() else ""
    return bool(root) and re.search(rf"\b{re.escape(root)}\b", headline) is not None


def _rounding_step(head: Claim) -> int:
    """A headline count that ends in two or more zeros may be rounded: to its last non-zero digit's place
    (100 for "5,400"). 1 for any other count."""
    if head.stated is None or head.stated.denominator != 1 or head.value is None or not head.value.is_exact:
        return 1
    h, step = int(head.stated), 1
    while h and h % 10 == 0:
        h, step = h // 10, step * 10
    return step if step >= 100 else 1


def _rounds_to(c: Claim, head: Claim) -> bool:
    """"Philippines reports 5,400 dengue cases" over "recorded 5,412": the story's count rounded."""
    step = _rounding_step(head)
    return step > 1 and c.stated is not None and c.stated.denominator == 1 and head.stated is not None \
        and (int(c.stated) + step // 2) // step * step == int(head.stated)


def _as_rounded(head: Claim) -> Claim:
    """The headline count as the band its rounding allows (5,400: 5,350 to 5,450)."""
    assert head.stated is not None
    half = Fraction(_rounding_step(head), 2)
    return replace(head, value=Interval(head.stated - half, head.stated + half))


def _sum_of_lines(head: Claim, lead: Sequence[Claim]) -> bool:
    """"12 injured in storms" over "Leeds: 7 injured" and "York: 5 injured" (lines or sentences of their
    own): the headline adds up the lead's counts of it."""
    return _adds_up_to(head, lead)


def _sum_of_sentence(head: Claim, first: Claim, claims: Sequence[Claim]) -> bool:
    """"40 drones downed in two nights" over "destroyed 25 drones on Monday night and 15 on Tuesday
    night": the headline adds up the lead sentence's counts of it rather than restating one of them."""
    siblings = [c for c in claims if c.sentence == first.sentence and c.index >= first.index
                and c.value is not None and not c.percent and c.unit in (None, first.unit)]
    return _adds_up_to(head, siblings)


def _adds_up_to(head: Claim, counts: Sequence[Claim]) -> bool:
    """Do two or more counts add up to the headline's count?"""
    values = [c.value for c in counts if c.value is not None]
    if len(counts) < 2 or head.value is None or len(values) < len(counts):
        return False
    total = values[0]
    for value in values[1:]:
        total = total + value
    return total.overlaps(head.value)


def body_restatements(claims: Sequence[Claim], groups: Sequence[Group]) -> list[Group]:
    """A total with a breakdown, stated again later in the story ("32 drones in a single night"):
    listed as verified when the values agree. A later count that disagrees is not reported -- in the
    body it may well be another day's or another place's count."""
    in_groups = {id(p) for g in groups for p in g.parts} | {id(g.total) for g in groups}
    totals = {id(g.total): g.total for g in groups if g.dimension not in ("restated", "shares")}
    # the counts a total may be restated by, by unit and value: no total is compared with every count
    restating: dict[tuple[str | None, Interval], list[Claim]] = {}
    for c in claims:
        if id(c) not in in_groups and _countable(c) and c.value is not None and c.value.is_exact:
            restating.setdefault((c.unit, c.value), []).append(c)
    out: list[Group] = []
    for total in totals.values():
        for c in restating.get((total.unit, total.value), ()) if total.value is not None else ():
            if c.block <= total.block or id(c) in in_groups:
                continue
            if _events_agree(total, c, strict=False):
                out.append(Group(total, [c], EQUAL, "restated", "restated"))
                in_groups.add(id(c))
    return out


def _outcome(head: Claim, text: str, vocab: Vocabulary) -> str | None:
    """What happened to the headline's count, told by the word right after or before it ("43 tourists
    rescued", "Police arrest 38"), when it is one the story must say again of the count it restates."""
    near = _WORD.findall(text[head.phrase_end : head.phrase_end + 24].lower())[:1] \
        + _WORD.findall(text[max(0, head.start - 24) : head.start].lower())[-1:]
    return next((o for w in near for o in vocab.restated_outcomes if w.startswith(o)), None)


def _per_member(c: Claim, text: str, vocab: Vocabulary) -> bool:
    """"with each side returning 95 people", "The sisters won two medals each": a count per member of the
    whole, which the headline's whole is a multiple of."""
    return c.each or c.subject_each or any(w in vocab.per_member for w in _clause_words(c, text, 60))


def _among(c: Claim, text: str, vocab: Vocabulary) -> bool:
    """"Among the Ukrainians freed were 12 National Guard members": a clause that opens by saying it counts
    some of a group restates none of it ("The closures include 17 ..., 12 ... and seven ..." may add up to
    the headline's count, and is left to that check)."""
    words = _clause_words(c, text, 160)
    return vocab.partial_intro.match(words, 0) is not None or words[:1] == ["among"]


def _clause_words(c: Claim, text: str, reach: int) -> list[str]:
    """The words of c's clause before it, within ``reach`` characters."""
    clause = _CLAUSE_TAIL.search(text[max(0, c.start - reach) : c.start])
    return _WORD.findall(clause.group(0).lower()) if clause is not None else []


def _countable(c: Claim) -> bool:
    return (c.value is not None and not c.percent and c.unit is not None and not c.unit.startswith("x:")
            and c.unit != "place" and c.category is None and not c.comparative and not c.previous
            and not c.remainder)


def _events_agree(a: Claim, b: Claim, strict: bool) -> bool:
    if a.event == b.event:
        return True
    return not strict and (a.event is None or b.event is None)
