"""Find the numbers in a text and say what each one is.

The grammar (pyparsing, built from ``rules/numbers.toml``)::

    digits      ::= /\\d{1,3}(,\\d{3})+(\\.\\d+)?/ | /\\d+(\\.\\d+)?/
    under_100   ::= tens ["-"] units | teens | units | tens
    under_1000  ::= (under_100 | "a") "hundred" [["and"] under_100] | under_100
    word_int    ::= under_1000 [scale [[","] ["and"] under_1000]]...
    scaled      ::= digits ["-"] scale ["-" digits] | digits suffix | word_int
    dozen       ::= [under_100] "dozen" | fixed phrase ("a dozen", "a couple of")
    vague       ::= "dozens" | "hundreds" | ...            (followed by "of")
    quantity    ::= vague | dozen | scaled
    range       ::= quantity ("to" | "-" | "or") quantity | "between" quantity "and" quantity
    mention     ::= [hedge] (range | quantity) [percent]  |  ordinal

Every match becomes a :class:`NumberMention` whose value is an interval (hedges,
written precision and ranges widen it). Context then classifies it: only ``count``
and ``percent`` mentions are claims; years, dates, times, ages, durations,
measurements, money, model names (Su-34, COVID-19), designations (Article 5),
scores (3-1) and compound modifiers (a 150-seat parliament) are kept with their kind
so that tests and debugging can see why they were left out.

Scanning is linear: a regex finds candidate starts; the grammar runs only there.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import cache, cached_property, partial
from typing import Any, Final

import pyparsing as pp

from .intervals import INF, Exact, Interval
from .lexicon import RuleData, RulesError, load_rule_data

COUNT = "count"
PERCENT = "percent"


@dataclass(slots=True, unsafe_hash=True)
class NumberMention:
    """One number as written: where it is, what it is, and the values it allows."""

    # (Not a NamedTuple: compiled, one is made through an interpreted __new__. The __init__ is written out
    # for the same reason: the one dataclasses generates runs interpreted.)
    start: int
    end: int
    text: str
    kind: str  # count | percent | ordinal | year | date | time | age | duration | measure | money | ...
    stated: Exact
    value: Interval
    hedge: str | None = None
    is_range: bool = False
    written_as_word: bool = False

    def __init__(self, start: int, end: int, text: str, kind: str, stated: Exact, value: Interval,
                 hedge: str | None = None, is_range: bool = False, written_as_word: bool = False) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.kind = kind
        self.stated = stated
        self.value = value
        self.hedge = hedge
        self.is_range = is_range
        self.written_as_word = written_as_word

    @property
    def is_claim(self) -> bool:
        return self.kind in (COUNT, PERCENT)

    def moved(self, by: int) -> NumberMention:
        """The same mention ``by`` characters further on (read in a part of the text, placed in all of it)."""
        return NumberMention(self.start + by, self.end + by, self.text, self.kind, self.stated, self.value, self.hedge,
                             self.is_range, self.written_as_word)


class _Num:
    """Grammar-internal value: stated number and its interval. (A class, not a NamedTuple: compiled, a
    NamedTuple is made through an interpreted ``__new__``, and every number read makes one.)"""

    __slots__ = ("high", "low", "stated", "vague", "word")

    def __init__(self, stated: Exact, low: Exact | float, high: Exact | float, word: bool = False,
                 vague: bool = False) -> None:
        self.stated = stated
        self.low = low
        self.high = high
        self.word = word
        self.vague = vague

    @classmethod
    def exact(cls, value: Exact, word: bool = False) -> _Num:
        return cls(value, value, value, word=word)

    def __repr__(self) -> str:
        return f"_Num({self.stated!r}, {self.low!r}, {self.high!r}, word={self.word}, vague={self.vague})"


def _exact(value: int | float | str) -> Exact:
    """A number from the rules as an int when it is whole (most are), else a Fraction: ints compare and
    add in C, Fractions in Python."""
    f = Fraction(value)
    return f.numerator if f.denominator == 1 else f


def _precision(text: str, scale: int) -> Fraction:
    """Half a unit of the last written digit, for scaled decimals ("1.2 million")."""
    if "." not in text:
        return Fraction(0)
    decimals = len(text.split(".", 1)[1])
    return Fraction(scale, 2 * 10**decimals)


class _Parsed:
    """What the grammar read at a candidate: an ordinal, or a hedge, a number and a percent sign."""

    __slots__ = ("hedge", "num", "ordinal", "percent")

    def __init__(self, ordinal: bool, hedge: str | None = None, num: Any = None, percent: bool = False) -> None:
        self.ordinal = ordinal
        self.hedge = hedge
        self.num = num
        self.percent = percent

    def __repr__(self) -> str:
        return f"_Parsed({self.ordinal}, {self.hedge!r}, {self.num!r}, {self.percent})"


_ORDINAL = _Parsed(True)


class _Miss(enum.Enum):
    MISS = "miss"


_MISS: Final = _Miss.MISS  # no number starts at the candidate
_Found = tuple[int, int, _Parsed]  # start and end in the snippet, what was read


class NumberGrammar:
    """The compiled grammar plus the classifier's word lists; built once per rule set."""

    def __init__(self, data: RuleData) -> None:
        nums = data["numbers"]
        ctx = data["context"]
        self._hedge_kinds = {kind: dict(spec) for kind, spec in nums["hedge_kinds"].items()}
        # each kind's factors, parsed once rather than from their text at every hedged number; whole ones
        # as ints, as whole numbers are ("more than 30" is then int arithmetic), the rest as fractions
        self._hedge_rel = {kind: (_exact(str(spec.get("low_rel", 1.0))), _exact(str(spec.get("high_rel", 1.0))))
                           for kind, spec in self._hedge_kinds.items()}
        self._build_grammar(nums)
        self._months = frozenset(ctx["dates"]["months"])
        self._ambiguous_months = frozenset(ctx["dates"]["ambiguous_months"])
        self._day_range_month = re.compile(r"\s*[-–]\s*\d{1,2}\s+(?:" + "|".join(self._months) + r")\b")
        self._year_lo, self._year_hi = ctx["dates"]["year_range"]
        self._year_words = frozenset(ctx["dates"]["year_words"])
        self._time_markers = tuple(sorted(ctx["times"]["markers"], key=len, reverse=True))
        self._age_after = tuple(sorted(ctx["ages"]["after"], key=len, reverse=True))
        self._age_after_dash = tuple(a for a in self._age_after if a.startswith("-"))
        self._age_after_words = tuple(a for a in self._age_after if not a.startswith("-"))
        self._age_before = frozenset(ctx["ages"]["before"])
        self._age_superlatives = frozenset(ctx["ages"]["superlatives"])
        self._age_links = frozenset(ctx["ages"]["superlative_links"])
        self._age_after_links = frozenset(ctx["ages"]["links"])
        self._age_item_after = frozenset(ctx["ages"]["item_after"])
        self._age_open_after = tuple(ctx["ages"]["open_after"])
        self._age_link_hedges = frozenset(ctx["ages"]["link_hedges"])
        self._age_groups = frozenset(ctx["ages"]["groups"])
        self._durations = frozenset(ctx["durations"]["units"])
        self._measures = frozenset(ctx["measures"]["units"])
        self._currency = tuple(ctx["measures"]["currency_signs"])
        self._designators = frozenset(ctx["designators"]["words"])
        self._lower_designators = frozenset(ctx["designators"]["lowercase"])
        self._plurals_without_s = frozenset(ctx["designators"]["plurals_without_s"])
        words = (
            list(nums["words"]["units"]) + list(nums["words"]["teens"]) + list(nums["words"]["tens"])
            + list(nums["words"]["scales"]) + list(nums["words"]["dozen"]) + list(nums["vague"])
            + list(nums["ordinals"]["words"]) + list(nums["hedges"])
            + [p.split()[0] for p in nums["words"]["phrases"]] + ["between", "half"]
        )
        firsts = sorted({w.split()[0].lower() for w in words}, key=len, reverse=True)
        alternation = "|".join(re.escape(w) for w in firsts)
        # Where a number may start. Compiled only when needed (re caches it): with plain ASCII first
        # words, every letter run is looked up in a set instead (see _candidate_spans), and the
        # word pattern is only for a run with other letters.
        self._candidates = rf"\d+|(?<![^\W\d_])(?:{alternation})(?![^\W\d_])"
        plain = all(w.isascii() and _LETTERS.fullmatch(w) for w in firsts)
        self._first_words = frozenset(firsts) if plain else None
        self._first_word = f"(?:{alternation})"

    # ------------------------------------------------------------------ grammar
    def _build_grammar(self, nums: Mapping[str, Any]) -> None:
        def word_map(table: Mapping[str, int]) -> pp.ParserElement:
            lookup = {k.lower(): _exact(v) for k, v in table.items()}
            expr = pp.one_of(sorted(lookup, key=len, reverse=True), caseless=True, as_keyword=True)
            return expr.set_parse_action(lambda t: lookup[t[0].lower()])

        w = nums["words"]
        units = word_map(w["units"]).set_name("unit word")
        teens = word_map(w["teens"]).set_name("teen word")
        tens = word_map(w["tens"]).set_name("tens word")
        scale_table = {k: v for k, v in w["scales"].items() if k != "hundred"}
        scale = word_map(scale_table).set_name("scale word")
        hundred = pp.CaselessKeyword("hundred")
        dash = pp.Literal("-") | pp.Literal("‐")
        and_ = pp.CaselessKeyword("and")
        a_ = pp.CaselessKeyword("a") | pp.CaselessKeyword("one")

        compound = (tens + pp.Opt(dash).suppress() + units).set_parse_action(lambda t: t[0] + t[1])
        under_100 = (compound | teens | tens | units).set_name("1-99")
        hundreds = (
            (under_100 | a_.copy().set_parse_action(lambda: Fraction(1)))
            + hundred.suppress()
            + pp.Opt(pp.Opt(and_).suppress() + under_100)
        ).set_parse_action(lambda t: t[0] * 100 + (t[1] if len(t) > 1 else 0))
        under_1000 = (hundreds | under_100).set_name("1-999")
        scaled_group = (under_1000 + pp.Opt(dash).suppress() + scale).set_parse_action(lambda t: t[0] * t[1])
        joiner = pp.Opt(pp.Literal(",")).suppress() + pp.Opt(and_).suppress()
        # "thirty-five thousand four hundred and eighteen": scaled groups, then a tail
        word_int = (
            (pp.OneOrMore(scaled_group + joiner) + pp.Opt(under_1000)).set_parse_action(lambda t: sum(t, Fraction(0)))
            | under_1000
        ).set_name("number in words")

        digits = pp.Regex(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d])|\d+(?:\.\d+)?(?!\d)").set_name("digits")
        suffixes = {k.lower(): v for k, v in w["suffixes"].items()}
        suffixed = pp.Regex(
            r"(\d+(?:\.\d+)?)(" + "|".join(map(re.escape, suffixes)) + r")(?![^\W_])", re.IGNORECASE
        ).set_parse_action(lambda t: self._digits_value(t[0][: -len(self._suffix_of(t[0], suffixes))],
                                                        suffixes[self._suffix_of(t[0], suffixes).lower()]))
        scale_all = word_map(w["scales"])
        scale_tail = pp.Regex(r"\d{1,3}(?!\d)")
        digits_scaled = (
            digits + pp.Opt(pp.Opt(dash) + scale_all + pp.Opt(dash.suppress() + scale_tail))
        ).set_parse_action(self._digits_scaled)

        dozen_word = word_map(w["dozen"])
        multiplier = under_100 | digits.copy().set_parse_action(lambda t: Fraction(t[0].replace(",", "")))
        dozen = (pp.Opt(multiplier) + dozen_word).set_parse_action(
            lambda t: _Num.exact(t[0] * t[1] if len(t) > 1 else t[0], word=True)
        )
        phrases = {k.lower(): _exact(v) for k, v in w["phrases"].items()}
        phrase = pp.one_of(sorted(phrases, key=len, reverse=True), caseless=True, as_keyword=True)
        phrase.set_parse_action(lambda t: _Num.exact(phrases[t[0].lower()], word=True))
        vague_values = {k.lower(): _Num(_exact(low), _exact(low), _exact(high), word=True, vague=True)
                        for k, (low, high) in nums["vague"].items()}
        vague_word = pp.one_of(sorted(vague_values, key=len, reverse=True), caseless=True, as_keyword=True)
        of = pp.CaselessKeyword("of")
        vague = (vague_word + pp.FollowedBy(of)).set_parse_action(lambda t: vague_values[t[0].lower()])
        words_num = word_int.copy().add_parse_action(lambda t: _Num.exact(t[0], word=True))
        quantity = (vague | phrase | dozen | suffixed | digits_scaled | words_num).set_name("quantity")

        range_infix = pp.one_of(nums["ranges"]["infix"], caseless=True)
        range_ = (quantity + range_infix.suppress() + quantity).set_parse_action(self._range)
        between = (pp.CaselessKeyword("between").suppress() + quantity + and_.suppress() + quantity
                   ).set_parse_action(self._range)
        percent = pp.one_of(nums["percent"]["markers"], caseless=True)
        hedges = {k.lower(): v for k, v in nums["hedges"].items()}
        unknown = sorted({v for v in hedges.values() if v not in self._hedge_kinds})
        if unknown:
            raise RulesError(f"numbers.toml: hedges name undefined hedge_kinds: {', '.join(unknown)}")
        hedge = pp.one_of(sorted(hedges, key=len, reverse=True), caseless=True, as_keyword=True)
        hedge.set_parse_action(lambda t: t[0].lower())
        self._hedges = hedges
        self._hedge_particles = {h.lower(): frozenset(verbs) for h, verbs in nums["hedge_particles"].items()}

        ordinal_words = pp.one_of(nums["ordinals"]["words"], caseless=True, as_keyword=True)
        ordinal_tens = (tens + dash + ordinal_words)  # "twenty-first"
        suffix_alt = "|".join(nums["ordinals"]["suffixes"])
        ordinal_digits = pp.Regex(rf"\d+(?:{suffix_alt})(?![^\W\d_])", re.IGNORECASE)
        ordinal = (ordinal_digits | ordinal_tens | ordinal_words)
        ordinal = ordinal.set_parse_action(lambda: "ordinal")

        dash_infix = pp.one_of(["-", "–", "—"])
        self._quick = _Shortcuts(
            ordinal_digits=ordinal_digits, tens=tens, tens_words=w["tens"], ordinal_words=ordinal_words,
            ordinal_word_list=nums["ordinals"]["words"], hedge=hedge, hedges=hedges,
            between=pp.CaselessKeyword("between"), and_=and_, vague=vague_word, vague_values=vague_values, of=of,
            phrase=phrase, dozen_word=dozen_word,
            word_tables=((teens, w["teens"]), (tens, w["tens"]), (units, w["units"])), units=units, a_=a_,
            hundred=hundred, digits=digits, suffixed=suffixed, dash=dash, scale_all=scale_all,
            scales=w["scales"], scale_tail=scale_tail, vague_words=nums["vague"], phrases=w["phrases"],
            dozen_words=w["dozen"],
            infixes=(range_infix, dash_infix), range_words=nums["ranges"]["infix"], percent=percent,
            percent_markers=nums["percent"]["markers"],
            suffix_words=[*w["suffixes"], *nums["ordinals"]["suffixes"]],
        )

        def named(expr: pp.ParserElement, name: str) -> pp.ParserElement:
            """``expr(name)`` copies the whole tree under expr; naming a Forward to it copies one node."""
            forward = pp.Forward()
            forward <<= expr
            return forward(name)

        def build(core: pp.ParserElement) -> pp.ParserElement:
            mention = named(pp.Opt(hedge), "hedge") + named(core, "num") + named(pp.Opt(percent), "percent")
            grammar = pp.Located(ordinal | mention)
            grammar.parse_with_tabs()  # offsets must not shift at tabs
            return grammar

        self.grammar = build(between | range_ | quantity)

        def after_from() -> pp.ParserElement:
            """After "from", "30 to 36" is a change ("climbed from 30 to 36"), not a range."""
            dash_range = (quantity + dash_infix.suppress() + quantity).set_parse_action(self._range)
            return build(between | dash_range | quantity)

        self._build_after_from = after_from

    @cached_property
    def grammar_after_from(self) -> pp.ParserElement:
        """Built the first time a number after "from" needs the grammar: most texts never ask."""
        return self._build_after_from()

    @staticmethod
    def _suffix_of(text: str, suffixes: Mapping[str, int]) -> str:
        low = text.lower()
        for s in sorted(suffixes, key=len, reverse=True):
            if low.endswith(s):
                return text[-len(s):]
        return ""

    @staticmethod
    def _digits_value(text: str, scale: int = 1) -> _Num:
        plain = text.replace(",", "")
        if scale == 1 and plain.isdecimal():  # the common case: a whole number, an int
            n = int(plain)
            return _Num(n, n, n)
        v = Fraction(plain) * scale
        p = _precision(text, scale) if scale > 1 else Fraction(0)
        return _Num(v, v - p, v + p)

    def _digits_scaled(self, t: pp.ParseResults) -> _Num:
        text = t[0]
        if len(t) == 1:
            return self._digits_value(text)
        rest = [x for x in t[1:] if x not in ("-", "‐")]
        return self._scaled_value(text, int(rest[0]), rest[1] if len(rest) > 1 else None)

    @classmethod
    def _scaled_value(cls, text: str, scale: int, tail: str | None) -> _Num:
        """"1.2 million", "35-thousand-418": digits times a scale, plus what follows it."""
        num = cls._digits_value(text, scale)
        if tail is not None:  # "35-thousand-418"
            extra = Fraction(tail)
            return _Num(num.stated + extra, num.low + extra, num.high + extra)
        return num

    @staticmethod
    def _range(t: pp.ParseResults) -> _Num:
        a, b = t[0], t[1]
        if not (a.stated < b.stated):
            raise pp.ParseException("", 0, "not a rising range")
        return _Num(a.stated, a.low, b.high, word=a.word and b.word)

    # ------------------------------------------------------------------ scanning
    def scan(self, text: str, *, shortcuts: bool = True) -> list[NumberMention]:
        """Every number in ``text``, in order, each classified.

        ``shortcuts=False`` runs the grammar at every candidate (the reference the
        shortcuts are tested against; the results are the same, only slower).
        """
        out: list[NumberMention] = []
        pos = 0
        quick = self._quick if shortcuts else None
        for start, cand_end in self._candidate_spans(text):
            if start < pos:
                continue
            if start > 0 and text[start].isdigit() and text[start - 1].isdigit():
                pos = start + 1  # the middle of a digit run a failed parse left behind
                continue
            snippet = text[start : start + 96]
            found = quick(snippet, partial(_follows_from, text, start)) if quick is not None else None
            if found is None:
                found = self._parse(snippet, _follows_from(text, start))
            if found is _MISS:
                pos = cand_end
                continue
            loc_start, loc_end, parsed = found
            mention = self._make_mention(text, start + loc_start, start + loc_end, parsed)
            day = _dateline_day(text, mention) if mention is not None and mention.kind == "date" else None
            if mention is not None and day is not None:
                mention = NumberMention(mention.start, mention.start + len(day.group(1)), day.group(1), "date",
                                        int(day.group(1)), Interval.exact(int(day.group(1))))
                out.append(mention)
                pos = mention.start + day.end()
                continue
            if mention is not None:
                out.append(mention)
                pos = mention.end
            else:
                pos = cand_end
        return out

    def _candidate_spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Where a number may start, in order: each run of digits, and each whole letter run that is
        a number's first word. (A parse that fails at a run's first digit fails at the rest of it.)"""
        words = self._first_words
        if words is None:
            for m in re.finditer(self._candidates, text, re.IGNORECASE):
                yield m.span()
        elif text.isascii():
            yield from _ascii_candidate_spans(text, words)
        elif _NON_ASCII_WORD_CHARACTER.search(text) is None:
            # its other characters are curly quotes, dashes, spaces: between runs, as a "?" is
            yield from _ascii_candidate_spans(text.encode("ascii", "replace").decode("ascii"), words)
        else:
            yield from _run_candidate_spans(text, words, self._first_word)

    def _parse(self, snippet: str, after_from: bool) -> _Found | _Miss:
        """Run the grammar at the start of ``snippet``: (start, end, what it read), or _MISS."""
        try:
            res = (self.grammar_after_from if after_from else self.grammar).parse_string(snippet)
        except pp.ParseException:
            return _MISS
        except KeyError:
            return _MISS  # "fırst", "ſeven": a word only Unicode case folding matches to a number word is none
        loc_start, body, loc_end = res[0], res[1], res[2]
        if body and body[0] == "ordinal":
            return loc_start, loc_end, _ORDINAL
        hedge = body.get("hedge")
        hedge = hedge[0] if isinstance(hedge, pp.ParseResults) else hedge
        num = body.get("num")
        num = num[0] if isinstance(num, pp.ParseResults) else num
        return loc_start, loc_end, _Parsed(False, hedge, num, bool(body.get("percent")))

    def _make_mention(self, text: str, s: int, e: int, parsed: _Parsed) -> NumberMention | None:
        # strip trailing whitespace the grammar may have consumed
        while e > s and text[e - 1].isspace():
            e -= 1
        raw = text[s:e]
        if parsed.ordinal:
            digits = _DIGIT_RUN.match(raw)
            value = int(digits.group(0)) if digits else 0
            return NumberMention(s, e, raw, "ordinal", value, Interval.exact(value))
        hedge, num, is_percent = parsed.hedge, parsed.num, parsed.percent
        if not isinstance(num, _Num):
            return None
        if hedge and self._is_particle(text, s, hedge):  # "handed over 103 prisoners": exact
            k = len(hedge)
            while k < len(raw) and raw[k].isspace():
                k += 1
            s, raw, hedge = s + k, raw[k:], None
        low, high = num.low, num.high
        exact = low is high or low == high  # (a plain number's bounds are one object: no Fraction comparison)
        if is_percent and exact and not num.vague:
            # written precision: "33%" is 32.5-33.5, "61.6%" is 61.55-61.65
            digits_part = _DECIMALS.search(raw)
            decimals = len(digits_part.group(1)) if digits_part and digits_part.group(1) else 0
            half = Fraction(1, 2 * 10**decimals)
            low, high = num.stated - half, num.stated + half
        if hedge:
            low, high = self._apply_hedge(hedge, num.stated, low, high)
        bounds = Interval(low, high)
        kind = PERCENT if is_percent else COUNT
        is_range = not num.vague and not exact and ("between" in raw.lower() or _looks_like_range(raw))
        mention = NumberMention(s, e, raw, kind, num.stated, bounds, hedge, is_range, num.word)
        return self._classify(text, mention)

    def _is_particle(self, text: str, s: int, hedge: str) -> bool:
        """Is the hedge word the particle of the verb just before it ("handed over", "took over")?"""
        verbs = self._hedge_particles.get(hedge.lower())
        if not verbs:
            return False
        before = _WORDS.findall(text[max(0, s - 24) : s])
        return bool(before) and before[-1].lower() in verbs

    def _apply_hedge(self, hedge: str, stated: Exact, low: Any, high: Any) -> tuple[Any, Any]:
        kind = self._hedges[hedge]
        spec = self._hedge_kinds[kind]
        low_rel, high_rel = self._hedge_rel[kind]
        new_low = low * low_rel + spec.get("low_abs", 0)
        if spec.get("high") == "inf":
            new_high: Any = INF
        else:
            new_high = high * high_rel + spec.get("high_abs", 0)
        return max(0, new_low), max(new_low, new_high)

    # ------------------------------------------------------------------ context
    def _classify(self, text: str, m: NumberMention) -> NumberMention:
        kind = self._context_kind(text, m)
        if kind is None:
            return m
        return NumberMention(m.start, m.end, m.text, kind, m.stated, m.value, m.hedge, m.is_range,
                             m.written_as_word)

    def _context_kind(self, text: str, m: NumberMention) -> str | None:
        """The kind context gives a number, or None when it stays a count or percent."""
        s, e = m.start, m.end
        before, after = text[max(0, s - 40) : s], text[e : e + 40]
        after_l = after.lower()
        stripped = after_l.lstrip()
        num_start = s + _first_digit_or_word(m.text)
        digits = not m.written_as_word
        prev_words = (_ASCII_WORDS if before.isascii() else _WORDS).findall(before)[-4:]
        prev_l = [w.lower() for w in prev_words]
        next_match = _NEXT_WORD.match(after)
        nw = next_match.group(1).lower() if next_match else ""

        if digits:
            kind = self._glued_kind(text, num_start, e, after_l, m)
            if kind:
                return kind
        for marker in self._time_markers if stripped.startswith(self._time_markers) else ():
            if stripped.startswith(marker) and not _alpha_at(stripped, len(marker)):
                if marker == "h" and not after.startswith(("h", " h")):
                    continue
                return "time"
        if after_l.startswith(self._age_after_dash) or stripped.startswith(self._age_after_words) \
                or (after_l[:1] in ("-", "‐") and _SUSPENDED_AGE.match(after_l)):
            return "age"  # (and "18- to 24-year-olds", "16- and 17-year-olds")
        if prev_l and (prev_l[-1] in self._age_before
                       or (prev_l[-1] in ("from", "between") and set(prev_l[:-1]) & self._age_before)) \
                and not _DIGIT.search(before[before.lower().rfind(prev_l[-1]) :]):  # (a number between them)
            return "age"  # "aged 14", "ranged in age from 14", "whose ages ranged from 14" (not "aged 5-64, 903")
        if prev_l and (prev_l[-1] in self._age_superlatives or (
                len(prev_l) > 1 and prev_l[-1] in self._age_links and prev_l[-2] in self._age_superlatives)) \
                and not _count_like(nw):
            return "age"  # "the youngest was 16", "the oldest 85"
        if m.hedge is not None and m.hedge.lower() in self._age_link_hedges and prev_l \
                and prev_l[-1] in self._age_after_links and not _count_like(nw) and nw not in self._age_link_hedges:
            return "age"  # "eight are under 18", "15 were over 50"
        if m.hedge is not None and m.hedge.lower() in self._age_link_hedges and prev_l \
                and prev_l[-1] in self._age_groups and not _count_like(nw) and nw not in self._age_link_hedges:
            return "age"  # "children under 15 account for 68%", "people over 65"
        if prev_l and prev_l[-1] in self._age_groups and m.hedge is None and stripped.startswith(self._age_open_after):
            return "age"  # "those 25 and over", "people 65 or older"
        # (the cheap tests first: a comma after the number, then its value, then the patterns)
        if digits and m.hedge is None and after.startswith(", ") and _alpha_at(after, 2) and m.value.high <= 120 \
                and not _count_like(nw) and _NAME_COMMA_END.search(before):
            return "age"  # "Israel's Eden Golan, 20, finished fifth": a name's age, set off by commas
        if digits and m.hedge is None and after.startswith(", ") and m.value.high <= 120 \
                and _SURNAME_COMMA_END.search(before) and (verb := _AGE_THEN_VERB.match(after)) \
                and verb.group(1) not in ("and", "or", "nor"):
            return "age"  # "and Albon, 28, retired with a gearbox fault": a surname's age, then its verb
        if after[:1] in "-‐" and _alpha_at(after, 1):  # "150-seat", "two-story", "three-hour"
            word = _WORDS.match(after, 1)
            return "duration" if word and word.group(0).lower() in self._durations else "compound"
        if nw in self._durations:
            return "duration"
        if nw in self._measures and m.kind != PERCENT:
            return "measure"
        if before.rstrip().endswith(self._currency):
            return "money"
        if digits and self._is_date(before, after_l, prev_words, nw, m):
            return "date"
        if digits and self._is_year(m, prev_l, before, nw):
            return "year"
        if digits and m.is_range and len(_FOUR_DIGIT_RUNS.findall(m.text)) == 2 \
                and self._year_lo <= m.value.low and m.value.high <= self._year_hi:
            return "year"  # "between 2019 and 2022", "2019-2022": a span of years
        if digits and prev_words and prev_l[-1] in self._designators and not (
                len(prev_words[-1]) > 1 and prev_words[-1].isupper()) and (  # "ACT 11": a party, not "Act 11"
                prev_words[-1][0].isupper() or prev_l[-1] in self._lower_designators) and (
                _LETTER_SPACE_END.search(before) or _NUMBER_ABBREVIATION_END.search(before.lower())):
            return "designation"
        if digits and not m.hedge and nw.islower() and (nw.endswith("s") or nw in self._plurals_without_s) \
                and _COUNT_THEN_NAME_END.search(before):
            return "designation"  # "150 Boeing 737 MAX 10 jets", "14 Leopard 2 tanks": a model's name
        if digits and not m.hedge and not m.is_range and after[:1] == " " and after[1:2].isdecimal() \
                and _CAPITAL_WORD_END.search(before):
            return "designation"  # "the liberal Eesti 200 14": a name's number, then the count
        if digits and not m.is_range and after[:1] == " " and "A" <= after[1:2] <= "Z" and _MODEL_SUFFIX.match(after):
            return "designation"  # "some 737 MAX 9 jets": a model's name, its variant after a capitalised word
        return None

    def _glued_kind(self, text: str, num_start: int, e: int, after_l: str, m: NumberMention) -> str | None:
        """Numbers touching letters, slashes, colons or other numbers: Su-34, 9:30, 3-1, 1990s."""
        pc = text[num_start - 1] if num_start > 0 else " "
        pc2 = text[num_start - 2] if num_start > 1 else " "
        nc = text[e] if e < len(text) else " "
        nc2 = text[e + 1] if e + 1 < len(text) else " "
        if pc == ":" and pc2.isdigit():
            return "time"
        if nc == ":" and nc2.isdigit():
            return "time"
        if pc.isalpha() or (pc in "-/‐" and pc2.isalpha()) or pc == "/" or (nc == "/" and nc2.isdigit()):
            return "designation"
        if nc == "." and nc2.isdigit():  # 192.168.1.2, 22.04.2024
            return "designation"
        if (pc in "-–" and pc2.isdigit()) or (nc in "-–" and nc2.isdigit()):
            return "score"  # "3-1": a rising "20-30" was already read as one range
        if nc.isalpha() and m.kind != PERCENT:
            if after_l.startswith("s") and not _alpha_at(after_l, 1) and re.fullmatch(r"\d{2,4}", m.text):
                return "year"  # the 1990s
            if after_l.startswith(("am", "pm", "h ", "hrs")):
                return "time"
            return "designation"
        return None

    def _is_date(self, before: str, after_l: str, prev_words: list[str], nw: str, m: NumberMention) -> bool:
        if m.stated > 31 and not m.is_range:
            return False
        if prev_words:
            pw = prev_words[-1]
            if pw.lower() in self._months and (pw.lower() not in self._ambiguous_months or pw[0].isupper()) \
                    and _WORD_END.search(before):
                return True
        if nw in self._months:
            word = _NEXT_WORD.match(after_l)
            original = word.group(1) if word else ""
            return nw not in self._ambiguous_months or original[:1].isupper() or True
        return after_l.lstrip()[:1] in ("-", "–") and self._day_range_month.match(after_l) is not None

    def _is_year(self, m: NumberMention, prev_l: list[str], before: str, nw: str) -> bool:
        if not (m.hedge is None and len(m.text) == 4 and m.text.isdecimal() and m.value.is_exact):
            return False
        if not (self._year_lo <= m.stated <= self._year_hi):
            return False
        if prev_l and (prev_l[-1] in self._year_words or prev_l[-1] in self._months):
            return True
        if _PARENTHESISED_PART.search(before):
            return False  # "45 medals (2112, 13)": a part of a parenthesised breakdown
        return not _count_like(nw)

    def propagate(self, text: str, mentions: list[NumberMention]) -> list[NumberMention]:
        """"from 4 p.m. to 8", "between 20 June and 24": the second number shares the first's kind."""
        out: list[NumberMention] = []
        for m in mentions:
            if out and m.kind in (COUNT, PERCENT) and out[-1].kind in _SHARED_KINDS:  # (only such a kind is shared)
                prev = out[-1]
                gap = text[prev.end : m.start].strip().lower()
                between = "between" in text[max(0, prev.start - 12) : prev.start].lower()
                after = _NEXT_WORD.match(text[m.end : m.end + 20])
                nxt = after.group(1).lower() if after is not None else ""
                ages = prev.kind == "age" and gap in (",", "and", ", and") and not (  # "two boys aged 6 and 9"
                    nxt in self._age_after_links | self._age_item_after | self._age_link_hedges
                    or (_count_like(nxt) and nxt not in self._durations))
                # (not "and six are women", "and 400 in those over 25", "aged 15 to 44 and 225 children")
                dateline = prev.kind == "date" and gap in ("-", "–", "—") and (
                    m.hedge is not None or m.value.high > 31 or m.text[:1].isalpha()
                    or _DATELINE_LEAD.search(text, max(0, prev.start - 40), prev.start) is not None)
                # "Oct 1 - More than 1,000", "Oct 1 - 1,000", "Aug 2 - Fourteen", "ROME, Aug 2 - 14 people"
                if not dateline and (gap in ("to", "-", "–", "until", "till") or (gap == "and" and between) or ages):
                    m = NumberMention(m.start, m.end, m.text, prev.kind, m.stated, m.value, m.hedge,
                                      m.is_range, m.written_as_word)
            out.append(m)
        return out


# ---------------------------------------------------------------------- shortcuts
_WHITE = pp.ParserElement.DEFAULT_WHITE_CHARS  # what pyparsing skips before each element
_WS = "[" + re.escape(_WHITE) + "]*+"


def _pattern(*elements: pp.ParserElement) -> str:
    """A regex that matches at every position where one of ``elements`` matches.

    Regex and Literal elements give their own pattern (the same ``re`` engine, so the
    same matches); caseless keywords give their word without its boundaries, a superset.
    """
    parts = []
    for el in elements:
        if isinstance(el, pp.MatchFirst):
            parts.append(_pattern(*el.exprs))
        elif isinstance(el, pp.Regex):
            flags = el.re.flags & ~re.UNICODE
            if flags & ~re.IGNORECASE:
                raise TypeError(f"unexpected regex flags in {el}")
            parts.append(f"(?{'i' if flags else ''}:{el.re.pattern})")
        elif isinstance(el, pp.Keyword):
            parts.append(f"(?{'i' if el.caseless else ''}:{re.escape(el.match)})")
        elif isinstance(el, pp.Literal) and type(el).__name__ in ("Literal", "_SingleCharLiteral"):
            parts.append(re.escape(el.match))
        else:
            raise TypeError(f"no pattern for {type(el).__name__}")
    return "|".join(parts)


def _match(*elements: pp.ParserElement) -> Any:
    """``match(text, pos)`` for the elements (whitespace skipped first, as pyparsing does)."""
    return re.compile(f"{_WS}(?:{_pattern(*elements)})").match


class _Shortcuts:
    """The grammar's answer at a candidate, found without running it in the common cases.

    Most candidates are a plain number ("32 drones", "two drones", "12th", "about 40") or
    a word that cannot start one ("a drone", "in Kyiv"). For those the answer is read off
    the grammar's own element regexes; whenever anything the grammar could go on with
    follows -- a scale word, "dozen", a range word or dash, another number word -- the
    shortcut returns None and the grammar runs. tests/test_numbers_shortcuts.py checks
    the two agree on generated text.
    """

    def __init__(self, *, ordinal_digits: Any, tens: Any, tens_words: Any, ordinal_words: Any,
                 ordinal_word_list: Any, hedge: Any,
                 hedges: Mapping[str, str], between: Any, vague: Any, phrase: Any, dozen_word: Any,
                 word_tables: Any, units: Any, a_: Any, hundred: Any, digits: Any, suffixed: Any, dash: Any,
                 scale_all: Any, scales: Any, scale_tail: Any, infixes: tuple[Any, ...], percent: Any,
                 percent_markers: Any, vague_words: Any, phrases: Any, dozen_words: Any,
                 vague_values: Mapping[str, _Num], of: pp.ParserElement, range_words: Any,
                 suffix_words: Any, and_: pp.ParserElement) -> None:
        self._ordinal_digits = _match(ordinal_digits)
        self._ordinal_word = _match(ordinal_words)
        self._tens = _match(tens)
        self._tens_words = frozenset(k.lower() for k in tens_words)
        self._ordinal_words = frozenset(w.lower() for w in ordinal_word_list)
        self._dash = _match(dash)
        self._hedge = _match(hedge)
        self._hedges = hedges
        # A number can start here (a superset of the grammar's first elements). The group "special"
        # is set when the grammar reads more than a plain number here: one pattern answers both
        # questions (its alternatives are tried in order, and the special ones come first).
        a_hundred = f"(?:{_pattern(a_)}){_WS}(?:{_pattern(hundred)})"
        special = _pattern(between, vague, phrase, dozen_word, suffixed)
        plain = _pattern(digits, *(t for t, _ in word_tables))
        self._first = re.compile(f"{_WS}(?:(?P<special>{special}|{a_hundred})|{plain})").match
        self._digits = _match(digits)
        self._tables = tuple((_match(t), {k.lower(): _exact(v) for k, v in table.items()})
                             for t, table in word_tables)
        by_element = {id(t): matcher for (t, _), matcher in zip(word_tables, self._tables, strict=True)}
        self._tens_word, self._units_word = by_element[id(tens)], by_element[id(units)]  # for compounds
        # what the grammar reads after a number: "-million", "dozen", "hundred", "to 30" (a units word after
        # a tens word, "-seven", is read with it: see _number_word)
        scaled = f"(?:(?:{_pattern(dash)}){_WS})?(?:{_pattern(scale_all, hundred)})"
        self._scaled_or_dozen = re.compile(f"{_WS}(?:{scaled}|{_pattern(dozen_word)})").match
        self._infix = _match(*infixes)  # the infixes start with different characters: one can match
        # after digits, anything the grammar reads on with: where none of it follows ("32 drones"), the digits
        # are the whole number, found with one pattern instead of the five the digit lane would try
        reads_on = f"{_WS}(?:{_pattern(dozen_word, dash, scale_all, *infixes, percent)})"
        self._reads_on = re.compile(reads_on).match
        # digits the grammar does not read on after, in one match (atomic: the digits are what _digits
        # finds, never a shorter reading that would let the look-ahead pass)
        self._digits_alone = re.compile(f"{_WS}(?>{_pattern(digits)})(?!{reads_on})").match
        # a range's infix: any after a number, only a dash after "from" ("climbed from 30 to 36": a change)
        self._range_infix, self._dash_infix = (_match(infix) for infix in infixes)
        self._percent = re.compile(f"{_WS}({_pattern(percent)})").match
        self._percent_markers = frozenset(m.lower() for m in percent_markers)
        # the digit lane: after digits the grammar reads on with "dozen", a scale or a range only
        self._dozen = _match(dozen_word)
        self._scale = _match(scale_all)
        self._scales = {k.lower(): _exact(v) for k, v in scales.items()}
        self._scale_tail = _match(scale_tail)
        self._suffixed = _match(suffixed)
        # every ordinal's and unit's suffix ("12th", "5k") starts with a letter: digits not followed by one
        # have neither (see _digits_first)
        self._letter_suffixes = all(w[:1].isalpha() for w in suffix_words)
        # "between 3 and 9": the grammar's own keywords, then numbers in digits
        self._between, self._and = between, and_
        # "dozens of": a vague plural, read when "of" follows (the grammar's own "of" decides that), and
        # nothing after it unless a range's infix or a percent sign could be read at the "of"
        self._vague_alone = not any(w.lower() == "o" or w.lower().startswith("of")
                                    for w in [*range_words, *percent_markers])
        self._vague = _match(vague)
        self._vague_values = vague_values
        self._of = of
        words = [*hedges, *vague_words, *phrases, *ordinal_word_list, "between", "a", "one", *dozen_words,
                 *(k for _, table in word_tables for k in table)]
        self._digit_lane = not any(w[:1].isdecimal() for w in words)  # no word of the data starts with a digit

    def __call__(self, snippet: str, after_from: Callable[[], bool] = bool) -> _Found | _Miss | None:
        """(start, end, what was read), _MISS, or None: run the grammar (``grammar_after_from`` if
        ``after_from()``, asked only when a range may follow, as most numbers never need it; by default
        ``bool()``, False)."""
        if self._digit_lane and snippet[0].isdecimal():
            return self._digits_first(snippet, after_from)
        found = self._ordinal(snippet)
        if found is not _MISS:
            return found
        hm = self._hedge(snippet)
        p = hm.end() if hm else 0
        first = self._first(snippet, p)
        if first is None:
            return _MISS
        hedge = None
        if hm:
            hedge = hm.group().lower()
            if hedge not in self._hedges:
                return None
        if first.group("special") is not None:  # the grammar reads more than a plain number
            vague = self._vague_plural(snippet, p, hedge)
            return vague if vague is not None else self._between_digits(snippet, p, hedge)
        core = self._core(snippet, p, after_from)
        if core is None:
            return None
        end, num, percent = core
        return 0, end, _Parsed(False, hedge, num, percent)

    def _vague_plural(self, snippet: str, p: int, hedge: str | None) -> _Found | None:
        """"dozens of", "hundreds of thousands of": the vague plural at ``p``, or None: ask the grammar.
        Nothing reads on after one: no range's infix or percent sign is "o" or starts with "of"."""
        m = self._vague(snippet, p) if self._vague_alone else None
        if m is None:
            return None
        end = m.end()
        while end < len(snippet) and snippet[end] in _WHITE:  # (the grammar's look-ahead for "of" skips it)
            end += 1
        if not self._of.can_parse_next(snippet, end):
            return None
        return 0, end, _Parsed(False, hedge, self._vague_values[m.group().lstrip(_WHITE).lower()], False)

    def _between_digits(self, snippet: str, p: int, hedge: str | None) -> _Found | _Miss | None:
        """"between 3 and 9", "between 1.2 million and 2 million": the grammar's ``between`` with numbers in
        digits, a rising range; _MISS when the first number is not followed by "and" (the grammar reads
        nothing at a "between" it cannot finish); None: ask the grammar."""
        try:
            at = self._between.try_parse(snippet, p)
        except pp.ParseException:
            return None
        low = self._digit_quantity(snippet, at)
        if low is None:
            return None
        try:
            at = self._and.try_parse(snippet, low[0])
        except pp.ParseException:
            return _MISS  # "between 20 June and 24 August"
        high = self._digit_quantity(snippet, at)
        if high is None or not low[1].stated < high[1].stated:
            return None
        marked = self._percent_end(snippet, high[0])
        if marked is None:
            return None
        a, b = low[1], high[1]
        return 0, marked[0], _Parsed(False, hedge, _Num(a.stated, a.low, b.high, word=a.word and b.word), marked[1])

    def _ordinal(self, snippet: str) -> _Found | _Miss | None:
        """ordinal ::= digits suffix | tens dash ordinal_word | ordinal_word (the first that matches)."""
        m = self._ordinal_digits(snippet) if snippet[:1].isdecimal() or snippet[:1] in _WHITE else None
        if m is None:
            tens = self._tens(snippet)
            if tens is not None:
                m = self._dash(snippet, tens.end())
                m = m and self._ordinal_word(snippet, m.end())
                if m is not None and tens.group().lower() not in self._tens_words:
                    return None
            if m is None:
                m = self._ordinal_word(snippet)
            if m is None:
                return _MISS
            if m.group().lstrip(_WHITE).lower() not in self._ordinal_words:
                return None
        return 0, m.end(), _ORDINAL

    def _digits_first(self, snippet: str, after_from: Callable[[], bool]) -> _Found | None:
        """A candidate that starts with a digit: no hedge, number word or phrase can start there."""
        m = self._digits_alone(snippet) if self._letter_suffixes else None
        if m is not None and not _alpha_at(snippet, m.end()):
            # "32 drones": neither an ordinal's nor a unit's suffix follows the digits, nor anything else the
            # grammar reads on with (the common case, in one match instead of four)
            return 0, m.end(), _Parsed(False, None, NumberGrammar._digits_value(m.group()), False)
        m = self._ordinal_digits(snippet)
        if m is not None:
            return 0, m.end(), _ORDINAL
        read = self._digit_mention(snippet, 0, after_from)
        return None if read is None else (0, read[0], _Parsed(False, None, read[1], read[2]))

    def _digit_mention(self, snippet: str, p: int, after_from: Callable[[], bool]) -> tuple[int, _Num, bool] | None:
        """The number in digits at ``p`` with the range it may open and its percent sign: (end, value,
        percent), or None: ask the grammar. A range of two numbers in digits is read here too: the grammar
        takes "20 to 30" as one range when it rises and as "20" alone when it does not ("3-1")."""
        if self._suffixed(snippet, p) is None:
            m = self._digits(snippet, p)
            if m is not None and self._reads_on(snippet, m.end()) is None:  # "32 drones": the common case
                return m.end(), NumberGrammar._digits_value(m.group().lstrip(_WHITE)), False
        first = self._digit_quantity(snippet, p)
        if first is None:
            return None
        end, num = first
        infix = (self._dash_infix if after_from() else self._range_infix)(snippet, end)
        if infix is not None:
            second = self._digit_quantity(snippet, infix.end())
            if second is None:
                if self._first(snippet, infix.end()) is not None:
                    return None  # "20-30k", "20 to 30 dozen", "20 to thirty": the grammar reads on
            elif num.stated < second[1].stated:
                end, num = second[0], _Num(num.stated, num.low, second[1].high, word=num.word and second[1].word)
        marked = self._percent_end(snippet, end)
        return None if marked is None else (marked[0], num, marked[1])

    def _digit_quantity(self, snippet: str, p: int) -> tuple[int, _Num] | None:
        """Digits at ``p`` (after whitespace) with the scale after them ("1.2 million", "35-thousand-418"):
        (end, value), or None when the grammar reads them otherwise ("5k", "3 dozen")."""
        if self._suffixed(snippet, p) is not None:
            return None
        m = self._digits(snippet, p)
        if m is None:
            return None
        end = m.end()
        if self._dozen(snippet, end) is not None:
            return None
        digits = m.group().lstrip(_WHITE)
        dash = self._dash(snippet, end)
        scale = self._scale(snippet, dash.end() if dash is not None else end)
        if scale is None:
            return end, NumberGrammar._digits_value(digits)
        value = self._scales.get(scale.group().lstrip(_WHITE).lower())
        if value is None:
            return None
        end, tail = scale.end(), None
        dash = self._dash(snippet, end)
        extra = dash and self._scale_tail(snippet, dash.end())
        if extra:
            end, tail = extra.end(), extra.group().lstrip(_WHITE)
        return end, NumberGrammar._scaled_value(digits, int(value), tail)

    def _percent_end(self, snippet: str, end: int) -> tuple[int, bool] | None:
        """Where the mention ends and whether a percent sign ends it (None: an odd one, ask the grammar)."""
        pm = self._percent(snippet, end)
        if pm is None:
            return end, False
        if pm.group(1).lower() not in self._percent_markers:
            return None
        return pm.end(), True

    def _goes_on(self, snippet: str, end: int) -> bool:
        """Could the grammar read on after a number ending at ``end``?"""
        if self._scaled_or_dozen(snippet, end):
            return True
        m = self._infix(snippet, end)  # a range: "20 to 30", "20-30"
        return m is not None and self._first(snippet, m.end()) is not None

    def _number_word(self, snippet: str, p: int) -> tuple[int, _Num] | None:
        """A number word at ``p``, or a tens and a units word ("Forty-seven", "twenty one"), as the grammar
        reads them (compound | teens | tens | units: the first that matches): (end, value), or None."""
        tens_match, tens_values = self._tens_word
        tens = tens_match(snippet, p)
        if tens is not None:  # compound ::= tens [dash] units
            dash = self._dash(snippet, tens.end())
            units_match, units_values = self._units_word
            units = units_match(snippet, dash.end() if dash is not None else tens.end())
            if units is not None:
                low = tens_values.get(tens.group().lstrip(_WHITE).lower())
                high = units_values.get(units.group().lstrip(_WHITE).lower())
                return None if low is None or high is None else (units.end(), _Num.exact(low + high, word=True))
        word = None
        for match, lookup in self._tables:  # teens | tens | units: the first that matches
            m = match(snippet, p)
            if m is None:
                continue
            if word is None:
                word = m
                value = lookup.get(m.group().lstrip(_WHITE).lower())
            elif m.end() != word.end():
                return None
        if word is None or value is None:
            return None
        return word.end(), _Num.exact(value, word=True)

    def _core(self, snippet: str, p: int, after_from: Callable[[], bool]) -> tuple[int, _Num, bool] | None:
        """A plain number at ``p``: digits, or one number word, and nothing the grammar goes on with."""
        m = self._digits(snippet, p)
        if m is not None:
            if self._digit_lane:  # after a hedge: "more than 33 million", "about 20 to 30"
                return self._digit_mention(snippet, p, after_from)
            if any(match(snippet, p) for match, _ in self._tables):
                return None
            num = NumberGrammar._digits_value(m.group().lstrip(_WHITE))
            end = m.end()
        else:
            word = self._number_word(snippet, p)
            if word is None:
                return None
            end, num = word
        if self._goes_on(snippet, end):
            return None
        marked = self._percent_end(snippet, end)
        return None if marked is None else (marked[0], num, marked[1])


_DIGIT_RUN = re.compile(r"\d+")
_DECIMALS = re.compile(r"\d+(?:\.(\d+))?")
_PARENTHESISED_PART = re.compile(r"\d[^\W\d_]*\s+[^\W\d_]+s\s*\(\s*$")
_DIGIT = re.compile(r"\d")
_RANGE = re.compile(r"\d\s*(?:-|–|—|to|or)\s*\d")
_WORD_END = re.compile(r"[^\W\d_]+\.?\s*$")
_LETTER_SPACE_END = re.compile(r"[^\W\d_][ \t]$")
_NUMBER_ABBREVIATION_END = re.compile(r"\b(?:no|nos|vol|p|pp)\.[ \t]?$")
_LETTERS = re.compile(r"[^\W\d_]+")
_DIGIT_OR_RUN = re.compile(r"(\d+)|[^\W\d_]+")
_ASCII_DIGIT_OR_RUN = re.compile(r"(\d+)|[A-Za-z]+")  # the same in ASCII text, without a Unicode lookup a letter
_NON_ASCII_WORD_CHARACTER = re.compile(r"(?![\x00-\x7f])\w")  # a letter or digit that is not ASCII: "é", "٣", "²"
# ASCII text's letters and digits kept, everything else a space: split, it gives the runs of letters and digits
_ASCII_ALNUM_RUNS = str.maketrans({i: " " for i in range(128) if not chr(i).isalnum()})
_SHARED_KINDS = frozenset({"age", "date", "time", "year", "duration", "measure", "money"})
_WORDS = re.compile(r"[^\W\d_]+")
_ASCII_WORDS = re.compile(r"[A-Za-z]+")  # the same in ASCII text
_NAME_COMMA_END = re.compile(r"\b[A-ZÀ-ÖØ-Þ][^\W\d_]+ [A-ZÀ-ÖØ-Þ][^\W\d_]+, $")  # a first and a last name
_COUNT_THEN_NAME_END = re.compile(r"\b\d(?:[\d,]*\d)?[ \t]+(?:[A-Z][\w-]*[ \t]+)(?:[A-Z0-9][\w-]*[ \t]+){0,3}$")
_CAPITAL_WORD_END = re.compile(r"\b[A-Z][^\W\d_]+ $")
_MODEL_SUFFIX = re.compile(r" [A-Z]{2,5} \d{1,4} [a-z]")  # " MAX 9 j" of "737 MAX 9 jets"
_DATELINE_DAY = re.compile(r"(\d{1,2})\s+[-–—]\s+")  # "1 - " of "Oct 1 - 1,000 migrants"
_DATELINE_LEAD = re.compile(r"(?:^|\n)[A-Z][A-Z .'-]+,[^\n]*$")  # "ROME, Aug " / "KYIV, Ukraine, Oct ": a dateline
_SUSPENDED_AGE = re.compile(r"[-‐]\s+(?:to|and|or)\s+\d+\s*[-‐]\s*(?:year|month)")
_SURNAME_COMMA_END = re.compile(r"\b[a-z]+ [A-ZÀ-ÖØ-Þ][^\W\d_]+, $")  # mid-sentence: "and Albon, ", not "Most, "
_AGE_THEN_VERB = re.compile(r", ([a-z]+)")  # ", retired", ", who": lower case, so no next name of a list
_NEXT_WORD = re.compile(r"\s*([^\W\d_]+(?:/[^\W\d_]+)?|°\w?)")


def _run_candidate_spans(text: str, words: frozenset[str], first_word: str) -> Iterator[tuple[int, int]]:
    """What ``_DIGIT_OR_RUN`` finds, kept if digits or a first word (``words``, or ``first_word``'s pattern
    for a run with other than ASCII letters)."""
    for m in _DIGIT_OR_RUN.finditer(text):
        if m.lastindex == 1:
            yield m.start(), m.end()
            continue
        run = m.group()
        if (run.lower() in words) if run.isascii() else (re.fullmatch(first_word, run, re.IGNORECASE) is not None):
            yield m.start(), m.end()


def _ascii_candidate_spans(text: str, words: frozenset[str]) -> Iterator[tuple[int, int]]:
    """``_run_candidate_spans`` for ASCII text: the same spans, found faster.

    A regex match costs a match object and a memory block of its own (CPython's ``re`` allocates its
    stack at every match), and most letter runs are no number's first word. Here the runs come from
    ``split`` of the text with all but letters and digits blanked, and only the kept ones are located
    in it: every run between two kept ones is some other word, so the next whole run that spells a
    kept one is that one.
    """
    low = text.lower()  # (ASCII: the same length)
    find, size = low.find, len(low)
    at = 0
    for run in low.translate(_ASCII_ALNUM_RUNS).split():
        first_word = run in words
        if not first_word and run.isalpha():
            continue  # a word no number starts with: most runs
        n = len(run)
        at = find(run, at)
        while (at > 0 and low[at - 1].isalnum()) or (at + n < size and low[at + n].isalnum()):
            at = find(run, at + 1)  # inside a longer run, which was skipped
        if first_word or run.isdigit():
            yield at, at + n
        else:  # digits and letters together: "1990s", "su34", "12th"
            for m in _ASCII_DIGIT_OR_RUN.finditer(run):
                if m.lastindex == 1 or m.group() in words:
                    yield at + m.start(), at + m.end()
        at += n


def _dateline_day(text: str, mention: NumberMention) -> re.Match[str] | None:
    """The day of a dateline read with the story's first count as a range of dates: "MADRID, Oct 1 - 1,000
    migrants", "Aug 2 - Fourteen people"; None for a range of days ("Aug 2 - 14")."""
    day = _DATELINE_DAY.match(mention.text)
    if day is not None and ((mention.is_range and mention.value.high > 31) or mention.text[day.end() :][:1].isalpha()
                            or _DATELINE_LEAD.search(text, max(0, mention.start - 40), mention.start)):
        return day
    return None


def _follows_from(text: str, start: int) -> bool:
    """Does the number at ``start`` follow "from" ("climbed from 30 to 36": a change, not a range)?"""
    return text[max(0, start - 5) : start].lower().endswith("from ")


def _first_digit_or_word(text: str) -> int:
    """Offset of the number itself inside a mention that may start with a hedge."""
    if text[:1].isdecimal():  # (most mentions: no hedge, digits)
        return 0
    m = _DIGIT.search(text)
    return m.start() if m else 0


def _alpha_at(s: str, i: int) -> bool:
    return i < len(s) and s[i].isalpha()


def _looks_like_range(raw: str) -> bool:
    return bool(_RANGE.search(raw))


_COUNTISH = re.compile(r"^[^\W\d_]+s$")
_FOUR_DIGIT_RUNS = re.compile(r"(?<!\d)\d{4}(?!\d)")


def _count_like(word: str) -> bool:
    """A plural-looking word after a four-digit number makes it a count ("1400 people")."""
    return word in ("people", "men", "women", "children") or bool(_COUNTISH.match(word))


@cache
def grammar_for(extra_folders: tuple[str, ...] = ()) -> NumberGrammar:
    """The grammar for a rule set, built once and reused (the only global)."""
    return NumberGrammar(load_rule_data(extra_folders))


def find_numbers(text: str, extra_folders: tuple[str, ...] = ()) -> list[NumberMention]:
    """All numbers in ``text`` with their kinds; see the module docstring."""
    grammar = grammar_for(extra_folders)
    return grammar.propagate(text, grammar.scan(text))
