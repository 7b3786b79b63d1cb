"""The OpenAPI 3.1 description of the server, written by hand to say exactly what it does.

Schemas are JSON Schema 2020-12 (OpenAPI 3.1's dialect), so a test validates real
responses against them with ``jsonschema``. The report schema is DESIGN.md's output
contract (schema 1); objects allow extra properties, as the contract may grow.
"""

from __future__ import annotations

from typing import Any

from .. import __version__
from .errors import STATUS

REF = "#/components/schemas/"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": REF + name}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _html(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"text/html": {"schema": {"type": "string"}}}}


_BOUND = {"type": ["number", "null"], "description": "null when unbounded (e.g. 'more than 30' has no high)"}
_INT = {"type": "integer", "minimum": 0}

SCHEMAS: dict[str, Any] = {
    "CheckRequest": {
        "type": "object",
        "required": ["text"],
        "additionalProperties": False,
        "properties": {
            "text": {"type": "string", "description": "The article, as it will be published."},
            "format": {"type": "string", "enum": ["txt", "md", "html", "text", "markdown"], "default": "txt",
                       "description": "How to read the text (txt, md, html; text and markdown are aliases)."},
            "select": {"type": "array", "items": {"type": "string"},
                       "description": "Rule ids or prefixes to report (default ALL), e.g. [\"TC1\"]."},
            "ignore": {"type": "array", "items": {"type": "string"},
                       "description": "Rule ids or prefixes not to report; the longest matching prefix wins."},
        },
    },
    "Span": {
        "type": "object",
        "required": ["start", "end", "line", "column", "end_line", "end_column", "text"],
        "properties": {
            "start": {**_INT, "description": "0-based code-point offset into the text"},
            "end": {**_INT, "description": "exclusive"},
            "line": {"type": "integer", "minimum": 1}, "column": {"type": "integer", "minimum": 1},
            "end_line": {"type": "integer", "minimum": 1}, "end_column": {"type": "integer", "minimum": 1},
            "text": {"type": "string"},
        },
    },
    "Quantity": {
        "type": "object",
        "required": ["value", "low", "high", "span"],
        "properties": {"value": {"type": ["number", "null"]}, "low": _BOUND, "high": _BOUND, "span": _ref("Span")},
    },
    "Part": {
        "allOf": [_ref("Quantity")],
        "type": "object",
        "required": ["multiplier", "places"],
        "properties": {"multiplier": {"type": "integer", "minimum": 1},
                       "places": {"type": "array", "items": {"type": "string"}},
                       "ambiguous": {"type": "boolean"}, "remainder": {"type": "boolean"}},
    },
    "Interval": {"type": "object", "required": ["low", "high"], "properties": {"low": _BOUND, "high": _BOUND}},
    "Tally": {
        "type": "object",
        "required": ["status", "unit", "total", "parts", "sum", "readings"],
        "properties": {
            "status": {"enum": ["consistent", "mismatch", "ambiguous", "partial"]},
            "kind": {"type": "string"}, "relation": {"type": "string"},
            "unit": {"type": ["string", "null"]},
            "total": _ref("Quantity"),
            "parts": {"type": "array", "items": _ref("Part")},
            "sum": _ref("Interval"),
            "readings": {"type": "array", "items": {
                "allOf": [_ref("Interval")], "type": "object", "required": ["expression"],
                "properties": {"expression": {"type": "string"}}}},
        },
    },
    "Finding": {
        "type": "object",
        "required": ["rule", "name", "severity", "message", "span", "related"],
        "properties": {
            "rule": {"type": "string", "pattern": "^TC[0-9]+$"}, "name": {"type": "string"},
            "severity": {"enum": ["error", "warning", "info"]}, "message": {"type": "string"},
            "arithmetic": {"type": "array", "items": {"type": "string"}},
            "span": _ref("Span"),
            "related": {"type": "array", "items": {"type": "object", "required": ["label", "span"],
                                                   "properties": {"label": {"type": "string"},
                                                                  "span": _ref("Span")}}},
        },
    },
    "FileReport": {
        "type": "object",
        "required": ["path", "error", "tallies", "findings"],
        "properties": {"path": {"type": "string"}, "error": {"type": ["string", "null"]},
                       "tallies": {"type": "array", "items": _ref("Tally")},
                       "findings": {"type": "array", "items": _ref("Finding")}},
    },
    "Report": {
        "type": "object",
        "description": "DESIGN.md's JSON output contract, schema 1, with one file: the request (path \"<request>\").",
        "required": ["schema", "tool", "files", "summary"],
        "properties": {
            "schema": {"const": 1},
            "tool": {"type": "object", "required": ["name", "version"],
                     "properties": {"name": {"const": "tallycheck"}, "version": {"type": "string"}}},
            "files": {"type": "array", "minItems": 1, "maxItems": 1, "items": _ref("FileReport")},
            "summary": {"type": "object", "required": ["files", "errors", "warnings", "infos"],
                        "properties": {k: _INT for k in ("files", "errors", "warnings", "infos")}},
        },
    },
    "Rule": {
        "type": "object",
        "required": ["id", "name", "severity", "summary", "why"],
        "properties": {"id": {"type": "string", "pattern": "^TC[0-9]+$"}, "name": {"type": "string"},
                       "family": {"type": "string"}, "severity": {"enum": ["error", "warning", "info"]},
                       "summary": {"type": "string"}, "why": {"type": "string"}, "fix": {"type": "string"}},
    },
    "Rules": {"type": "object", "required": ["rules"],
              "properties": {"rules": {"type": "array", "items": _ref("Rule")}}},
    "Health": {"type": "object", "required": ["status"], "properties": {"status": {"const": "ok"}}},
    "Error": {
        "type": "object",
        "required": ["error"],
        "additionalProperties": False,
        "properties": {"error": {
            "type": "object",
            "required": ["code", "message"],
            "additionalProperties": False,
            "properties": {"code": {"enum": sorted(STATUS)}, "message": {"type": "string"},
                           "field": {"type": "string", "description": "the request field at fault, if any"}},
        }},
    },
}


def _errors(*codes: str) -> dict[str, Any]:
    """Error responses by status, each listing the error codes it can carry."""
    by_status: dict[int, list[str]] = {}
    for code in codes:
        by_status.setdefault(STATUS[code], []).append(code)
    return {str(status): _json(_ref("Error"), "Error: " + ", ".join(names))
            for status, names in sorted(by_status.items())}


def description(*, max_body: int, time_limit: float) -> dict[str, Any]:
    """The document served at ``/openapi.json``, with this server's limits in the text."""
    limits = (f"Request bodies over {max_body:,} bytes are refused with 413; a check that takes longer than "
              f"{time_limit:g} s is answered with 503.")
    check_errors = _errors("invalid_json", "body_too_large", "unsupported_media_type", "invalid_request",
                           "missing_field", "unknown_field", "invalid_type", "invalid_format", "unknown_rule",
                           "invalid_text", "time_limit_exceeded", "internal_error")
    page_errors = {str(s): _html("The page again, with the error beside the form") for s in (400, 413, 415, 422, 503)}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "tallycheck",
            "version": __version__,
            "description": "Check that the totals and breakdowns in news copy add up. " + limits
                           + " Errors are JSON: {\"error\": {\"code\", \"message\", \"field\"?}}.",
        },
        "paths": {
            "/api/check": {"post": {
                "operationId": "check",
                "summary": "Check one article",
                "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("CheckRequest")}}},
                "responses": {"200": _json(_ref("Report"), "The report (findings filtered by select/ignore)"),
                              **check_errors},
            }},
            "/api/rules": {"get": {"operationId": "rules", "summary": "The checks this server runs",
                                   "responses": {"200": _json(_ref("Rules"), "Every check")}}},
            "/healthz": {"get": {"operationId": "health", "summary": "Liveness",
                                 "responses": {"200": _json(_ref("Health"), "The server is up")}}},
            "/openapi.json": {"get": {"operationId": "openapi", "summary": "This description",
                                      "responses": {"200": _json({"type": "object"}, "OpenAPI 3.1")}}},
            "/": {"get": {"operationId": "page", "summary": "The check page (an HTML form)",
                          "responses": {"200": _html("The page")}}},
            "/check": {"get": {
                "operationId": "checkPageRedirect",
                "summary": "Opened directly (a bookmark, a reload): back to the form",
                "responses": {"303": {"description": "See /", "headers": {
                    "Location": {"schema": {"type": "string", "const": "/"}}}}},
            }, "post": {
                "operationId": "checkPage",
                "summary": "The form's target: the page with the article rendered and checked",
                "requestBody": {"required": True, "content": {
                    "multipart/form-data": {"schema": {"type": "object", "properties": {
                        "text": {"type": "string"}, "file": {"type": "string", "contentMediaType":
                                                             "application/octet-stream"},
                        "format": {"enum": ["auto", "txt", "md", "html"]}}}},
                    "application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": {
                        "text": {"type": "string"}, "format": {"enum": ["auto", "txt", "md", "html"]}}}},
                }},
                "responses": {"200": _html("The page with the result"), **page_errors},
            }},
        },
        "components": {"schemas": SCHEMAS},
    }
