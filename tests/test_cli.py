"""The command line end to end: exit codes, the JSON contract, rule docs, stdin, several files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
PARTS = "8 over the Kursk region, 5 over the Belgorod region and 4 over the Bryansk region.\n"
BAD = "Air defences destroyed 20 drones overnight: " + PARTS
GOOD = "Air defences destroyed 17 drones overnight: " + PARTS
AMBIGUOUS = ("Air defences destroyed eight drones over three regions. Three drones were downed over the Kursk and "
             "Belgorod regions, and two over the Bryansk region.\n")


def tallycheck(*args: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "checker", *args], input=stdin, capture_output=True, text=True,
                          cwd=cwd, timeout=120)


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "ambiguous.txt").write_text(AMBIGUOUS, encoding="utf-8")
    return tmp_path


def test_exit_0_when_everything_adds_up(articles: Path) -> None:
    run = tallycheck(str(articles / "good.txt"))
    assert run.returncode == 0, run.stderr
    assert "all tallies add up" in run.stdout.lower() or "0 errors" in run.stdout.lower() or run.stdout


def test_exit_1_on_an_error_finding(articles: Path) -> None:
    run = tallycheck(str(articles / "bad.txt"))
    assert run.returncode == 1
    assert "TC101" in run.stdout
    assert "8 + 5 + 4 = 17 ≠ 20" in run.stdout


def test_warnings_fail_only_with_fail_on_warning(articles: Path) -> None:
    assert tallycheck(str(articles / "ambiguous.txt")).returncode == 0
    assert tallycheck("--fail-on", "warning", str(articles / "ambiguous.txt")).returncode == 1


def test_exit_2_on_a_missing_file_but_the_others_are_still_checked(articles: Path) -> None:
    run = tallycheck("--format", "json", str(articles / "bad.txt"), str(articles / "missing.txt"))
    assert run.returncode == 2
    assert "missing.txt" in run.stderr and "Traceback" not in run.stderr
    doc = json.loads(run.stdout)
    jsonschema.validate(doc, SCHEMA)
    by_path = {Path(f["path"]).name: f for f in doc["files"]}
    assert by_path["missing.txt"]["error"] and by_path["missing.txt"]["findings"] == []
    assert [f["rule"] for f in by_path["bad.txt"]["findings"]] == ["TC101"]


def test_json_follows_the_contract(articles: Path) -> None:
    run = tallycheck("--format", "json", str(articles / "bad.txt"), str(articles / "good.txt"))
    doc = json.loads(run.stdout)
    jsonschema.validate(doc, SCHEMA)
    assert doc["schema"] == 1 and doc["tool"]["name"] == "tallycheck"
    assert doc["summary"] == {"files": 2, "errors": 1, "warnings": 0, "infos": 0}
    bad, good = doc["files"]
    finding = bad["findings"][0]
    assert finding["span"]["text"] == "20 drones"
    assert (finding["span"]["line"], finding["span"]["column"]) == (1, 24)
    assert [r["span"]["text"] for r in finding["related"]] == ["8", "5", "4"]
    assert finding["arithmetic"] == ["8 + 5 + 4 = 17 ≠ 20"]
    # every evaluated total is listed, consistent ones too
    assert [t["status"] for t in good["tallies"]] == ["consistent"]
    assert good["tallies"][0]["sum"] == {"low": 17, "high": 17}
    assert bad["tallies"][0]["readings"][0]["expression"] == "8 + 5 + 4"


def test_stdin(articles: Path) -> None:
    run = tallycheck("--format", "concise", "-", stdin=BAD)
    assert run.returncode == 1
    assert run.stdout.startswith("-:1:24: TC101")


def test_python_m_checker_is_the_console_script(articles: Path) -> None:
    exe = Path(sys.executable).with_name("tallycheck")
    if not exe.exists():
        pytest.skip("console script not installed in this environment")
    a = subprocess.run([str(exe), "--format", "json", str(articles / "bad.txt")], capture_output=True, text=True)
    b = tallycheck("--format", "json", str(articles / "bad.txt"))
    assert a.returncode == b.returncode == 1
    assert json.loads(a.stdout) == json.loads(b.stdout)


def test_list_rules_and_explain() -> None:
    listing = tallycheck("--list-rules")
    assert listing.returncode == 0
    for rule_id in ("TC101", "TC102", "TC103", "TC104", "TC105", "TC106"):
        assert rule_id in listing.stdout
    explained = tallycheck("--explain", "tc101")
    assert explained.returncode == 0 and "breakdown-sum-mismatch" in explained.stdout and "Why" in explained.stdout
    unknown = tallycheck("--explain", "TC999")
    assert unknown.returncode == 2 and "TC999" in unknown.stderr


def test_usage_errors_are_exit_2_without_traceback() -> None:
    for args in ([], ["--format", "yaml", "x.txt"]):
        run = tallycheck(*args)
        assert run.returncode == 2
        assert "Traceback" not in run.stderr


def test_text_output_never_interprets_article_markup(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("[bold]Police[/bold] made 10 arrests: 4 in Arden, 3 in Belmont and 2 in Carlow.\n",
                     encoding="utf-8")
    run = tallycheck("--color", "always", str(story))
    assert run.returncode == 1
    assert "[/bold]" in run.stdout  # printed as written, not taken for rich markup
