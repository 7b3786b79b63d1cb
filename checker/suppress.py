"""Inline suppressions: apply a document's directives to its findings.

A finding is placed by the line of its primary span (the stated total).

- ``disable [ids]`` covers findings from the comment's line on, up to the first later
  ``enable`` that names the finding's rule (or names none); ``enable TC101`` after a bare
  ``disable`` re-enables TC101 only.
- ``disable-next-line [ids]`` covers the next line after the comment that has content
  (blank lines and lines holding only directives are skipped).
- ``ids`` are rule ids or prefixes (``TC1``); none means every rule.

Directives that suppressed nothing (or ids in them that matched nothing) are reported
by ``--report-unused-suppressions`` as info findings ``TC900 unused-suppression``; TC900
is not a registry check, renderers take its name and message from the finding.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from .model import Finding, Severity, Span
from .sources import Directive

UNUSED_RULE_ID = "TC900"
UNUSED_RULE_NAME = "unused-suppression"
DISABLE, ENABLE, NEXT_LINE = "disable", "enable", "disable-next-line"

_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # the line ends LineIndex counts


class _Lines:
    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]

    def line_of(self, offset: int) -> int:
        """1-based line of ``offset``."""
        return bisect_right(self.starts, offset)

    def count(self) -> int:
        return len(self.starts)

    def bounds(self, line: int) -> tuple[int, int]:
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.text)
        return start, end


class Unused(NamedTuple):
    """A directive that suppressed nothing; ``rules`` lists only the ids in it that matched
    nothing when others in it did (empty: the whole directive is unused)."""

    directive: Directive
    rules: tuple[str, ...] = ()


class Suppression(NamedTuple):
    kept: tuple[Finding, ...]
    suppressed: tuple[Finding, ...]
    unused: tuple[Unused, ...]


def _pattern(rules: Sequence[str], rule_id: str) -> str | None:
    """The directive's id that covers ``rule_id`` (longest prefix), ``""`` for all, or None."""
    if not rules:
        return ""
    rule_id = rule_id.upper()
    matching = [r.upper() for r in rules if rule_id.startswith(r.upper())]
    return max(matching, key=len) if matching else None


def _next_content_line(d: Directive, lines: _Lines, directives: Sequence[Directive]) -> int | None:
    """The first line after the one ``d`` ends on that has content besides directives."""
    line = lines.line_of(max(d.start, d.end - 1))
    while line < lines.count():
        line += 1
        start, end = lines.bounds(line)
        chars = list(lines.text[start:end])
        for other in directives:
            if other.start < end and other.end > start:
                for i in range(max(other.start, start), min(other.end, end)):
                    chars[i - start] = " "
        if "".join(chars).strip():
            return line
    return None


def apply_suppressions(findings: Sequence[Finding], directives: Sequence[Directive],
                       text: str) -> Suppression:
    """Split ``findings`` into kept and suppressed, and list the directives that did nothing."""
    ordered = sorted(directives, key=lambda d: d.start)
    if not ordered:
        return Suppression(tuple(findings), (), ())
    lines = _Lines(text)
    next_lines = {i: _next_content_line(d, lines, ordered)
                  for i, d in enumerate(ordered) if d.kind == NEXT_LINE}
    used: set[tuple[int, str]] = set()
    kept: list[Finding] = []
    suppressed: list[Finding] = []
    for f in findings:
        line = lines.line_of(f.primary.start)
        covered = False
        for i, d in enumerate(ordered):
            pattern = _pattern(d.rules, f.rule_id)
            if pattern is None:
                continue
            if d.kind == NEXT_LINE:
                hit = next_lines[i] == line
            elif d.kind == DISABLE:
                hit = lines.line_of(d.start) <= line and not any(
                    e.kind == ENABLE and d.start < e.start < f.primary.start
                    and _pattern(e.rules, f.rule_id) is not None for e in ordered[i + 1 :])
            else:
                continue
            if hit:
                covered = True
                used.add((i, pattern))
        (suppressed if covered else kept).append(f)
    return Suppression(tuple(kept), tuple(suppressed), _unused(ordered, used))


def _unused(ordered: Sequence[Directive], used: set[tuple[int, str]]) -> tuple[Unused, ...]:
    out = []
    for i, d in enumerate(ordered):
        if d.kind not in (DISABLE, NEXT_LINE):
            continue
        if not d.rules:
            if (i, "") not in used:
                out.append(Unused(d))
            continue
        idle = tuple(r for r in d.rules if (i, r.upper()) not in used)
        if len(idle) == len(d.rules):
            out.append(Unused(d))
        elif idle:
            out.append(Unused(d, idle))
    return tuple(out)


def _directive_text(d: Directive, text: str, limit: int = 80) -> str:
    shown = " ".join(text[d.start : d.end].split())
    if not shown:
        shown = f"tallycheck-{d.kind} {' '.join(d.rules)}".strip()
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def unused_findings(unused: Sequence[Unused], text: str) -> tuple[Finding, ...]:
    """One info finding (TC900) per unused directive, placed on the directive."""
    out = []
    for u in unused:
        shown = _directive_text(u.directive, text)
        which = f"{', '.join(u.rules)} in " if u.rules else ""
        message = f"{which}{shown} suppressed nothing"
        args = {"directive": shown, "rules": " ".join(u.rules or u.directive.rules)}
        out.append(Finding(UNUSED_RULE_ID, UNUSED_RULE_NAME, Severity.INFO, message,
                           Span(u.directive.start, u.directive.end), args=args))
    return tuple(out)
