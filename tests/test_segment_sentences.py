"""Sentence boundaries are looked for only at the marks that can end a sentence: the same
boundaries as trying the pattern at every character, as ``re.finditer`` does."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.segment import segmenter_for

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TRICKY = [
    "Gen. Smith said 3.5 million people... were hit. \"We lost 12!\" he said. Was it 14? No.",
    "The U.S. and U.K. sent aid.Another sentence. Troops of the 3rd Bn. arrived at 9 a.m. Then rain…"
    "Then more… “Quoted.” (Aside.) [Note.] End",
    "Ended?!  Next one.\nA new line. 42. 7 more. Prices rose 4.2%. Done!!! ... ?",
]


@pytest.mark.parametrize("text", TRICKY + [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))])
def test_boundaries_at_marks_are_the_patterns_own(text: str) -> None:
    seg = segmenter_for()
    for start, end in ((0, len(text)), (5, len(text) - 3), (len(text) // 3, 2 * len(text) // 3)):
        expected = [m.span() for m in seg._ends.finditer(text, start, end)]
        assert [m.span() for m in seg._boundaries_at_marks(text, start, end)] == expected
    assert len(list(seg._ends.finditer(text))) >= 2  # (every text has boundaries to compare)


def test_sentences_split_at_marks_not_at_abbreviations_or_decimals() -> None:
    text = "Gen. Smith said 3.5 million people were hit. Officials counted 12 dead! Was it 14? Yes."
    seg = segmenter_for()
    sentences = [text[s.start : s.end] for s in seg.sentences(text, seg.blocks(text))]
    assert sentences == ["Gen. Smith said 3.5 million people were hit.", "Officials counted 12 dead!",
                         "Was it 14?", "Yes."]
