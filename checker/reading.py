"""Read input files: decode them, never modify them, and say clearly what went wrong.

Every failure becomes an :class:`InputError` with a one-line message that names the
file; the CLI reports it and goes on with the other files.
"""

from __future__ import annotations

import codecs
import os
import sys
from dataclasses import dataclass

DEFAULT_MAX_SIZE = 20 * 1024 * 1024


class InputError(Exception):
    """A file that could not be read; ``str()`` is the one-line message."""


@dataclass(frozen=True)
class Document:
    path: str
    text: str


_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode(data: bytes, path: str, encoding: str | None = None) -> str:
    """Decode bytes: a BOM decides, else ``encoding``, else UTF-8 (strict)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(f"{path}: invalid {codec} at byte {exc.start}") from None
    if encoding is None and b"\x00" in data[:8192]:
        raise InputError(f"{path}: binary file (contains NUL bytes), not checked")
    codec = encoding or "utf-8"
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid {codec} at byte {exc.start} (try --encoding)") from None
    except LookupError:
        raise InputError(f"unknown encoding {codec!r}") from None


def read_document(path: str, encoding: str | None = None, max_size: int = DEFAULT_MAX_SIZE) -> Document:
    """Read one file (``-`` is stdin) read-only; raises :class:`InputError`."""
    if path == "-":
        data = sys.stdin.buffer.read()
        return Document("-", decode(data, "<stdin>", encoding))
    try:
        if os.path.isdir(path):
            raise InputError(f"{path}: is a directory")
        size = os.path.getsize(path)
        if size > max_size:
            raise InputError(f"{path}: {size:,} bytes is over the --max-size limit of {max_size:,}")
        with open(path, "rb") as fh:
            data = fh.read(max_size + 1)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return Document(path, decode(data, path, encoding))
