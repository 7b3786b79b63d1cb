"""The concise format: one ``path:line:col: RULE message`` line per finding, nothing else."""

from __future__ import annotations

import shutil
import subprocess
import sys

from render.builders import STORY, context, finding, report, rescue_report, unreadable

from checker.render.concise_format import render


def test_one_line_per_finding():
    text = "Crews pulled 27 people out.\nThen 12 buses left: 4 and 5.\n"
    fs = [finding(text, "27 people", message="first"), finding(text, "12 buses", rule="TC102", message="second")]
    assert render([report("a.txt", text, fs)], context()) == (
        "a.txt:1:14: TC101 first\n"
        "a.txt:2:6: TC102 second\n"
    )


def test_matches_the_engine_message():
    assert render([rescue_report()], context()) == (
        "story.txt:1:21: TC101 the breakdown of 27 people adds up to 23, not 27\n")


def test_columns_are_code_points():
    text = "東京\tCrews pulled 27 people out.\n"
    assert render([report("s.txt", text, [finding(text, "27 people", message="m")])], context()) == (
        "s.txt:1:17: TC101 m\n")


def test_unreadable_files_and_nothing_else():
    out = render([unreadable("gone.txt"), report("ok.txt", "Nothing.\n", tallies=3), rescue_report()], context())
    assert out.splitlines() == [
        "gone.txt: error: no such file",
        "story.txt:1:21: TC101 the breakdown of 27 people adds up to 23, not 27",
    ]


def test_a_message_stays_on_its_line():
    text = "Crews pulled 27 people out.\n"
    out = render([report("s.txt", text, [finding(text, "27 people", message="the headline says\n27 people")])],
                 context())
    assert out == "s.txt:1:14: TC101 the headline says 27 people\n"


def test_no_findings_no_output():
    assert render([report("s.txt", "Nothing.\n", tallies=1)], context()) == ""


def test_cli_concise_format(tmp_path):
    shutil.copy(STORY, tmp_path / "story.txt")
    done = subprocess.run([sys.executable, "-m", "checker", "--format", "concise", "story.txt", "gone.txt"],
                          cwd=tmp_path, capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 2  # an unreadable file is an input error
    finding_line, error_line = done.stdout.splitlines()
    assert finding_line.startswith("story.txt:3:21: TC101 ")
    assert error_line == "gone.txt: error: no such file"
