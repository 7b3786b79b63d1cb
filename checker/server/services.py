"""What the handlers share: the limits, the worker pool and the check itself.

``check`` is the pipeline (:func:`checker.server.checking.run`); tests may pass a slow
one to exercise the time limit. Logging says how much was checked and how long it took,
and only when asked (``log_text``): never the text, never an exception's message (which
could quote it).
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from ..model import FileReport
from .checking import CheckRequest
from .errors import ApiError
from .limits import Runner

T = TypeVar("T")
log = logging.getLogger("tallycheck.server")


@dataclass
class Services:
    max_body: int
    time_limit: float
    log_text: bool
    runner: Runner
    check: Callable[[CheckRequest], FileReport]

    async def report(self, request: CheckRequest, render: Callable[[FileReport], T]) -> tuple[FileReport, T]:
        """Check and render in a worker, under the time limit; failures become :class:`ApiError`."""

        def work() -> tuple[FileReport, T, float]:
            started = time.perf_counter()
            report = self.check(request)
            return report, render(report), time.perf_counter() - started

        try:
            report, rendered, seconds = await self.runner.run(work)
        except ApiError as exc:
            if self.log_text:
                log.info("check refused: %s (%d characters, %s)", exc.code, len(request.text), request.format)
            raise
        except Exception as exc:  # an engine bug: say so without echoing anything from the request
            log.error("check failed: %s\n%s", type(exc).__name__, "".join(traceback.format_tb(exc.__traceback__)))
            raise ApiError("internal_error", "the check failed unexpectedly; please report it") from None
        if self.log_text:
            log.info("checked %d characters (%s): %d tallies, %d findings in %.0f ms", len(request.text),
                     request.format, len(report.analysis.tallies), len(report.analysis.findings), seconds * 1000)
        return report, rendered
