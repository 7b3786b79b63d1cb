"""Article cases: one small article per file, its expectations in TOML front matter.

    +++
    [[expect]]                 # a finding that must be reported (and nothing else may be)
    rule = "TC101"
    primary = "20 drones"      # text of the total's span
    related = ["8", "5"]       # optional: texts (or prefixes) of part spans
    [[tally]]                  # a tally that must be found, whatever else is
    total = "44 drones"
    status = "consistent"      # or "none": no tally may have this total
    [[todo]]                   # a known miss: allowed, not required
    rule = "TC101"
    primary = "19 drones"
    +++
    The article ...

The body is checked as Markdown when the file ends in .md, as HTML when it ends in .html, as plain
text otherwise.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.engine import Engine
from checker.model import Analysis
from checker.sources import format_for_path, load_source

CASES = Path(__file__).parent / "cases"


@dataclass
class Case:
    path: Path
    body: str
    expect: list[dict[str, Any]] = field(default_factory=list)
    tallies: list[dict[str, Any]] = field(default_factory=list)
    todo: list[dict[str, Any]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.path.parent.name}/{self.path.stem}"


def load_case(path: Path) -> Case:
    raw = path.read_text(encoding="utf-8")
    if not raw.startswith("+++"):
        raise ValueError(f"{path}: no +++ front matter")
    _, front, body = raw.split("+++", 2)
    meta = tomllib.loads(front)
    unknown = set(meta) - {"expect", "tally", "todo"}
    if unknown:
        raise ValueError(f"{path}: unknown front matter keys {sorted(unknown)}")
    return Case(path, body.lstrip("\n"), meta.get("expect", []), meta.get("tally", []), meta.get("todo", []))


def all_cases() -> list[Case]:
    return [load_case(p) for p in sorted(CASES.glob("*/*")) if p.suffix in (".txt", ".md", ".html")]


def analyse(case: Case) -> Analysis:
    return Engine().analyse(load_source(case.body, format_for_path(case.path.name)))


def text_of(case: Case, span: Any) -> str:
    return case.body[span.start : span.end]
