"""Read input files: decode them, never modify them, and say clearly what went wrong.

Every failure becomes an :class:`InputError` with a one-line message that names the
file; the CLI reports it and goes on with the other files. Files are opened read-only
and read at most ``max_size + 1`` bytes, so a huge file, a device or a pipe cannot
exhaust memory.

Decoding (see :func:`decode`): a byte-order mark decides the encoding and is removed, so
offsets count from the first character after it; otherwise ``--encoding`` or strict
UTF-8. A file with NUL bytes is binary and not checked (unless ``--encoding`` names a
UTF-16 or UTF-32 codec: those have NULs). An empty file is not an error: it has nothing to
check.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
import sys
from typing import NamedTuple

DEFAULT_MAX_SIZE = 20 * 1024 * 1024


class InputError(Exception):
    """A file that could not be read; ``str()`` is the one-line message."""


class Document(NamedTuple):
    path: str
    text: str


# UTF-32 first: its little-endian BOM begins with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def check_encoding(name: str) -> str:
    """``name`` if Python can decode bytes to text with it, else :class:`ValueError`.

    Codecs that are not text encodings (``base64``, ``rot13``) are refused too.
    """
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise ValueError(f"unknown encoding {name!r}") from None
    if not getattr(info, "_is_text_encoding", True):  # how bytes.decode itself tells them apart
        raise ValueError(f"{name!r} is not a text encoding")
    return name


def decode(data: bytes, path: str, encoding: str | None = None) -> str:
    """Decode bytes: a BOM decides (and is dropped), else ``encoding``, else UTF-8 (strict)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            problem = f"invalid {codec} after its byte-order mark"
            return _decode(data[len(bom) :], path, codec, problem, skipped=len(bom))
    codec = encoding or "utf-8"
    try:
        check_encoding(codec)
    except ValueError as exc:
        raise InputError(f"{path}: {exc}") from None
    if b"\x00" in data and not codecs.lookup(codec).name.startswith(("utf-16", "utf-32")):
        raise InputError(f"{path}: binary file (contains NUL bytes), not checked")
    return _decode(data, path, codec, f"not valid {codec}", hint=" (try --encoding)" if encoding is None else "")


def _decode(data: bytes, path: str, codec: str, problem: str, skipped: int = 0, hint: str = "") -> str:
    """``data`` decoded; an error names the byte offset in the file (``skipped``: the BOM's length)."""
    try:
        return data.decode(codec)
    except UnicodeError as exc:  # UnicodeDecodeError, or a codec's own complaint
        where = f" at byte {exc.start + skipped}" if isinstance(exc, UnicodeDecodeError) else ""
        raise InputError(f"{path}: {problem}{where}{hint}") from None


_SIZE = r"(\d+(?:\.\d+)?)\s*([kmg]?)(i?b?)"  # compiled on first use (re caches it): only --max-size has one
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def parse_size(text: str) -> int:
    """A size in bytes from ``"20MB"``, ``"500KB"``, ``"1.5M"`` or ``"1048576"``.

    KB, MB and GB are binary (1 KB = 1024 bytes), as ``ls -h`` and ``du -h`` show them.
    """
    m = re.fullmatch(_SIZE, text.strip(), re.IGNORECASE)
    if not m or (m.group(3).lower() == "i" or (m.group(3).lower() == "ib" and not m.group(2))):
        raise ValueError(f"invalid size {text!r} (e.g. 20MB, 500KB, or a number of bytes)")
    size = int(float(m.group(1)) * _UNITS[m.group(2).lower()])
    if size <= 0:
        raise ValueError(f"invalid size {text!r}: must be more than 0 bytes")
    return size


def format_size(size: int) -> str:
    """``20971520`` -> ``"20 MB"``, ``1536`` -> ``"1.5 KB"``, ``900`` -> ``"900 bytes"``."""
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= factor:
            return f"{size / factor:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} byte{'s' if size != 1 else ''}"


def _too_big(path: str, size: int | None, max_size: int) -> InputError:
    what = f"{format_size(size)} is" if size is not None else "larger than"
    return InputError(f"{path}: {what} over the --max-size limit of {format_size(max_size)}, not checked")


def read_document(path: str, encoding: str | None = None, max_size: int = DEFAULT_MAX_SIZE) -> Document:
    """Read one file (``-`` is stdin) read-only; raises :class:`InputError`."""
    if path == "-":
        data = sys.stdin.buffer.read(max_size + 1)
        if len(data) > max_size:
            raise _too_big("<stdin>", None, max_size)
        return Document("-", decode(data, "<stdin>", encoding))
    try:
        if os.path.isdir(path):
            raise InputError(f"{path}: is a directory")
        with open(path, "rb") as fh:
            info = os.fstat(fh.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size > max_size:
                raise _too_big(path, info.st_size, max_size)
            data = fh.read(max_size + 1)  # a device or a pipe has no size: read no more than the limit
    except FileNotFoundError:
        broken = os.path.islink(path)
        raise InputError(f"{path}: {'broken symbolic link' if broken else 'no such file'}") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:
        reason = "symbolic link loop" if exc.errno == errno.ELOOP else f"cannot read ({exc.strerror or exc})"
        raise InputError(f"{path}: {reason}") from None
    except ValueError:  # a NUL in the name
        raise InputError(f"{path!r}: invalid file name") from None
    if len(data) > max_size:
        raise _too_big(path, None, max_size)
    return Document(path, decode(data, path, encoding))
