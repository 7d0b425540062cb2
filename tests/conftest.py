"""Shared fixtures: a private data folder and a fixed 'today' for every test."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import pytest

from tettpa_tui.domain.records import AgeGroup, Role, new_department
from tettpa_tui.store import Store

TODAY = date(2026, 11, 30)

# A test of something Linux does and Windows does not (file modes, SIGKILL, SIGINT to a
# child, XDG folders): skipped there. The Windows side of each such difference is tested
# by forcing it, in tests/unit/test_oscompat.py.
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="Linux-only behaviour; Windows' side is forced "
                                "in tests/unit/test_oscompat.py")


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # No test may touch the real user data folder.
    monkeypatch.setenv("TETTPA_DATA_DIR", str(tmp_path / "default-data"))
    # Nor the user's cache folder (the parsed-content cache of tettpa_tui.content).
    monkeypatch.setenv("TETTPA_CACHE_DIR", str(tmp_path.parent / "tettpa-cache"))
    monkeypatch.setenv("TETTPA_TODAY", TODAY.isoformat())
    # A text whose fields the code does not fill in fails loudly instead of showing "{field}".
    monkeypatch.setenv("TETTPA_STRICT_TEXTS", "1")
    # i18n.set_language exports the language to TETTPA_LANG for child processes: a test that
    # set it must not choose the language of a later test's `tettpa` (put back afterwards).
    monkeypatch.delenv("TETTPA_LANG", raising=False)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path) -> Store:
    return Store(data_dir)


@pytest.fixture
def dept(store: Store):
    return store.create_department(
        new_department(
            "Solsikken",
            "Blåklokka",
            AgeGroup.TODDLER,
            [("Ingrid Solberg", Role.LEADER), ("Per Hansen", Role.ASSISTANT)],
            created=TODAY,
        ),
        pool=4,
    )


def mode(path: Path) -> int:
    return os.stat(path).st_mode & 0o777


class SimulatedClock:
    """A clock for autosave.Autosave that moves only when a test says so (`advance`)."""

    class _Call:
        def __init__(self, at: float, callback) -> None:
            self.at, self.callback, self.stopped = at, callback, False

        def stop(self) -> None:
            self.stopped = True

    def __init__(self) -> None:
        self.time = 0.0
        self.calls: list[SimulatedClock._Call] = []

    def now(self) -> float:
        return self.time

    def call_later(self, delay: float, callback) -> "SimulatedClock._Call":
        call = self._Call(self.time + delay, callback)
        self.calls.append(call)
        return call

    def advance(self, seconds: float) -> None:
        """Move on, running each call that falls due on the way, in time order."""
        end = self.time + seconds
        while True:
            due = sorted((c for c in self.calls if not c.stopped and c.at <= end + 1e-9), key=lambda c: c.at)
            if not due:
                break
            call = due[0]
            self.calls.remove(call)
            self.time = max(self.time, call.at)
            call.callback()
        self.time = end
        self.calls = [c for c in self.calls if not c.stopped]
