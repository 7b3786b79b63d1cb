"""Every key of the rules data is read by the engine. A phrase list that no code reads
would mislead whoever edits it: adding a word there would change nothing."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from checker.lexicon import RuleData, load_rule_data
from checker.numbers import NumberGrammar
from checker.segment import Segmenter
from checker.vocab import Vocabulary


class Recording(Mapping[str, Any]):
    """A read-only table that notes which of its keys were looked up (iteration reads them all)."""

    def __init__(self, data: Mapping[str, Any], path: str, seen: set[str]) -> None:
        self._data, self._path, self._seen = data, path, seen

    def _wrap(self, key: str, value: Any) -> Any:
        return Recording(value, f"{self._path}.{key}", self._seen) if isinstance(value, Mapping) else value

    def __getitem__(self, key: str) -> Any:
        value = self._data[key]
        self._seen.add(f"{self._path}.{key}")
        return self._wrap(key, value)

    def __iter__(self) -> Iterator[str]:
        for key in self._data:
            self._seen.add(f"{self._path}.{key}")
            yield key

    def __len__(self) -> int:
        return len(self._data)


def table_keys(data: Mapping[str, Any], path: str) -> Iterator[str]:
    """The path of every key of every table, down to the tables whose values are lists or words."""
    for key, value in data.items():
        yield f"{path}.{key}"
        if isinstance(value, Mapping):
            yield from table_keys(value, f"{path}.{key}")


def test_every_rules_key_is_read() -> None:
    packaged = load_rule_data()
    seen: set[str] = set()
    recorded = RuleData({name: Recording(table, name, seen) for name, table in packaged.files.items()},
                        packaged.checks)
    Vocabulary(recorded)
    NumberGrammar(recorded)
    Segmenter(recorded)
    every = {key for name, table in packaged.files.items() for key in table_keys(table, name)}
    assert sorted(every - seen) == []
