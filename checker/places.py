"""Read the places a count applies to: "over the Belgorod, Bryansk and Kursk regions",
"the regions of Oryol and Bryansk", "Voronezh Oblast (two UAVs)", "Sindh registered 28".

A place is a run of capitalised words (a name) with an optional place noun. Lists of
names are split at commas and "and", except inside names that hold an "and" ("Trinidad
and Tobago", "Peasants and Workers Party"). The number of places matters: a count over
several places without "each" is read both jointly and per place.
"""

from __future__ import annotations

from dataclasses import dataclass

from .tokens import Token
from .vocab import Vocabulary


@dataclass(slots=True, unsafe_hash=True)
class Place:
    # (Not a NamedTuple: compiled, one is made through an interpreted __new__. The __init__ is written out
    # for the same reason: the one dataclasses generates runs interpreted.)
    name: str
    start: int
    end: int

    def __init__(self, name: str, start: int, end: int) -> None:
        self.name = name
        self.start = start
        self.end = end


class PlaceReader:
    def __init__(self, vocab: Vocabulary) -> None:
        self.v = vocab

    # ------------------------------------------------------------------ names
    def is_name_token(self, tok: Token, sentence_initial: bool = False) -> bool:
        if tok.kind != "word" or not tok.text[:1].isupper():
            return False
        if tok.text in self.v.not_places or tok.text.rstrip("'s’") in self.v.not_places:
            return False
        return not (sentence_initial and tok.low in self.v.modifiers)

    def _name(self, toks: list[Token], j: int, end: int) -> int:
        """End index (exclusive) of the capitalised name starting at ``j``, or ``j``."""
        k = j
        while k < end:
            t = toks[k]
            if self.is_name_token(t, sentence_initial=(k == j and k > 0 and toks[k - 1].sentence != t.sentence)):
                k += 1
                continue
            if t.low in self.v.name_joiners and k > j and k + 1 < end and self.is_name_token(toks[k + 1]):
                k += 1
                continue
            if k == j and t.text in self.v.compass_names and k + 1 < end and self.is_name_token(toks[k + 1]):
                k += 1  # "Northern Ireland", "Western Cape": a compass word opening a name
                continue
            if t.text == "." and k > j and len(toks[k - 1].text) <= 2 and toks[k - 1].text[:1].isupper():
                k += 1  # initials: U.S.A.
                continue
            break
        return k

    def _skip_paren(self, toks: list[Token], k: int, end: int) -> int:
        """Skip "(K-P)", "(PoK)", "[of the Bryansk region]" after a name (no numbers inside)."""
        if k < end and toks[k].text in "([":
            close = ")" if toks[k].text == "(" else "]"
            m = k + 1
            while m < end and m - k < 8 and toks[m].text != close:
                if toks[m].kind == "num":
                    return k
                m += 1
            if m < end and toks[m].text == close:
                return m + 1
        return k

    def names_list(self, toks: list[Token], j: int, end: int) -> tuple[list[Place], int]:
        """Parse "the Kursk, Kaluga and Rostov regions" / "Belgorod region and Crimea" at ``j``.

        Returns the places and the index after the list (``j`` and [] when none).
        """
        places: list[Place] = []
        pending: list[tuple[int, int]] = []  # names waiting for a plural head noun
        k = j
        last_ok = j
        while k < end:
            if toks[k].low in self.v.place_articles:
                k += 1
            while k + 1 < end and toks[k].low in self.v.place_adjectives and toks[k + 1].text[:1].isupper() \
                    and (toks[k].text[:1].islower()
                         or (toks[k].text in self.v.not_places and toks[k].text not in self.v.compass_names)):
                k += 1  # "southern Sindh", "the northern Gilgit-Baltistan region" -- not "North Carolina",
                # "Northern Ireland"
            if k < end and toks[k].low in self.v.place_nouns and k + 1 < end and toks[k + 1].low == "of":
                if not toks[k].low.endswith("s") and k + 2 < end and self.is_name_token(toks[k + 2]):
                    # "the Sea of Azov", "the republic of Crimea": the noun is part of the name
                    name_end = self._name(toks, k + 2, end)
                    pending.append((k, name_end))
                    last_ok = name_end
                    nxt = self._next_item(toks, name_end, end)
                    if nxt is None:
                        break
                    k = nxt
                    continue
                # "the regions of Belgorod, Voronezh and Smolensk"
                k += 2
                continue
            with_and = self.v.names_with_and
            joined = with_and.match([t.low for t in toks[k : min(end, k + 8)]], 0) \
                if k < end and with_and.can_start(toks[k].low) else None
            name_end = k + joined[0] if joined else self._name(toks, k, end)
            if name_end == k and k + 1 < end and toks[k].text in self.v.not_places \
                    and toks[k + 1].low in self.v.place_nouns and not toks[k + 1].low.endswith("s"):
                name_end = k + 1  # "the Crimean peninsula", "the Chechen republic": an adjective names the place
            if name_end == k:
                break
            name_start = k
            k = self._skip_paren(toks, name_end, end)
            # keep "[of the Bryansk region]" with the name: it says where the place is
            bracketed = name_end < end and toks[name_end].text == "[" and k > name_end
            pending.append((name_start, k if bracketed else name_end))
            # singular head after "A and B": one name ("Peasants and Workers Party")
            if k < end and toks[k].low in self.v.place_nouns:
                head = toks[k]
                k += 1
                if head.low.endswith("s") and head.low not in ("mars",):
                    places.extend(self.span(toks, a, b) for a, b in pending)
                    pending.clear()
                else:
                    a, _ = pending[-1]
                    places.extend(self.span(toks, x, y) for x, y in pending[:-1])
                    after_head = self._skip_paren(toks, k, end)
                    bracketed = k < end and toks[k].text == "[" and after_head > k
                    places.append(self.span(toks, a, after_head if bracketed else k))
                    pending.clear()
                k = self._skip_paren(toks, k, end)
            last_ok = k
            nxt = self._next_item(toks, k, end)
            if nxt is None:
                break
            k = nxt
        places.extend(self.span(toks, a, b) for a, b in pending)
        places.sort(key=lambda p: p.start)
        if len(places) > 1 and last_ok < len(toks) and toks[last_ok].low in self.v.attribution_verbs:
            # "... in Goalpara and Nalbari, the ASDMA said": the last name is who said it
            cut = next((m for m in range(last_ok - 1, j - 1, -1) if toks[m].text == ","), None)
            if cut is not None and places[-2].end <= toks[cut].start < places[-1].start:
                places.pop()
                last_ok = cut
        return places, (last_ok if places else j)

    def _next_item(self, toks: list[Token], k: int, end: int) -> int | None:
        """Index of the next name after a list separator (", ", " and ", ", and "), or None."""
        k = self._skip_modifier(toks, k, end)
        if k < end and toks[k].text == "," and k + 1 < end and toks[k + 1].low == "and":
            k += 2
        elif k < end and (toks[k].text in (",", "&") or toks[k].low == "and"):
            k += 1
        else:
            return None
        return None if k < end and toks[k].kind == "num" else k

    def _skip_modifier(self, toks: list[Token], k: int, end: int) -> int:
        """Skip "on the border" in "the Kursk region on the border and the Rostov region"."""
        if k < end and toks[k].kind == "word" and (toks[k].low in self.v.place_preps
                                                    or toks[k].low in ("on", "along", "by")):
            m = k + 1
            while m < end and m - k <= 5 and toks[m].kind == "word" and toks[m].text[:1].islower() \
                    and toks[m].low != "and":
                m += 1
            if m + 1 < end and toks[m].low == "and" and (toks[m + 1].low == "the" or self.is_name_token(toks[m + 1])):
                return m
        return k

    @staticmethod
    def span(toks: list[Token], a: int, b: int) -> Place:
        """The place the tokens ``a`` to ``b`` name, whatever their case."""
        return Place(_join(toks[a:b]), toks[a].start, toks[b - 1].end)

    # ------------------------------------------------------------------ phrases
    def after(self, toks: list[Token], i: int, end: int) -> tuple[list[Place], int]:
        """First "over/above/in <names>" between ``i`` and ``end``: (places, index after)."""
        k = i
        while k < end:
            t = toks[k]
            if t.text in (";", ":") or (t.text == "," and (k + 1 >= end or toks[k + 1].low in self.v.clause_openers
                                                          or toks[k + 1].kind != "word"
                                                          or toks[k + 1].text[:1].isupper())):
                break  # "75 drones, with more than half of them downed above Rostov": another clause
            if t.low in self.v.place_preps and t.kind == "word":
                first = k + 2 if k + 1 < end and toks[k + 1].low == "both" else k + 1  # "over both Kursk and ..."
                places, stop = self.names_list(toks, first, end)
                if places:
                    return places, stop
                common = self.common_place(toks, k + 1, end)
                if common:
                    return common
            k += 1
        return [], i

    def common_place(self, toks: list[Token], k: int, end: int) -> tuple[list[Place], int] | None:
        """"in the capital", "in the north", "in the eastern province": a place without a name."""
        if k >= end or toks[k].low != "the":
            return None
        m = k + 1
        if m < end and toks[m].low in self.v.common_places:
            return [self.span(toks, k, m + 1)], m + 1
        if m + 1 < end and toks[m].low in self.v.place_adjectives and toks[m + 1].low in self.v.place_nouns \
                and not toks[m + 1].low.endswith("s"):
            return [self.span(toks, k, m + 2)], m + 2
        return None

    def before(self, toks: list[Token], clause_start: int, i: int) -> tuple[list[Place], bool]:
        """A fronted place phrase or a subject name between the clause start and ``i``.

        Returns the places and whether they are only a guess: a capitalised word opening a sentence
        may be a name ("Punjab has logged 164 deaths") or not ("Firefighters rescued 25 people").
        """
        k = clause_start
        if k + 1 < i and toks[k].low == "the" and k > 0 and toks[k - 1].text in (":", ";"):
            k += 1  # a list's first item: "61 seats: the Conservatives won 30, Labour 19 and ..."
        # subject: "Punjab has logged 164 deaths", "Sindh registered 28 fatalities"
        if k < i and self.is_name_token(toks[k], sentence_initial=True):
            places, stop = self.names_list(toks, k, i)
            if places and stop < i and self._verb_like(toks[stop]):
                opens_sentence = k == 0 or toks[k - 1].sentence != toks[k].sentence
                followed_by_name = k + 1 < len(toks) and (toks[k + 1].text == "(" or toks[k + 1].capitalized)
                named_place = toks[stop - 1].low in self.v.place_nouns  # "Lusaka province accounts for ..."
                certain = not opens_sentence or "-" in toks[k].text or followed_by_name or named_place
                return places, not certain
        while k < i:
            t = toks[k]
            if t.low in self.v.place_preps and t.kind == "word":
                places, _ = self.names_list(toks, k + 1, i)
                if places:
                    return places, False
            k += 1
        return [], False

    def the_subject(self, toks: list[Token], clause_start: int, i: int) -> list[Place]:
        """"The Democratic Alliance took 91 seats": a name after a sentence-opening "The" and before a
        verb. Whose count it is, never a place for certain (the Pentagon, the Greens, the Red Cross)."""
        k = clause_start
        if not (k + 1 < i and toks[k].low == "the" and (k == 0 or toks[k - 1].sentence != toks[k].sentence)):
            return []
        if not self.is_name_token(toks[k + 1]):
            return []
        places, stop = self.names_list(toks, k + 1, i)
        return places if places and stop < i and self._verb_like(toks[stop]) else []

    def _verb_like(self, tok: Token) -> bool:
        """A finite verb after a subject: "Punjab has", "Sindh registered", "Islamabad reported"."""
        w = tok.low
        return tok.kind == "word" and tok.text[:1].islower() and (
            w in self.v.auxiliaries or (w.endswith("ed") and len(w) > 4) or w in self.v.subject_verbs)

    def names_before(self, toks: list[Token], idx: int, floor: int) -> list[Place]:
        """The whole name list ending just before ``idx``, for a count over all of them: "... (two) and
        the Oryol and Tula regions (three each)", "..., four in Faisalabad, and Sialkot and Gujranwala
        with six each". Names after a place preposition belong to the item before."""
        k = idx - 1
        while k >= floor and idx - k <= 12 and (self.is_name_token(toks[k]) or toks[k].low in self.v.place_nouns
                                                  or toks[k].low in (",", "and", "the")):
            k -= 1
        start = k + 1
        if k >= floor and toks[k].low in self.v.place_preps and k > floor and toks[k - 1].kind in ("num", "other"):
            while start < idx and (self.is_name_token(toks[start]) or toks[start].low in self.v.place_nouns):
                start += 1  # "four in Faisalabad": another item's place (not "and in Sumy and Dnipro one each")
        while start < idx and toks[start].low in (",", "and", "the"):
            start += 1
        places, stop = self.names_list(toks, start, idx)
        return places if stop == idx else []

    def name_before(self, toks: list[Token], i: int, floor: int) -> list[Place]:
        """A name right before ``i`` ("Balochistan 20", "Voronezh Oblast (two UAVs)", "Kursk — 3")."""
        k = i - 1
        if k >= floor and toks[k].text in ("(", "–", "—", "-", ":", "at", "on", "with", "for"):
            k -= 1
            if toks[k + 1].text == "with" and k >= floor and toks[k].text == ",":
                k -= 1  # "Nanded, with 612, Latur, with 401"
        # skip a parenthesised abbreviation "(PoK)"
        if k >= floor and toks[k].text == ")":
            m = k - 1
            while m >= floor and toks[m].text != "(" and k - m < 6:
                m -= 1
            if m >= floor and toks[m].text == "(":
                k = m - 1
        end = k + 1
        while k >= floor and (self.is_name_token(toks[k])
                              or ((toks[k].low in self.v.place_nouns or toks[k].low in self.v.org_nouns)
                                  and k == end - 1)
                              or (toks[k].text in self.v.inside_names and k < end - 1
                                  and self.is_name_token(toks[k + 1]))  # "the European Front 18"
                              or (toks[k].text in self.v.compass_names and k == end - 2
                                  and toks[end - 1].low in self.v.place_nouns
                                  and not toks[end - 1].low.endswith("s"))  # "Southern province 145"
                              or (toks[k].text == "." and k > floor and len(toks[k - 1].text) <= 2)):
            k -= 1
        start = k + 1
        if start >= end:
            return []
        if toks[start].low in self.v.place_nouns or toks[start].low in self.v.org_nouns:
            return []
        # a sentence-initial common word is not a name ("Seven", "The")
        if start == floor and toks[start].low in self.v.modifiers:
            return []
        return [Place(_join(toks[start:end]), toks[start].start, toks[end - 1].end)]


def _join(toks: list[Token]) -> str:
    """Tokens back to readable text: "Surazhsky district [of the Bryansk region]", "U.S.A."."""
    out = ""
    for t in toks:
        if out and not out.endswith(("(", "[", "-")) and t.text not in (")", "]", ".", ",", "-"):
            out += " "
        out += t.text
    return out
