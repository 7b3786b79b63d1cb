"""The engine's values cross process boundaries (the --jobs pool): they pickle and come back equal."""

from __future__ import annotations

import pickle
from pathlib import Path

from checker.model import Analysis, FileReport, Finding, Severity, Span
from checker.runner import RunOptions, check_one

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_a_checked_report_pickles_and_comes_back_equal() -> None:
    report = check_one(str(EXAMPLES / "kaspiysk-drones.txt"), RunOptions())
    assert report.analysis.findings and report.analysis.tallies  # a report with something in it
    assert pickle.loads(pickle.dumps(report)) == report


def test_a_finding_built_without_args_pickles() -> None:
    finding = Finding("TC101", "breakdown-sum-mismatch", Severity.ERROR, "adds up to 13, not 32", Span(0, 9))
    report = FileReport("a.txt", "text", Analysis((), (finding,)))
    back = pickle.loads(pickle.dumps(report))
    assert back == report and back.analysis.findings[0].args == {}
