"""Adversarial inputs at growing sizes: does checking time grow linearly?

Each case repeats a hostile pattern (long digit runs, "1, 2, 3, ..." lists, comma chains,
nested brackets, one huge line, "each each each", many capitalised words, thousands of
places in one list, entity floods in HTML, bracket floods in Markdown) up to each size and
times the whole check -- source format, engine, JSON rendering -- as the CLI runs it.
Linear growth shows as a ratio near 10 per x10 in size; 100 means quadratic.

    python benchmarks/adversarial.py                     # 10 KB, 100 KB, 1 MB
    python benchmarks/adversarial.py --sizes 100K,1M,4M  # the large run
    python benchmarks/adversarial.py --case counting-list --case html-entities

A size whose predicted time (the last time times the last ratio) is over ``--limit``
seconds is skipped and shown as ``>`` that prediction, so a quadratic case cannot hang
the run. This is a benchmark script, not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import itertools
import math
import re
import string
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checker.engine import Engine
from checker.model import FileReport
from checker.registry import registry_for
from checker.render import RenderContext
from checker.render.json_format import render as render_json
from checker.sources import load_source


@dataclass(frozen=True)
class Case:
    name: str
    fmt: str
    pieces: Callable[[], Iterator[str]]  # an endless stream, cut at the size
    head: str = ""


def _names() -> Iterator[str]:
    """Distinct made-up capitalised place names: Abab, Abac, ... (never a real cue word)."""
    letters = "bcdfgklmnprstvz"
    vowels = "aeiou"
    for n in itertools.count(2):
        for combo in itertools.product(letters, vowels, repeat=n):
            yield "".join(combo).capitalize()


def _cycle(*items: str) -> Callable[[], Iterator[str]]:
    return lambda: itertools.cycle(items)


def _counting() -> Iterator[str]:
    for i in itertools.count(1):
        yield f"{i}, "


def _place_list() -> Iterator[str]:
    for name in _names():
        yield f"one over {name}, "


def _bare_places() -> Iterator[str]:
    for name in _names():
        yield f"{name}, "


def _capitalised() -> Iterator[str]:
    for name in _names():
        yield f"{name} "


def _headline_counts() -> Iterator[str]:
    for i in itertools.count(1):
        yield f"{i} drones "


def _restatements() -> Iterator[str]:
    for i in itertools.count(1):
        yield f"{i % 50} drones were destroyed. "


ARTICLE = ("Air defences destroyed 32 drones overnight: four each over Belgorod and Bryansk, two over "
           "Voronezh, one each over Kursk and Tula. Officials said 12 people were injured and 3 killed, "
           "bringing the total number of casualties to 15.\n\n")

CASES = [
    Case("article-paragraphs", "text", _cycle(ARTICLE)),
    Case("digit-run", "text", _cycle(string.digits)),
    Case("digits-and-spaces", "text", _cycle("1 ", "22 ", "333 ")),
    Case("counting-list", "text", _counting),
    Case("counting-list-after-total", "text", _counting, head="A total of 12 drones were destroyed: "),
    Case("comma-chain", "text", _cycle(",")),
    Case("comma-number-chain", "text", _cycle("1,", "000,")),
    Case("nested-brackets", "text", _cycle("(", "[", "{", "(12 ")),
    Case("huge-single-line", "text", _cycle("Air defences destroyed 12 drones: 4 over Kursk and 8 over Tula; ")),
    Case("each-each-each", "text", _cycle("each "), head="Air defences destroyed 32 drones: four "),
    Case("capitalised-words", "text", _capitalised),
    Case("places-in-one-list", "text", _place_list, head="Air defences destroyed 9999 drones: "),
    Case("bare-places-one-claim", "text", _bare_places, head="Air defences destroyed 9999 drones over "),
    Case("headline-of-counts", "text", _headline_counts),
    Case("restated-counts", "text", _restatements, head="Air defences destroyed 9 drones\n\n"),
    Case("places-and-bare-counts", "text", _cycle("one over Kursk, 5, ", "one over Tula, 7, ")),
    Case("number-words", "text", _cycle("twenty-one thousand two hundred and ")),
    Case("hedges", "text", _cycle("more than about nearly at least some ")),
    Case("quotes-and-dashes", "text", _cycle('"', "“", "12 — ", "'", "«")),
    Case("full-stops", "text", _cycle("1.", "A. ", "U.S. ")),
    Case("markdown-emphasis", "markdown", _cycle("*", "_", "**12 ")),
    Case("markdown-brackets", "markdown", _cycle("[", "](", "![", "12 ")),
    Case("markdown-backticks", "markdown", _cycle("`", "``", "12 ")),
    Case("markdown-quote-nesting", "markdown", _cycle("> ", "- ", "1. ", "12 drones\n")),
    Case("html-entities", "html", _cycle("&amp;")),
    Case("html-huge-charrefs", "html", _cycle("&#99999999999;", "&#x110000;", "&#0;", "&bogus;")),
    Case("html-stray-ampersands", "html", _cycle("Q&#A ", "&", "&#")),
    Case("html-nested-divs", "html", _cycle("<div>12 ")),
    Case("html-unclosed-tags", "html", _cycle("<b>", "<p>", "<li>4 over Kursk ")),
    Case("html-open-brackets", "html", _cycle("<", "< ", "<!", "12 ")),
]

SIZES = {"K": 1000, "M": 1000 * 1000}


def make(case: Case, size: int) -> str:
    out, n = [case.head], len(case.head)
    for piece in case.pieces():
        if n >= size:
            break
        out.append(piece)
        n += len(piece)
    return "".join(out)[:size]


def check(text: str, fmt: str, engine: Engine, ctx: RenderContext) -> float:
    start = time.perf_counter()
    source = load_source(text, fmt)
    analysis = engine.analyse(source)
    render_json([FileReport("bench", text, analysis)], ctx)
    return time.perf_counter() - start


def parse_size(s: str) -> int:
    m = re.fullmatch(r"(\d+)([KM]?)B?", s.strip().upper())
    if not m:
        raise argparse.ArgumentTypeError(f"bad size {s!r} (e.g. 100K, 1M)")
    return int(m.group(1)) * SIZES.get(m.group(2), 1)


def label(size: int) -> str:
    return f"{size // 1000000} MB" if size >= 1000000 else f"{size // 1000} KB"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="10K,100K,1M", help="comma-separated sizes (default: 10K,100K,1M)")
    p.add_argument("--case", action="append", help="run only this case (repeatable)")
    p.add_argument("--limit", type=float, default=120.0, help="skip a size predicted to take longer (seconds)")
    args = p.parse_args(argv)
    sizes = sorted(parse_size(s) for s in args.sizes.split(","))
    cases = [c for c in CASES if not args.case or c.name in args.case]
    engine = Engine()
    ctx = RenderContext(registry_for(()), "bench")
    check("warm up: 3 drones, 1 over A and 2 over B.", "text", engine, ctx)
    header = f"{'case':28} {'format':9}" + "".join(f"{label(s):>10}" for s in sizes) + "  ratio per x10"
    print(header)
    print("-" * len(header))
    worst = 0.0
    for case in cases:
        times: list[float | None] = []
        for i, size in enumerate(sizes):
            predicted = _predict(times, sizes, size) if i else 0.0
            if predicted > args.limit or (times and times[-1] is None):
                times.append(None)
                print(f"  {case.name}: {label(size)} skipped, predicted {predicted:.0f}s", file=sys.stderr)
                continue
            times.append(check(make(case, size), case.fmt, engine, ctx))
        ratios = [per_x10(a, b, sa, sb) for a, b, sa, sb in zip(times, times[1:], sizes, sizes[1:], strict=False)
                  if a is not None and b is not None]
        cells = "".join(f"{t:9.2f}s" if t is not None else f"{'skipped':>10}" for t in times)
        worst = max([worst, *ratios])
        print(f"{case.name:28} {case.fmt:9}{cells}  {' '.join(f'{r:.1f}' for r in ratios)}", flush=True)
    print(f"\nworst ratio per x10: {worst:.1f} (10 is linear, 100 quadratic)")
    return 0


def per_x10(t_small: float, t_large: float, small: int, large: int) -> float:
    """How much the time grows per x10 in size (10 is linear, 100 quadratic)."""
    return (max(t_large, 1e-4) / max(t_small, 1e-4)) ** (1 / math.log10(large / small))


def _predict(times: list[float | None], sizes: list[int], size: int) -> float:
    """The time a size would take, at the growth seen so far (at least linear)."""
    last = times[-1]
    if last is None:
        return math.inf
    n = len(times)
    growth = 10.0
    if n >= 2 and times[-2] is not None:
        growth = max(growth, per_x10(times[-2], last, sizes[n - 2], sizes[n - 1]))
    return last * growth ** math.log10(size / sizes[n - 1])


if __name__ == "__main__":
    sys.exit(main())
