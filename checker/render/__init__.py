"""Renderers: one module per output format, all reading the same reports.

Each renderer is ``render(reports, ctx) -> str``; renderers never compute, the engine
never prints.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import import_module

from ..model import FileReport
from ..registry import Registry

FORMATS = ("text", "concise", "json", "sarif", "github", "html")


@dataclass(frozen=True)
class RenderContext:
    registry: Registry
    version: str
    color: bool = False
    width: int | None = None
    options: dict = field(default_factory=dict)


Renderer = Callable[[Sequence[FileReport], RenderContext], str]


def renderer_for(name: str) -> Renderer:
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}")
    module = import_module(f".{name}_format", __name__)
    return module.render
