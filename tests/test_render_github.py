"""The github format: workflow commands, escaped, with no columns on multi-line spans."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from render.builders import STORY, context, finding, report, rescue_report, unreadable

from checker.model import Severity
from checker.render import renderer_for, resolve_format
from checker.render.github_format import escape_data, escape_property, render


def lines(reports) -> list[str]:
    return render(reports, context()).splitlines()


def test_a_finding_is_one_error_command_with_the_arithmetic():
    assert lines([rescue_report()]) == [
        "::error file=story.txt,line=1,col=21,endLine=1,endColumn=30,"
        "title=TC101 breakdown-sum-mismatch::the breakdown of 27 people adds up to 23, not 27%0A9 + 8 + 6 = 23 ≠ 27"
    ]


def test_severities_pick_the_command():
    text = "Crews pulled 27 people out: nine and six.\n"
    fs = [finding(text, "27 people"), finding(text, "nine", severity=Severity.WARNING),
          finding(text, "six", severity=Severity.INFO)]
    assert [line.split(" ", 1)[0] for line in lines([report("s.txt", text, fs)])] == [
        "::error", "::warning", "::notice"]


def test_escaping_of_data_and_properties():
    assert escape_data("100% sure\r\nnext") == "100%25 sure%0D%0Anext"
    assert escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"
    assert escape_data("a:b,c") == "a:b,c"


def test_paths_and_messages_are_escaped_in_the_command():
    text = "Crews pulled 27 people out: 90% of them safe.\n"
    f = finding(text, "27 people", message="27 people, not 30%\nsee: the list",
                arithmetic=("9 + 8 = 17 ≠ 27",))
    [line] = lines([report("news/a,b:c.md", text, [f])])
    assert line.startswith("::error file=news/a%2Cb%3Ac.md,line=1,")
    assert line.endswith("::27 people, not 30%25%0Asee: the list%0A9 + 8 = 17 ≠ 27")
    assert line.count("::") == 2


def test_a_span_over_several_lines_has_no_columns():
    text = "Crews pulled 27\npeople out.\n"
    [line] = lines([report("s.txt", text, [finding(text, "27\npeople")])])
    props = line.split("::")[1].removeprefix("error ")
    assert props == "file=s.txt,line=1,endLine=2,title=TC101 breakdown-sum-mismatch"


def test_columns_are_code_points_after_tabs_and_wide_characters():
    text = "東京\tCrews pulled 27 people out.\n"
    [line] = lines([report("s.txt", text, [finding(text, "27 people")])])
    assert ",line=1,col=17,endLine=1,endColumn=26," in line


def test_unreadable_files_are_error_annotations():
    assert lines([unreadable("gone.txt")]) == [
        "::error file=gone.txt,title=tallycheck::could not read gone.txt: no such file"]


def test_standard_input_has_no_file_property():
    [line] = lines([rescue_report("-")])
    assert line.startswith("::error line=1,col=21,")


def test_no_findings_no_output():
    assert render([report("s.txt", "Nothing to count.\n", tallies=2)], context()) == ""


def test_auto_is_github_inside_github_actions():
    assert resolve_format("auto", {"GITHUB_ACTIONS": "true"}) == "github"
    assert resolve_format("auto", {}) == "text"
    assert resolve_format("auto", {"GITHUB_ACTIONS": "false"}) == "text"
    assert renderer_for(resolve_format("auto", {"GITHUB_ACTIONS": "true"})) is render


def test_cli_github_format(tmp_path):
    shutil.copy(STORY, tmp_path / "story.txt")
    done = subprocess.run([sys.executable, "-m", "checker", "--format", "github", "story.txt"],
                          cwd=tmp_path, capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 1, done.stderr
    [line] = done.stdout.splitlines()
    assert line.startswith("::error file=story.txt,line=3,")
    assert "title=TC101 breakdown-sum-mismatch::" in line


def test_cli_auto_format_under_github_actions(tmp_path):
    shutil.copy(STORY, tmp_path / "story.txt")
    env = {**os.environ, "GITHUB_ACTIONS": "true"}
    done = subprocess.run([sys.executable, "-m", "checker", "--format", "auto", "story.txt"],
                          cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", env=env)
    assert done.stdout.startswith("::error file=story.txt,line=3,")
