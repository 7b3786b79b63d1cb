"""Indented JSON text, as ``json.dumps(value, ensure_ascii=False, indent=2)`` writes it, faster.

The standard library encodes in C only when it does not indent; with ``indent`` it runs a
pure-Python generator per value, and a folder's JSON report spent most of its time there
(0.9 ms of a 2.5 KB article's 10). This encoder covers the plain values a report is made
of -- dicts with string keys, lists, tuples, strings, numbers, booleans and None -- with
the C string encoder and one call per value, and writes the same bytes
(``tests/render/test_json_text.py`` compares the two on every example report).
"""

from __future__ import annotations

from json.encoder import encode_basestring
from typing import Any

STEP = "  "


def dumps(value: Any, indent: str = "") -> str:
    """``value`` as indented JSON; every line after the first starts with ``indent``."""
    return _encode(value, "\n" + indent)


def _encode(o: Any, nl: str) -> str:
    if isinstance(o, str):
        return encode_basestring(o)
    if o is None:
        return "null"
    if o is True:
        return "true"
    if o is False:
        return "false"
    if isinstance(o, int):
        return int.__repr__(o)
    if isinstance(o, float):
        return _float(o)
    inner = nl + STEP
    if isinstance(o, dict):
        if not o:
            return "{}"
        return "{" + inner + ("," + inner).join(_key(k) + ": " + _encode(v, inner) for k, v in o.items()) + nl + "}"
    if isinstance(o, (list, tuple)):
        if not o:
            return "[]"
        return "[" + inner + ("," + inner).join(_encode(v, inner) for v in o) + nl + "]"
    raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")


def _key(k: Any) -> str:
    if not isinstance(k, str):
        raise TypeError(f"keys must be str, not {type(k).__name__}")
    return encode_basestring(k)


def _float(x: float) -> str:
    if x != x:
        return "NaN"
    if x == float("inf"):
        return "Infinity"
    if x == float("-inf"):
        return "-Infinity"
    return float.__repr__(x)
