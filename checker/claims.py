"""Count claims: a number with what it counts, where, and how the sentence frames it.

"four drones were shot down over the Belgorod, Bryansk, Krasnodar, and Novgorod
regions" is a claim of 4 (unit drone, event destroyed) over four places, with no
"each" -- so it is carried with two readings later. Elided nouns ("two over
Voronezh") leave the unit empty; the tally they join supplies it.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from .intervals import Exact, Interval
from .places import Place, PlaceReader
from .segment import Block, Sentence
from .tokens import Token, sentence_ranges
from .vocab import Vocabulary

_NOUN_REACH = 10  # tokens from a count to its noun: "18 Kh-101/Kh-555 cruise missiles"
_MAX_REACH = 80  # tokens a count's words may extend over, however long the sentence
_CUE_WINDOW = 40  # tokens before a count that cue phrases are looked for in (longer than any cue)
# the words _wordless_claim reads a count off (besides the last words of the vague items): no other word
# can stand for a count, so the reader asks only at these
_WORDLESS_WORDS = frozenset({"rest", "remaining", "remainder", "others", "another", "a", "an", "single"})


@dataclass(slots=True)
class Claim:
    """One count (or percentage) as the text states it."""

    index: int  # token index of the number (or of the word standing for it)
    start: int  # span of the number
    end: int
    phrase_end: int  # end of "32 Ukrainian drones": the number with its noun
    value: Interval | None  # None: a remainder with no number ("the rest")
    stated: Exact | None
    sentence: int
    block: int
    percent: bool = False
    noun: str | None = None  # unit of the noun as written (None: elided)
    unit: str | None = None  # unit after the event refines it (person + killed -> death)
    category: tuple[str, str] | None = None  # (set, member): ("medal", "gold")
    event: str | None = None
    qualifiers: frozenset[str] = frozenset()
    places: list[Place] = field(default_factory=list)
    place_source: str = ""  # after | before | name (a name right before the number) | paren | each | parallel
    subject_name: str = ""  # a sentence-opening name not confirmed as a place ("Punjab recorded 40 deaths")
    each: bool = False  # "four each over A and B", "single drones over A, B and C"
    subject_each: bool = False  # "A, B and C each hold 3 medals"
    remainder: bool = False
    additive: bool = False
    more: bool = False  # "2 more", "three others": an addition to something counted before, never a total
    total_cue: bool = False  # "a total of 32", "32 drones in total", "all 18"
    closing_cue: bool = False  # "bringing the total to 31", "That comes to 49"
    change_to: bool = False  # "has climbed to 1,697": a running total
    previous: bool = False  # "from 30 (to 36)": an old value
    comparative: bool = False  # "15 seats more than", "a loss of 17"
    article: bool = False  # "an unmanned aerial vehicle", "a bronze": a count of one
    chamber: bool = False  # "the 100-seat Saeima": a chamber's size (its party lists are held as partial)
    each_count: int | None = None  # "one seat each to three candidates": how many share the "each"
    multiplier_only: bool = False  # the "three" of "each to three candidates": not a count on its own
    part_of: Claim | None = field(default=None, repr=False, compare=False)  # "15 out of 18": the whole
    of_the: bool = False  # "Of the 988 damaged houses, ..." introduces a breakdown
    in_parens: bool = False
    label: str | None = None  # how to name it when the text span is not its name ("100%")

    def __init__(self, index: int, start: int, end: int, phrase_end: int, value: Interval | None,
                 stated: Exact | None, sentence: int, block: int, *,
                 percent: bool = False, noun: str | None = None, unit: str | None = None,
                 category: tuple[str, str] | None = None, event: str | None = None,
                 qualifiers: frozenset[str] = frozenset(), places: list[Place] | None = None,
                 place_source: str = "", subject_name: str = "", each: bool = False, subject_each: bool = False,
                 remainder: bool = False, additive: bool = False, more: bool = False, total_cue: bool = False,
                 closing_cue: bool = False, change_to: bool = False, previous: bool = False,
                 comparative: bool = False, article: bool = False, chamber: bool = False,
                 each_count: int | None = None, multiplier_only: bool = False, part_of: Claim | None = None,
                 of_the: bool = False, in_parens: bool = False, label: str | None = None) -> None:
        # The __init__ dataclasses would generate, written out (a test holds its defaults to the fields'):
        # compiled, the generated one would run interpreted, about 2% of a whole check.
        self.index = index
        self.start = start
        self.end = end
        self.phrase_end = phrase_end
        self.value = value
        self.stated = stated
        self.sentence = sentence
        self.block = block
        self.percent = percent
        self.noun = noun
        self.unit = unit
        self.category = category
        self.event = event
        self.qualifiers = qualifiers
        self.places = [] if places is None else places
        self.place_source = place_source
        self.subject_name = subject_name
        self.each = each
        self.subject_each = subject_each
        self.remainder = remainder
        self.additive = additive
        self.more = more
        self.total_cue = total_cue
        self.closing_cue = closing_cue
        self.change_to = change_to
        self.previous = previous
        self.comparative = comparative
        self.article = article
        self.chamber = chamber
        self.each_count = each_count
        self.multiplier_only = multiplier_only
        self.part_of = part_of
        self.of_the = of_the
        self.in_parens = in_parens
        self.label = label


class ClaimReader:
    """Reads claims off a token stream; all vocabulary comes from ``rules/``."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.v = vocab
        self.places = PlaceReader(vocab)
        self._wordless_words = _WORDLESS_WORDS | vocab.vague_items.last_words()
        self._respectively_starts = frozenset(vocab.respectively.words())  # (a set: asked at every token)

    def read(self, toks: list[Token], sentences: Sequence[Sentence], blocks: Sequence[Block]) -> list[Claim]:
        self._toks = toks
        self._words = [t.low for t in toks]
        ranges = sentence_ranges(toks)
        self._sent_start: list[int] = []  # by token: where its sentence starts
        for lo, hi in ranges.values():
            self._sent_start += [lo] * (hi - lo)
        self._sent_end = {sentence: hi for sentence, (_, hi) in ranges.items()}
        self._item_ends: dict[int, int] = {}  # _item_end by token: several steps ask it of each count
        wordless = self._wordless_words
        claims: list[Claim] = []
        for i, t in enumerate(toks):
            claim = None
            kind = t.kind
            if kind == "word":  # the most tokens: only the few words that can stand for a count are read
                if t.low in wordless:
                    claim = self._wordless_claim(i)
            elif kind == "num":
                claim = self._claim_at(i)
            elif kind == "other" and t.mention is not None and t.mention.kind == "ordinal":
                claim = self._ordinal_claim(i)
            elif kind == "other" and t.mention is not None and t.mention.kind == "compound":
                claim = self._compound_claim(i)
            if claim is not None:
                claim.block = sentences[t.sentence].block
                claims.append(claim)
        self._link_part_of_whole(claims)
        self._pair_respectively(claims)
        self._link_each_counts(claims)
        self._share_verbs(claims)
        self._confirm_guessed_places(claims)
        self._parallel_places(claims)
        self._previous_lists(claims)
        self._sentence_subject_units(claims)
        self._closing_units(claims)
        return [c for c in claims if not c.multiplier_only]

    # ------------------------------------------------------------------ helpers
    def _sentence_end(self, i: int) -> int:
        return self._sent_end[self._toks[i].sentence]

    def _clause_start(self, i: int) -> int:
        k = i - 1
        floor = max(self._sent_start[i], i - _MAX_REACH)
        while k >= floor:
            w = self._words[k]
            if w in self.v.clause_break or w == ":" or (w == "and" and k > floor and self._words[k - 1] == ","):
                return k + 1
            k -= 1
        return floor

    def _item_end(self, i: int) -> int:
        """Where the words belonging to the count at ``i`` stop: the next number or clause break."""
        end = self._item_ends.get(i)
        if end is None:
            end = self._item_ends[i] = self._find_item_end(i)
        return end

    def _find_item_end(self, i: int) -> int:
        toks, words = self._toks, self._words
        end = min(self._sentence_end(i), i + _MAX_REACH)
        k = i + 1
        while k < end:
            if toks[k].kind == "num" or words[k] in self.v.clause_break:
                return k
            if words[k] == "," and k + 1 < end and words[k + 1] in ("and", "while", "whereas", "but", "as") \
                    and not self._oxford_comma(k, end):
                return k
            k += 1
        return end

    def _oxford_comma(self, k: int, end: int) -> bool:
        """", and Novgorod regions" after "Belgorod, Bryansk, Krasnodar": the last name of a name list,
        not a new item (no number follows the names)."""
        toks, words = self._toks, self._words
        if words[k + 1] != "and" or not toks[k - 1].capitalized:
            return False
        m = k + 2
        while m < end and (toks[m].capitalized or words[m] in self.v.place_nouns or words[m] == "the"):
            m += 1
        return m > k + 2 and (m >= end or toks[m].kind not in ("num", "other"))

    # ------------------------------------------------------------------ claims
    def _claim_at(self, i: int) -> Claim | None:
        t = self._toks[i]
        m = t.mention
        assert m is not None
        if m.kind != "percent" and m.stated.denominator != 1:
            return None  # "0.27 s", "6.8 on the scale": a count is a whole number
        claim = Claim(i, t.start, t.end, t.end, m.value.simplified(), m.stated, t.sentence, 0,
                      percent=m.kind == "percent")
        if claim.percent:  # a share: what it is a share of is not needed, only where it stands
            claim.places = self._places_for(claim, i)
            return claim
        self._read_noun(claim, i)
        if claim.noun == "place" and m.hedge in ("over", "under", "below"):
            # "over three regions": a preposition before a count of places, not "more than"
            claim.value = Interval.exact(m.stated)
            claim.start = t.start + len(m.text) - len(m.text.lstrip()[len(m.hedge):].lstrip())
        self._read_predicate(claim, i)
        self._read_event(claim, i)
        self._read_cues(claim, i)
        self._resolve_unit(claim)
        claim.places = self._places_for(claim, i)
        self._read_distributive(claim, i)
        return claim

    def _read_noun(self, claim: Claim, i: int) -> None:
        """Unit noun after the number, skipping modifiers ("32 Russian attack drones")."""
        toks, words = self._toks, self._words
        end = self._sentence_end(i)
        k = i + 1
        quals: set[str] = set()
        nested = self.v.nested_after.match(words, k)
        if nested is not None and k + nested[0] < end:
            cat = self.v.category_forms.match(words, k + nested[0])
            if cat is not None:  # "11 of them gold", "815 of them partially": "of them" stays for the tallies
                claim.category = cat[1]
                claim.noun = self.v.category_sets[cat[1][0]].unit
                return
        for n in (3, 2, 1):  # "Sixty-four of the dead", "four of the injured": a part of a group named after it
            if tuple(words[k : k + n]) in self.v.part_of_between and k + n < end and toks[k + n].kind == "word":
                head = k + n
                while head < min(end, k + n + 2) and toks[head].kind == "word" and words[head] not in self.v.np_stop \
                        and self.v.unit_forms.match(words, head) is None:
                    head += 1  # "24 of the Ukrainian drones": modifiers before the noun
                unit = self.v.unit_forms.match(words, head) if head < end else None
                # only a kind says what the count is ("the dead"); "of the victims" says only whose part it is
                if unit is not None and unit[1] in self.v.unit_parent \
                        and not self._more_noun_follows(head + unit[0], end):
                    claim.noun = unit[1]
                    claim.phrase_end = toks[head + unit[0] - 1].end
                    return
        while k < end and k - i <= _NOUN_REACH:
            w = words[k]
            here = toks[k].mention
            nxt = toks[k + 1].mention if k + 1 < end else None
            kind = here.kind if here is not None else ""
            nxt_kind = nxt.kind if nxt is not None else ""
            if kind == "designation" or (w in ("-", "/", "‐") and k + 1 < end and (
                    toks[k + 1].kind == "other" or (w == "/" and toks[k + 1].capitalized))) \
                    or (toks[k].capitalized and nxt_kind == "designation"):  # "50 Airbus A350 1000 jets"
                k += 1  # a designation inside the noun phrase: "18 Shahed-136/131 attack drones", "18 Kh-101/Kh-555"
                continue
            if kind == "compound":  # "two two-story residential buildings"
                k += 3 if k + 2 < end and words[k + 1] in ("-", "‐") else 1
                continue
            if toks[k].kind != "word":
                if toks[k].text == "(" and claim.noun:  # "unmanned aerial vehicles (UAVs)"
                    close = k + 1
                    while close < end and words[close] != ")" and close - k < 5:
                        close += 1
                    if close < end and words[close] == ")" and close - k <= 3:
                        claim.phrase_end = toks[close].end
                break
            cat = self.v.category_forms.match(words, k)
            unit = self.v.unit_forms.match(words, k)
            best = cat if cat and (not unit or cat[0] >= unit[0]) else unit  # the longer; the category if as long
            if best is not None and not self._more_noun_follows(k + best[0], end):
                n = best[0]
                later = self._later_head(k + n, end, unit[1] if unit and unit[0] == n else None)
                if later is not None:
                    quals.update(self.v.qualifiers[w] for w in words[k : later[0]] if w in self.v.qualifiers)
                    k, n = later
                if cat and cat[0] == n:
                    claim.category = cat[1]
                    claim.noun = self.v.category_sets[cat[1][0]].unit
                else:
                    claim.noun = unit[1] if unit else None
                claim.phrase_end = toks[k + n - 1].end
                for j in range(k, k + n):
                    if words[j] in self.v.qualifiers:
                        quals.add(self.v.qualifiers[words[j]])
                j = k + n  # "73 Shahed drones and decoys", "drones and decoy drones": both subtypes
                if j + 1 < end and words[j] == "and" and words[j + 1] in self.v.qualifiers:
                    quals.add(self.v.qualifiers[words[j + 1]])
                claim.qualifiers = frozenset(quals)
                return
            if w in self.v.additive_after and k == i + 1:
                claim.additive = claim.more = True  # "three others were reported dead", "45 more had been lost"
                claim.phrase_end = toks[k].end
                break
            if w in ("more", "other", "further", "additional") and k + 1 < end and toks[k + 1].kind == "word" \
                    and words[k + 1] not in self.v.np_stop and words[k + 1] not in self.v.auxiliaries:
                k += 1  # "Six more Russian drones"
                continue
            if w in self.v.qualifiers:
                quals.add(self.v.qualifiers[w])
            if w == "of" and k > i + 1 and toks[k - 1].capitalized and k + 1 < end and toks[k + 1].capitalized:
                k += 1  # "2 US Army Corps of Engineers employees"
                continue
            if w in self.v.modifiers or w in self.v.qualifiers or toks[k].capitalized or w.endswith(
                    ("-type", "-made", "-wing", "-level", "-related", "-linked", "-range", "-based")):
                if w in self.v.np_stop:
                    break
                k += 1
                continue
            if w in self.v.np_coordinators and k > i + 1 and self._coordinated_modifier(k, end):
                k += 1  # "five independent and minor-party candidates": two modifiers of one noun
                continue
            if w in self.v.np_stop or self.v.events_after.match(words, k) or w in self.v.auxiliaries:
                break
            if w in self.v.place_nouns:  # "eight Russian regions": a count of places
                claim.noun = "place"
                claim.phrase_end = toks[k].end
                break
            if not self._unknown_plural(k) or (k + 1 < end and self.v.unit_forms.match(words, k + 1) is not None):
                k += 1  # an adjective the rules do not know ("four political groups", "24 measles cases")
                continue
            # an unknown plural noun: a count of something the rules do not know
            claim.noun = "x:" + w.rstrip("s")
            claim.phrase_end = toks[k].end
            break
        claim.qualifiers = frozenset(quals)

    def _read_predicate(self, claim: Claim, i: int) -> None:
        """"2,365 are partly damaged", "171 were children", "thousands of people": the noun comes later."""
        words, toks = self._words, self._toks
        end = self._item_end(i)
        k = i + 1
        if claim.noun is None and k < end and words[k] == "of" and (m := toks[i].mention) is not None \
                and not m.value.is_exact:
            unit = self.v.unit_forms.match(words, k + 1)
            if unit:
                claim.noun = unit[1]
                claim.phrase_end = toks[k + unit[0]].end
            elif k + 1 < end and self._unknown_plural(k + 1):
                claim.noun = "x:" + words[k + 1].rstrip("s")  # "thousands of trees": not a list's elided item
                claim.phrase_end = toks[k + 1].end
            return
        if claim.category is not None:
            return
        while k < end and (words[k] in self.v.auxiliaries or words[k] in ("more",)):
            k += 1
        if k < end:
            cat = self.v.category_forms.match(words, k)
            if cat and (claim.noun is None or claim.noun == self.v.category_sets[cat[1][0]].unit):
                claim.category = cat[1]
                claim.noun = self.v.category_sets[cat[1][0]].unit

    def _unknown_plural(self, k: int) -> bool:
        """Is the word at k a plural noun the rules do not know ("trees"), not a name or a function word?"""
        tok, w = self._toks[k], self._words[k]
        return tok.kind == "word" and not tok.capitalized and w.endswith("s") and len(w) >= 3 \
            and not w.endswith("ss") and w not in self.v.np_stop and w not in self.v.auxiliaries

    def _later_head(self, k: int, end: int, unit: str | None) -> tuple[int, int] | None:
        """"Shahed-136/131 one-way attack drones": the head is the last form of the same unit."""
        if unit is None:
            return None
        words, toks = self._words, self._toks
        j = k
        while j < end and j - k <= 5:
            if toks[j].kind == "other" or words[j] in ("-", "/", "‐") or words[j] in self.v.modifiers \
                    or words[j] in self.v.qualifiers:
                hit = self.v.unit_forms.match(words, j) if toks[j].kind == "word" else None
                if hit and hit[1] == unit and j > k:
                    return j, hit[0]
                j += 1
                continue
            hit = self.v.unit_forms.match(words, j)
            if hit and hit[1] == unit:
                return j, hit[0]
            return None
        return None

    def _coordinated_modifier(self, k: int, end: int) -> bool:
        """After "and" at ``k``: one modifier and then a plural noun the count may name ("independent and
        minor-party candidates"), not a clause or another count ("12 dead and two injured")."""
        toks, words = self._toks, self._words
        j = k + 1
        if j + 1 >= end or toks[j].kind != "word" or toks[j].capitalized or words[j] in self.v.np_stop \
                or words[j] in self.v.auxiliaries or self.v.events_after.match(words, j):
            return False
        return self.v.unit_forms.match(words, j + 1) is not None or self._unknown_plural(j + 1)

    def _more_noun_follows(self, k: int, end: int) -> bool:
        """"drone strike", "UAV operators": the unit word modifies the noun after it."""
        if k >= end:
            return False
        return self._words[k] in self.v.compound_heads and self._toks[k].kind == "word"

    def _read_event(self, claim: Claim, i: int) -> None:
        words = self._words
        floor = self._sent_start[i]
        # before: "killed 173 people", "destroyed a total of 51"
        k = i
        while True:
            lo = max(floor, k - self.v.events_before.max_len)  # the phrase's words only, not the whole sentence
            hit = self.v.events_before.match_ending(words[lo:k], k - lo) if k > floor else None
            if hit:
                claim.event = hit[1]
                break
            if not (k - 1 >= floor and i - k < 5 and (
                    words[k - 1] in self.v.np_skip_before or words[k - 1] in self.v.np_adverbs
                    or (self._toks[k - 1].capitalized and k < i and (words[k] == "with" or self._toks[k].capitalized)
                        and "with" in words[k:i]))):
                break  # ... "Russia attacked Ukraine with 88 drones": the verb's object before "with"
            k -= 1
        # after: "16 people were killed", "47 died", "45 more had been lost"
        k = self._index_after(claim.phrase_end, i)
        end = self._item_end(i)
        skippable = ("more", "each", ",", "not", "who", "that", "\"", "“", "‘", "'")  # and quotes: were "lost"
        if k + 1 < end and words[k] == "of":
            m = k + 1  # "an unmanned aerial vehicle of the aircraft type was shot down"
            while m < end and m - k <= 4 and words[m] not in self.v.auxiliaries and self._toks[m].kind == "word":
                m += 1
            if m < end and words[m] in self.v.auxiliaries:
                k = m
        fates = self.v.fate_modifiers  # modifiers before a noun, events after it
        while k < end and (words[k] in self.v.auxiliaries or words[k] in skippable
                           or (words[k] in self.v.modifiers and words[k] not in fates)):
            if words[k] == "," and k != i + 1:
                break  # "killed 84 people, injured 155": the next verb belongs to the next count
            k += 1
        if k + 1 < end and self._toks[k].capitalized and claim.noun is not None:
            k += 1  # "the 35 drones Russia launched overnight": a relative clause with its own subject
        if k < end:
            hit = self.v.events_after.match(words, k)
            if hit and (claim.event is None or hit[1] in ("death", "injury")):
                claim.event = hit[1]

    def _index_after(self, offset: int, i: int) -> int:
        k = i + 1
        while k < len(self._toks) and self._toks[k].start < offset:
            k += 1
        return k

    def _read_cues(self, claim: Claim, i: int) -> None:
        toks, words = self._toks, self._words
        floor = self._sent_start[i]
        sent_end = self._sentence_end(i)
        lo = max(floor, i - _CUE_WINDOW)  # the words a cue can span, not the whole (maybe huge) sentence
        before = words[lo:i]
        rel = i - lo
        if self.v.total_before.match_ending(before, rel):
            claim.total_cue = True
        if self.v.closing.match_ending(before, rel) or self._closing_verb_before(before):
            claim.closing_cue = True
        if self.v.additive_before.match_ending(before, rel):
            claim.additive = True
        opening = words[floor : min(i, floor + _CUE_WINDOW)]
        lead = self.v.additive_before.match(opening, 0) or self.v.additive_openers.match(opening, 0)
        if lead and (lead[0] == i - floor or (lead[0] < i - floor and words[floor + lead[0]] == ",")):
            claim.additive = True  # "On top of that, 2 employees died"
        if self.v.remainder.match_ending(before, rel) or (
                rel >= 2 and before[-1] == "," and self.v.remainder.match_ending(before[:-1], rel - 1)):
            claim.remainder = True  # (and "The rest, 26 pupils, were treated at the scene")
        if self.v.change_to.match_ending(before, rel) and rel >= 1 and before[-1] not in ("up",):
            claim.change_to = True
        if rel >= 1 and before[-1] == "from" and i + 2 < sent_end and words[i + 1] == "to" \
                and toks[i + 2].kind == "num":
            claim.previous = True
        if self._previous_before(before, rel, lo):
            claim.previous = True  # "..., up from 30", "up from a toll of 12": an old value
        if rel >= 2 and before[-1] == "from" and self._after_new_value(i, floor):
            claim.previous = True  # "rose to 57 from 49": 49 is the old value
        if rel >= 3 and before[-1] == "to" and toks[i - 2].kind == "num" and before[-3] == "from":
            claim.change_to = True  # "climbed from 30 to 36": 36 is the running total
        if rel >= 2 and before[-1] == "of" and before[-2] in ("loss", "gain", "drop", "fall", "rise", "increase",
                                                                 "decrease", "margin", "majority", "lead"):
            claim.comparative = True
        if self.v.rate_links.match_ending(before, rel):
            claim.comparative = True  # "per 1,000 men": a rate's base
        if rel >= 1 and before[-1] in ("lost", "gained", "adding", "added", "losing", "gaining", "lose", "loses",
                                       "gain", "gains"):
            claim.comparative = True  # (a headline's "Conservatives lose 474 councillors")
        if self.v.margin_before.match_ending(before, rel) or (
                rel >= 2 and before[-1] == "by" and any(w in self.v.margin_verbs for w in before[-7:-1])):
            claim.comparative = True  # "passed by 30 votes: 230 to 200", "won the election by 9,412 votes"
        if rel >= 2 and before[-1] in ("up", "down") and before[-2] == ",":
            claim.comparative = True  # "won 34, down 6, and the Social Democrats 26, up 6": a change
        # "Of the 988 damaged houses, ...", "of the 657 people who have died ..."
        of = before[:-1] if rel >= 2 and before[-1] == "the" else before  # "Of the 45", "Of 800 adults"
        if len(of) >= 1 and of[-1] == "of" and (len(of) == 1 or of[-2] in (",", ":", "-", "–", "—")):
            claim.of_the = True
        if rel >= 1 and toks[i - 1].text == "(":
            claim.in_parens = True
        if i + 3 < sent_end and words[i + 1] == "of" and (words[i + 2] in ("the", "its", "their", "his", "her")
                                                         or words[i + 2].endswith(("'s", "’s"))) and (
                words[i + 3] in ("most", "few", "many", "last", "first")
                or (words[i + 3].endswith("est") and words[i + 3] not in self.v.not_superlatives)):
            claim.comparative = True  # "one of the most destructive seasons": not a count
        k = self._index_after(claim.phrase_end, i)
        if k < sent_end:
            if self.v.total_after.match(words, k) or (k + 1 < sent_end and words[k] == ","
                                                          and self.v.total_after.match(words, k + 1)):
                claim.total_cue = True
            probe = k + 1 if k < sent_end and words[k] == "more" else k
            if words[k] == "more" and not (k + 1 < sent_end and words[k + 1] == "than"):
                claim.additive = claim.more = True
            more_than = (probe + 1 < sent_end and words[probe] in ("more", "fewer", "less")
                         and words[probe + 1] == "than") or (
                words[k] == "than" and words[k - 1] in ("more", "fewer", "less"))  # "300 more than last year"
            if (self.v.comparative_after.match(words, probe) and words[probe] != "than") or more_than:
                claim.comparative = True
            rate = self.v.rate_links.match(words, k)
            if rate is not None and k + rate[0] < sent_end and toks[k + rate[0]].kind == "num":
                claim.comparative = True  # "a sex ratio of 903 women per 1,000 men": a rate
            if (claim.noun is None and self.v.margin_after.match(words, k)) or self.v.margin_after_noun.match(words, k):
                claim.comparative = True  # "two points clear", "one ahead of Liverpool", "27 seats short of": a margin
            if words[k] in ("remaining",):
                claim.remainder = True
            if self.v.superseded_by.match(words, k):
                claim.previous = True  # "The toll of 30 was revised to 42"
            if rel >= 1 and before[-1] == "after" and self.v.previous_after.match(words, k):
                claim.previous = True  # "It downed 44 drones, after 38 earlier": another night's count

    def _previous_before(self, before: list[str], rel: int, lo: int) -> bool:
        """"up from 30", "against 30", or up to three more words after the phrase that are no number,
        punctuation or list word: "up from a toll of 12", "down from an initial 40"."""
        if self.v.previous_before.match_ending(before, rel):
            return True
        for gap in range(1, 4):
            if rel - gap < 2:
                return False
            if self._toks[lo + rel - gap].kind != "word" or before[rel - gap] in self.v.list_separators:
                return False
            if self.v.previous_before.match_ending(before, rel - gap):
                return True
        return False

    def _after_new_value(self, i: int, floor: int) -> bool:
        """Does "from" before token i follow a new value ("rose to 57 [deaths] from 49")?"""
        words, toks = self._words, self._toks
        for j in range(i - 2, max(floor, i - 5) - 1, -1):
            if toks[j].kind == "num":
                lo = max(floor, j - self.v.change_to.max_len)
                return bool(self.v.change_to.match_ending(words[lo:j], j - lo))
            if toks[j].kind != "word":
                return False
        return False

    def _closing_verb_before(self, before: list[str]) -> bool:
        """"bringing the total number of casualties to 62", "taking the toll to 31", "putting the total at 45"."""
        if len(before) < 3 or before[-1] not in ("to", "at"):
            return False
        window = before[-10:-1]  # "brings the number of homes destroyed or damaged to"
        return any(w in self.v.closing_verbs for w in window) and "the" in window

    def _resolve_unit(self, claim: Claim) -> None:
        noun, event = claim.noun, claim.event
        if noun in ("death", "injury", "casualty"):
            claim.unit = noun
            if claim.event is None:
                claim.event = noun if noun != "casualty" else None
            return
        if (noun in ("person", None) or noun.startswith("x:")) and event in ("death", "injury"):
            claim.unit = event  # "2 contractors died": whoever they are, they count as deaths
            return
        claim.unit = noun
        if noun is None and (claim.change_to or claim.closing_cue):
            claim.unit = self._toll_unit(claim.index)

    def _toll_unit(self, i: int) -> str | None:
        """"the number of people killed ... has climbed to 1,697": the unit of a running total."""
        words = self._words
        floor = self._sent_start[i]
        for k in range(floor, i):
            hit = self.v.toll_subjects.match(words, k)
            if hit:
                return "death" if "injured" not in words[k : k + hit[0]] else "injury"
        for k in range(floor, i - 2):
            if words[k : k + 2] == ["number", "of"]:  # "The number of people taken to hospital rose to 48"
                unit = self.v.unit_forms.match(words, k + 2)
                if unit:
                    return unit[1]
        # "bringing the total number of casualties to 62": the unit named just before; one that names a
        # tally ("the medal tally at the national games stands at 64") before any other
        for k in range(max(floor, i - 12), i):
            unit = self.v.unit_forms.match(words, k)
            if unit and unit[1] not in ("person",) and k + unit[0] < i \
                    and words[k + unit[0]] in self.v.tally_heads:
                return unit[1]
        for k in range(i - 1, max(floor, i - 8) - 1, -1):
            unit = self.v.unit_forms.match(words, k)
            if unit and unit[1] not in ("person",):
                return unit[1]
        return None

    def _places_for(self, claim: Claim, i: int) -> list[Place]:
        places, source = self._find_places(claim, i)
        claim.place_source = source if places else ""
        return places

    def _find_places(self, claim: Claim, i: int) -> tuple[list[Place], str]:
        toks = self._toks
        floor = self._sent_start[i]
        phrase_after = self._index_after(claim.phrase_end, i)  # the token after the count's words
        if claim.in_parens:  # "Voronezh Oblast (two UAVs)", "Sindh (12)"
            if phrase_after < len(toks) and toks[phrase_after].low in self.v.distributive_after:
                several = self.places.names_before(toks, i - 1, floor)
                if len(several) > 1:
                    return several, "paren"  # "the Oryol and Tula regions (three each)"
            return self.places.name_before(toks, i - 1, floor), "paren"
        fronted = self._place_right_before(i, floor)
        if fronted:
            return fronted, "name"  # "In Kampong Cham province 6,200 people ..., in Kratie 4,800 and ..."
        after, _ = self.places.after(toks, phrase_after, self._item_end(i))
        if after and claim.event == self.v.launch_event \
                and any(t.low == "from" for t in toks[phrase_after : self._index_before(after[0].start)]):
            return [], ""  # "attacked with 73 drones from (the directions of) Kursk": where they came from
        if after:
            return after, "after"
        # a name right before the number: "Balochistan 20", "Labor Party – 5 seats", "U.S.A. 26"
        gap_floor = self._clause_start(i)
        named = self.places.name_before(toks, i, max(floor, gap_floor))
        if named:
            k = self._index_before(named[0].start) - 1
            m = k
            while m > k - 4 and m > max(floor, gap_floor) and not toks[m].capitalized \
                    and (toks[m].kind == "word" or toks[m].text in ("-", "‐")) and toks[m].low not in ("the", "and"):
                m -= 1  # "the leftist Levica six", "the far-right Vox 33"
            if toks[m].low == "the" and m > max(floor, gap_floor):
                k = m - 1  # "..., the Greens 22 and the Liberal Union 17"
            if named[0].start == toks[max(floor, gap_floor)].start or toks[k].text in (",", ";", "and", "–", "—") \
                    or self.v.name_leads.match_ending(self._words, k + 1) is not None:
                if phrase_after < len(toks) and toks[phrase_after].low in self.v.distributive_after:
                    several = self.places.names_before(toks, self._index_before(named[-1].end), floor)
                    if len(several) > 1:
                        return several, "name"  # "..., and Sialkot and Gujranwala with six each"
                return named, "name"  # "... followed by Khyber Pakhtunkhwa with 24"
        where = self._where_place(i, floor)
        if where:
            return where, "before"  # "Tolaga Bay, where 6,200 animals died"
        clause = gap_floor
        if any(t.kind == "num" for t in toks[clause:i]):
            return [], ""
        if self._words[clause] in self.v.attribution_verbs and "," in self._words[clause:i]:
            clause = self._words.index(",", clause, i) + 1  # "According to the NDMA, Punjab was the worst hit"
        places, guess = self.places.before(toks, clause, i)
        if not places and clause - 2 >= floor and self._words[clause - 1] == "," and self._words[clause] == "with" \
                and not any(t.kind == "num" for t in toks[floor:clause]):
            # "Punjab has been hit hardest, with 39 deaths": the sentence's subject
            places, guess = self.places.before(toks, floor, clause - 1)
        if not places:
            return self.places.the_subject(toks, clause, i), "subject"
        return places, "guess" if guess else "before"

    def _where_place(self, i: int, floor: int) -> list[Place]:
        """"..., Tolaga Bay, where 6,200 animals died": the name a "where" clause opening at the count is about."""
        k = i - 1
        if k > floor and self._words[k] == "the":
            k -= 1
        if k - 2 < floor or self._words[k] != "where" or self._words[k - 1] != ",":
            return []
        return self.places.name_before(self._toks, k - 1, floor)

    def _place_right_before(self, i: int, floor: int) -> list[Place]:
        """A place phrase that ends right at the number ("in Kratie 4,800", "In Kampong Cham province 6,200
        people"): the item's own place, whatever place follows (that one is the next item's)."""
        toks = self._toks
        named = self.places.name_before(toks, i, floor)
        if not named or not (named[-1].end == toks[i - 1].end or (
                i >= 2 and toks[i - 1].low in ("for", "with") and named[-1].end == toks[i - 2].end)):
            return []  # "in Kratie 4,800", "the town of Anamizu for eight"; not "Kursk, with 4" or "Kursk (4)"
        k = self._index_before(named[0].start) - 1
        return named if k >= floor and toks[k].low in self.v.place_preps and toks[k].kind == "word" else []

    def _index_before(self, offset: int) -> int:
        lo, hi = 0, len(self._toks)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._toks[mid].start < offset:
                lo = mid + 1
            else:
                hi = mid
        return max(lo, 1)

    def _read_distributive(self, claim: Claim, i: int) -> None:
        words = self._words
        floor = self._sent_start[i]
        end = self._item_end(i)
        k = self._index_after(claim.phrase_end, i)
        # "four each over ...", "one drone each was neutralized", "were shot down each over", "eight deaths each"
        for j in range(k, end):
            if words[j] in self.v.distributive_after and not (j + 1 < end and words[j + 1] == "other"):
                claim.each = True
                break
            if j == k and words[j] in self.v.distributive_per_place and j + 1 < end \
                    and words[j + 1] in self.v.place_nouns:
                claim.each = True  # "two per region in Lombardy, Veneto and ..."
                break
            if self._toks[j].kind == "word" and words[j] in self.v.place_preps and claim.places:
                break
        if i - 1 >= floor and words[i - 1] in self.v.distributive_before:
            claim.each = True
        if claim.places and self._each_of_after(k):
            claim.each = True  # "Two drones were downed over each of the Kaluga and Smolensk regions"
        # "one each of A and B"
        if k < end and words[k] == "each" and k + 1 < end and words[k + 1] == "of":
            claim.each = True
            places, _ = self.places.names_list(self._toks, k + 2, end)
            if places:
                claim.places = places
        # "A, B and C each hold 3 medals"
        j = i - 1
        while j > floor and words[j] in self.v.np_skip_before:
            j -= 1
        if j - 1 >= floor and words[j - 1] == "each" and not claim.each:
            claim.subject_each = True
            subject, _ = self.places.names_list(self._toks, self._clause_start(i), j - 1)
            if subject:
                claim.places = subject

    # ------------------------------------------------------------------ word-only counts
    def _vague_item(self, i: int, floor: int) -> Claim | None:
        """"12 in Leeds, 9 in York and several in Hull": an item of the list whose size is not given."""
        words, toks = self._words, self._toks
        hit = self.v.vague_items.match_ending(words, i + 1)
        if hit is None or i + 2 >= len(toks) or toks[i + 1].sentence != toks[i].sentence:
            return None
        first = i - hit[0] + 1
        if first <= floor or words[first - 1] not in (",", "and"):
            return None
        nxt, named = words[i + 1], toks[i + 2].capitalized or words[i + 2] == "the"
        if not (nxt == "elsewhere" or ((nxt in self.v.place_preps or nxt == "to") and named)):
            return None  # "... and several in Hull", "a third to York", "and others elsewhere"
        claim = Claim(i, toks[first].start, toks[i].end, toks[i].end, None, None, toks[i].sentence, 0,
                      remainder=True)
        claim.places = self._places_for(claim, i)
        return claim

    def _wordless_claim(self, i: int) -> Claim | None:
        """"the rest", "an unmanned aerial vehicle", "single drones", "another above Kursk"."""
        words, toks = self._words, self._toks
        w = words[i]
        floor = self._sent_start[i]
        vague = self._vague_item(i, floor)
        if vague is not None:
            return vague
        if w in ("rest", "remaining", "remainder", "others") and i > floor and words[i - 1] == "the":
            nxt = i + 1
            if nxt < len(toks) and toks[nxt].kind == "num" and toks[nxt].sentence == toks[i].sentence:
                return None  # "the remaining four": the number carries it
            if w == "others" and not (nxt < len(toks) and words[nxt] in ("were", "came", "fell", "went")):
                return None
            claim = Claim(i, toks[i - 1].start, toks[i].end, toks[i].end, None, None, toks[i].sentence, 0,
                          remainder=True)
            self._read_noun(claim, i)
            self._read_event(claim, i)
            self._resolve_unit(claim)
            claim.places = self._places_for(claim, i)
            return claim
        if w == "another" and i + 1 < len(toks) and toks[i + 1].kind == "word" \
                and words[i + 1] in self.v.place_preps:
            claim = Claim(i, toks[i].start, toks[i].end, toks[i].end, Interval.exact(1), 1,
                          toks[i].sentence, 0, additive=True, article=True)
            claim.places = self._places_for(claim, i)
            return claim if claim.places else None
        if w in ("a", "an", "single") and i + 1 < len(toks):
            probe = Claim(i, toks[i].start, toks[i].end, toks[i].end, Interval.exact(1), 1,
                          toks[i].sentence, 0, article=True)
            self._read_noun(probe, i)
            if probe.noun is None or probe.noun.startswith("x:") or probe.noun in ("death", "injury", "casualty"):
                return None
            after = self._index_after(probe.phrase_end, i)
            plural = words[after - 1].endswith("s")
            if w == "single":
                if not plural and not self._each_of_after(after):
                    return None
                probe.each = True
            elif plural:
                return None
            self._read_event(probe, i)
            self._resolve_unit(probe)
            probe.places = self._places_for(probe, i)
            if probe.places and self._each_of_after(after):
                probe.each = True  # "a single drone was destroyed over each of the Kaluga and Tula regions"
            if w == "single" or probe.category is not None or (probe.event and probe.event != "launched"
                                                                 and probe.places):
                return probe
        return None

    def _each_of_after(self, k: int) -> bool:
        """"... was destroyed over each of A and B": one for every place named, within the item."""
        end = self._item_end(k) if k < len(self._toks) else k
        words = self._words
        return any(words[j] == "each" and words[j + 1] == "of" for j in range(k, min(end, k + 8) - 1))

    def _compound_claim(self, i: int) -> Claim | None:
        """"finished the 82-game regular season with 64 wins and 28 losses": a compound whose noun is one of
        the units a total may be written as (``compound_units``) counts them, in a sentence that tells a
        season's record."""
        words, toks = self._words, self._toks
        if i + 2 >= len(toks) or words[i + 1] not in ("-", "‐") or toks[i + 2].sentence != toks[i].sentence:
            return None
        if words[i + 2] in self.v.seat_compounds:
            return self._chamber_claim(i)
        unit = self.v.unit_forms.match(words, i + 2)
        if unit is None or unit[1] not in self.v.compound_units:
            return None
        lo, hi = self._sent_start[i], self._sentence_end(i)
        if not any(w in self.v.record_members for w in words[lo:hi]):
            return None  # only a season's record splits it: "a three-match series: seven batters, ..." does not
        claim = self._stated_claim(i, i + 1 + unit[0], unit[1])
        self._resolve_unit(claim)
        return claim

    def _chamber_claim(self, i: int) -> Claim | None:
        """"the 100-seat Saeima", "Haryana's 90-member assembly": a chamber's size counts its seats."""
        toks = self._toks
        j = i + 3
        if j >= len(toks) or toks[j].sentence != toks[i].sentence:
            return None
        if not (toks[j].low in self.v.chambers or (toks[j].capitalized and toks[j].kind == "word")):
            return None
        lo = self._sent_start[i]
        k = i - 1
        while k > lo and self._words[k] in ("the", "new", "its", "their"):
            k -= 1
        seats_before = any(toks[n].kind == "num" and self._unit_after(n) == "seat" for n in range(lo, k))
        if self._words[k] in self.v.container_prepositions and seats_before:
            return None  # "248 seats in the 460-seat Sejm, including ...": where the seats before sit, no total
        claim = self._stated_claim(i, i + 2, "seat", chamber=True, label=f"{toks[i].text} seats")
        self._resolve_unit(claim)
        return claim

    def _stated_claim(self, i: int, last: int, noun: str, chamber: bool = False, label: str | None = None) -> Claim:
        """The exact count the mention at token ``i`` states, named by a noun whose phrase ends at token ``last``
        (an ordinal, or a compound such as "82-game" or "100-seat")."""
        t = self._toks[i]
        m = t.mention
        assert m is not None
        return Claim(i, t.start, t.end, self._toks[last].end, Interval.exact(m.stated), m.stated, t.sentence, 0,
                     noun=noun, chamber=chamber, label=label)

    def _unit_after(self, n: int) -> str | None:
        """The unit a noun right after token ``n`` names, if any."""
        hit = self.v.unit_forms.match(self._words, n + 1)
        return hit[1] if hit else None

    def _ordinal_claim(self, i: int) -> Claim | None:
        """"A 23rd death was confirmed in Sonoma County": the count has reached 23."""
        words, toks = self._words, self._toks
        if i == 0 or words[i - 1] not in ("a", "the") or i + 1 >= len(toks):
            return None
        unit = self.v.unit_forms.match(words, i + 1)
        if not unit or unit[1] not in ("death", "casualty", "injury", "person", "case"):
            return None
        m = toks[i].mention
        assert m is not None
        if m.stated <= 0:
            return None  # "one of the first doctors in Wales": an ordinal word says no count reached
        claim = self._stated_claim(i, i + unit[0], unit[1])
        self._read_event(claim, i)
        self._resolve_unit(claim)
        claim.places = self._places_for(claim, i)
        return claim if claim.places else None

    # ------------------------------------------------------------------ part of whole
    def _sentence_subject_units(self, claims: list[Claim]) -> None:
        """"Of the dead, 189 were men, 92 women and 131 children": the opening names what is counted."""
        words = self._words
        for c in claims:
            if c.unit not in (None, "person") or c.event is not None or c.value is None:
                continue
            k = self._sent_start[c.index]
            if c.index - k > 12 or words[k : k + 1] not in (["of"], ["among"]) or \
                    words[k + 1 : k + 2] not in (["the"], ["those"]):
                continue
            unit = self.v.unit_forms.match(words, k + 2)
            if unit and unit[1] in ("death", "injury") and words[k + 2 + unit[0] : k + 3 + unit[0]] == [","]:
                c.event = unit[1]
                self._resolve_unit(c)

    @staticmethod
    def _closing_units(claims: list[Claim]) -> None:
        """"reported 12 new polio cases, bringing the total so far this year to 17": a closing total that
        names no unit counts what the count before it in its sentence counts."""
        for a, b in itertools.pairwise(claims):
            if b.closing_cue and b.unit is None and a.sentence == b.sentence and a.unit is not None \
                    and a.unit != "place" and not a.percent and a.value is not None:
                b.unit = a.unit

    @staticmethod
    def _confirm_guessed_places(claims: list[Claim]) -> None:
        """A sentence-opening subject is taken for a place only when a sibling count in the same sentence
        has a place for certain ("Punjab has logged 164 deaths, while Sindh registered 28")."""
        certain = {c.sentence for c in claims if c.places and c.place_source not in ("guess", "")}
        for n, c in enumerate(claims):
            if c.place_source == "subject":  # "The Democratic Alliance took 91 seats": whose, not where
                c.subject_name, c.places, c.place_source = c.places[0].name, [], ""
            elif c.place_source == "guess":
                if c.sentence in certain or _between_placed(claims, n):
                    c.place_source = "before"
                else:
                    c.subject_name = c.places[0].name if c.places else ""
                    c.places, c.place_source = [], ""

    def _share_verbs(self, claims: list[Claim]) -> None:
        """"shot down 52 drones and 12 missiles": a verb before the first object governs the second."""
        words = self._words
        for a, b in itertools.pairwise(claims):
            if a.sentence != b.sentence or b.event is not None or a.event is None or b.value is None:
                continue
            if words[a.index + 1 : b.index][-1:] == ["and"] and self._event_before(a.index) and a.unit and b.unit:
                b.event = a.event
                self._resolve_unit(b)
        # "Three soldiers and four civilians were killed": a verb after the last subject governs the first
        for a, b in itertools.pairwise(claims):
            if a.sentence != b.sentence or a.event is not None or b.event is None or a.value is None:
                continue
            if words[self._index_after(a.phrase_end, a.index) : b.index] == ["and"] and a.noun and b.noun \
                    and not self._event_before(b.index):
                a.event = b.event
                self._resolve_unit(a)

    def _event_before(self, i: int) -> bool:
        k = i - 1
        while k >= self._sent_start[i] and self._words[k] in self.v.np_skip_before and i - k < 5:
            k -= 1
        return k >= 0 and self.v.events_before.match_ending(self._words, k + 1) is not None

    def _link_each_counts(self, claims: list[Claim]) -> None:
        """"one seat each to three independent candidates": the second number is how many share it."""
        words = self._words
        for a, b in itertools.pairwise(claims):
            if not a.each or a.places or a.sentence != b.sentence or b.value is None or not b.value.is_exact:
                continue
            between = [w for w in words[a.index + 1 : b.index] if w not in ("the", "a", "an")]
            if "each" in between and between[-1:] and between[-1] in ("to", "for", "among", "between", "of", "by"):
                a.each_count = int(b.value.low)
                b.multiplier_only = True

    def _pair_respectively(self, claims: list[Claim]) -> None:
        """"5, 3 and 2 drones over Kursk, Belgorod and Bryansk, respectively": the n-th count of the list
        goes with the n-th place, one place each."""
        words = self._words
        respectively, starts = self.v.respectively, self._respectively_starts
        cued = {self._toks[k].sentence for k, w in enumerate(words) if w in starts and respectively.match(words, k)}
        if not cued:
            return
        by_sentence: dict[int, list[Claim]] = {}
        for c in claims:
            if c.sentence in cued:
                by_sentence.setdefault(c.sentence, []).append(c)
        for sentence_claims in by_sentence.values():
            run = self._count_list(sentence_claims)
            if len(run) < 2:
                continue
            places = self._paired_places(run, sentence_claims)
            if places is None:
                continue
            for c, place in zip(run, places, strict=True):
                c.places, c.place_source = [place], "respectively"
                c.each = c.subject_each = False

    def _parallel_places(self, claims: list[Claim]) -> None:
        """"Seventeen were taken to the regional hospital, 14 to the provincial hospital and three at the
        factory's own medical unit": items after the same preposition as the item before them are at the
        places their words name, though no capitalised name says so -- the first by the preposition after
        its verb, each later one by the preposition after the count."""
        words = self._words
        for a, b in itertools.pairwise(claims):
            if a.places or a.noun is not None or a.value is None or a.percent or b.sentence != a.sentence \
                    or b.noun is not None or b.value is None:
                continue
            place = self._first_item_place(a, b)
            if place is not None:
                a.places, a.place_source = [place], "parallel"
        for a, b in itertools.pairwise(claims):
            if b.places or b.noun is not None or b.value is None or b.percent or b.sentence != a.sentence \
                    or not a.places or a.noun is not None or a.value is None or words[b.index - 1] not in ("and", ","):
                continue
            prep = self._index_after(b.phrase_end, b.index)
            if prep < len(words) and (words[prep] in self.v.place_preps or words[prep] in self.v.parallel_preps) \
                    and self._prep_after(a) == words[prep]:
                place = self._plain_phrase(prep + 1)
                if place is not None:
                    b.places, b.place_source = [place], "parallel"

    def _prep_after(self, c: Claim) -> str:
        """The preposition that gives an item its place: right after the count ("14 to the hospital") or, for
        a first item placed by its verb's preposition, after the verb ("17 were brought to ...")."""
        k = self._index_after(c.phrase_end, c.index)
        if c.place_source == "parallel" and c.places:
            k = self._index_before(c.places[0].start) - 1
        return self._words[k] if k < len(self._words) else ""

    def _previous_lists(self, claims: list[Claim]) -> None:
        """"China 40, the United States 40 and Japan 20, up from 38, 39 and 27 in Tokyo": the numbers listed
        right after an old value ("up from 38") are old values too."""
        words = self._words
        for a, b in itertools.pairwise(claims):
            if a.previous and b.sentence == a.sentence and b.noun is None and not b.percent \
                    and words[self._index_after(a.phrase_end, a.index) : b.index] in ([","], ["and"], [",", "and"]):
                b.previous = True

    def _first_item_place(self, a: Claim, b: Claim) -> Place | None:
        """"Seventeen were brought to the Western Visayas Medical Center, 14 to the provincial hospital ...":
        the first item's verb is left out of the next, and the same preposition gives each its place."""
        words = self._words
        prep = self._index_after(b.phrase_end, b.index)
        if prep >= len(words) or words[prep] not in self.v.parallel_preps:
            return None
        k = m = self._index_after(a.phrase_end, a.index)
        while m < min(k + 3, b.index) and self._toks[m].kind == "word" and not self._toks[m].capitalized \
                and words[m] not in self.v.parallel_preps and words[m] not in ("the", "and", "a", "an", ","):
            m += 1  # "were brought", "were taken", "have been flown"
        if m == k or m >= b.index or words[m] != words[prep]:
            return None
        place = self._plain_phrase(m + 1)
        after = self._index_after(place.end, m) if place is not None else b.index
        return place if after + 1 == b.index and words[after] == "," else None

    def _plain_phrase(self, k: int) -> Place | None:
        """The words from ``k`` to the end of their clause ("the plant's first-aid post,") when they are a
        short phrase of words only: no number, verb or clause break."""
        toks, words = self._toks, self._words
        if k >= len(toks) or toks[k].sentence != toks[k - 1].sentence:
            return None
        sentence_end = self._sentence_end(k)
        end, stop = k, min(sentence_end, k + 7)
        while end < stop and toks[end].kind != "num" and (toks[end].text[:1].isalpha() or words[end] in ("-", "‐")) \
                and words[end] not in self.v.auxiliaries and words[end] not in self.v.clause_break \
                and words[end] != "and":
            end += 1
        if end == k:
            return None
        if end == sentence_end or words[end] in (",", ".", ";") \
                or (words[end] == "and" and end + 1 < sentence_end and toks[end + 1].kind == "num"):
            # (", 12 in the second and four in ...": the next item follows the "and")
            return PlaceReader.span(toks, k, end)
        return None

    def _count_list(self, claims: Sequence[Claim]) -> list[Claim]:
        """The longest list of counts joined only by commas and "and" ("5, 3 and 2")."""
        best: list[Claim] = []
        current: list[Claim] = []
        for c in claims:
            if c.value is None:
                current = []
                continue
            if current:
                k = self._index_after(current[-1].phrase_end, current[-1].index)
                gap = self._words[k : c.index]
                if not gap or not set(gap) <= {",", "and"}:
                    current = []
            current.append(c)
            if len(current) > len(best):
                best = list(current)
        return best

    def _paired_places(self, run: list[Claim], claims: Sequence[Claim]) -> list[Place] | None:
        """A list of exactly as many places as counts, in the same sentence, before its "respectively" (the
        places after it are another clause's: "750 and 1,300 jobs respectively ..., while 1,000 posts would be
        cut in Mexico and Poland")."""
        n = len(run)
        i = run[0].index
        lo, hi = self._sent_start[i], self._sentence_end(i)
        cue = next((k for k in range(run[-1].index, hi) if self.v.respectively.match(self._words, k)), hi)
        for c in claims:
            if len(c.places) == n and c.places[-1].end <= self._toks[min(cue, len(self._toks) - 1)].start:
                return list(c.places)
        hi = min(hi, cue + 1)
        k = lo
        while k < hi:
            if self._toks[k].capitalized:
                places, after = self.places.names_list(self._toks, k, hi)
                if len(places) == n:
                    return places
                k = max(after, k + 1)
            else:
                k += 1
        return None

    def _link_part_of_whole(self, claims: list[Claim]) -> None:
        """"15 out of 18 drones", "50 of the 75 seats": the first is part of the second."""
        words = self._words
        for a, b in itertools.pairwise(claims):
            if a.sentence != b.sentence or a.value is None or b.value is None:
                continue
            between = words[a.index + 1 : b.index]
            if tuple(between) in self.v.part_of_between:
                a.part_of = b
                if a.unit is None:
                    a.noun, a.unit = b.noun, b.unit


def _between_placed(claims: list[Claim], n: int) -> bool:
    """"North Carolina has reported 19 deaths. Georgia has confirmed 11. In South Carolina, eight ...": a
    guessed name whose neighbours, one sentence away at most on each side, are placed for certain."""
    c = claims[n]
    if n == 0 or n + 1 >= len(claims):
        return False
    before, after = claims[n - 1], claims[n + 1]
    return all(x.places and x.place_source not in ("guess", "") and abs(x.sentence - c.sentence) <= 1
               and abs(x.block - c.block) <= 1 for x in (before, after))
