"""Tokens with offsets: words, punctuation and the numbers found by the grammar.

A number is one token however many words it spans ("One hundred and one"), so the
claims stage can look a fixed distance left and right of it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .lexicon import normalize
from .numbers import NumberMention
from .segment import Sentence

_WORD_OR_PUNCT = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:[-‐][^\W\d_]+(?:['’][^\W\d_]+)*)*|\d+|[^\w\s]")


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    low: str
    kind: str  # word | punct | num (a count or percent) | other (a number of another kind)
    sentence: int
    mention: NumberMention | None = None

    @property
    def is_number(self) -> bool:
        return self.kind == "num"

    @property
    def capitalized(self) -> bool:
        return self.kind == "word" and self.text[:1].isupper()


def tokenize(text: str, mentions: Sequence[NumberMention], sentences: Sequence[Sentence]) -> list[Token]:
    """Tokens of the sentences of ``text``; numbers come from ``mentions``."""
    out: list[Token] = []
    mi = 0
    for s_index, sent in enumerate(sentences):
        pos = sent.start
        while mi < len(mentions) and mentions[mi].end <= sent.start:
            mi += 1
        while pos < sent.end:
            nxt = mentions[mi] if mi < len(mentions) and mentions[mi].start < sent.end else None
            seg_end = nxt.start if nxt is not None else sent.end
            for m in _WORD_OR_PUNCT.finditer(text, pos, max(pos, seg_end)):
                word = m.group(0)
                kind = "punct" if not word[0].isalnum() else "word"
                out.append(Token(m.start(), m.end(), word, normalize(word), kind, s_index))
            if nxt is None:
                break
            kind = "num" if nxt.is_claim else "other"
            end = min(nxt.end, sent.end)
            out.append(Token(nxt.start, end, text[nxt.start:end], nxt.text.lower(), kind, s_index, nxt))
            pos = end
            mi += 1
    return out
