"""Inline suppression directives: find them, never apply them.

Markdown and HTML carry them in comments, plain text on a line of its own::

    <!-- tallycheck-disable TC101 TC102 -->   ...   <!-- tallycheck-enable -->
    <!-- tallycheck-disable-next-line TC1 -- figures quoted from the ministry -->
    tallycheck: disable-next-line TC101

A rule list is optional (empty means every rule) and ids may be prefixes (``TC1``). Text
after `` -- `` is a free-form reason. A comment or line whose rule list holds anything
that is not an id is not a directive, so prose that merely mentions the tool stays prose.
The engine decides what a directive covers; this module only reports where it is.
"""

from __future__ import annotations

import re

from ..offsets import LineIndex
from . import Directive

KINDS = ("disable-next-line", "disable", "enable")

# Compiled on first use (re caches them): most documents hold no directive at all.
_RULE_ID = r"[A-Za-z]+\d+"
_COMMENT_BODY = r"\s*tallycheck-(disable-next-line|disable|enable)(?![\w-])(.*)"
_TEXT_MARK = "tallycheck:"  # every plain-text directive line holds it
_TEXT_LINE = rf"[ \t]*(?:(?:#|//)[ \t]*)?{_TEXT_MARK}[ \t]*(disable-next-line|disable|enable)(?![\w-])(.*)"
_LINES = re.compile(r"[^\r\n]+")


def _rules(rest: str) -> tuple[str, ...] | None:
    """Upper-cased rule ids in ``rest`` (before any ``--`` reason), or None if malformed."""
    listed = rest.split("--", 1)[0]
    ids = [item for item in re.split(r"[\s,]+", listed) if item]
    if not all(re.fullmatch(_RULE_ID, item) for item in ids):
        return None
    return tuple(item.upper() for item in ids)


def parse_comment(body: str) -> tuple[str, tuple[str, ...]] | None:
    """Kind and rules of an HTML comment body (between ``<!--`` and ``-->``), or None."""
    m = re.fullmatch(_COMMENT_BODY, body, re.DOTALL)
    if m is None:
        return None
    rules = _rules(m.group(2))
    return None if rules is None else (m.group(1), rules)


def parse_text_line(line: str) -> tuple[str, tuple[str, ...]] | None:
    """Kind and rules of a plain-text directive line (``tallycheck: disable TC101``), or None."""
    m = re.fullmatch(_TEXT_LINE, line.rstrip())
    if m is None:
        return None
    rules = _rules(m.group(2))
    return None if rules is None else (m.group(1), rules)


def comment_directive(body: str, start: int, end: int, lines: LineIndex) -> Directive | None:
    """The directive a comment ``source[start:end]`` with text ``body`` states, if any."""
    parsed = parse_comment(body)
    if parsed is None:
        return None
    kind, rules = parsed
    return Directive(kind, rules, lines.position(start)[0], start, end)


def text_directives(text: str) -> tuple[Directive, ...]:
    """Directive lines of a plain-text document, with source offsets of the trimmed line."""
    if _TEXT_MARK not in text:
        return ()
    lines = LineIndex(text)
    out = []
    for m in _LINES.finditer(text):
        parsed = parse_text_line(m.group())
        if parsed is None:
            continue
        raw = m.group()
        start = m.start() + len(raw) - len(raw.lstrip())
        end = m.start() + len(raw.rstrip())
        out.append(Directive(parsed[0], parsed[1], lines.position(start)[0], start, end))
    return tuple(out)
