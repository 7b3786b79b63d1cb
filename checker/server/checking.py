"""One check, from request values to a report: validation, then the CLI's own pipeline.

Pure apart from CPU time: nothing here reads or writes files. The same steps as
``tallycheck FILE`` (source format -> engine -> inline suppressions -> select/ignore), so
an article gets the same findings from the CLI, the API and the page.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .. import __version__
from ..config import default_config
from ..engine import Engine
from ..model import FileReport
from ..registry import Registry, registry_for
from ..render import RenderContext
from ..runner import review
from ..selection import ALL, normalize_code, unknown_codes
from ..sources import format_for_path, load_source
from .errors import ApiError

REQUEST_PATH = "<request>"
# API/page names -> checker.sources names; the short names are the documented ones.
FORMATS = {"txt": "text", "md": "markdown", "html": "html", "text": "text", "markdown": "markdown"}
API_FIELDS = ("text", "format", "select", "ignore")


@dataclass(frozen=True)
class CheckRequest:
    """A validated request: the text, its source format and the selected rule codes."""

    text: str
    format: str = "text"  # a checker.sources format
    select: tuple[str, ...] = (ALL,)
    ignore: tuple[str, ...] = ()
    path: str = REQUEST_PATH


def registry() -> Registry:
    return registry_for(())


def render_context() -> RenderContext:
    return RenderContext(registry(), __version__)


def source_format(value: object, field: str = "format") -> str:
    if not isinstance(value, str):
        raise ApiError("invalid_type", f"'{field}' must be a string", field=field)
    fmt = FORMATS.get(value.strip().lower())
    if fmt is None:
        raise ApiError("invalid_format", f"'{field}' must be one of txt, md, html", field=field)
    return fmt


def format_for_upload(filename: str, chosen: str) -> str:
    """The page's format choice: ``auto`` follows the file's suffix (pasted text is plain text)."""
    if chosen == "auto":
        return format_for_path(filename) if filename else "text"
    return source_format(chosen)


def rule_codes(value: object, field: str) -> tuple[str, ...]:
    """A list of rule ids or prefixes (``TC101``, ``TC1``, ``ALL``), normalized and checked."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ApiError("invalid_type", f"'{field}' must be a list of strings (rule ids or prefixes)", field=field)
    codes = tuple(normalize_code(v) for v in value)
    known = [c.id for c in registry()]
    unknown = unknown_codes(codes, known)
    if unknown:
        shown = ", ".join(repr(c) for c in unknown[:10])
        raise ApiError("unknown_rule", f"'{field}' names unknown rules: {shown} (known: {', '.join(known)}, or ALL)",
                       field=field)
    return codes


def check_text(value: object, field: str = "text") -> str:
    """The article text: a string that can be written back as UTF-8 (no lone surrogates)."""
    if not isinstance(value, str):
        raise ApiError("invalid_type", f"'{field}' must be a string", field=field)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ApiError("invalid_text", f"'{field}' holds an unpaired surrogate at character {exc.start}",
                       field=field) from None
    return value


def parse_api_request(body: bytes) -> CheckRequest:
    """``POST /api/check``'s JSON body -> :class:`CheckRequest`, or :class:`ApiError`."""
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ApiError("invalid_json", f"the body is not UTF-8 (invalid byte at offset {exc.start})") from None
    except (json.JSONDecodeError, RecursionError) as exc:
        where = f" at line {exc.lineno}, column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise ApiError("invalid_json", f"the body is not valid JSON{where}") from None
    return request_from(data)


def request_from(data: Any) -> CheckRequest:
    if not isinstance(data, Mapping):
        raise ApiError("invalid_request", "the body must be a JSON object like {\"text\": \"...\"}")
    extra = sorted(k for k in data if k not in API_FIELDS)
    if extra:
        raise ApiError("unknown_field", f"unknown field {extra[0]!r} (allowed: {', '.join(API_FIELDS)})",
                       field=str(extra[0]))
    if "text" not in data:
        raise ApiError("missing_field", "'text' is required", field="text")
    return CheckRequest(
        text=check_text(data["text"]),
        format=source_format(data.get("format", "txt")),
        select=rule_codes(data["select"], "select") if "select" in data else (ALL,),
        ignore=rule_codes(data["ignore"], "ignore") if "ignore" in data else (),
    )


def run(request: CheckRequest) -> FileReport:
    """The report for one request: the CLI's pipeline on text held in memory."""
    source = load_source(request.text, request.format)
    config = default_config(os.sep)._replace(select=request.select, ignore=request.ignore)
    analysis = review(Engine().analyse(source), source, config)
    return FileReport(request.path, request.text, analysis)


def rules_document(reg: Registry | None = None) -> dict[str, Any]:
    reg = reg or registry()
    return {"rules": [{"id": c.id, "name": c.name, "family": c.family, "severity": c.severity.value,
                       "summary": c.summary, "why": " ".join(c.why.split()), "fix": c.fix} for c in reg]}
