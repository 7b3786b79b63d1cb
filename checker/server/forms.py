"""The page's form, parsed in memory: ``multipart/form-data`` (with a file) or urlencoded.

Starlette's own form parser spools uploads over 1 MB to a temporary file; this one keeps
every part in memory (the body is already capped by the size limit), so nothing a
request sends ever reaches the file system.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl

from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header

from .errors import ApiError

MAX_PARTS = 16


@dataclass(frozen=True)
class FormPart:
    """One field of a form: its value as bytes and, for a file, the file's name."""

    name: str
    data: bytes
    filename: str | None = None


def _bad_form(problem: str) -> ApiError:
    return ApiError("invalid_form", f"the form could not be read: {problem}")


def parse_form(body: bytes, content_type: str) -> dict[str, FormPart]:
    """The form's fields by name (the first of repeated names wins)."""
    kind, options = parse_options_header(content_type)
    if kind == b"application/x-www-form-urlencoded":
        return _urlencoded(body)
    if kind == b"multipart/form-data":
        boundary = options.get(b"boundary")
        if not boundary:
            raise _bad_form("the multipart boundary is missing")
        return _multipart(body, boundary)
    raise ApiError("unsupported_media_type",
                   "send the form as multipart/form-data or application/x-www-form-urlencoded")


def _urlencoded(body: bytes) -> dict[str, FormPart]:
    try:
        pairs = parse_qsl(body.decode("ascii"), keep_blank_values=True, encoding="utf-8", errors="strict",
                          max_num_fields=MAX_PARTS)
    except (UnicodeDecodeError, ValueError):
        raise _bad_form("it is not valid UTF-8 urlencoded data") from None
    out: dict[str, FormPart] = {}
    for name, value in pairs:
        out.setdefault(name, FormPart(name, value.encode("utf-8")))
    return out


class _Collector:
    """Callbacks for python-multipart's streaming parser, gathering parts into memory."""

    def __init__(self) -> None:
        self.parts: list[FormPart] = []
        self.ended = False
        self._headers: dict[bytes, bytes] = {}
        self._field = bytearray()
        self._value = bytearray()
        self._data = bytearray()

    def callbacks(self) -> dict:
        return {
            "on_part_begin": self._part_begin,
            "on_header_field": lambda d, s, e: self._field.extend(d[s:e]),
            "on_header_value": lambda d, s, e: self._value.extend(d[s:e]),
            "on_header_end": self._header_end,
            "on_part_data": lambda d, s, e: self._data.extend(d[s:e]),
            "on_part_end": self._part_end,
            "on_end": self._end,
        }

    def _part_begin(self) -> None:
        if len(self.parts) >= MAX_PARTS:
            raise _bad_form(f"more than {MAX_PARTS} fields")
        self._headers = {}
        self._data = bytearray()

    def _header_end(self) -> None:
        self._headers[bytes(self._field).lower()] = bytes(self._value)
        self._field = bytearray()
        self._value = bytearray()

    def _part_end(self) -> None:
        _, params = parse_options_header(self._headers.get(b"content-disposition", b"").decode("latin-1"))
        name = params.get(b"name")
        if name is None:
            raise _bad_form("a part has no field name")
        filename = params.get(b"filename")
        self.parts.append(FormPart(_utf8(name), bytes(self._data), _utf8(filename) if filename is not None else None))

    def _end(self) -> None:
        self.ended = True


def _utf8(raw: bytes) -> str:
    # Browsers send field and file names as UTF-8 bytes in the header (parse_options_header gives latin-1).
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _multipart(body: bytes, boundary: bytes) -> dict[str, FormPart]:
    collector = _Collector()
    try:
        parser = MultipartParser(boundary, collector.callbacks())
        parser.write(body)
        parser.finalize()
    except FormParserError:
        raise _bad_form("it is not valid multipart/form-data") from None
    if not collector.ended:
        raise _bad_form("the multipart body is incomplete")
    out: dict[str, FormPart] = {}
    for part in collector.parts:
        out.setdefault(part.name, part)
    return out
