"""Writing a report a file at a time gives exactly what rendering all reports at once gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.registry import registry_for
from checker.render import RenderContext, renderer_for, streamer_for
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
