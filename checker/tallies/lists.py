"""Pass 1: what the wording binds explicitly and locally -- lists introduced by their total,
lists closed by their total, part and whole ("15 out of 18"), a part's own sub-list, and
running totals."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from ..claims import Claim
from ..tokens import Token
from ..verdicts import reading_sums, readings_fit
from .scope import AT_MOST, EQUAL, MAX_PARTS, SCOPE_CLAIMS, Group
from .splits import SplitReading

_QUOTES = frozenset('"“”‘’\'')
_EARLIER_WORDS = 200  # how far back "Of those rescued," looks for the sentence that tells of the rescue


class ListPasses(SplitReading):
    def _pass_part_of_whole(self) -> None:
        for c in self.claims:
            whole = c.part_of
            if whole is not None and whole is not c and id(whole) in self.pos and self._free(c):
                self._add(Group(whole, [c], AT_MOST, "part-of", "out of"))

    def _pass_nested_including(self) -> None:
        """"seven above the Moscow Region, including two drones heading for Moscow"."""
        for n, c in enumerate(self.claims[:-1]):
            nxt = self.claims[n + 1]
            if nxt.sentence != c.sentence or not self._free(nxt) or c.value is None or c.comparative:
                continue  # ("4,800 places, 300 more than last year, including 1,150 in ...": not the 300's)
            gap = self._gap(c, nxt)
            tail = gap[-3:]
            sub_only = self._sub_count(nxt) and gap[-1:] == [","] and not (
                nxt.places and n + 2 < len(self.claims) and self.claims[n + 2].sentence == c.sentence
                and self.claims[n + 2].places)  # "34 people, 16 of them in Sindh and 13 in Balochistan": a list
            cue = tail[tail.index(",") :] if "," in tail else []
            if not sub_only and not any(w in self.v.nested_before for w in cue) \
                    and not (any(w in self.v.nested_enclosed for w in cue) and self._enclosed(c, nxt, n)):
                continue
            if c.unit == "place" or (c.unit and nxt.unit and not self._compatible(c.unit, nxt.unit)
                                     and nxt.unit != "person"):
                continue  # "11 regions of Russia, including 14 over Krasnodar": not a part of the regions
            prev = self.claims[n - 1] if n > 0 else None
            in_list = prev is not None and prev.sentence == c.sentence and self._dimension(prev) is not None \
                and self._dimension(prev) == self._dimension(c) and self._gap(prev, c)[-1:] in ([","], ["and"])
            opened = prev is not None and prev.sentence == c.sentence and self._introduction(prev, c) is not None
            # "... won 27, including 19 for its largest partner, the ruling alliance 17 and independents the
            # remaining four": a remainder later in the sentence shows the outer list goes on
            outer_rest = any(x.remainder and x.sentence == c.sentence for x in self.claims[n + 2 : n + 8])
            if not (in_list or opened or outer_rest or (not sub_only and self._is_list_head(c, n))):
                continue
            if sub_only:  # "27 were rescued, six of them with burns": the item's own sub-count
                self._add(Group(c, [nxt], AT_MOST, "nested", "of them", nested=True))
                continue
            # the sub-list runs until the outer list's next item (a sibling of c) or the list ends
            parts = [nxt]
            outer_dim = self._dimension(c)
            k = n + 2
            while k < len(self.claims) and self.claims[k].sentence == c.sentence:
                nxt_item = self.claims[k]
                if self._dimension(nxt_item) == outer_dim and outer_dim != self._dimension(nxt):
                    break
                if outer_dim == self._dimension(nxt) and self._bare_gap(self.claims[k - 1], nxt_item) != ["and"]:
                    break  # (but "including 1,000 in Germany and 600 in Denmark, and ...": the sub-list goes on)
                if not self._sibling_gap(self._gap(self.claims[k - 1], nxt_item), parts[-1], nxt_item) \
                        or not self._list_compatible(parts, nxt_item, c):
                    break
                parts.append(nxt_item)
                k += 1
            if self._second_of_pair_exceeded(c, parts):
                continue
            self._add(Group(c, parts, AT_MOST, "nested", "including", nested=True))

    def _enclosed(self, item: Claim, sub: Claim, n: int) -> bool:
        """Is the sub-count after "with" closed off by a comma before the outer list's next item ("2,500 in
        Europe, with 1,000 in Germany, and 1,600 in Asia", "1,800 in the US, with 900 in California, 700 in
        Europe and 500 in Asia")?"""
        after = self.claims[n + 2] if n + 2 < len(self.claims) else None
        return after is not None and after.sentence == item.sentence and not sub.remainder \
            and self._dimension(after) == self._dimension(item) and self._bare_gap(sub, after)[:1] == [","]

    def _bare_gap(self, prev: Claim, c: Claim) -> list[str]:
        """The words between two items without the first item's own place phrase ("in Germany")."""
        return [t.low for t in self._gap_outside(prev, c, prev) if t.low not in self.v.place_preps]

    def _second_of_pair_exceeded(self, c: Claim, parts: list[Claim]) -> bool:
        """"The plane carried 60 passengers and seven crew, including 19 Russians", "130 Syrians, 96 Egyptians
        and 41 Bangladeshis, among them 57 minors": a list after the last of counts joined by "and" that the
        last cannot hold is about them all."""
        n = self._n(c)
        if n == 0 or readings_fit(parts, c, AT_MOST):
            return False
        prev = self.claims[n - 1]
        return prev.sentence == c.sentence and self._gap(prev, c)[-1:] == ["and"] and len(self._gap(prev, c)) <= 3

    def _per_item(self, c: Claim) -> bool:
        """"15 were charged, each with two offences": a count of something each item has, not an item; so is
        the agent of an item's passive verb ("9 were shot by two gunmen and 5 were stabbed")."""
        before = self.words[max(0, c.index - 4) : c.index]
        agent = before[-1:] == ["by"] and any(w in self.v.copulas for w in before[:-1])  # "were shot by"
        return agent or (c.noun is not None and "each" in before and before[-1:] in (["with"], ["least"]))

    def _names_another_group(self, parts: list[Claim], c: Claim, total: Claim) -> bool:
        """"Of those killed, eight were in Malatya, ... The injured included 73 people in Malatya, ...": the next
        sentence opens with another group than the list's."""
        named = self._unit_named(self._sentence_prefix(c))
        unit = self._list_unit(parts, total.unit)
        return named is not None and unit is not None and not self._related(named, unit)

    def _fate_of_group(self, parts: list[Claim], c: Claim, total: Claim, cue: str) -> bool:
        """"Of the 120 people on board, 84 were rescued, 27 bodies have been recovered and eight remain
        missing": the fates of the group an "Of the ..." split names are its siblings, the dead and the
        missing among them (a toll of the dead holds no missing)."""
        fates = self.v.fate_events
        return cue == "of-the" and total.unit == "person" and c.event in fates \
            and (c.unit in (None, "person") or c.unit in fates) \
            and all(p.event is None or p.event in fates for p in parts)

    def _spread_of_item(self, c: Claim, prev: Claim) -> bool:
        """"four railway workers, two from each train's crew": a bare count "each" of no named places, set off
        by a comma right after an item, tells how the item's count was spread -- it is no item itself."""
        return c.each and not c.places and c.noun is None and self._gap(prev, c) == [","] \
            and c.value is not None and prev.value is not None and c.value.high < prev.value.low

    def _ends_list(self, parts: list[Claim], c: Claim, gap: list[str], cue: str, closed_by_and: bool) -> bool:
        """Does the list end before c, a count in the same sentence after the words ``gap``?"""
        first = parts[0]
        if any(self.v.partial_intro.match(gap, j) for j in range(len(gap))) and cue not in ("including",):
            return True
        if cue in ("including", "includes") and c.noun and c.unit != first.unit and any(
                w in self.v.auxiliaries and j + 1 < len(gap) and gap[j + 1].endswith("ed") for j, w in enumerate(gap)):
            return True  # "199 roads, including two highways, were closed, and 141 transformers ...": a new clause
        joint = max((j for j, w in enumerate(gap) if w in ("and", "while", "whereas")), default=None)
        if cue == "including" and (c.unit or "").startswith("x:") and c.unit not in {p.unit for p in parts} \
                and joint is not None and gap[joint + 1 :] and all(
                    w not in self.v.list_separators for w in gap[joint + 1 :]):
            return True  # "close 19 stores, including 11 in town centres, and open (while opening) 14 food halls"
        if cue == "of-which" and (";" in gap or "whom" in gap or "which" in gap):
            return True  # "40 people, of whom 31 survived, and the second 25, of whom 20 ...": another total's list
        if cue == "of-which" and not any(p.places for p in parts) and self._own_subject_verb(c):
            return True  # "67 attempts, of which 66 succeeded, and Russia made 19": Russia's count, not an item
            # (but "of whom seven died in Romania and seven in Poland, and Austria reported five": a place's)
        if cue == "of-which" and c.noun and c.category is None and first.noun is None \
                and all(p.unit != c.unit for p in parts):
            return True  # "of whom 2 million are Arab citizens, and about 500,000 settlers live ...": another noun
        if not self._sibling_gap(gap, parts[-1], c):
            return True
        if any(w == "," and j + 1 < len(gap) and gap[j + 1].endswith("ing") and gap[j + 1] not in self.v.list_separators
               and gap[j + 1] not in self.v.partial_intro.words() for j, w in enumerate(gap)):
            return True  # "Republicans won 15 and Democrats 19, flipping four seats ...": a clause of its own
        if c.additive and (";" in gap or (closed_by_and and gap[-1:] != ["plus"])):
            return True  # "4 over Kursk and 8 over Tula; another 3 were shot down ...": added to the list's total
            # (but "two in Romania and one in Poland, plus one in Austria" is the list's last item)
        if c.category is None and first.category and (
                ";" in gap  # "included 19 men and 15 women; 8 were under 18": another way of counting them
                or (cue == "including" and c.noun is None)  # "including seven golds, and the British second with 11"
                or (closed_by_and and self._closed_set(parts))):  # "... and five bronzes, while Uzbekistan won 13"
            return True
        return self._opens_own_list(c)

    def _own_subject_verb(self, c: Claim) -> bool:
        """Does c's clause, since the last "and" or comma, give it a subject of its own -- a name ("..., and
        Russia 19") or words before a verb ("..., and officers in Liverpool detained 22")?"""
        k = c.index - 1
        while k >= 0 and self.toks[k].sentence == c.sentence and self.words[k] not in ("and", ","):
            k -= 1
        clause = self.toks[k + 1 : c.index]
        if not clause or k < 0:
            return False
        if all(t.capitalized or t.text in _QUOTES for t in clause) and any(t.capitalized for t in clause):
            return True  # "and Russia 19", "and France 640,000", 'and "Oppenheimer" 1.2 million'
        verb = clause[-1]
        return len(clause) >= 2 and verb.kind == "word" and not verb.capitalized \
            and (verb.low.endswith("ed") or verb.low in self.v.subject_verbs)

    def _opens_own_list(self, c: Claim) -> bool:
        """A count that opens a list of its own ("won 13: eight golds, ...", "25, of whom 20 ...") is not an
        item of another list."""
        k = self._tokens_after(c)
        after = self.words[k : k + 3]
        if after in ([",", "of", "whom"], [",", "of", "which"]):
            return True
        n = self._n(c)
        old_values = {x.index for x in self.claims[n + 1 : n + 3] if x.previous}  # "rose to 64 from 52: ..."
        for j in range(k, min(k + 8, len(self.toks))):  # "Floods killed 30 people in Punjab: 14 in Lahore, ..."
            t = self.toks[j]
            if j in old_values:
                continue
            if t.sentence != c.sentence or t.kind in ("num", "other") or t.text in (",", ";"):
                return False
            if t.text == ":":
                return True
        return False

    def _is_list_head(self, c: Claim, n: int) -> bool:
        """Is c the first item of a list of siblings ("42 passengers, including five children, and six crew")?"""
        for later in self.claims[n + 2 : n + 4]:
            if later.sentence == c.sentence and later.category and c.category and later.category[0] == c.category[0]:
                return True
        return False

    def _pass_introduced_lists(self) -> None:
        """A total followed by its list: colon, parentheses, "of which", "including", a comma."""
        for n, total in enumerate(self.claims):
            if total.value is None or total.percent or total.comparative or total.previous or total.unit == "place":
                continue
            if n > 0 and self._container_count(self.claims[n - 1], total):
                continue  # "into 12 shelters: 3,000 into schools ...": where the total went, not a total
            if n + 1 >= len(self.claims):
                break
            # "evacuated 3,400 residents from five villages: 1,200 from ...": a count of places between a
            # total and its list is part of the total's phrase; so is an old value ("rose to 10 from 9")
            skip = n + 1
            while skip < len(self.claims) and self.claims[skip].sentence == total.sentence and (
                    self.claims[skip].unit == "place" or self._container_count(total, self.claims[skip])
                    or self.claims[skip].previous or self._carried_in(total, self.claims[skip])
                    or self._counts_another_thing(total, self.claims[skip])):
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
            if relation != AT_MOST and self._partial_between(total, first):
                relation = AT_MOST  # "41,000 homes, mostly in three counties: 22,000 in Carroll, ..."
            heads = cue in ("colon", "paren", "including", "of-which") and first.sentence == total.sentence
            if total.more and not heads:
                continue  # "11 more were downed: six over Kursk, ..." heads its list; elsewhere "N more" adds to one
            before = self.claims[n - 1] if n > 0 else None
            whole = None
            if before is not None and before.part_of is total and before.sentence == total.sentence:
                whole, total = total, before  # "close 32 of its 212 stores: 14 in ...": the list breaks down the 32
            if cue == "direct" and not (self._dimension(first) or "").startswith("cat:"):
                continue  # _direct_list_ok would refuse it: not worth collecting ("1, 2, 3, ...")
            parts = self._collect_list(skip, total, cue)
            if not parts or self._two_ways(parts):
                continue
            if whole is not None and first.sentence != total.sentence and any(p.value == total.value for p in parts):
                total = whole  # "taking 57 of its 81 seats. The full result was: Reform UK 57, ...": the 57 is an
                # item of the list, which is the 81's
            head = self._adjunct_head(total)
            if head is not None and not readings_fit(parts, total, AT_MOST) and all(
                    p.unit is None or self._compatible(head.unit, p.unit) or self._takes_people(head, p)
                    for p in parts):
                total = head  # "brought 612 people ashore from 14 boats: 248 Malians, ...": the people's list
            if total.change_to and any(self.v.flows.match(self.words, self._tokens_after(p)) for p in parts):
                continue  # "Membership rose to 5,400: 900 joined and 300 left": the flows, not a breakdown
            if cue == "direct" and not self._direct_list_ok(total, parts):
                continue
            if relation == "auto":
                complete = self._closed_set(parts) or cue in ("paren", "colon") or parts[-1].remainder \
                    or (cue == "of-the" and self._split_in_full(parts, total))
                relation = EQUAL if complete else AT_MOST
            elif relation == AT_MOST and cue == "includes" and first.sentence != total.sentence \
                    and (self._names_the_total(self._sentence_prefix(first), total)
                         or self._of_the_total_after(first, total)) \
                    and (self._split_in_full(parts, total) or self._closed_set(parts)):
                # ("Of the dead, 14 were men, eight were women and two were children": every member named)
                relation = EQUAL  # "Of the dead, 21 were in Albay, 14 in Sorsogon, eight in Catanduanes and ..."
            if all(p.event in self.v.outcome_events for p in parts) and len({p.event for p in parts}) > 1:
                relation = AT_MOST  # "112 drones, of which 76 were shot down and 32 lost": others may have hit
            if len(parts) == 1 and not parts[0].remainder:
                relation = AT_MOST  # one part is never a complete breakdown
            if relation == EQUAL and self._member_counted_apart(total, parts):
                relation = AT_MOST  # "20 titles among its 45 medals overall (12 silver, 13 bronze)": gold apart
            if relation == EQUAL and self._goes_on_past(parts):
                relation = AT_MOST  # "520 buildings: 300 shops, 200 warehouses and 20 schools", schools refused
            k_end = self._tokens_after(self._last_nested(parts[-1]))
            tail = [t for t in self.toks[k_end : k_end + 6] if t.sentence == parts[-1].sentence]
            if relation == EQUAL and any(a.low in ("and", ",", "plus") and b.low in ("a", "an")
                                         and not any(t.low in self.v.attribution_verbs for t in tail[j + 2 :])
                                         for j, (a, b) in enumerate(itertools.pairwise(tail))):
                relation = AT_MOST  # "17 Filipinos, four Indians and a Russian", "..., plus a firefighter in
                # Austria": an item not read as a count
            if relation == EQUAL and first.sentence != total.sentence and not readings_fit(parts, total, EQUAL):
                total = self._earlier_total_fitting(n, total, parts) or total
            if relation == AT_MOST and first.sentence != total.sentence and not readings_fit(parts, total, AT_MOST):
                # "destroyed 35 of 47 missiles. The missiles included 20 Kh-101s, 11 Kalibrs, ...": the list is
                # of the whole the nearest count was taken out of, when the whole holds it
                whole = total.part_of
                if whole is None and total.event in self.v.outcome_events:  # "launched 47 ... destroyed 35 of them"
                    whole = self._earlier_total_fitting(n, total, parts, AT_MOST, wholes=True)
                    whole = whole if whole is not None and whole.event == self.v.launch_event else None
                if whole is not None and whole is not total and readings_fit(parts, whole, AT_MOST):
                    total = whole
            if relation == AT_MOST and self._second_of_pair_exceeded(total, parts):
                continue
            pair = n > 0 and self.claims[n - 1].sentence == total.sentence \
                and self._gap(self.claims[n - 1], total)[-1:] == ["and"]
            if cue == "includes" and pair and not readings_fit(parts, total, AT_MOST):
                continue  # "68 passengers, including six children, and four crew. The foreigners included ...": whose?
            if cue in ("colon", "direct", "of-which") and (total.unit is None or total.unit.startswith("x:")) \
                    and total.value is not None and parts[0].value is not None \
                    and parts[0].value.low > total.value.high:
                continue  # "taken to three hospitals in the city: 40 to the regional hospital, ...": where, not what
            if cue in ("dash", "paren") and len(parts) == 1 and parts[0].value is not None \
                    and total.value is not None and parts[0].value.low > total.value.high:
                continue  # "5 in Chittagong and 3 in Sylhet — 20 across the country —": the list's total
            dim = self._dimension(parts[0]) or "bare"
            self._add(Group(total, parts, relation, dim, cue))

    def _counts_another_thing(self, total: Claim, c: Claim) -> bool:
        """"killed 287 people in Thailand during the 'seven dangerous days'": the last count of the total's
        sentence, with a noun of its own, of a thing the total is not, and no list opening before it, does
        not stand between the total and a list in the next sentence; nor does a share ("admitted 486 people
        ..., as temperatures hit 42C with humidity above 60%. Of the patients, ...")."""
        if c.percent and not total.percent and self._last_in_sentence(c) and c.sentence == total.sentence:
            return self._introduction(total, c) is None
        fates = self.v.fate_events
        if c.event in fates and total.unit in fates and c.event != total.unit and c.unit not in fates \
                and self._last_in_sentence(c) and c.sentence == total.sentence:
            return self._introduction(total, c) is None  # "rose to 47, with rescuers still searching for 12
            # people reported missing. Of the dead, ..."
        return c.noun is not None and c.unit is not None and total.unit is not None and self._last_in_sentence(c) \
            and c.sentence == total.sentence and not self._related(total.unit, c.unit) \
            and not (total.unit == "person" and c.unit in ("death", "injury", "casualty")) \
            and self._introduction(total, c) is None

    def _carried_in(self, total: Claim, c: Claim) -> bool:
        """"intercepted 621 migrants trying to reach Italy in 24 boats.": the sentence's last count, of
        another thing behind a container preposition right after the total, says what carried it; the next
        sentence's list ("Of those stopped, ...") is the total's."""
        return c.sentence == total.sentence and self._n(c) == self._n(total) + 1 and self._last_in_sentence(c) \
            and c.index > 0 and self.words[c.index - 1] in self.v.container_prepositions \
            and None not in (c.unit, total.unit) and c.unit != "place" and not self._related(total.unit, c.unit)

    def _member_counted_apart(self, total: Claim, parts: list[Claim]) -> bool:
        """Parts that name some members of a category set, in a sentence that names another member before
        them ("third in the gold count with 20 titles among its 45 medals (12 silver, 13 bronze)"): the
        member left out of the list is counted elsewhere, so the list is partial."""
        cats = {p.category for p in parts if p.category}
        if not cats or len(cats) != len(parts) or len({name for name, _ in cats}) != 1:
            return False
        name = next(iter(cats))[0]
        listed = {member for _, member in cats}
        lo, _ = self.sentence_tokens[total.sentence]
        words = self.words[lo : parts[0].index]
        return any((hit := self.v.category_forms.match(words, k)) and hit[1][0] == name and hit[1][1] not in listed
                   for k in range(len(words)))

    def _introduction(self, total: Claim, first: Claim) -> tuple[str, str] | None:
        """How the words between a total and the next count introduce a list, if they do."""
        gap = self._gap(total, first)
        same_sentence = total.sentence == first.sentence
        if self._cut_between(total, first) or (same_sentence and first.total_cue):
            return None  # "Bryansk 7 (30 in all)", "3 over Crimea — 31 in all": a total, not a part
        if not same_sentence:
            # "32 drones in total. The breakdown of targets was stark: four drones ..."
            if first.sentence == total.sentence + 1 and abs(first.block - total.block) <= 1:
                lead = self._sentence_prefix(first)
                if any(self.toks[k].kind in ("num", "other") for k in range(first.index - len(lead), first.index)):
                    return None
                if ":" in lead and any(self.v.breakdown_lead.match(lead, k) for k in range(len(lead))):
                    return EQUAL, "colon"
                if self._the_unit_were(lead, total):
                    return EQUAL, "of-which"  # "A stampede killed 27 people. The dead were 19 women, ..."
                if self._names_the_total(lead, total) and self._free(total):
                    if first.unit and total.unit and not self._compatible(total.unit, first.unit):
                        return None  # "launched 50 drones and 6 missiles. Of those, 41 drones ...": not the 6
                    n = self._n(total)
                    if n > 0 and self._carried_in(self.claims[n - 1], total):
                        return None  # "1,324 migrants ... aboard 41 boats. Of those, 906 ...": not the boats
                    if first.value is not None and total.value is not None and first.value.low > total.value.high:
                        return None  # "Five people were still missing. Of those rescued, 86 ...": not the five
                    return AT_MOST, "includes"  # "... the death toll to 47. Of the dead, 29 were found in ..."
                if self._first_in_sentence(first) and self._free(total) and self._of_the_total_after(first, total) \
                        and first.value is not None and total.value is not None \
                        and first.value.low <= total.value.high:
                    return AT_MOST, "includes"  # "Forty-three children were taken to hospital. By Thursday, 29 of
                    # the children had been discharged, eleven ...": the first part names the total's noun after it
                if self._anaphoric_partial(lead):
                    named = self._unit_named(lead)
                    if named and named != total.unit and not self.v.is_parent(named, total.unit or ""):
                        return None  # "Among the dead were four children" after "... and wounded 54"
                    if (total.unit or "").startswith("x:") and first.unit and not first.unit.startswith("x:"):
                        return None  # "112,660 households ... They included 145,800 children": people, no households
                    return AT_MOST, "includes"
            return None
        counts_between = [k for k in range(total.index + 1, first.index)
                          if self.toks[k].kind == "num" and not self._place_count_at(k)]
        if counts_between:  # (the containers are looked for only when a count stands between)
            containers = {c.index for c in self.by_sentence.get(total.sentence, ()) if self._container_count(total, c)}
            if any(k not in containers for k in counts_between):
                return None
        if first.in_parens and gap[-1:] == ["("] and len(gap) <= 3:
            return EQUAL, "paren"
        if total.of_the and "," in gap:
            return "auto", "of-the"
        if not (self._compatible(total.unit, first.unit) or self._takes_people(total, first)
                or (first.unit or "").startswith("x:")):
            return None  # "killed 12 people, including a 14-year-old boy, and wounded 30"
        toks = [t for t in self._gap_tokens(total, first) if t.low not in ("the", "a", "an")]
        words = [t.low for t in toks]
        for k in range(len(words)):
            for phrases, relation, cue in ((self.v.partial_intro, AT_MOST, "including"),
                                           (self.v.complete_intro, EQUAL, "of-which")):
                hit = phrases.match(words, k)
                if not hit or words[k] == "with" or not self._opens_list(toks[k + hit[0] :]):
                    continue
                if any(w in ("while", "whereas", "but", ";") for w in words[:k]):
                    continue  # "killed 20 children, while the injured comprised 44 men, ...": another subject's list
                if cue == "including" and (k <= 6 or (words[k - 1] == "," and (
                        k <= 12 or k - self._attribution_before(words, k) <= 12))):
                    return relation, cue  # "... killed 64 people, the provincial authority said, including ..."
                if cue == "of-which" and k - (said := self._attribution_before(words, k)) <= 6:
                    near = words[k] != ":" or k - said <= 4
                    return (EQUAL if near else "auto"), ("colon" if words[k] == ":" else cue)
        core = self._without_places(total, first)
        if core and core[-1] in ("—", "–", "-", "--") and len(core) <= 6 \
                and all(w in ("—", "–", "-", ",") or self._verbish(w) for w in core):
            return EQUAL, "dash"
        if core and core[-1] in (",", ";", ":") and len(core) <= 6 and all(
                w in (",", ";", "—", "–", "--", ":") or self._verbish(w) for w in core):
            return "auto", "direct"
        return None

    def _attribution_before(self, words: Sequence[str], k: int) -> int:
        """The length of an attribution clause ending at words[k] (", the ministry said on Saturday"),
        or 0: it stands between a total and its list without changing what the list breaks down."""
        end = k - 1 if k > 0 and words[k - 1] == "," else k  # ", the Air Force said, listing ..."
        comma = next((j for j in range(end - 1, max(-1, end - 16), -1) if words[j] == ","), None)
        if comma is None or not any(w in self.v.attribution_verbs for w in words[comma:end]):
            return 0
        return k - comma

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
            if spans and any(a <= t.start < b for a, b in spans):
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

    def _names_the_total(self, lead: list[str], total: Claim) -> bool:
        """A sentence opening "Of the dead," refers back to the count of the dead before it; "Of those,"
        "Of them," and "Of those stopped," to the count just before it."""
        if lead in (["of", "those", ","], ["of", "them", ","], ["of", "these", ","]):
            return True
        if len(lead) in (4, 5) and lead[:2] == ["of", "those"] and lead[-1] == "," \
                and all(w.isalpha() for w in lead[2:-1]):
            # "Of those stopped,": a count of someone, not "kilometre 212" -- and not one whose sentence does not
            # tell what "rescued" says when an earlier sentence does ("Rescuers pulled 19 miners out alive. [...]
            # A total of 29 miners were working underground. Of those rescued, ...")
            return total.unit is not None and not self._told_earlier(lead[2], total)
        if len(lead) < 4 or lead[:2] != ["of", "the"] or lead[-1] != "," or total.unit is None:
            return False
        hit = self.v.unit_forms.match(lead, 2)
        return hit is not None and 2 + hit[0] == len(lead) - 1 and (
            hit[1] == total.unit or self.v.is_parent(total.unit, hit[1])) and not self._told_earlier(lead[2], total)

    def _of_the_total_after(self, first: Claim, total: Claim) -> bool:
        """"29 of the children had been discharged": the count names the total's noun right after it."""
        k = self._tokens_after(first)
        return self.words[k : k + 2] == ["of", "the"] \
            and self._names_the_total(["of", "the", *self.words[k + 2 : k + 3], ","], total)

    def _told_earlier(self, participle: str, total: Claim) -> bool:
        """Does the participle of "Of those rescued," (or the noun of "Of the evacuees,") name what an earlier
        sentence tells, not the total's?"""
        if len(participle) < 6 or not (participle.endswith("ed") or participle.endswith("ees")):
            return False  # ("rescued", "evacuees"; not "dead", "those on board")
        stem = participle[:5]
        lo, hi = self.sentence_tokens[total.sentence]
        if any(w.startswith(stem) for w in self.words[lo:hi]):
            return False
        return any(w.startswith(stem) for w in self.words[max(0, lo - _EARLIER_WORDS) : lo])

    def _anaphoric_partial(self, lead: list[str]) -> bool:
        """"That figure includes the 98 of ...": the list refers back to the last total."""
        return any(self.v.partial_intro.match(lead, k) for k in range(min(len(lead), 3))) and \
            any(w in ("that", "this", "the", "they", "these", "figure", "number", "total") for w in lead[:2])

    def _collect_list(self, start: int, total: Claim, cue: str) -> list[Claim]:
        """The parts of a list beginning at claims[start]: siblings joined by commas and "and"."""
        first = self.claims[start]
        parts = [first]
        paren = cue == "paren"
        closed_by_and = False  # the last item came after "and": a list that has ended
        k = start + 1
        while k < len(self.claims):
            if len(parts) > MAX_PARTS:
                return []  # no breakdown in copy is this long; checking each item against all is quadratic
            c = self.claims[k]
            prev = parts[-1]
            if self._nested_under(c, prev) or ((c.previous or c.comparative) and c.sentence == prev.sentence) or (
                    c.sentence == prev.sentence and (self._sub_count(c) or self._per_item(c)
                                                     or self._spread_of_item(c, prev))):
                k += 1
                continue  # "two heading for Moscow", "88, up from 80, and ...", "10 remain, four of them ..."
            if not self._free(c) or c.percent or (c.total_cue and c.sentence == prev.sentence):
                break  # ("16 golds, including five in biathlon and four in skiing, and 37 medals in all": a total)
            if c.remainder and total.part_of is not None and c.sentence != total.sentence:
                break  # "took seven of the 10 wickets: ... . Spinners shared the other three": the rest of the 10
            if c.sentence == prev.sentence + 1 and c.remainder and self._first_in_sentence(c) \
                    and self._last_in_sentence(prev) and self._list_compatible(parts, c, total, loose=True):
                if not readings_fit(parts, total, EQUAL):  # (a list that already adds up leaves no rest: "Nine
                    parts.append(c)  # were in serious condition: six ... and three .... The other 14 had ...")
                break  # "... won 24 and the Green List 14. The remaining 13 seats went to ..."
            if c.sentence != prev.sentence and self._cut_between(prev, c):
                break
            if c.sentence != prev.sentence:
                # a breakdown after a colon may go on in the next sentence ("More were intercepted over
                # Voronezh Oblast (two UAVs), and one drone each ...") -- item for item, nothing between
                if not (cue in ("colon", "includes", "of-which") and c.sentence == prev.sentence + 1 and not c.additive
                        and c.value is not None and c.value.is_exact  # not "Thousands of people were evacuated"
                        and self._dimension(c) is not None and self._dimension(c) == self._dimension(first)
                        and self._list_compatible(parts, c, total)
                        and (c.unit is None or self._list_unit(parts, total.unit) is not None)
                        and self._last_in_sentence(prev) and self._first_in_sentence(c)
                        and abs(c.block - prev.block) <= 1 and not c.total_cue and not self._opens_own_list(c)
                        and self._same_event_as_list(parts, c, total) and not self._fronted_frame(c)
                        and not self._owned_name(c) and not self._names_another_group(parts, c, total)
                        and not any(p.name == q.name for p in c.places for x in parts for q in x.places)
                        and not any(q.name.split()[0].lower() in self._sentence_prefix(c)
                                    for x in parts for q in x.places)):
                    # ("... 209 in Valencia, ... In Valencia, 62 died in Paiporta": a sub-place, not an item)
                    break
                parts.append(c)
                k += 1
                continue
            gap = self._gap(self._last_nested(prev), c)
            if paren and ")" in gap:
                break
            if cue == "dash" and any(w in ("—", "–", "--", "-") for w in gap):
                break  # "killed nine people — eight pupils and a guard — and wounded seven": the aside is over
            if paren and gap == ["."]:
                gap = [","]  # "(4 gold. 5 silver, 3 bronze)": a stray full stop inside a list
            gap = self._without_aside(gap)
            if self._ends_list(parts, c, gap, cue, closed_by_and):
                break
            closed_by_and = "and" in gap
            if not (self._fate_of_group(parts, c, total, cue) or self._list_compatible(parts, c, total, loose=True)):
                break
            d_first, d_c = self._dimension(first), self._dimension(c)
            if d_first and d_c and d_first != d_c and not (paren or cue in ("colon", "dash")):
                break
            parts.append(c)
            k += 1
        return parts

    def _adjunct_head(self, total: Claim) -> Claim | None:
        """The count a total is an adjunct of: "612 people ashore from 14 boats", "9,410 homes had been destroyed
        in the two fires" -- a count behind a preposition, in the clause of an earlier count of another unit."""
        n = self._n(total)
        head = self.claims[n - 1] if n > 0 else None
        if head is None or head.sentence != total.sentence or head.unit is None or head.value is None \
                or head.percent or not self._free(head) or self._compatible(head.unit, total.unit):
            return None
        gap = self._gap(head, total)
        words = gap[:-1] if gap[-1:] == ["the"] else gap
        if not words or words[-1] not in self.v.container_prepositions or len(gap) > 8:
            return None
        return None if any(w in self.v.list_separators or not w[:1].isalnum() for w in gap) else head

    def _earlier_total_fitting(self, n: int, nearest: Claim, parts: list[Claim], relation: str = EQUAL,
                               wholes: bool = False) -> Claim | None:
        """"Floods have killed 30 people. Another 11 are missing. The district-wise toll: Mandi – 20, ...":
        a breakdown in a sentence of its own that the nearest count does not fit, but an earlier count of
        the paragraph does (exactly, or within it for a partial list), breaks down the earlier one. With
        ``wholes``, a count a part was taken out of may be it ("launched 47 missiles ... destroyed 35")."""
        for cand in reversed(self.claims[max(0, n - 4) : n]):
            if cand.block != nearest.block or nearest.sentence - cand.sentence > 2:
                break
            grouped = any(g.dimension != "part-of" for g in self._groups_of(cand)) if wholes else \
                bool(self._groups_of(cand))
            if cand.value is None or not cand.value.is_exact or cand.percent or not self._free(cand) \
                    or grouped or not self._related(cand.unit, nearest.unit):
                continue
            if readings_fit(parts, cand, relation):
                return cand
        return None

    def _without_aside(self, gap: list[str]) -> list[str]:
        """"37 with drones, including Lancet and Molniya, and two with missiles": an aside between commas
        that names no count is no break in the list."""
        said = next((j for j, w in enumerate(gap) if w in self.v.attribution_verbs), None)
        if said is not None:  # "41 were shot down ..., the air force said, while 27 were lost"
            lo = max((j for j in range(said) if gap[j] == ","), default=None)
            hi = next((j for j in range(said + 1, len(gap)) if gap[j] == ","), None)
            if lo is not None and hi is not None and hi - lo <= 8:
                gap = gap[:lo] + gap[hi:]
        t = next((j for j, w in enumerate(gap) if w == ","), None)
        if t is None or t + 2 >= len(gap) or not self.v.partial_intro.match(gap, t + 1) or "," not in gap[t + 2 :]:
            return gap
        close = gap.index(",", t + 2)
        rest = gap[close + 1 :]
        if rest and not all(w in ("and", ",") for w in rest):
            return gap
        return gap[:t] + gap[close:]

    def _same_event_as_list(self, parts: list[Claim], c: Claim, total: Claim) -> bool:
        """A sentence that goes on with the list says what happened as the list does ("More were
        intercepted over ..."), not something else ("One drone struck an oil depot in ..."), and is
        not a count out of the list's things ("Three of the drones targeted a refinery")."""
        lead = self._sentence_prefix(c)
        if self.words[c.index + 1 : c.index + 3] == ["of", "the"] or "alone" in lead:
            return False  # ("Three of the drones targeted ...", "The town of Paiporta alone accounted for 62")
        if any(w in self.v.other_time for w in lead):
            return False  # "A day earlier, 18 drones had been downed over the Black Sea": another day's count
        events = {p.event for p in parts if p.event} | ({total.event} if total.event else set())
        return c.event is None or c.event in events

    def _fronted_frame(self, c: Claim) -> bool:
        """Does c's sentence open with a phrase of its own set off by a comma ("In Brazil, floods killed
        12", "In a separate attack,", "In 2005,")? Then it starts another account, not the next item."""
        lead = self._sentence_prefix(c)
        if "," not in lead or lead[0] not in self.v.place_preps:
            return False
        fronted = lead[: lead.index(",")]
        return not any(self.v.additive_before.match(fronted, j) for j in range(len(fronted)))  # "In addition,"

    def _goes_on_past(self, parts: list[Claim]) -> bool:
        """Does the list go on after its last collected item, joined by nothing but a separator? Then an
        item was refused (a noun the rules do not relate to the total) and what was collected is not the
        whole breakdown."""
        last = self._last_nested(parts[-1])
        k = self.pos[id(last)] + 1
        if k >= len(self.claims):
            return False
        nxt = self.claims[k]
        if self._inside_item(last, nxt) and k + 1 < len(self.claims):
            k += 1  # "71 in year one and 70 in nursery": "one" names the item's class, it counts nothing
            nxt = self.claims[k]
        while (nxt.previous or self._sub_count(nxt)) and k + 1 < len(self.claims):
            k += 1  # "10 remain in hospital, four of them in critical condition": no item of the list
            nxt = self.claims[k]
        if nxt.previous or self._sub_count(nxt):
            return False
        gap = self._gap(last, nxt)
        tail = next((j for j, w in enumerate(gap) if w in (",", "and", ";")), len(gap))
        if any(w in (")", "—", "–", ":") for w in gap[:tail]):
            return False  # "(five gold, six silver and four bronze), two more than ...": the list is closed
        gap = gap[tail:]  # the item's own words first: "37 with drones", "12 over the Bryansk region"
        if len(gap) > 2 and gap[0] == "," and self.v.partial_intro.match(gap, 1) and "," in gap[2:]:
            gap = gap[gap.index(",", 2) :]  # "37 with drones, including Lancet and Molniya, and two with ..."
        if nxt.sentence != last.sentence or not gap:
            return False
        if all(w in (",", "and") for w in gap):
            return True
        # "..., one in Kherson, and in Sumy and Dnipropetrovsk one each": the next item's own places first
        names = {t.low for t in self._gap_tokens(last, nxt) if t.capitalized}
        rest = [w for w in gap if w not in names and w not in self.v.place_preps and w != "the"]
        return bool(rest) and gap[0] in (",", "and") and all(w in (",", "and") for w in rest)

    def _inside_item(self, item: Claim, c: Claim) -> bool:
        """"71 in year one", "71 to ward 7": a bare number right after the item's own words, nothing between."""
        gap = self._gap(item, c)
        return c.sentence == item.sentence and c.noun is None and 0 < len(gap) <= 3 and gap[-1].isalpha() \
            and gap[-1] not in self.v.list_separators and not any(not w.isalpha() for w in gap)

    def _nested_under(self, c: Claim, item: Claim) -> bool:
        return any(g.nested and c in g.parts for g in self._groups_of(item))

    def _last_nested(self, item: Claim) -> Claim:
        """The last sub-part of item's nested list, or item itself: where the next list item's gap starts."""
        for g in self._groups_of(item):
            if g.nested:
                return g.parts[-1]
        return item

    def _sibling_gap(self, gap: list[str], prev: Claim, c: Claim) -> bool:
        """Words between two items of one list: separators, places, verbs of the items -- no new clause.
        The previous item's own place names do not count toward the length ("over the Belgorod, Bryansk,
        Krasnodar, and Novgorod regions, while ...")."""
        named = sum(1 for t in self._gap_tokens(prev, c) if any(p.start <= t.start < p.end for p in prev.places)) \
            if prev.places else 0
        if not gap or len(gap) - named > 14:
            return False
        k = self._tokens_after(c)
        own = self.words[k] if k < len(self.words) else ""  # "462 said they ..., 391 said they ...": each item's verb
        elided = own != "" and self.toks[k].sentence == c.sentence and gap[-1:] in (["and"], [","]) and (
            own in gap or (len(gap) >= 2 and self.toks[k].capitalized and gap[-2][:1].isalpha()
                           and self._gap_tokens(prev, c)[-2].capitalized))
        # ("852 said they would vote No and 511 Yes": the later item leaves out the verb the first spelled out)
        if any(w in self.v.new_clause and not (j > 0 and gap[j - 1] in self.v.auxiliaries)
               and not (j == 0 and (w == own or elided)) for j, w in enumerate(gap)):
            return False  # "36 were reported in Bicol, 28 in Samar": the item's own passive verb is no new clause
        return any(w in self.v.list_separators for w in gap)

    def _list_compatible(self, parts: list[Claim], c: Claim, total: Claim, loose: bool = False) -> bool:
        """May c join the list? ``loose`` (a list its total introduces) also takes nouns the rules do not
        know ("they include ... 13 independents")."""
        unit = self._list_unit(parts, total.unit)
        if loose and c.unit is not None and c.unit.startswith("x:") and not c.percent and total.unit != "place":
            return self._events_agree(parts, c)
        if loose and unit is not None and unit.startswith("x:") and c.unit and total.unit \
                and self._compatible(total.unit, c.unit):
            return self._events_agree(parts, c)  # "14 ships: two destroyers, five frigates, three support ships"
        if not self._events_agree(parts, c):
            return False
        if {p.unit for p in parts} | {c.unit} <= {"death", "injury"} and total.unit != c.unit:
            return c.unit not in {p.unit for p in parts}  # the killed and the injured: one of each
        same_set = bool(c.category and parts[0].category and c.category[0] == parts[0].category[0])
        children = bool(total.unit and c.unit and unit and self.v.is_parent(total.unit, c.unit)
                        and self.v.is_parent(total.unit, unit))  # "84 aerial targets: 79 drones and 5 missiles"
        if c.unit and unit and not (same_set or children) and not (
                self._related(unit, c.unit)):
            return False
        if c.category and any(p.category == c.category and not (p.article and c.article) for p in parts):
            return False  # (one by one, "a man, a woman and a girl", a member may come twice)
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

    def _pass_closing_totals(self) -> None:
        """"24 male, 2 female and 5 children killed, bringing the total death toll to 31"."""
        for n, total in enumerate(self.claims):
            if total.value is None or n == 0:
                continue
            if not (total.closing_cue or total.total_cue or self.words[total.index - 1 : total.index] == ["for"]):
                continue
            if self._has_group(total, "*"):
                continue
            prev = self.claims[n - 1]
            if not self._free(prev) or prev.percent:
                continue
            same = prev.sentence == total.sentence
            brings = False  # "That brings the number of ... to N" after a sentence of counts
            gap = self._gap(prev, total)
            lead = self._sentence_prefix(total)
            if same and gap == ["for"] and total.unit and not total.unit.startswith("x:"):
                pass  # "20 golds, 12 silvers and 13 bronzes for 45 medals"
            elif same:
                if "," not in gap and ";" not in gap:
                    continue
                if not total.closing_cue:
                    continue
                if any(w in ("while", "whereas", "but") for w in gap):
                    continue  # "(5), while all five missing persons were fishermen": another clause, another count
            else:
                # "That comes to 49 casualties.", "all 18 people were identified"
                if total.sentence != prev.sentence + 1:
                    continue
                if prev.block != total.block and "list_item" in (self.blocks[prev.block].kind,
                                                                 self.blocks[total.block].kind):
                    continue  # "- ... the bodies of two were recovered." "- All 21 crew ...": another item
                opening = self.v.closing.match(lead, 0) if lead else None
                brings = total.closing_cue and len(lead) >= 2 and lead[0] in ("that", "this") \
                    and lead[1] in self.v.closing_verbs  # "That brings the number of homes ... to 1,065"
                if not ((opening and opening[0] == len(lead)) or (lead and lead[-1] == "all")) and not brings:
                    continue
                if len(lead) > 8 and lead[-1] != "all" and not brings:
                    continue
            parts = self._run_ending_at(n - 1, total)
            if len(parts) < 2:
                continue
            if brings and len(self.by_sentence.get(parts[0].sentence, ())) != len(parts):
                continue  # "another 22 drones: 12 over Kursk, ... That brought the day's total to 36": 22's list
            if not same and total.unit and any(
                    c.unit and not self._related(total.unit, c.unit)
                    for c in self.by_sentence.get(parts[0].sentence, ())):
                continue  # "Agam had 27 deaths, Tanah Datar 20, ... A total of 39 people were injured.": not theirs
            if any(p.value == total.value and p.noun == total.noun for p in parts):
                continue  # "four crew and 40 passengers. All 40 passengers survived.": one item said again
            unit = self._list_unit(parts)
            if unit and total.unit and not self._related(total.unit, unit):
                continue  # "Labour gained 186 seats, ..., with all 107 councils declared": another thing
            if (total.unit or "").startswith("x:") and all(p.unit != total.unit for p in parts):
                continue  # a noun the rules do not know, that no part names, closes no list
            parts = [p for p in parts if not self._sub_count(p) and not p.previous]  # "Eight were rescued, one of
            # whom later died", "44 jets in May, up from 35 a year earlier, bringing its total to 70"
            if not parts or total.value is None or all(x.low > 1.5 * total.value.high for x in reading_sums(parts)):
                continue  # far more than the total: counts of something else before it
            relation = EQUAL
            if self._closing_verb(total) and all(x.high <= 0.5 * total.value.low for x in reading_sums(parts)):
                relation = AT_MOST  # "Sunday saw 96 deaths, 60 in Paris and 36 in Lyon, taking the total to 14,210"
            if parts[0].additive or self._running_scope(total):
                relation = AT_MOST  # "five more bodies in Sindh and three in Punjab, raising the toll to 221"
                # (a later "more" adds to the list's first count: "destroyed 874 homes and damaged 202 more")
            if not readings_fit(parts, total, relation):
                # "China won eight gold medals. It also won three silver and two bronze, for a total of
                # 13": the list began a sentence earlier when only the longer list adds up
                longer = self._earlier_siblings(parts, total) + parts
                whole_sentence = [c for c in self.by_sentence.get(parts[0].sentence, ()) if c.index < parts[0].index
                                  and self._free(c) and c.value is not None and not c.percent
                                  and c.unit in ({p.unit for p in parts} | {None})] + parts
                before = self._lone_count_before(parts, total)
                if len(longer) > len(parts) and readings_fit(longer, total, relation):
                    parts = longer
                elif len(whole_sentence) > len(parts) and readings_fit(whole_sentence, total, relation):
                    # "Two killed and nine wounded in the first attack, and three killed and seven ..."
                    parts = whole_sentence
                elif before is not None and readings_fit([before, *parts], total, EQUAL):
                    parts = [before, *parts]  # "Green won 1,482 votes. Labour got 1,107 and the Tories 436. A total
                    # of 3,025 votes were cast.": the sentence before gave the first item, as the sum shows
                elif self._adds_to_earlier(parts[0]):
                    relation = AT_MOST  # "China also won three silver and two bronze, for a total of 13"
            self._add(Group(total, parts, relation, self._dimension(parts[0]) or "bare", "closing"))

    def _closing_verb_at(self, total: Claim) -> int | None:
        """Where "bringing/taking/raising ... to" stands before the total, if it does."""
        k = total.index - 1
        while k >= 0 and total.index - k <= 10 and self.toks[k].sentence == total.sentence \
                and self.words[k] not in self.v.closing_verbs:
            k -= 1
        if k < 0 or self.words[k] not in self.v.closing_verbs or self.toks[k].sentence != total.sentence:
            return None
        return k

    def _closing_verb(self, total: Claim) -> bool:
        """Is the total the object of "bringing/taking/raising ... to"?"""
        return self._closing_verb_at(total) is not None

    def _running_scope(self, total: Claim) -> bool:
        """"bringing the national toll to 300": the total runs over more than the counts before it."""
        k = self._closing_verb_at(total)
        if k is None:
            return False
        between = self.words[k + 1 : total.index]
        return any(self.v.running_scope.match(between, j) for j in range(len(between)))

    def _run_ending_at(self, last: int, total: Claim) -> list[Claim]:
        parts = [self.claims[last]]
        k = last - 1
        while k >= 0:
            c = self.claims[k]
            nxt = parts[0]
            if c.sentence != nxt.sentence or not self._free(c):
                break
            gap = self._gap(c, nxt)
            verb_pair = len(gap) == 2 and gap[0] == "and" and gap[1].endswith("ed") and c.event is not None
            # ("destroyed 874 homes and damaged 202 more. That brings the number ... to 1,086")
            if not (self._sibling_gap(gap, c, nxt) or verb_pair) or not self._list_compatible(parts, c, total):
                break
            d_c, d_next = self._dimension(c), self._dimension(nxt)
            if d_c != d_next and d_c is not None and d_next is not None and not verb_pair:
                break  # "Labour 142 seats, Conservatives 98, ... and others 15, for a total of 300"
            parts.insert(0, c)
            k -= 1
        unit = self._list_unit(parts)
        if not self._compatible(total.unit, unit, self._dimension(parts[0]) or ""):
            return []
        return parts

    def _adds_to_earlier(self, first: Claim) -> bool:
        """Does the clause of a list's first item say it adds to counts told before ("also won")?"""
        lead = self._sentence_prefix(first)
        return any(self.v.additive_before.match(lead, j) for j in range(len(lead)))

    def _lone_count_before(self, parts: list[Claim], total: Claim) -> Claim | None:
        """The one count of the sentence before a list, if it is free and counts what the total does."""
        k = self._n(parts[0]) - 1
        if k < 0:
            return None
        c = self.claims[k]
        if c.sentence != parts[0].sentence - 1 or c.block != parts[0].block or not self._free(c) or c.percent \
                or c.value is None or len(self.by_sentence.get(c.sentence, ())) != 1:
            return None
        return c if c.unit in ({total.unit, None} | {p.unit for p in parts}) else None

    def _earlier_siblings(self, parts: list[Claim], total: Claim) -> list[Claim]:
        """The counts that end the sentence before a list and are items of the same kind."""
        first = parts[0]
        dim = self._dimension(first)
        found: list[Claim] = []
        k = self._n(first) - 1
        while k >= 0 and dim is not None:
            c = self.claims[k]
            if c.sentence != first.sentence - 1 or c.block != first.block or not self._free(c):
                break
            if self._dimension(c) != dim or not self._list_compatible(found + parts, c, total):
                break
            found.insert(0, c)
            k -= 1
        return found

    def _pass_running_totals(self) -> None:
        """"That comes to 49 casualties. On top of that, 2 died and 2 more were wounded. ... the figure
        becomes 53": an updated total is the earlier total plus the additions stated in between."""
        for n, total in enumerate(self.claims):
            if not total.change_to or total.value is None or total.unit is None or not total.value.is_exact:
                continue
            additions: list[Claim] = []
            earlier: Claim | None = None
            for c in reversed(self.claims[max(0, n - SCOPE_CLAIMS) : n]):
                if total.block - c.block > 1:
                    break
                if c.value is None or c.percent or not c.unit:
                    continue
                if c.unit == total.unit and (self._group_total(c) or c.total_cue or c.closing_cue):
                    earlier = c
                    break
                if not self._free(c):
                    continue
                if c.additive and (self._compatible(total.unit, c.unit)
                                   or (total.unit == "casualty" and c.unit in ("death", "injury"))):
                    # (not "Another 64 people were injured" in a running toll of the dead)
                    additions.insert(0, c)
                    continue
                additions = []  # a count that is neither the earlier total nor an addition: no running total
                break
            if earlier is None or not additions or earlier.sentence == total.sentence:
                continue
            if any(a.sentence != earlier.sentence and self._fronted_frame(a) for a in additions):
                continue  # "... 19 people: ... In Brazil, floods killed another 12, bringing the toll to 47"
            self._add(Group(total, [earlier, *additions], EQUAL, "running", "running total"))
