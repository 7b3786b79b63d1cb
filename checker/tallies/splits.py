"""How a list split of a whole reads: in full, or only some of it.

"Of the 64 injured, 38 were admitted to hospital and 22 were treated and released" splits
the whole; "Of them, 118 were from Mali, 74 from Senegal and 51 from Guinea" names some of
an open set; "22 were pupils and 14 needed hospital treatment" splits the same people two
ways. The list passes ask these questions before they hold a list to its total.
"""

from __future__ import annotations

from ..claims import Claim
from ..lexicon import phrase_tokens
from .scope import Scope


class SplitReading(Scope):
    def _split_in_full(self, parts: list[Claim], total: Claim) -> bool:
        """"Of the 64 injured, 38 were admitted to hospital and 22 were treated and released", "Of the dead,
        21 were in Albay, 14 in Sorsogon and eight in Catanduanes": counts that are no categories (those may
        leave a member out), closed by "and" (or ", with two each over ...") at the end of their sentence,
        split the whole -- two of them, or three places (two places may be the worst hit). Not outcomes of a
        launch (others may have hit), not an open set -- origins ("118 were from Mali") or identities ("58
        were Egyptian") -- unless a last "other" item closes it; and not when the next sentence of the
        paragraph counts more or tells of others ("Two people have died.", "Others were held for ...",
        "Deaths were also reported in ...")."""
        last = parts[-1]
        if len(parts) < (3 if all(p.places for p in parts) else 2) or any(p.category for p in parts) \
                or parts[0].sentence != last.sentence or not {"and", "with"} & set(self._gap(parts[-2], last)):
            return False
        if any(p.event in self.v.outcome_events for p in parts) and not self._places_of_its_outcome(parts, total):
            return False  # "Of the drones, 97 were shot down and 25 were lost": others may have hit
        if not last.remainder and not self._names_the_others(last) and any(self._open_set_item(p) for p in parts):
            return False
        unit = self._list_unit(parts, total.unit)
        for later in self.claims[self._n(last) + 1 :]:
            if later.block != last.block or later.sentence > last.sentence + 1:
                break
            if later.sentence == last.sentence + 1 and (self._counts_something_else(unit, later)
                                                         or self._outside_qualifier(total, later)):
                continue  # "... and six in San Martin. More than 600 people were injured and 3,400 homes ..."
            if later.sentence == last.sentence + 1 or not self._new_clause_between(last, later):
                return False
        nxt = last.sentence + 1
        if nxt < len(self.sentences) and self.sentences[nxt].block == last.block:
            words = phrase_tokens(self.text[self.sentences[nxt].start : self.sentences[nxt].end])
            if any(w in self.v.others_after for w in words) \
                    and not any(self._outside_qualifier(total, c) for c in self.by_sentence.get(nxt, ())):
                return False
        return True

    def _places_of_its_outcome(self, parts: list[Claim], total: Claim) -> bool:
        """"destroyed 46 drones. Of those, 17 were downed over Voronezh, 12 over Belgorod and ...": every part is
        placed and none tells another outcome than the total's own -- the places of one outcome, in full."""
        return total.event in self.v.outcome_events and all(p.places for p in parts) \
            and all(p.event in (None, total.event) for p in parts)

    def _counts_something_else(self, unit: str | None, c: Claim) -> bool:
        """Is c a count of another thing than the split's (the injured after a split of the dead, homes)?"""
        if unit is None or c.unit is None or c.percent:
            return False
        if {unit, c.unit} == {"death", "injury"}:
            return True
        return not self._related(unit, c.unit) and c.unit != "person"

    def _outside_qualifier(self, total: Claim, c: Claim) -> bool:
        """"Of the 96,412 valid ballots, ... 2,115 ballots were blank or invalid": a count the words right
        after it qualify with the negation of a word of the total's phrase ("invalid", "unconfirmed",
        "non-resident") lies outside the total."""
        own = {t.low for t in self.toks[total.index + 1 : self._tokens_after(total)] if t.kind == "word"}
        if not own:
            return False
        k = self._tokens_after(c)
        after = [t.low for t in self.toks[k : k + 8] if t.sentence == c.sentence and t.kind == "word"]
        negated = {w[len(pre):] for w in after for pre in ("in", "un", "non-", "non") if w.startswith(pre)}
        return any(w in own and len(w) >= 4 for w in negated)

    def _two_ways(self, parts: list[Claim]) -> bool:
        """"Of the 30 injured, 22 were pupils and 14 needed hospital treatment": one count says who they
        were, another what happened to them -- two ways of splitting the same people, which overlap."""
        return any(self._says_who(p) for p in parts) and any(self._says_what_happened(p) for p in parts)

    def _says_who(self, c: Claim) -> bool:
        """"22 were pupils", "six were traders": a count, a copula and a plural noun of people."""
        k = self._tokens_after(c)
        if c.noun is not None or k + 1 >= len(self.toks) or self.words[k] not in self.v.copulas:
            return False
        hit = self.v.unit_forms.match(self.words, k + 1)
        noun = self.words[k + 1]
        return (hit is not None and hit[1] == "person") or (
            self.toks[k + 1].kind == "word" and noun.endswith("s") and not noun.endswith(("ed", "ss")))

    def _says_what_happened(self, c: Claim) -> bool:
        """"14 needed hospital treatment", "38 were admitted": a verb in the past after the count."""
        k = self._tokens_after(c)
        if k >= len(self.toks) or self.toks[k].sentence != c.sentence:
            return False
        if self.words[k] in self.v.copulas:
            return k + 1 < len(self.toks) and self.words[k + 1].endswith(("ed", "en"))
        return self.words[k].endswith("ed")

    def _names_the_others(self, c: Claim) -> bool:
        """"45 were from other countries": a last item for all the rest."""
        k = self._tokens_after(c)
        return any(w in self.v.others_item for w in self.words[k : k + 4])

    def _new_clause_between(self, a: Claim, b: Claim) -> bool:
        """Does a new clause start between two counts of a sentence (", adding that 23 remain in hospital")?"""
        return any(w in self.v.new_clause for w in self._gap(a, b))
