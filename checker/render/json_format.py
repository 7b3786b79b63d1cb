"""``--format json``: the versioned schema of DESIGN.md (schema 1).

Bounds that are unbounded (``more than 30``) are ``null``; every evaluated total is
listed under ``tallies`` whatever its status, so a reader sees what was verified.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ..intervals import Interval
from ..model import FileReport, Part, Quantity, Severity, Tally
from ..offsets import LineIndex
from . import RenderContext, json_text
from .spans import span_json

SCHEMA_VERSION = 1


def _number(x: int | float) -> int | float:
    return int(x) if isinstance(x, float) and x.is_integer() else x


def _quantity(q: Quantity, text: str, index: LineIndex) -> dict[str, Any]:
    return {"value": _number(q.stated), "low": q.value.json_bound("low"), "high": q.value.json_bound("high"),
            "span": span_json(q.span, text, index)}


def _part(p: Part, text: str, index: LineIndex) -> dict[str, Any]:
    out = _quantity(p.quantity, text, index)
    if p.remainder:
        out["value"] = None
    out["multiplier"] = p.multiplier
    out["places"] = list(p.places)
    out["ambiguous"] = p.ambiguous
    out["remainder"] = p.remainder
    return {k: out[k] for k in ("value", "low", "high", "multiplier", "places", "ambiguous", "remainder", "span")}


def _interval(v: Interval) -> dict[str, Any]:
    return {"low": v.json_bound("low"), "high": v.json_bound("high")}


def tally_json(t: Tally, text: str, index: LineIndex) -> dict[str, Any]:
    return {
        "status": t.status.value,
        "kind": t.kind,
        "relation": t.relation,
        "unit": t.unit,
        "total": _quantity(t.total, text, index),
        "parts": [_part(p, text, index) for p in t.parts],
        "sum": _interval(t.sum),
        "readings": [{"expression": r.expression, **_interval(r.value)} for r in t.readings],
    }


def report_json(report: FileReport) -> dict[str, Any]:
    text = report.text
    index = LineIndex(text)
    findings = []
    for f in report.analysis.findings:
        findings.append({
            "rule": f.rule_id,
            "name": f.rule_name,
            "severity": f.severity.value,
            "message": f.message,
            "arithmetic": list(f.arithmetic),
            "span": span_json(f.primary, text, index),
            "related": [{"label": r.label, "span": span_json(r.span, text, index)} for r in f.related],
        })
    return {
        "path": report.path,
        "error": report.error,
        "tallies": [tally_json(t, text, index) for t in report.analysis.tallies],
        "findings": findings,
    }


def summary(reports: Sequence[FileReport]) -> dict[str, int]:
    counts = {s: 0 for s in Severity}
    for r in reports:
        for f in r.analysis.findings:
            counts[f.severity] += 1
    return {"files": len(reports), "errors": counts[Severity.ERROR], "warnings": counts[Severity.WARNING],
            "infos": counts[Severity.INFO]}


def document(reports: Sequence[FileReport], ctx: RenderContext) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "tool": {"name": "tallycheck", "version": ctx.version},
        "files": [report_json(r) for r in reports],
        "summary": summary(reports),
    }


def render(reports: Sequence[FileReport], ctx: RenderContext) -> str:
    return json_text.dumps(document(reports, ctx)) + "\n"


def file_part(report: FileReport) -> str:
    """One file's entry in the ``files`` list of a streamed document, indented for its place there."""
    return json_text.dumps(report_json(report), indent="    ")


def stream(reports: Iterable[FileReport], ctx: RenderContext, write: Callable[[str], None]) -> None:
    """The document of :func:`render`, written a file at a time (byte for byte the same)."""
    head = {"schema": SCHEMA_VERSION, "tool": {"name": "tallycheck", "version": ctx.version}}
    write(json_text.dumps(head)[:-2] + ",\n  \"files\": [")
    counts = {"files": 0, "errors": 0, "warnings": 0, "infos": 0}
    names = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "infos"}
    for report in reports:
        body = report.part if report.part is not None else file_part(report)
        write(("\n    " if counts["files"] == 0 else ",\n    ") + body)
        counts["files"] += 1
        for f in report.analysis.findings:
            counts[names[f.severity]] += 1
    tail = json_text.dumps(counts, indent="  ")
    write(("\n  ]" if counts["files"] else "]") + f",\n  \"summary\": {tail}\n}}\n")
