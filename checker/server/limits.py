"""The two limits every check goes through: how big a request may be, how long a check may run.

The body is read chunk by chunk and refused the moment it passes the limit, so an
oversized upload is never held in memory. Checks run in a small pool of worker threads
(the engine is pure Python and would block the event loop) and the answer is awaited
for at most ``time_limit`` seconds.

A Python thread cannot be stopped from outside: a check that overruns is abandoned, not
killed; it finishes in its worker and its result is dropped. The pool's size bounds how
many such checks can run at once; requests beyond it wait in the queue, and the wait
counts towards their time limit (an overloaded server answers 503 instead of piling up).
The workers are daemon threads, so an abandoned check never holds up shutdown.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import AsyncIterator, Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from .errors import ApiError

T = TypeVar("T")

# After refusing a body, read and drop up to this many times the limit before answering,
# so the client (a browser mid-upload) sees the 413 instead of a reset connection.
DRAIN_FACTOR = 4


def _too_large(limit: int) -> ApiError:
    return ApiError("body_too_large", f"the request body is over the limit of {limit:,} bytes")


async def read_body(stream: AsyncIterator[bytes], limit: int, content_length: str | None = None) -> bytes:
    """The whole body, or :class:`ApiError` ``body_too_large`` once more than ``limit`` bytes arrive."""
    drain = limit * DRAIN_FACTOR
    declared = int(content_length) if content_length and content_length.isdigit() else None
    if declared is not None and declared > drain:
        raise _too_large(limit)  # not worth reading at all; the connection is closed after the answer
    chunks: list[bytes] = []
    size = 0
    async for chunk in stream:
        size += len(chunk)
        if size > limit:
            async for more in stream:  # drop, never keep, what is left (bounded)
                size += len(more)
                if size > drain:
                    break
            raise _too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


class WorkerPool:
    """A fixed number of daemon threads taking jobs from one queue (first come, first served)."""

    def __init__(self, workers: int, name: str = "tallycheck-check") -> None:
        self._jobs: queue.SimpleQueue[tuple[Future, Callable[..., Any], tuple] | None] = queue.SimpleQueue()
        self._threads = [threading.Thread(target=self._work, name=f"{name}-{i}", daemon=True)
                         for i in range(workers)]
        for thread in self._threads:
            thread.start()

    def submit(self, fn: Callable[..., T], *args: object) -> Future[T]:
        future: Future[T] = Future()
        self._jobs.put((future, fn, args))
        return future

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            future, fn, args = job
            if not future.set_running_or_notify_cancel():
                continue  # cancelled while it waited: its request has already been answered
            try:
                future.set_result(fn(*args))
            except Exception as exc:
                future.set_exception(exc)

    def shutdown(self) -> None:
        for _ in self._threads:
            self._jobs.put(None)


class Runner:
    """Runs checks in worker threads, each under the time limit."""

    def __init__(self, time_limit: float, workers: int = 4) -> None:
        self.time_limit = time_limit
        self.workers = workers
        self._pool: WorkerPool | None = None
        self._lock = threading.Lock()

    def _executor(self) -> WorkerPool:
        with self._lock:
            if self._pool is None:
                self._pool = WorkerPool(self.workers)
            return self._pool

    async def run(self, fn: Callable[..., T], *args: object) -> T:
        """``fn(*args)`` in a worker; :class:`ApiError` ``time_limit_exceeded`` past the limit."""
        future = self._executor().submit(fn, *args)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self.time_limit)
        except TimeoutError:
            future.cancel()  # a check still waiting for a worker never starts
            raise ApiError("time_limit_exceeded",
                           f"the check did not finish within the time limit of {self.time_limit:g} s; "
                           "try a shorter text or try again later") from None

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown()
                self._pool = None
