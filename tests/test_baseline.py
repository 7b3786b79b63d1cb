"""Baselines: fingerprints without line numbers, counts for duplicates, clear errors."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checker.baseline import (
    Baseline,
    BaselineError,
    baseline_document,
    fingerprint,
    load_baseline,
    parse_baseline,
    path_key,
)
from checker.model import Analysis, FileReport, Finding, Severity, Span

CONTROL = Path(__file__).parent / "control"
FAIL = "Rescuers evacuated 40 residents: 12 from the riverside district, 9 from the old town and 10 from the harbour."
FAIL_DRONES = "The army said it shot down 12 drones overnight: 8 over the Oryol region and 3 over the Tula region."


def at(text: str, needle: str, rule: str = "TC101", nth: int = 0) -> Finding:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Finding(rule, "name", Severity.ERROR, "m", Span(start, start + len(needle)))


# --- fingerprints ---------------------------------------------------------------------------


def test_fingerprint_ignores_line_numbers_and_spacing():
    text = f"Intro.\n\n{FAIL}\n"
    moved = f"Intro.\n\nA new paragraph.\n\nAnother.\n\n  {FAIL.replace(' residents', '   residents')}\n"
    assert fingerprint(at(text, "40 residents"), text) == fingerprint(at(moved, "40   residents"), moved)


def test_fingerprint_changes_with_the_total_the_line_or_the_rule():
    text = f"{FAIL}\n"
    base = fingerprint(at(text, "40 residents"), text)
    changed_total = text.replace("40 residents", "41 residents")
    assert fingerprint(at(changed_total, "41 residents"), changed_total) != base
    changed_line = text.replace("old town", "old quarter")
    assert fingerprint(at(changed_line, "40 residents"), changed_line) != base
    assert fingerprint(at(text, "40 residents", "TC102"), text) != base


def test_fingerprint_of_a_line_with_a_lone_surrogate():
    # text decoded with --encoding utf-7 may hold one; the baseline must still be written
    text = f"Rescuers \ud800 said: {FAIL}\n"
    other = text.replace("\ud800", "\udc00")
    assert fingerprint(at(text, "40 residents"), text) != fingerprint(at(other, "40 residents"), other)


def test_two_totals_on_one_line_have_different_fingerprints():
    text = "Of 40 residents and 12 drones, none.\n"
    assert fingerprint(at(text, "40 residents"), text) != fingerprint(at(text, "12 drones"), text)


def test_path_keys_are_relative_to_the_baseline_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert path_key("desk/story.md", str(tmp_path)) == "desk/story.md"
    assert path_key("./desk/../desk/story.md", str(tmp_path)) == "desk/story.md"
    assert path_key("story.md", str(tmp_path / "ci")) == "../story.md"
    assert path_key("-", str(tmp_path)) == "-"


# --- documents --------------------------------------------------------------------------------


def test_document_counts_duplicates_and_new_findings_absorb_one_each(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = f"{FAIL}\n\n{FAIL}\n"
    findings = (at(text, "40 residents"), at(text, "40 residents", nth=1))
    report = FileReport("story.txt", text, Analysis((), findings))
    doc = baseline_document([report, FileReport("broken.txt", error="broken.txt: no such file")], str(tmp_path))
    assert doc["schema"] == 1 and list(doc["files"]) == ["story.txt"]
    (entry,) = doc["files"]["story.txt"]
    assert (entry["rule"], entry["total"], entry["count"]) == ("TC101", "40 residents", 2)
    baseline = parse_baseline(json.dumps(doc), str(tmp_path / "b.json"))
    three = f"{FAIL}\n\n{FAIL}\n\n{FAIL}\n"
    found = tuple(at(three, "40 residents", nth=n) for n in range(3))
    assert baseline.new_findings("story.txt", found, three) == (found[2],)
    assert baseline.new_findings("other.txt", found, three) == found


@pytest.mark.parametrize(("data", "problem"), [
    ("{", "invalid JSON at line 1"),
    ("[]", 'expected an object with "schema": 1'),
    ('{"schema": 2, "files": {}}', 'expected an object with "schema": 1'),
    ('{"schema": 1, "files": {"a.txt": {}}}', "files.a.txt: expected a list"),
    ('{"schema": 1, "files": {"a.txt": [{"count": 1}]}}', 'files.a.txt: each entry needs a "fingerprint"'),
    ('{"schema": 1, "files": {"a.txt": [{"fingerprint": "x", "count": 0}]}}', "positive"),
])
def test_malformed_baselines_are_rejected(data, problem):
    with pytest.raises(BaselineError, match=r"^b\.json: not a tallycheck baseline: ") as exc:
        parse_baseline(data, "b.json")
    assert problem in str(exc.value)


def test_missing_baseline(tmp_path):
    with pytest.raises(BaselineError, match="no such baseline file"):
        load_baseline(str(tmp_path / "none.json"))


def test_empty_baseline_reports_everything(tmp_path):
    b = Baseline(str(tmp_path), {})
    text = f"{FAIL}\n"
    assert b.new_findings("x.txt", (at(text, "40 residents"),), text) != ()


# --- through the CLI ----------------------------------------------------------------------------


def tallycheck(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def totals(stdout: str) -> list[str]:
    return [f["span"]["text"] for file in json.loads(stdout)["files"] for f in file["findings"]]


@pytest.fixture
def tree(tmp_path):
    shutil.copytree(CONTROL / "baseline", tmp_path / "baseline")
    return tmp_path


def test_write_then_read_survives_lines_inserted_above(tree):
    story = tree / "baseline" / "story.txt"
    original = story.read_text()
    first = tallycheck("baseline", "--format", "json", cwd=tree)
    assert first.returncode == 1 and totals(first.stdout) == ["40 residents", "12 drones"]

    written = tallycheck("baseline", "--write-baseline", "tallycheck-baseline.json", cwd=tree)
    assert written.returncode == 0, written.stderr
    assert "wrote 2 findings" in written.stderr
    doc = json.loads((tree / "tallycheck-baseline.json").read_text())
    assert list(doc["files"]) == ["baseline/story.txt"]
    assert story.read_text() == original  # nothing the tool reads is modified

    known = tallycheck("baseline", "--baseline", "tallycheck-baseline.json", "--format", "json", cwd=tree)
    assert known.returncode == 0 and totals(known.stdout) == []

    story.write_text("Update, 9pm\n\nA new first paragraph.\n\nAnd another one.\n\n" + original)
    moved = tallycheck("baseline", "--baseline", "tallycheck-baseline.json", "--format", "json", cwd=tree)
    assert moved.returncode == 0, moved.stdout
    assert totals(moved.stdout) == []


def test_a_changed_total_and_an_extra_copy_are_new(tree):
    story = tree / "baseline" / "story.txt"
    assert tallycheck("baseline", "--write-baseline", "b.json", cwd=tree).returncode == 0
    story.write_text(story.read_text().replace("12 drones", "13 drones") + f"\n{FAIL}\n")
    result = tallycheck("baseline", "--baseline", "b.json", "--format", "json", cwd=tree)
    assert result.returncode == 1
    assert sorted(totals(result.stdout)) == ["13 drones", "40 residents"]


def test_baseline_paths_work_from_another_working_folder(tree):
    assert tallycheck("baseline", "--write-baseline", "b.json", cwd=tree).returncode == 0
    result = tallycheck("story.txt", "--baseline", "../b.json", "--format", "json", cwd=tree / "baseline")
    assert result.returncode == 0 and totals(result.stdout) == []


def test_missing_or_malformed_baseline_is_exit_2(tree):
    missing = tallycheck("baseline", "--baseline", "nope.json", cwd=tree)
    assert missing.returncode == 2
    assert missing.stderr.strip() == "tallycheck: nope.json: no such baseline file (create it with --write-baseline)"
    (tree / "bad.json").write_text("{not json")
    bad = tallycheck("baseline", "--baseline", "bad.json", cwd=tree)
    assert bad.returncode == 2 and "bad.json: not a tallycheck baseline" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_write_baseline_with_an_unreadable_input_is_exit_2(tree):
    result = tallycheck("baseline", "missing.txt", "--write-baseline", "b.json", cwd=tree)
    assert result.returncode == 2 and "missing.txt: no such file" in result.stderr
    assert "baseline/story.txt" in json.loads((tree / "b.json").read_text())["files"]
