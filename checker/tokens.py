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
    append = out.append
    finditer = _WORD_OR_PUNCT.finditer
    # Each distinct word is normalised once and its strings shared by every token that spells
    # it: a long document holds one copy of "drones", not one per occurrence.
    words: dict[str, tuple[str, str, str]] = {}
    mi = 0
    n_mentions = len(mentions)
    for s_index, sent in enumerate(sentences):
        pos, sent_start, sent_end = sent.start, sent.start, sent.end
        while mi < n_mentions and mentions[mi].end <= sent_start:
            mi += 1
        while pos < sent_end:
            nxt = mentions[mi] if mi < n_mentions and mentions[mi].start < sent_end else None
            seg_end = nxt.start if nxt is not None else sent_end
            for m in finditer(text, pos, seg_end if seg_end > pos else pos):
                word = m.group()
                known = words.get(word)
                if known is None:
                    known = words[word] = (word, normalize(word), "word" if word[0].isalnum() else "punct")
                start, end = m.span()
                append(Token(start, end, known[0], known[1], known[2], s_index))
            if nxt is None:
                break
            kind = "num" if nxt.is_claim else "other"
            end = min(nxt.end, sent_end)
            append(Token(nxt.start, end, text[nxt.start:end], nxt.text.lower(), kind, s_index, nxt))
            pos = end
            mi += 1
    return out
