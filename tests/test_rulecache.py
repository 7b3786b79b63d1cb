"""The packaged rules' parse cache: kept where Python keeps bytecode, used only while it matches."""

from __future__ import annotations

import sys
import tomllib

import pytest

from checker import lexicon, rulecache

SOURCES = [("data", "units.toml", '[units.drone]\nforms = ["drone", "drones"]\n'),
           ("check", "TC101.toml", 'id = "TC101"\nmessage = "{total} but the parts add up to {computed}"\n')]


class Spy:
    """tomllib behind a counter, to see whether a call parsed or read the cache."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, name: str, text: str) -> dict:
        self.calls += 1
        return tomllib.loads(text)


@pytest.fixture
def prefix(tmp_path, monkeypatch):
    """Bytecode (and so the cache) goes under a fresh PYTHONPYCACHEPREFIX, writing allowed."""
    monkeypatch.setattr(sys, "pycache_prefix", str(tmp_path / "pycache"))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    return tmp_path / "pycache"


def test_the_second_run_reads_what_the_first_parsed(tmp_path, prefix) -> None:
    folder = tmp_path / "rules"
    first, second = Spy(), Spy()
    parsed = rulecache.parse_packaged(SOURCES, first, folder)
    assert first.calls == 2 and parsed == [tomllib.loads(text) for _, _, text in SOURCES]
    assert rulecache.cache_file(folder).is_relative_to(prefix) and rulecache.cache_file(folder).exists()
    assert rulecache.parse_packaged(SOURCES, second, folder) == parsed
    assert second.calls == 0


def test_an_edited_rules_file_is_parsed_again(tmp_path, prefix) -> None:
    folder = tmp_path / "rules"
    rulecache.parse_packaged(SOURCES, Spy(), folder)
    edited = [SOURCES[0], ("check", "TC101.toml", 'id = "TC101"\nmessage = "edited"\n')]
    spy = Spy()
    assert rulecache.parse_packaged(edited, spy, folder)[1]["message"] == "edited"
    assert spy.calls == 2


def test_without_bytecode_writing_nothing_is_written_but_a_cache_is_still_read(tmp_path, prefix, monkeypatch) -> None:
    folder = tmp_path / "rules"
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    rulecache.parse_packaged(SOURCES, Spy(), folder)
    assert not prefix.exists()
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    rulecache.parse_packaged(SOURCES, Spy(), folder)
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    spy = Spy()
    rulecache.parse_packaged(SOURCES, spy, folder)
    assert spy.calls == 0


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", b"\xe3" * 40])
def test_a_damaged_cache_is_parsed_over(tmp_path, prefix, damage) -> None:
    folder = tmp_path / "rules"
    rulecache.parse_packaged(SOURCES, Spy(), folder)
    rulecache.cache_file(folder).write_bytes(damage)
    spy = Spy()
    assert rulecache.parse_packaged(SOURCES, spy, folder)[0]["units"]["drone"]["forms"] == ["drone", "drones"]
    assert spy.calls == 2


def test_a_place_that_cannot_be_written_is_no_error(tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go")
    monkeypatch.setattr(sys, "pycache_prefix", str(blocker))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    spy = Spy()
    assert len(rulecache.parse_packaged(SOURCES, spy, tmp_path / "rules")) == 2
    assert spy.calls == 2 and blocker.read_text().startswith("a file")


def test_the_packaged_rules_read_from_the_cache_are_the_parsed_ones(prefix) -> None:
    folder = lexicon._packaged_folder()
    packaged = list(lexicon._packaged_files(folder))
    assert len(packaged) > 6
    fresh = [tomllib.loads(text) for _, _, text in packaged]
    assert rulecache.parse_packaged(packaged, lexicon._read_toml, folder) == fresh
    spy = Spy()
    assert rulecache.parse_packaged(packaged, spy, folder) == fresh
    assert spy.calls == 0
