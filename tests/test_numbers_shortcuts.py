"""The scanner's shortcuts give exactly what the pyparsing grammar gives, on generated text.

``NumberGrammar.scan(text)`` answers the common candidates (a plain number, a word that
cannot start one) without running the grammar; ``scan(text, shortcuts=False)`` runs it
everywhere. The two must agree on every mention: offsets, text, kind, value, hedge.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.lexicon import load_rule_data
from checker.numbers import grammar_for

GRAMMAR = grammar_for()
_NUMS = load_rule_data()["numbers"]


def _vocabulary() -> list[str]:
    """Every word the grammar knows, some look-alikes, and the digit forms it reads."""
    w = _NUMS["words"]
    words = [*w["units"], *w["teens"], *w["tens"], *w["scales"], *w["suffixes"], *w["dozen"], *w["phrases"],
             *_NUMS["vague"], *_NUMS["ordinals"]["words"], *_NUMS["percent"]["markers"], *_NUMS["hedges"]]
    words += [part for phrase in list(w["phrases"]) + list(_NUMS["hedges"]) for part in phrase.split()]
    words += ["between", "and", "a", "an", "of", "half", "to", "or", "from", "per", "cent", "drones", "tonnes",
              "organised", "people", "dozenth", "thousandfold", "Su", "COVID", "aged", "May", "km", "percentage",
              "points", "onE", "TWENTY", "Hundred", "fırst", "ſeven", "Ķ", "é", "Σ", "nine_", "ten$", "x"]
    digits = ["0", "1", "5", "12", "32", "100", "2024", "1,000", "1,0000", "12,345,678", "1.5", "0.25", "12th",
              "1st", "2nd", "3rd", "5k", "5K", "1.2bn", "3-1", "20-30", "30-20", "9:30", "٣", "²", "1.", "99.9"]
    return words + digits


_TOKENS = _vocabulary()
_GLUE = [" ", " ", " ", "  ", "\t", "\n", "\r\n", "", "-", "‐", "–", "—", ",", ", ", ". ", "%", " %", "'", "(", ")"]

texts = st.lists(st.tuples(st.sampled_from(_TOKENS), st.sampled_from(_GLUE)), min_size=1, max_size=14).map(
    lambda parts: "".join(a + b for a, b in parts))


def _scan(text: str, shortcuts: bool) -> object:
    try:
        return GRAMMAR.scan(text, shortcuts=shortcuts)
    except Exception as exc:  # the grammar's own failures must be the shortcuts' too
        return type(exc)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_shortcuts_agree_with_the_grammar(text: str) -> None:
    assert _scan(text, True) == _scan(text, False)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789 ,.-–%aAbnkKstdhorhundredtwoozenpcı\t\n"), max_size=40))
def test_shortcuts_agree_on_character_soup(text: str) -> None:
    assert _scan(text, True) == _scan(text, False)


def test_shortcuts_agree_on_the_examples_and_dev_set() -> None:
    root = Path(__file__).parent.parent
    docs = [p.read_text(encoding="utf-8") for p in sorted((root / "examples").iterdir())
            if p.suffix in (".txt", ".md")]
    dev = root.parent / "shared" / "eval" / "dev.jsonl"
    if dev.exists():
        docs += [json.loads(line)["text"] for line in dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    for doc in docs:
        for text in (doc, doc.upper(), doc.lower()):
            assert GRAMMAR.scan(text) == GRAMMAR.scan(text, shortcuts=False)


def test_shortcuts_agree_on_vague_plurals() -> None:
    # generated text rarely puts a hedge, a vague plural and "of" in a row
    for text in ("nearly dozens of drones", "up to hundreds of thousands of people", "more than Dozens  of",
                 "about thousands\nof homes", "dozens of% of", "scores ofthem", "dozens -of", "Dozens of-30",
                 "hundreds of thousands", "thousands of tens of thousands of", "around millions ofı"):
        assert GRAMMAR.scan(text) == GRAMMAR.scan(text, shortcuts=False), text


def test_shortcuts_agree_on_ranges_between() -> None:
    for text in ("between 3 and 9 March", "between 20 June and 24th August", "Between 1.2 million and 2 million",
                 "between 9 and 3", "between 20% and 30%", "between 20 and 30%", "between 5k and 10k",
                 "between 3 dozen and 4", "about between 3 and 9", "between 3and 9", "betweenness 3 and 4",
                 "between 1,000 and 2,500 people", "between 20-30 and 40", "between 3 and nine", "between\t4\nand 5",
                 "BETWEEN 35-thousand-418 and 40 thousand", "between 3 and 3", "between 2 and"):
        assert GRAMMAR.scan(text) == GRAMMAR.scan(text, shortcuts=False), text


def test_the_shortcuts_answer_the_common_cases() -> None:
    """The point of them: most candidates in news copy never reach the grammar."""
    quick = GRAMMAR._quick
    for snippet in ("32 drones", "1,697 people", "two drones", "12th", "second", "about 40 people", "33% of",
                    "14 to 937", "3-1 on Sunday", "22–23 April", "more than 33 million", "Forty-seven drones",
                    "dozens of drones", "Hundreds of thousands of people", "nearly thousands\tof",
                    "between 3 and 9 March", "between 20 June and 24 August"):
        assert quick(snippet) is not None, snippet
    assert quick("30 to 36", after_from=lambda: True) is not None  # "climbed from 30 to 36": no range after "from"
    for snippet in ("a drone", "in Kyiv", "over the city"):
        assert quick(snippet) is not None, snippet
