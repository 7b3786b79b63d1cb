"""Pass 2: runs of sibling counts (by place, category or outcome) attached to the total they
follow, with the relation (complete or partial) the wording supports."""

from __future__ import annotations

from collections.abc import Iterator

from ..claims import Claim
from ..intervals import INF
from ..verdicts import reading_sums, readings_fit
from .records import SeasonRecords
from .scope import AT_MOST, EQUAL, MAX_PARTS, SCOPE_BLOCKS, SCOPE_CLAIMS, Group


class RunPass(SeasonRecords):
    def _pass_runs(self) -> None:
        # a lone count and "the remaining 75 seats" a sentence later are not a list with its rest
        runs = [r for r in self._runs() if not (len(r) == 1 and r[0].remainder) and not (
            sum(max(1, len(p.places)) for p in r if not p.remainder) == 1
            and any(p.remainder and p.sentence != r[0].sentence for p in r))]
        # items of a list are not totals of other lists -- except "killed 173 and injured 260", a pair of
        # totals, unless each of the pair is placed ("in Odesa, nine were killed and 12 injured")
        self.siblings = {id(c) for r in runs if len(r) > 1 for c in r
                         if self._dimension(c) != "cat:casualty" or c.places}
        for run in runs:
            if len(run) <= MAX_PARTS:
                self._attach(run)

    def _runs(self) -> list[list[Claim]]:
        runs: list[list[Claim]] = []
        current: list[Claim] = []
        current_dim: str | None = None
        for c in self.claims:
            if not self._free(c):
                continue
            if (c.value is None and not c.remainder) or c.unit == "place":
                continue  # ("while the other four regions accounted for the remaining 602": where, not an item)
            dim = self._dimension(c) if not c.remainder else (current_dim or "place")
            if dim is None or dim == "outcome" or (c.total_cue and not c.remainder):
                if current and self._breaks_run(current, c):
                    runs.append(current)
                    current, current_dim = [], None
                continue
            if current and len(current) > MAX_PARTS and dim == current_dim and c.sentence - current[-1].sentence <= 2:
                current.append(c)  # too long to be a breakdown (never attached): extending it costs nothing
            elif current and self._extends(current, current_dim, c, dim):
                current.append(c)
            elif current and self._spanning_lead(current, c) and self._extends(current[1:], current_dim, c, dim):
                runs.append(current[:1])  # "58 drones over southern Russia and the Black Sea. 24 over ...,
                current = [*current[1:], c]  # 21 over the Black Sea": the lead spans the places, a total
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
        if c.sentence == last.sentence and any(w in ("—", "–") for w in self._gap(last, c)) \
                and any(w in ("—", "–") for w in self._sentence_prefix(run[0])):
            return False  # "45 drones on Tuesday — 20 over ..., 10 over Krasnodar — and 60 on Wednesday": closed
        unit = self._list_unit(run)
        pair = dim == "cat:casualty" and {unit, c.unit} <= {"death", "injury", "casualty"}
        if c.unit and unit and not pair and not self._related(unit, c.unit):
            return False
        if unit is None and (c.unit or "").startswith("x:"):
            return False  # "2,430 homes, 1,610 in Quang Ninh and 720 in Hai Phong, and felled thousands of trees"
        if not self._events_agree(run, c):
            return False
        if c.sentence != last.sentence and not c.remainder and not self._continues_across(run, c):
            return False
        if c.sentence != last.sentence and any(self._sub_count(p) and not self._first_in_sentence(p) for p in run):
            return False  # "cut 5,550 jobs, 3,800 of them in Germany. At its Hildesheim and ... sites, 750 and
            # 1,300 jobs respectively ...": the worst-hit share, then places that may lie inside it
        if c.sentence == last.sentence and any(w in self.v.new_statement for w in self._gap(last, c)):
            return False  # "..., 300 in the Netherlands, Norvalis said, adding that it would create 400 positions"
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
            if self._free(mid) and mid.sentence == c.sentence and mid.value is not None and not mid.percent \
                    and mid.unit is None and not mid.places and self._verb_before(mid) \
                    and self._n(mid) == hi - 1 and self._gap(mid, c)[:1] == [","]:
                return False  # "open 12 stores, eight in Texas and four in Ohio, and close nine, five in ...": 9's
            if c.remainder and mid.sentence == c.sentence != last.sentence and mid.value is not None \
                    and not mid.percent:
                return False  # "Eight were charged, and the remaining two were bailed": the rest of the eight's whole
        return True

    def _spanning_lead(self, run: list[Claim], c: Claim) -> bool:
        """Does c name again one of the places that the run's first count spans, and no place of the
        counts after it? Then the first count is a total over those places, not the run's first item."""
        lead = run[0]
        if len(run) < 2 or len(lead.places) < 2 or not c.places:
            return False
        later = [q.name for r in run[1:] for q in r.places]
        return any(self._same_place(p.name, q.name) for p in c.places for q in lead.places) \
            and not any(self._same_place(p.name, q) for p in c.places for q in later)

    def _split_lead(self, c: Claim) -> bool:
        """Does c's sentence open with the group it splits ("Of the closures, ...", "Among the dead, ...")?"""
        lead = self._sentence_prefix(c)
        return lead[:1] in (["of"], ["among"]) and "," in lead

    def _verb_before(self, c: Claim) -> bool:
        """Is the count the object of a verb right before it ("and close nine")?"""
        prev = self.toks[c.index - 1] if c.index > 0 else None
        return prev is not None and prev.kind == "word" and prev.low not in self.v.list_separators \
            and prev.low not in self.v.place_preps and prev.low not in ("the", "a", "and", "or", "another") \
            and not prev.capitalized

    def _continues_across(self, run: list[Claim], c: Claim) -> bool:
        """May a list go on in the next sentence? Only with the run's verb ("Eighteen were downed over
        Krasnodar"), or as a bare continuation of an enumeration ("... , one above the Belgorod Region")."""
        events = {p.event for p in run if p.event}
        if c.event and c.event in events:
            return True
        if c.noun is None and self.words[c.index + 1 : c.index + 3] == ["of", "the"]:
            return False  # "Eleven of the missing were from Batangas": a count out of another group
        if c.unit is not None or self._owned_name(c):
            return False  # ("... Jadeja 22 and Patel three. Australia's Lyon took 22.": another side's)
        if self._split_lead(c) and (self._split_lead(run[0]) or any(
                t.kind in ("num", "other") for t in self._prefix_tokens(c))):
            return False  # "Of the openings, ... eight in France. Of the closures, 18 are in the UK", "Of the 12
            # points they have dropped, Leverkusen took four": another group's split
        return self._first_in_sentence(c) and self._last_in_sentence(run[-1]) and bool(c.places)

    def _attach(self, run: list[Claim]) -> None:
        dim = self._dimension(run[0]) if not run[0].remainder else "place"
        if dim is None:
            return
        if self._lead_counts_its_whole(run[0]):
            return  # "Of the top 10 attractions, eight are in London, ...": the lead names its own whole
        if dim.startswith("cat:") and self._own_subject_clause(run[0]):
            return  # "..., while Finland took two golds, four silver and three bronze": Finland's medals
        unit = self._list_unit(run)
        candidates = self._candidates(run, unit, dim)
        named = self._lead_unit(run[0])
        if named is not None and named != unit:
            # "... a bus carrying 55 passengers ... Among the dead were 21 men, ...": the lead says whose list
            by_lead = self._candidates(run, named, dim)
            candidates = [c for c in by_lead if c.unit == named] or by_lead or candidates
            lead = self._sentence_prefix(run[0])
            if len(lead) > 4 and lead[:2] == ["of", "the"]:
                # "close 46 of its 212 stores ... Of the stores closing, 14 are in ...": the part, not the whole
                candidates = [self._part_named_with(c) or c for c in candidates]
        if not candidates:
            if len(run) >= 3 and not run[0].remainder and (
                    run[0].sentence != run[1].sentence or self._elaborated_by(run[0], run[1])):
                # "... killing another 34 people in Pakistan. 16 died in Sindh, 13 in Balochistan, the rest
                # in Punjab": a run with no total before it begins with its total
                self._attach_to(run[1:], dim, [run[0]])
            return
        self._attach_to(run, dim, candidates)

    def _own_subject_clause(self, first: Claim) -> bool:
        """Does the run's first item follow "while" or "whereas" and a name, in its own sentence ("14 medals
        in all, while Finland took two golds, ...")? Then the list is that name's."""
        toks = self._prefix_tokens(first)
        at = max((k for k, t in enumerate(toks) if t.low in ("while", "whereas")), default=None)
        return at is not None and at + 1 < len(toks) and toks[at + 1].capitalized \
            and not any(t.kind in ("num", "other") for t in toks[at:])

    def _lead_counts_its_whole(self, first: Claim) -> bool:
        """Does an "Of the ..." lead before the run's first item hold a number of its own ("Of the top 10
        attractions,")? Then the lead names the whole, and no earlier total is the run's."""
        if not self._first_in_sentence(first):
            return False
        lead = self._prefix_tokens(first)
        return [t.low for t in lead[:2]] == ["of", "the"] and any(t.kind in ("num", "other") for t in lead)

    def _run_events(self, run: list[Claim]) -> set[str]:
        """What happened to the run's items: their own events, else the verbs of their sentence before them
        ("Drones were downed over the Odesa (19), Mykolaiv (14) ...")."""
        own = {c.event for c in run if c.event}
        if own:
            return own
        lead = self._sentence_prefix(run[0])
        return {hit[1] for k in range(len(lead)) for hit in (self.v.events_after.match(lead, k),
                                                            self.v.events_before.match(lead, k)) if hit}

    def _part_named_with(self, whole: Claim) -> Claim | None:
        """The count out of a whole in the whole's own sentence ("46" of "46 of its 212 stores"), if any."""
        return next((c for c in self.by_sentence.get(whole.sentence, ()) if c.part_of is whole), None)

    def _elaborated_by(self, first: Claim, nxt: Claim) -> bool:
        """"Floods drove 3,100 people from their homes, with 1,400 in Kelby, ...": counts that leave out
        the noun after ", with" or as ", 1,400 of them" spell out the count that named it."""
        if first.sentence != nxt.sentence or first.noun is None or nxt.noun is not None:
            return False
        gap = self._gap(first, nxt)
        # "killed 17 people in northern Vietnam, nine of them in Quang Ninh and eight in Hai Phong"
        return gap[-2:] == [",", "with"] or (gap[-1:] == [","] and self._sub_count(nxt))

    def _lead_unit(self, first: Claim) -> str | None:
        """The unit a list's opening words name when the list opens its sentence ("Among the dead were")."""
        if not self._first_in_sentence(first):
            return None
        lead = self._sentence_prefix(first)
        if lead[:2] == ["of", "the"] and lead[-1:] == [","] and len(lead) <= 8:
            return self._unit_named(lead[2:3])  # "Of the stores closing, 14 are in ...": the stores
        if len(lead) > 6 or not lead or lead[-1] not in ("were", "are", "included", "include", "includes", ":"):
            return None
        return self._unit_named(lead)

    def _attach_to(self, run: list[Claim], dim: str, candidates: list[Claim]) -> None:
        total, run, relation = self._best_total(run, dim, candidates)
        if self._not_its_breakdown(run, dim, total, relation):
            return
        relation = self._weakened(run, dim, total, relation)
        if relation == AT_MOST and run[0].additive and run[0].sentence != total.sentence \
                and not self._fits(run, total, relation):
            return  # "22 drones over Kyiv region. Another 18 over Kharkiv, 11 over Sumy ...": added, not its parts
        if len(run) <= 2 and relation == AT_MOST and not self._fits(run, total, AT_MOST):
            return  # two counts that exceed the nearest total are not its breakdown
        parts = list(run)
        lead = self._lead_item(run, total) if dim == "place" else None
        if lead is not None:  # "The coalition won 58 seats, the Social Democrats 18, ...": its first item
            parts = [lead, *parts]
            relation = self._weakened(parts, dim, total, self._run_relation(parts, dim, total))
        if dim == "place" and len(total.places) >= 2:
            parts += self._missing_places(total, run)
            relation = self._run_relation(parts, dim, total)
        first = parts[0]
        if relation == EQUAL and any(p.remainder for p in parts) and any(
                g.parts[-1].sentence in (first.sentence - 1, first.sentence) and g.parts[-1].index < first.index
                and g.dimension != "part-of" for g in self._groups_of(total)):
            relation = AT_MOST  # "... 14 deaths apiece, followed by Chiang Mai with 11. Bangkok recorded nine deaths,
            # and the other 73 provinces accounted for the remaining 239": the rest of a list begun before
        named = self._part_named_with(total)
        if relation == EQUAL and named is not None and named not in parts and named.sentence < parts[0].sentence \
                and any(p.place_source in ("name", "subject", "guess") for p in parts):
            relation = AT_MOST  # "won 37 of the 150 seats. ... came second with 25 seats, followed by the VVD with
            # 24 and NSC with 20. D66 took nine, ...": the others, whose list may go on past the run
        if relation == EQUAL and self._cut_off(run, total):
            relation = AT_MOST
        if relation == AT_MOST and parts[0].sentence != total.sentence and not total.total_cue \
                and not self._fits(parts, total, AT_MOST) and all(p.place_source == "name" for p in run):
            return  # "Vetevendosje will have 48 seats. The PDK will have 25 seats, the LDK 20 and ...": others'
        self._add(Group(total, parts, relation, dim, "run"))

    def _best_total(self, run: list[Claim], dim: str, candidates: list[Claim]) -> tuple[Claim, list[Claim], str]:
        """The total the run breaks down, the run itself (it may gain or lose an item) and the relation."""
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
        if not self._fits(run, total, relation) and total.sentence != run[0].sentence:
            # "... killed 30 people. Punjab was hit hardest, with 14 deaths. Sindh recorded six, ...": the
            # nearest count is the list's first item when it and the run add up to a farther total
            for cand in candidates[1:]:
                if cand.value is not None and cand.value.is_exact and self._fits([total, *run], cand, EQUAL):
                    run, total, relation = [total, *run], cand, EQUAL
                    break
        if not self._fits(run, total, relation) and total.index < run[0].index:
            # "The toll rose to 30. Most, 20, were in Haouz. Taroudant had 6 deaths, Chichaoua 3 and Azilal 1.":
            # the one free count between them is the run's first item when, with it, the run adds up
            between = [c for c in self.claims[self._n(total) + 1 : self._n(run[0])]
                       if self._free(c) and c.value is not None and not c.percent]
            if len(between) == 1 and between[0].places and between[0].sentence != total.sentence \
                    and between[0].unit != "place" and total.value is not None and total.value.is_exact \
                    and self._fits([between[0], *run], total, EQUAL):
                run, relation = [between[0], *run], EQUAL
        if not self._fits(run, total, relation):
            # "close 38 of its 212 stores[, putting 900 jobs at risk]. Twenty-nine of the shops earmarked for
            # closure are in England, five in Scotland, ...": the run breaks down the part out of a whole
            for cand in candidates:
                cand_part = self._part_named_with(cand)
                if cand_part is not None and self._fits(run, cand_part, EQUAL):
                    return cand_part, run, EQUAL
        part_named = self._part_named_with(total)
        if part_named is not None and not self._fits(run, total, relation):
            if part_named.sentence < run[0].sentence and all(
                    c.places and c.place_source not in ("name", "subject", "guess") for c in run):
                return part_named, run, EQUAL  # "will close 27 of its 58 stores. Ten stores will shut in Germany,
                # six apiece in Austria ...": where the part falls, not siblings named as subjects ("Chega won 60")
            if part_named.event is not None and part_named.event != total.event \
                    and self._run_events(run) == {part_named.event}:
                # "shot down 71 of the 85 drones launched. Drones were downed over the Odesa (19), ...": the downed
                # are the 71, whether or not the run adds up to them
                total, relation = part_named, self._run_relation(run, dim, part_named)
        if not self._fits(run, total, relation):
            part = self._part_broken_down(run, total)
            if part is not None:  # "Of these, 38 were shot down ... Of the drones shot down, 20 over Kyiv, ..."
                total, relation = part, self._run_relation(run, dim, part)
        if relation == EQUAL and not self._fits(run, total, relation) and run[-1].additive and not run[-1].remainder:
            # "killed 300 people, 200 in Hatay and 100 in Adana, and another 50 died in Syria": "another" adds
            # to the total; it is no item of its breakdown when the breakdown adds up without it
            shorter = list(run)
            while len(shorter) > 1 and shorter[-1].additive and not shorter[-1].remainder:
                shorter.pop()
            if self._fits(shorter, total, relation):
                run = shorter
        if relation == EQUAL and not self._fits(run, total, relation):
            # "About 2,500 of the cuts will be in Europe, with 1,000 in Germany and 600 in Denmark. The remaining
            # 1,600 are in the rest of the world": the counts after ", with" spell out the item before them
            unelaborated = self._without_elaboration(run)
            if unelaborated is not None and self._fits(unelaborated, total, relation):
                run = unelaborated
        part_of = self._part_named_with(total)
        if part_of is not None and part_of.index < run[0].index and (part_of.sentence == run[0].sentence or (
                part_of.sentence == run[0].sentence - 1 and self._first_in_sentence(run[0]))) \
                and relation == EQUAL and not self._fits(run, total, relation) \
                and self._fits([part_of, *run], total, EQUAL):
            run = [part_of, *run]  # "won 45 of the 100 seats, the Liberals 30, the Greens 15 and the Left 10",
            # or "... won 91 of the 230 seats. Chega won 60, the Socialists 58, ..."
        return total, run, relation

    def _without_elaboration(self, run: list[Claim]) -> list[Claim] | None:
        """The run without the counts that follow a placed item after ", with" in its sentence, if any."""
        for j in range(1, len(run)):
            if run[j - 1].places and run[j].sentence == run[j - 1].sentence \
                    and self._gap(run[j - 1], run[j])[-2:] == [",", "with"]:
                rest = [p for p in run[j:] if p.sentence != run[j].sentence]
                return run[:j] + rest
        return None

    def _not_its_breakdown(self, run: list[Claim], dim: str, total: Claim, relation: str) -> bool:
        """Signs that the run is not the total's breakdown at all, whatever it adds up to."""
        later = run[0].sentence != total.sentence
        if len(run) == 1 and later:
            return True  # a lone count is a part only of a total in its own sentence
        if len(run) == 1 and self._gap(total, run[0]) == ["and"]:
            return True  # "carrying 37 passengers and two drivers from Lima": a sibling, not a part
        if len(run) == 1 and run[0].additive and not run[0].remainder:
            return True  # "destroyed 843 homes and damaged 212 others in Boulder County": added, not a part
        if not total.total_cue and total.value is not None \
                and all(x.low > 1.5 * total.value.high for x in reading_sums(run)):
            return True  # "The US won 126 medals. China finished with 91, Britain with 65 ...": others' own
        if later and any(p.value is not None and total.value is not None and p.value.low > total.value.high
                         for p in run):
            return True  # "India won 70 medals. China won 383, ...": a part bigger than the total is not its part
        if later and not self._fits(run, total, relation) and self._sum_stated_between(run, total):
            return True  # "The toll rose to 64. [...] The count was raised to 31. The dead were 20 men, 8 women and
            # 3 children.": the run adds up to a count of its own paragraph, not to the earlier total
        after_total = self._neighbour(total, 1)
        if not later and total.index < run[0].index and after_total is not None and after_total not in run \
                and after_total.sentence == total.sentence and self._gap(total, after_total)[:1] == [","] \
                and not self._fits(run, total, AT_MOST):
            return True  # "The Social Democrats won 20 seats, the Homeland Front 23, the Greens 14 and ...": an item
        if not later and total.index < run[0].index and self._joined_as_item(total, run[0]):
            return True  # "The Social Democrats won 41 seats, the nationalist Homeland Front 23, ...": an item
        if after_total is not None and after_total not in run and self._named_sibling(total, after_total):
            return True  # "Yesh Atid won 24 seats and National Unity 12": one party's count, no total
        if dim == "place" and later and run[0].place_source == "before" and run[0].noun is not None \
                and run[0].noun == total.noun == "seat" and not total.total_cue and not self._groups_of(total):
            return True  # "The main opposition CDP won 148 seats. ... Reiwa Shinsengumi won nine seats, the
            # Communist Party eight and ...": parties' results one after another, not 148's breakdown
        if dim == "place" and later and run[0].place_source == "respectively" and not total.total_cue \
                and run[0].places and run[0].places[0].start < run[0].start:
            return True  # "CD&V won 11 seats. ... Ecolo and Groen won three and six respectively": the names are
            # the subjects of their own counts, not places of the earlier total's
        return dim == "place" and later and bool(total.subject_name) \
            and run[0].place_source in ("before", "name", "respectively")
        # ("Punjab recorded 40 deaths. Sindh reported 12, ...": a subject's count and its siblings)

    def _named_sibling(self, c: Claim, nxt: Claim) -> bool:
        """Is the next count a sibling joined by "and" or a comma and a name alone, its noun and verb
        left out ("won 24 seats and National Unity 12")?"""
        gap = self._gap_tokens(c, nxt)
        return nxt.sentence == c.sentence and nxt.noun is None and nxt.unit in (None, c.unit) and len(gap) >= 2 \
            and gap[0].low in ("and", ",") and all(t.capitalized or t.low in ("'s", "’s") for t in gap[1:])

    def _weakened(self, run: list[Claim], dim: str, total: Claim, relation: str) -> str:
        """A complete relation the wording or the text does not support becomes partial."""
        if relation != EQUAL or any(p.remainder for p in run):
            return relation
        if self._cut_between(total, run[-1]):
            return AT_MOST  # "Twenty over Rostov, 15 over Voronezh [...] and 11 over Belgorod": items may be cut
        if self._partial_between(total, run[0]) and not self._subject_were(total, run):
            return AT_MOST  # "41,000 homes, mostly in Carroll (22,000), Hardin (11,000) and Boone (5,000)"
        if self._added_after(run[-1]):
            return AT_MOST  # "... and Slovakia one. In addition, a firefighter in Austria died.": one more item
        nxt = self._neighbour(run[-1], 1)
        if nxt is not None and nxt.sentence == run[-1].sentence + 1 and nxt.block == run[-1].block \
                and self._free(nxt) and nxt.places and self._first_in_sentence(nxt) and nxt.value is not None \
                and (nxt.unit is None or self._compatible(total.unit, nxt.unit)) and not nxt.additive:
            return AT_MOST  # "... four over Tula. Two drones were downed over each of Kaluga and Smolensk.": more items
        if run[0].sentence != total.sentence and dim == "place" and total.places and not total.total_cue \
                and total.value is not None and all(x.high < 0.6 * total.value.low for x in reading_sums(run)) \
                and not any(self._same_place(p.name, q.name) for p in total.places for c in run for q in c.places):
            return AT_MOST  # "killed 224 people in Valencia. 45 died in Paiporta, ...": the worst hit
        lead = self._sentence_prefix(run[0])
        if run[0].sentence != total.sentence and total.value is not None \
                and any(self.v.ranking.match(lead, k) for k in range(len(lead))) \
                and all(x.high < 0.6 * total.value.low for x in reading_sums(run)):
            return AT_MOST  # "admitted 471,550 ... India was the top source country, with 139,715, followed by
            # China with 31,805 and ...": a ranking's top few, far short of the total
        if run[0].sentence != total.sentence and dim == "place" and not total.total_cue \
                and total.unit in ("death", "injury") and total.value is not None and total.value.high == float("inf") \
                and all(x.high < total.value.low for x in reading_sums(run)):
            return AT_MOST  # "killed at least 70 people. 27 died in Nairobi, ...": a floor, and its worst hit
        return relation

    def _cut_off(self, run: list[Claim], total: Claim) -> bool:
        """"The Congress rose to 99, the Samajwadi Party took 37, the Trinamool Congress 29 and the DMK 22":
        a count joined to the run by nothing but a separator and a name, yet not in it, was one of its
        items -- what the run holds is not the whole breakdown. So is a count the run skipped over."""
        members = {id(p) for p in run}
        part_named = self._part_named_with(total)
        if part_named is not None and id(part_named) not in members and part_named.sentence == run[0].sentence:
            return True  # "won 61 of the 150 seats, followed by the Social Democrats with 38, ...": the 61 is out
        for p in run[:-1]:
            nxt = self._neighbour(p, 1)
            if nxt is not None and id(nxt) not in members and nxt.sentence == p.sentence and nxt.value is not None \
                    and not nxt.percent and not nxt.previous and self._free(nxt) and nxt.index < run[-1].index \
                    and nxt.unit != "place":
                return True  # "two in Canoas, and one each in Itaara, Santa Cruz do Sul ...": an item not read
            if nxt is not None and id(nxt) not in members and (nxt.subject_name or nxt.additive) \
                    and nxt.value is not None and not nxt.percent and self._free(nxt) and nxt.index < run[-1].index \
                    and (nxt.unit is None or self._compatible(total.unit, nxt.unit)):
                return True  # "North Carolina has reported 19 deaths. Georgia has confirmed 11. ...", "Most,
                # 1,104, landed on El Hierro. Another 287 reached Gran Canaria. ...": a count between the items,
                # not read as placed, was one of them
        for a, b, other in ((self._neighbour(run[0], -1), run[0], self._neighbour(run[0], -1)),
                            (run[-1], self._neighbour(run[-1], 1), self._neighbour(run[-1], 1))):
            if a is None or b is None or other is None or other is total or a.sentence != b.sentence:
                continue
            if other.value is None or other.percent or other.unit == "place":
                continue
            gap = [t.low for t in self._gap_outside(a, b, a, b) if t.low not in self.v.place_preps]
            if gap and all(w in self.v.list_separators for w in gap):
                return True
        return False

    def _lead_item(self, run: list[Claim], total: Claim) -> Claim | None:
        """The count that opens a run of named items with the list's noun, though it names no place of its
        own ("The coalition led by VMRO-DPMNE won 58 seats, the Social Democrats 18, ..."): joined to the
        first item by nothing but a separator."""
        prev = self._neighbour(run[0], -1)
        if prev is None or prev is total or prev.sentence != run[0].sentence or prev.places or prev.noun is None \
                or prev.value is None or not prev.value.is_exact or prev.percent or not self._free(prev) \
                or prev.unit is None or not self._compatible(total.unit, prev.unit):
            return None
        return prev if self._joined_as_item(prev, run[0]) else None

    def _joined_as_item(self, prev: Claim, first: Claim) -> bool:
        """Is the count before a named item joined to it as an item is to the next: a comma, the item's name
        and at most a few words of its own ("58 seats, the Social Democrats 18", "41 seats, the nationalist
        Homeland Front 23", "accounted for 21 of the deaths, Calabarzon for 13")?"""
        if first.place_source != "name" or prev.sentence != first.sentence:
            return False
        gap = self._gap_outside(prev, first, first)
        if gap and gap[0].text == "," and len(gap) <= 10 and self.v.name_leads.match([t.low for t in gap], 1) \
                and not any(t.text in (";", ":") for t in gap):
            return True  # "came second with 25 seats, followed by the outgoing prime minister's VVD with 24"
        if not gap or gap[0].text != "," or len(gap) > 4:
            return False
        own = self.words[prev.index - 1] if prev.index > 0 else ""
        return all(t.kind in ("word", "punct") and t.text not in (",", ";", ":") and not t.capitalized
                   and t.low != "and" and (t.low not in self.v.place_preps or t.low == own) for t in gap[1:])

    def _neighbour(self, c: Claim, step: int) -> Claim | None:
        k = self._n(c) + step
        return self.claims[k] if 0 <= k < len(self.claims) else None

    def _part_broken_down(self, run: list[Claim], total: Claim) -> Claim | None:
        """A part of another breakdown, between the total and the run, that the run adds up to exactly
        (or a count "of them": "158 drones, 112 of them overnight. Overnight, 60 ..."): the run breaks
        down that part, not the total."""
        return next((c for c in self._exact_counts_between(run, total)
                     if (not self._free(c) or self._sub_count(c)) and self._fits(run, c, EQUAL)), None)

    def _sum_stated_between(self, run: list[Claim], total: Claim) -> bool:
        """Is the run's exact sum a count between the total and the run, in the run's paragraph?"""
        return any(c.block == run[0].block and self._fits(run, c, EQUAL)
                   for c in self._exact_counts_between(run, total))

    def _exact_counts_between(self, run: list[Claim], total: Claim) -> Iterator[Claim]:
        """The exact counts between the total and the run whose unit the run's items could have."""
        unit = self._list_unit(run)
        for c in self.claims[self._n(total) + 1 : self._n(run[0])]:
            if c.value is not None and c.value.is_exact and not c.percent \
                    and (c.unit is None or unit is None or self._compatible(c.unit, unit)):
                yield c

    def _added_after(self, last: Claim) -> bool:
        """Does the sentence after the run's last one, in its paragraph, open by adding to it ("In addition, ...")?"""
        k = self._tokens_after(last)
        while k < len(self.toks) and self.toks[k].sentence == last.sentence:
            k += 1
        if k >= len(self.toks) or self.toks[k].sentence != last.sentence + 1 \
                or self.sentences[self.toks[k].sentence].block != last.block:
            return False
        opening = [t.low for t in self.toks[k : k + 5] if t.sentence == last.sentence + 1]
        return bool(self.v.additive_openers.match(opening, 0))

    def _missing_places(self, total: Claim, run: list[Claim]) -> list[Claim]:
        """"five UAVs above the Voronezh, Belgorod and Bryansk regions": after the counts for Voronezh and
        Belgorod, a later count for Bryansk in the same story completes the breakdown."""
        missing = [p for p in total.places if not any(self._same_place(p.name, q.name) for c in run for q in c.places)]
        found: list[Claim] = []
        unit = self._list_unit(run)
        n_last = self._n(run[-1])
        for c in self.claims[n_last + 1 : n_last + 1 + SCOPE_CLAIMS]:
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
        for c in reversed(self.claims[max(0, n_first - SCOPE_CLAIMS) : n_first]):
            if len(out) >= 3:
                break
            if first.block - c.block > SCOPE_BLOCKS:
                break
            if id(c) in members or c.value is None or c.percent or c.comparative or c.previous or (
                    c.more and c.sentence != first.sentence):
                continue  # ("Eleven more died on Tuesday, six in ...": a count of more may head its own list)
            if self._is_heading(c) and c.block != first.block:
                continue
            if not self._free(c) and not self._group_total(c):
                continue  # a part of something else
            if id(c) in self.siblings and not (c.total_cue or self._group_total(c)):
                continue  # one item of another list
            if c.unit is None:
                continue  # a run's total names what it counts
            if c.value.high != INF and c.value.high > c.value.low * 2:
                continue  # "forcing thousands of residents to flee": a vague count totals no list
            if c.unit is not None and (c.unit == "place" or c.unit.startswith("x:")) and c.unit != unit \
                    and not (c.unit != "place" and unit is None and self._elaborated_by(c, first)):
                continue
            if not self._compatible(c.unit, unit, dim):
                continue
            if self._first_named_item(c, first):
                continue
            if self.v.item_verbs.match_ending(self.words[max(0, c.index - 3) : c.index], min(3, c.index)):
                continue  # "Car occupants accounted for 785 deaths. Cyclists made up 87 ...": an item's share
            after_c = self._neighbour(c, 1)
            if after_c is not None and id(after_c) not in members and self._joined_as_item(c, after_c):
                continue  # "Punjab was the worst-hit province, with 21 deaths, followed by Khyber Pakhtunkhwa
                # with 17. Eleven people died in Sindh, ...": the first item of a list totals no later one
            if c.sentence == first.sentence and any(w in ("while", "whereas", "but") for w in self._gap(c, first)):
                continue  # "doubled its tally to 99 seats, while its allies did well: the SP won 37, ...": not 99's
            if c.sentence != first.sentence and dim.startswith("cat:") and sum(
                    x is not c and self._dimension(x) == dim for x in self.by_sentence.get(c.sentence, ())) >= 2:
                break  # "Japan had 20 golds, 12 silvers and 13 bronzes for 45 medals. Kenya won four golds, ..."
            if self._has_group(c, dim) and not (self._closed_set(run) and all(
                    g.relation == AT_MOST and len(g.parts) == 1 for g in self._groups_of(c))):
                # ("won 126 medals ..., including 40 golds. ... made up of 40 gold, 44 silver and 24 bronze": a
                # full closed set after one partial item is the whole breakdown)
                if out:
                    continue
                break  # the nearest total already has this breakdown: the run is something else
            if dim.startswith("cat:") and not self._same_context(c, first):
                continue
            out.append(c)
        return out

    def _first_named_item(self, c: Claim, first: Claim) -> bool:
        """"The Socialists took 121 seats, Vox 33 and Sumar 31": a count that a comma and a name join to
        the run's first "Name N" item is the list's first item, not its total."""
        if c.sentence != first.sentence or first.place_source != "name":
            return False
        if any(g.dimension == "part-of" for g in self._groups_of(c)):
            return False  # "won 45 of the 100 seats, the Liberals 30, ...": the 45 is the first item
        gap = self._gap_tokens(c, first)
        comma = next((j for j, t in enumerate(gap) if t.low in (",", "and")), None)
        if comma is None or not all(t.low in self.v.place_preps or t.low == "the" or t.capitalized
                                    for t in gap[:comma]):
            return False  # "Labour won 411 seats in the House of Commons, the Conservatives 121, ..."
        rest = gap[comma + 1 :]
        lead = self.v.name_leads.match([t.low for t in rest], 0)
        if lead is not None:
            rest = rest[lead[0] :]  # "..., followed by Labor Party – 5 seats"
        return all(t.capitalized or t.low in ("the", "–", "—", "-", ":") for t in rest)

    def _same_context(self, total: Claim, part: Claim) -> bool:
        """A breakdown for one place ("in Punjab, 24 male ...") is not a breakdown of a national total.
        Only the places before the part count ("The nation won four golds, ..., finishing third behind
        the United States" is still the nation's)."""
        if part.subject_name and total.subject_name and not _same_name(part.subject_name, total.subject_name) \
                and part.subject_name.split()[0].lower() not in self._sentence_places(total.sentence):
            return False  # "Norway won 25 medals. Finland took two golds, ...": another subject's list
        part_ctx = self._sentence_places(part.sentence, part.index)
        if not part_ctx:
            return True
        total_ctx = self._sentence_places(total.sentence)
        return bool(part_ctx & total_ctx)

    def _sentence_places(self, sentence: int, until: int | None = None) -> set[str]:
        """Places a sentence is about (before token ``until``, if given): after place prepositions, or
        "the Punjab province"."""
        key = sentence if until is None else (sentence, until)
        if key in self._places_cache:
            return self._places_cache[key]
        toks = self.toks
        lo, hi = self.sentence_tokens.get(sentence, (0, 0))
        if until is not None:
            hi = min(hi, until)
        names: set[str] = set()
        self._places_cache[key] = names
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
        if run[0].sentence > total.sentence and self._first_in_sentence(run[0]):
            lead = self._sentence_prefix(run[0])
            if ":" in lead and not any(self.v.breakdown_lead.match(lead, k) for k in range(len(lead))):
                return AT_MOST  # "... with 240 seats. Its allies made up the difference: ...": a list of its own
        if run[0].additive and not run[0].remainder and run[0].sentence != total.sentence:
            return AT_MOST  # "Five were killed. Another 23 were injured and the other 18 ...": the list began earlier
        if any(p.remainder for p in run):
            return EQUAL
        if self._partial_after(run[-1]):
            return AT_MOST
        if dim.startswith("cat:"):
            return EQUAL if self._closed_set(run) or self._subject_were(total, run) or self._they_comprise(total, run) \
                else AT_MOST
        if dim == "place":
            if self._sentence_prefix(run[0])[:1] == ["of"] and any(self._open_set_item(p) for p in run):
                return AT_MOST  # "Of the international students accepted, 8,920 came from China, 3,540 from
                # Hong Kong and 2,610 from India": the origins of a group, an open set
            if len(run) >= 3 or self._appositive_pair(total, run):
                return EQUAL
            covered = [p.name for c in run for p in c.places]
            if len(total.places) >= 2 and all(any(self._same_place(p.name, q) for q in covered)
                                              for p in total.places):
                return EQUAL
            count = self._place_count(total) or self._place_count_leading(run[0])
            if count is not None and count == len(covered) and len(covered) >= 2:
                return EQUAL
        return AT_MOST

    def _they_comprise(self, total: Claim, run: list[Claim]) -> bool:
        """"has 18,452 permanent residents. They comprise 9,127 men and 9,352 women": a pronoun for the total
        of the sentence before, then a verb that lists all of it."""
        lead = self._sentence_prefix(run[0])
        return run[0].sentence == total.sentence + 1 and self._first_in_sentence(run[0]) and len(lead) >= 2 \
            and lead[0] in self.v.group_pronouns and tuple(lead[1:]) in self.v.complete_verbs

    def _subject_were(self, total: Claim, run: list[Claim]) -> bool:
        """"The 74 survivors, most of them from Senegal, were 51 men and 13 women": the total opens its
        sentence as the subject and the list follows its copula, so the list says who all of them were."""
        if run[0].sentence != total.sentence or self._sentence_prefix(total) not in ([], ["the"]):
            return False
        gap = self._gap(total, run[0])
        verb = self._complete_verb_ending(gap)
        if verb is None:
            return False
        aside = gap[: -len(verb)]
        return not aside or (aside[0] == "," and aside[-1] == "," and aside.count(",") == 2)

    def _appositive_pair(self, total: Claim, run: list[Claim]) -> bool:
        """"killed 26 people, 25 in Mississippi and one in Alabama": two places set off by a comma right
        after the total's own clause and closed by "and" spell the whole total out (after "with",
        "including" or a total spread "across Russia" they may be the worst hit only)."""
        if len(run) != 2 or run[0].sentence != total.sentence or self._n(run[0]) != self._n(total) + 1:
            return False
        lead, joint = self._gap(total, run[0]), self._gap(run[0], run[1])
        return lead[-1:] == [","] and "," not in lead[:-1] and "with" not in lead \
            and not any(self.v.spread.match(lead, j) for j in range(len(lead))) \
            and not self._partial_between(total, run[0]) and joint[-1:] == ["and"] and "," not in joint

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

    def _place_count_leading(self, first: Claim) -> int | None:
        """"The deaths were split between two provinces, with 31 in Punjab and ...": the number of places
        the run's own sentence gives before its first item."""
        for c in self.by_sentence.get(first.sentence, ()):
            if c.index >= first.index:
                break
            if c.unit == "place" and c.value is not None and c.value.is_exact:
                return int(c.value.low)
        return None

    def _fits(self, run: list[Claim], total: Claim, relation: str) -> bool:
        return readings_fit(run, total, relation)


def _same_name(a: str, b: str) -> bool:
    """The same subject, or its people ("Norway" and "The Norwegians", "Kenya" and "Kenyans")."""
    a, b = a.lower().split()[0], b.lower().split()[0]
    return a == b or (len(a) >= 4 and len(b) >= 4 and a[:4] == b[:4])
