"""Every check documents itself and its examples behave as stated; the rule data is sound."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from checker.engine import check_text
from checker.lexicon import PhraseSet, load_rule_data, phrase_tokens
from checker.registry import registry_for

REGISTRY = registry_for()
CHECKS = list(REGISTRY)
EXAMPLES = [(c, e) for c in CHECKS for e in c.examples]


def test_the_six_families_are_covered() -> None:
    families = {c.family for c in CHECKS}
    assert {"sum", "subset", "restated", "distributive", "share", "hierarchy"} <= families


@pytest.mark.parametrize("check", CHECKS, ids=[c.id for c in CHECKS])
def test_check_is_documented(check) -> None:
    assert check.id.startswith("TC") and check.id[2:].isdigit()
    assert check.name == check.name.lower() and " " not in check.name, "names are kebab-case"
    assert check.summary and check.why and check.fix
    assert any(e.expect == "fail" for e in check.examples), "a failing example"
    assert any(e.expect == "pass" for e in check.examples), "a passing example"
    args = {f: "x" for f in check.fields}
    assert check.render(args)  # the template renders with its own fields


@pytest.mark.parametrize(("check", "example"), EXAMPLES,
                         ids=[f"{c.id}-{e.expect}-{n}" for n, (c, e) in enumerate(EXAMPLES)])
def test_example_behaves_as_stated(check, example) -> None:
    analysis = check_text(example.text)
    mine = [f for f in analysis.findings if f.rule_id == check.id]
    if example.expect == "fail":
        assert mine, f"{check.id} should flag: {example.text!r}"
        if example.primary:
            assert example.primary in [example.text[f.primary.start : f.primary.end] for f in mine]
        for f in mine:
            assert f.severity == check.severity
            assert f.arithmetic
    else:
        assert not mine, f"{check.id} should not flag: {example.text!r} ({[f.message for f in mine]})"


def test_every_check_has_an_article_case() -> None:
    from cases_support import all_cases

    flagged = {e["rule"] for c in all_cases() for e in c.expect}
    assert {c.id for c in CHECKS} <= flagged


def test_rule_files_parse_and_have_no_duplicate_phrases() -> None:
    root = resources.files("checker.rules")
    for entry in root.iterdir():
        if entry.name.endswith(".toml"):
            tomllib.loads(entry.read_text(encoding="utf-8"))
    data = load_rule_data()
    for name, unit in data["units"]["units"].items():
        forms = [phrase_tokens(f) for f in unit["forms"]]
        assert len(forms) == len(set(forms)), f"duplicate form in unit {name}"
    seen: dict[tuple[str, ...], str] = {}
    for name, unit in data["units"]["units"].items():
        for form in unit["forms"]:
            key = phrase_tokens(form)
            assert seen.setdefault(key, name) == name, f"{form!r} is a form of {seen[key]} and {name}"
    for section in ("before", "after"):
        PhraseSet({p: e for e, ps in data["events"][section].items() for p in ps})
    parents = {u.get("parent") for u in data["units"]["units"].values()} - {None}
    assert parents <= set(data["units"]["units"]), "every parent unit is defined"
