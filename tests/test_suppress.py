"""Inline suppressions applied to findings, tested with hand-built directives and real ones."""

import pytest

from checker.model import Finding, Severity, Span
from checker.sources import Directive, SourceText, directives, plain_source
from checker.suppress import UNUSED_RULE_ID, UNUSED_RULE_NAME, Unused, apply_suppressions, unused_findings

TEXT = """\
Line one has 40 residents.
<!-- tallycheck-disable-next-line TC101 -->

Line four has 12 drones.
<!-- tallycheck-disable -->
Line six has 20 drones.
<!-- tallycheck-enable TC101 -->
Line eight has 25 drones.
<!-- tallycheck-enable -->
Line ten has 30 drones.
"""


def at(text: str, needle: str, rule: str = "TC101") -> Finding:
    start = text.index(needle)
    return Finding(rule, "name", Severity.ERROR, f"{rule} at {needle}", Span(start, start + len(needle)))


def directive(text: str, comment: str, kind: str, rules: tuple[str, ...] = (), nth: int = 0) -> Directive:
    start = -1
    for _ in range(nth + 1):
        start = text.index(comment, start + 1)
    line = text.count("\n", 0, start) + 1
    return Directive(kind, rules, line, start, start + len(comment))


def directives_of(text: str) -> tuple[Directive, ...]:
    return (
        directive(text, "<!-- tallycheck-disable-next-line TC101 -->", "disable-next-line", ("TC101",)),
        directive(text, "<!-- tallycheck-disable -->", "disable"),
        directive(text, "<!-- tallycheck-enable TC101 -->", "enable", ("TC101",)),
        directive(text, "<!-- tallycheck-enable -->", "enable"),
    )


def test_next_line_skips_blank_lines_and_ranges_close_per_rule():
    findings = (
        at(TEXT, "40 residents"),
        at(TEXT, "12 drones"),
        at(TEXT, "12 drones", "TC104"),
        at(TEXT, "20 drones"),
        at(TEXT, "20 drones", "TC104"),
        at(TEXT, "25 drones"),
        at(TEXT, "25 drones", "TC104"),
        at(TEXT, "30 drones"),
    )
    result = apply_suppressions(findings, directives_of(TEXT), TEXT)
    kept = [(f.rule_id, TEXT[f.primary.start:f.primary.end]) for f in result.kept]
    assert kept == [
        ("TC101", "40 residents"),  # before every directive
        ("TC104", "12 drones"),  # the next-line directive names TC101 only
        ("TC101", "25 drones"),  # "enable TC101" re-enabled TC101 only
        ("TC101", "30 drones"),  # after the bare enable
    ]
    assert len(result.suppressed) == 4
    assert result.unused == ()


def test_prefixes_and_empty_lists_cover_rules():
    text = "<!-- tallycheck-disable TC1 -->\n12 drones\n"
    d = directive(text, "<!-- tallycheck-disable TC1 -->", "disable", ("TC1",))
    result = apply_suppressions((at(text, "12 drones"), at(text, "12 drones", "TC204")), (d,), text)
    assert [f.rule_id for f in result.kept] == ["TC204"]


def test_disable_without_enable_runs_to_the_end_and_not_backwards():
    text = "first 40 residents\n<!-- tallycheck-disable -->\nsecond 12 drones\n\n\nthird 20 drones\n"
    d = directive(text, "<!-- tallycheck-disable -->", "disable")
    result = apply_suppressions((at(text, "40 residents"), at(text, "12 drones"), at(text, "20 drones")), (d,), text)
    assert [text[f.primary.start:f.primary.end] for f in result.kept] == ["40 residents"]


def test_disable_and_enable_on_one_line_cover_what_lies_between():
    text = "<!-- tallycheck-disable --> 12 drones <!-- tallycheck-enable --> 20 drones\n"
    ds = (directive(text, "<!-- tallycheck-disable -->", "disable"),
          directive(text, "<!-- tallycheck-enable -->", "enable"))
    result = apply_suppressions((at(text, "12 drones"), at(text, "20 drones")), ds, text)
    assert [text[f.primary.start:f.primary.end] for f in result.kept] == ["20 drones"]


def test_next_line_skips_a_line_holding_only_another_directive():
    text = ("<!-- tallycheck-disable-next-line TC101 -->\n"
            "<!-- tallycheck-disable-next-line TC104 -->\n"
            "12 drones\n")
    ds = (directive(text, "<!-- tallycheck-disable-next-line TC101 -->", "disable-next-line", ("TC101",)),
          directive(text, "<!-- tallycheck-disable-next-line TC104 -->", "disable-next-line", ("TC104",)))
    result = apply_suppressions((at(text, "12 drones"), at(text, "12 drones", "TC104")), ds, text)
    assert result.kept == ()
    assert result.unused == ()


def test_next_line_covers_only_one_line():
    text = "<!-- tallycheck-disable-next-line -->\n12 drones\n20 drones\n"
    d = directive(text, "<!-- tallycheck-disable-next-line -->", "disable-next-line")
    result = apply_suppressions((at(text, "12 drones"), at(text, "20 drones")), (d,), text)
    assert [text[f.primary.start:f.primary.end] for f in result.kept] == ["20 drones"]


def test_crlf_line_ends_count_like_the_renderers():
    text = "<!-- tallycheck-disable-next-line -->\r\n\r\n12 drones\r\n20 drones\r\n"
    d = directive(text, "<!-- tallycheck-disable-next-line -->", "disable-next-line")
    result = apply_suppressions((at(text, "12 drones"), at(text, "20 drones")), (d,), text)
    assert [text[f.primary.start:f.primary.end] for f in result.kept] == ["20 drones"]


def test_unused_directives_and_unused_ids_are_listed():
    text = ("<!-- tallycheck-disable-next-line TC101 TC104 -->\n12 drones\n"
            "<!-- tallycheck-disable-next-line TC105 -->\n20 drones\n"
            "<!-- tallycheck-disable-next-line -->\n\n")
    ds = (directive(text, "<!-- tallycheck-disable-next-line TC101 TC104 -->", "disable-next-line", ("TC101", "TC104")),
          directive(text, "<!-- tallycheck-disable-next-line TC105 -->", "disable-next-line", ("TC105",)),
          directive(text, "<!-- tallycheck-disable-next-line -->", "disable-next-line"))
    result = apply_suppressions((at(text, "12 drones"), at(text, "20 drones")), ds, text)
    assert [text[f.primary.start:f.primary.end] for f in result.kept] == ["20 drones"]
    assert result.unused == (Unused(ds[0], ("TC104",)), Unused(ds[1]), Unused(ds[2]))


def test_enable_directives_are_never_unused():
    text = "<!-- tallycheck-enable -->\n12 drones\n"
    d = directive(text, "<!-- tallycheck-enable -->", "enable")
    assert apply_suppressions((at(text, "12 drones"),), (d,), text).unused == ()


def test_unused_findings_name_the_directive():
    text = "intro\n<!-- tallycheck-disable   TC104 -->\nbody\n"
    d = directive(text, "<!-- tallycheck-disable   TC104 -->", "disable", ("TC104",))
    (f,) = unused_findings((Unused(d),), text)
    assert (f.rule_id, f.rule_name, f.severity) == (UNUSED_RULE_ID, UNUSED_RULE_NAME, Severity.INFO)
    assert f.primary == Span(d.start, d.end)
    assert "<!-- tallycheck-disable TC104 -->" in f.message
    (g,) = unused_findings((Unused(d, ("TC104",)),), text)
    assert g.message.startswith("TC104 in <!--")


def test_no_directives_keeps_everything():
    findings = (at(TEXT, "12 drones"),)
    assert apply_suppressions(findings, (), TEXT).kept == findings


# --- through the runner, with a hand-built SourceText and with real plain-text directives ---

FAIL = ("Air defences destroyed 20 drones: 8 over the Kursk region, 5 over the Belgorod region "
        "and 4 over the Bryansk region.")


def test_review_applies_hand_built_directives_before_selection():

    from checker.config import default_config
    from checker.engine import Engine
    from checker.runner import review

    text = f"Intro.\n<!-- tallycheck-disable-next-line TC101 -->\n{FAIL}\n\n{FAIL}\n<!-- tallycheck-disable TC105 -->\n"
    source = plain_source(text)._replace(format="markdown", directives=(
        directive(text, "<!-- tallycheck-disable-next-line TC101 -->", "disable-next-line", ("TC101",)),
        directive(text, "<!-- tallycheck-disable TC105 -->", "disable", ("TC105",)),
    ))
    analysis = Engine().analyse(source)
    assert [f.rule_id for f in analysis.findings] == ["TC101", "TC101"]
    config = default_config(".")._replace(report_unused_suppressions=True)
    reviewed = review(analysis, source, config)
    assert [(f.rule_id, text.count("\n", 0, f.primary.start) + 1) for f in reviewed.findings] == [
        ("TC101", 5), ("TC900", 6)]
    quiet = review(analysis, source, config._replace(report_unused_suppressions=False, ignore=("TC101",)))
    assert quiet.findings == ()


def test_plain_text_directives_are_read_by_the_runner():
    from checker.runner import directives_of

    text = f"tallycheck: disable-next-line TC101\n{FAIL}\n"
    ds = directives_of(plain_source(text))
    assert [(d.kind, d.rules) for d in ds] == [("disable-next-line", ("TC101",))]
    assert isinstance(plain_source(text), SourceText)


@pytest.mark.parametrize("kind", ["disable", "enable", "disable-next-line"])
def test_directive_kinds_match_the_reader(kind):
    assert kind in directives.KINDS
