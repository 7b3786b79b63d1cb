"""Process-wide settings that every entry point applies: the CLI, the server, the benchmark.

CPython's cyclic collector scans every live container in each full collection. With the
young generation's default threshold (700 allocations), a long document sets off full
collections again and again while its sentences, offsets and results are alive, so the
time grows faster than the text: 10 MB took 13.4x the time of 1 MB. Collecting the young
generation every 10,000 allocations brings that to 9.5x (4 full collections instead of 38)
at 168 MB peak instead of 159. A library function would not change this for its caller;
these are processes tallycheck owns.

At exit the interpreter runs a last full collection, and it frees every object in a
reference cycle one by one: each module's classes and functions, pyparsing's grammar,
the vocabulary. That took about 20 ms of a 140 ms run on one article, work the operating
system does at once when the process ends. ``exit_quickly`` leaves it to the OS.
"""

from __future__ import annotations

import gc
import sys
from typing import NoReturn

YOUNG_THRESHOLD = 10_000  # allocations between collections of the youngest generation


def tune_gc() -> None:
    """Raise the youngest generation's threshold (never lower it); the others keep theirs."""
    young, middle, old = gc.get_threshold()
    if 0 < young < YOUNG_THRESHOLD:  # 0: the collector is off, and stays off
        gc.set_threshold(YOUNG_THRESHOLD, middle, old)


def exit_quickly(code: int) -> NoReturn:
    """Exit with ``code``, leaving what is still alive to the operating system.

    ``gc.freeze()`` moves every tracked object out of the collector's reach, so the last
    collection at exit has nothing to free. Exit itself is unchanged: atexit handlers run
    and the standard streams are flushed. Only for the end of a process tallycheck owns:
    objects kept alive by a cycle are never finalized (``__del__``), so whatever must be
    written or closed is written and closed before this (the CLI closes its report file).
    """
    gc.freeze()
    sys.exit(code)
