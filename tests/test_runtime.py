"""The process-wide collector setting the CLI and the server apply."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

from checker import cli
from checker.runtime import YOUNG_THRESHOLD, tune_gc


@pytest.fixture
def thresholds():
    saved = gc.get_threshold()
    yield
    gc.set_threshold(*saved)


def test_the_young_generation_is_collected_less_often_and_the_others_keep_theirs(thresholds) -> None:
    gc.set_threshold(700, 12, 13)
    tune_gc()
    assert gc.get_threshold() == (YOUNG_THRESHOLD, 12, 13)


def test_a_higher_threshold_is_never_lowered(thresholds) -> None:
    gc.set_threshold(YOUNG_THRESHOLD * 5, 10, 10)
    tune_gc()
    assert gc.get_threshold() == (YOUNG_THRESHOLD * 5, 10, 10)


def test_a_collector_switched_off_by_threshold_stays_off(thresholds) -> None:
    gc.set_threshold(0, 10, 10)
    tune_gc()
    assert gc.get_threshold() == (0, 10, 10)


def test_a_cli_run_applies_it(thresholds, tmp_path, capsys) -> None:
    gc.set_threshold(700, 10, 10)
    story = tmp_path / "story.txt"
    story.write_text("Air defences downed 5 drones: 3 over Kursk and 2 over Bryansk.\n", encoding="utf-8")
    assert cli.main(["--format", "json", str(story)]) == 0
    assert gc.get_threshold()[0] == YOUNG_THRESHOLD
    assert '"status": "consistent"' in capsys.readouterr().out


def test_exit_quickly_keeps_the_exit_code_and_the_output() -> None:
    code = ("import sys; from checker.runtime import exit_quickly; "
            "sys.stdout.write('report'); sys.stderr.write('note'); exit_quickly(1)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (run.returncode, run.stdout, run.stderr) == (1, "report", "note")
