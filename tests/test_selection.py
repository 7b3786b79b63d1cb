"""select/ignore by prefix (longest wins, ignore wins ties) and per-rule severities."""

import pytest

from checker.model import Finding, Severity, Span
from checker.selection import ALL, Selector, longest_match, select_findings, unknown_codes

KNOWN = ("TC101", "TC102", "TC103", "TC104", "TC105", "TC106")


def finding(rule_id: str, severity: Severity = Severity.ERROR) -> Finding:
    return Finding(rule_id, "name", severity, "message", Span(0, 1))


@pytest.mark.parametrize(("select", "ignore", "rule", "enabled"), [
    ((ALL,), (), "TC101", True),
    ((ALL,), ("TC1",), "TC101", False),
    (("TC1",), ("TC104",), "TC101", True),
    (("TC1",), ("TC104",), "TC104", False),
    (("TC104",), ("TC1",), "TC104", True),  # the longer select beats the shorter ignore
    (("TC104",), ("TC1",), "TC101", False),
    (("TC101",), ("TC101",), "TC101", False),  # equal length: ignore wins
    (("TC",), ("TC",), "TC101", False),
    (("TC10",), (), "TC106", True),
    (("TC102",), (), "TC101", False),  # not selected at all
    ((), (), "TC101", False),
    ((ALL,), (ALL,), "TC101", False),
    (("TC1",), (ALL,), "TC101", True),
])
def test_longest_prefix_decides(select, ignore, rule, enabled):
    assert Selector(select, ignore).enabled(rule) is enabled


def test_longest_match_is_minus_one_without_a_match():
    assert longest_match("TC101", ("TC2", "TC3")) == -1
    assert longest_match("TC101", (ALL,)) == 0
    assert longest_match("tc101", ("TC10", "TC1")) == 4


def test_unknown_codes_accepts_prefixes_and_all():
    assert unknown_codes(("TC", "TC1", "TC10", "TC104", ALL), KNOWN) == []
    assert unknown_codes(("TC2", "TC1010", "XY", ""), KNOWN) == ["TC2", "TC1010", "XY", ""]


def test_select_findings_drops_disabled_and_overrides_severity():
    findings = (finding("TC101"), finding("TC104", Severity.WARNING), finding("TC105"))
    kept = select_findings(findings, Selector(("TC1",), ("TC105",)), {"TC104": Severity.ERROR})
    assert [(f.rule_id, f.severity) for f in kept] == [("TC101", Severity.ERROR), ("TC104", Severity.ERROR)]


def test_select_findings_keeps_the_same_object_when_nothing_changes():
    f = finding("TC101")
    assert select_findings((f,), Selector(), {"TC101": Severity.ERROR})[0] is f
