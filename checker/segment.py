"""Split plain text into blocks (paragraphs, headings, list items) and sentences.

Blocks bound what a tally may span: a total and its breakdown live in one block or in
neighbouring blocks of one story. Plain text has no markup, so blocks are lines and
paragraphs, with hard-wrapped lines joined back together; Markdown and HTML sources
hand their own blocks in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from .lexicon import RuleData, load_rule_data

TERMINAL = ".!?:;\"”’'…"


@dataclass(frozen=True, slots=True)
class Block:
    start: int
    end: int
    kind: str  # paragraph | heading | list_item | table_cell | quote

    @property
    def is_heading(self) -> bool:
        return self.kind == "heading"


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    block: int
    cut_before: bool = False  # text was cut ("[...]") just before this sentence


class Segmenter:
    """Block and sentence boundaries, configured from ``rules/context.toml``."""

    def __init__(self, data: RuleData) -> None:
        conf = data["context"]["sentences"]
        self._abbrev = frozenset(conf["abbreviations"])
        self._cuts = tuple(conf["cuts"])
        self._continuation = frozenset(conf["continuation_words"])
        cut_alt = "|".join(re.escape(c) for c in self._cuts)
        self._boundary = re.compile(
            rf"(?P<cut>\s*(?:{cut_alt})\s*)"
            r"|(?P<end>[.!?…]+[\"”’')\]]*)(?=\s+[\"“‘'(\[]?[A-Z\d])"
            r"|(?P<glued>(?<=[a-z\d)][a-z\d)][a-z\d)])[.!?](?=[A-Z][a-z]{2}))"
        )

    # ------------------------------------------------------------------ blocks
    def blocks(self, text: str) -> list[Block]:
        lines = [(m.start(), m.end()) for m in re.finditer(r"[^\r\n]+", text) if m.group(0).strip()]
        # the first line of a document, without a full stop, is its headline: never joined to the lead
        headline_end = -1
        if lines and not text[lines[0][0] : lines[0][1]].strip().endswith(tuple(TERMINAL)):
            headline_end = lines[0][0] + len(text[lines[0][0] : lines[0][1]].rstrip())
        blocks: list[list[int]] = []  # [start, end, blank_lines_before_next]
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
            if blocks and not first_line and self._continues(text[blocks[-1][0] : blocks[-1][1]], stripped, blank_gap):
                blocks[-1][1] = end
            else:
                blocks.append([start, end])
            prev_end = end
        out = []
        for start, end in blocks:
            body = text[start:end]
            kind = "heading" if self._looks_like_heading(body) else "paragraph"
            out.append(Block(start, end, kind))
        return out

    def _continues(self, previous: str, line: str, blank_gap: bool) -> bool:
        """Is ``line`` the rest of the sentence ``previous`` broke off (hard wrap)?"""
        prev = previous.rstrip()
        if prev.endswith(tuple(TERMINAL)) and not prev.endswith(("-", "—", "–")):
            return False
        last_word = re.findall(r"[^\W\d_]+$", prev)
        if prev.endswith((",", "-", "—", "–", "(")) or (last_word and last_word[0].lower() in self._continuation):
            return True
        first = line[:1]
        if first.islower():
            return True
        if re.search(r"[a-z]{2}[.!?][\"”’')]*\s+[\"“]?[A-Z]", prev):
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
        for b_index, block in enumerate(blocks):
            start = block.start
            cut = False
            for m in self._boundary.finditer(text, block.start, block.end):
                if m.group("cut") is not None:
                    if text[start : m.start()].strip():
                        out.append(Sentence(start, m.start(), b_index, cut))
                    start, cut = m.end(), True
                    continue
                end = m.end()
                if m.group("end") is not None and self._is_abbreviation(text, m.start()):
                    continue
                if text.count("(", start, end) > text.count(")", start, end):
                    continue  # never inside parentheses: "(4 gold. 5 silver, 3 bronze)"
                if text[start:end].strip():
                    out.append(Sentence(*_trim(text, start, end), b_index, cut))
                    cut = False
                start = end
            if text[start : block.end].strip():
                out.append(Sentence(*_trim(text, start, block.end), b_index, cut))
        return out

    def _is_abbreviation(self, text: str, dot: int) -> bool:
        if text[dot] != ".":
            return False
        m = re.search(r"([^\W\d_]+(?:\.[^\W\d_]+)*)$", text[max(0, dot - 12) : dot])
        if not m:
            return False
        word = m.group(1).lower()
        return word in self._abbrev or len(word) == 1  # single initials: "G.B", "J. Smith"


def _title_case(line: str) -> bool:
    words = re.findall(r"[^\W\d_][\w'’-]*", line)
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
