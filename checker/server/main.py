"""``tallycheck serve`` / ``python -m checker.server``: parse the options and run uvicorn.

Binds to loopback unless told otherwise. Uvicorn's access log is kept (method, path,
status) but its query strings are dropped, and nothing logs request bodies.
"""

from __future__ import annotations

import argparse
import copy
import logging
import sys
from collections.abc import Sequence
from typing import Any

from ..runtime import tune_gc

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8750
DEFAULT_MAX_BODY = 2 * 1024 * 1024
DEFAULT_TIME_LIMIT = 10.0
EXIT_USAGE = 2


def _positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of bytes, got {value!r}") from None
    if n <= 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return n


def _positive_float(value: str) -> float:
    try:
        x = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {value!r}") from None
    if not x > 0 or x == float("inf"):
        raise argparse.ArgumentTypeError("must be a finite number more than 0")
    return x


def _port(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a port number, got {value!r}") from None
    if not 0 <= n <= 65535:
        raise argparse.ArgumentTypeError("must be between 0 and 65535")
    return n


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="tallycheck serve",
                                description="Serve the pre-publication check page and the JSON API.")
    p.add_argument("--host", default=DEFAULT_HOST,
                   help=f"address to listen on (default: {DEFAULT_HOST}, this machine only)")
    p.add_argument("--port", type=_port, default=DEFAULT_PORT, help=f"port (default: {DEFAULT_PORT})")
    p.add_argument("--max-body", type=_positive_int, default=DEFAULT_MAX_BODY, metavar="BYTES",
                   help=f"largest request body accepted (default: {DEFAULT_MAX_BODY:,})")
    p.add_argument("--time-limit", type=_positive_float, default=DEFAULT_TIME_LIMIT, metavar="SECONDS",
                   help=f"longest a check may take before the answer is 503 (default: {DEFAULT_TIME_LIMIT:g})")
    p.add_argument("--log-sizes", action="store_true",
                   help="log each check's size and timing (lengths only; article text is never logged)")
    return p


class _NoQuery(logging.Filter):
    """Drop the query string from uvicorn's access log lines: only the path is logged."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            record.args = (*args[:2], args[2].split("?", 1)[0], *args[3:])
        return True


def log_config() -> dict[str, Any]:
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["filters"] = {"no_query": {"()": _NoQuery}}
    config["handlers"]["access"]["filters"] = ["no_query"]
    config["loggers"]["tallycheck"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return config


def serve_main(argv: Sequence[str]) -> int:
    """Run the server until interrupted; returns the exit code (2 for usage errors)."""
    tune_gc()
    try:
        args = build_parser().parse_args(list(argv))
    except SystemExit as exc:  # --help (0) or a usage error (2)
        return int(exc.code or 0)
    try:
        import uvicorn

        from .app import create_app
    except ImportError as exc:
        print(f"tallycheck serve: missing dependency {exc.name!r}; install it with: "
              "pip install 'tallycheck[serve]'", file=sys.stderr)
        return EXIT_USAGE
    if args.host not in ("127.0.0.1", "::1", "localhost"):
        print(f"tallycheck serve: listening on {args.host}: anyone who can reach it can use the server "
              "(there is no authentication; put it behind your CMS or a proxy)", file=sys.stderr)
    app = create_app(max_body=args.max_body, time_limit=args.time_limit, log_text=args.log_sizes)
    config = uvicorn.Config(app, host=args.host, port=args.port, log_config=log_config(), access_log=True,
                            server_header=False, proxy_headers=False, timeout_graceful_shutdown=5)
    server = uvicorn.Server(config)
    try:
        server.run()
    except KeyboardInterrupt:
        return 0
    except SystemExit as exc:  # uvicorn exits when it cannot bind (it has logged why)
        return exc.code if isinstance(exc.code, int) else 1
    return 0 if server.started else 1
