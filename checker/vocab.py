"""The word lists of ``rules/`` compiled into lookups the claims stage uses.

Built once per rule set (``vocab_for``) and shared: unit nouns and their hierarchy,
category sets, events, places and cue phrases.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import NamedTuple

from .lexicon import PhraseSet, RuleData, load_rule_data, normalize, phrase_tokens


class CategorySet(NamedTuple):
    name: str
    unit: str
    complete: bool
    members: tuple[str, ...]
    events: tuple[str, ...] = ()
    covers: tuple[frozenset[str], ...] = ()  # member sets that name the whole (default: all members)


class WordlessTrigger:
    """Whether a stretch of text may hold a count without a number (see Vocabulary._wordless_trigger).

    The same answer as searching ``\\b(?:WORD|...)\\b|\\b(?:a|an)\\s+(?:[\\w'’-]+\\s+){0,4}?(?:FORM|...)\\b``
    (case-insensitive), without compiling the alternation of every unit noun, which cost
    3 ms a run: after "a"/"an" and each of the next four words, the word there is looked up
    in a set. A form that is all word characters matches exactly when the whole word
    (its run of word characters) is that form, since the form must end at a word boundary.
    """

    def __init__(self, words: set[str], forms: set[str]) -> None:
        self._words = re.compile(rf"\b(?:{'|'.join(map(re.escape, sorted(words)))})\b", re.IGNORECASE)
        whole = {f for f in forms if _WORD_RUN.fullmatch(f)}
        self._forms = frozenset(f.lower() for f in whole)
        self._plain = all(f.isascii() for f in whole)
        # what a set cannot answer, a pattern does: forms with other characters ("uav's"), and
        # words that are not plain ASCII, whose case-insensitive match is re's business
        self._odd = _alternation(forms - whole)
        self._every = _alternation(forms)

    def search(self, text: str, pos: int, endpos: int) -> bool:
        if self._words.search(text, pos, endpos):
            return True
        for article in _ARTICLE.finditer(text, pos, endpos):
            at = article.end()
            for _ in range(5):
                if self._form_at(text, at, endpos):
                    return True
                step = _STEP.match(text, at, endpos)
                if step is None:
                    break
                at = step.end()
        return False

    def _form_at(self, text: str, at: int, endpos: int) -> bool:
        run = _WORD_RUN.match(text, at, endpos)
        if run is not None:
            word = run.group()
            if word.isascii() and self._plain:
                if word.lower() in self._forms:
                    return True
            elif re.compile(self._every, re.IGNORECASE).fullmatch(word):
                return True
        return bool(self._odd) and re.compile(self._odd, re.IGNORECASE).match(text, at, endpos) is not None


def _alternation(forms: set[str]) -> str:
    """``(?:FORM|...)\\b``, longest first as the trigger pattern wrote it; "" for none."""
    if not forms:
        return ""
    return "(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")\b"


_WORD_RUN = re.compile(r"\w+")
_ARTICLE = re.compile(r"\b(?:a|an)\s+", re.IGNORECASE)
_STEP = re.compile(r"[\w'’-]+\s+")


class Vocabulary:
    """Everything the claims and tallies stages look words up in."""

    def __init__(self, data: RuleData) -> None:
        units = data["units"]
        self.unit_forms = PhraseSet({form: name for name, u in units["units"].items() for form in u["forms"]})
        self.unit_parent: Mapping[str, str] = {
            name: u["parent"] for name, u in units["units"].items() if "parent" in u
        }
        self.place_nouns = frozenset(normalize(w) for w in units["places"]["nouns"])
        self.place_preps = frozenset(units["places"]["prepositions"])
        self.parallel_preps = frozenset(units["places"]["parallel_prepositions"])
        self.place_adjectives = frozenset(units["places"]["adjectives"])
        self.name_leads = PhraseSet(units["places"]["name_leads"])
        self.common_places = frozenset(units["places"]["common"])
        self.names_with_and = PhraseSet(units["places"]["names_with_and"])
        self.not_places = frozenset(units["names"]["not_places"])
        self.plural_names: dict[str, str] = dict(units["plural_names"])
        self.compass_names = frozenset(units["names"]["compass"])
        self.inside_names = frozenset(units["names"]["inside_names"])
        self.org_nouns = frozenset(units["names"]["org_nouns"])
        self.modifiers = frozenset(normalize(w) for w in units["modifiers"]["words"])
        self.compound_heads = frozenset(normalize(w) for w in units["modifiers"]["compound_heads"])
        self.fate_modifiers = frozenset(normalize(w) for w in units["modifiers"]["fates"])
        self.tally_heads = frozenset(units["modifiers"]["tally_heads"])
        self.compound_units = frozenset(units["modifiers"]["compound_units"])
        self.seat_compounds = frozenset(units["modifiers"]["seat_compounds"])
        self.chambers = frozenset(units["modifiers"]["chambers"])
        self.qualifiers = {normalize(w): cls for cls, words in units["qualifiers"].items() for w in words}

        cats = data["categories"]["sets"]
        self.category_sets: dict[str, CategorySet] = {}
        forms: dict[str, tuple[str, str]] = {}
        for name, spec in cats.items():
            members = tuple(spec.get("members", {}))
            covers = tuple(frozenset(c) for c in spec.get("covers", [members]))
            self.category_sets[name] = CategorySet(name, spec["unit"], bool(spec.get("complete")), members,
                                                   tuple(spec.get("events", ())), covers)
            for member, words in spec.get("members", {}).items():
                for w in words:
                    forms[w] = (name, member)
        self.category_forms = PhraseSet(forms)
        records = data["categories"]["records"]
        self.record_played = frozenset(records["played"])
        self.record_skip = frozenset(records["skip"])
        self.record_unplayed = PhraseSet(records["unplayed"])
        self.record_members = {w: member for member, words in records["members"].items() for w in words}

        syntax = data["syntax"]  # function words: where phrases, names, clauses and lists end
        self.np_stop = frozenset(syntax["noun_phrase"]["stop"])
        self.np_coordinators = frozenset(syntax["noun_phrase"]["coordinators"])
        self.np_skip_before = frozenset(syntax["noun_phrase"]["skip_before"])
        self.np_adverbs = frozenset(syntax["noun_phrase"]["adverbs"])
        self.clause_break = frozenset(syntax["noun_phrase"]["clause_break"])
        self.place_articles = frozenset(syntax["places"]["articles"])
        self.clause_openers = frozenset(syntax["places"]["clause_openers"])
        self.name_joiners = frozenset(syntax["places"]["name_joiners"])
        self.list_separators = frozenset(syntax["lists"]["separators"])
        self.new_clause = frozenset(syntax["lists"]["new_clause"])
        self.new_statement = frozenset(syntax["lists"]["new_statement"])
        self.item_verbs = PhraseSet(syntax["lists"]["item_verbs"])
        self.container_prepositions = frozenset(syntax["lists"]["container_prepositions"])
        self.other_time = frozenset(syntax["lists"]["other_time"])
        self.time_labels = frozenset(syntax["lists"]["time_labels"])
        self.copulas = frozenset(syntax["lists"]["copulas"])
        self.origin_verbs = frozenset(syntax["lists"]["origin_verbs"])
        self.share_separators = frozenset(syntax["shares"]["separators"])

        ev = data["events"]
        self.events_before = PhraseSet({p: e for e, ps in ev["before"].items() for p in ps})
        self.events_after = PhraseSet({p: e for e, ps in ev["after"].items() for p in ps})
        self.auxiliaries = frozenset(ev["auxiliaries"]["words"])
        self.subject_verbs = frozenset(ev["auxiliaries"].get("subject_verbs", ()))
        self.launch_event: str = ev["frames"]["launch"]
        self.outcome_events = frozenset(ev["frames"]["outcomes"])
        self.fate_events = frozenset(ev["frames"]["fates"])

        cues = data["cues"]
        self.total_before = PhraseSet(cues["total"]["before"])
        self.total_after = PhraseSet(cues["total"]["after"])
        self.closing = PhraseSet(cues["closing"]["phrases"])
        self.closing_verbs = frozenset(cues["closing"]["verbs"])
        self.running_scope = PhraseSet(cues["closing"]["running_scope"])
        self.complete_intro = PhraseSet(cues["complete"]["phrases"])
        self.breakdown_lead = PhraseSet(cues["complete"]["sentence_lead"])
        # longest first: "were made up of" before "were"
        self.complete_verbs = sorted((phrase_tokens(v) for v in cues["complete"]["verbs"]), key=len, reverse=True)
        self.group_pronouns = frozenset(cues["complete"]["pronouns"])
        self.whole_nouns = frozenset(cues["complete"]["whole_nouns"])
        self.partial_intro = PhraseSet(cues["partial"]["phrases"])
        self.others_after = frozenset(cues["partial"]["others_after"])
        self.ranking = PhraseSet(cues["partial"]["ranking"])
        self.vague_items = PhraseSet(cues["remainder"]["vague_items"])
        self.partial_after = PhraseSet(cues["partial"]["partial_after"])
        self.spread = PhraseSet(cues["partial"]["spread"])
        self.attribution_verbs = frozenset(cues["attribution"]["verbs"])
        self.nested_before = frozenset(cues["nested"]["before"])
        self.nested_enclosed = frozenset(cues["nested"]["enclosed"])
        self.nested_after = PhraseSet(cues["nested"]["after"])
        self.remainder = PhraseSet(cues["remainder"]["phrases"])
        self.others_item = frozenset(cues["remainder"]["others_item"])
        self.additive_before = PhraseSet(cues["additive"]["before"])
        self.additive_after = frozenset(cues["additive"]["after"])
        self.additive_openers = PhraseSet(cues["additive"]["openers"])
        self.distributive_after = frozenset(cues["distributive"]["after"])
        self.distributive_before = frozenset(cues["distributive"]["before"])
        self.distributive_per_place = frozenset(cues["distributive"]["per_place"])
        self.per_member = frozenset(cues["distributive"]["per_member"])
        self.respectively = PhraseSet(cues["respectively"]["phrases"])
        self.part_of_between = frozenset(tuple(p.split()) for p in cues["part_of_whole"]["between"])
        self.change_to = PhraseSet(cues["change"]["to"])
        self.flows = PhraseSet(cues["change"]["flows"])
        self.toll_subjects = PhraseSet(cues["change"]["subjects"])
        self.comparative_after = PhraseSet(cues["comparative"]["after"])
        self.not_superlatives = frozenset(cues["comparative"]["not_superlatives"])
        self.previous_before = PhraseSet(cues["comparative"]["previous_before"])
        self.previous_after = PhraseSet(cues["comparative"]["previous_after"])
        self.superseded_by = PhraseSet(cues["comparative"]["superseded_by"])
        self.margin_before = PhraseSet(cues["comparative"]["margin_before"])
        self.margin_after = PhraseSet(cues["comparative"]["margin_after"])
        self.margin_after_noun = PhraseSet(cues["comparative"]["margin_after_noun"])
        self.rate_links = PhraseSet(cues["comparative"]["rate_links"])
        self.margin_verbs = frozenset(cues["comparative"]["margin_verbs"])
        self.wordless_trigger = self._wordless_trigger(units, cues)
        shares = cues["shares"]
        self.share_change = frozenset(shares["change"])
        self.share_not_change = PhraseSet(shares["not_change"])
        self.share_progress = frozenset(shares["progress"])
        self.share_residual = PhraseSet(shares["residual"])
        self.share_whole = frozenset(shares["whole"])
        self.share_combined = PhraseSet(shares["combined"])
        self.restated_outcomes = tuple(cues["restated"]["outcomes"])

    @staticmethod
    def _wordless_trigger(units: Mapping, cues: Mapping) -> WordlessTrigger:
        """Words that make a count without a number: a remainder, "another", "single", or "a"/"an"
        a few words before a unit noun ("an unmanned aerial vehicle of the aircraft type")."""
        words = {w for p in cues["remainder"]["phrases"] for w in p.split() if w != "the"}
        words |= {"another", "single", "others"}
        # "In addition, a firefighter died": a sentence that adds an item to the list before it
        words |= {p for p in cues["additive"]["openers"] if " " in p or len(p) > 5}
        forms = {f.split()[0] for u in units["units"].values() for f in u["forms"]}
        return WordlessTrigger(words, forms)

    # ------------------------------------------------------------------ units
    def ancestors(self, unit: str) -> list[str]:
        out, seen = [], set()
        while unit in self.unit_parent and unit not in seen:
            seen.add(unit)
            unit = self.unit_parent[unit]
            out.append(unit)
        return out

    def is_parent(self, parent: str, child: str) -> bool:
        return parent in self.ancestors(child)


@cache
def vocab_for(extra_folders: tuple[str, ...] = ()) -> Vocabulary:
    return Vocabulary(load_rule_data(extra_folders))
