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

import re
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from typing import Any

import pyparsing as pp

from .intervals import INF, Interval
from .lexicon import RuleData, load_rule_data

COUNT = "count"
PERCENT = "percent"


@dataclass(frozen=True, slots=True)
class NumberMention:
    """One number as written: where it is, what it is, and the values it allows."""

    start: int
    end: int
    text: str
    kind: str  # count | percent | ordinal | year | date | time | age | duration | measure | money | ...
    stated: Fraction
    value: Interval
    hedge: str | None = None
    is_range: bool = False
    written_as_word: bool = False

    @property
    def is_claim(self) -> bool:
        return self.kind in (COUNT, PERCENT)


@dataclass(frozen=True, slots=True)
class _Num:
    """Grammar-internal value: stated number and its interval."""

    stated: Fraction
    low: Fraction | float
    high: Fraction | float
    word: bool = False
    vague: bool = False

    @classmethod
    def exact(cls, value: Fraction, word: bool = False) -> _Num:
        return cls(value, value, value, word=word)


def _precision(text: str, scale: int) -> Fraction:
    """Half a unit of the last written digit, for scaled decimals ("1.2 million")."""
    if "." not in text:
        return Fraction(0)
    decimals = len(text.split(".", 1)[1])
    return Fraction(scale, 2 * 10**decimals)


class NumberGrammar:
    """The compiled grammar plus the classifier's word lists; built once per rule set."""

    def __init__(self, data: RuleData) -> None:
        nums = data["numbers"]
        ctx = data["context"]
        self._build_grammar(nums)
        self._hedge_kinds: Mapping[str, Mapping[str, Any]] = nums["hedge_kinds"]
        self._months = frozenset(ctx["dates"]["months"])
        self._ambiguous_months = frozenset(ctx["dates"]["ambiguous_months"])
        self._year_lo, self._year_hi = ctx["dates"]["year_range"]
        self._year_words = frozenset(ctx["dates"]["year_words"])
        self._time_markers = tuple(sorted(ctx["times"]["markers"], key=len, reverse=True))
        self._age_after = tuple(sorted(ctx["ages"]["after"], key=len, reverse=True))
        self._age_before = frozenset(ctx["ages"]["before"])
        self._durations = frozenset(ctx["durations"]["units"])
        self._measures = frozenset(ctx["measures"]["units"])
        self._currency = tuple(ctx["measures"]["currency_signs"])
        self._designators = frozenset(ctx["designators"]["words"])
        self._lower_designators = frozenset(ctx["designators"]["lowercase"])
        self._score_words = frozenset(ctx["scores"]["words"])
        words = (
            list(nums["words"]["units"]) + list(nums["words"]["teens"]) + list(nums["words"]["tens"])
            + list(nums["words"]["scales"]) + list(nums["words"]["dozen"]) + list(nums["vague"])
            + list(nums["ordinals"]["words"]) + list(nums["hedges"])
            + [p.split()[0] for p in nums["words"]["phrases"]] + ["between", "half"]
        )
        firsts = sorted({w.split()[0].lower() for w in words}, key=len, reverse=True)
        alternation = "|".join(re.escape(w) for w in firsts)
        self._candidates = re.compile(rf"\d|(?<![^\W\d_])(?:{alternation})(?![^\W\d_])", re.IGNORECASE)

    # ------------------------------------------------------------------ grammar
    def _build_grammar(self, nums: Mapping[str, Any]) -> None:
        def word_map(table: Mapping[str, int]) -> pp.ParserElement:
            lookup = {k.lower(): Fraction(v) for k, v in table.items()}
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
            (pp.OneOrMore(scaled_group + joiner) + pp.Opt(under_1000)).set_parse_action(lambda t: sum(t))
            | under_1000
        ).set_name("number in words")

        digits = pp.Regex(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d])|\d+(?:\.\d+)?(?!\d)").set_name("digits")
        suffixes = {k.lower(): v for k, v in w["suffixes"].items()}
        suffixed = pp.Regex(
            r"(\d+(?:\.\d+)?)(" + "|".join(map(re.escape, suffixes)) + r")(?![^\W_])", re.IGNORECASE
        ).set_parse_action(lambda t: self._digits_value(t[0][: -len(self._suffix_of(t[0], suffixes))],
                                                        suffixes[self._suffix_of(t[0], suffixes)]))
        scale_all = word_map(w["scales"])
        digits_scaled = (
            digits
            + pp.Opt(pp.Opt(dash) + scale_all + pp.Opt(dash.suppress() + pp.Regex(r"\d{1,3}(?!\d)")))
        ).set_parse_action(self._digits_scaled)

        dozen_word = word_map(w["dozen"])
        multiplier = under_100 | digits.copy().set_parse_action(lambda t: Fraction(t[0].replace(",", "")))
        dozen = (pp.Opt(multiplier) + dozen_word).set_parse_action(
            lambda t: _Num.exact(t[0] * t[1] if len(t) > 1 else t[0], word=True)
        )
        phrases = {k.lower(): Fraction(v) for k, v in w["phrases"].items()}
        phrase = pp.one_of(sorted(phrases, key=len, reverse=True), caseless=True, as_keyword=True)
        phrase.set_parse_action(lambda t: _Num.exact(phrases[t[0].lower()], word=True))
        vague_table = {k.lower(): v for k, v in nums["vague"].items()}
        vague = pp.one_of(sorted(vague_table, key=len, reverse=True), caseless=True, as_keyword=True)
        vague = (vague + pp.FollowedBy(pp.CaselessKeyword("of"))).set_parse_action(
            lambda t: _Num(Fraction(vague_table[t[0].lower()][0]), Fraction(vague_table[t[0].lower()][0]),
                           Fraction(vague_table[t[0].lower()][1]), word=True, vague=True)
        )
        words_num = word_int.copy().add_parse_action(lambda t: _Num.exact(t[0], word=True))
        quantity = (vague | phrase | dozen | suffixed | digits_scaled | words_num).set_name("quantity")

        range_infix = pp.one_of(["to", "-", "–", "—", "or"], caseless=True)
        range_ = (quantity + range_infix.suppress() + quantity).set_parse_action(self._range)
        between = (pp.CaselessKeyword("between").suppress() + quantity + and_.suppress() + quantity
                   ).set_parse_action(self._range)
        percent = pp.one_of(nums["percent"]["markers"], caseless=True)
        hedges = {k.lower(): v for k, v in nums["hedges"].items()}
        hedge = pp.one_of(sorted(hedges, key=len, reverse=True), caseless=True, as_keyword=True)
        hedge.set_parse_action(lambda t: t[0].lower())
        self._hedges = hedges

        ordinal_words = pp.one_of(nums["ordinals"]["words"], caseless=True, as_keyword=True)
        ordinal_tens = (tens + dash + ordinal_words)  # "twenty-first"
        suffix_alt = "|".join(nums["ordinals"]["suffixes"])
        ordinal = (pp.Regex(rf"\d+(?:{suffix_alt})(?![^\W\d_])", re.IGNORECASE) | ordinal_tens | ordinal_words)
        ordinal = ordinal.set_parse_action(lambda: "ordinal")

        def build(core: pp.ParserElement) -> pp.ParserElement:
            mention = pp.Opt(hedge)("hedge") + core("num") + pp.Opt(percent)("percent")
            grammar = pp.Located(ordinal | mention)
            grammar.parse_with_tabs()  # offsets must not shift at tabs
            return grammar

        self.grammar = build(between | range_ | quantity)
        # After "from", "30 to 36" is a change ("climbed from 30 to 36"), not a range.
        dash_range = (quantity + pp.one_of(["-", "–", "—"]).suppress() + quantity).set_parse_action(self._range)
        self.grammar_after_from = build(between | dash_range | quantity)

    @staticmethod
    def _suffix_of(text: str, suffixes: Mapping[str, int]) -> str:
        low = text.lower()
        for s in sorted(suffixes, key=len, reverse=True):
            if low.endswith(s):
                return text[-len(s):]
        return ""

    @staticmethod
    def _digits_value(text: str, scale: int = 1) -> _Num:
        v = Fraction(text.replace(",", "")) * scale
        p = _precision(text, scale) if scale > 1 else Fraction(0)
        return _Num(v, v - p, v + p)

    def _digits_scaled(self, t: pp.ParseResults) -> _Num:
        text = t[0]
        if len(t) == 1:
            return self._digits_value(text)
        rest = [x for x in t[1:] if x not in ("-", "‐")]
        scale = int(rest[0])
        num = self._digits_value(text, scale)
        if len(rest) > 1:  # "35-thousand-418"
            extra = Fraction(rest[1])
            return _Num(num.stated + extra, num.low + extra, num.high + extra)
        return num

    @staticmethod
    def _range(t: pp.ParseResults) -> _Num:
        a, b = t[0], t[1]
        if not (a.stated < b.stated):
            raise pp.ParseException("", 0, "not a rising range")
        return _Num(a.stated, a.low, b.high, word=a.word and b.word)

    # ------------------------------------------------------------------ scanning
    def scan(self, text: str) -> list[NumberMention]:
        """Every number in ``text``, in order, each classified."""
        out: list[NumberMention] = []
        pos = 0
        n = len(text)
        search = self._candidates.search
        parse = self.grammar.parse_string
        while pos < n:
            m = search(text, pos)
            if m is None:
                break
            start = m.start()
            if start > 0 and text[start].isdigit() and text[start - 1].isdigit():
                pos = start + 1  # the middle of a digit run a failed parse left behind
                continue
            snippet = text[start : start + 96]
            after_from = text[max(0, start - 5) : start].lower().endswith("from ")
            try:
                res = (self.grammar_after_from.parse_string if after_from else parse)(snippet)
            except pp.ParseException:
                pos = m.end()
                continue
            loc_start, body, loc_end = res[0], res[1], res[2]
            s, e = start + loc_start, start + loc_end
            # Do not end in the middle of a word or a number ("5kg", "12th" are handled by kinds).
            mention = self._make_mention(text, s, e, body)
            if mention is not None:
                out.append(mention)
                pos = mention.end
            else:
                pos = m.end()
        return out

    def _make_mention(self, text: str, s: int, e: int, body: pp.ParseResults) -> NumberMention | None:
        # strip trailing whitespace the grammar may have consumed
        while e > s and text[e - 1].isspace():
            e -= 1
        raw = text[s:e]
        if body and body[0] == "ordinal":
            digits = re.match(r"\d+", raw)
            value = Fraction(digits.group(0)) if digits else Fraction(0)
            return NumberMention(s, e, raw, "ordinal", value, Interval.exact(value))
        hedge = body.get("hedge")
        hedge = hedge[0] if isinstance(hedge, pp.ParseResults) else hedge
        num = body.get("num")
        num = num[0] if isinstance(num, pp.ParseResults) else num
        if not isinstance(num, _Num):
            return None
        is_percent = bool(body.get("percent"))
        low, high = num.low, num.high
        if is_percent and num.low == num.high and not num.vague:
            # written precision: "33%" is 32.5-33.5, "61.6%" is 61.55-61.65
            digits_part = re.search(r"\d+(?:\.(\d+))?", raw)
            decimals = len(digits_part.group(1)) if digits_part and digits_part.group(1) else 0
            half = Fraction(1, 2 * 10**decimals)
            low, high = num.stated - half, num.stated + half
        if hedge:
            low, high = self._apply_hedge(hedge, num.stated, low, high)
        value = Interval(low, high)
        kind = PERCENT if is_percent else COUNT
        is_range = not num.vague and num.low != num.high and ("between" in raw.lower() or _looks_like_range(raw))
        mention = NumberMention(s, e, raw, kind, num.stated, value, hedge, is_range, num.word)
        return self._classify(text, mention)

    def _apply_hedge(self, hedge: str, stated: Fraction, low: Any, high: Any) -> tuple[Any, Any]:
        spec = self._hedge_kinds[self._hedges[hedge]]
        new_low = low * Fraction(str(spec.get("low_rel", 1.0))) + spec.get("low_abs", 0)
        if spec.get("high") == "inf":
            new_high: Any = INF
        else:
            new_high = high * Fraction(str(spec.get("high_rel", 1.0))) + spec.get("high_abs", 0)
        return max(Fraction(0), new_low), max(new_low, new_high)

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
        after_l, stripped = after.lower(), after.lower().lstrip()
        num_start = s + _first_digit_or_word(m.text)
        digits = not m.written_as_word
        prev_words = _WORDS.findall(before)[-4:]
        prev_l = [w.lower() for w in prev_words]
        next_match = _NEXT_WORD.match(after)
        nw = next_match.group(1).lower() if next_match else ""

        if digits:
            kind = self._glued_kind(text, num_start, e, after_l, m)
            if kind:
                return kind
        for marker in self._time_markers:
            if stripped.startswith(marker) and not _alpha_at(stripped, len(marker)):
                if marker == "h" and not after.startswith(("h", " h")):
                    continue
                return "time"
        for marker in self._age_after:
            if (after_l if marker.startswith("-") else stripped).startswith(marker):
                return "age"
        if prev_l and (prev_l[-1] in self._age_before
                       or (prev_l[-1] in ("from", "between") and set(prev_l[:-1]) & self._age_before)):
            return "age"  # "aged 14", "ranged in age from 14", "whose ages ranged from 14"
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
        if digits and prev_words and prev_l[-1] in self._designators and (
                prev_words[-1][0].isupper() or prev_l[-1] in self._lower_designators) and (
                re.search(r"[^\W\d_][ \t]$", before) or re.search(r"\b(?:no|nos|vol|p|pp)\.[ \t]?$", before.lower())):
            return "designation"
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
        if prev_words and re.search(r"[^\W\d_]+\.?\s*$", before):
            pw = prev_words[-1]
            if pw.lower() in self._months and (pw.lower() not in self._ambiguous_months or pw[0].isupper()):
                return True
        if nw in self._months:
            word = _NEXT_WORD.match(after_l)
            original = word.group(1) if word else ""
            return nw not in self._ambiguous_months or original[:1].isupper() or True
        return bool(re.match(r"\s*[-–]\s*\d{1,2}\s+(?:" + "|".join(self._months) + r")\b", after_l))

    def _is_year(self, m: NumberMention, prev_l: list[str], before: str, nw: str) -> bool:
        if not (m.value.is_exact and m.hedge is None and re.fullmatch(r"\d{4}", m.text)):
            return False
        if not (self._year_lo <= m.stated <= self._year_hi):
            return False
        if prev_l and (prev_l[-1] in self._year_words or prev_l[-1] in self._months):
            return True
        if re.search(r"\d[^\W\d_]*\s+[^\W\d_]+s\s*\(\s*$", before):
            return False  # "45 medals (2112, 13)": a part of a parenthesised breakdown
        return not _count_like(nw)

    def propagate(self, text: str, mentions: list[NumberMention]) -> list[NumberMention]:
        """"from 4 p.m. to 8", "between 20 June and 24": the second number shares the first's kind."""
        out: list[NumberMention] = []
        for m in mentions:
            if out and m.kind in (COUNT, PERCENT):
                prev = out[-1]
                gap = text[prev.end : m.start].strip().lower()
                between = "between" in text[max(0, prev.start - 12) : prev.start].lower()
                if prev.kind in _SHARED_KINDS and (gap in ("to", "-", "–", "until", "till")
                                                   or (gap == "and" and between)):
                    m = NumberMention(m.start, m.end, m.text, prev.kind, m.stated, m.value, m.hedge,
                                      m.is_range, m.written_as_word)
            out.append(m)
        return out


_SHARED_KINDS = frozenset({"age", "date", "time", "year", "duration", "measure", "money"})
_WORDS = re.compile(r"[^\W\d_]+")
_NEXT_WORD = re.compile(r"\s*([^\W\d_]+(?:/[^\W\d_]+)?|°\w?)")


def _first_digit_or_word(text: str) -> int:
    """Offset of the number itself inside a mention that may start with a hedge."""
    m = re.search(r"\d", text)
    return m.start() if m else 0


def _alpha_at(s: str, i: int) -> bool:
    return i < len(s) and s[i].isalpha()


def _looks_like_range(raw: str) -> bool:
    return bool(re.search(r"\d\s*(?:-|–|—|to|or)\s*\d", raw))


_COUNTISH = re.compile(r"^[^\W\d_]+s$")


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
