"""The fast indented encoder writes what ``json.dumps(..., ensure_ascii=False, indent=2)`` writes."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from checker.registry import registry_for
from checker.render import RenderContext, json_format, json_text
from checker.runner import RunOptions, check_one

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def reference(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def test_every_example_report_is_encoded_byte_for_byte_as_the_standard_library_does() -> None:
    files = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".md", ".html"))
    reports = [check_one(str(p), RunOptions()) for p in files]
    document = json_format.document(reports, RenderContext(registry_for(), "0.1.0"))
    assert sum(len(f["tallies"]) for f in document["files"]) > 10  # real reports, not empty ones
    assert json_text.dumps(document) == reference(document)


@pytest.mark.parametrize("value", [
    {}, [], (), "", 0, -7, 10**30, 2.5, 1e-7, 1e300, True, False, None,
    {"a": [], "b": {}, "c": [{}], "d": [[1, [2, []]]]},
    ("tuple", ("nested",)),
    {"quote": 'say "32"', "slash": "a\\b/c", "control": "tab\tnew\nline\x01", "unicode": "Київ – 32 € ≥ ∞ \u2028"},
    {"surrogate": "\udcff", "emoji": "🛩"},
    [math.inf, -math.inf],
])
def test_values_are_encoded_as_the_standard_library_does(value: object) -> None:
    assert json_text.dumps(value) == reference(value)


def test_not_a_number_is_written_as_the_standard_library_writes_it() -> None:
    assert json_text.dumps([math.nan]) == reference([math.nan])


def test_indent_prefixes_every_line_after_the_first() -> None:
    value = {"path": "a.txt", "tallies": [{"status": "mismatch"}]}
    expected = "\n".join(("    " + line) if i else line for i, line in enumerate(reference(value).splitlines()))
    assert json_text.dumps(value, indent="    ") == expected


@pytest.mark.parametrize("value", [object(), {1: "a"}, {"a": {2, 3}}, b"bytes"])
def test_what_json_cannot_hold_is_a_type_error(value: object) -> None:
    with pytest.raises(TypeError):
        json_text.dumps(value)
