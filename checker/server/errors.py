"""The one error shape every API failure uses: ``{"error": {"code", "message"[, "field"]}}``.

Handlers raise :class:`ApiError`; the app turns it into JSON (or, on the page, into a
message beside the form). Messages never quote the article: they name the field and
the problem, so an error log can never leak copy.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse

# code -> HTTP status; the OpenAPI description and the README list the same codes.
STATUS = {
    "invalid_json": 400,
    "invalid_form": 400,
    "invalid_encoding": 400,
    "not_found": 404,
    "method_not_allowed": 405,
    "body_too_large": 413,
    "unsupported_media_type": 415,
    "invalid_request": 422,
    "missing_field": 422,
    "unknown_field": 422,
    "invalid_type": 422,
    "invalid_format": 422,
    "unknown_rule": 422,
    "invalid_text": 422,
    "time_limit_exceeded": 503,
    "internal_error": 500,
}


class ApiError(Exception):
    """A request the server will not or cannot answer; ``code`` picks the HTTP status."""

    def __init__(self, code: str, message: str, *, field: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field
        self.headers = headers or {}

    @property
    def status(self) -> int:
        return STATUS[self.code]

    def body(self) -> dict[str, Any]:
        error: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.field is not None:
            error["field"] = self.field
        return {"error": error}


def error_response(exc: ApiError) -> JSONResponse:
    return JSONResponse(exc.body(), status_code=exc.status, headers=exc.headers)
