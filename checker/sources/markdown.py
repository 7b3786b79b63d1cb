"""Markdown to plain text through a real CommonMark parser, with an exact offset map.

markdown-it-py (CommonMark, GFM tables, front matter) finds the structure. Prose in
paragraphs, headings, list items, block quotes and table cells is kept, one
:class:`~checker.segment.Block` per paragraph, heading or cell, blocks separated by
``"\\n\\n"``. Code (blocks, fences, inline), raw HTML, comments, images, autolinks and bare
URLs, and front matter are dropped; emphasis and link markup is dropped, link text kept.

Within a block a soft line break becomes one space (the paragraph reads as one line, as a
browser shows it) and a hard break a ``"\\n"``. A dropped inline piece (code, a URL, an
image) becomes one space only where the words either side would otherwise touch.

Offsets: markdown-it gives block line ranges, not character positions. The block rules are
wrapped to record each line's content bounds while the parser has them (inside a block
quote the ``>`` prefix is already cut off), each inline token's content is aligned to those
lines character by character, and the inline tokens are walked with a monotonic cursor:
text is checked to be the very characters at the cursor, markup of known length is
stepped over, and constructs of unknown length (links, images, code spans) are measured by
re-running markdown-it's own rule on the same content. Nothing is found by searching. If a
block ever fails to align (a parser change), its text maps to the whole block rather than
to a wrong place; ``strict=True`` (used by the tests) raises instead.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline, autolink, backtick, image, link
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from ..offsets import LineIndex, OffsetMapBuilder
from ..segment import Block
from . import Directive, SourceText
from .directives import comment_directive

SOFT_BREAK = " "
HARD_BREAK = "\n"
BLOCK_SEPARATOR = "\n\n"

_NEWLINES = re.compile(r"\r\n?|\n")
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_URL = re.compile(r"(?:(?:https?|ftp)://|www\.)[^\s<>]*[^\s<>.,;:!?'\")\]]", re.IGNORECASE)
_LINES_KEY = "tallycheck_lines"
_CONTAINERS = {"blockquote_open": "quote", "list_item_open": "list_item"}


class MisalignedError(Exception):
    """A token's text is not where the walk expects it in the source."""


# --------------------------------------------------------------------------- parser


@cache
def _parser() -> MarkdownIt:
    """CommonMark with GFM tables and front matter; every block rule records its lines.

    ``ruler.__rules__`` is read (not changed) only to keep each rule's ``alt`` chains when
    :meth:`Ruler.at` swaps in the wrapped function.
    """
    md = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)
    md.disable("text_join")  # keep entities and escapes as separate tokens that carry their source form
    ruler = md.block.ruler
    for rule in list(ruler.__rules__):
        ruler.at(rule.name, _recording_lines(rule.fn), {"alt": list(rule.alt)})
    return md


def _recording_lines(rule: Callable[..., bool]) -> Callable[..., bool]:
    """Wrap a block rule so each new inline token records its lines' content bounds."""

    def wrapped(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        first = len(state.tokens)
        ok = rule(state, start_line, end_line, silent)
        if ok and not silent:
            for tok in state.tokens[first:]:
                if tok.type == "inline" and tok.map and _LINES_KEY not in tok.meta:
                    tok.meta[_LINES_KEY] = tuple(
                        (state.bMarks[n] + state.tShift[n], state.eMarks[n]) for n in range(*tok.map)
                    )
        return ok

    return wrapped


@dataclass(frozen=True)
class _Normalized:
    """The text markdown-it parses (line endings made ``\\n``, NUL made U+FFFD), mapped back."""

    text: str
    crlf: tuple[int, ...]  # normalized offsets of the ``\n`` that stand for a source ``\r\n``

    @classmethod
    def of(cls, source: str) -> _Normalized:
        crlf, shift = [], 0
        for m in _NEWLINES.finditer(source):
            if m.group() == "\r\n":
                crlf.append(m.start() - shift)
                shift += 1
        return cls(_NEWLINES.sub("\n", source).replace("\0", "\ufffd"), tuple(crlf))

    def to_source(self, pos: int) -> int:
        return pos + bisect_left(self.crlf, pos)

    def end_to_source(self, last: int) -> int:
        """Source offset just after the normalized character at ``last``."""
        return self.to_source(last + 1)


# --------------------------------------------------------------------------- content alignment


def _line_cmap(content: str, lines: tuple[tuple[int, int], ...], src: str, lead: int) -> list[int]:
    """Normalized source offset of every character of a paragraph's or heading's content.

    Content line ``i`` is line ``i``'s text with its indentation (possibly a partly expanded
    tab) removed; the whole content is trimmed. ``lead`` skips an ATX heading's ``#`` marks.
    Characters with no source of their own (synthetic indentation) get -1.
    """
    cmap = [-1] * len(content)
    parts = content.split("\n")
    while len(lines) > len(parts) and not src[lines[0][0] : lines[0][1]].strip():
        lines = lines[1:]  # a first line of Unicode spaces only, trimmed away with the content
    if len(parts) > len(lines):
        raise MisalignedError("more content lines than source lines")
    offset = 0
    for i, part in enumerate(parts):
        lo, hi = lines[i]
        core = part.lstrip(" \t")
        at = offset + len(part) - len(core)
        pos = lo + (lead if i == 0 else 0)
        while pos < hi and not src.startswith(core, pos) and src[pos].isspace():
            pos += 1
        last = i == len(parts) - 1
        if not src.startswith(core, pos) or pos + len(core) > hi or (not last and pos + len(core) != hi):
            raise MisalignedError(f"content line {i} not found on its source line")
        cmap[at : at + len(core)] = range(pos, pos + len(core))
        if not last:
            cmap[offset + len(part)] = hi  # the line break itself
        offset += len(part) + 1
    return cmap


def _cell_cmaps(src: str, lo: int, hi: int) -> list[list[tuple[str, int]]]:
    """A table row's cells as (character, normalized offset) lists, as markdown-it splits them.

    Mirrors markdown-it's ``escapedSplit``: an unescaped ``|`` separates cells, ``\\|`` is a
    literal pipe whose backslash is dropped; an empty first and last cell are the row's
    enclosing pipes.
    """
    while lo < hi and src[lo].isspace():
        lo += 1
    while hi > lo and src[hi - 1].isspace():
        hi -= 1
    cells: list[list[tuple[str, int]]] = [[]]
    escaped = False
    for pos in range(lo, hi):
        ch = src[pos]
        if ch == "|" and not escaped:
            cells.append([])
        elif ch == "|":
            cells[-1][-1] = (ch, pos)  # the pipe replaces its escaping backslash
        else:
            cells[-1].append((ch, pos))
        escaped = ch == "\\"
    if cells and not cells[0]:
        cells.pop(0)
    if cells and all(ch.isspace() for ch, _ in cells[-1]):
        cells.pop()
    return cells


def _cell_cmap(content: str, cell: list[tuple[str, int]]) -> list[int]:
    """Offsets of a cell's trimmed ``content`` within its (character, offset) list."""
    chars = "".join(ch for ch, _ in cell)
    start = 0
    while start < len(chars) and not chars.startswith(content, start) and chars[start].isspace():
        start += 1
    if not chars.startswith(content, start) or chars[start + len(content) :].strip():
        raise MisalignedError("table cell not found in its row")
    return [pos for _, pos in cell[start : start + len(content)]]


# --------------------------------------------------------------------------- output


class _Writer:
    """Plain text and blocks: verbatim copies, replacements and gaps, one block at a time.

    A block's pieces are held until :meth:`end`, so a block abandoned half-way (it failed to
    align) leaves nothing behind. Leading and trailing whitespace never enters a block; a
    gap becomes its text only between two pieces that would otherwise touch.
    """

    def __init__(self, source: str, norm: _Normalized) -> None:
        self.source = source
        self.norm = norm
        self.builder = OffsetMapBuilder(len(source))
        self.blocks: list[Block] = []
        self._pieces: list[tuple[str, str, int, int]] = []  # (op, text, src_start, src_end)
        self._last_end = 0  # source offset after the last character written

    def begin(self) -> None:
        self._pieces = []

    def text(self, src_start: int, src_end: int) -> None:
        """Copy ``source[src_start:src_end]`` verbatim."""
        self._pieces.append(("copy", "", src_start, src_end))

    def replace(self, text: str, src_start: int, src_end: int) -> None:
        """Write ``text`` standing for ``source[src_start:src_end]`` (an entity, an escape)."""
        self._pieces.append(("replace", text, src_start, src_end))

    def gap(self, text: str, src_start: int, src_end: int) -> None:
        """Something dropped or a line break: ``text`` is written only if words would touch."""
        self._pieces.append(("gap", text, src_start, src_end))

    def end(self, kind: str, depth: int = 0) -> None:
        """Write the block's pieces (if any text survives) and record the block."""
        start: int | None = None
        pending: tuple[str, int, int] | None = None  # a gap waiting for the next piece
        for op, text, s, e in self._pieces:
            if op == "gap":
                if start is not None:
                    pending = _merged_gap(pending, text, s, e)
                continue
            after_space = start is None or self.builder.tail(1).isspace()
            if op == "copy":
                if after_space and (start is None or pending):
                    s += len(self.source[s:e]) - len(self.source[s:e].lstrip())
                text = self.source[s:e]
            if not text or (start is None and text.isspace()):
                continue
            if start is None:
                if self.blocks:
                    self.builder.replace(BLOCK_SEPARATOR, self._last_end, self._last_end)
                start = self.builder.length
            elif pending and (pending[0] == HARD_BREAK or not (after_space or text[0].isspace())):
                self.builder.replace(*pending)
            pending = None
            if op == "copy":
                self.builder.copy(self.source, s, e)
            else:
                self.builder.replace(text, s, e)
            self._last_end = e
        if start is not None:
            tail = self.builder.tail(self.builder.length - start)
            self.blocks.append(Block(start, self.builder.length - (len(tail) - len(tail.rstrip())), kind, depth))
        self._pieces = []


def _merged_gap(pending: tuple[str, int, int] | None, text: str, s: int, e: int) -> tuple[str, int, int]:
    """Consecutive gaps make one, a hard break if either was; it spans both source ranges."""
    if pending is None:
        return text, s, e
    return (HARD_BREAK if HARD_BREAK in (pending[0], text) else text), pending[1], e


# --------------------------------------------------------------------------- inline walk


class _InlineWalk:
    """Copies one inline token's kept text to the writer, in step with its content."""

    def __init__(self, md: MarkdownIt, env: dict[str, Any], token: Token, cmap: list[int],
                 out: _Writer, directives: list[Directive], lines: LineIndex) -> None:
        self.content = token.content
        self.cmap = cmap
        self.out = out
        self.norm = out.norm
        self.directives = directives
        self.lines = lines
        self.state = StateInline(self.content, md, env, [])
        self.pos = 0
        self.limits = [len(self.content)]  # posMax for re-run rules: a link label's end inside a link
        self.link_ends: list[int] = []

    # ------------------------------------------------------------ positions
    def _src(self, pos: int) -> int:
        """Source offset of the content character at ``pos`` (the next real one if synthetic)."""
        for p in range(pos, len(self.cmap)):
            if self.cmap[p] >= 0:
                return self.norm.to_source(self.cmap[p])
        return self._src_end(len(self.cmap))

    def _src_end(self, end: int) -> int:
        """Source offset just after the content character before ``end`` (the last real one)."""
        for p in range(end - 1, -1, -1):
            if self.cmap[p] >= 0:
                return self.norm.end_to_source(self.cmap[p])
        return 0

    def _expect(self, text: str) -> None:
        if not self.content.startswith(text, self.pos):
            raise MisalignedError(f"expected {text!r} at {self.pos} in {self.content!r}")

    def _rerun(self, rule: Callable[[StateInline, bool], bool]) -> int:
        """End of the construct at the cursor, measured by markdown-it's own rule."""
        self.state.pos, self.state.posMax = self.pos, self.limits[-1]
        if not rule(self.state, True) or self.state.pos <= self.pos:
            raise MisalignedError(f"{rule.__name__} did not match at {self.pos}")
        return self.state.pos

    # ------------------------------------------------------------ tokens
    def run(self, children: list[Token]) -> None:
        skip_to_close = False
        for tok in children:
            if skip_to_close:
                skip_to_close = tok.type != "link_close"
                continue
            skip_to_close = self._token(tok)
        if self.link_ends or self.content[self.pos :].strip():
            raise MisalignedError(f"walk ended at {self.pos} of {len(self.content)}")

    def _token(self, tok: Token) -> bool:
        """Handle one token; True when the tokens up to the next link_close are to be skipped."""
        kind = tok.type
        if kind == "text":
            self._verbatim(self.pos, self.pos + len(tok.content), tok.content)
        elif kind == "text_special":  # an entity or a backslash escape, as written in tok.markup
            self._expect(tok.markup)
            end = self.pos + len(tok.markup)
            if tok.content == tok.markup:  # a backslash before a character it does not escape
                self._copy(self.pos, end)
            else:
                self.out.replace(tok.content, self._src(self.pos), self._src_end(end))
            self.pos = end
        elif kind in ("softbreak", "hardbreak"):
            self._break(HARD_BREAK if kind == "hardbreak" else SOFT_BREAK)
        elif kind == "code_inline":
            self._drop(self._rerun(backtick))
        elif kind == "image":
            self._drop(self._rerun(image))
        elif kind == "html_inline":
            self._html(tok.content)
        elif kind == "link_open" and tok.markup == "autolink":
            self._drop(self._rerun(autolink))
            return True
        elif kind == "link_open":
            self._expect("[")
            end = self._rerun(link)
            label_end = self.state.md.helpers.parseLinkLabel(self.state, self.pos, True)
            self.link_ends.append(end)
            self.limits.append(label_end)
            self.pos += 1
        elif kind == "link_close":
            self._expect("]")
            self.limits.pop()
            self.pos = self.link_ends.pop()
        elif kind.endswith(("_open", "_close")) and tok.markup:  # emphasis, strong
            self._expect(tok.markup)
            self.pos += len(tok.markup)
        else:
            raise MisalignedError(f"unexpected inline token {kind}")
        return False

    def _verbatim(self, start: int, end: int, text: str) -> None:
        """Copy content[start:end] (== text), dropping bare URLs, run by contiguous run."""
        self._expect(text)
        last = start
        for m in _URL.finditer(text):
            self._copy(last, start + m.start())
            self.out.gap(" ", self._src(start + m.start()), self._src_end(start + m.end()))
            last = start + m.end()
        self._copy(last, end)
        self.pos = end

    def _copy(self, start: int, end: int) -> None:
        """Copy content[start:end], checked character by character against the source, run by run of
        consecutive source characters (most often one run: first a test of the whole at C speed)."""
        cmap, n = self.cmap, end - start
        if n > 0 and (first := cmap[start]) >= 0 and cmap[end - 1] == first + n - 1 \
                and cmap[start:end] == list(range(first, first + n)) \
                and self.norm.text[first : first + n] == self.content[start:end]:
            self.out.text(self._src(start), self._src_end(end))
            return
        run = start
        for p in range(start, end):
            if self.cmap[p] < 0 or self.norm.text[self.cmap[p]] != self.content[p]:
                raise MisalignedError(f"content {p} is not its source character")
            if p + 1 == end or self.cmap[p + 1] != self.cmap[p] + 1:
                self.out.text(self._src(run), self._src_end(p + 1))
                run = p + 1

    def _break(self, text: str) -> None:
        start, pos, content = self.pos, self.pos, self.content
        while pos < len(content) and content[pos] == " ":
            pos += 1
        if content.startswith("\\\n", pos):
            pos += 1
        if not content.startswith("\n", pos):
            raise MisalignedError(f"no line break at {pos}")
        pos += 1
        while pos < len(content) and content[pos] in " \t":
            pos += 1
        self.pos = pos
        self.out.gap(text, self._src(start), self._src(pos))

    def _drop(self, end: int) -> None:
        self.out.gap(" ", self._src(self.pos), self._src_end(end))
        self.pos = end

    def _html(self, html: str) -> None:
        self._expect(html)
        end = self.pos + len(html)
        start_src, end_src = self._src(self.pos), self._src_end(end)
        if html.startswith("<!--"):
            found = comment_directive(html[4:-3], start_src, end_src, self.lines)
            if found is not None:
                self.directives.append(found)
            self.out.gap(" ", start_src, end_src)
        elif re.match(r"<br\b", html, re.IGNORECASE):
            self.out.gap(HARD_BREAK, start_src, end_src)
        self.pos = end


# --------------------------------------------------------------------------- blocks


def markdown_source(text: str, *, strict: bool = False) -> SourceText:
    """Read Markdown ``text``; ``strict`` raises MisalignedError instead of degrading a block."""
    md = _parser()
    norm = _Normalized.of(text)
    env: dict[str, Any] = {}
    tokens = md.parse(norm.text, env)
    lines = LineIndex(text)
    line_starts = [0] + [m.end() for m in re.finditer("\n", norm.text)]
    out = _Writer(text, norm)
    directives: list[Directive] = []
    containers: list[str] = []
    row_cell = 0
    for i, tok in enumerate(tokens):
        kind = tok.type
        if kind in _CONTAINERS:
            containers.append(_CONTAINERS[kind])
        elif kind in ("blockquote_close", "list_item_close"):
            containers.pop()
        elif kind == "tr_open":
            row_cell = 0
        elif kind == "html_block" and tok.map:
            lo = line_starts[tok.map[0]]
            hi = line_starts[tok.map[1]] if tok.map[1] < len(line_starts) else len(norm.text)
            for m in _COMMENT.finditer(norm.text, lo, hi):
                start, end = norm.to_source(m.start()), norm.end_to_source(m.end() - 1)
                found = comment_directive(m.group(1), start, end, lines)
                if found is not None:
                    directives.append(found)
        elif kind == "inline":
            parent = tokens[i - 1]
            cell = row_cell if parent.type in ("th_open", "td_open") else None
            row_cell += 1
            if not tok.content.strip():
                continue
            block_kind = _block_kind(parent, containers)
            try:
                cmap = _cmap(tok, parent, norm.text, cell)
                out.begin()
                _InlineWalk(md, env, tok, cmap, out, directives, lines).run(tok.children or [])
            except MisalignedError:
                if strict:
                    raise
                out.begin()
                _fallback(tok, out, line_starts, norm)
            out.end(block_kind, containers.count("list_item") if block_kind == "list_item" else 0)
    plain, offsets = out.builder.build()
    directives.sort(key=lambda d: d.start)
    return SourceText(text, plain, offsets, "markdown", tuple(out.blocks), tuple(directives))


def _block_kind(parent: Token, containers: list[str]) -> str:
    if parent.type == "heading_open":
        return "heading"
    if parent.type in ("th_open", "td_open"):
        return "table_cell"
    return containers[-1] if containers else "paragraph"


def _cmap(tok: Token, parent: Token, src: str, cell: int | None) -> list[int]:
    lines = tok.meta.get(_LINES_KEY)
    if not lines:
        raise MisalignedError("inline token without recorded lines")
    if cell is not None:
        cells = _cell_cmaps(src, *lines[0])
        if not tok.content:
            return []
        if cell >= len(cells):
            raise MisalignedError("table cell beyond its row")
        return _cell_cmap(tok.content, cells[cell])
    lead = len(parent.markup) if parent.type == "heading_open" and parent.markup.startswith("#") else 0
    return _line_cmap(tok.content, lines, src, lead)


def _fallback(tok: Token, out: _Writer, line_starts: list[int], norm: _Normalized) -> None:
    """The block's visible text, every character mapped to the whole block: coarse, never wrong."""
    if not tok.map:
        return
    start = norm.to_source(line_starts[tok.map[0]])
    end_line = tok.map[1]
    end = norm.to_source(line_starts[end_line] - 1) if end_line < len(line_starts) else len(out.source)
    skipping = False
    for child in tok.children or []:
        if skipping:
            skipping = child.type != "link_close"
            continue
        if child.type == "link_open" and child.markup == "autolink":
            skipping = True
        elif child.type in ("text", "text_special"):
            out.replace(child.content, start, end)
        elif child.type in ("softbreak", "hardbreak", "code_inline", "image"):
            out.gap(" ", start, end)
