"""benchmarks/bench.py's bookkeeping: how in-process rounds pair tallycheck with quantulum3, and how
figures are shown. Nothing here is timed against a target; the benchmark itself prints the figures."""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("tallycheck_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _scripted(bench, monkeypatch, ours: list[float], theirs: list[float] | None) -> None:
    """Passes that do nothing, and measurements that return ``ours`` and ``theirs`` in turn."""

    def tallycheck_step() -> None:
        pass

    def quantulum_step() -> None:
        pass

    values: dict[Callable[[], None], Iterator[float]] = {tallycheck_step: iter(ours),
                                                         quantulum_step: iter(theirs or [])}
    monkeypatch.setattr(bench, "tallycheck_pass", lambda docs: tallycheck_step)
    monkeypatch.setattr(bench, "quantulum_pass", lambda docs: quantulum_step if theirs is not None else None)
    monkeypatch.setattr(bench, "timed", lambda step, spell: lambda: next(values[step]))


def test_each_round_compares_quantulum3_with_the_tallycheck_measurements_either_side(bench, monkeypatch):
    # round 1: 0.04 s, then quantulum3 1.2 s, then 0.08 s -> 1.2 / 0.06 = 20
    # round 2: 0.05 s, then quantulum3 1.5 s, then 0.05 s -> 1.5 / 0.05 = 30
    _scripted(bench, monkeypatch, ours=[0.04, 0.08, 0.05, 0.05], theirs=[1.2, 1.5])
    timings = bench.in_process([("Of 3 drones, 2 fell.", "text")], rounds=2)
    assert timings.ours == [0.04, 0.08, 0.05, 0.05]
    assert timings.theirs == [1.2, 1.5]
    assert timings.ratios == pytest.approx([20, 30])


def test_without_quantulum3_each_round_measures_tallycheck_once(bench, monkeypatch):
    _scripted(bench, monkeypatch, ours=[0.04, 0.05, 0.06], theirs=None)
    timings = bench.in_process([("Of 3 drones, 2 fell.", "text")], rounds=3)
    assert timings.ours == [0.04, 0.05, 0.06]
    assert timings.theirs == [] and timings.ratios == []


def test_a_measurement_repeats_the_step_until_the_spell_is_filled(bench):
    calls = []

    def step() -> None:
        calls.append(None)
        t0 = time.process_time()
        while time.process_time() - t0 < 0.002:  # burn a little CPU time
            pass

    per_call = bench.timed(step, 0.02)()
    assert len(calls) >= 2
    assert per_call * len(calls) >= 0.02  # the average over every call made
    calls.clear()
    bench.timed(step, 0)()
    assert len(calls) == 1  # a spell of 0: one call, as for a quantulum3 pass


@pytest.mark.parametrize(("values", "digits", "unit", "shown"), [
    ([1.0], 2, " MB/s", "1.00 MB/s"),
    ([0.9, 1.1, 1.0], 2, " MB/s", "1.00 MB/s (0.90–1.10)"),
    ([33.4, 36.0, 35.2], 0, "×", "35× (33–36)"),
])
def test_a_figure_is_shown_as_its_median_and_its_range(bench, values, digits, unit, shown):
    assert bench.spread(values, digits, unit) == shown
