"""Checking writes nothing: inputs untouched, no stray files, output only where asked.

The CLI runs in a real process, from an empty working folder, over a folder of inputs
(text, Markdown, HTML, one of them unreadable as UTF-8), once per output format to
standard output and once per format to an explicit ``--output`` file. After every run the
inputs' bytes and modification times, the listings of their folders, the working folder,
and a private HOME, cache and temporary folder are exactly as before; only the
``--output`` file is new.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from checker.render import FORMATS

BAD = ("Air defences destroyed 20 drones overnight: 8 over the Kursk region, 5 over the Belgorod region "
       "and 4 over the Bryansk region.\n")
GOOD = BAD.replace("20 drones", "17 drones")
INPUTS = {
    "desk/bad.txt": BAD.encode(),
    "desk/good.md": f"# Drones\n\n{GOOD}".encode(),
    "desk/page.html": f"<p>{BAD}</p><script>alert(1)</script>".encode(),
    "desk/crlf.txt": BAD.replace("\n", "\r\n").encode(),
    "desk/latin1.txt": "déjà 4 drones".encode("latin-1"),
    "desk/sub/bom.md": b"\xef\xbb\xbf" + BAD.encode(),
    "desk/.gitignore": b"ignored.txt\n",
    "desk/ignored.txt": BAD.encode(),
    "desk/notes.rst": BAD.encode(),
}


def snapshot(root: Path) -> dict[str, tuple[int, int, bytes] | str]:
    """Every file and folder under ``root``: (mode, mtime_ns, bytes) for files, "dir" for folders."""
    out: dict[str, tuple[int, int, bytes] | str] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for d in dirnames:
            out[os.path.relpath(os.path.join(dirpath, d), root)] = "dir"
        for f in filenames:
            path = os.path.join(dirpath, f)
            info = os.lstat(path)
            with open(path, "rb") as fh:
                out[os.path.relpath(path, root)] = (info.st_mode, info.st_mtime_ns, fh.read())
    return out


@pytest.fixture(scope="module")
def place(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("readonly")
    for name, data in INPUTS.items():
        path = root / "inputs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    past = 1_600_000_000_000_000_000  # fixed, old mtimes: a rewrite of the same bytes would still show
    for path in (root / "inputs").rglob("*"):
        os.utime(path, ns=(past, past), follow_symlinks=False)
    for folder in ("work", "home", "cache", "tmp", "out"):
        (root / folder).mkdir()
    return root


def tallycheck(place: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TALLYCHECK", "GITHUB"))}
    env.update(HOME=str(place / "home"), XDG_CACHE_HOME=str(place / "cache"), TMPDIR=str(place / "tmp"),
               PYTHONDONTWRITEBYTECODE="1")
    env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).resolve().parent.parent), env.get("PYTHONPATH", "")])
    inputs = str(place / "inputs" / "desk")
    named = [str(place / "inputs" / "desk" / "notes.rst"), str(place / "inputs" / "desk" / "ignored.txt")]
    return subprocess.run([sys.executable, "-m", "checker", *args, inputs, *named], cwd=place / "work",
                          capture_output=True, text=True, encoding="utf-8", errors="replace", env=env, timeout=180)


def assert_untouched(place: Path, before: dict, expected_outputs: set[str] = frozenset()) -> None:
    assert snapshot(place / "inputs") == before
    for folder in ("work", "home", "cache", "tmp"):
        assert os.listdir(place / folder) == [], folder
    assert set(os.listdir(place / "out")) == set(expected_outputs)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_to_stdout_leaves_everything_as_it_was(place, fmt):
    before = snapshot(place / "inputs")
    run = tallycheck(place, "--format", fmt)
    assert run.returncode == 2, run.stderr  # latin1.txt is an input error; the rest are checked
    assert "latin1.txt" in run.stderr and "Traceback" not in run.stderr
    assert run.stdout
    assert_untouched(place, before)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_to_an_output_file_writes_only_that_file(place, fmt):
    before = snapshot(place / "inputs")
    target = place / "out" / f"report.{fmt}"
    run = tallycheck(place, "--format", fmt, "--output", str(target))
    assert run.returncode == 2, run.stderr
    assert run.stdout == "" and target.stat().st_size > 0
    assert_untouched(place, before, {target.name})
    target.unlink()


def test_a_run_with_everything_else_on_still_writes_nothing(place):
    before = snapshot(place / "inputs")
    run = tallycheck(place, "--format", "json", "--report-unused-suppressions", "--fail-on", "info",
                     "--max-size", "1MB", "--show-files")
    assert "Traceback" not in run.stderr
    assert_untouched(place, before)


def test_inputs_are_opened_read_only(place, monkeypatch):
    """In process: every ``open`` of an input asks for reading only."""
    import builtins

    from checker.runner import RunOptions, check_paths

    modes: list[tuple[str, str]] = []
    real_open = builtins.open

    def spy(file, mode="r", *args, **kwargs):
        if str(file).startswith(str(place / "inputs")):
            modes.append((str(file), mode))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    monkeypatch.chdir(place / "work")
    before = snapshot(place / "inputs")
    reports = check_paths([str(place / "inputs" / "desk")], RunOptions())
    assert [Path(r.path).name for r in reports if r.error] == ["latin1.txt"]
    assert modes and all(mode in ("r", "rb") for _, mode in modes), modes
    assert_untouched(place, before)
