"""Tokens with offsets: words, punctuation and the numbers found by the grammar.

A number is one token however many words it spans ("One hundred and one"), so the
claims stage can look a fixed distance left and right of it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Container, Sequence
from typing import TYPE_CHECKING

from .lexicon import normalize
from .numbers import NumberMention
from .segment import Sentence

if TYPE_CHECKING:
    from .vocab import WordlessTrigger

_WORD_OR_PUNCT = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:[-‐][^\W\d_]+(?:['’][^\W\d_]+)*)*|\d+|[^\w\s]")
# The same tokens in text that is all ASCII, where a letter is [A-Za-z] (and no ’ or ‐ can occur):
# re answers Unicode's letter class with a table lookup per character, a character range without one.
_ASCII_WORD_OR_PUNCT = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*(?:-[A-Za-z]+(?:'[A-Za-z]+)*)*|\d+|[^\w\s]")


class Token:
    """A word, a punctuation mark or a number, where it is in the text and which sentence holds it."""

    __slots__ = ("end", "kind", "low", "mention", "sentence", "start", "text")

    def __init__(self, start: int, end: int, text: str, low: str, kind: str, sentence: int,
                 mention: NumberMention | None = None) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.low = low
        self.kind = kind  # word | punct | num (a count or percent) | other (a number of another kind)
        self.sentence = sentence
        self.mention = mention

    def __repr__(self) -> str:
        return f"Token({self.start}, {self.end}, {self.text!r}, {self.kind})"

    @property
    def capitalized(self) -> bool:
        return self.kind == "word" and self.text[:1].isupper()


def sentence_ranges(toks: list[Token]) -> dict[int, tuple[int, int]]:
    """Each sentence's tokens as (first index, end index), for the sentences that have tokens. Tokens
    come sentence by sentence, so each sentence's end is found by bisection rather than by a step of
    Python per token."""
    sentence_of = [t.sentence for t in toks]
    out: dict[int, tuple[int, int]] = {}
    k, n = 0, len(sentence_of)
    while k < n:
        end = bisect_right(sentence_of, sentence_of[k], k)
        out[sentence_of[k]] = (k, end)
        k = end
    return out


def sentences_with_counts(text: str, mentions: Sequence[NumberMention], sentences: Sequence[Sentence],
                          trigger: WordlessTrigger) -> set[int]:
    """Indices of the sentences that may hold a claim: a count, a percentage or an ordinal, or a
    word that counts without a number ("the rest", "another", "an unmanned aerial vehicle")."""
    out: set[int] = set()
    mi, n = 0, len(mentions)
    for s_index, sent in enumerate(sentences):
        while mi < n and mentions[mi].end <= sent.start:
            mi += 1
        k = mi
        while k < n and mentions[k].start < sent.end:
            if mentions[k].is_claim or mentions[k].kind == "ordinal":
                out.add(s_index)
                break
            k += 1
        else:
            if trigger.search(text, sent.start, sent.end):
                out.add(s_index)
    return out


def tokenize(text: str, mentions: Sequence[NumberMention], sentences: Sequence[Sentence],
             wanted: Container[int] | None = None) -> list[Token]:
    """Tokens of the sentences of ``text`` (only those in ``wanted``, if given); numbers come from
    ``mentions``. A sentence that can hold no count need not be tokenized at all."""
    out: list[Token] = []
    append = out.append
    # The words' texts: a chunk between spaces that is all letters is one token, and letters then a
    # comma or a full stop are two; the pattern reads the rest (no token spans a space, so findall over a
    # chunk finds what it finds there in the sentence). Their offsets come from str.find: only whitespace
    # (or "_", which no alternative of the pattern matches) lies between two tokens, so the next token is
    # the next place its text occurs. Both are much cheaper than a match object per token.
    findall, find = (_ASCII_WORD_OR_PUNCT if text.isascii() else _WORD_OR_PUNCT).findall, text.find
    # Each distinct word is normalised once and its strings shared by every token that spells
    # it: a long document holds one copy of "drones", not one per occurrence.
    words: dict[str, tuple[str, str, str]] = {}
    mi = 0
    n_mentions = len(mentions)
    for s_index, sent in enumerate(sentences):
        if wanted is not None and s_index not in wanted:
            continue
        pos, sent_start, sent_end = sent.start, sent.start, sent.end
        while mi < n_mentions and mentions[mi].end <= sent_start:
            mi += 1
        while pos < sent_end:
            nxt = mentions[mi] if mi < n_mentions and mentions[mi].start < sent_end else None
            seg_end = nxt.start if nxt is not None else sent_end
            at = pos
            for chunk in text[pos:seg_end].split():
                if chunk.isalpha():  # a word alone: most chunks
                    pieces = [chunk]
                elif chunk[:-1].isalpha() and not chunk[-1].isalnum() and chunk[-1] != "_":
                    pieces = [chunk[:-1], chunk[-1]]  # a word and its comma or full stop
                else:
                    pieces = findall(chunk)
                for word in pieces:
                    known = words.get(word)
                    if known is None:
                        known = words[word] = (word, normalize(word), "word" if word[0].isalnum() else "punct")
                    start = find(word, at)
                    at = start + len(word)
                    append(Token(start, at, known[0], known[1], known[2], s_index))
            if nxt is None:
                break
            kind = "num" if nxt.is_claim else "other"
            end = min(nxt.end, sent_end)
            append(Token(nxt.start, end, text[nxt.start:end], nxt.text.lower(), kind, s_index, nxt))
            pos = end
            mi += 1
    return out
