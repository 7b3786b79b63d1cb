"""tallycheck's speed and memory, measured against its targets: one command, plain Python.

    python benchmarks/bench.py              # the full table (a few minutes)
    python benchmarks/bench.py --quick      # a smoke run: fewer runs, smaller inputs
    python benchmarks/bench.py --installed  # the tallycheck installed in this Python (a compiled build)

Prints a Markdown table. Times are medians of several runs (wall clock; in-process
throughput uses CPU time, which a busy machine disturbs less), and what is compared takes
turns, so that a slow spell of the machine falls on both sides of a ratio. The corpus is the
project's example articles plus, when present, the texts of ``../shared/eval/*.jsonl``.
quantulum3 (``pip install quantulum3``, the ``bench`` extra) is the reference a user
would otherwise reach for; it only extracts quantities. CLI runs share one bytecode
cache (PYTHONPYCACHEPREFIX), as an installed tool and its dependencies would.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 600  # seconds for one measured subprocess


# ---------------------------------------------------------------------- corpus
def use_checkout(installed: bool) -> str:
    """Import tallycheck from this checkout's sources, or (``installed``) from this Python's site-packages,
    where a compiled build lives; the name of the build that will be measured."""
    if not installed:
        sys.path.insert(0, str(ROOT))
    import checker.claims

    compiled = not checker.claims.__file__.endswith(".py")
    return f"{'compiled (mypyc)' if compiled else 'pure Python'}, {Path(checker.claims.__file__).parent}"


def corpus() -> list[tuple[str, str]]:
    """(text, format) of every example article and every dev-set excerpt."""
    from checker.sources import format_for_path

    docs = [(p.read_text(encoding="utf-8"), format_for_path(p.name)) for p in sorted((ROOT / "examples").iterdir())
            if p.suffix in (".txt", ".md", ".html") and p.name != "README.md"]
    for path in sorted((ROOT.parent / "shared" / "eval").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                docs.append((json.loads(line)["text"], "text"))
    return docs


def plain_texts(docs: Sequence[tuple[str, str]]) -> list[str]:
    return [text for text, fmt in docs if fmt == "text"]


def document(texts: Sequence[str], size: int, start: int = 0) -> str:
    """About ``size`` bytes of news copy: corpus texts one after another, as paragraphs."""
    parts: list[str] = []
    n, i = 0, start
    while n < size:
        parts.append(texts[i % len(texts)])
        n += len(parts[-1].encode("utf-8")) + 2
        i += 1
    return "\n\n".join(parts) + "\n"


# ---------------------------------------------------------------------- in-process
SPELL = 0.3  # CPU seconds of repeated passes behind one in-process measurement of tallycheck


def timed(step: Callable[[], object], spell: float) -> Callable[[], float]:
    """A measurement: CPU seconds per call of ``step``, averaged over as many calls as fill ``spell``
    seconds (at least one), so that a 40 ms pass is measured over a stretch of the machine, not an instant."""

    def measure() -> float:
        calls, t0 = 0, time.process_time()
        while True:
            step()
            calls += 1
            elapsed = time.process_time() - t0
            if elapsed >= spell:
                return elapsed / calls

    return measure


def tallycheck_pass(docs: Sequence[tuple[str, str]]) -> Callable[[], None]:
    """One pass of read -> findings over the corpus (load_source + Engine().analyse), warmed up."""
    from checker.engine import Engine
    from checker.runtime import tune_gc
    from checker.sources import load_source

    tune_gc()  # as the CLI and the server run

    def once() -> None:
        for text, fmt in docs:
            Engine().analyse(load_source(text, fmt))

    once()  # build the grammar and vocabulary first
    return once


def quantulum_pass(docs: Sequence[tuple[str, str]]) -> Callable[[], None] | None:
    """One pass of quantulum3's parser over the same texts, warmed up; None without quantulum3."""
    try:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser
    except ImportError:
        return None

    def once() -> None:
        for text, _ in docs:
            parser.parse(text)

    parser.parse(docs[0][0])
    return once


class InProcess(NamedTuple):
    ours: list[float]  # CPU seconds per tallycheck pass, one per measurement
    theirs: list[float]  # CPU seconds per quantulum3 pass (empty without quantulum3)
    ratios: list[float]  # per round: quantulum3's pass over the mean of the tallycheck passes either side


def in_process(docs: Sequence[tuple[str, str]], rounds: int) -> InProcess:
    """Round after round, tallycheck, then quantulum3 when it is installed, then tallycheck again.

    A shared machine's speed drifts from minute to minute (by up to two-thirds on the one the README's
    figures come from), so the two are compared within each round, on the same stretch of it, and the
    speed ratio is the median of the rounds' ratios."""
    ours_once = timed(tallycheck_pass(docs), SPELL)
    reference = quantulum_pass(docs)
    theirs_once = timed(reference, 0) if reference else None  # one pass is over a second
    ours: list[float] = []
    theirs: list[float] = []
    ratios: list[float] = []
    for _ in range(rounds):
        before = ours_once()
        ours.append(before)
        if theirs_once is None:
            continue
        theirs.append(theirs_once())
        ours.append(after := ours_once())
        ratios.append(theirs[-1] / ((before + after) / 2))
    return InProcess(ours, theirs, ratios)


def spread(values: Sequence[float], digits: int, unit: str) -> str:
    """``median unit (lowest–highest)`` of several measurements, or the one value."""
    shown = f"{statistics.median(values):.{digits}f}{unit}"
    return shown if len(values) == 1 else f"{shown} ({min(values):.{digits}f}–{max(values):.{digits}f})"


# ---------------------------------------------------------------------- subprocesses
def environment(cache: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "CI")}
    env["PYTHONPYCACHEPREFIX"] = cache
    return env


# Linux counts a process's peak RSS from its parent's at the fork (it survives exec), so a command
# started from this process would report at least this process's own peak. A small launcher forks
# the command instead and reports its peak (and its workers', whom it waits for).
_LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as fh:
    fh.write(f"{os.waitstatus_to_exitcode(status)} {usage.ru_maxrss}")
"""


def run(cmd: Sequence[str], env: dict[str, str], cwd: str | None = None) -> float:
    """Wall seconds of one command."""
    t0 = time.perf_counter()
    returncode = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                                cwd=cwd).returncode
    seconds = time.perf_counter() - t0
    if returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} exited with {returncode}")
    return seconds


def run_measured(cmd: Sequence[str], env: dict[str, str], tmp: Path) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB of the command or any of its workers) of one command."""
    report = tmp / "launcher.out"
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", _LAUNCHER, str(report), *cmd], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, env=env, check=True)
    seconds = time.perf_counter() - t0
    returncode, peak_kb = (int(x) for x in report.read_text().split())
    if returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} exited with {returncode}")
    return seconds, peak_kb / 1024


def tallycheck_cmd() -> list[str]:
    script = Path(sys.executable).with_name("tallycheck")
    return [str(script)] if script.exists() else [sys.executable, "-m", "checker"]


def cli_single(texts: Sequence[str], runs: int, env: dict[str, str], tmp: Path) -> tuple[float, float]:
    """Median wall time of ``tallycheck --format json article.txt`` (~5 KB) and of the bare imports."""
    article = tmp / "article.txt"
    article.write_text(document(texts, 5_000), encoding="utf-8")
    check = [*tallycheck_cmd(), "--format", "json", str(article)]
    bare = [sys.executable, "-c", "import pyparsing, rich.console"]
    for _ in range(2):  # fill the bytecode cache
        run(check, env)
        run(bare, env)
    ours, theirs = [], []
    for _ in range(runs):  # interleaved, so that both see the same machine
        ours.append(run(check, env))
        theirs.append(run(bare, env))
    return statistics.median(ours), statistics.median(theirs)


_ONE_DOCUMENT = """
import resource, sys, time
sys.path[:0] = {path!r}
from checker.engine import Engine
from checker.runtime import tune_gc
from checker.sources import load_source
tune_gc()  # as the CLI and the server run
text = open({doc!r}, encoding="utf-8").read()
Engine().analyse(load_source("Of 3 drones, 2 were downed over Kursk and 1 over Oryol."))
t0 = time.perf_counter()
Engine().analyse(load_source(text))
try:  # this process's own peak: ru_maxrss would start from the peak of the process that started it
    peak = int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) / 1024
except (OSError, IndexError):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(time.perf_counter() - t0, peak)
"""


def one_document(texts: Sequence[str], sizes: Sequence[int], rounds: int, env: dict[str, str],
                 tmp: Path, installed: bool) -> dict[int, tuple[float, float]]:
    """Per size: (median seconds, peak RSS in MB) for one document of that many bytes, each run in a fresh
    process. The sizes take turns round after round, so that a slow spell of a noisy machine falls on all
    of them rather than on one (their ratio is the linearity figure)."""
    codes = {}
    for size in sizes:
        path = tmp / f"doc-{size}.txt"
        path.write_text(document(texts, size), encoding="utf-8")
        codes[size] = _ONE_DOCUMENT.format(path=[] if installed else [str(ROOT)], doc=str(path))
    times: dict[int, list[float]] = {size: [] for size in sizes}
    peaks: dict[int, list[float]] = {size: [] for size in sizes}
    for _ in range(rounds):
        for size in sizes:
            try:
                out = subprocess.run([sys.executable, "-c", codes[size]], capture_output=True, text=True, env=env,
                                     timeout=TIMEOUT, check=True).stdout.split()
            except subprocess.TimeoutExpired:
                times[size].append(float("inf"))
                peaks[size].append(float("nan"))
                continue
            times[size].append(float(out[0]))
            peaks[size].append(float(out[1]))
    return {size: (statistics.median(times[size]), max(peaks[size])) for size in sizes}


def directory(texts: Sequence[str], files: int, runs: int, env: dict[str, str], tmp: Path) -> dict[str, float]:
    """Wall time and peak RSS of the CLI over a folder of ``files`` articles, one process and the default."""
    folder = tmp / f"articles-{files}"
    folder.mkdir()
    for i in range(files):
        (folder / f"{i:05d}.txt").write_text(document(texts, 2_500, start=i * 3), encoding="utf-8")
    base = [*tallycheck_cmd(), "--format", "json", str(folder)]
    run([*base, "--jobs", "1"], env)  # warm caches
    serial, pooled = [], []
    for _ in range(runs):
        serial.append(run_measured([*base, "--jobs", "1"], env, tmp))
        pooled.append(run_measured(base, env, tmp))
    return {"serial": statistics.median(t for t, _ in serial), "pooled": statistics.median(t for t, _ in pooled),
            "serial_rss": max(m for _, m in serial), "pooled_rss": max(m for _, m in pooled),
            "mb": sum(p.stat().st_size for p in folder.iterdir()) / 1e6}


# ---------------------------------------------------------------------- table
def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("met" if ok else "**not met**")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="a smoke run: fewer runs, smaller inputs")
    ap.add_argument("--installed", action="store_true",
                    help="measure the tallycheck installed in this Python (say, a compiled build), not this checkout")
    args = ap.parse_args(argv)
    build = use_checkout(args.installed)
    quick = args.quick
    runs = 3 if quick else 5
    sizes = (10_000, 100_000, 1_000_000) if quick else (100_000, 1_000_000, 10_000_000)
    n_files = 200 if quick else 2_000
    docs = corpus()
    texts = plain_texts(docs)
    mb = sum(len(t.encode("utf-8")) for t, _ in docs) / 1e6
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    rows: list[tuple[str, str, str, str]] = []

    def row(what: str, measured: str, target: str, ok: bool | None) -> None:
        rows.append((what, measured, target, verdict(ok)))
        print(f"  {what}: {measured}", file=sys.stderr)

    print(f"corpus: {len(docs)} articles, {mb * 1e3:.1f} KB; {cores} cores; runs: {runs}", file=sys.stderr)
    row("build measured", build.split(",")[0], "—", None)
    timings = in_process(docs, runs)
    speeds = [mb / t for t in timings.ours]  # MB/s; the median shown is the one the verdict judges
    speed = statistics.median(speeds)
    row("in-process throughput (load_source + Engine().analyse)",
        f"{spread(speeds, 2, ' MB/s')}, {speed * len(docs) / mb:.0f} articles/s", "≥ 1 MB/s per core", speed >= 1)
    if not timings.theirs:
        row("quantulum3 on the same text", "not installed (pip install quantulum3)", "—", None)
    else:
        q = statistics.median(timings.theirs)
        row("quantulum3 on the same text (extraction only)", f"{mb / q:.3f} MB/s, {len(docs) / q:.1f} articles/s",
            "—", None)
        ratio = statistics.median(timings.ratios)
        row("tallycheck / quantulum3 speed, round by round", spread(timings.ratios, 0, "×"),
            "≥ 100×", ratio >= 100)

    with tempfile.TemporaryDirectory(prefix="tallycheck-bench-") as tmp_name:
        tmp = Path(tmp_name)
        env = environment(str(tmp / "pycache"))
        cli, bare = cli_single(texts, 5 if quick else 11, env, tmp)
        row("CLI, one ~5 KB article (`tallycheck --format json`)", f"{cli * 1e3:.0f} ms", "—", None)
        row("bare `python -c \"import pyparsing, rich.console\"`", f"{bare * 1e3:.0f} ms", "—", None)
        row("CLI / bare imports", f"{cli / bare:.2f}×", "≤ 1.5×", cli / bare <= 1.5)

        measured = {}
        documents = one_document(texts, sizes, 1 if quick else 3, env, tmp, args.installed)
        for size in sizes:
            t, peak = documents[size]
            measured[size] = t
            shown = (f"{t:.2f} s ({size / 1e6 / t:.2f} MB/s), peak RSS {peak:.0f} MB" if t != float("inf")
                     else f"timed out after {TIMEOUT} s")
            row(f"one document of {size / 1e6:g} MB", shown, "≤ 300 MB at 10 MB" if size == sizes[-1] else "—",
                peak <= 300 if size == sizes[-1] else None)
        big, mid = sizes[-1], sizes[-2]
        ratio = measured[big] / measured[mid]
        row(f"time {big / 1e6:g} MB / {mid / 1e6:g} MB", f"{ratio:.1f}×", "≤ 12×", ratio <= 12)

        d = directory(texts, n_files, 1 if quick else 3, env, tmp)
        row(f"folder of {n_files} articles ({d['mb']:.1f} MB), --jobs 1",
            f"{d['serial']:.1f} s, peak RSS {d['serial_rss']:.0f} MB", "—", None)
        row(f"folder of {n_files} articles, default --jobs ({cores})",
            f"{d['pooled']:.1f} s, peak RSS {d['pooled_rss']:.0f} MB", "—", None)
        speedup = d["serial"] / d["pooled"]
        row("--jobs 1 / default", f"{speedup:.2f}×", "≥ 1.7× on 2 cores", speedup >= 1.7 if cores >= 2 else None)

    print("| measurement | result | target | |")
    print("|---|---|---|---|")
    for what, result, target, ok in rows:
        print(f"| {what} | {result} | {target} | {ok} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
