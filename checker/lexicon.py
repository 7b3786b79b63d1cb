"""Load the declarative rule data in ``rules/`` (TOML) into ready-to-use lookups.

The packaged ``rules/`` folder ships inside the wheel as ``checker.rules``; a newsroom
can add folders of its own (``extend-rules``), whose files are merged over it: tables
merge key by key, lists are extended. Nothing here knows a particular word -- every
word the engine reacts to comes from these files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from .rulecache import parse_packaged

WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*|\d+|[^\w\s]")


class RulesError(Exception):
    """A rules file is missing, unreadable or malformed; the message names the file."""


def normalize(word: str) -> str:
    return word.lower().replace("’", "'")


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """Split a phrase into the lowercase tokens the engine compares against."""
    if phrase.isascii():  # lowercasing ASCII moves no token boundary, and there is no ’ to replace
        return tuple(WORD_RE.findall(phrase.lower()))
    return tuple(normalize(t) for t in WORD_RE.findall(phrase))


class PhraseSet:
    """Multi-word phrases looked up by token sequence; the longest match wins.

    >>> ps = PhraseSet({"a total of": "total", "total": "t"})
    >>> ps.match(["a", "total", "of", "32"], 0)
    (3, 'total')
    """

    __slots__ = ("_by_first", "_by_last", "_lengths", "_phrases", "max_len")

    def __init__(self, phrases: Mapping[str, Any] | Iterable[str]) -> None:
        items = phrases.items() if isinstance(phrases, Mapping) else ((p, True) for p in phrases)
        by_first: dict[str, dict[tuple[str, ...], Any]] = {}
        max_len = 0
        for phrase, value in items:
            toks = phrase_tokens(phrase)
            if not toks:
                continue
            by_first.setdefault(toks[0], {})[toks] = value
            max_len = max(max_len, len(toks))
        self._by_first = by_first
        self.max_len = max_len
        # the lengths worth trying, longest first, by first and by last word; and every phrase
        self._lengths = {w: sorted({len(t) for t in e}, reverse=True) for w, e in by_first.items()}
        self._phrases = {t: v for e in by_first.values() for t, v in e.items()}
        by_last: dict[str, set[int]] = {}
        for toks in self._phrases:
            by_last.setdefault(toks[-1], set()).add(len(toks))
        self._by_last = {w: sorted(n, reverse=True) for w, n in by_last.items()}

    def __contains__(self, word: str) -> bool:
        entries = self._by_first.get(word)
        return entries is not None and (word,) in entries

    def get(self, word: str, default: Any = None) -> Any:
        entries = self._by_first.get(word)
        if entries is None:
            return default
        return entries.get((word,), default)

    def match(self, words: list[str], i: int) -> tuple[int, Any] | None:
        """Longest phrase starting at ``words[i]``: (length, value), or None."""
        if i >= len(words):
            return None
        if i < 0:
            return self._match_slowly(words, i)
        lengths = self._lengths.get(words[i])
        if not lengths:
            return None
        entries = self._by_first[words[i]]
        room = len(words) - i
        for n in lengths:
            if n <= room:
                value = entries.get(tuple(words[i : i + n]))
                if value is not None:
                    return n, value
        return None

    def match_ending(self, words: list[str], j: int) -> tuple[int, Any] | None:
        """Longest phrase ending just before ``words[j]``: (length, value), or None."""
        if j <= 0 or j > len(words):
            return self._match_ending_slowly(words, j)
        for n in self._by_last.get(words[j - 1], ()):
            if n <= j:
                value = self._phrases.get(tuple(words[j - n : j]))
                if value is not None:
                    return n, value
        return None

    def _match_slowly(self, words: list[str], i: int) -> tuple[int, Any] | None:
        """Every length in turn: for an index from the end, whatever slicing makes of it."""
        entries = self._by_first.get(words[i])
        if not entries:
            return None
        for n in range(min(self.max_len, len(words) - i), 0, -1):
            value = entries.get(tuple(words[i : i + n]))
            if value is not None:
                return n, value
        return None

    def _match_ending_slowly(self, words: list[str], j: int) -> tuple[int, Any] | None:
        """Every length in turn: for an index outside the words, whatever slicing makes of it."""
        for n in range(min(self.max_len, j), 0, -1):
            seq = words[j - n : j]
            entries = self._by_first.get(seq[0])
            if entries:
                value = entries.get(tuple(seq))
                if value is not None:
                    return n, value
        return None

    def words(self) -> set[str]:
        return set(self._by_first)

    def can_start(self, word: str) -> bool:
        """Does a phrase start with ``word``? If not, ``match`` at it finds nothing: a caller can skip
        building the words it would look at."""
        return word in self._by_first

    def last_words(self) -> set[str]:
        """The words a phrase can end with: ``match_ending`` finds nothing before any other word."""
        return set(self._by_last)


def _merge(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        if key in out and isinstance(out[key], dict) and isinstance(value, Mapping):
            out[key] = _merge(out[key], value)
        elif key in out and isinstance(out[key], list) and isinstance(value, list):
            out[key] = out[key] + [v for v in value if v not in out[key]]
        else:
            out[key] = value
    return out


def _read_toml(name: str, text: str) -> dict[str, Any]:
    import tomllib  # here, not at the top: the packaged rules usually come from the cache (rulecache)

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(f"{name}: invalid TOML: {exc}") from None


class RuleData:
    """The raw merged TOML of every rules file, keyed by file stem; checks by id.

    A class with slots rather than a frozen dataclass, whose definition cost about 0.8 ms a run.
    """

    __slots__ = ("checks", "files")

    def __init__(self, files: Mapping[str, Mapping[str, Any]], checks: Mapping[str, Mapping[str, Any]]) -> None:
        self.files = files
        self.checks = checks

    def __getitem__(self, name: str) -> Mapping[str, Any]:
        try:
            return self.files[name]
        except KeyError:
            raise RulesError(f"rules file {name}.toml is missing") from None


def _packaged_files(folder: Path | None) -> Iterable[tuple[str, str, str]]:
    """(kind, name, text) of the packaged rules, from ``folder`` (see _packaged_folder) or the zip."""
    if folder is not None:  # a plain folder (wheel or source tree): read it directly, no importlib.resources
        for kind, where in (("data", folder), ("check", folder / "checks")):
            for path in sorted(where.glob("*.toml"), key=lambda p: p.name):
                yield kind, path.name, path.read_text(encoding="utf-8")
        return
    from importlib import resources  # zipped: only importlib.resources can read it

    root = resources.files("checker.rules")
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            yield "data", entry.name, entry.read_text(encoding="utf-8")
    checks = root.joinpath("checks")
    for entry in sorted(checks.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            yield "check", entry.name, entry.read_text(encoding="utf-8")


def _packaged_folder() -> Path | None:
    """The folder of the ``checker.rules`` package, when it is one on disk.

    The wheel and an editable install map ``rules/`` to ``checker.rules``; a checkout run without
    installing (``python -m checker`` from the repository) has only the top-level folder."""
    try:
        import checker.rules  # type: ignore[import]  # (only an install maps rules/ to it)
    except ModuleNotFoundError:
        folder = Path(__file__).resolve().parent.parent / "rules"
        if (folder / "checks").is_dir():
            return folder
        raise RulesError("tallycheck's rules data is missing: reinstall tallycheck") from None
    for location in getattr(checker.rules, "__path__", ()):
        folder = Path(location)
        if (folder / "checks").is_dir():
            return folder
    return None


def _folder_files(folder: Path) -> Iterable[tuple[str, str, str]]:
    if not folder.is_dir():
        raise RulesError(f"{folder}: rules folder not found")
    for path in sorted(folder.glob("*.toml")):
        yield "data", str(path), path.read_text(encoding="utf-8")
    for path in sorted((folder / "checks").glob("*.toml")):
        yield "check", str(path), path.read_text(encoding="utf-8")


@cache
def load_rule_data(extra_folders: tuple[str, ...] = ()) -> RuleData:
    """Read the packaged rules, then each extra folder over them, in order."""
    files: dict[str, dict[str, Any]] = {}
    checks: dict[str, dict[str, Any]] = {}
    folder = _packaged_folder()
    packaged = list(_packaged_files(folder))
    sources = [*packaged]
    for extra in extra_folders:
        sources.extend(_folder_files(Path(extra)))
    parsed = parse_packaged(packaged, _read_toml, folder)
    parsed += [_read_toml(name, text) for _, name, text in sources[len(packaged):]]
    for (kind, name, _), data in zip(sources, parsed, strict=True):
        stem = Path(name).stem
        if kind == "check":
            check_id = data.get("id")
            if check_id != stem:
                raise RulesError(f"{name}: id {check_id!r} does not match the file name")
            checks[stem] = _merge(checks.get(stem, {}), data)
        else:
            files[stem] = _merge(files.get(stem, {}), data)
    return RuleData(files, checks)
