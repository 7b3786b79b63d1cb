"""Property tests: whatever the text, the engine returns and every span it reports is exact.

For arbitrary Unicode (lone surrogates and NUL included), number-dense copy, long lists,
"each each each", unbalanced brackets and quotes, mixed scripts and odd line endings:
the engine returns without an exception; every span (findings' primary and related,
tallies' totals and parts) satisfies ``0 <= start < end <= len(text)``; the JSON output's
``text``, ``line`` and ``column`` agree with the offsets (recomputed here independently of
:class:`~checker.offsets.LineIndex`); and every renderer turns the result into a string.

Perturbation properties on generated consistent breakdowns: changing one part by one
raises a finding on the total, shuffling the parts does not change the verdict.

Runs are short by default (a few seconds per property). For a long run::

    TALLYCHECK_FUZZ_EXAMPLES=20000 python -m pytest tests/test_fuzz_engine.py tests/test_fuzz_sources.py
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from checker.engine import Engine, check_text
from checker.model import Analysis, FileReport, Span
from checker.registry import registry_for
from checker.render import FORMATS, RenderContext, renderer_for
from checker.render.json_format import report_json
from checker.sources import load_source

_LONG_RUN = int(os.environ.get("TALLYCHECK_FUZZ_EXAMPLES", "0") or 0)


def fuzz(default: int) -> settings:
    """``default`` examples, or ``TALLYCHECK_FUZZ_EXAMPLES`` of them for a long run."""
    return settings(max_examples=_LONG_RUN or default, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# --------------------------------------------------------------------------- checking spans


def positions(text: str) -> list[tuple[int, int]]:
    """(line, column) of every offset 0..len(text), 1-based, by walking the characters.

    A line ends after ``\\n``, after ``\\r\\n`` or after a lone ``\\r``; columns count code points.
    """
    out = []
    line = column = 1
    for i, ch in enumerate(text):
        out.append((line, column))
        if ch == "\n" or (ch == "\r" and text[i + 1 : i + 2] != "\n"):
            line, column = line + 1, 1
        else:
            column += 1
    out.append((line, column))
    return out


def engine_spans(analysis: Analysis) -> Iterator[tuple[str, Span]]:
    for f in analysis.findings:
        yield f"{f.rule_id} primary", f.primary
        for r in f.related:
            yield f"{f.rule_id} related {r.label!r}", r.span
    for t in analysis.tallies:
        yield "tally total", t.total.span
        for p in t.parts:
            yield "tally part", p.quantity.span


def json_spans(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "span":
                yield value
            else:
                yield from json_spans(value)
    elif isinstance(node, list):
        for item in node:
            yield from json_spans(item)


def assert_spans_exact(text: str, analysis: Analysis) -> None:
    """Every span is non-empty and inside ``text``; the JSON spans' text and lines agree."""
    spans = list(engine_spans(analysis))
    for what, span in spans:
        assert 0 <= span.start < span.end <= len(text), (what, span, len(text))
    where = positions(text)
    rendered = list(json_spans(report_json(FileReport("doc", text, analysis))))
    assert len(rendered) == len(spans)
    for s in rendered:
        assert s["text"] == text[s["start"] : s["end"]]
        assert (s["line"], s["column"]) == where[s["start"]], s
        assert (s["end_line"], s["end_column"]) == where[s["end"]], s


CONTEXT = RenderContext(registry_for(()), "0.0.0", color=False, width=100)


def render_everything(report: FileReport) -> None:
    """Every output format renders, and its output can be written out as UTF-8 (escaped)."""
    for fmt in FORMATS:
        out = renderer_for(fmt)([report], CONTEXT)
        assert isinstance(out, str)
        out.encode("utf-8", "backslashreplace")


def analyse(text: str, fmt: str = "text") -> tuple[str, Analysis]:
    source = load_source(text, fmt)
    return source.source, Engine().analyse(source)


def check_everything(text: str, fmt: str = "text") -> Analysis:
    source, analysis = analyse(text, fmt)
    assert source == text
    assert_spans_exact(text, analysis)
    render_everything(FileReport("doc", text, analysis))
    return analysis


# --------------------------------------------------------------------------- strategies

# Every code point, lone surrogates (category Cs) and NUL included.
ANY_CHAR = st.characters(exclude_categories=())

NUMBERS = st.one_of(
    st.integers(0, 10**7).map(str),
    st.integers(0, 10**7).map("{:,}".format),
    st.decimals(0, 1000, places=1, allow_nan=False).map(str),
    st.sampled_from([
        "one", "two", "three", "four", "twelve", "twenty-one", "thirty two", "a hundred", "1.2 million",
        "2 million", "dozens", "hundreds", "a dozen", "half", "a third", "33%", "12.5 per cent", "3/4", "½",
        "1st", "2nd", "1990s", "2024", "COVID-19", "Su-34", "S-400", "3-1", "07:30", "+380 44 123 4567",
        "10km", "5 kg", "32-year-old", "٣٢", "३२", "３２", "1e9", "0x1F", "999999999999999999999999", "0",
        "-5", "−7", "1,2,3", "1.2.3", "1..2", "1,,000", ".5", "5.", "1 000", "1\u202f000", "IV",
    ]),
)
WORDS = st.sampled_from([
    "drones", "drone", "UAVs", "missiles", "aerial targets", "people", "killed", "injured", "wounded",
    "casualties", "dead", "victims", "medals", "gold", "silver", "bronze", "men", "women", "children",
    "each", "apiece", "respectively", "including", "among them", "such as", "of which", "the rest",
    "the remaining", "in total", "a total of", "altogether", "about", "around", "at least", "more than",
    "up to", "nearly", "almost", "over", "in", "and", "or", "the", "region", "Oblast", "Belgorod",
    "Bryansk", "Kursk", "Tula", "Voronezh", "New York", "St. Petersburg", "Air defences destroyed",
    "shot down", "were", "was", "per cent", "percent", "%", "bringing the total to", "brings the toll to",
    "Воронеж", "над", "無人機", "الطائرات", "😀", "🇺🇦", "x", "Mr.", "U.S.", "e.g.", "i.e.",
])
PUNCT = st.sampled_from([
    " ", " ", " ", ", ", ": ", "; ", ". ", "! ", "? ", " (", ") ", "(", ")", "[", "]", "{", "}", '"', "'",
    "“", "”", "«", "»", " — ", " – ", "-", "/", "\n", "\r\n", "\r", "\n\n", "\t", "\x00", "\ufeff",
    "\u200b", "\xa0", "\u2028", "\ud800", "\udfff", "&amp;", "*", "_", "`", "#", "> ", "- ", "1. ", "|",
])
TOKENS = st.one_of(NUMBERS, WORDS, PUNCT)
DENSE = st.lists(TOKENS, max_size=80).map("".join)


def _rule_strings() -> list[str]:
    """Every word and phrase of the packaged rules data: units, cues, hedges, places, events."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, str):
            found.add(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                found.add(key)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for path in sorted((Path(__file__).resolve().parent.parent / "rules").glob("*.toml")):
        walk(tomllib.loads(path.read_text(encoding="utf-8")))
    return sorted(w for w in found if w.strip() and len(w) <= 40 and "\n" not in w)


RULE_WORDS = st.sampled_from(_rule_strings())
PROSE = st.lists(st.one_of(RULE_WORDS, RULE_WORDS, NUMBERS, PUNCT), max_size=60).map(" ".join)
# made-up place names ("Vorkal", "Teszorbra"): never a cue word, never a real place
_SYLLABLES = ["vor", "kal", "min", "tes", "bra", "dul", "zor", "pel", "nik", "sha", "rum", "gov", "lin", "tar"]
REGION = st.lists(st.sampled_from(_SYLLABLES), min_size=2, max_size=3).map(lambda s: "".join(s).capitalize())


# --------------------------------------------------------------------------- properties


@fuzz(200)
@given(st.text(ANY_CHAR, max_size=300))
@example("\ud800 32 drones: \udfff 4 over A and \x00 5 over B.")
@example("\x00" * 50)
def test_arbitrary_unicode_never_crashes_and_spans_are_exact(text):
    check_everything(text)


@fuzz(300)
@given(DENSE)
def test_number_dense_text_never_crashes_and_spans_are_exact(text):
    check_everything(text)


@fuzz(100)
@given(st.lists(st.one_of(TOKENS, st.text(ANY_CHAR, max_size=5)), max_size=40).map("".join))
def test_number_dense_text_with_noise(text):
    check_everything(text)


@fuzz(200)
@given(PROSE)
def test_prose_from_the_rules_vocabulary(text):
    check_everything(text)


@st.composite
def lists_of_counts(draw: st.DrawFn) -> str:
    """A total, a cue and a list of counts with units, places and cue words drawn from the rules."""
    def count() -> str:
        words = draw(st.lists(st.one_of(RULE_WORDS, REGION), max_size=3))
        return " ".join([draw(NUMBERS), *words])

    items = [count() for _ in range(draw(st.integers(1, 6)))]
    listed = ", ".join(items[:-1]) + (" and " if len(items) > 1 else "") + items[-1]
    cue = draw(st.one_of(st.sampled_from([":", ", of which", ", including", " —", " (", ";", ","]), RULE_WORDS))
    lead = draw(st.one_of(st.just(""), RULE_WORDS))
    end = draw(st.sampled_from([".", ").", " in total.", "", ", the rest elsewhere."]))
    return f"{lead} {count()}{cue} {listed}{end}"


@fuzz(100)
@given(st.lists(lists_of_counts(), min_size=1, max_size=4), st.sampled_from([" ", "\n", "\n\n", "\r\n"]))
def test_lists_of_counts_from_the_rules_vocabulary(sentences, between):
    check_everything(between.join(sentences))


@fuzz(100)
@given(st.lists(st.sampled_from(["each", "each ", "apiece", " ", "4", "four", "over", "A", "and", ","]),
                max_size=60).map("".join))
def test_each_each_each(text):
    check_everything("Air defences destroyed 12 drones: " + text)


@fuzz(100)
@given(st.lists(st.sampled_from(["(", ")", "[", "]", '"', "'", "“", "”", "«", "»", " 4 drones", " Kursk",
                                 ", ", " and ", ": ", "12", " — "]), max_size=60).map("".join))
def test_unbalanced_brackets_and_quotes(text):
    check_everything("A total of 12 drones were shot down: " + text)


# --------------------------------------------------------------------------- found by fuzzing

FOUND = [
    pytest.param("Protesters raised $5K for 5K drones.", id="upper-case-k-suffix"),  # KeyError 'K' in numbers.py
    pytest.param("0\u212a", id="kelvin-sign-suffix"),  # KELVIN SIGN lower-cases to "k"
]


@pytest.mark.parametrize("text", FOUND)
def test_inputs_the_fuzzer_broke_on(text):
    check_everything(text)


# --------------------------------------------------------------------------- big single inputs


def _places(n: int) -> list[str]:
    syllables = ["vo", "ra", "nel", "ki", "tor", "sa", "mun", "de", "lo", "bri"]
    return [("".join(syllables[int(d)] for d in str(i).zfill(4))).capitalize() for i in range(n)]


@pytest.mark.parametrize("text", [
    pytest.param("Air defences destroyed 10000 drones: " + ", ".join(f"one over {p}" for p in _places(10000)) + ".",
                 id="ten-thousand-places"),
    pytest.param("Air defences destroyed 10000 drones over " + ", ".join(_places(10000)) + ".",
                 id="ten-thousand-places-bare"),
    pytest.param("Air defences destroyed 32 drones: " + "each " * 5000 + "over Kursk.", id="each-each-each"),
    pytest.param("A total of 12 drones (" * 1000 + "4 over Kursk" + ")" * 10, id="unbalanced-parentheses"),
    pytest.param('He said "12 drones: 4 over Kursk, «5 over Tula' * 500, id="unbalanced-quotes"),
    pytest.param(("Air defences destroyed 12 drones: 4 over Kursk and 8 over Tula; " * 1000).strip(),
                 id="long-line"),
    pytest.param(", ".join(str(i) for i in range(1, 10001)), id="one-two-three"),
    pytest.param("1" * 100_000, id="digit-run"),
    pytest.param(" ".join(["Vorona"] * 20000), id="capitalised-words"),
])
def test_big_inputs_end_and_spans_are_exact(text):
    check_everything(text)


# --------------------------------------------------------------------------- perturbation



@st.composite
def breakdowns(draw: st.DrawFn) -> tuple[list[int], list[str]]:
    n = draw(st.integers(2, 5))
    parts = draw(st.lists(st.integers(1, 400), min_size=n, max_size=n))
    regions = draw(st.lists(REGION, min_size=n, max_size=n, unique=True))
    return parts, regions


def breakdown_text(total: int, parts: list[int], regions: list[str]) -> tuple[str, int, int]:
    """The sentence and the span of ``{total} drones`` in it."""
    items = [f"{a} over the {r} region" for a, r in zip(parts, regions, strict=True)]
    listed = ", ".join(items[:-1]) + " and " + items[-1]
    head = "Air defences destroyed "
    return f"{head}{total} drones: {listed}.", len(head), len(head) + len(f"{total} drones")


@fuzz(100)
@given(breakdowns())
def test_consistent_breakdown_is_verified(case):
    parts, regions = case
    text, start, end = breakdown_text(sum(parts), parts, regions)
    analysis = check_everything(text)
    assert analysis.findings == ()
    totals = [t for t in analysis.tallies if (t.total.span.start, t.total.span.end) == (start, end)]
    assert [t.status.value for t in totals] == ["consistent"], text


@fuzz(100)
@given(breakdowns(), st.data())
def test_one_part_off_by_one_is_flagged_on_the_total(case, data):
    parts, regions = case
    i = data.draw(st.integers(0, len(parts) - 1))
    delta = data.draw(st.sampled_from([-1, 1]))
    assume(parts[i] + delta >= 1)
    wrong = list(parts)
    wrong[i] += delta
    text, start, end = breakdown_text(sum(parts), wrong, regions)
    analysis = check_everything(text)
    flagged = [f for f in analysis.findings if (f.primary.start, f.primary.end) == (start, end)]
    assert [f.rule_id for f in flagged] == ["TC101"], text


@fuzz(100)
@given(breakdowns(), st.booleans(), st.randoms(use_true_random=False))
def test_shuffling_the_parts_keeps_the_verdict(case, off, rnd):
    parts, regions = case
    total = sum(parts) + (1 if off else 0)
    text, _, _ = breakdown_text(total, parts, regions)
    pairs = list(zip(parts, regions, strict=True))
    rnd.shuffle(pairs)
    shuffled, _, _ = breakdown_text(total, [p for p, _ in pairs], [r for _, r in pairs])
    verdict = [(f.rule_id, f.primary) for f in check_text(text).findings]
    assert verdict == [(f.rule_id, f.primary) for f in check_text(shuffled).findings]
    assert bool(verdict) == off


def test_positions_agree_with_crlf_and_lone_cr():
    assert positions("a\r\nb\rc\nd") == [(1, 1), (1, 2), (1, 3), (2, 1), (2, 2), (3, 1), (3, 2), (4, 1), (4, 2)]

