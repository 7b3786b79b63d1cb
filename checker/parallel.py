"""Check many files on a pool of worker processes, reporting them in input order.

The parent walks the folders and resolves each file's configuration, as a run with
one process does; the workers read and check the files. Work goes out in small
batches through a bounded window, so the parent never holds more than a few batches
of pending work, and reports come back in the order the files were given, whatever
order the workers finish in. Standard input is always read by the parent.

Ctrl-C: the workers ignore SIGINT; the parent's ``KeyboardInterrupt`` terminates the
pool (no worker outlives the run) and reaches the CLI, which exits with 130.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .config import Config
    from .model import FileReport
    from .runner import RunOptions
    from .walk import Target

Finish = Callable[["FileReport"], "FileReport"]

MAX_BATCH = 16  # files per task at most (see batch_size)
BATCHES_PER_WORKER = 8  # at least, where there are files enough: the workers then finish close together
WINDOW = 4  # batches in flight per worker
PROGRESS_MIN_FILES = 10  # "more than a few files" before a progress bar is worth drawing


def available_cores() -> int:
    """The cores this process may run on (the default for ``--jobs``)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def batch_size(files: int, jobs: int) -> int:
    """Files per task. Every task is a round trip through the pool, which costs the parent and the
    workers as much as checking a short article, so a task holds up to MAX_BATCH files (for 2,000 files
    on 2 cores, 16 files a task instead of 4 took the parent's CPU from 0.9 to 0.6 s and the run from
    4.8-5.0 to 4.4-4.8 s); a small run gets smaller tasks, so that each worker still has several."""
    return max(1, min(MAX_BATCH, files // (jobs * BATCHES_PER_WORKER)))


def positive_jobs(value: str) -> int:
    """``--jobs`` type: a whole number of at least 1 (argparse turns the error into exit 2)."""
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of processes, got {value!r}") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {jobs}")
    return jobs


# ---------------------------------------------------------------------- workers
_worker_options: RunOptions | None = None
_worker_finish: Finish | None = None


def _start_worker(options: RunOptions, finish: Finish | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    global _worker_options, _worker_finish
    _worker_options = options
    _worker_finish = finish


def _check_batch(batch: list[tuple[Target, Config]]) -> list[FileReport]:
    from .runner import check_target

    assert _worker_options is not None
    reports = [check_target(target, config, _worker_options) for target, config in batch]
    return reports if _worker_finish is None else [_worker_finish(r) for r in reports]


def _warm_up(config: Config) -> None:
    """Build the grammar and vocabulary once in the parent: forked workers inherit them."""
    from .engine import Engine
    from .sources import plain_source

    Engine(config.extend_rules).analyse(plain_source("Of 3 drones, 2 were downed over Kursk and 1 over Oryol."))


# ---------------------------------------------------------------------- the pool
def check_many(items: Iterable[tuple[Target, Config]], options: RunOptions, jobs: int,
               finish: Finish | None = None, per_task: int = 1) -> Iterator[tuple[Target, Config, FileReport]]:
    """Check each (target, config) with ``check_target``, on ``jobs`` processes, ``per_task`` files a
    task (see :func:`batch_size`); in order.

    ``finish``, given, is applied to each report in the worker that made it (a module-level
    function or a ``functools.partial`` of one, so that it pickles), to send back less: see
    ``render.prerender``.
    """
    from .runner import check_target
    from .walk import STDIN

    items = iter(items)
    first = next(items, None)
    if first is None:
        return
    _warm_up(first[1])
    methods = _mp().get_all_start_methods()
    context = _mp().get_context("fork" if "fork" in methods else None)
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # no worker may see Ctrl-C, even while it starts
    try:
        pool = context.Pool(jobs, initializer=_start_worker, initargs=(options, finish))
    finally:
        signal.signal(signal.SIGINT, previous)
    try:
        pending: deque[tuple[list[tuple[Target, Config]], Any]] = deque()
        batches = _batches(_chain(first, items), lambda t: t.path == STDIN or t.error is not None, per_task)
        for batch, local in batches:
            if local:
                pending.append((batch, [check_target(t, c, options) for t, c in batch]))
            else:
                pending.append((batch, pool.apply_async(_check_batch, (batch,))))
            if len(pending) >= jobs * WINDOW:
                yield from _collect(pending.popleft())
        while pending:
            yield from _collect(pending.popleft())
        pool.close()
    finally:
        pool.terminate()  # all done, or Ctrl-C or an error: no worker outlives the run
        pool.join()


def _collect(entry: tuple[list[tuple[Target, Config]], Any]) -> Iterator[tuple[Target, Config, FileReport]]:
    batch, result = entry
    reports = result if isinstance(result, list) else result.get()
    for (target, config), report in zip(batch, reports, strict=True):
        yield target, config, report


def _batches(items: Iterable[tuple[Target, Config]], local: Callable[[Target], bool],
             size: int) -> Iterator[tuple[list[tuple[Target, Config]], bool]]:
    """Runs of up to ``size`` items, each run either all for the pool or all for the parent."""
    batch: list[tuple[Target, Config]] = []
    batch_local = False
    for item in items:
        is_local = local(item[0])
        if batch and (is_local != batch_local or len(batch) >= size):
            yield batch, batch_local
            batch = []
        batch.append(item)
        batch_local = is_local
    if batch:
        yield batch, batch_local


def _chain(first: tuple[Target, Config], rest: Iterator[tuple[Target, Config]]) -> Iterator[tuple[Target, Config]]:
    yield first
    yield from rest


def _mp() -> Any:
    import multiprocessing

    return multiprocessing


# ---------------------------------------------------------------------- progress
class _Bar:
    """A transient rich progress bar on standard error."""

    def __init__(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        # the report is written to stdout while the bar runs: rich must not capture it
        self._progress = Progress(TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                  console=Console(stderr=True), transient=True, redirect_stdout=False,
                                  redirect_stderr=False)
        self._task = self._progress.add_task("files", total=total)

    def __enter__(self) -> _Bar:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def advance(self) -> None:
        self._progress.advance(self._task)


class _NoBar:
    def advance(self) -> None:
        pass


def progress_bar(total: int, enabled: bool = True) -> AbstractContextManager[Any]:
    """A progress bar for ``total`` files, drawn only for a person watching a terminal.

    Never in CI logs or pipes (standard error is not a terminal there, or ``CI`` is set)
    and never on standard output, where machine-readable reports go.
    """
    stream = sys.stderr
    if (not enabled or total < PROGRESS_MIN_FILES or stream is None or not stream.isatty() or os.environ.get("CI")
            or os.environ.get("TERM") == "dumb"):
        return nullcontext(_NoBar())
    return _Bar(total)
