"""Broken data files × commands: `check` lists the file, commands name it, the file stays
byte-identical, and every other department keeps working."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.inprocess import snapshot, tettpa
from tests.conftest import TODAY, posix_only
from tettpa_tui.services.demo import create_demo
from tettpa_tui.store import Store

DEPT = "Solsikken barnehage/Blåklokka"
OTHER = "Solsikken barnehage/Humla"
FILES = {
    "department": "solsikken-barnehage/blaklokka/department.json",
    "month": "solsikken-barnehage/blaklokka/2026-11.json",
    "kindergarten": "solsikken-barnehage/kindergarten.json",
}


def _edit(change: Callable[[dict, str], None]) -> Callable[[bytes, str], bytes]:
    def apply(raw: bytes, which: str) -> bytes:
        data = json.loads(raw)
        change(data, which)
        return json.dumps(data).encode()
    return apply


def _first(data: dict, which: str) -> dict:
    table = {"department": "department", "month": "stories", "kindergarten": "kindergarten"}[which]
    return next(iter(data[table].values()))


def _wrong_type(data: dict, which: str) -> None:
    doc = _first(data, which)
    doc[{"department": "staff", "month": "text", "kindergarten": "name"}[which]] = 5


def _missing(data: dict, which: str) -> None:
    doc = _first(data, which)
    del doc[{"department": "name", "month": "id", "kindergarten": "name"}[which]]


def _future(data: dict, which: str) -> None:
    data["_meta"]["1"]["schema"] = 99


CORRUPTIONS: dict[str, Callable[[bytes, str], bytes] | None] = {
    "truncated": lambda raw, which: raw[: len(raw) // 2],
    "not-json": lambda raw, which: b"Dette er ikke JSON\n",
    "wrong-type": _edit(_wrong_type),
    "missing-field": _edit(_missing),
    "future-version": _edit(_future),
    "unreadable": None,  # permission denied (simulated when the tests run as root)
}

# The commands that read each file; each must fail with one line naming it.
READERS = {
    "department": [
        ["story", "list", DEPT], ["story", "add", DEPT, "--author", "Ingrid Solberg", "--file", "{story}"],
        ["search", DEPT, "barn"], ["plan", "show", DEPT], ["meeting", "list", DEPT], ["observation", "list", DEPT],
        ["department", "list"],
    ],
    "month": [
        ["story", "list", DEPT], ["search", DEPT, "barn"], ["meeting", "list", DEPT],
        ["story", "add", DEPT, "--author", "Ingrid Solberg", "--month", "2026-11", "--file", "{story}"],
    ],
    "kindergarten": [
        ["department", "create", "Solsikken barnehage/Ny", "--age-group", "toddler", "--staff", "K=leader"],
    ],
}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corrupt") / "data"
    create_demo(Store(root), TODAY)
    return root


def _unreadable(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    """Make `target` unreadable: by its mode, and (for root, whom modes do not stop) by refusing it."""
    os.chmod(target, 0)
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if os.path.abspath(self) == str(target):
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)


@pytest.mark.parametrize("which", list(FILES))
@pytest.mark.parametrize("corruption", list(CORRUPTIONS))
def test_a_broken_file_is_named_never_changed_and_the_rest_works(
    which: str, corruption: str, template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    shutil.copytree(template, data)
    story = tmp_path / "story.txt"
    story.write_text("Jeg satt med barnet ved bordet og vi snakket om dagen. " * 5, encoding="utf-8")
    target = data / FILES[which]
    change = CORRUPTIONS[corruption]
    if change is None:
        _unreadable(monkeypatch, target)
    else:
        target.write_bytes(change(target.read_bytes(), which))
    before = snapshot(data) if change is not None else None
    raw = (target.read_bytes() if change is not None else None)
    shown = FILES[which]

    def run(*argv: str):
        return tettpa(monkeypatch, "--data-dir", str(data), *[a.replace("{story}", str(story)) for a in argv])

    check = run("check")
    assert check.code == 1
    assert any(shown in line for line in check.err_lines), check.err_lines
    assert not any("kan ikke skrive" in line.lower() for line in check.err_lines)

    for argv in READERS[which]:
        result = run(*argv)
        assert result.code == 1, (argv, result)
        if argv == ["department", "list"]:  # the others are listed; the broken one named in one line
            assert "Humla" in result.out.decode() and "Blåklokka" not in result.out.decode()
        assert len(result.err_lines) == 1, (argv, result.err_lines)
        line = result.err_lines[0]
        assert shown in line, (argv, line)
        assert "uventet" not in line and "Traceback" not in line
        if corruption == "unreadable":
            assert "lese" in line and "skrive" not in line, line
        if corruption in ("wrong-type", "missing-field"):
            assert "ødelagt post" in line, line

    if which != "kindergarten":  # every other department keeps working
        for argv in (["story", "list", OTHER], ["meeting", "list", OTHER], ["search", OTHER, "barn"]):
            assert run(*argv).code == 0, argv
        assert run("story", "add", OTHER, "--author", "Eva Strand", "--file", str(story)).code == 0

    if change is not None:
        assert target.read_bytes() == raw
        after = snapshot(data)
        changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
        assert all(k.startswith("solsikken-barnehage/humla/") for k in changed), changed


def test_a_folder_that_cannot_be_opened_is_listed_by_check(
    template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    shutil.copytree(template, data)
    folder = data / "solsikken-barnehage" / "humla"
    real_walk, real_iterdir, real_exists = os.walk, Path.iterdir, Path.exists

    def refuse(path) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    def walk(top, onerror=None, **kw):
        for root, dirs, files in real_walk(top, onerror=onerror, **kw):
            if Path(root) == folder:
                onerror(PermissionError(13, "Permission denied", str(folder)))
                dirs[:] = []
                continue
            yield root, dirs, files

    def exists(self: Path) -> bool:
        if folder in self.parents:
            refuse(self)
        return real_exists(self)

    monkeypatch.setattr(os, "walk", walk)
    monkeypatch.setattr(Path, "exists", exists)
    check = tettpa(monkeypatch, "--data-dir", str(data), "check")
    assert check.code == 1 and any("humla" in line and "lese" in line for line in check.err_lines)
    listed = tettpa(monkeypatch, "--data-dir", str(data), "story", "list", OTHER)
    assert listed.code == 1 and len(listed.err_lines) == 1
    assert "humla" in listed.err_lines[0] and "uventet" not in listed.err_lines[0]
    assert "skrive" not in listed.err_lines[0]
    assert tettpa(monkeypatch, "--data-dir", str(data), "story", "list", DEPT).code == 0
    del real_iterdir


@posix_only
@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file whatever its mode")
def test_real_permissions(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    shutil.copytree(template, data)
    folder = data / "solsikken-barnehage" / "humla"
    os.chmod(folder, 0)
    try:
        check = tettpa(monkeypatch, "--data-dir", str(data), "check")
        assert check.code == 1 and any("humla" in line for line in check.err_lines)
        listed = tettpa(monkeypatch, "--data-dir", str(data), "story", "list", OTHER)
        assert listed.code == 1 and len(listed.err_lines) == 1 and "uventet" not in listed.err_lines[0]
    finally:
        os.chmod(folder, 0o700)


def test_a_department_folder_that_cannot_be_listed_is_said_not_taken_as_empty(
    template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    shutil.copytree(template, data)
    folder = data / "solsikken-barnehage" / "blaklokka"
    real = os.listdir

    def listdir(path="."):
        if Path(path) == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "listdir", listdir)
    result = tettpa(monkeypatch, "--data-dir", str(data), "story", "list", DEPT)
    assert result.code == 1 and len(result.err_lines) == 1
    assert "blaklokka" in result.err_lines[0] and "lese" in result.err_lines[0]
    assert result.out == b""
