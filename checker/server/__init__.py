"""The check server: a page an editor uses before publication and a JSON API a CMS calls.

``serve_main(argv)`` runs it (``tallycheck serve``, ``python -m checker.server``);
``create_app(...)`` gives the ASGI app. Starlette, uvicorn and python-multipart come
with the ``serve`` extra; they are imported only when the server is built, so importing
this package (and ``serve_main``'s friendly message) works without them.

Modules: ``app`` (wiring), ``api`` and ``site`` (handlers), ``checking`` (validation and
the pipeline), ``page`` (the form around the HTML report), ``forms`` (in-memory form
parsing), ``limits`` (body size, time limit), ``security`` (headers), ``openapi``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .main import serve_main

if TYPE_CHECKING:
    from .app import create_app

__all__ = ["create_app", "serve_main"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
