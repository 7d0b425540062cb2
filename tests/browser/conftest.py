"""A running `tettpa serve` (its own process, real sockets) for the browser tests."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tettpa_tui.store import Store


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(condition: Callable[[], object], timeout: float, what: str,
             pause: Callable[[float], None] = time.sleep) -> object:
    """Poll until `condition()` is true; fail with `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        pause(0.05)
    raise AssertionError(f"timed out waiting for {what}")


@contextmanager
def serving(dept, data_dir: Path, host: str = "127.0.0.1") -> Iterator[str]:
    """`tettpa serve` in a subprocess; yields the address a browser on this machine opens."""
    with _serve(["serve", dept.path, "--data-dir", str(data_dir), "--host", host]) as (url, _proc):
        yield url


@contextmanager
def serving_demo(xdg: Path, path: str = "Solsikken barnehage/Blåklokka") -> Iterator[tuple[str, dict[str, str], Path]]:
    """`tettpa serve ... --demo`: the address, the start codes it prints, and the demo's data folder.
    Serving the whole kindergarten, the codes are by "NAME (DEPARTMENT)"."""
    with _serve(["serve", path, "--demo"], {"XDG_DATA_HOME": str(xdg)}) as (url, proc):
        codes: dict[str, str] = {}
        while not codes or line.startswith("Demo"):
            line = proc.stdout.readline().decode()
            found = re.match(r"Demo: startkode for (.+): (\S+)$", line.strip())
            if found:
                codes[found.group(1)] = found.group(2)
        yield url, codes, xdg / "tettpa-demo"


@contextmanager
def _serve(args: list[str], env_extra: dict[str, str] | None = None):
    """When the block ends the server is stopped as the leader would (SIGINT) and
    must be gone, with its port closed, within seconds."""
    port = _free_port()
    env = dict(os.environ, TETTPA_LANG="nb", **(env_extra or {}))
    if env_extra:
        env.pop("TETTPA_DATA_DIR", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "tettpa_tui", *args, "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
    )

    def listening() -> bool:
        if proc.poll() is not None:
            raise AssertionError(f"tettpa serve ended: {proc.stdout.read().decode()}")
        with socket.socket() as s:
            return s.connect_ex(("127.0.0.1", port)) == 0

    try:
        wait_for(listening, 30, "the server to listen")
        yield f"http://127.0.0.1:{port}/", proc
    finally:
        proc.send_signal(2)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise AssertionError("tettpa serve did not stop when asked") from None
        with socket.socket() as s:
            assert s.connect_ex(("127.0.0.1", port)) != 0, "the port is still open"


@pytest.fixture
def served(store: Store, dept, data_dir: Path) -> Iterator[str]:
    with serving(dept, data_dir) as url:
        yield url
