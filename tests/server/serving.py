"""Run the real server (``python -m checker.server``, uvicorn) on a free loopback port for tests.

Used by tests/test_server_api.py and tests/test_server_page.py; the articles beside this
file are their fixtures.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def article(name: str) -> str:
    return (HERE / name).read_text(encoding="utf-8")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    output: IO[bytes]

    def log(self) -> str:
        """Everything the server has printed so far."""
        self.output.seek(0)
        return self.output.read().decode("utf-8", "replace")


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/healthz", timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


def _start(args: tuple[str, ...], output: IO[bytes]) -> Server | None:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    process = subprocess.Popen([sys.executable, "-m", "checker.server", "--port", str(port), *args],
                               stdout=output, stderr=subprocess.STDOUT, cwd=ROOT, env=env)
    server = Server(f"http://127.0.0.1:{port}", process, output)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return None  # most likely the port was taken in the meantime: the caller retries
        if _healthy(server.url):
            return server
        time.sleep(0.1)
    _stop(process)
    raise RuntimeError(f"the server did not answer /healthz within 60 s:\n{server.log()}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)  # uvicorn's graceful shutdown
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@contextmanager
def running_server(*args: str) -> Iterator[Server]:
    """``python -m checker.server --port <free> *args``, up and healthy; stopped cleanly afterwards."""
    with tempfile.TemporaryFile() as output:
        for _ in range(3):
            server = _start(args, output)
            if server is not None:
                break
        else:
            output.seek(0)
            raise RuntimeError(f"the server would not start:\n{output.read().decode('utf-8', 'replace')}")
        try:
            yield server
        finally:
            _stop(server.process)
        assert server.process.returncode == 0, f"unclean shutdown ({server.process.returncode}):\n{server.log()}"


@contextmanager
def serving_app(app: object) -> Iterator[str]:
    """An app built in the test (e.g. with a slow checker) on uvicorn in a thread; yields its URL."""
    import threading

    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name="uvicorn-test", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        assert not thread.is_alive(), "uvicorn did not stop"
