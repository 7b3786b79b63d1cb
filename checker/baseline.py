"""Baselines: record today's findings so that only new ones are reported.

A finding's fingerprint is a hash of its rule id, the whitespace-normalized text of
its primary span (the stated total) and the whitespace-normalized text of the source
line(s) holding it. No line numbers: inserting lines above a known finding leaves it
known, while editing the sentence that states the total (or the total) makes it new.
Identical fingerprints in one file are counted, so a third copy of a twice-recorded
finding is reported. Paths are stored relative to the baseline file's folder, in POSIX
form, so the file works from any working directory.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from .model import FileReport, Finding

SCHEMA_VERSION = 1
STDIN = "-"


class BaselineError(Exception):
    """A missing or malformed baseline file; ``str()`` is the one-line message."""


def _normalize(text: str) -> str:
    return " ".join(text.split())


def line_context(finding: Finding, text: str) -> str:
    """The source lines that hold the finding's primary span, whitespace-normalized."""
    start, end = finding.primary.start, max(finding.primary.start, finding.primary.end - 1)
    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    ends = [i for i in (text.find("\n", end), text.find("\r", end)) if i >= 0]
    line_end = min(ends) if ends else len(text)
    return _normalize(text[line_start:line_end])


def fingerprint(finding: Finding, text: str) -> str:
    """A stable id for a finding that survives edits elsewhere in the file."""
    total = _normalize(text[finding.primary.start : finding.primary.end])
    key = "\x1f".join((finding.rule_id.upper(), total, line_context(finding, text)))
    import hashlib  # here, not at the top: only baselines need it, and it costs a plain run 10 ms

    # surrogatepass: text decoded with --encoding utf-7 may hold lone surrogates
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def path_key(name: str, root: str) -> str:
    """How a report's path is stored: relative to the baseline's folder, POSIX separators."""
    if name == STDIN:
        return name
    return os.path.relpath(os.path.abspath(name), root).replace(os.sep, "/")


class Baseline(NamedTuple):
    """Known findings: per path, fingerprint -> count."""

    root: str
    files: Mapping[str, Mapping[str, int]]

    def new_findings(self, name: str, findings: Sequence[Finding], text: str) -> tuple[Finding, ...]:
        """The findings not in the baseline (each recorded one absorbs one finding)."""
        left = Counter(self.files.get(path_key(name, self.root), {}))
        out = []
        for f in findings:
            fp = fingerprint(f, text)
            if left[fp] > 0:
                left[fp] -= 1
            else:
                out.append(f)
        return tuple(out)


def baseline_document(reports: Sequence[FileReport], root: str) -> dict[str, Any]:
    """The JSON object ``--write-baseline`` writes for these reports."""
    files: dict[str, list[dict[str, Any]]] = {}
    for r in reports:
        if r.error or not r.analysis.findings:
            continue
        counts: Counter[str] = Counter()
        info: dict[str, tuple[str, str]] = {}
        for f in r.analysis.findings:
            fp = fingerprint(f, r.text)
            counts[fp] += 1
            info[fp] = (f.rule_id, _normalize(r.text[f.primary.start : f.primary.end]))
        key = path_key(r.path, root)
        entries = files.setdefault(key, [])
        entries.extend({"fingerprint": fp, "rule": info[fp][0], "total": info[fp][1], "count": n}
                       for fp, n in counts.items())
        entries.sort(key=lambda e: (e["rule"], e["total"], e["fingerprint"]))
    return {"schema": SCHEMA_VERSION, "tool": "tallycheck", "files": dict(sorted(files.items()))}


def write_baseline(path: str, reports: Sequence[FileReport]) -> int:
    """Write the baseline file; returns the number of findings recorded."""
    root = os.path.dirname(os.path.abspath(path))
    doc = baseline_document(reports, root)
    try:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    except OSError as exc:
        raise BaselineError(f"{path}: cannot write baseline ({exc.strerror or exc})") from None
    return sum(e["count"] for entries in doc["files"].values() for e in entries)


def parse_baseline(data: str, path: str) -> Baseline:
    """Validate a baseline document (raises :class:`BaselineError` naming ``path``)."""
    def bad(problem: str) -> BaselineError:
        return BaselineError(f"{path}: not a tallycheck baseline: {problem}")

    try:
        doc = json.loads(data)
    except json.JSONDecodeError as exc:
        raise bad(f"invalid JSON at line {exc.lineno} column {exc.colno}") from None
    if (not isinstance(doc, dict) or doc.get("schema") != SCHEMA_VERSION
            or not isinstance(doc.get("files"), dict)):
        raise bad(f'expected an object with "schema": {SCHEMA_VERSION} and "files"')
    files: dict[str, dict[str, int]] = {}
    for name, entries in doc["files"].items():
        if not isinstance(entries, list):
            raise bad(f"files.{name}: expected a list")
        counts: dict[str, int] = {}
        for e in entries:
            fp = e.get("fingerprint") if isinstance(e, dict) else None
            count = e.get("count", 1) if isinstance(e, dict) else None
            if not isinstance(fp, str) or type(count) is not int or count < 1:
                raise bad(f'files.{name}: each entry needs a "fingerprint" string and a positive "count"')
            counts[fp] = counts.get(fp, 0) + count
        files[name] = counts
    return Baseline(os.path.dirname(os.path.abspath(path)), files)


def load_baseline(path: str) -> Baseline:
    try:
        with open(path, encoding="utf-8") as fh:
            data = fh.read()
    except FileNotFoundError:
        raise BaselineError(f"{path}: no such baseline file (create it with --write-baseline)") from None
    except UnicodeDecodeError:
        raise BaselineError(f"{path}: not a tallycheck baseline: not valid UTF-8") from None
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read baseline ({exc.strerror or exc})") from None
    return parse_baseline(data, path)
