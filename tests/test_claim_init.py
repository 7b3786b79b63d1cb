"""``Claim.__init__`` is written out (compiled, the generated one would run interpreted): it must give
every field the default its declaration states, and each claim a list of places of its own."""

from __future__ import annotations

from dataclasses import MISSING, fields, replace

from checker.claims import Claim
from checker.intervals import Interval

POSITIONAL = ("index", "start", "end", "phrase_end", "value", "stated", "sentence", "block")


def test_every_field_starts_at_its_declared_default() -> None:
    given = (7, 120, 122, 139, Interval.exact(32), 32, 3, 1)
    claim = Claim(*given)
    declared = fields(Claim)
    assert len(declared) > len(POSITIONAL)
    for f in declared:
        if f.name in POSITIONAL:
            assert getattr(claim, f.name) == given[POSITIONAL.index(f.name)], f.name
        elif f.default is not MISSING:
            assert getattr(claim, f.name) == f.default, f.name
        else:
            assert getattr(claim, f.name) == f.default_factory(), f.name  # type: ignore[misc]


def test_the_keywords_set_their_fields() -> None:
    keywords = {"percent": True, "noun": "drone", "remainder": True, "additive": True, "article": True,
                "chamber": True, "label": "100%"}
    claim = Claim(0, 0, 3, 3, None, None, 0, 0, **keywords)
    assert {name: getattr(claim, name) for name in keywords} == keywords
    assert all(f.name in POSITIONAL or f.name in keywords or getattr(claim, f.name) in (False, None, "", [],
               frozenset()) for f in fields(Claim))


def test_every_field_is_a_keyword_and_replace_copies_them_all() -> None:
    claim = Claim(2, 40, 42, 60, Interval.exact(5), 5, 1, 0, noun="drone", total_cue=True, qualifiers=frozenset({"x"}))
    copy = replace(claim, value=Interval.exact(100), stated=100, places=[], label="100%")
    changed = {"value", "stated", "places", "label"}
    assert all(getattr(copy, f.name) == getattr(claim, f.name) for f in fields(Claim) if f.name not in changed)
    assert (copy.value, copy.stated, copy.label) == (Interval.exact(100), 100, "100%")


def test_each_claim_has_its_own_places() -> None:
    first, second = Claim(0, 0, 2, 2, None, None, 0, 0), Claim(1, 5, 7, 7, None, None, 0, 0)
    first.places.append("Kursk")  # type: ignore[arg-type]
    assert second.places == []


def test_claims_still_compare_by_their_fields() -> None:
    # (the dataclass's __eq__ is kept: the readers ask whether a claim is among a run's parts)
    assert Claim(4, 10, 12, 12, Interval.exact(4), 4, 0, 0) == Claim(4, 10, 12, 12, Interval.exact(4), 4, 0, 0)
    assert Claim(4, 10, 12, 12, Interval.exact(4), 4, 0, 0) != Claim(5, 10, 12, 12, Interval.exact(4), 4, 0, 0)
