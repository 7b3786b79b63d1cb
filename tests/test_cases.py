"""Every article in tests/cases/ gives exactly the findings its front matter lists."""

from __future__ import annotations

import pytest
from cases_support import Case, all_cases, analyse, text_of

CASES = all_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case: Case) -> None:
    analysis = analyse(case)
    found = {(f.rule_id, text_of(case, f.primary)): f for f in analysis.findings}
    expected = {(e["rule"], e["primary"]) for e in case.expect}
    allowed = expected | {(t["rule"], t["primary"]) for t in case.todo}
    unexpected = set(found) - allowed
    missing = expected - set(found)
    assert not unexpected, f"unexpected findings: {[(k, found[k].message) for k in sorted(unexpected)]}"
    assert not missing, f"missing findings: {sorted(missing)}"
    for e in case.expect:
        finding = found[(e["rule"], e["primary"])]
        related = [text_of(case, r.span) for r in finding.related]
        for want in e.get("related", []):
            assert any(r == want or r.startswith(want) for r in related), (want, related)
        assert finding.arithmetic, "every finding shows its arithmetic"
        if "message" in e:
            assert finding.message == e["message"], (e["message"], finding.message)
    for t in case.tallies:
        statuses = [x.status.value for x in analysis.tallies if text_of(case, x.total.span) == t["total"]]
        if t["status"] == "none":
            assert not statuses, f"tally {t['total']!r}: want none, found {statuses}"
        else:
            assert t["status"] in statuses, f"tally {t['total']!r}: want {t['status']}, found {statuses}"


def test_every_family_has_cases() -> None:
    families = {c.path.parent.name for c in CASES}
    assert {"sum", "subset", "restated", "distributive", "share", "hierarchy", "clean"} <= families
