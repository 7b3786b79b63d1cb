"""The wordless-count trigger answers as the one regular expression it replaces would."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from checker.lexicon import load_rule_data
from checker.vocab import vocab_for

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EDGES = [
    "The rest were intercepted.", "Another was shot down.", "an unmanned aerial vehicle of the aircraft type",
    "A UAV's wreckage", "a one two three four drone", "a one two three four five drone", "a drone-strike",
    "a 'drone' fell", "A   DRONES", "an  drone", "with a\ndrone", "a Kyïv drone", "a dronés", "an İstanbul drones",
    "a single missile", "banana drone", "a", "an", "", "Kursk, a drone", "4 drones, a missile",
]


def reference() -> re.Pattern[str]:
    """The expression the trigger used to be, built from the same rules."""
    data = load_rule_data(())
    words = {w for p in data["cues"]["remainder"]["phrases"] for w in p.split() if w != "the"}
    words |= {"another", "single", "others"}
    words |= {p for p in data["cues"]["additive"]["openers"] if " " in p or len(p) > 5}
    forms = sorted({f.split()[0] for u in data["units"]["units"].values() for f in u["forms"]}, key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, sorted(words)))})\b"
                      rf"|\b(?:a|an)\s+(?:[\w'’-]+\s+){{0,4}}?(?:{'|'.join(map(re.escape, forms))})\b", re.IGNORECASE)


@pytest.mark.parametrize("text", EDGES)
def test_edge_cases(text: str) -> None:
    assert vocab_for(()).wordless_trigger.search(text, 0, len(text)) == bool(reference().search(text, 0, len(text)))


def test_every_stretch_of_the_examples() -> None:
    trigger, expected = vocab_for(()).wordless_trigger, reference()
    rng = random.Random(7)
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.iterdir()) if p.suffix in (".txt", ".md", ".html")]
    hits = 0
    for text in texts:
        for _ in range(400):
            a = rng.randrange(len(text))
            b = rng.randrange(a, min(len(text), a + 400) + 1)
            want = bool(expected.search(text, a, b))
            assert trigger.search(text, a, b) == want, text[a:b]
            hits += want
    assert hits > 100  # the stretches did reach the trigger's words, not only misses
