"""``--format sarif``: a SARIF 2.1.0 log for GitHub code scanning and other SARIF viewers.

One run. ``tool.driver.rules`` lists every check from the registry; each finding is a
result whose single ``locations`` entry is the stated total (the schema reserves several
locations for fixes that need all of them) and whose ``relatedLocations`` are the parts,
labelled. Files that could not be read are tool execution notifications.

Columns are 1-based code points, as in the JSON format; ``columnKind`` says so
explicitly (2.1.0 defaults to ``unicodeCodePoints``, but some consumers assume UTF-16)
and ``newlineSequences`` lists the lone CR that :class:`LineIndex` also counts as a line
break. ``charOffset``/``charLength`` are left out: offsets are into the decoded text, which
differs from the file's characters when it starts with a byte order mark.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from ..model import FileReport, Finding, Severity, Span
from ..offsets import LineIndex
from ..registry import Check, Registry
from . import RenderContext
from .concise_format import error_detail

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/tallycheck/tallycheck"
FINGERPRINT_KEY = "tallycheckTotal/v1"  # bump the suffix only if the hashed text changes
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _paragraphs(s: str) -> str:
    """Rule docs are hard-wrapped in TOML; viewers wrap text themselves."""
    return "\n\n".join(" ".join(p.split()) for p in re.split(r"\n\s*\n", s.strip()) if p.strip())


def _message(text: str) -> dict[str, str]:
    """A plain-text message; brackets are escaped only where they could read as a SARIF link."""
    if re.search(r"\]\(", text):
        text = re.sub(r"([\\\[\]])", r"\\\1", text)
    return {"text": text}


def rule_json(check: Check) -> dict[str, Any]:
    help_text = _paragraphs(check.why) + (f"\n\nFix: {_paragraphs(check.fix)}" if check.fix else "")
    return {
        "id": check.id,
        "name": check.name,
        "shortDescription": {"text": check.summary},
        "fullDescription": {"text": _paragraphs(check.why)},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": LEVELS[check.severity]},
        "properties": {"tags": ["tallycheck", check.family]},
    }


def artifact_location(path: str) -> dict[str, Any]:
    """A relative path stays relative to the checkout (``%SRCROOT%``); absolute paths are file URIs."""
    if path == "-":
        return {"description": {"text": "standard input"}}
    if os.path.isabs(path):
        return {"uri": PurePath(path).as_uri()}
    name = path.replace(os.sep, "/").encode("utf-8", "surrogateescape")  # an undecodable name: its own bytes
    return {"uri": quote(name, safe="/"), "uriBaseId": "%SRCROOT%"}


def region(span: Span, text: str, index: LineIndex) -> dict[str, Any]:
    """Lines and columns are 1-based; ``endColumn`` is the column just after the last character."""
    n = len(text)
    start, end = min(max(span.start, 0), n), min(max(span.end, 0), n)
    line, column = index.position(start)
    if end > start:
        end_line, end_column = index.position(end - 1)
        end_column += 1
    else:
        end_line, end_column = line, column
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column,
            "snippet": {"text": text[start:end]}}


def _location(path: str, span: Span, text: str, index: LineIndex) -> dict[str, Any]:
    return {"physicalLocation": {"artifactLocation": artifact_location(path),
                                 "region": region(span, text, index)}}


def fingerprint_text(rule_id: str, total: str) -> str:
    """The text a fingerprint hashes: rule and total, free of case, width and spacing changes."""
    normal = " ".join(unicodedata.normalize("NFKC", total).casefold().split())
    return f"{rule_id}\x00{normal}"


def result_json(f: Finding, path: str, text: str, index: LineIndex, rule_index: dict[str, int],
                seen: dict[str, int]) -> dict[str, Any]:
    digest = hashlib.sha256(fingerprint_text(f.rule_id, text[f.primary.start : f.primary.end])
                            .encode("utf-8", "surrogatepass"))  # text decoded with --encoding utf-7 may hold lone ones
    key = digest.hexdigest()
    seen[key] = seen.get(key, 0) + 1  # the same total flagged twice in one file: :1, :2 (as CodeQL)
    result: dict[str, Any] = {
        "ruleId": f.rule_id,
        "ruleIndex": rule_index[f.rule_id],
        "level": LEVELS[f.severity],
        "message": _message("\n".join((f.message, *f.arithmetic))),
        "locations": [_location(path, f.primary, text, index)],
        "partialFingerprints": {FINGERPRINT_KEY: f"{key}:{seen[key]}"},
    }
    if f.related:
        result["relatedLocations"] = [{"id": i, **_location(path, r.span, text, index),
                                       "message": _message(r.label)}
                                      for i, r in enumerate(f.related, start=1)]
    return result


def _unregistered_rule(f: Finding) -> dict[str, Any]:
    """A rule the registry does not hold (TC900 unused-suppression): named by its finding."""
    return {"id": f.rule_id, "name": f.rule_name, "shortDescription": {"text": f.rule_name.replace("-", " ")},
            "defaultConfiguration": {"level": LEVELS[f.severity]}, "properties": {"tags": ["tallycheck"]}}


def document(reports: Sequence[FileReport], ctx: RenderContext) -> dict[str, Any]:
    registry: Registry = ctx.registry
    rules = [rule_json(c) for c in registry]
    rule_index = {r["id"]: i for i, r in enumerate(rules)}
    for report in reports:
        for f in report.analysis.findings:
            if f.rule_id not in rule_index:
                rule_index[f.rule_id] = len(rules)
                rules.append(_unregistered_rule(f))
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for report in reports:
        if report.error is not None:
            notifications.append({
                "level": "error",
                "message": _message(f"could not read {report.path}: {error_detail(report)}"),
                "locations": [{"physicalLocation": {"artifactLocation": artifact_location(report.path)}}],
            })
            continue
        index = LineIndex(report.text)
        seen: dict[str, int] = {}
        for f in report.analysis.findings:
            results.append(result_json(f, report.path, report.text, index, rule_index, seen))
    invocation: dict[str, Any] = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    driver = {
        "name": "tallycheck",
        "version": ctx.version,
        "informationUri": ctx.options.get("information_uri", INFORMATION_URI),
        "rules": rules,
    }
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver},
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "newlineSequences": ["\r\n", "\n", "\r"],
            "results": results,
        }],
    }


def render(reports: Sequence[FileReport], ctx: RenderContext) -> str:
    return json.dumps(document(reports, ctx), ensure_ascii=False, indent=2) + "\n"
