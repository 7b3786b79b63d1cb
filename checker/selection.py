"""Which checks run, and at what severity: ``select``/``ignore`` by prefix, per-rule overrides.

Resolution follows flake8's DecisionEngine and ruff: for a rule id, the longest
matching prefix in ``select`` is compared with the longest in ``ignore``; the longer
one decides, and ``ignore`` wins a tie. ``ALL`` is the empty prefix (matches every id).

>>> Selector(select=("TC1",), ignore=("TC104",)).enabled("TC101")
True
>>> Selector(select=("TC104",), ignore=("TC1",)).enabled("TC104")
True
>>> Selector(select=("TC101",), ignore=("TC101",)).enabled("TC101")
False
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from .model import Finding, Severity

ALL = "ALL"


def normalize_code(code: str) -> str:
    """Upper-case a rule id or prefix; ``ALL`` (any case) stays ``ALL``."""
    return code.strip().upper()


def _prefix(code: str) -> str:
    return "" if code == ALL else code


def longest_match(rule_id: str, codes: Iterable[str]) -> int:
    """Length of the longest code in ``codes`` that ``rule_id`` starts with; -1 if none."""
    rule_id = rule_id.upper()
    return max((len(_prefix(c)) for c in codes if rule_id.startswith(_prefix(c))), default=-1)


def unknown_codes(codes: Iterable[str], known_ids: Iterable[str]) -> list[str]:
    """The codes that are neither ``ALL`` nor a prefix of some known rule id."""
    known = [k.upper() for k in known_ids]
    return [c for c in codes if c != ALL and (not c or not any(k.startswith(c) for k in known))]


class Selector(NamedTuple):
    """The select/ignore decision for rule ids (codes already normalized)."""

    select: tuple[str, ...] = (ALL,)
    ignore: tuple[str, ...] = ()

    def enabled(self, rule_id: str) -> bool:
        chosen = longest_match(rule_id, self.select)
        if chosen < 0:
            return False
        return chosen > longest_match(rule_id, self.ignore)


def select_findings(findings: Sequence[Finding], selector: Selector,
                    severities: Mapping[str, Severity] | None = None) -> tuple[Finding, ...]:
    """Drop findings of rules that are not enabled, then apply per-rule severity overrides."""
    severities = severities or {}
    out = []
    for f in findings:
        if not selector.enabled(f.rule_id):
            continue
        severity = severities.get(f.rule_id.upper())
        out.append(f._replace(severity=severity) if severity and severity != f.severity else f)
    return tuple(out)
