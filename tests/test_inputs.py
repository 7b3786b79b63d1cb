"""Broken, odd and hostile input files: one clear line each, the other files still checked.

Every unreadable input gives exactly one ``tallycheck: <file>: <problem>`` line on stderr,
an ``error`` entry (with empty ``tallies`` and ``findings``) in the JSON report, and exit
code 2, while the good file given alongside it is checked and reported. Never a traceback.
Odd but readable inputs (BOMs, UTF-16, CRLF and CR line endings, an empty file) are
checked, with spans that index the decoded text (no BOM) and lines and columns that agree.

Binary and odd files are made in each test's temporary folder, not committed.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from checker.cli import main
from checker.reading import (
    DEFAULT_MAX_SIZE,
    InputError,
    check_encoding,
    decode,
    format_size,
    parse_size,
    read_document,
)
from checker.runner import RunOptions, check_one

PARTS = "8 over the Kursk region, 5 over the Belgorod region and 4 over the Bryansk region."
GOOD = f"Air defences destroyed 17 drones overnight: {PARTS}\n"
BAD = f"Air defences destroyed 20 drones overnight: {PARTS}\n"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, list[str]]:
    """The CLI in this process: (exit code, stdout, stderr lines); never a traceback."""
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "internal error" not in err, err
    return code, out, err.splitlines()


def report(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict, list[str]]:
    code, out, err = run(capsys, "--format", "json", *args)
    return code, json.loads(out), err


def by_name(doc: dict) -> dict[str, dict]:
    return {Path(f["path"]).name: f for f in doc["files"]}


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


def assert_input_error(capsys, good: Path, bad: Path | str, problem: str, *extra: str) -> dict:
    """``bad`` is reported as an error naming it, ``good`` is still checked; exit 2."""
    code, doc, err = report(capsys, *extra, str(bad), str(good))
    assert code == 2
    assert len(err) == 1, err
    assert err[0].startswith(f"tallycheck: {bad}: ") and problem in err[0], err
    files = by_name(doc)
    entry = files[Path(bad).name]
    assert entry["error"] == err[0].removeprefix("tallycheck: ")
    assert entry["tallies"] == [] and entry["findings"] == []
    checked = files[good.name]
    assert checked["error"] is None and [t["status"] for t in checked["tallies"]] == ["consistent"]
    return entry


# --------------------------------------------------------------------------- unreadable inputs


def test_missing_file(capsys, good, tmp_path):
    assert_input_error(capsys, good, tmp_path / "missing.txt", "no such file")


def test_broken_symlink_named_on_the_command_line(capsys, good, tmp_path):
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "broken.txt")
    assert_input_error(capsys, good, tmp_path / "broken.txt", "broken symbolic link")


def test_symlink_loop_named_on_the_command_line(capsys, good, tmp_path):
    os.symlink(tmp_path / "loop.txt", tmp_path / "loop.txt")
    assert_input_error(capsys, good, tmp_path / "loop.txt", "symbolic link loop")


def test_a_directory_read_as_a_file(tmp_path):
    (tmp_path / "folder.md").mkdir()
    with pytest.raises(InputError, match=r"folder\.md: is a directory$"):
        read_document(str(tmp_path / "folder.md"))
    assert check_one(str(tmp_path / "folder.md"), RunOptions()).error.endswith("folder.md: is a directory")


def _can_read_anyway(path: Path) -> bool:
    try:
        path.read_bytes()
    except PermissionError:
        return False
    return True


def test_unreadable_file(capsys, good, tmp_path):
    bad = tmp_path / "secret.txt"
    bad.write_text(GOOD, encoding="utf-8")
    bad.chmod(0)
    try:
        if _can_read_anyway(bad):
            pytest.skip("running as root (or with CAP_DAC_OVERRIDE): mode 000 does not stop reads here")
        assert_input_error(capsys, good, bad, "permission denied")
    finally:
        bad.chmod(0o644)


def test_binary_file_with_nul_bytes(capsys, good, tmp_path):
    bad = tmp_path / "photo.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert_input_error(capsys, good, bad, "binary file (contains NUL bytes)")


def test_nul_byte_late_in_a_file_is_binary_too(capsys, good, tmp_path):
    bad = tmp_path / "late.txt"
    bad.write_bytes(GOOD.encode() * 1000 + b"\x00")
    assert_input_error(capsys, good, bad, "binary file")


def test_invalid_utf8_names_the_byte_offset(capsys, good, tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Kyiv — 17 drones, café".encode()[:9] + "déjà".encode("latin-1"))
    entry = assert_input_error(capsys, good, bad, "not valid utf-8 at byte 10 (try --encoding)")
    assert "byte 10" in entry["error"]


def test_encoding_flag_reads_what_utf8_cannot(capsys, tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(BAD.replace("Air", "Aïr").encode("latin-1"))
    code, doc, err = report(capsys, "--encoding", "latin-1", str(path))
    assert code == 1 and err == []
    assert [f["rule"] for f in doc["files"][0]["findings"]] == ["TC101"]
    assert doc["files"][0]["findings"][0]["span"]["text"] == "20 drones"


@pytest.mark.parametrize("name", ["utf-9", "base64", "rot13"])
def test_unknown_or_non_text_encoding_is_a_usage_error(capsys, good, name):
    with pytest.raises(SystemExit) as exit_info:
        main(["--encoding", name, str(good)])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "--encoding" in err and name in err and "Traceback" not in err


def test_file_over_max_size(capsys, good, tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(GOOD * 10, encoding="utf-8")
    entry = assert_input_error(capsys, good, big, "over the --max-size limit of 500 bytes", "--max-size", "500")
    assert "1.2 KB" in entry["error"]


@pytest.mark.parametrize(("flag", "ok"), [("1KB", False), ("2kb", True), ("2048", True), ("1.5K", False),
                                           ("1MB", True), ("20MiB", True)])
def test_max_size_accepts_units(capsys, tmp_path, flag, ok):
    path = tmp_path / "article.txt"
    path.write_text(GOOD * 13, encoding="utf-8")
    assert 1536 < path.stat().st_size < 2048
    code, _, err = run(capsys, "--max-size", flag, str(path))
    assert (code, err == []) == ((0, True) if ok else (2, False))


@pytest.mark.parametrize("flag", ["0", "-5", "lots", "20XB", "MB"])
def test_bad_max_size_is_a_usage_error(capsys, good, flag):
    with pytest.raises(SystemExit) as exit_info:
        main([f"--max-size={flag}", str(good)])
    assert exit_info.value.code == 2
    assert "--max-size" in capsys.readouterr().err


def test_max_size_applies_to_standard_input(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(GOOD.encode() * 100)))
    code, _, err = run(capsys, "--max-size", "1KB", "-")
    assert code == 2 and len(err) == 1 and "over the --max-size limit of 1 KB" in err[0], err


def test_default_max_size_is_20_mb():
    assert DEFAULT_MAX_SIZE == parse_size("20MB") == 20 * 1024 * 1024
    assert format_size(DEFAULT_MAX_SIZE) == "20 MB"


# --------------------------------------------------------------------------- walked folders


def test_symlink_loops_in_a_walked_folder(capsys, tmp_path, monkeypatch):
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "bad.md").write_text(BAD, encoding="utf-8")
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    os.symlink("loop.md", folder / "loop.md")  # a file link to itself
    os.symlink("b.txt", folder / "a.txt")
    os.symlink("a.txt", folder / "b.txt")  # two links to each other
    os.symlink(".", folder / "again")  # a folder link to its own folder: not followed
    os.symlink("..", folder / "up")
    os.symlink(folder / "gone.txt", folder / "dangling.txt")  # a broken link: skipped, as ever
    monkeypatch.chdir(tmp_path)
    code, doc, err = report(capsys, "desk")
    assert code == 2
    assert sorted(err) == [f"tallycheck: {Path('desk', n)}: symbolic link loop" for n in ("a.txt", "b.txt", "loop.md")]
    files = by_name(doc)
    assert sorted(files) == ["a.txt", "b.txt", "bad.md", "good.txt", "loop.md"]
    assert [f["rule"] for f in files["bad.md"]["findings"]] == ["TC101"]
    assert files["good.txt"]["error"] is None and files["loop.md"]["findings"] == []


def test_undecodable_file_name_in_a_walked_folder(capsys, tmp_path, monkeypatch):
    folder = tmp_path / "desk"
    folder.mkdir()
    try:
        with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as fh:
            fh.write(BAD.encode())
    except (OSError, UnicodeError):
        pytest.skip("the file system refuses names that are not UTF-8")
    monkeypatch.chdir(tmp_path)
    for fmt in ("json", "text", "concise", "sarif", "github", "html"):
        code, out, err = run(capsys, "--format", fmt, "desk")
        assert code == 1 and err == [], (fmt, err)
        assert "caf\\udce9.txt" in out or "caf%EF%BF%BD" in out or "caf" in out
    doc = json.loads(run(capsys, "--format", "json", "desk")[1])
    assert doc["files"][0]["path"].endswith("caf\udce9.txt")


# --------------------------------------------------------------------------- odd but readable


def test_empty_file_is_not_an_error(capsys, tmp_path):
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    code, doc, err = report(capsys, str(empty))
    assert (code, err) == (0, [])
    assert doc["files"][0] == {"path": str(empty), "error": None, "tallies": [], "findings": []}


def finding_span(capsys, path: Path, *extra: str) -> dict:
    code, doc, err = report(capsys, *extra, str(path))
    assert code == 1 and err == [], err
    (finding,) = doc["files"][0]["findings"]
    return finding["span"]


@pytest.mark.parametrize(("bom", "codec"), [
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
], ids=["utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_byte_order_marks_decide_the_encoding_and_do_not_shift_offsets(capsys, tmp_path, bom, codec):
    path = tmp_path / "bom.txt"
    text = "Ukraine\n\n" + BAD
    path.write_bytes(bom + text.encode(codec))
    span = finding_span(capsys, path)
    start = text.index("20 drones")
    assert (span["start"], span["end"], span["text"]) == (start, start + 9, "20 drones")
    assert (span["line"], span["column"]) == (3, 24)


def test_bom_wins_over_the_encoding_flag(capsys, tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + BAD.encode("utf-16-le"))
    assert finding_span(capsys, path, "--encoding", "latin-1")["column"] == 24


def test_utf16_without_a_bom_needs_the_encoding_flag(capsys, good, tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes(BAD.encode("utf-16-le"))
    assert_input_error(capsys, good, path, "binary file")
    assert finding_span(capsys, path, "--encoding", "utf-16-le")["column"] == 24


def test_invalid_data_after_a_bom_names_the_byte(capsys, good, tmp_path):
    path = tmp_path / "broken-bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + b"17 drones \xff")
    assert_input_error(capsys, good, path, "invalid utf-8 after its byte-order mark at byte 13")


@pytest.mark.parametrize("eol", ["\r\n", "\r", "\n"], ids=["crlf", "cr", "lf"])
def test_line_endings_give_the_right_lines_and_columns(capsys, tmp_path, eol):
    path = tmp_path / "article.txt"
    text = eol.join(["Drones over Russia", "", "Officials said on Tuesday:", BAD.strip(), ""])
    path.write_bytes(text.encode())
    span = finding_span(capsys, path)
    start = text.index("20 drones")
    assert (span["start"], span["text"], span["line"], span["column"]) == (start, "20 drones", 4, 24)
    assert (span["end_line"], span["end_column"]) == (4, 33)


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_crlf_markdown_and_html_spans(capsys, tmp_path, fmt):
    suffix, body = (".md", f"# Drones\r\n\r\n{BAD.strip()}\r\n") if fmt == "markdown" else (
        ".html", f"<h1>Drones</h1>\r\n<p>{BAD.strip()}</p>\r\n")
    path = tmp_path / f"article{suffix}"
    path.write_bytes(body.encode())
    span = finding_span(capsys, path)
    assert span["text"] == "20 drones" and span["start"] == body.index("20 drones")
    assert (span["line"], span["column"]) == (3 if fmt == "markdown" else 2, 24 + (3 if fmt == "html" else 0))


def test_lone_surrogates_from_utf7_reach_every_format(capsys, tmp_path):
    path = tmp_path / "odd.txt"
    path.write_bytes(b"+2AA- " + BAD.encode("utf-7"))  # +2AA- is a lone U+D800 in UTF-7
    for fmt in ("text", "concise", "json", "sarif", "github", "html"):
        code, _out, err = run(capsys, "--encoding", "utf-7", "--format", fmt, str(path))
        assert code == 1 and err == [], (fmt, err)
    doc = json.loads(run(capsys, "--encoding", "utf-7", "--format", "json", str(path))[1])
    assert doc["files"][0]["findings"][0]["span"]["start"] == 2 + BAD.index("20 drones")


def test_lone_surrogates_in_an_output_file(capsys, tmp_path):
    path = tmp_path / "odd.txt"
    path.write_bytes(b"+2AA- " + BAD.encode("utf-7"))
    out = tmp_path / "report.json"
    code, stdout, err = run(capsys, "--encoding", "utf-7", "--format", "json", "-o", str(out), str(path))
    assert (code, stdout, err) == (1, "", [])
    assert json.loads(out.read_text(encoding="utf-8"))["files"][0]["findings"]


# --------------------------------------------------------------------------- the reading functions


def test_decode_edge_cases():
    assert decode(b"", "f") == ""
    assert decode(codecs.BOM_UTF8, "f") == ""
    assert decode(codecs.BOM_UTF32_LE + "é".encode("utf-32-le"), "f") == "é"  # not UTF-16 with NULs
    with pytest.raises(InputError, match=r"^f: invalid utf-16-le after its byte-order mark at byte 2$"):
        decode(codecs.BOM_UTF16_LE + b"a", "f")
    with pytest.raises(InputError, match=r"^f: binary file"):
        decode(b"text\x00", "f", "latin-1")
    assert decode(b"t\x00", "f", "utf-16-le") == "t"
    with pytest.raises(InputError, match="unknown encoding"):
        decode(b"x", "f", "utf-9")


def test_sizes_and_encodings():
    assert [parse_size(s) for s in ("500KB", "20 MB", "1.5k", "7", "7B", "1GiB")] == [
        512000, 20971520, 1536, 7, 7, 1024**3]
    assert [format_size(n) for n in (1, 1023, 1024, 1536, 20 * 1024**2)] == [
        "1 byte", "1023 bytes", "1 KB", "1.5 KB", "20 MB"]
    assert check_encoding("UTF8") == "UTF8"
    for bad in ("0", "1..5MB", "5 XB", ""):
        with pytest.raises(ValueError):
            parse_size(bad)


# --------------------------------------------------------------------------- all at once


def test_every_kind_of_bad_input_in_one_run_never_a_traceback(tmp_path):
    """A real process (worker pool and all): each bad input one line, the good ones checked."""
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "bad.md").write_text(BAD, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 10)
    (folder / "latin1.txt").write_bytes("déjà 4 drones".encode("latin-1"))
    (folder / "big.txt").write_text(GOOD * 100, encoding="utf-8")
    (folder / "bom16.txt").write_bytes(codecs.BOM_UTF16_BE + BAD.encode("utf-16-be"))
    (folder / "crlf.html").write_bytes(f"<p>{BAD.strip()}</p>\r\n".encode())
    os.symlink("loop.md", folder / "loop.md")
    names = ["desk", str(tmp_path / "missing.md")]
    run = subprocess.run([sys.executable, "-m", "checker", "--format", "json", "--max-size", "4KB", *names],
                         capture_output=True, text=True, encoding="utf-8", cwd=tmp_path, timeout=120)
    assert run.returncode == 2
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr
    errors = sorted(run.stderr.splitlines())
    assert len(errors) == 5, errors
    for name, problem in [("big.txt", "--max-size"), ("binary.txt", "binary"), ("latin1.txt", "byte 1"),
                          ("loop.md", "symbolic link loop"), ("missing.md", "no such file")]:
        assert any(name in e and problem in e for e in errors), (name, errors)
    files = by_name(json.loads(run.stdout))
    assert {n: bool(f["error"]) for n, f in files.items()} == {
        "bad.md": False, "big.txt": True, "binary.txt": True, "bom16.txt": False, "crlf.html": False,
        "empty.txt": False, "good.txt": False, "latin1.txt": True, "loop.md": True, "missing.md": True}
    assert {n for n, f in files.items() if f["findings"]} == {"bad.md", "bom16.txt", "crlf.html"}


@pytest.mark.parametrize("fmt", ["json", "sarif", "text"])
def test_an_ascii_only_terminal_gets_escapes_not_a_crash(tmp_path, fmt):
    path = tmp_path / "café.txt"
    path.write_bytes(b"+2AA- " + f"😀 Kyiv, Mariupol’s {BAD}".encode("utf-7"))
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    run = subprocess.run([sys.executable, "-m", "checker", "--encoding", "utf-7", "--format", fmt, str(path)],
                         capture_output=True, env=env, timeout=120)
    assert run.returncode == 1 and b"Traceback" not in run.stderr and run.stderr == b"", run.stderr
    out = run.stdout.decode("ascii")
    if fmt == "json":
        doc = json.loads(out)
        assert doc["files"][0]["path"] == str(path)
        span = doc["files"][0]["findings"][0]["span"]
        assert span["text"] == "20 drones" and span["start"] == len("\ud800 😀 Kyiv, Mariupol’s ") + BAD.index("20")
    elif fmt == "sarif":
        json.loads(out)
    else:
        assert "\\u00e9" in out  # café.txt
