"""Pass 1, bulleted lists: a paragraph that ends with a colon, then one list item per part.

    Air defences destroyed 27 drones overnight. By region:
    - Belgorod: 12 drones
    - Kursk: 9 drones
    - Bryansk: 6 drones

Copy desks write breakdowns this way in Markdown, HTML and plain text alike. Each item
is its own block, so the sentence-level passes never see the list as one.

Precision first. Every item must hold exactly one count, and the total is the last count
of the introduction, in its closing sentence or the one before, with a unit the items fit.
A percentage, an item with two counts, a count larger than the total, items labelled
with times ("Monday: 12") or a running count (12, 19, 27 under a total of 27) leave the
list unchecked. The list must add up only when the colon closes the total's own sentence
("destroyed 27 drones over these regions:") or a sentence that says it breaks the total
down ("By region:", "The dead were:"); after any other introduction ("Deaths in the
three provinces hit hardest:") its items may fall short of the total but not exceed it.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..claims import Claim
from ..lexicon import phrase_tokens
from .lists import ListPasses
from .scope import AT_MOST, EQUAL, MAX_PARTS, Group


class BulletedLists(ListPasses):
    def _pass_bulleted_lists(self) -> None:
        runs = list(self._item_runs())
        if not runs:
            return  # most documents: no indexes to build
        by_block: dict[int, list[Claim]] = {}
        for c in self.claims:
            by_block.setdefault(c.block, []).append(c)
        closing = {sent.block: s for s, sent in enumerate(self.sentences)}  # each block's last sentence
        for first, last in runs:
            intro = first - 1
            colon = closing.get(intro)
            if intro < 0 or self.blocks[intro].kind == "list_item" or colon is None or not self._ends_with_colon(colon):
                continue
            top = min(self.blocks[b].depth for b in range(first, last + 1))
            outer = [b for b in range(first, last + 1) if self.blocks[b].depth == top]
            items = [self._item_count(b, by_block.get(b, [])) for b in outer]
            if any(item is False for item in items):
                continue  # an item with two counts, a percentage, an old value: not read
            parts = [item for item in items if isinstance(item, Claim)]
            if not 2 <= len(parts) <= MAX_PARTS or self._labelled_by_time(parts):
                continue
            total = self._introduced_total(by_block.get(intro, []), colon, parts)
            if total is None or _running_count(parts, total):
                continue
            complete = len(parts) == len(items) and self._breaks_down(total, colon) \
                and not self._partial_between(total, parts[0])
            dim = self._dimension(parts[0]) or "bare"
            self._add(Group(total, parts, EQUAL if complete else AT_MOST, dim, "bullets"))
            for parent, item in zip(outer, items, strict=True):
                if isinstance(item, Claim):
                    self._add_sub_list(item, parent, last, by_block)

    def _add_sub_list(self, item: Claim, parent: int, last: int, by_block: dict[int, list[Claim]]) -> None:
        """A list inside an item ("- Gaza province: 9,200" over "- Chokwe district: 5,100", "- Guija
        district: 4,100") breaks the item down; it may leave some out ("shot down: 41", "jammed: 17" under
        64 drones, the rest hitting their targets), so its items may fall short of it but not exceed it."""
        depth = self.blocks[parent].depth
        inner = []
        for b in range(parent + 1, last + 1):
            if self.blocks[b].depth <= depth:
                break
            inner.append(b)
        if not inner or any(self.blocks[b].depth != self.blocks[inner[0]].depth for b in inner):
            return  # no sub-list, or one with lists of its own
        subs = [self._item_count(b, by_block.get(b, [])) for b in inner]
        if len(subs) >= 2 and all(isinstance(c, Claim) for c in subs):
            parts = [c for c in subs if isinstance(c, Claim)]
            self._add(Group(item, parts, AT_MOST, self._dimension(parts[0]) or "bare", "bullets", nested=True))

    def _item_runs(self) -> Iterator[tuple[int, int]]:
        """(first, last) block index of every run of two or more list items in a row."""
        start = None
        for b, block in enumerate([*self.blocks, None]):
            if block is not None and block.kind == "list_item":
                if start is None:
                    start = b
                continue
            if start is not None and b - start >= 2:
                yield start, b - 1
            start = None

    def _ends_with_colon(self, sentence: int | None) -> bool:
        """Does the sentence end with a colon ("By region:", "The dead were:")?"""
        if sentence is None:
            return False
        end = self.sentences[sentence].end
        return self.text[end - 1 : end] == ":"

    def _item_count(self, block: int, claims: list[Claim]) -> Claim | bool | None:
        """The one count of a list item; None when it has none; False when it cannot be read as a part
        (two counts, a percentage, an old value, or a number that is no count: "Shift one: 15 hours")."""
        counts = [c for c in claims if not c.multiplier_only]
        if not counts:
            b = self.blocks[block]
            return False if any(ch.isdigit() for ch in self.text[b.start : b.end]) else None
        if len(counts) > 1:
            return False
        c = counts[0]
        if c.value is None or c.percent or c.previous or c.comparative or c.unit == "place" or not self._free(c):
            return False
        return c

    def _labelled_by_time(self, parts: list[Claim]) -> bool:
        """Items labelled with a time or a number ("Monday: 12", "2023: 14", "Day 3: 9"): a series over
        time, not a breakdown."""
        for p in parts:
            label = phrase_tokens(self.text[self.blocks[p.block].start : p.start])
            if any(w in self.v.time_labels or any(ch.isdigit() for ch in w) for w in label):
                return True
        return False

    def _introduced_total(self, claims: list[Claim], closing: int, parts: list[Claim]) -> Claim | None:
        """The last count of the introduction in its closing sentence or the one before, if the items fit
        its unit and none of them exceeds it. Counts of places, old values and where the total went ("cut
        1,150 jobs at three plants:") are part of the total's phrase."""
        counts = [c for c in claims if c.unit != "place" and not c.previous]
        if not counts:
            return None
        total = counts[-1]
        if len(counts) >= 2 and self._container_count(counts[-2], total):
            total = counts[-2]
        if closing - total.sentence > 1 or total.value is None or total.percent or total.comparative \
                or total.unit is None or not self._free(total):
            return None
        if not all(self._compatible(total.unit, p.unit) or self._takes_people(total, p) for p in parts):
            return None
        if any(p.value is not None and total.value is not None and p.value.low > total.value.high for p in parts):
            return None  # "Five things to know:" followed by "27 drones ...": not what the items count
        return total

    def _breaks_down(self, total: Claim, colon: int) -> bool:
        """Does the introduction say the list is the whole total: the colon ends the total's own sentence,
        or a sentence that breaks it down ("By region:", "The breakdown:", "The dead were:")?"""
        if total.sentence == colon:
            return True
        sent = self.sentences[colon]
        words = list(phrase_tokens(self.text[sent.start : sent.end - 1]))
        if any(self.v.breakdown_lead.match(words, k) for k in range(len(words))):
            return True
        return self._the_unit_were(words, total)


def _running_count(parts: list[Claim], total: Claim) -> bool:
    """Three or more items rising to the total's own figure (12, 19, 27 under "27"): a count as it grew."""
    values = [p.value.low for p in parts if p.value is not None]
    return len(values) >= 3 and values == sorted(values) and total.stated is not None \
        and parts[-1].stated == total.stated
