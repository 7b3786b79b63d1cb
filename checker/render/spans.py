"""Spans as the output contract spells them: offsets plus 1-based lines and columns."""

from __future__ import annotations

from typing import Any

from ..model import Span
from ..offsets import LineIndex


def span_json(span: Span, text: str, index: LineIndex) -> dict[str, Any]:
    line, column = index.position(span.start)
    end_line, end_column = index.position(span.end)
    return {
        "start": span.start,
        "end": span.end,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "text": text[span.start : span.end],
    }
