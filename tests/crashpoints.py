"""Kill the CLI at every write point, as SQLite tests its commits.

`run_killed(n, *args)` runs `python -m tettpa_tui ARGS` in a subprocess that
counts the calls that change the file system for good (os.replace, os.rename,
os.unlink, os.remove, os.rmdir, shutil.rmtree, shutil.move: the store's write
points) and kills itself with SIGKILL just before the n-th one, so the disk is
left exactly as a power cut at that moment would leave it. With n = 0 nothing
is killed, and the result says how many points the command passed
(`points`), so a test walks n = 1..points:

    for n, proc in every_kill(args, data=folder, before=reset):
        ...  # check the folder as a user would after that kill

Internal calls of shutil.rmtree (its own unlinks) count once, as the rmtree.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import TODAY

KILLED = -signal.SIGKILL if hasattr(signal, "SIGKILL") else 137

# Runs in the child: wraps the write points, then runs the CLI as `python -m tettpa_tui` would.
_CHILD = r"""
import os, runpy, shutil, signal, sys
_at = int(os.environ.pop("TETTPA_CRASH_AT", "0"))
_count_file = os.environ.pop("TETTPA_CRASH_COUNT", "")
_state = {"n": 0, "inside": 0}

def _hit(name):
    if _state["inside"]:
        return
    _state["n"] += 1
    if _state["n"] == _at:
        sys.stdout.flush(); sys.stderr.flush()
        if hasattr(signal, "SIGKILL"):
            os.kill(os.getpid(), signal.SIGKILL)
        os._exit(137)

def _wrap(mod, name):
    real = getattr(mod, name)
    def wrapper(*a, **k):
        _hit(name)
        _state["inside"] += 1
        try:
            return real(*a, **k)
        finally:
            _state["inside"] -= 1
    setattr(mod, name, wrapper)

for _name in ("replace", "rename", "unlink", "remove", "rmdir"):
    _wrap(os, _name)
for _name in ("rmtree", "move"):
    _wrap(shutil, _name)

def _write_count():
    if _count_file:
        with open(_count_file, "w") as f:
            f.write(str(_state["n"]))

import atexit
atexit.register(_write_count)
sys.argv = ["tettpa", *sys.argv[1:]]
try:
    runpy.run_module("tettpa_tui", run_name="__main__", alter_sys=True)
except SystemExit:
    _write_count()
    raise
"""


@dataclass
class Run:
    proc: subprocess.CompletedProcess
    points: int  # write points passed (counted when the run was not killed)

    @property
    def killed(self) -> bool:
        return self.proc.returncode == KILLED


def run_killed(n: int, *args: str, data: Path | None = None, stdin: str | None = None,
               env: dict[str, str] | None = None) -> Run:
    """Run the CLI, killed just before its n-th write point (n = 0: never)."""
    cmd = [sys.executable, "-c", _CHILD, *args]
    if data is not None:
        cmd += ["--data-dir", str(data)]
    fd, count_file = tempfile.mkstemp(prefix="crashcount-")
    os.close(fd)
    try:
        full_env = {**os.environ, "TETTPA_TODAY": TODAY.isoformat(), **(env or {}),
                    "TETTPA_CRASH_AT": str(n), "TETTPA_CRASH_COUNT": count_file}
        proc = subprocess.run(cmd, capture_output=True, text=True, input=stdin, env=full_env, timeout=120)
        raw = Path(count_file).read_text().strip()
        return Run(proc=proc, points=int(raw) if raw else -1)
    finally:
        os.unlink(count_file)


def count_points(*args: str, data: Path | None = None, stdin: str | None = None,
                 env: dict[str, str] | None = None) -> Run:
    """Run the CLI to the end, counting its write points."""
    return run_killed(0, *args, data=data, stdin=stdin, env=env)


def every_kill(args: tuple[str, ...], data: Path | None = None, stdin: str | None = None,
               before: Callable[[], None] | None = None, env: dict[str, str] | None = None,
               limit: int = 400) -> Iterator[tuple[int, Run]]:
    """Kill at write point 1, then 2, ... until a run completes (it is yielded last,
    not killed). `before()` sets the scene again before each run."""
    for n in range(1, limit + 1):
        if before is not None:
            before()
        got = run_killed(n, *args, data=data, stdin=stdin, env=env)
        yield n, got
        if not got.killed:
            return
    raise AssertionError(f"still killed after {limit} write points")
