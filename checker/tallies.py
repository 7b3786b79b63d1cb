"""Group claims into tallies: a total with the parts it should add up to.

Two passes. The first binds what the wording binds explicitly and locally:

* a list introduced by its total -- "32 drones: four over ...", "11 medals (four gold,
  two silver and five bronze)", "390 fatalities, comprising 288 men ...", "of which",
  "including" (partial), "Of the 988 damaged houses, 556 ... and 432 ...";
* a list closed by its total -- "..., bringing the total death toll to 31", "That comes
  to 49 casualties", "all 18 people";
* part and whole -- "15 out of 18", "50 of the 75 seats";
* a part's own sub-list -- "seven above the Moscow Region, including two ...".

The second pass reads runs of sibling counts -- counts by place ("47 over Rostov, 17
above the Black and Azov seas, ..."), by category ("16 men and two women") or by outcome
("32 shot down, 45 lost, one still airborne") -- and attaches each run to the total it
follows: the nearest earlier count of the same unit that is not itself one of the
siblings, preferring one the run adds up to when two are in reach.

Precision first: a run is complete (must add up) only when the wording says so, when it
names every member of a closed category set, or when it enumerates three or more places;
otherwise its parts may fall short of the total but not exceed it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .claims import Claim
from .intervals import Interval
from .places import PlaceReader
from .segment import Block, Sentence
from .tokens import Token
from .vocab import Vocabulary

EQUAL = "equal"
AT_MOST = "at_most"
_LIST_SEPARATORS = frozenset({",", ";", "and", "—", "–", "-", "--", "with", "while", "whereas", "as", "well",
                              "plus", "then", "along", "next", "came", "followed", "by", "also", "but"})
_SCOPE_BLOCKS = 3
_MAX_PARTS = 200  # a longer list is not a breakdown (a table, a list of numbers): not checked
_SCOPE_CLAIMS = 60  # how far (in counts) a total and its parts may be apart, whatever the paragraphs
# Words that start a new clause inside a sentence: what follows is not the next item of a list.
_NEW_CLAUSE = frozenset({"said", "says", "according", "reported", "added", "told", "leaving", "bringing",
                         "taking", "raising", "compared", "than", "which", "who", "whose", "when", "after",
                         "before", "since", "because", "although", "though"})


@dataclass
class Group:
    """A total and the claims it is compared against, before evaluation."""

    total: Claim
    parts: list[Claim]
    relation: str
    dimension: str
    cue: str
    nested: bool = False
    per_item: bool = False  # "A, B and C each hold 3 medals; 1 silver and 2 bronze"
    extra: dict = field(default_factory=dict)


class TallyBuilder:
    def __init__(self, vocab: Vocabulary) -> None:
        self.v = vocab
        self.places = PlaceReader(vocab)

    # ------------------------------------------------------------------ entry
    def build(self, claims: list[Claim], toks: Sequence[Token], sentences: Sequence[Sentence],
              blocks: Sequence[Block]) -> list[Group]:
        self.claims = claims
        self.toks = toks
        self.words = [t.low for t in toks]
        self.sentences = sentences
        self.blocks = blocks
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
        self.sentence_tokens: dict[int, tuple[int, int]] = {}
        for k, t in enumerate(toks):
            lo, _ = self.sentence_tokens.get(t.sentence, (k, k))
            self.sentence_tokens[t.sentence] = (lo, k + 1)
        self._places_cache: dict[int, set[str]] = {}
        self._pass_part_of_whole()
        self._pass_nested_including()
        self._pass_introduced_lists()
        self._pass_closing_totals()
        self._pass_running_totals()
        self._pass_outcome_frames()
        self._pass_runs()
        return self.groups

    # ------------------------------------------------------------------ helpers
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

    def _tokens_after(self, c: Claim) -> int:
        k = c.index + 1
        while k < len(self.toks) and self.toks[k].start < c.phrase_end:
            k += 1
        return k

    def _free(self, c: Claim) -> bool:
        return self._n(c) not in self.consumed

    def _is_heading(self, c: Claim) -> bool:
        return self.blocks[c.block].is_heading

    def _add(self, group: Group) -> None:
        self.groups.append(group)
        self.groups_by_total.setdefault(id(group.total), []).append(group)
        for p in group.parts:
            self.consumed.add(self._n(p))

    def _groups_of(self, total: Claim) -> list[Group]:
        return self.groups_by_total.get(id(total), [])

    def _has_group(self, total: Claim, dimension: str) -> bool:
        return any(g.dimension == dimension or dimension == "*" for g in self._groups_of(total))

    # ------------------------------------------------------------------ pass 1
    def _pass_part_of_whole(self) -> None:
        for c in self.claims:
            whole = c.part_of
            if whole is not None and whole is not c and id(whole) in self.pos:
                self._add(Group(whole, [c], AT_MOST, "part-of", "out of"))

    def _pass_nested_including(self) -> None:
        """"seven above the Moscow Region, including two drones heading for Moscow"."""
        for n, c in enumerate(self.claims[:-1]):
            nxt = self.claims[n + 1]
            if nxt.sentence != c.sentence or not self._free(nxt) or c.value is None:
                continue
            gap = self._gap(c, nxt)
            tail = gap[-3:]
            if "," not in tail or not any(w in ("including", "includes") for w in tail[tail.index(",") :]):
                continue
            if c.unit == "place" or (c.unit and nxt.unit and not self._compatible(c.unit, nxt.unit)
                                     and nxt.unit != "person"):
                continue  # "11 regions of Russia, including 14 over Krasnodar": not a part of the regions
            prev = self.claims[n - 1] if n > 0 else None
            in_list = prev is not None and prev.sentence == c.sentence and self._dimension(prev) is not None \
                and self._dimension(prev) == self._dimension(c) and self._gap(prev, c)[-1:] in ([","], ["and"])
            if not in_list and not self._is_list_head(c, n):
                continue
            # the sub-list runs until the outer list's next item (a sibling of c) or the list ends
            parts = [nxt]
            outer_dim = self._dimension(c)
            k = n + 2
            while k < len(self.claims) and self.claims[k].sentence == c.sentence:
                nxt_item = self.claims[k]
                if self._dimension(nxt_item) == outer_dim and outer_dim != self._dimension(nxt):
                    break
                if outer_dim == self._dimension(nxt) and self._gap(self.claims[k - 1], nxt_item) != ["and"]:
                    break
                if not self._sibling_gap(self._gap(self.claims[k - 1], nxt_item), parts[-1], nxt_item) \
                        or not self._list_compatible(parts, nxt_item, c):
                    break
                parts.append(nxt_item)
                k += 1
            self._add(Group(c, parts, AT_MOST, "nested", "including", nested=True))

    def _is_list_head(self, c: Claim, n: int) -> bool:
        """Is c the first item of a list of siblings ("42 passengers, including five children, and six crew")?"""
        for later in self.claims[n + 2 : n + 4]:
            if later.sentence == c.sentence and later.category and c.category and later.category[0] == c.category[0]:
                return True
        return False

    def _pass_introduced_lists(self) -> None:
        """A total followed by its list: colon, parentheses, "of which", "including", a comma."""
        for n, total in enumerate(self.claims):
            if total.value is None or total.percent or total.comparative or total.previous or total.unit == "place" \
                    or total.more:
                continue
            if n + 1 >= len(self.claims):
                break
            # "evacuated 3,400 residents from five villages: 1,200 from ...": a count of places between a
            # total and its list is part of the total's phrase
            skip = n + 1
            while skip < len(self.claims) and self.claims[skip].unit == "place" \
                    and self.claims[skip].sentence == total.sentence:
                skip += 1
            if skip >= len(self.claims):
                break
            first = self.claims[skip]
            if not self._free(first) or first.percent:
                continue
            intro = self._introduction(total, first)
            if intro is None:
                continue
            relation, cue = intro
            if cue == "direct" and not (self._dimension(first) or "").startswith("cat:"):
                continue  # _direct_list_ok would refuse it: not worth collecting ("1, 2, 3, ...")
            parts = self._collect_list(skip, total, cue)
            if not parts:
                continue
            if cue == "direct" and not self._direct_list_ok(total, parts):
                continue
            if relation == "auto":
                relation = EQUAL if self._closed_set(parts) or cue in ("paren", "colon") else AT_MOST
            if all(p.event in self.v.outcome_events for p in parts) and len({p.event for p in parts}) > 1:
                relation = AT_MOST  # "112 drones, of which 76 were shot down and 32 lost": others may have hit
            if len(parts) == 1 and not parts[0].remainder:
                relation = AT_MOST  # one part is never a complete breakdown
            dim = self._dimension(parts[0]) or "bare"
            per_item = total.subject_each
            self._add(Group(total, parts, relation, dim, cue, per_item=per_item))

    def _introduction(self, total: Claim, first: Claim) -> tuple[str, str] | None:
        """How the words between a total and the next count introduce a list, if they do."""
        gap = self._gap(total, first)
        same_sentence = total.sentence == first.sentence
        if not same_sentence:
            # "32 drones in total. The breakdown of targets was stark: four drones ..."
            if first.sentence == total.sentence + 1 and abs(first.block - total.block) <= 1:
                lead = self._sentence_prefix(first)
                if any(self.toks[k].kind in ("num", "other") for k in range(first.index - len(lead), first.index)):
                    return None
                if ":" in lead and any(self.v.breakdown_lead.match(lead, k) for k in range(len(lead))):
                    return EQUAL, "colon"
                if self._anaphoric_partial(lead):
                    named = next((u for k in range(len(lead)) if (u := self.v.unit_forms.match(lead, k))), None)
                    if named and named[1] != total.unit and not self.v.is_parent(named[1], total.unit or ""):
                        return None  # "Among the dead were four children" after "... and wounded 54"
                    return AT_MOST, "includes"
            return None
        if any(self.toks[k].kind == "num" and not self._place_count_at(k) for k in range(total.index + 1, first.index)):
            return None
        if first.in_parens and gap[-1:] == ["("] and len(gap) <= 3:
            return EQUAL, "paren"
        if total.of_the and "," in gap:
            return "auto", "of-the"
        people = first.unit == "person" and total.unit in ("death", "injury", "casualty")
        if not (self._compatible(total.unit, first.unit) or people or (first.unit or "").startswith("x:")):
            return None  # "killed 12 people, including a 14-year-old boy, and wounded 30"
        toks = [t for t in self._gap_tokens(total, first) if t.low not in ("the", "a", "an")]
        words = [t.low for t in toks]
        for k in range(len(words)):
            for phrases, relation, cue in ((self.v.partial_intro, AT_MOST, "including"),
                                           (self.v.complete_intro, EQUAL, "of-which")):
                hit = phrases.match(words, k)
                if not hit or words[k] == "with" or not self._opens_list(toks[k + hit[0] :]):
                    continue
                if cue == "including" and (k <= 6 or (k <= 12 and words[k - 1] == ",")):
                    return relation, cue
                if cue == "of-which" and k <= 6:
                    return (EQUAL if words[k] != ":" or k <= 4 else "auto"), ("colon" if words[k] == ":" else cue)
        core = self._without_places(total, first)
        if core and core[-1] in ("—", "–", "-", "--") and len(core) <= 6 \
                and all(w in ("—", "–", "-", ",") or self._verbish(w) for w in core):
            return EQUAL, "dash"
        if core and core[-1] in (",", ";", ":") and len(core) <= 6 and all(
                w in (",", ";", "—", "–", "--", ":") or self._verbish(w) for w in core):
            return "auto", "direct"
        return None

    def _gap_tokens(self, a: Claim, b: Claim) -> list[Token]:
        return self.toks[self._tokens_after(a) : b.index]

    @staticmethod
    def _opens_list(after_cue: Sequence[Token]) -> bool:
        """Between a cue and the first count only names and brackets may stand ("they include All
        India Majlis (2)"), not a clause of its own ("including a 14-year-old boy, and wounded 30")."""
        return all(t.capitalized or t.low in ("(", ",", ":") for t in after_cue)

    def _without_places(self, total: Claim, first: Claim) -> list[str]:
        """The gap between a total and its first part, minus the total's own place phrase."""
        k = self._tokens_after(total)
        spans = [(p.start, p.end) for p in total.places]
        out = []
        for t in self.toks[k : first.index]:
            if any(a <= t.start < b for a, b in spans):
                continue
            if t.low in self.v.place_preps or t.low in self.v.place_nouns or t.low == "the":
                continue
            out.append(t.low)
        return out

    def _place_count_at(self, k: int) -> bool:
        return k in self.place_count_tokens

    def _verbish(self, w: str) -> bool:
        return (w in self.v.auxiliaries or w in self.v.total_after.words() or w in ("in", "all", "the", "bag",
                                                                                   "total", "damaged", "so", "far")
                or w.endswith("ed"))

    def _sentence_prefix(self, c: Claim) -> list[str]:
        k = c.index - 1
        while k >= 0 and self.toks[k].sentence == c.sentence:
            k -= 1
        return self.words[k + 1 : c.index]

    def _anaphoric_partial(self, lead: list[str]) -> bool:
        """"That figure includes the 98 of ...": the list refers back to the last total."""
        return any(self.v.partial_intro.match(lead, k) for k in range(min(len(lead), 3))) and \
            any(w in ("that", "this", "the", "they", "these", "figure", "number", "total") for w in lead[:2])

    def _collect_list(self, start: int, total: Claim, cue: str) -> list[Claim]:
        """The parts of a list beginning at claims[start]: siblings joined by commas and "and"."""
        first = self.claims[start]
        parts = [first]
        paren = cue == "paren"
        k = start + 1
        while k < len(self.claims):
            if len(parts) > _MAX_PARTS:
                return []  # no breakdown in copy is this long; checking each item against all is quadratic
            c = self.claims[k]
            prev = parts[-1]
            if self._nested_under(c, prev):
                k += 1
                continue  # "seven above Moscow Region, including two heading for Moscow, six above ..."
            if not self._free(c) or c.percent:
                break
            if c.sentence == prev.sentence + 1 and c.remainder and self._first_in_sentence(c) \
                    and self._last_in_sentence(prev) and self._list_compatible(parts, c, total, loose=True):
                parts.append(c)  # "... won 24 and the Green List 14. The remaining 13 seats went to ..."
                break
            if c.sentence != prev.sentence:
                # a breakdown after a colon may go on in the next sentence ("More were intercepted over
                # Voronezh Oblast (two UAVs), and one drone each ...") -- item for item, nothing between
                if not (cue in ("colon", "includes") and c.sentence == prev.sentence + 1 and not c.additive
                        and self._dimension(c) is not None and self._dimension(c) == self._dimension(first)
                        and self._list_compatible(parts, c, total)
                        and self._last_in_sentence(prev) and self._first_in_sentence(c)
                        and abs(c.block - prev.block) <= 1 and not c.total_cue):
                    break
                parts.append(c)
                k += 1
                continue
            gap = self._gap(self._last_nested(prev), c)
            if paren and ")" in gap:
                break
            if paren and gap == ["."]:
                gap = [","]  # "(4 gold. 5 silver, 3 bronze)": a stray full stop inside a list
            if any(self.v.partial_intro.match(gap, j) for j in range(len(gap))) and cue not in ("including",):
                break
            if not self._sibling_gap(gap, prev, c):
                break
            if not self._list_compatible(parts, c, total, loose=True):
                break
            d_first, d_c = self._dimension(first), self._dimension(c)
            if d_first and d_c and d_first != d_c and not (paren or cue in ("colon", "dash")):
                break
            parts.append(c)
            k += 1
        return parts

    def _nested_under(self, c: Claim, item: Claim) -> bool:
        return any(g.nested and c in g.parts for g in self._groups_of(item))

    def _last_nested(self, item: Claim) -> Claim:
        """The last sub-part of item's nested list, or item itself: where the next list item's gap starts."""
        for g in self._groups_of(item):
            if g.nested:
                return g.parts[-1]
        return item

    def _sibling_gap(self, gap: list[str], prev: Claim, c: Claim) -> bool:
        """Words between two items of one list: separators, places, verbs of the items -- no new clause."""
        if not gap or len(gap) > 14:
            return False
        if any(w in _NEW_CLAUSE for w in gap):
            return False
        return any(w in _LIST_SEPARATORS for w in gap)

    def _list_compatible(self, parts: list[Claim], c: Claim, total: Claim, loose: bool = False) -> bool:
        """May c join the list? ``loose`` (a list its total introduces) also takes nouns the rules do not
        know ("they include ... 13 independents")."""
        unit = self._list_unit(parts, total.unit)
        if loose and c.unit is not None and c.unit.startswith("x:") and not c.percent and total.unit != "place":
            return self._events_agree(parts, c)
        if not self._events_agree(parts, c):
            return False
        if {p.unit for p in parts} | {c.unit} <= {"death", "injury"}:
            return c.unit not in {p.unit for p in parts}  # the killed and the injured: one of each
        same_set = bool(c.category and parts[0].category and c.category[0] == parts[0].category[0])
        children = bool(total.unit and c.unit and unit and self.v.is_parent(total.unit, c.unit)
                        and self.v.is_parent(total.unit, unit))  # "84 aerial targets: 79 drones and 5 missiles"
        if c.unit and unit and not (same_set or children) and not (
                self._compatible(unit, c.unit) or self._compatible(c.unit, unit)):
            return False
        if c.category and any(p.category == c.category for p in parts):
            return False
        if c.category and parts[0].category and c.category[0] != parts[0].category[0]:
            return False
        return not (c.places and any(p.places and {x.name for x in p.places} == {x.name for x in c.places}
                                     for p in parts))

    def _direct_list_ok(self, total: Claim, parts: list[Claim]) -> bool:
        """"126 medals, 40 golds, 44 silvers, and 42 bronze": a bare comma list needs categories."""
        if len(parts) < 2:
            return False
        dims = {self._dimension(p) for p in parts}
        if len(dims) != 1:
            return False
        dim = dims.pop()
        if dim is None or not dim.startswith("cat:"):
            return False
        if total.category is not None or (total.places and dim == "place"):
            return False  # a sibling, not a total
        return self._compatible(total.unit, next((p.unit for p in parts if p.unit), None), dim) or \
            self.v.category_sets[dim[4:]].unit in (total.unit, None)

    def _closed_set(self, parts: Sequence[Claim]) -> bool:
        """Do the parts name every member of a closed category set (gold, silver, bronze)?"""
        cats = {p.category for p in parts if p.category}
        if cats and len(cats) == len(parts):
            name = next(iter(cats))[0]
            spec = self.v.category_sets[name]
            return spec.complete and {m for _, m in cats} == set(spec.members) and all(c[0] == name for c in cats)
        if all(p.unit in ("death", "injury") and not p.category and not p.places for p in parts):
            return {p.unit for p in parts} == {"death", "injury"}
        return False

    def _pass_closing_totals(self) -> None:
        """"24 male, 2 female and 5 children killed, bringing the total death toll to 31"."""
        for n, total in enumerate(self.claims):
            if not (total.closing_cue or total.total_cue) or total.value is None or n == 0:
                continue
            if self._has_group(total, "*"):
                continue
            prev = self.claims[n - 1]
            if not self._free(prev) or prev.percent:
                continue
            same = prev.sentence == total.sentence
            gap = self._gap(prev, total)
            lead = self._sentence_prefix(total)
            if same:
                if "," not in gap and ";" not in gap:
                    continue
                if not total.closing_cue:
                    continue
            else:
                # "That comes to 49 casualties.", "all 18 people were identified"
                if total.sentence != prev.sentence + 1:
                    continue
                opening = self.v.closing.match(lead, 0) if lead else None
                if not ((opening and opening[0] == len(lead)) or (lead and lead[-1] == "all")):
                    continue
                if len(lead) > 8 and lead[-1] != "all":
                    continue
            parts = self._run_ending_at(n - 1, total)
            if len(parts) < 2:
                continue
            relation = EQUAL
            self._add(Group(total, parts, relation, self._dimension(parts[0]) or "bare", "closing"))

    def _run_ending_at(self, last: int, total: Claim) -> list[Claim]:
        parts = [self.claims[last]]
        k = last - 1
        while k >= 0:
            c = self.claims[k]
            nxt = parts[0]
            if c.sentence != nxt.sentence or not self._free(c):
                break
            if not self._sibling_gap(self._gap(c, nxt), c, nxt) or not self._list_compatible(parts, c, total):
                break
            d_c, d_next = self._dimension(c), self._dimension(nxt)
            if d_c != d_next and d_c is not None and d_next is not None:
                break  # "Labour 142 seats, Conservatives 98, ... and others 15, for a total of 300"
            parts.insert(0, c)
            k -= 1
        unit = self._list_unit(parts)
        if not self._compatible(total.unit, unit, self._dimension(parts[0]) or ""):
            return []
        return parts

    def _pass_running_totals(self) -> None:
        """"That comes to 49 casualties. On top of that, 2 died and 2 more were wounded. ... the figure
        becomes 53": an updated total is the earlier total plus the additions stated in between."""
        for n, total in enumerate(self.claims):
            if not total.change_to or total.value is None or total.unit is None or not total.value.is_exact:
                continue
            additions: list[Claim] = []
            earlier: Claim | None = None
            for c in reversed(self.claims[max(0, n - _SCOPE_CLAIMS) : n]):
                if total.block - c.block > 1:
                    break
                if c.value is None or c.percent or not c.unit:
                    continue
                if c.unit == total.unit and (self._group_total(c) or c.total_cue or c.closing_cue):
                    earlier = c
                    break
                if not self._free(c):
                    continue
                if c.additive and (self._compatible(total.unit, c.unit) or c.unit in ("death", "injury")):
                    additions.insert(0, c)
                    continue
                additions = []  # a count that is neither the earlier total nor an addition: no running total
                break
            if earlier is None or not additions or earlier.sentence == total.sentence:
                continue
            self._add(Group(total, [earlier, *additions], EQUAL, "running", "running total"))

    # ------------------------------------------------------------------ pass 2: runs
    def _pass_runs(self) -> None:
        runs = [r for r in self._runs() if not (len(r) == 1 and r[0].remainder)]
        # items of a list are not totals of other lists -- except "killed 173 and injured 260", a pair of
        # totals, unless each of the pair is placed ("in Odesa, nine were killed and 12 injured")
        self.siblings = {id(c) for r in runs if len(r) > 1 for c in r
                         if self._dimension(c) != "cat:casualty" or c.places}
        for run in runs:
            if len(run) <= _MAX_PARTS:
                self._attach(run)

    def _runs(self) -> list[list[Claim]]:
        runs: list[list[Claim]] = []
        current: list[Claim] = []
        current_dim: str | None = None
        for c in self.claims:
            if not self._free(c):
                continue
            if c.value is None and not c.remainder:
                continue
            dim = self._dimension(c) if not c.remainder else (current_dim or "place")
            if dim is None or dim == "outcome" or (c.total_cue and not c.remainder):
                if current and self._breaks_run(current, c):
                    runs.append(current)
                    current, current_dim = [], None
                continue
            if current and len(current) > _MAX_PARTS and dim == current_dim and c.sentence - current[-1].sentence <= 2:
                current.append(c)  # too long to be a breakdown (never attached): extending it costs nothing
            elif current and self._extends(current, current_dim, c, dim):
                current.append(c)
            else:
                if current:
                    runs.append(current)
                current, current_dim = [c], dim
        if current:
            runs.append(current)
        return runs

    def _breaks_run(self, run: list[Claim], c: Claim) -> bool:
        """A count of the run's unit that is not part of it ends the run."""
        unit = self._list_unit(run)
        return c.unit is not None and unit is not None and self._compatible(unit, c.unit) and not c.percent

    def _extends(self, run: list[Claim], dim: str | None, c: Claim, c_dim: str) -> bool:
        last = run[-1]
        if c_dim != dim and not c.remainder:
            return False
        if c.block - last.block > 1 or (c.block != last.block and (self._is_heading(c) or self._is_heading(last))):
            return False
        if c.sentence - last.sentence > 2:
            return False
        unit = self._list_unit(run)
        pair = dim == "cat:casualty" and {unit, c.unit} <= {"death", "injury", "casualty"}
        if c.unit and unit and not pair and not (self._compatible(unit, c.unit) or self._compatible(c.unit, unit)):
            return False
        if not self._events_agree(run, c):
            return False
        if c.sentence != last.sentence and not c.remainder and not self._continues_across(run, c):
            return False
        members = {self._member(p) for p in run if not p.remainder}
        if not c.remainder and self._member(c) in members:
            return False
        if dim == "place" and not c.remainder:
            names = [p.name for r in run for p in r.places]
            if any(self._same_place(p.name, q) for p in c.places for q in names):
                return False  # the same place again, or a place the run's first count spans (a total)
        if any(p.remainder for p in run):
            return False
        # anything between them must not be another count of the unit
        lo, hi = self._n(last), self._n(c)
        for mid in self.claims[lo + 1 : hi]:
            if self._free(mid) and mid.unit and unit and self._compatible(unit, mid.unit) and not mid.percent:
                return False
        return True

    def _first_in_sentence(self, c: Claim) -> bool:
        return self.by_sentence[c.sentence][0] is c

    def _last_in_sentence(self, c: Claim) -> bool:
        return self.by_sentence[c.sentence][-1] is c

    def _continues_across(self, run: list[Claim], c: Claim) -> bool:
        """May a list go on in the next sentence? Only with the run's verb ("Eighteen were downed over
        Krasnodar"), or as a bare continuation of an enumeration ("... , one above the Belgorod Region")."""
        events = {p.event for p in run if p.event}
        if c.event and c.event in events:
            return True
        if c.unit is not None:
            return False
        return self._first_in_sentence(c) and self._last_in_sentence(run[-1]) and bool(c.places)

    def _attach(self, run: list[Claim]) -> None:
        dim = self._dimension(run[0]) if not run[0].remainder else "place"
        if dim is None:
            return
        unit = self._list_unit(run)
        candidates = self._candidates(run, unit, dim)
        if not candidates:
            if len(run) >= 3 and run[0].sentence != run[1].sentence and not run[0].remainder:
                # "... killing another 34 people in Pakistan. 16 died in Sindh, 13 in Balochistan, the rest
                # in Punjab": a run with no total before it begins with its total
                self._attach_to(run[1:], dim, [run[0]])
            return
        self._attach_to(run, dim, candidates)

    def _attach_to(self, run: list[Claim], dim: str, candidates: list[Claim]) -> None:
        total = candidates[0]
        relation = self._run_relation(run, dim, total)
        if not self._fits(run, total, relation):
            # "Placed behind Australia with 177 medals, India collected 38 gold, ...": a farther exact
            # total the run adds up to is the one it breaks down
            for cand in candidates[1:]:
                rel = self._run_relation(run, dim, cand)
                if cand.value is not None and cand.value.is_exact and self._fits(run, cand, rel):
                    total, relation = cand, rel
                    break
        if len(run) == 1 and run[0].sentence != total.sentence:
            return  # a lone count is a part only of a total in its own sentence
        if len(run) <= 2 and relation == AT_MOST and not self._fits(run, total, AT_MOST):
            return  # two counts that exceed the nearest total are not its breakdown
        parts = list(run)
        if dim == "place" and len(total.places) >= 2:
            parts += self._missing_places(total, run)
            relation = self._run_relation(parts, dim, total)
        self._add(Group(total, parts, relation, dim, "run"))

    def _missing_places(self, total: Claim, run: list[Claim]) -> list[Claim]:
        """"five UAVs above the Voronezh, Belgorod and Bryansk regions": after the counts for Voronezh and
        Belgorod, a later count for Bryansk in the same story completes the breakdown."""
        missing = [p for p in total.places if not any(self._same_place(p.name, q.name) for c in run for q in c.places)]
        found: list[Claim] = []
        unit = self._list_unit(run)
        n_last = self._n(run[-1])
        for c in self.claims[n_last + 1 : n_last + 1 + _SCOPE_CLAIMS]:
            if not missing or c.block - run[-1].block > 1:
                break
            if not self._free(c) or c.value is None or c.percent or c.total_cue or self._group_total(c):
                continue
            if not (c.unit and unit and self._compatible(unit, c.unit)) or not self._events_agree(run, c):
                continue
            hit = [p for p in missing if any(self._same_place(p.name, q.name) for q in c.places)]
            if hit and len(c.places) == 1:
                found.append(c)
                missing = [p for p in missing if p not in hit]
        return found

    def _same_place(self, a: str, b: str) -> bool:
        """"Voronezh" is "the Voronezh region"; "Surazhsky district [of the Bryansk region]" is in Bryansk."""
        return bool(self._place_keys(a) & self._place_keys(b))

    def _place_keys(self, name: str) -> set[str]:
        keys = set()
        for piece in name.replace("]", "[").split("["):
            words = [w.lower() for w in piece.split() if w[:1].isupper() and w.lower() not in self.v.place_nouns]
            if words:
                keys.add(" ".join(words))
        return keys

    def _candidates(self, run: list[Claim], unit: str | None, dim: str) -> list[Claim]:
        first = run[0]
        out: list[Claim] = []
        members = {id(p) for p in run}
        n_first = self._n(first)
        for c in reversed(self.claims[max(0, n_first - _SCOPE_CLAIMS) : n_first]):
            if len(out) >= 3:
                break
            if first.block - c.block > _SCOPE_BLOCKS:
                break
            if id(c) in members or c.value is None or c.percent or c.comparative or c.previous or c.more:
                continue
            if self._is_heading(c) and c.block != first.block:
                continue
            if not self._free(c) and not self._group_total(c):
                continue  # a part of something else
            if id(c) in self.siblings and not (c.total_cue or self._group_total(c)):
                continue  # one item of another list
            if c.unit is None:
                continue  # a run's total names what it counts
            if c.unit is not None and (c.unit == "place" or c.unit.startswith("x:")) and c.unit != unit:
                continue
            if not self._compatible(c.unit, unit, dim):
                continue
            if self._has_group(c, dim):
                if out:
                    continue
                break  # the nearest total already has this breakdown: the run is something else
            if dim.startswith("cat:") and not self._same_context(c, first):
                continue
            out.append(c)
        return out

    def _group_total(self, c: Claim) -> bool:
        return bool(self._groups_of(c))

    def _same_context(self, total: Claim, part: Claim) -> bool:
        """A breakdown for one place ("in Punjab, 24 male ...") is not a breakdown of a national total."""
        part_ctx = self._sentence_places(part.sentence)
        if not part_ctx:
            return True
        total_ctx = self._sentence_places(total.sentence)
        return bool(part_ctx & total_ctx)

    def _sentence_places(self, sentence: int) -> set[str]:
        """Places a sentence is about: after place prepositions, or "the Punjab province"."""
        if sentence in self._places_cache:
            return self._places_cache[sentence]
        toks = self.toks
        lo, hi = self.sentence_tokens.get(sentence, (0, 0))
        names: set[str] = set()
        self._places_cache[sentence] = names
        for k in range(lo, hi):
            t = toks[k]
            if t.kind != "word":
                continue
            if t.low in self.v.place_preps:
                places, _ = self.places.names_list(toks, k + 1, hi)
                names.update(p.name.split()[0].lower() for p in places)
            elif t.low == "the" and k + 2 < hi and self.places.is_name_token(toks[k + 1]) \
                    and toks[k + 2].low in self.v.place_nouns:
                names.add(toks[k + 1].low)
        return names

    def _run_relation(self, run: list[Claim], dim: str, total: Claim) -> str:
        if any(p.remainder for p in run):
            return EQUAL
        if self._partial_after(run[-1]):
            return AT_MOST
        if dim.startswith("cat:"):
            return EQUAL if self._closed_set(run) else AT_MOST
        if dim == "place":
            if len(run) >= 3:
                return EQUAL
            covered = [p.name for c in run for p in c.places]
            if len(total.places) >= 2 and all(any(self._same_place(p.name, q) for q in covered)
                                              for p in total.places):
                return EQUAL
            count = self._place_count(total)
            if count is not None and count == len(covered) and len(covered) >= 2:
                return EQUAL
        return AT_MOST

    def _partial_after(self, last: Claim) -> bool:
        k = self._tokens_after(last)
        end = k
        while end < len(self.toks) and self.toks[end].sentence == last.sentence and self.toks[end].kind != "num":
            end += 1
        words = self.words[k:end]
        return any(self.v.partial_after.match(words, j) for j in range(len(words)))

    def _place_count(self, total: Claim) -> int | None:
        """"eight UAVs over three regions": the number of places a total names."""
        for c in self.by_sentence.get(total.sentence, ()):
            if c.unit == "place" and c.value is not None and c.value.is_exact and c.index > total.index:
                return int(c.value.low)
        return None

    def _fits(self, run: list[Claim], total: Claim, relation: str) -> bool:
        from .verdicts import readings_fit

        return readings_fit(run, total, relation)

    # ------------------------------------------------------------------ outcome frames
    def _pass_outcome_frames(self) -> None:
        """"Russia sent 78 drones ... 32 shot down, 45 lost, one still airborne"."""
        for n, total in enumerate(self.claims):
            if total.event != self.v.launch_event or total.value is None or total.percent:
                continue
            existing = [g for g in self._groups_of(total) if g.dimension == "part-of"]
            if self._has_group(total, "outcome") or (self._groups_of(total) and not existing):
                continue
            parts = self._outcomes_after(n, total) or (self._outcomes_before(n, total) if total.total_cue else [])
            if existing:
                group = existing[0]
                seen = {p.event for p in group.parts}
                extra = [p for p in parts if p.event not in seen]
                if extra:
                    group.parts.extend(extra)
                    for p in extra:
                        self.consumed.add(self._n(p))
                    group.dimension = "outcome"
                continue
            if parts:
                self._add(Group(total, parts, AT_MOST, "outcome", "launched"))

    def _outcome_ok(self, total: Claim, c: Claim) -> bool:
        if c.event not in self.v.outcome_events or c.value is None or c.percent or not self._free(c):
            return False
        if not self._compatible(total.unit, c.unit) and c.unit is not None:
            return False
        if c.qualifiers and total.qualifiers and not (c.qualifiers & total.qualifiers):
            return False
        return not (c.qualifiers and not total.qualifiers and c.qualifiers - {"attack"})

    def _outcomes_after(self, n: int, total: Claim) -> list[Claim]:
        parts: list[Claim] = []
        seen_events: set[str] = set()
        for c in self.claims[n + 1 : n + 1 + _SCOPE_CLAIMS]:
            if c.block - total.block > _SCOPE_BLOCKS:
                break
            if c.event == self.v.launch_event and c.unit == total.unit and not c.total_cue:
                break
            if self._is_heading(total) and c.block != total.block:
                break  # a headline's count is restated below; the body's own total takes the outcomes
            if not self._outcome_ok(total, c):
                continue
            if c.event in seen_events:
                continue  # a second count of one outcome restates or subdivides the first
            seen_events.add(c.event)
            parts.append(c)
        return parts

    def _outcomes_before(self, n: int, total: Claim) -> list[Claim]:
        parts: list[Claim] = []
        for c in reversed(self.claims[:n]):
            if c.block != total.block or total.sentence - c.sentence > 1:
                break
            if self._outcome_ok(total, c) and c.unit is not None and c.unit != total.unit:
                parts.insert(0, c)
        return parts if len(parts) >= 2 else []


def claims_interval(parts: Sequence[Claim]) -> Interval | None:
    total: Interval | None = None
    for p in parts:
        if p.value is None:
            continue
        total = p.value if total is None else total + p.value
    return total
