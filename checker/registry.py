"""The checks: ids, names, severities, messages and docs, all read from ``rules/checks``.

One TOML file per check is its single home (id, name, family, severity, message
template, why, fix, passing and failing examples); ``tallycheck --list-rules`` and
``--explain`` print from here and the meta-tests run every example.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from functools import cache
from typing import Any, NamedTuple

from .lexicon import RuleData, RulesError, load_rule_data
from .model import Severity

_REQUIRED = ("id", "name", "family", "severity", "summary", "message", "why")


class Example(NamedTuple):
    expect: str  # "fail" or "pass"
    text: str
    primary: str | None = None


class Check(NamedTuple):
    id: str
    name: str
    family: str
    severity: Severity
    summary: str
    message: str
    why: str
    fix: str
    examples: tuple[Example, ...]

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(f for _, f, _, _ in string.Formatter().parse(self.message) if f)

    def render(self, args: Mapping[str, Any]) -> str:
        return self.message.format(**args)


class Registry:
    """All checks by id, with lookup by the family the engine reports."""

    def __init__(self, data: RuleData) -> None:
        checks: dict[str, Check] = {}
        for check_id, spec in sorted(data.checks.items()):
            missing = [k for k in _REQUIRED if k not in spec]
            if missing:
                raise RulesError(f"check {check_id}: missing {', '.join(missing)}")
            try:
                severity = Severity(spec["severity"])
            except ValueError:
                raise RulesError(f"check {check_id}: unknown severity {spec['severity']!r}") from None
            examples = tuple(Example(e["expect"], e["text"], e.get("primary")) for e in spec.get("examples", ()))
            checks[check_id] = Check(check_id, spec["name"], spec["family"], severity, spec["summary"].strip(),
                                     spec["message"].strip(), spec["why"].strip(), spec.get("fix", "").strip(),
                                     examples)
        self.checks = checks
        self._by_family = {c.family: c for c in checks.values()}

    def __iter__(self):
        return iter(self.checks.values())

    def get(self, check_id: str) -> Check | None:
        return self.checks.get(check_id.upper())

    def for_family(self, family: str) -> Check:
        return self._by_family[family]


@cache
def registry_for(extra_folders: tuple[str, ...] = ()) -> Registry:
    return Registry(load_rule_data(extra_folders))
