"""The journal of operations that touch many files: written first, removed when
done, and an interrupted one finished or rolled back by the next opening."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tettpa_tui.store import journal
from tettpa_tui.store.storage import atomic_write_bytes

CALLS: list[tuple[str, list[str]]] = []


@journal.register("test-op")
def _recover_test_op(root: Path, entry: journal.Entry) -> str:
    CALLS.append((entry.intent["name"], list(entry.done)))
    if entry.is_done("written"):
        (root / entry.intent["name"]).write_text("second")
        return journal.FINISHED
    (root / entry.intent["name"]).unlink(missing_ok=True)
    return journal.ROLLED_BACK


@journal.register("test-broken")
def _recover_broken(root: Path, entry: journal.Entry) -> str:
    raise RuntimeError("cannot")


@pytest.fixture(autouse=True)
def _calls() -> None:
    CALLS.clear()


def _dead_journal(root: Path, kind: str, intent: dict, done: list[str], handler: str = __name__) -> Path:
    """A journal as a killed process leaves it."""
    path = journal.folder(root) / f"{kind}-20261130-120000-abcd1234.json"
    atomic_write_bytes(path, json.dumps({"journal": 1, "kind": kind, "id": "abcd1234",
                                         "started": "2026-11-30T12:00:00", "handler": handler,
                                         "intent": intent, "done": done}).encode())
    return path


def test_the_journal_is_written_first_and_removed_when_done(tmp_path: Path) -> None:
    with journal.begin(tmp_path, "test-op", {"name": "f"}, handler=__name__) as entry:
        on_disk = json.loads(entry.path.read_text())
        assert on_disk["intent"] == {"name": "f"} and on_disk["done"] == []
        assert entry.path.stat().st_mode & 0o777 == 0o600
        entry.step_done("written", extra=1)
        assert json.loads(entry.path.read_text())["done"] == ["written"]
        assert json.loads(entry.path.read_text())["intent"]["extra"] == 1
    assert journal.pending(tmp_path) == []
    assert journal.recover(tmp_path) == []
    assert CALLS == []


def test_an_interrupted_operation_is_finished_or_rolled_back_by_the_next_opening(tmp_path: Path) -> None:
    (tmp_path / "a").write_text("first")
    _dead_journal(tmp_path, "test-op", {"name": "a"}, ["written"])
    got = journal.recover(tmp_path)
    assert [(r.kind, r.outcome) for r in got] == [("test-op", journal.FINISHED)]
    assert (tmp_path / "a").read_text() == "second"
    assert journal.pending(tmp_path) == []
    # check can tell it afterwards
    assert [(n.kind, n.outcome, n.started) for n in journal.notes_of(tmp_path)] == \
        [("test-op", journal.FINISHED, "2026-11-30T12:00:00")]

    (tmp_path / "b").write_text("half")
    _dead_journal(tmp_path, "test-op", {"name": "b"}, [])
    assert [r.outcome for r in journal.recover(tmp_path)] == [journal.ROLLED_BACK]
    assert not (tmp_path / "b").exists()
    assert len(journal.notes_of(tmp_path)) == 2


def test_a_failing_recovery_leaves_the_journal_and_says_so(tmp_path: Path) -> None:
    path = _dead_journal(tmp_path, "test-broken", {}, [])
    got = journal.recover(tmp_path)
    assert [r.outcome for r in got] == [journal.FAILED]
    assert path.exists() and journal.problems(tmp_path) == [path]


def test_a_journal_never_imports_a_module_outside_the_app(tmp_path: Path) -> None:
    _dead_journal(tmp_path, "unknown-kind", {}, [], handler="os")
    assert [r.outcome for r in journal.recover(tmp_path)] == [journal.FAILED]


def test_a_garbled_journal_is_reported_not_guessed(tmp_path: Path) -> None:
    atomic_write_bytes(journal.folder(tmp_path) / "x-1.json", b"{not json")
    assert [r.outcome for r in journal.recover(tmp_path)] == [journal.FAILED]


def test_an_error_inside_the_operation_runs_its_recovery_at_once(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        with journal.begin(tmp_path, "test-op", {"name": "c"}, handler=__name__):
            (tmp_path / "c").write_text("half")
            raise OSError("disk full")
    assert not (tmp_path / "c").exists()
    assert journal.pending(tmp_path) == []


def test_beginning_recovers_a_dead_operation_first(tmp_path: Path) -> None:
    _dead_journal(tmp_path, "test-op", {"name": "d"}, ["written"])
    with journal.begin(tmp_path, "test-op", {"name": "e"}, handler=__name__):
        assert (tmp_path / "d").read_text() == "second"
        assert len(journal.pending(tmp_path)) == 1
