"""Many files on a process pool (``--jobs``): the same report as one process, in the same order.

End to end through ``python -m checker``, on a temporary tree with a fake repository root
(``.git``): per-folder configs, extra rules, Markdown, an unreadable file and plenty of
articles, so that every worker gets several batches.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from checker.parallel import MAX_BATCH, batch_size, positive_jobs, progress_bar

HERE = Path(__file__).parent
EXAMPLES = HERE.parent / "examples"
ARTICLES = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".md") and p.name != "README.md")


def tallycheck(*args: str, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, **kwargs)


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("newsroom")
    (root / ".git").mkdir()
    for name in ("discovery", "newsroom"):
        shutil.copytree(HERE / "control" / name, root / "desk" / name)
    for i in range(40):  # many files, in folders of different configs
        src = ARTICLES[i % len(ARTICLES)]
        folder = root / "desk" / ("discovery/desk" if i % 3 == 0 else f"batch{i % 4}")
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(src, folder / f"{i:03d}-{src.name}")
    (root / "desk" / "batch1" / "broken.txt").write_bytes(b"\x00\x01binary")
    return root


@pytest.mark.parametrize("fmt", ["json", "concise", "github", "text", "sarif"])
def test_jobs_2_reports_exactly_what_jobs_1_reports(tree, fmt):
    # (json, concise and github reports are rendered a file at a time in the workers; text and sarif in the parent)
    one = tallycheck("desk", "--format", fmt, "--jobs", "1", cwd=tree)
    two = tallycheck("desk", "--format", fmt, "--jobs", "2", cwd=tree)
    assert one.returncode == two.returncode == 2  # the binary file is an input error
    assert "TC101" in one.stdout and "broken.txt" in one.stdout
    if fmt == "json":
        assert json.loads(one.stdout)["summary"]["files"] > 40
    assert two.stdout == one.stdout
    assert two.stderr == one.stderr


def test_the_order_is_the_walk_order_every_time(tree):
    one = json.loads(tallycheck("desk", "--format", "json", "--jobs", "1", cwd=tree).stdout)
    paths = [f["path"] for f in one["files"]]
    for _ in range(2):
        again = json.loads(tallycheck("desk", "--format", "json", "--jobs", "3", cwd=tree).stdout)
        assert [f["path"] for f in again["files"]] == paths


def test_a_baseline_works_the_same_on_the_pool(tree, tmp_path):
    baseline = tmp_path / "baseline.json"
    assert tallycheck("desk", "--write-baseline", str(baseline), "--jobs", "2", cwd=tree).returncode == 2
    recorded = json.loads(baseline.read_text(encoding="utf-8"))
    tallycheck("desk", "--write-baseline", str(baseline), "--jobs", "1", cwd=tree)
    assert json.loads(baseline.read_text(encoding="utf-8")) == recorded
    one = tallycheck("desk", "--format", "concise", "--baseline", str(baseline), "--jobs", "1", cwd=tree)
    two = tallycheck("desk", "--format", "concise", "--baseline", str(baseline), "--jobs", "2", cwd=tree)
    assert (two.returncode, two.stdout) == (one.returncode, one.stdout)
    assert "TC" not in two.stdout  # every finding is in the baseline


def test_standard_input_among_files_keeps_its_place(tree):
    story = ARTICLES[0].read_text(encoding="utf-8")
    args = ("desk/batch0", "-", "desk/batch2", "--format", "json", "--stdin-filename", "stdin.txt")
    one = tallycheck(*args, "--jobs", "1", cwd=tree, input=story)
    two = tallycheck(*args, "--jobs", "2", cwd=tree, input=story)
    assert two.stdout == one.stdout
    assert "stdin.txt" in [f["path"] for f in json.loads(two.stdout)["files"]]


def test_no_progress_bar_when_stderr_is_not_a_terminal(tree):
    result = tallycheck("desk", "--format", "concise", "--jobs", "2", cwd=tree)
    assert "checking" not in result.stderr
    assert "\x1b" not in result.stderr + result.stdout
    assert result.stderr.splitlines() == [line for line in result.stderr.splitlines() if line.startswith("tallycheck:")]


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_a_progress_bar_on_a_terminal_never_touches_stdout(tree):
    main, secondary = os.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS")} | {"TERM": "xterm"}
    try:
        result = subprocess.run([sys.executable, "-m", "checker", "desk", "--format", "json", "--jobs", "2"],
                                cwd=tree, stdout=subprocess.PIPE, stderr=secondary, env=env, timeout=300)
    finally:
        os.close(secondary)
    drawn = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        drawn += chunk
    os.close(main)
    assert b"checking" in drawn  # the bar was drawn on the terminal
    assert json.loads(result.stdout)["summary"]["files"] > 40  # and the report is clean JSON


def test_the_bar_is_never_drawn_off_a_terminal_or_in_ci(monkeypatch):
    class Pipe:
        def isatty(self) -> bool:
            return False

    monkeypatch.setattr(sys, "stderr", Pipe())
    with progress_bar(1000) as bar:
        assert type(bar).__name__ == "_NoBar"
    monkeypatch.setattr(sys, "stderr", type("Tty", (Pipe,), {"isatty": lambda self: True})())
    monkeypatch.setenv("CI", "true")
    with progress_bar(1000) as bar:
        assert type(bar).__name__ == "_NoBar"
    monkeypatch.delenv("CI")
    with progress_bar(3) as bar:  # a few files: nothing to watch
        assert type(bar).__name__ == "_NoBar"


@pytest.mark.parametrize("value", ["0", "-1", "-8", "two"])
def test_jobs_must_be_a_positive_number(tree, value):
    result = tallycheck("desk", f"--jobs={value}", cwd=tree)
    assert result.returncode == 2
    assert "--jobs" in result.stderr
    assert result.stdout == ""


def test_tasks_hold_more_files_in_a_large_run_and_every_worker_gets_several():
    assert batch_size(2_000, 2) == MAX_BATCH  # an archive: the round trips are few
    assert batch_size(1_000_000, 64) == MAX_BATCH
    assert batch_size(40, 2) == 2  # a small run: smaller tasks, several for each worker
    assert batch_size(5, 2) == 1
    for files in (4, 17, 100, 333, 5_000):
        for jobs in (2, 3, 8):
            size = batch_size(files, jobs)
            assert 1 <= size <= MAX_BATCH
            assert size == 1 or files // size >= jobs * 8  # each worker gets at least 8 tasks


def test_positive_jobs():
    assert positive_jobs("3") == 3
    with pytest.raises(Exception, match="at least 1"):
        positive_jobs("0")


def _children(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_ctrl_c_stops_the_pool_cleanly(tmp_path):
    (tmp_path / ".git").mkdir()
    articles = tmp_path / "big"
    articles.mkdir()
    story = "\n\n".join(p.read_text(encoding="utf-8") for p in ARTICLES if p.suffix == ".txt")
    for i in range(400):
        (articles / f"{i:04d}.txt").write_text(story, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "checker", "big", "--format", "json", "--jobs", "2"],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        workers: set[int] = set()
        deadline = time.monotonic() + 60
        while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
            workers |= _children(proc.pid)
            time.sleep(0.05)
        assert len(workers) >= 2, "the pool never started"
        time.sleep(0.5)  # let the workers get going
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 130
    assert err.splitlines() == ["tallycheck: interrupted"]
    assert "\"summary\"" not in out  # at most the files checked so far: never a complete document
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(p) for p in workers), "a worker outlived the run"
