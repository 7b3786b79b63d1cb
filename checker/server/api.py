"""The JSON API a CMS calls: ``POST /api/check``, ``GET /api/rules``, ``GET /healthz``, ``GET /openapi.json``."""

from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..model import FileReport
from ..render.json_format import document
from .checking import parse_api_request, render_context, rules_document
from .errors import ApiError
from .limits import read_body
from .openapi import description
from .services import Services


def media_type(header: str | None) -> str:
    """``application/json; charset=utf-8`` -> ``application/json``."""
    return (header or "").split(";", 1)[0].strip().lower()


def _json_bytes(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")


async def check(request: Request) -> Response:
    services: Services = request.app.state.services
    if media_type(request.headers.get("content-type")) != "application/json":
        raise ApiError("unsupported_media_type", "send the request body as application/json")
    body = await read_body(request.stream(), services.max_body, request.headers.get("content-length"))
    check_request = parse_api_request(body)
    ctx = render_context()

    def render(report: FileReport) -> bytes:  # in the worker: a big document's JSON is CPU time too
        return _json_bytes(document([report], ctx))

    _, payload = await services.report(check_request, render)
    return Response(payload, media_type="application/json")


async def rules(request: Request) -> Response:
    return JSONResponse(rules_document())


async def health(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


async def openapi(request: Request) -> Response:
    services: Services = request.app.state.services
    return JSONResponse(description(max_body=services.max_body, time_limit=services.time_limit))
