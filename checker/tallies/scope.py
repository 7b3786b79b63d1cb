"""The shared state of the tally passes: one document's claims and tokens, the indexes every
pass reads, the groups found so far, and the small questions every pass asks of a claim
(its dimension, its unit's compatibility, the words between two claims)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from ..claims import Claim
from ..places import PlaceReader
from ..segment import Block, Sentence
from ..tokens import Token, sentence_ranges
from ..vocab import Vocabulary

EQUAL = "equal"
AT_MOST = "at_most"
SCOPE_BLOCKS = 3
MAX_PARTS = 200  # a longer list is not a breakdown (a table, a list of numbers): not checked
SCOPE_CLAIMS = 60  # how far (in counts) a total and its parts may be apart, whatever the paragraphs
SMALL_TOTAL = 12  # a total this small is of people or things named one by one, each with its age or number


@dataclass
class Group:
    """A total and the claims it is compared against, before evaluation."""

    total: Claim
    parts: list[Claim]
    relation: str
    dimension: str
    cue: str
    nested: bool = False

    def __init__(self, total: Claim, parts: list[Claim], relation: str, dimension: str, cue: str,
                 nested: bool = False) -> None:
        # written out: compiled, the __init__ dataclasses generates would run interpreted
        self.total = total
        self.parts = parts
        self.relation = relation
        self.dimension = dimension
        self.cue = cue
        self.nested = nested


class Scope:
    """One document as the passes see it; `load` resets it for the next document."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.v = vocab
        self.places = PlaceReader(vocab)

    def load(self, claims: list[Claim], toks: list[Token], sentences: Sequence[Sentence],
             blocks: Sequence[Block], text: str = "") -> None:
        self.text = text  # what the sentences' offsets index: words without a count have no tokens
        self.claims = claims
        self.toks = toks
        self.words = [t.low for t in toks]
        self.sentences = sentences
        self.blocks = blocks
        # cuts_before[s]: how many of the first s sentences follow a cut ("[...]"), so that asking whether a
        # cut lies between two claims costs two lookups, not a walk over the sentences between them
        self.cuts_before = [0, *itertools.accumulate(s.cut_before for s in sentences)]
        self.pos = {id(c): n for n, c in enumerate(claims)}
        self.consumed: set[int] = set()  # claims bound as parts in pass 1
        self.siblings: set[int] = set()  # ids of claims that are items of a list of two or more
        self.groups: list[Group] = []
        # indexes, so that no step compares every claim with every other
        self.by_sentence: dict[int, list[Claim]] = {}
        for c in claims:
            self.by_sentence.setdefault(c.sentence, []).append(c)
        self.place_count_tokens = {c.index for c in claims if c.unit == "place"}
        self.groups_by_total: dict[int, list[Group]] = {}
        self.sentence_tokens = sentence_ranges(toks)
        self._places_cache: dict[int | tuple[int, int], set[str]] = {}

    def _n(self, c: Claim) -> int:
        return self.pos[id(c)]

    def _dimension(self, c: Claim) -> str | None:
        if c.percent or c.comparative or c.previous:
            return None
        if c.category is not None:
            return "cat:" + c.category[0]
        if c.places and c.place_source == "before" and self._casualty_pair(c):
            return "cat:casualty"  # "In Fallujah, 18 soldiers were killed and 31 wounded"
        if c.places:
            return "place"
        if c.unit in ("death", "injury") and c.noun != "casualty":
            return "cat:casualty"
        if c.event in self.v.outcome_events:
            return "outcome"
        return None

    def _casualty_pair(self, c: Claim) -> bool:
        other = {"death": "injury", "injury": "death"}.get(c.unit or "")
        return other is not None and any(o.unit == other for o in self.by_sentence.get(c.sentence, ()))

    def _member(self, c: Claim) -> tuple[str, ...]:
        if c.category is not None:
            return (c.category[1],)
        if c.places:
            return tuple(sorted(p.name.lower() for p in c.places))
        if c.unit in ("death", "injury"):
            return (c.unit,)
        return (str(c.event),)

    def _related(self, a: str | None, b: str | None) -> bool:
        """Is either unit a kind of the other (or the same)?"""
        return self._compatible(a, b) or self._compatible(b, a)

    def _unit_named(self, words: list[str]) -> str | None:
        """The first unit the words name ("Of the drones," -> drone), or None."""
        return next((hit[1] for k in range(len(words)) if (hit := self.v.unit_forms.match(words, k))), None)

    def _compatible(self, total_unit: str | None, part_unit: str | None, dimension: str = "") -> bool:
        if part_unit is None or total_unit is None:
            return part_unit is None or not (part_unit.startswith("x:") or part_unit == "place") or \
                total_unit is None
        if total_unit == part_unit:
            return True
        if dimension == "cat:casualty":
            return total_unit == "casualty"
        if self.v.is_parent(total_unit, part_unit):
            return True
        return total_unit == "person" and part_unit in ("death", "injury")

    def _list_unit(self, parts: Sequence[Claim], default: str | None = None) -> str | None:
        """The unit of a list: the most specific one its members state ("23 men, 23 women and 29 children
        have died" counts deaths, though only the last count carries the verb)."""
        units = [p.unit for p in parts if p.unit]
        if {"death", "injury"} <= set(units) and set(units) <= {"death", "injury", "person"}:
            return "casualty"  # "18 soldiers were killed and 31 wounded"
        refined = [u for u in units if u in ("death", "injury")]
        if refined and all(u in ("person", "death", "injury") for u in units) and len(set(refined)) == 1:
            return refined[0]
        return units[0] if units else default

    def _events_agree(self, parts: Sequence[Claim], c: Claim) -> bool:
        """Siblings share their verb, or differ as the outcomes of one launch (shot down / lost)."""
        events = {p.event for p in parts if p.event}
        return c.event is None or not events or c.event in events or (
            c.event in ("death", "injury") and events <= {"death", "injury"}) or (
            c.event in self.v.outcome_events and events <= self.v.outcome_events)

    def _gap(self, a: Claim, b: Claim) -> list[str]:
        """Words between the end of claim a's phrase and the number of claim b."""
        k = a.index + 1
        while k < b.index and self.toks[k].start < a.phrase_end:
            k += 1
        return self.words[k : b.index]

    def _partial_between(self, total: Claim, first: Claim) -> bool:
        """Do the words just before a total's first part say the list is partial ("mostly in", "mainly")?"""
        if first.index <= total.index:
            return False
        between = [c for c in self.claims[self._n(total) + 1 : self._n(first)]
                   if c.unit != "place" and not c.previous]  # "mainly in three districts:" is the total's
        after = between[-1] if between else total  # "..., including 40 golds. The tally was made up of 40 gold,
        lead = [t.low for t in self._gap_tokens(after, first)][-16:]  # ...": that cue was the 40 golds' own
        return any(self.v.partial_intro.match(lead, j) for j in range(len(lead)))

    def _gap_tokens(self, a: Claim, b: Claim) -> list[Token]:
        """Tokens between the end of claim a's phrase and the number of claim b."""
        return self.toks[self._tokens_after(a) : b.index]

    def _gap_outside(self, a: Claim, b: Claim, *named_by: Claim) -> list[Token]:
        """The tokens between claims a and b without "the" and without the place names of ``named_by`` --
        the words that join two items, whatever the items' own names ("14 in Germany and 600 in ...")."""
        named = [(p.start, p.end) for c in named_by for p in c.places]
        return [t for t in self._gap_tokens(a, b) if t.low != "the" and not any(lo <= t.start < hi for lo, hi in named)]

    def _tokens_after(self, c: Claim) -> int:
        k = c.index + 1
        while k < len(self.toks) and self.toks[k].start < c.phrase_end:
            k += 1
        return k

    def _sub_count(self, c: Claim) -> bool:
        """"six of them", "two of whom", ", of whom eight": a count of the item just before it."""
        return self.v.nested_after.match(self.words, self._tokens_after(c)) is not None \
            or self.v.nested_after.match(self.words, c.index + 1) is not None \
            or self._nested_before(c)  # "34 of them believed dead", "10 are men, of whom eight are under 18, ..."

    def _nested_before(self, c: Claim) -> bool:
        """", of whom eight": the count opens a clause about the item before it."""
        hit = self.v.nested_after.match_ending(self.words, c.index)
        return hit is not None and c.index > hit[0] and self.words[c.index - hit[0] - 1] == ","

    @staticmethod
    def _owned_name(c: Claim) -> bool:
        """Is c's place a name with an owner ("Australia's Lyon", "Quebec's Bloc")? A sentence that opens with
        one tells of another side's count, not the next item of the list before it."""
        return any("'s " in p.name or "’s " in p.name for p in c.places)

    def _free(self, c: Claim) -> bool:
        return self._n(c) not in self.consumed

    def _is_heading(self, c: Claim) -> bool:
        return self.blocks[c.block].is_heading

    def _add(self, group: Group) -> None:
        if group.total.article:
            return  # "the shooting of a teenager, including 126 in the Paris region": "a" counts one, no whole
        if group.total.chamber and group.relation == EQUAL:
            group.relation = AT_MOST  # party names are many and odd ("Stability!", "Latvia First 9"): a list of a
            # chamber's seats may have lost an item, so only an overshoot is sure
        group.parts = self._without_attributes(group.total, group.parts)
        if not group.parts or (group.total.percent and any(not p.percent for p in group.parts)):
            return  # "94 percent are occupied, including 120 in intensive care": a share is no count's total
        self.groups.append(group)
        self.groups_by_total.setdefault(id(group.total), []).append(group)
        for p in group.parts:
            self.consumed.add(self._n(p))

    @staticmethod
    def _without_attributes(total: Claim, parts: list[Claim]) -> list[Claim]:
        """"Two men were charged: Dale, 34, and Price, 29", "Four siblings: Amy, 3, Ben, 7, Cara, 9 ...", "Two
        houses burned: 12 and 14 Mill Lane": when most bare numbers after a small total exceed it, they are
        ages, house or route numbers -- what its items are, not how many -- and none of them is a part."""
        if total.value is None or not total.value.is_exact or total.value.high > SMALL_TOTAL:
            return parts
        bare = [p for p in parts if p.noun is None and p.value is not None and p.sentence == total.sentence
                and p.place_source != "after"]  # "12 over Tula" is a count whatever its size
        over = [p for p in bare if p.value is not None and p.value.low > total.value.high]
        if not over or 2 * len(over) < len(bare):
            return parts
        dropped = {id(p) for p in bare}
        return [p for p in parts if id(p) not in dropped]

    def _groups_of(self, total: Claim) -> list[Group]:
        return self.groups_by_total.get(id(total), [])

    def _has_group(self, total: Claim, dimension: str) -> bool:
        return any(g.dimension == dimension or dimension == "*" for g in self._groups_of(total))

    def _closed_set(self, parts: Sequence[Claim]) -> bool:
        """Do the parts name every member of a closed category set (gold, silver, bronze)?"""
        cats = {p.category for p in parts if p.category}
        if cats and len(cats) == len(parts):
            name = next(iter(cats))[0]
            spec = self.v.category_sets[name]
            return spec.complete and {m for _, m in cats} in spec.covers and all(c[0] == name for c in cats)
        if all(p.unit in ("death", "injury") and not p.category and not p.places for p in parts):
            return {p.unit for p in parts} == {"death", "injury"}
        return False

    def _cut_between(self, a: Claim, b: Claim) -> bool:
        """Was the text cut ("[...]") between a and b? No tally spans a cut: what it dropped is unknown."""
        lo, hi = sorted((a.sentence, b.sentence))
        return self.cuts_before[min(hi + 1, len(self.sentences))] > self.cuts_before[min(lo + 1, len(self.sentences))]

    def _sentence_prefix(self, c: Claim) -> list[str]:
        """The words of c's sentence before its number."""
        return self.words[self.sentence_tokens[c.sentence][0] : c.index]

    def _prefix_tokens(self, c: Claim) -> list[Token]:
        """The tokens of c's sentence before its number."""
        return self.toks[self.sentence_tokens[c.sentence][0] : c.index]

    def _takes_people(self, total: Claim, part: Claim) -> bool:
        """May a list of a toll's deaths or injuries name them as people ("killed 27: 19 people in ...")?"""
        return part.unit == "person" and total.unit in ("death", "injury", "casualty")

    def _complete_verb_ending(self, words: list[str]) -> tuple[str, ...] | None:
        """The verb that lists all of a whole ("were", "comprise", "consisted of") the words end with, if any."""
        return next((v for v in self.v.complete_verbs if tuple(words[-len(v) :]) == v), None)

    def _the_unit_were(self, lead: list[str], total: Claim) -> bool:
        """"The dead were", "The victims are", "By nationality, the arrivals comprised", "The island's
        population consisted of": the next sentence names who the total were, in full."""
        if len(lead) >= 4 and lead[0] == "by" and lead[2] == ",":
            lead = lead[3:]  # "By nationality, ..."
        verb = self._complete_verb_ending(lead)
        if verb is None or len(verb) >= len(lead) or lead[0] != "the" or total.unit is None:
            return False
        if lead[-len(verb) - 1] in self.v.whole_nouns and len(lead) - len(verb) <= 4 and self._free(total):
            return True  # "The island's population consisted of", "The total comprised"
        hit = self.v.unit_forms.match(lead, 1)
        return hit is not None and 1 + hit[0] == len(lead) - len(verb) and (
            hit[1] == total.unit or self.v.is_parent(total.unit, hit[1]) or self.v.is_parent(hit[1], total.unit))

    def _open_set_item(self, c: Claim) -> bool:
        """An item of an open set: where people came from ("118 were from Mali") or who they were ("58 were
        Egyptian")."""
        for p in c.places:
            before = self.text[max(0, p.start - 24) : p.start].lower().split()
            if before[-1:] == ["from"] and (len(before) < 2 or before[-2] in self.v.copulas
                                            or before[-2] in self.v.origin_verbs or before[-2][:1].isdigit()):
                return True  # "were from Mali", "came from China", "74 from Senegal"; not "reported from"
        k = self._tokens_after(c)
        return k + 1 < len(self.toks) and self.words[k] in self.v.copulas \
            and self.toks[k + 1].capitalized and self.toks[k + 1].sentence == c.sentence

    def _container_count(self, total: Claim, c: Claim) -> bool:
        """"moved 5,000 people into 12 shelters: 3,000 into schools ...": a count of where the total went,
        right after it and behind a preposition, is part of the total's phrase."""
        k = self._tokens_after(total)
        return c.index - k <= 3 and c.index > 0 \
            and self.words[c.index - 1] in self.v.container_prepositions \
            and c.unit is not None and c.unit != total.unit and not self._compatible(total.unit, c.unit)

    def _first_in_sentence(self, c: Claim) -> bool:
        return self.by_sentence[c.sentence][0] is c

    def _last_in_sentence(self, c: Claim) -> bool:
        return self.by_sentence[c.sentence][-1] is c

    def _group_total(self, c: Claim) -> bool:
        return bool(self._groups_of(c))
