"""Restore and backup keep their promises under a kill at EVERY write point
(tests/crashpoints.py), and a restore changes only what the backup is of.

After each kill: the next command that opens the data folder finishes or undoes
the restore and says so, `check` tells it, no department vanishes, nothing
acknowledged is lost, a rerun completes the restore, and no plaintext copy is
left outside the live data files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cli.test_cli import run
from tests.crashpoints import count_points, every_kill

PASS = "correct horse battery"
MARKER = "Markørordet"  # in a story of the backup: must never lie about outside the live files
LATER = "Etterpåordet"  # in a story written after the backup: must never be lost
KG = "Solsikken barnehage"


def _cli(*args: str, data: Path, stdin: str | None = None) -> str:
    proc = run(*args, data=data, stdin=stdin)
    assert proc.returncode == 0, (args, proc.stderr)
    return proc.stdout


def _story(data: Path, dept: str, text: str, month: str = "2026-10") -> None:
    _cli("story", "add", f"{KG}/{dept}", "--author", "Ingrid Solberg", "--month", month, "--file", "-",
         data=data, stdin=text)


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small kindergarten: two departments, stories in two months."""
    data = tmp_path_factory.mktemp("src") / "data"
    for dept in ("Blåklokka", "Humla"):
        _cli("department", "create", f"{KG}/{dept}", "--age-group", "toddler", "--staff",
             "Ingrid Solberg=leader", "--staff", "Per Hansen=assistant", "--pool", "4", data=data)
        _story(data, dept, f"Jeg satt med barna i {dept} og {MARKER} kom opp i samtalen.", "2026-10")
        _story(data, dept, f"Vi gikk tur i skogen med {dept} og barna fant kongler.", "2026-11")
    return data


@pytest.fixture(scope="module")
def backups(source: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("bk")
    made = {"all": out / "all.tettpa-backup", "dept": out / "dept.tettpa-backup",
            "kg": out / "kg.tettpa-backup"}
    _cli("backup", "--all", "-o", str(made["all"]), "--passphrase-stdin", data=source, stdin=PASS)
    _cli("backup", f"{KG}/Blåklokka", "-o", str(made["dept"]), "--passphrase-stdin", data=source, stdin=PASS)
    _cli("backup", KG, "-o", str(made["kg"]), "--passphrase-stdin", data=source, stdin=PASS)
    return made


def _departments(data: Path) -> list[str]:
    return [d["path"] for d in json.loads(_cli("department", "list", "--json", data=data))]


def _stories(data: Path, dept: str) -> list[str]:
    return [s["text"] for s in json.loads(_cli("story", "list", f"{KG}/{dept}", "--json", data=data))]


def _live(data: Path, path: Path) -> bool:
    """A live data file of the folder's own shape (KG/kindergarten.json, KG/DEPT/*.json)."""
    parts = path.relative_to(data).parts
    return not any(p.startswith(".") for p in parts) and path.suffix == ".json" and len(parts) in (2, 3)


def _plaintext_leftovers(data: Path, word: str) -> list[str]:
    """Files other than the live data files that hold `word` readable (not the settings)."""
    needle = word.encode("utf-8")
    return [str(p.relative_to(data)) for p in data.rglob("*")
            if p.is_file() and not _live(data, p) and p.name != "settings.json" and needle in p.read_bytes()]


def _kept_texts(data: Path) -> str:
    """Everything the .replaced/ backups hold, decrypted (a copy is a copy)."""
    from tettpa_tui.store.backup import list_backups, open_backup

    out = []
    for p in list_backups(data / ".replaced"):
        out += [raw.decode("utf-8") for raw in open_backup(p, PASS).files.values()]
    return "\n".join(out)


def _after_kill(data: Path, before: list[str], killed_with_journal: bool) -> None:
    """What a user finds after a kill: the next command makes the folder whole and says so."""
    if not data.exists():  # killed before the restore began (the content cache's write)
        return
    listed = run("--lang", "en", "department", "list", "--json", data=data)  # the next command opening the folder
    assert listed.returncode == 0, listed.stderr
    now = [d["path"] for d in json.loads(listed.stdout)]
    assert set(before) <= set(now), (before, now)  # no department vanishes
    if killed_with_journal:
        assert len(listed.stderr.strip().splitlines()) == 1 and "interrupted" in listed.stderr, listed.stderr
    check = run("--lang", "en", "check", data=data)
    assert check.returncode == 0, check.stdout + check.stderr
    if killed_with_journal:
        assert "An interrupted restore" in check.stdout
    assert not list(data.glob(".restoring-*"))
    assert not list((data / ".journal").glob("*.json")) or \
        [p.name for p in (data / ".journal").glob("*.json")] == ["recovered.json"]
    assert _plaintext_leftovers(data, MARKER) == []
    assert not [p for p in data.rglob("*.tmp")], list(data.rglob("*.tmp"))


def _journal_on_disk(data: Path) -> bool:
    return any(p.name != "recovered.json" for p in (data / ".journal").glob("*.json"))


def _run_every_kill(args: tuple[str, ...], data: Path, reset, after) -> int:
    """Kill at every write point; returns how many there were (all checked)."""
    killed = 0
    for n, got in every_kill(args, data=data, before=reset, env={"TETTPA_LANG": "en"}):
        if not got.killed:
            assert got.proc.returncode == 0, got.proc.stderr
            assert n - 1 == got.points, (n, got.points)
            return killed
        killed += 1
        after(n)
    raise AssertionError("never completed")


def test_restore_into_a_fresh_folder_killed_at_every_write_point(backups: dict[str, Path], source: Path,
                                                                  tmp_path: Path) -> None:
    data = tmp_path / "data"
    passfile = tmp_path / "pass"
    passfile.write_text(PASS)
    args = ("restore", str(backups["all"]), "--passphrase-file", str(passfile))
    full = sorted(_departments(source))

    def reset() -> None:
        shutil.rmtree(data, ignore_errors=True)

    def after(n: int) -> None:
        journal = _journal_on_disk(data)
        _after_kill(data, [], journal)
        rerun = run(*args, "--lang", "en", data=data)  # a rerun of the same restore completes it
        assert rerun.returncode == 0, (n, rerun.stderr)
        assert sorted(_departments(data)) == full
        assert any(MARKER in t for t in _stories(data, "Blåklokka"))
        assert not list(data.glob(".restoring-*"))

    points = _run_every_kill(args, data, reset, after)
    assert points >= 8
    print(f"restore into a fresh folder: {points} kill points")


def test_restore_replace_killed_at_every_write_point(backups: dict[str, Path], source: Path,
                                                     tmp_path: Path) -> None:
    """Over an existing folder, replacing both departments (each has a story written after the backup,
    and Humla a month the backup does not have)."""
    scene = tmp_path / "scene"
    _cli("restore", str(backups["all"]), "--passphrase-stdin", data=scene, stdin=PASS)
    _story(scene, "Blåklokka", f"Etter kopien: {LATER} i Blåklokka.", "2026-11")
    _story(scene, "Humla", f"Etter kopien: {LATER} i Humla.", "2026-09")
    data = tmp_path / "data"
    passfile = tmp_path / "pass"
    passfile.write_text(PASS)
    args = ("restore", str(backups["all"]), "--passphrase-file", str(passfile), "--replace")
    both = [f"{KG}/Blåklokka", f"{KG}/Humla"]

    def reset() -> None:
        shutil.rmtree(data, ignore_errors=True)
        shutil.copytree(scene, data)

    def after(n: int) -> None:
        _after_kill(data, both, _journal_on_disk(data))
        rerun = run(*args, "--lang", "en", data=data)
        assert rerun.returncode == 0, (n, rerun.stderr)
        # the restore is complete ...
        for dept in ("Blåklokka", "Humla"):
            texts = _stories(data, dept)
            assert any(MARKER in t for t in texts) and not any(LATER in t for t in texts), (n, dept, texts)
        # ... and what it replaced is kept, encrypted: nothing written after the backup is lost
        kept = _kept_texts(data)
        assert f"{LATER} i Blåklokka" in kept and f"{LATER} i Humla" in kept, n
        assert _plaintext_leftovers(data, LATER) == []

    points = _run_every_kill(args, data, reset, after)
    assert points >= 8
    print(f"restore --replace: {points} kill points")


def test_restore_over_an_existing_folder_killed_at_every_write_point(backups: dict[str, Path],
                                                                     tmp_path: Path) -> None:
    """Into a folder in use (the kindergarten and another department are here): a new department."""
    scene = tmp_path / "scene"
    _cli("department", "create", f"{KG}/Marihønen", "--age-group", "toddler", "--staff",
         "Kari Nordmann=leader", "--pool", "3", data=scene)
    _cli("story", "add", f"{KG}/Marihønen", "--author", "Kari Nordmann", "--month", "2026-11", "--file", "-",
         data=scene, stdin=f"Her skrev vi {LATER} i Marihønen.")
    data = tmp_path / "data"
    passfile = tmp_path / "pass"
    passfile.write_text(PASS)
    args = ("restore", str(backups["dept"]), "--passphrase-file", str(passfile))

    def reset() -> None:
        shutil.rmtree(data, ignore_errors=True)
        shutil.copytree(scene, data)

    def after(n: int) -> None:
        _after_kill(data, [f"{KG}/Marihønen"], _journal_on_disk(data))
        rerun = run(*args, "--lang", "en", data=data)
        assert rerun.returncode == 0, (n, rerun.stderr)
        assert sorted(_departments(data)) == [f"{KG}/Blåklokka", f"{KG}/Marihønen"]
        assert any(LATER in t for t in _stories(data, "Marihønen"))
        pool = json.loads(_cli("overview", KG, "--json", data=data))
        assert pool  # the kindergarten still reads

    points = _run_every_kill(args, data, reset, after)
    assert points >= 4
    print(f"restore into a folder in use: {points} kill points")


def test_backup_killed_at_every_write_point(source: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    out = tmp_path / "out"
    target = out / "all.tettpa-backup"
    passfile = tmp_path / "pass"
    passfile.write_text(PASS)
    args = ("backup", "--all", "-o", str(target), "--passphrase-file", str(passfile), "--force")

    def reset() -> None:
        shutil.rmtree(data, ignore_errors=True)
        shutil.copytree(source, data)
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir()

    def after(n: int) -> None:
        before = sorted(_departments(data))
        check = run("check", data=data)
        assert check.returncode == 0, check.stderr
        assert not target.exists() or target.read_bytes().startswith(b"TETTPA-BACKUP")
        rerun = run(*args, "--lang", "en", data=data)
        assert rerun.returncode == 0, (n, rerun.stderr)
        assert [p.name for p in out.iterdir()] == [target.name]  # the killed run's temp file is gone
        assert sorted(_departments(data)) == before
        assert _plaintext_leftovers(data, MARKER) == []

    points = _run_every_kill(args, data, reset, after)
    assert points >= 1
    print(f"backup: {points} kill points")


def test_write_points_are_counted(backups: dict[str, Path], tmp_path: Path) -> None:
    got = count_points("restore", str(backups["all"]), "--passphrase-stdin", data=tmp_path / "d", stdin=PASS)
    assert got.proc.returncode == 0 and got.points > 0


def _kindergarten(data: Path) -> dict:
    return json.loads((data / "solsikken-barnehage" / "kindergarten.json").read_text())


def test_a_department_backup_never_rolls_back_its_kindergarten(backups: dict[str, Path], tmp_path: Path) -> None:
    from datetime import date

    from tettpa_tui.domain.cooperation import CooperationMeeting
    from tettpa_tui.store import Store

    data = tmp_path / "data"
    _cli("restore", str(backups["all"]), "--passphrase-stdin", data=data, stdin=PASS)
    store = Store(data)
    store.set_pool(KG, 3)
    store.save_cooperation_meeting(KG, CooperationMeeting(id="c1", date=date(2026, 11, 20), who=("Styrer",),
                                                          discussed=f"Vi snakket om {LATER}.", agreements=()))
    _story(data, "Blåklokka", f"Etter kopien: {LATER}.", "2026-11")
    proc = run("--lang", "en", "restore", str(backups["dept"]), "--passphrase-stdin", "--replace", data=data,
               stdin=PASS)
    assert proc.returncode == 0, proc.stderr
    assert "Replaced: Solsikken barnehage/Blåklokka" in proc.stdout
    assert "Not changed: the kindergarten's own file of Solsikken barnehage" in proc.stdout
    assert store.kindergarten(KG).pool == 3
    assert [m.id for m in store.cooperation_meetings(KG)] == ["c1"]
    assert not any(LATER in t for t in _stories(data, "Blåklokka"))  # the department is as in the backup

    # A backup of the kindergarten is of its file too: replaced only with --replace, named, and kept.
    refused = run("--lang", "en", "restore", str(backups["kg"]), "--passphrase-stdin", data=data, stdin=PASS)
    assert refused.returncode == 1 and "--replace" in refused.stderr
    assert store.kindergarten(KG).pool == 3
    proc = run("--lang", "en", "restore", str(backups["kg"]), "--passphrase-stdin", "--replace", "--json",
               data=data, stdin=PASS)
    done = json.loads(proc.stdout)
    assert done["kindergartens_replaced"] == [KG] and done["kept"]
    assert store.kindergarten(KG).pool == 4 and store.cooperation_meetings(KG) == []
    assert LATER in _kept_texts(data)  # the samarbeidsmøte is kept in the encrypted copy


def test_an_older_versions_half_swapped_restore_is_put_back(backups: dict[str, Path], tmp_path: Path) -> None:
    """Killed between the two renames of the old swap: the department was in .restoring-…/old/."""
    data = tmp_path / "data"
    _cli("restore", str(backups["all"]), "--passphrase-stdin", data=data, stdin=PASS)
    dept = data / "solsikken-barnehage" / "blaklokka"
    old = data / ".restoring-0a1b2c3d" / "old" / "solsikken-barnehage" / "blaklokka"
    old.parent.mkdir(parents=True)
    dept.rename(old)
    listed = _departments(data)  # the next command opening the folder
    assert f"{KG}/Blåklokka" in listed
    assert not list(data.glob(".restoring-*"))
    assert any(MARKER in t for t in _stories(data, "Blåklokka"))


def test_a_work_folder_no_command_can_remove_is_reported_by_check(backups: dict[str, Path], tmp_path: Path) -> None:
    data = tmp_path / "data"
    _cli("restore", str(backups["all"]), "--passphrase-stdin", data=data, stdin=PASS)
    left = data / ".restoring-0a1b2c3d"
    left.write_text("not a folder")  # nothing a sweep removes
    check = run("--lang", "en", "check", data=data)
    assert check.returncode == 1 and ".restoring-0a1b2c3d" in check.stderr


def test_replaced_copies_are_bounded(backups: dict[str, Path], tmp_path: Path) -> None:
    from tettpa_tui.store.backup import REPLACED_KEPT

    data = tmp_path / "data"
    _cli("restore", str(backups["dept"]), "--passphrase-stdin", data=data, stdin=PASS)
    for i in range(REPLACED_KEPT + 2):
        _story(data, "Blåklokka", f"Runde {i}: {LATER}.", "2026-11")
        _cli("restore", str(backups["dept"]), "--passphrase-stdin", "--replace", data=data, stdin=PASS)
    kept = sorted((data / ".replaced").iterdir())
    assert len(kept) == REPLACED_KEPT
    assert f"Runde {REPLACED_KEPT + 1}" in _kept_texts(data)  # the newest are the ones kept
    assert "Runde 0:" not in _kept_texts(data)
