"""The store is safe by construction: atomic, locked, private, versioned, honest."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import TODAY, mode, posix_only
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import AgeGroup, Role, new_department
from tettpa_tui.store import (
    DiskFull,
    FutureVersion,
    NotWritable,
    Store,
    UnreadableFile,
    storage,
)
from tettpa_tui.store.storage import SCHEMA_VERSION, atomic_write_bytes, encode


def dept_file(store: Store) -> Path:
    return store.department_dir("Solsikken", "Blåklokka") / "department.json"


def test_round_trip_keeps_everything(store: Store, dept) -> None:
    again = store.department("solsikken/BLÅKLOKKA")
    assert again == dept
    assert again.created == TODAY
    assert store.kindergarten("Solsikken").pool == 4


@posix_only
def test_files_are_0600_and_folders_0700(store: Store, dept) -> None:
    root = store.root
    assert mode(root) == 0o700
    for path in root.rglob("*"):
        assert mode(path) == (0o700 if path.is_dir() else 0o600), path


def test_every_file_has_a_schema_version(store: Store, dept) -> None:
    for path in store.data_files():
        meta = json.loads(path.read_text())["_meta"]["1"]
        assert meta["schema"] == SCHEMA_VERSION and meta["app"] == "tettpa"


def test_unknown_department_is_a_clear_error(store: Store, dept) -> None:
    with pytest.raises(DomainError) as exc:
        store.department("Solsikken/Humla")
    assert exc.value.key == "error.department_unknown"


def test_same_department_twice_is_refused(store: Store, dept) -> None:
    with pytest.raises(DomainError):
        store.create_department(new_department("solsikken", "blaklokka", AgeGroup.MIXED))


@pytest.mark.parametrize(
    "payload, reason",
    [
        (b"", "empty"),
        (b'{"_meta": {"1": {"app": "tettpa", "sch', "not_json"),
        (b"\xff\xfe\x00garbage", "not_text"),
        (b'[1, 2, 3]', "not_ours"),
        (b'{"department": {"1": {}}}', "not_ours"),
    ],
)
def test_unreadable_file_is_refused_and_left_untouched(store: Store, dept, payload: bytes, reason: str) -> None:
    path = dept_file(store)
    path.write_bytes(payload)
    with pytest.raises(UnreadableFile) as exc:
        store.department("Solsikken/Blåklokka")
    assert exc.value.params["reason"] == reason
    with pytest.raises(UnreadableFile):
        store.add_staff(dept, "Ny Person", Role.ASSISTANT)
    assert path.read_bytes() == payload
    assert [e.path for e in store.check()] == [path]


def test_truncated_file_is_refused_and_left_untouched(store: Store, dept) -> None:
    path = dept_file(store)
    good = path.read_bytes()
    path.write_bytes(good[: len(good) // 2])
    with pytest.raises(UnreadableFile):
        store.rename_staff(dept, dept.staff[0].id, "Nytt Navn")
    assert path.read_bytes() == good[: len(good) // 2]


def test_future_version_is_refused_and_left_untouched(store: Store, dept) -> None:
    path = dept_file(store)
    data = json.loads(path.read_text())
    data["_meta"]["1"]["schema"] = SCHEMA_VERSION + 1
    path.write_text(json.dumps(data))
    before = path.read_bytes()
    with pytest.raises(FutureVersion):
        store.add_staff(dept, "Ny Person", Role.ASSISTANT)
    assert path.read_bytes() == before


@posix_only
def test_migration_makes_a_backup_first(store: Store, dept, monkeypatch: pytest.MonkeyPatch) -> None:
    path = dept_file(store)
    old = path.read_bytes()

    def v1_to_v2(data: dict) -> dict:
        for doc in data["department"].values():
            doc["migrated"] = True
        return data

    monkeypatch.setattr(storage, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(storage.MIGRATIONS, 1, v1_to_v2)
    assert store.department("Solsikken/Blåklokka") == dept
    data = json.loads(path.read_text())
    assert data["_meta"]["1"]["schema"] == 2
    assert data["department"]["1"]["migrated"] is True
    backups = list((path.parent / ".backups").iterdir())
    assert len(backups) == 1 and backups[0].read_bytes() == old
    assert mode(backups[0]) == 0o600


def test_backups_roll(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "x.json"
    target.write_bytes(b"{}")
    for _ in range(storage.BACKUPS_KEPT + 3):
        storage.backup(target, "v1")
    assert len(list((tmp_path / ".backups").iterdir())) == storage.BACKUPS_KEPT


def test_crash_before_replace_leaves_the_old_file(store: Store, dept, monkeypatch: pytest.MonkeyPatch) -> None:
    path = dept_file(store)
    before = path.read_bytes()

    def crash(*_a, **_k):
        raise OSError(errno.EIO, "simulated crash")

    monkeypatch.setattr(storage.os, "replace", crash)
    with pytest.raises(Exception):
        store.add_staff(dept, "Ny Person", Role.ASSISTANT)
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_full_disk_is_reported_and_changes_nothing(store: Store, dept, monkeypatch: pytest.MonkeyPatch) -> None:
    path = dept_file(store)
    before = path.read_bytes()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage.os, "fsync", full)
    with pytest.raises(DiskFull):
        store.add_staff(dept, "Ny Person", Role.ASSISTANT)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert store.department("Solsikken/Blåklokka") == dept


@posix_only
@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_folder_is_reported(store: Store, dept) -> None:  # pragma: no cover - non-root
    folder = dept_file(store).parent
    os.chmod(folder, 0o500)
    try:
        with pytest.raises(NotWritable):
            store.add_staff(dept, "Ny Person", Role.ASSISTANT)
    finally:
        os.chmod(folder, 0o700)


def test_read_only_folder_is_reported_even_as_root(store: Store, dept, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root ignores permission bits, so simulate what a read-only mount says."""

    def read_only(*_a, **_k):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(storage.tempfile, "mkstemp", read_only)
    with pytest.raises(NotWritable):
        store.add_staff(dept, "Ny Person", Role.ASSISTANT)


WRITER = textwrap.dedent(
    """
    import sys
    from tettpa_tui.store import Store
    from tettpa_tui.domain.records import Role
    store = Store(sys.argv[1])
    dept = store.department("Solsikken/Blåklokka")
    for i in range(int(sys.argv[3])):
        store.add_staff(dept, f"{sys.argv[2]} {i}", Role.ASSISTANT)
    """
)


def test_processes_writing_at_once_lose_nothing(store: Store, dept) -> None:
    writers, each = 6, 15
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(store.root), f"P{w}", str(each)])
        for w in range(writers)
    ]
    assert [p.wait(timeout=120) for p in procs] == [0] * writers
    names = {s.name for s in store.department("Solsikken/Blåklokka").staff}
    assert len(names) == 2 + writers * each
    assert {f"P{w} {i}" for w in range(writers) for i in range(each)} <= names


KILLED_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from tettpa_tui.store.storage import atomic_write_bytes, encode
    path = Path(sys.argv[1])
    n = 0
    while True:
        n += 1
        # Large payloads keep the writer inside a write most of the time.
        data = {"_meta": {"1": {"app": "tettpa", "schema": 1}}, "t": {str(i): {"n": n, "pad": "x" * 200} for i in range(4000)}}
        atomic_write_bytes(path, encode(data))
        print(n, flush=True)
    """
)


@posix_only
def test_killed_in_the_middle_of_writes_leaves_a_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "kill" / "file.json"
    for round_ in range(3):
        proc = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(path)], stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        for _ in range(2 + round_):
            proc.stdout.readline()  # wait until it has written a few times
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        data = storage.decode(path, path.read_bytes())
        ns = {doc["n"] for doc in data["t"].values()}
        assert len(ns) == 1 and len(data["t"]) == 4000  # one whole version, never a mix


@posix_only
def test_atomic_write_replaces_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b.json"
    atomic_write_bytes(path, encode({"x": {}}))
    atomic_write_bytes(path, b"second")
    assert path.read_bytes() == b"second"
    assert mode(path) == 0o600 and mode(path.parent) == 0o700


def test_list_and_check_empty_folder(tmp_path: Path) -> None:
    s = Store(tmp_path / "nothing")
    assert s.list_departments() == [] and s.check() == []
    assert not (tmp_path / "nothing").exists()  # reading creates nothing


def test_a_file_changed_by_another_process_is_read_afresh(store: Store, dept) -> None:
    """The read cache is keyed by the file's identity on disk, so it cannot go stale."""
    assert store.department("Solsikken/Blåklokka") == dept
    other = Store(store.root)  # stands for another process: it only shares the files
    subprocess.run([sys.executable, "-c", WRITER, str(store.root), "Fra annen", "1"], check=True)
    names = {s.name for s in store.department("Solsikken/Blåklokka").staff}
    assert "Fra annen 0" in names
    assert other.department("Solsikken/Blåklokka").find_member("Fra annen 0") is not None
