"""Split plain text into blocks (paragraphs, headings, list items) and sentences.

Blocks bound what a tally may span: a total and its breakdown live in one block or in
neighbouring blocks of one story. Plain text has no markup, so blocks are lines and
paragraphs, with hard-wrapped lines joined back together; Markdown and HTML sources
hand their own blocks in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from .lexicon import RuleData, load_rule_data

TERMINAL = ".!?:;\"”’'…"
_LINE = re.compile(r"[^\r\n]+")
_MARK = re.compile(r"[.!?…]")  # where a sentence can end (the first character of every match of _ends)
_LAST_WORD = re.compile(r"[^\W\d_]+$")
_SENTENCE_ENDED = re.compile(r"[a-z]{2}[.!?][\"”’')]*\s+[\"“]?[A-Z]")
_ABBREVIATION = re.compile(r"([^\W\d_]+(?:\.[^\W\d_]+)*)$")
_TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_NUMBERED = re.compile(r"\d{1,2}[.)]\s")
_NAME_THEN_COUNT = re.compile(r"[^\W\d_][^\d\n]{0,60}?[ :–—-]+\d[\d,]*")  # "Likud 32", "Yesh Atid: 24"


@dataclass(slots=True, unsafe_hash=True)
class Block:
    # (Not a NamedTuple: compiled, one is made through an interpreted __new__. The __init__ is written out
    # for the same reason: the one dataclasses generates runs interpreted.)
    start: int
    end: int
    kind: str  # paragraph | heading | list_item | table_cell | quote
    depth: int = 0  # a list item's nesting: 1 for the outer list, more for a list inside an item

    def __init__(self, start: int, end: int, kind: str, depth: int = 0) -> None:
        self.start = start
        self.end = end
        self.kind = kind
        self.depth = depth

    @property
    def is_heading(self) -> bool:
        return self.kind == "heading"


@dataclass(slots=True, unsafe_hash=True)
class Sentence:
    # (Not a NamedTuple: compiled, one is made through an interpreted __new__. The __init__ is written out
    # for the same reason: the one dataclasses generates runs interpreted.)
    start: int
    end: int
    block: int
    cut_before: bool = False  # text was cut ("[...]") just before this sentence

    def __init__(self, start: int, end: int, block: int, cut_before: bool = False) -> None:
        self.start = start
        self.end = end
        self.block = block
        self.cut_before = cut_before


class Segmenter:
    """Block and sentence boundaries, configured from ``rules/context.toml``."""

    def __init__(self, data: RuleData) -> None:
        conf = data["context"]["sentences"]
        self._abbrev = frozenset(conf["abbreviations"])
        self._cuts = tuple(conf["cuts"])
        self._continuation = frozenset(conf["continuation_words"])
        self._bullets = tuple(f"{b} " for b in data["context"]["blocks"]["bullets"])
        cut_alt = "|".join(re.escape(c) for c in self._cuts)
        ends = (r"(?P<end>[.!?…]+[\"”’')\]]*)(?=\s+[\"“‘'(\[]?[A-Z\d])"
                r"|(?P<glued>[.!?](?<=[a-z\d)][a-z\d)][a-z\d)][.!?])(?=[A-Z][a-z]{2}))")
        self._boundary = re.compile(rf"(?P<cut>\s*(?:{cut_alt})\s*)|{ends}")
        # Without a cut in the text, every boundary starts at a sentence-ending mark: the pattern is tried
        # only where _MARK finds one (re itself would try it at every character: its alternatives start
        # with named groups, so it does not know they all start with a mark).
        self._ends = re.compile(ends)

    # ------------------------------------------------------------------ blocks
    def blocks(self, text: str) -> list[Block]:
        lines = [(s, e) for s, e in _line_spans(text) if not text[s:e].isspace()]
        # the first line of a document, without a full stop, is its headline: never joined to the lead
        headline_end = -1
        if lines and not text[lines[0][0] : lines[0][1]].strip().endswith(tuple(TERMINAL)):
            headline_end = lines[0][0] + len(text[lines[0][0] : lines[0][1]].rstrip())
        blocks: list[list[int]] = []  # [start, end]
        items: dict[int, int] = {}  # the blocks that are list items: their depth (1 + indentation)
        prev_end = 0
        for start, end in lines:
            stripped = text[start:end].strip()
            if not stripped:
                continue
            lead = len(text[start:end]) - len(text[start:end].lstrip())
            start += lead
            end = start + len(stripped)
            gap = text[prev_end:start]
            blank_gap = gap.count("\n") + gap.count("\r") - gap.count("\r\n") > 1
            first_line = len(blocks) == 1 and blocks[0][1] == headline_end
            previous = text[blocks[-1][0] : blocks[-1][1]] if blocks else ""
            item = self._is_item(stripped, previous, len(blocks) - 1 in items)
            if blocks and not first_line and not item and self._continues(previous, stripped, blank_gap):
                blocks[-1][1] = end
            else:
                if item:
                    items[len(blocks)] = 1 + len(text[start - lead : start].expandtabs(4))
                blocks.append([start, end])
            prev_end = end
        out = []
        for n, (start, end) in enumerate(blocks):
            body = text[start:end]
            if n in items:
                out.append(Block(start, end, "list_item", items[n]))
                continue
            out.append(Block(start, end, "heading" if self._looks_like_heading(body) else "paragraph"))
        return out

    def _is_item(self, line: str, previous: str, previous_is_item: bool) -> bool:
        """Does the line start a list item: a bullet, or a number after a finished line ("1. Schools: 20")?"""
        if line.startswith(self._bullets):
            return True
        if (previous_is_item or previous.rstrip().endswith(":")) and _NAME_THEN_COUNT.fullmatch(line):
            return True  # "... the Knesset's 120 seats:" then a line per party, "Likud 32"
        return _NUMBERED.match(line) is not None and (
            previous_is_item or not previous or previous.rstrip().endswith((":", *TERMINAL)))

    def _continues(self, previous: str, line: str, blank_gap: bool) -> bool:
        """Is ``line`` the rest of the sentence ``previous`` broke off (hard wrap)?"""
        prev = previous.rstrip()
        if prev.endswith(tuple(TERMINAL)) and not prev.endswith(("-", "—", "–")):
            return False
        last_word = _LAST_WORD.findall(prev)
        if prev.endswith((",", "-", "—", "–", "(")) or (last_word and last_word[0].lower() in self._continuation):
            return True
        first = line[:1]
        if first.islower():
            return True
        if _SENTENCE_ENDED.search(prev):
            return True  # prose broken off mid-sentence: earlier sentences ended, this one did not
        # a long line without a full stop wraps onto the next line (no blank line between), unless it is
        # a title ("Triumph for Air Defence: 7 Missiles and 32 Drones Shot Down")
        return not blank_gap and len(prev) >= 60 and not self._looks_like_heading(line) and not _title_case(prev)

    @staticmethod
    def _looks_like_heading(body: str) -> bool:
        """A short line with no sentence-ending punctuation: a headline, a subhead, a table row."""
        text = body.strip()
        return bool(text) and "\n" not in text and not text.endswith(tuple(TERMINAL)) and len(text.split()) <= 25

    # ------------------------------------------------------------------ sentences
    def sentences(self, text: str, blocks: Sequence[Block]) -> list[Sentence]:
        out: list[Sentence] = []
        boundary = self._boundary.finditer if any(c in text for c in self._cuts) else self._boundaries_at_marks
        for b_index, block in enumerate(blocks):
            start = block.start
            cut = False
            for m in boundary(text, block.start, block.end):
                if m.lastgroup == "cut":
                    if text[start : m.start()].strip():
                        out.append(Sentence(start, m.start(), b_index, cut))
                    start, cut = m.end(), True
                    continue
                end = m.end()
                if m.lastgroup == "end" and self._is_abbreviation(text, m.start()):
                    continue
                if end - start < MAX_SENTENCE and text.count("(", start, end) > text.count(")", start, end):
                    continue  # never inside parentheses: "(4 gold. 5 silver, 3 bronze)"
                if text[start:end].strip():
                    out.extend(_bounded(text, *_trim(text, start, end), b_index, cut))
                    cut = False
                start = end
            if text[start : block.end].strip():
                out.extend(_bounded(text, *_trim(text, start, block.end), b_index, cut))
        return out

    def _boundaries_at_marks(self, text: str, start: int, end: int) -> Iterator[re.Match[str]]:
        """What ``self._ends.finditer(text, start, end)`` finds, trying the pattern only at the marks."""
        pos = start
        for mark in _MARK.finditer(text, start, end):
            if mark.start() < pos:
                continue
            m = self._ends.match(text, mark.start(), end)
            if m is not None:
                yield m
                pos = m.end()

    def _is_abbreviation(self, text: str, dot: int) -> bool:
        if text[dot] != ".":
            return False
        lo = max(0, dot - 12)
        m = _ABBREVIATION.search(text[lo:dot])
        if not m:
            return False
        word = m.group(1).lower()
        if word in self._abbrev:
            return True
        before = text[lo + m.start(1) - 1] if lo + m.start(1) > 0 else " "
        return len(word) == 1 and not before.isdigit()  # single initials: "G.B", "J. Smith"; not "MD-80s."


MAX_SENTENCE = 4_000  # no sentence of news copy is longer; a longer run of text is cut at spaces


def _bounded(text: str, start: int, end: int, block: int, cut: bool) -> list[Sentence]:
    """One sentence, or pieces of at most MAX_SENTENCE characters cut at whitespace (a pasted table,
    a megabyte without a full stop): every later stage then works on bounded stretches."""
    out = []
    while end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        space = text.rfind(" ", start + MAX_SENTENCE // 2, limit)
        piece_end = space if space > start else limit
        out.append(Sentence(start, piece_end, block, cut))
        start, cut = piece_end, False
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append(Sentence(start, end, block, cut))
    return out


def _line_spans(text: str) -> list[tuple[int, int]]:
    """The spans ``_LINE`` finds: each run of characters other than carriage returns and line feeds.
    Without a carriage return, ``str.find`` gives them: ``re`` would test every character of a line."""
    if "\r" in text:
        return [m.span() for m in _LINE.finditer(text)]
    out = []
    pos, size = 0, len(text)
    while pos < size:
        newline = text.find("\n", pos)
        if newline < 0:
            newline = size
        if newline > pos:
            out.append((pos, newline))
        pos = newline + 1
    return out


def _title_case(line: str) -> bool:
    words = _TITLE_WORD.findall(line)
    long_words = [w for w in words if len(w) > 3]
    return len(long_words) >= 3 and sum(w[0].isupper() for w in long_words) >= 0.6 * len(long_words)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@cache
def segmenter_for(extra_folders: tuple[str, ...] = ()) -> Segmenter:
    return Segmenter(load_rule_data(extra_folders))
