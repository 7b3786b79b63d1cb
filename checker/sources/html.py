"""HTML to plain text with the standard library's parser, with an exact offset map.

Only the text of ``<body>`` is read (the whole document when there is no body tag).
Block elements (``p``, ``div``, ``li``, ``h1``-``h6``, ``td``, ``br``, ...) end a block;
headings give heading blocks, cells table_cell, list items list_item, quotes quote.
``script``, ``style``, ``code``, ``pre``, ``template``, ``noscript``, ``head``, ``svg``,
``math`` and similar are skipped with everything inside them; so are comments (scanned for
suppression directives) and attributes (alt text, titles).

Runs of HTML whitespace become one space, mapped to the whole run; every other character
is copied verbatim. A character reference (``&amp;``, ``&#8212;``) is decoded with
:func:`html.unescape` -- standard references only, nothing external, nothing fetched -- and
maps to its full source range. The parser reports where each piece starts; since every
piece is checked against the source at that offset, the map is exact by construction.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

from ..offsets import LineIndex, OffsetMapBuilder
from ..segment import Block
from . import Directive, SourceText
from .directives import comment_directive

BLOCK_SEPARATOR = "\n\n"

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
BLOCK_TAGS = HEADINGS | frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header",
    "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p", "section", "summary",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
SKIP_TAGS = frozenset({
    "audio", "canvas", "code", "head", "iframe", "math", "noscript", "object", "pre", "script",
    "select", "style", "svg", "template", "textarea", "title", "video",
})
VOID_TAGS = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
})
_KINDS = {"td": "table_cell", "th": "table_cell", "li": "list_item", "dd": "list_item",
          "dt": "list_item", "blockquote": "quote"} | dict.fromkeys(HEADINGS, "heading")

_PIECES = re.compile(r"[ \t\n\r\f]+|[^ \t\n\r\f]+")  # HTML whitespace runs and the rest
_COMMENT_CLOSE = re.compile(r"--!?[ \t\n\r\f]*>")


class _Writer:
    """Plain text and blocks: verbatim runs, decoded references, collapsed whitespace."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.builder = OffsetMapBuilder(len(source))
        self.blocks: list[Block] = []
        self._start: int | None = None
        self._kind: tuple[str, int] = ("paragraph", 0)
        self._space: tuple[int, int] | None = None
        self._last_end = 0

    def space(self, src_start: int, src_end: int) -> None:
        """Whitespace or something dropped: one space if more text follows in the block."""
        if self._start is not None:
            self._space = (self._space[0] if self._space else src_start, src_end)

    def text(self, src_start: int, src_end: int, kind: tuple[str, int]) -> None:
        if self._start is None:  # a block never starts with a no-break or other Unicode space
            piece = self.source[src_start:src_end]
            src_start += len(piece) - len(piece.lstrip())
        if src_start < src_end:
            self._before(kind)
            self.builder.copy(self.source, src_start, src_end)
            self._last_end = src_end

    def replace(self, text: str, src_start: int, src_end: int, kind: tuple[str, int]) -> None:
        if self._start is None and text.isspace():
            return
        self._before(kind)
        self.builder.replace(text, src_start, src_end)
        self._last_end = src_end

    def boundary(self) -> None:
        if self._start is not None:
            tail = self.builder.tail(self.builder.length - self._start)
            end = self.builder.length - (len(tail) - len(tail.rstrip()))
            self.blocks.append(Block(self._start, end, *self._kind))
        self._start, self._space = None, None

    def _before(self, kind: tuple[str, int]) -> None:
        if self._start is None:
            if self.blocks:
                self.builder.replace(BLOCK_SEPARATOR, self._last_end, self._last_end)
            self._start, self._kind = self.builder.length, kind
        elif self._space is not None:
            self.builder.replace(" ", *self._space)
        self._space = None


class _Reader(HTMLParser):
    """Feeds text, references, tags and comments to a :class:`_Writer` at exact offsets."""

    def __init__(self, source: str, body_only: bool) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.out = _Writer(source)
        self.directives: list[Directive] = []
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", source)]  # as html.parser counts
        self._lines = LineIndex(source)
        self._body_only = body_only
        self._in_body = not body_only
        self._skip: list[str] = []  # open skipped elements
        self._open: list[str] = []  # open block elements, innermost last
        # the block kind inside each of them, with a list item's depth (no walk up a deep stack per word)
        self._kinds: list[tuple[str, int]] = []

    # ------------------------------------------------------------ positions
    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    @property
    def _skipping(self) -> bool:
        return bool(self._skip) or not self._in_body

    def _kind(self) -> tuple[str, int]:
        return self._kinds[-1] if self._kinds else ("paragraph", 0)

    # ------------------------------------------------------------ text
    def handle_data(self, data: str) -> None:
        if self._skipping or not data:
            return
        start = self._offset()
        if not self.source.startswith(data, start):  # never expected: keep the text, coarsely mapped
            text = " ".join(data.split())
            if text:
                self.out.replace(text, start, start, self._kind())
            return
        for m in _PIECES.finditer(data):
            if m.group()[0] in " \t\n\r\f":
                self.out.space(start + m.start(), start + m.end())
            else:
                self.out.text(start + m.start(), start + m.end(), self._kind())

    def handle_entityref(self, name: str) -> None:
        self._reference("&" + name)

    def handle_charref(self, name: str) -> None:
        self._reference("&#" + name)

    def _reference(self, raw: str) -> None:
        if self._skipping:
            return
        start = self._offset()
        end = start + len(raw)
        if self.source.startswith(";", end):
            end += 1
        decoded = unescape(self.source[start:end])
        if decoded == self.source[start:end]:
            self.out.text(start, end, self._kind())
        elif not decoded.strip(" \t\n\r\f"):
            self.out.space(start, end)
        else:
            self.out.replace(decoded, start, end, self._kind())

    # ------------------------------------------------------------ tags
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, closed=tag in VOID_TAGS)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, closed=True)

    def _tag(self, tag: str, closed: bool) -> None:
        start = self._offset()
        end = start + len(self.get_starttag_text() or "")
        if tag == "body":
            self._in_body = True
            self._skip = [t for t in self._skip if t != "head"]  # an unclosed head ends here
        if tag in SKIP_TAGS and not closed:
            self.out.space(start, end)
            self._skip.append(tag)
        elif not self._skipping and tag in BLOCK_TAGS:
            self.out.boundary()
            if not closed:
                self._open.append(tag)
                kind = _KINDS.get(tag)
                if kind is None:
                    self._kinds.append(self._kind())
                else:
                    outer = max((d for k, d in self._kinds if k == "list_item"), default=0)
                    depth = outer + 1 if kind == "list_item" else 0
                    self._kinds.append((kind, depth))

    def handle_endtag(self, tag: str) -> None:
        if tag in self._skip:
            del self._skip[_last_index(self._skip, tag) :]
            start = self._offset()
            self.out.space(start, start)
            return
        if self._skipping:
            return
        if tag in BLOCK_TAGS:
            self.out.boundary()
            if tag in self._open:
                at = _last_index(self._open, tag)
                del self._open[at:], self._kinds[at:]
        if tag == "body" and self._body_only:
            self._in_body = False

    # ------------------------------------------------------------ comments
    def handle_comment(self, data: str) -> None:
        start = self._offset()
        close = _COMMENT_CLOSE.match(self.source, start + 4 + len(data))
        end = close.end() if close else start + 4 + len(data)
        found = comment_directive(data, start, end, self._lines)
        if found is not None:
            self.directives.append(found)
        if not self._skipping:
            self.out.space(start, end)


class _BodyFinder(HTMLParser):
    """Does the document have a ``<body>`` tag? Then only its text is read."""

    found = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found = self.found or tag == "body"


def _last_index(items: list[str], item: str) -> int:
    return len(items) - 1 - items[::-1].index(item)


def _parse(parser: HTMLParser, text: str) -> None:
    """Feed all of ``text``, stepping over a stray ``&`` the parser would otherwise wait on.

    On ``Q&#A`` with no ``;`` later, html.parser stops and waits for more input, and
    ``close()`` would then hand the whole rest of the document, tags and all, to
    ``handle_data``. Passing the ``&`` on as text and resuming keeps the parse going.
    """
    parser.feed(text)
    while parser.rawdata:
        pending = parser.rawdata
        parser.feed("")
        if parser.rawdata != pending:
            continue
        if not pending.startswith("&") or len(pending) < 3:
            break
        parser.handle_data("&")
        parser.updatepos(0, 1)
        parser.rawdata = pending[1:]
    parser.close()


def html_source(text: str) -> SourceText:
    """Read HTML ``text``: body text in blocks, exact offsets, suppression directives."""
    finder = _BodyFinder()
    _parse(finder, text)
    reader = _Reader(text, body_only=finder.found)
    _parse(reader, text)
    reader.out.boundary()
    plain, offsets = reader.out.builder.build()
    return SourceText(text, plain, offsets, "html", tuple(reader.out.blocks), tuple(reader.directives))
