"""Checking a long document stretch by stretch gives the same result as checking it whole."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from checker import chunks
from checker.engine import Engine
from checker.sources import plain_source

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _document() -> str:
    stories = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    return "\n\n".join(stories * 12)  # about 70 KB, a few hundred tallies


def _summary(analysis) -> tuple:
    return (tuple((t.status, t.total.span, tuple(p.quantity.span for p in t.parts)) for t in analysis.tallies),
            tuple((f.rule_id, f.primary, f.message) for f in analysis.findings))


@pytest.mark.parametrize("core", [3_000, 10_000, 25_000])
def test_stretches_give_the_whole_document_result(monkeypatch: pytest.MonkeyPatch, core: int) -> None:
    text = _document()
    whole = Engine().analyse(plain_source(text))
    assert len(whole.tallies) > 100
    monkeypatch.setattr(chunks, "CORE_CHARS", core)
    stretched = Engine().analyse(plain_source(text))
    assert _summary(stretched) == _summary(whole)


def test_plan_covers_every_sentence_once_as_core() -> None:
    from checker.segment import segmenter_for

    text = _document()
    seg = segmenter_for()
    sentences = seg.sentences(text, seg.blocks(text))
    stretches = chunks.plan(sentences, core_chars=5_000)
    assert len(stretches) > 5
    assert stretches[0].core_lo == 0 and stretches[-1].core_hi == len(sentences)
    for a, b in itertools.pairwise(stretches):
        assert a.core_hi == b.core_lo
        assert b.lo < b.core_lo and a.hi > a.core_hi  # margins on inner edges
        assert sentences[b.core_lo].block != sentences[b.core_lo - 1].block  # cut between paragraphs


def test_one_huge_paragraph_is_still_cut() -> None:
    from checker.segment import segmenter_for

    text = " ".join(["Air defences destroyed 9 drones: 4 over Kursk and 5 over Oryol."] * 3_000)
    seg = segmenter_for()
    sentences = seg.sentences(text, seg.blocks(text))
    stretches = chunks.plan(sentences, core_chars=20_000)
    assert len(stretches) > 5
    assert all(s.core_hi > s.core_lo for s in stretches)


def test_skipping_sentences_without_counts_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    from cases_support import all_cases

    from checker import engine

    texts = [_document()] + [c.body for c in all_cases() if c.path.suffix == ".txt"]
    selective = [_summary(Engine().analyse(plain_source(t))) for t in texts]
    monkeypatch.setattr(engine, "SELECTIVE", False)
    assert [_summary(Engine().analyse(plain_source(t))) for t in texts] == selective
