"""The ASGI app: routes, limits, error handling and security headers, wired together.

    GET  /              the check page (form)          POST /api/check   JSON report
    POST /check         the page with the result       GET  /api/rules   the checks
    GET  /openapi.json  this API's description         GET  /healthz     liveness

Every error a request can cause is a 4xx with ``{"error": {"code", "message"}}`` (the page
shows it beside the form instead); a 500 means a bug in tallycheck, never bad input.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..model import FileReport
from . import api, site
from .checking import CheckRequest, run
from .errors import ApiError, error_response
from .limits import Runner
from .main import DEFAULT_MAX_BODY, DEFAULT_TIME_LIMIT
from .security import SecurityHeaders
from .services import Services, log


def default_workers() -> int:
    """Checks hold the GIL, so a few threads suffice: enough that a long check does not block short ones."""
    return max(2, min(4, os.cpu_count() or 1))


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return error_response(exc)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        error = ApiError("not_found", f"no such page: {request.url.path}")
    elif exc.status_code == 405:
        error = ApiError("method_not_allowed", f"{request.method} is not allowed here", headers=exc.headers)
    else:
        error = ApiError("invalid_request", str(exc.detail))
        return Response(error_response(error).body, exc.status_code, media_type="application/json")
    return error_response(error)


async def _internal_error(request: Request, exc: Exception) -> Response:
    log.error("internal error: %s", type(exc).__name__)
    return error_response(ApiError("internal_error", "internal error; please report it"))


def create_app(*, max_body: int = DEFAULT_MAX_BODY, time_limit: float = DEFAULT_TIME_LIMIT, log_text: bool = False,
               workers: int | None = None, check: Callable[[CheckRequest], FileReport] | None = None) -> Starlette:
    """The server as an ASGI app.

    ``max_body`` caps a request body in bytes; ``time_limit`` caps one check in seconds;
    ``log_text`` logs each check's size and timing (lengths only, never text). ``workers``
    and ``check`` are for tuning and tests (``check`` replaces the pipeline).
    """
    if max_body <= 0 or time_limit <= 0:
        raise ValueError("max_body and time_limit must be positive")
    runner = Runner(time_limit, workers or default_workers())
    services = Services(max_body, time_limit, log_text, runner, check or run)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            runner.close()

    routes = [
        Route("/", site.home, methods=["GET"]),
        Route("/check", site.check_page, methods=["POST"]),
        Route("/check", site.check_get, methods=["GET"]),
        Route("/api/check", api.check, methods=["POST"]),
        Route("/api/rules", api.rules, methods=["GET"]),
        Route("/healthz", api.health, methods=["GET"]),
        Route("/openapi.json", api.openapi, methods=["GET"]),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(SecurityHeaders)],
        exception_handlers={ApiError: _api_error, HTTPException: _http_error, Exception: _internal_error},
        lifespan=lifespan,
    )
    app.state.services = services
    return app
