"""Turn a file's text into the plain text the engine reads, with an exact offset map.

Plain text passes through unchanged. Markdown and HTML (``markdown.py``, ``html.py``)
drop markup, code and comments, keep one block per paragraph, heading, list item or
table cell, and record where every plain character came from.
"""

from __future__ import annotations

from typing import NamedTuple

from ..offsets import OffsetMap
from ..segment import Block

FORMATS = ("text", "markdown", "html")
_SUFFIXES = {
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".mkd": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
}


class Directive(NamedTuple):
    """An inline suppression comment: ``disable``, ``enable`` or ``disable-next-line``."""

    kind: str
    rules: tuple[str, ...]  # empty: all rules
    line: int  # 1-based source line of the comment
    start: int  # source offset of the comment
    end: int


class SourceText(NamedTuple):
    """A document ready for analysis.

    ``source`` is the decoded file text (spans in reports index into it); ``plain`` is
    what the engine reads; ``offsets`` maps plain offsets back to ``source``. ``blocks``
    (plain offsets) is given by structured formats; None lets the engine find paragraphs.
    """

    source: str
    plain: str
    offsets: OffsetMap
    format: str = "text"
    blocks: tuple[Block, ...] | None = None
    directives: tuple[Directive, ...] = ()


def format_for_path(path: str) -> str:
    """The source format a file name implies: markdown, html, or text."""
    lower = path.lower()
    for suffix, fmt in _SUFFIXES.items():
        if lower.endswith(suffix):
            return fmt
    return "text"


def plain_source(text: str) -> SourceText:
    return SourceText(text, text, OffsetMap.identity(len(text)), "text")


def load_source(text: str, fmt: str = "text") -> SourceText:
    """Parse ``text`` as ``fmt`` (text, markdown or html)."""
    if fmt == "markdown":
        from .markdown import markdown_source

        return markdown_source(text)
    if fmt == "html":
        from .html import html_source

        return html_source(text)
    return plain_source(text)
