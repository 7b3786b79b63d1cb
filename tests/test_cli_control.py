"""End to end through ``python -m checker``: config, selection, inputs, suppressions, exit codes.

Each test copies a fixture tree from tests/control/ to a temporary folder with a fake
repository root (``.git``), so discovery never climbs into this project's own files and
nothing in tests/ is touched. Assertions use robust facts: which rule fires on which
total, exit codes, paths; never the wording of a message.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CONTROL = Path(__file__).parent / "control"
FAIL = "Rescuers evacuated 40 residents: 12 from the riverside district, 9 from the old town and 10 from the harbour."
PASS = FAIL.replace("40 residents", "31 residents")
WARN = "Air defences downed 14 drones overnight: four over Kursk and Oryol, and six over Tula."


@pytest.fixture
def root(tmp_path):
    (tmp_path / ".git").mkdir()
    return tmp_path


def copy_tree(name: str, root: Path) -> Path:
    target = root / name
    shutil.copytree(CONTROL / name, target)
    for p in target.rglob("_gitignore"):
        p.rename(p.with_name(".gitignore"))
    return target


def tallycheck(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker", *args], cwd=cwd, input=stdin, capture_output=True,
                          text=True, timeout=120)


def report(*args: str, cwd: Path, stdin: str | None = None) -> tuple[int, dict, str]:
    result = tallycheck(*args, "--format", "json", cwd=cwd, stdin=stdin)
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, json.loads(result.stdout), result.stderr


def flagged(doc: dict) -> dict[str, list[tuple[str, str]]]:
    """path -> [(rule, total text)] for every file, flagged or not."""
    return {f["path"]: [(x["rule"], x["span"]["text"]) for x in f["findings"]] for f in doc["files"]}


# --- config discovery ----------------------------------------------------------------------


def test_nearest_config_wins_per_file(root):
    copy_tree("discovery", root)
    code, doc, _ = report("discovery", cwd=root)
    assert code == 1
    assert flagged(doc) == {
        "discovery/both/story.txt": [],  # .tallycheck.toml (ignore TC1) beats pyproject.toml there
        "discovery/desk/story.txt": [("TC101", "40 residents")],  # desk config: select TC1
        "discovery/desk/sub/deeper.txt": [("TC101", "40 residents")],  # inherits the desk config
        "discovery/other-tool/story.txt": [],  # pyproject without [tool.tallycheck]: the top one applies
        "discovery/top.txt": [],  # top pyproject ignores TC101
    }


def test_config_file_flag_replaces_discovery(root):
    copy_tree("discovery", root)
    code, doc, _ = report("discovery", "--config", "discovery/both/pyproject.toml", cwd=root)
    assert code == 1
    assert all(findings == [("TC101", "40 residents")] for findings in flagged(doc).values())


def test_config_is_found_from_a_subfolder_working_directory(root):
    copy_tree("discovery", root)
    code, doc, _ = report("story.txt", cwd=root / "discovery" / "desk")
    assert code == 1 and flagged(doc) == {"story.txt": [("TC101", "40 residents")]}


# --- select / ignore --------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "expected"), [
    ((), 1),
    (("--ignore", "TC101"), 0),
    (("--ignore", "TC1"), 0),
    (("--select", "TC1", "--ignore", "TC101"), 0),
    (("--select", "TC101", "--ignore", "TC1"), 1),  # longer prefix wins
    (("--select", "TC101", "--ignore", "TC101"), 0),  # a tie goes to ignore
    (("--select", "tc105,TC101"), 1),
    (("--select", "TC105"), 0),
])
def test_select_and_ignore_on_the_command_line(root, args, expected):
    copy_tree("discovery", root)
    code, doc, _ = report("discovery/desk/story.txt", *args, cwd=root)
    assert code == expected
    assert bool(flagged(doc)["discovery/desk/story.txt"]) is bool(expected)


def test_command_line_select_replaces_the_configs_ignore(root):
    copy_tree("discovery", root)
    assert report("discovery/top.txt", cwd=root)[0] == 0
    code, doc, _ = report("discovery/top.txt", "--select", "TC101", cwd=root)
    assert code == 1 and flagged(doc)["discovery/top.txt"] == [("TC101", "40 residents")]


def test_unknown_rule_on_the_command_line_is_exit_2(root):
    copy_tree("discovery", root)
    result = tallycheck("discovery", "--select", "TC999", cwd=root)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip() == "tallycheck: --select: unknown rule 'TC999' (see tallycheck --list-rules)"


# --- severities and fail-on -------------------------------------------------------------------


def test_per_rule_severity_and_fail_on(root):
    copy_tree("severity", root)
    code, doc, _ = report("severity", cwd=root)
    assert code == 0  # TC101 is only a warning here, and the default fail level is error
    (finding,) = doc["files"][0]["findings"]
    assert (finding["rule"], finding["severity"]) == ("TC101", "warning")
    assert doc["summary"]["warnings"] == 1 and doc["summary"]["errors"] == 0
    assert report("severity", "--fail-on", "warning", cwd=root)[0] == 1
    assert report("severity", "--fail-on", "info", cwd=root)[0] == 1


def test_fail_on_from_config_and_its_override(root):
    tree = copy_tree("severity", root)
    (tree / ".tallycheck.toml").write_text('fail-on = "warning"\n\n[rules.TC101]\nseverity = "warning"\n')
    assert report("severity", cwd=root)[0] == 1
    assert report("severity", "--fail-on", "error", cwd=root)[0] == 0


def test_a_warning_rule_needs_fail_on_warning(root):
    (root / "w.txt").write_text(WARN + "\n")
    code, doc, _ = report("w.txt", cwd=root)
    assert [f["severity"] for f in doc["files"][0]["findings"]] == ["warning"]
    assert code == 0
    assert report("w.txt", "--fail-on", "warning", cwd=root)[0] == 1


# --- extend-rules -------------------------------------------------------------------------------


def units(doc: dict) -> list[str]:
    return [t["unit"] for f in doc["files"] for t in f["tallies"]]


def test_extend_rules_from_config_adds_a_unit_form(root):
    copy_tree("newsroom", root)
    (root / "plain.toml").write_text("# no extra rules\n")
    code, doc, _ = report("newsroom", cwd=root)
    assert code == 0 and units(doc) == ["drone"]  # "gerans" are drones in the house rules
    code, doc, _ = report("newsroom", "--config", "plain.toml", cwd=root)
    # without the house rules "gerans" are an unknown noun: no tally of drones is found
    assert code == 0 and "drone" not in units(doc)


def test_extend_rules_on_the_command_line(root):
    copy_tree("newsroom", root)
    (root / "plain.toml").write_text("# no extra rules\n")
    code, doc, _ = report("newsroom/story.txt", "--config", "plain.toml",
                          "--extend-rules", "newsroom/house-rules", cwd=root)
    assert code == 0 and units(doc) == ["drone"]


def test_broken_extra_rules_file_is_exit_2_naming_it(root):
    tree = copy_tree("newsroom", root)
    (tree / "house-rules" / "units.toml").write_text("[units.drone\n")
    result = tallycheck("newsroom", cwd=root)
    assert result.returncode == 2
    assert "newsroom/.tallycheck.toml: extend-rules:" in result.stderr and "units.toml" in result.stderr


def test_extra_hedge_of_an_undefined_kind_is_exit_2(root):
    tree = copy_tree("newsroom", root)
    (tree / "house-rules" / "numbers.toml").write_text('[hedges]\n"getting on for" = "nearly_almost"\n')
    result = tallycheck("newsroom", cwd=root)
    assert result.returncode == 2
    assert "hedge_kinds: nearly_almost" in result.stderr and "Traceback" not in result.stderr


# --- inputs: folders, include/exclude, .gitignore, stdin -----------------------------------------


def test_walked_folder_obeys_exclude_include_and_gitignore(root):
    copy_tree("walk", root)
    result = tallycheck("walk", "--show-files", cwd=root)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "walk/a.txt", "walk/b.md", "walk/keep/ignored.txt", "walk/sub/e.html", "walk/sub/f.htm", "walk/sub/g.markdown"]
    code, doc, _ = report("walk", cwd=root)
    assert code == 0  # every failing file there is excluded or ignored
    assert [f["path"] for f in doc["files"]] == result.stdout.splitlines()


def test_explicit_excluded_file_is_checked_unless_force_exclude(root):
    copy_tree("walk", root)
    code, doc, _ = report("walk/drafts/d.txt", "walk/ignored.txt", cwd=root)
    assert code == 1 and all(flagged(doc).values())
    code, doc, _ = report("walk/drafts/d.txt", "walk/a.txt", "--force-exclude", cwd=root)
    assert code == 0 and [f["path"] for f in doc["files"]] == ["walk/a.txt"]


def test_command_line_exclude_overrides_the_config(root):
    copy_tree("walk", root)
    result = tallycheck("walk", "--show-files", "--exclude", "sub/", "--exclude", "keep", cwd=root)
    assert result.stdout.splitlines() == ["walk/a.txt", "walk/b.md", "walk/c.draft.md", "walk/drafts/d.txt"]


def test_include_globs_from_config(root):
    copy_tree("include", root)
    result = tallycheck("include", "--show-files", cwd=root)
    assert result.stdout.splitlines() == ["include/articles/world/z.md", "include/articles/x.md", "include/root.txt"]


def test_stdin_with_a_filename_uses_its_config_and_name(root):
    copy_tree("discovery", root)
    code, doc, _ = report("-", "--stdin-filename", "discovery/desk/new.txt", cwd=root, stdin=FAIL + "\n")
    assert code == 1 and flagged(doc) == {"discovery/desk/new.txt": [("TC101", "40 residents")]}
    code, doc, _ = report("-", "--stdin-filename", "discovery/new.txt", cwd=root, stdin=FAIL + "\n")
    assert code == 0 and flagged(doc) == {"discovery/new.txt": []}  # the top config ignores TC101
    code, doc, _ = report("-", cwd=root, stdin=FAIL + "\n")
    assert code == 1 and flagged(doc) == {"-": [("TC101", "40 residents")]}


def test_stdin_filename_suffix_picks_the_format(root):
    html = f"<p>{FAIL}</p>\n<!-- tallycheck-disable-next-line -->\n<p>{FAIL}</p>\n"
    code, doc, _ = report("-", "--stdin-filename", "story.html", cwd=root, stdin=html)
    assert code == 1
    (finding,) = doc["files"][0]["findings"]
    assert finding["span"]["line"] == 1 and finding["span"]["column"] == 23  # after "<p>", a markup-aware read
    code, doc, _ = report("--stdin-filename", "story.html", cwd=root, stdin=html)  # '-' is implied
    assert code == 1 and doc["files"][0]["path"] == "story.html"


def test_symlink_loop_and_hidden_folder_do_not_hang_or_leak(root):
    tree = copy_tree("walk", root)
    (tree / "sub" / "loop").symlink_to("..")
    (tree / ".cache").mkdir()
    (tree / ".cache" / "x.txt").write_text(FAIL + "\n")
    code, doc, _ = report("walk", cwd=root)
    assert code == 0 and len(doc["files"]) == 6


# --- inline suppressions ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["story.txt", "story.md", "story.html"])
def test_suppressions_in_each_format(root, name):
    copy_tree("suppress", root)
    path = f"suppress/{name}"
    code, doc, _ = report(path, cwd=root)
    assert code == 1
    findings = doc["files"][0]["findings"]
    # The next-line TC101 and the disable TC1 ... enable range silence the two drone totals;
    # the TC104 next-line directive does not cover TC101.
    assert [(f["rule"], f["span"]["text"]) for f in findings] == [("TC101", "40 residents")] * 2
    text = (root / path).read_text()
    assert [f["span"]["line"] for f in findings] == [
        n for n, line in enumerate(text.splitlines(), 1) if "40 residents" in line]


@pytest.mark.parametrize("name", ["story.txt", "story.md", "story.html"])
def test_unused_suppressions_are_reported_on_request(root, name):
    copy_tree("suppress", root)
    path = f"suppress/{name}"
    _, doc, _ = report(path, "--report-unused-suppressions", cwd=root)
    unused = [f for f in doc["files"][0]["findings"] if f["rule"] == "TC900"]
    assert len(unused) == 1
    assert (unused[0]["name"], unused[0]["severity"]) == ("unused-suppression", "info")
    assert "TC104" in unused[0]["span"]["text"] and "TC104" in unused[0]["message"]
    assert doc["summary"]["infos"] == 1
    assert report(path, "--report-unused-suppressions", "--ignore", "TC101", "--fail-on", "info",
                  cwd=root)[0] == 1


def test_unused_suppressions_from_config(root):
    tree = copy_tree("suppress", root)
    (tree / ".tallycheck.toml").write_text("report-unused-suppressions = true\n")
    _, doc, _ = report("suppress/story.txt", cwd=root)
    assert [f["rule"] for f in doc["files"][0]["findings"]].count("TC900") == 1
    _, doc, _ = report("suppress/story.txt", "--no-report-unused-suppressions", cwd=root)
    assert [f["rule"] for f in doc["files"][0]["findings"]].count("TC900") == 0


@pytest.mark.parametrize("fmt", ["text", "concise", "github", "sarif", "html"])
def test_every_renderer_accepts_the_unused_suppression_finding(root, fmt):
    copy_tree("suppress", root)
    result = tallycheck("suppress/story.md", "--report-unused-suppressions", "--format", fmt, cwd=root)
    assert result.returncode == 1 and "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert "TC900" in result.stdout


# --- bad configuration ------------------------------------------------------------------------


@pytest.mark.parametrize(("body", "key"), [
    ('fail-on = "fatal"\n', "fail-on"),
    ('select = ["TC999"]\n', "select"),
    ('ignore = "TC101"\n', "ignore"),
    ("surprise = 1\n", "surprise"),
    ('[rules.TC104]\nseverity = "loud"\n', "rules.TC104.severity"),
    ('[rules.TC104]\nmute = true\n', "rules.TC104.mute"),
])
def test_bad_config_is_one_line_naming_file_and_key(root, body, key):
    tree = copy_tree("severity", root)
    (tree / ".tallycheck.toml").write_text(body)
    result = tallycheck("severity/story.txt", cwd=root)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"tallycheck: severity/.tallycheck.toml: {key}: ")


def test_bad_pyproject_key_is_dotted(root):
    (root / "pyproject.toml").write_text('[tool.tallycheck]\nfail-on = "never"\n')
    (root / "a.txt").write_text(PASS + "\n")
    result = tallycheck("a.txt", cwd=root)
    assert result.returncode == 2
    assert result.stderr.startswith("tallycheck: pyproject.toml: tool.tallycheck.fail-on: expected one of")


# --- exit codes and the JSON contract -------------------------------------------------------------


def test_unreadable_input_still_reports_the_others_and_outranks_findings(root):
    (root / "bad.txt").write_text(FAIL + "\n")
    (root / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    code, doc, stderr = report("missing.txt", "bad.txt", "binary.txt", cwd=root)
    assert code == 2
    by_path = {f["path"]: f for f in doc["files"]}
    assert by_path["missing.txt"]["error"] and by_path["missing.txt"]["findings"] == []
    assert by_path["binary.txt"]["error"]
    assert [x["rule"] for x in by_path["bad.txt"]["findings"]] == ["TC101"]
    assert "missing.txt" in stderr and "binary.txt" in stderr


@pytest.mark.parametrize(("text", "expected"), [(PASS, 0), (FAIL, 1)])
def test_exit_codes(root, text, expected):
    (root / "a.txt").write_text(text + "\n")
    assert tallycheck("a.txt", "--format", "concise", cwd=root).returncode == expected


def test_no_paths_is_a_usage_error(root):
    result = tallycheck(cwd=root)
    assert result.returncode == 2 and "no files given" in result.stderr


def test_json_schema_is_unchanged(root):
    copy_tree("suppress", root)
    _, doc, _ = report("suppress/story.txt", "--report-unused-suppressions", cwd=root)
    assert set(doc) == {"schema", "tool", "files", "summary"}
    assert doc["schema"] == 1 and doc["tool"]["name"] == "tallycheck"
    assert set(doc["summary"]) == {"files", "errors", "warnings", "infos"}
    (file,) = doc["files"]
    assert {"path", "error", "tallies", "findings"} <= set(file)
    span_keys = {"start", "end", "line", "column", "end_line", "end_column", "text"}
    for finding in file["findings"]:
        assert {"rule", "name", "severity", "message", "span", "related"} <= set(finding)
        assert set(finding["span"]) == span_keys


def test_write_baseline_exits_0_with_findings(root):
    copy_tree("discovery", root)
    result = tallycheck("discovery", "--write-baseline", "b.json", cwd=root)
    assert result.returncode == 0 and result.stdout == ""
    assert tallycheck("discovery", "--baseline", "b.json", cwd=root).returncode == 0


def test_output_file_that_cannot_be_written_is_exit_2(root):
    (root / "a.txt").write_text(PASS + "\n")
    result = tallycheck("a.txt", "-o", "no/such/folder/report.json", "--format", "json", cwd=root)
    assert result.returncode == 2 and "cannot write report" in result.stderr


def test_list_rules_uses_the_configs_extra_rules(root):
    copy_tree("newsroom", root)
    result = tallycheck("--list-rules", cwd=root / "newsroom")
    assert result.returncode == 0 and "TC101" in result.stdout
