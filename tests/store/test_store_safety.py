"""The store against a full disk, names that look like its own folders, and broken records."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest

from tests.cli.inprocess import tettpa
from tests.conftest import TODAY
from tettpa_tui.domain.records import AgeGroup, Role, new_department
from tettpa_tui.store import DiskFull, Store, storage, tinystorage
from tettpa_tui.store.errors import BadRecord
from tettpa_tui.store.schema import check_record


def _dept(kindergarten: str = "Solsikken", name: str = "Blåklokka"):
    return new_department(kindergarten, name, AgeGroup.TODDLER, [("Ingrid Solberg", Role.LEADER)], created=TODAY)


def _full_disk(monkeypatch: pytest.MonkeyPatch, after: int = 0) -> None:
    """Every atomic write after the first `after` fails as on a full disk."""
    real = storage.atomic_write_bytes
    calls = [0]

    def write(path: Path, payload: bytes) -> None:
        calls[0] += 1
        if calls[0] > after:
            raise storage.from_os_error(path, OSError(errno.ENOSPC, "No space left on device"))
        real(path, payload)

    monkeypatch.setattr(storage, "atomic_write_bytes", write)
    monkeypatch.setattr(tinystorage, "atomic_write_bytes", write)


@pytest.mark.parametrize("after", [0, 1], ids=["kindergarten-file", "department-file"])
def test_department_create_on_a_full_disk_leaves_nothing(
    after: int, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _full_disk(monkeypatch, after)
    with pytest.raises(DiskFull):
        Store(data_dir).create_department(_dept())
    assert not data_dir.exists()


def test_a_second_department_on_a_full_disk_leaves_the_first_as_it_was(
    store: Store, dept, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = sorted(p.relative_to(data_dir) for p in data_dir.rglob("*"))
    _full_disk(monkeypatch)  # the kindergarten is there already: the new department file fails
    with pytest.raises(DiskFull):
        store.create_department(_dept(name="Humla"), pool=4)
    assert sorted(p.relative_to(data_dir) for p in data_dir.rglob("*")) == before


def test_department_create_on_a_full_disk_says_so_in_one_line(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _full_disk(monkeypatch)
    result = tettpa(monkeypatch, "--data-dir", str(data_dir), "department", "create", "Sol/Blå",
                    "--age-group", "toddler", "--staff", "Kari=leader")
    assert result.code == 1 and len(result.err_lines) == 1
    assert "Disken er full" in result.err_lines[0] and "Ingenting er endret" in result.err_lines[0]
    assert not data_dir.exists()


@pytest.mark.parametrize("name", ["backups", "Backups", ".backups", "_meta"])
def test_a_department_or_kindergarten_named_like_the_stores_own_folders_is_checked(
    name: str, store: Store, data_dir: Path
) -> None:
    store.create_department(_dept(kindergarten=name, name=name))
    store.create_department(_dept(kindergarten="Solsikken", name=name))
    assert {d.path for d in store.list_departments()} == {f"{name}/{name}", f"Solsikken/{name}"}
    files = {str(p.relative_to(data_dir)) for p in store.data_files()}
    assert len([f for f in files if f.endswith("department.json")]) == 2
    for bad in [p for p in store.data_files() if p.name == "department.json"]:
        bad.write_text("{")
    assert len(store.check()) == 2  # neither is skipped as if it were the store's own


def test_backups_go_to_a_folder_no_name_can_have(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "x.json"
    storage.atomic_write_bytes(path, b"{}")
    target = storage.backup(path, "v0")
    assert target.parent.name == ".backups"


def test_an_older_backups_folder_is_moved_but_a_department_called_backups_is_not(
    store: Store, dept, data_dir: Path
) -> None:
    kg = data_dir / "solsikken"
    legacy = kg / "backups"
    legacy.mkdir()
    (legacy / "kindergarten.v0.20250101-000000-000000.json").write_text("{}")
    store.create_department(_dept(name="Backups"))  # its folder is "backups": the old one moves aside
    assert (kg / ".backups" / "kindergarten.v0.20250101-000000-000000.json").exists()
    assert (kg / "backups" / "department.json").exists()
    assert [p.name for p in (kg / "backups").iterdir() if not p.name.startswith(".")] == ["department.json"]
    assert store.check() == []


# ---- one record broken in a well-formed file -----------------------------------------------

def test_every_record_the_app_writes_fits_the_schema(store: Store, data_dir: Path) -> None:
    from tettpa_tui.services.demo import create_demo

    create_demo(store, TODAY)  # departments, stories, finished meetings, observations, plans
    assert store.check() == []
    tables = set()
    for path in data_dir.rglob("*.json"):
        data = json.loads(path.read_bytes())
        for table, docs in data.items():
            for doc in docs.values():
                tables.add(table)
                assert check_record(table, doc) is None
    assert {"department", "stories", "meetings", "events", "observations", "kindergarten"} <= tables


@pytest.mark.parametrize(("table", "doc", "field"), [
    ("stories", {"author": "a"}, "id"),
    ("department", {"kindergarten": "K", "name": 5, "age_group": "toddler"}, "name"),
    ("department", {"kindergarten": "K", "name": "N", "age_group": "babies"}, "age_group"),
    ("department", {"kindergarten": "K", "name": "N", "age_group": "toddler", "staff": [{"id": "1"}]}, "staff"),
    ("events", {"meeting": "m", "seq": True, "kind": "turn", "at": "2026-01-01T10:00:00"}, "seq"),
    ("meetings", {"id": "m", "month": "2026-13", "date": "2026-01-01", "dimension": "d", "facilitator": "f",
                  "present": []}, "month"),
    ("observations", {"id": "o", "date": "2026-01-01", "observer": "E", "instrument": "toddler",
                      "cycles": [{"positive-climate": "høy"}]}, "cycles"),
    ("plan", {"month": "2026-01", "date": "1. mars"}, "date"),
    ("stories", "not a record", "record"),
    ("events", {"meeting": "m", "seq": 3, "kind": "turn", "at": "2026-01-01T10:00:00",
                "data": {"story": 0, "phase": "clarify", "round": 1, "speaker": "s", "outcome": "shouted"}}, "data"),
    ("events", {"meeting": "m", "seq": 3, "kind": "undo", "at": "2026-01-01T10:00:00", "data": {}}, "data"),
])
def test_a_broken_record_names_its_field(table: str, doc: object, field: str) -> None:
    assert check_record(table, doc) == field


def test_a_broken_record_is_reported_with_file_and_record(store: Store, dept, data_dir: Path) -> None:
    path = data_dir / "solsikken" / "blaklokka" / "department.json"
    data = json.loads(path.read_bytes())
    data["department"]["1"]["staff"][0]["role"] = "boss"
    raw = json.dumps(data).encode()
    path.write_bytes(raw)
    (err,) = store.check()
    assert isinstance(err, BadRecord)
    assert err.params == {"path": str(path), "table": "department", "record": "1", "field": "staff"}
    with pytest.raises(BadRecord):
        store.department("Solsikken/Blåklokka")
    with pytest.raises(BadRecord):
        store.add_staff(dept, "Kari", Role.TEACHER)
    assert path.read_bytes() == raw
