"""The bundled examples report what examples/expected.toml (and examples/README.md) say."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from checker.offsets import LineIndex
from checker.runner import RunOptions, check_one

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EXPECTED = tomllib.loads((EXAMPLES / "expected.toml").read_text(encoding="utf-8"))["example"]


def test_every_example_file_is_documented() -> None:
    files = {p.name for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".md", ".html") and p.name != "README.md"}
    assert files == {e["file"] for e in EXPECTED}
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    assert all(e["file"] in readme for e in EXPECTED)
    assert len(files) >= 10 and {".txt", ".md"} <= {Path(f).suffix for f in files}


@pytest.mark.parametrize("example", EXPECTED, ids=[e["file"] for e in EXPECTED])
def test_example(example: dict) -> None:
    report = check_one(str(EXAMPLES / example["file"]), RunOptions())
    assert report.error is None
    text, index = report.text, LineIndex(report.text)
    found = sorted((f.rule_id, text[f.primary.start : f.primary.end], index.position(f.primary.start)[0])
                   for f in report.analysis.findings)
    want = sorted((f["rule"], f["total"], f["line"]) for f in example["findings"])
    assert found == want
    for f in example["findings"]:  # where given, the parts and the arithmetic of each reading too
        finding = next(x for x in report.analysis.findings if text[x.primary.start : x.primary.end] == f["total"])
        if "parts" in f:
            assert len(finding.related) == f["parts"]
        if "arithmetic" in f:
            assert list(finding.arithmetic) == f["arithmetic"]
    tallies = {(text[t.total.span.start : t.total.span.end], t.status.value) for t in report.analysis.tallies}
    for t in example.get("tallies", []):
        assert (t["total"], t["status"]) in tallies, sorted(tallies)


def test_every_check_is_shown_by_an_example() -> None:
    rules = {f["rule"] for e in EXPECTED for f in e["findings"]}
    assert {"TC101", "TC102", "TC103", "TC104", "TC105", "TC106"} <= rules


SEED = EXAMPLES.parent.parent / "shared" / "seeds" / "kaspiysk-drones.txt"


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seeds is not beside this checkout")
def test_the_seed_article_reports_its_one_error_with_both_readings() -> None:
    """The published article this project exists for: one error on "32 drones", its four parts as related
    spans and both readings; the later "32 drones in a single night" agrees with it."""
    report = check_one(str(SEED), RunOptions())
    text = report.text
    [finding] = report.analysis.findings
    assert (finding.rule_id, text[finding.primary.start : finding.primary.end]) == ("TC101", "32 drones")
    assert len(finding.related) == 4
    assert list(finding.arithmetic) == ["4 + 3 + 2 + 1×4 = 13 ≠ 32", "4×4 + 3×2 + 2 + 1×4 = 28 ≠ 32"]
    restated = [t for t in report.analysis.tallies if t.status.value == "consistent"]
    [restatement] = [t.parts[0].quantity.span.start for t in restated]
    assert text[restatement:].startswith("32 drones in a single night")
