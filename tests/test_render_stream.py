"""Writing a report a file at a time gives exactly what rendering all reports at once gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.registry import registry_for
from checker.render import RenderContext, part_renderer_for, prerender, renderer_for, streamer_for
from checker.runner import RunOptions, check_one

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _reports():
    files = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".md", ".html"))
    return [check_one(str(p), RunOptions()) for p in files] + [check_one(str(EXAMPLES / "missing.txt"), RunOptions())]


@pytest.mark.parametrize("fmt", ["json", "concise", "github", "text"])
@pytest.mark.parametrize("color", [False, True])
def test_stream_equals_render(fmt: str, color: bool) -> None:
    ctx = RenderContext(registry_for(), "0.1.0", color=color, width=100)
    reports = _reports()
    pieces: list[str] = []
    stream = streamer_for(fmt)
    assert stream is not None
    stream(iter(reports), ctx, pieces.append)
    assert "".join(pieces) == renderer_for(fmt)(reports, ctx)
    assert len(pieces) > len(reports) // 2  # written as the files come, not at the end


@pytest.mark.parametrize("fmt", ["json", "concise", "github", "text"])
def test_stream_of_no_files(fmt: str) -> None:
    ctx = RenderContext(registry_for(), "0.1.0", width=100)
    pieces: list[str] = []
    streamer_for(fmt)(iter([]), ctx, pieces.append)
    assert "".join(pieces) == renderer_for(fmt)([], ctx)


def test_sarif_and_html_need_every_report() -> None:
    assert streamer_for("sarif") is None and streamer_for("html") is None


@pytest.mark.parametrize("fmt", ["json", "concise", "github"])
def test_reports_rendered_where_they_were_checked_stream_the_same(fmt: str) -> None:
    """What a pool's worker sends back (the file's part, its findings, no article or tallies) streams
    to the same report as the whole reports do."""
    ctx = RenderContext(registry_for(), "0.1.0", width=100)
    reports = _reports()
    slim = [prerender(fmt, r) for r in reports]
    assert all(s.text == "" and s.analysis.tallies == () and s.part is not None for s in slim)
    assert [s.analysis.findings for s in slim] == [r.analysis.findings for r in reports]
    assert any(s.analysis.findings for s in slim) and any(s.error for s in slim)
    pieces: list[str] = []
    streamer_for(fmt)(iter(slim), ctx, pieces.append)
    assert "".join(pieces) == renderer_for(fmt)(reports, ctx)


@pytest.mark.parametrize("fmt", ["text", "sarif", "html"])
def test_formats_that_read_more_than_a_files_findings_get_whole_reports(fmt: str) -> None:
    # text's summary counts tallies; sarif and html render every report at the end
    report = _reports()[0]
    assert part_renderer_for(fmt) is None
    assert prerender(fmt, report) is report
