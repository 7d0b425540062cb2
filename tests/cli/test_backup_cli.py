"""`tettpa backup` and `tettpa restore`, run as a user would: exact round trips,
and every bad file refused in one line with nothing changed."""

from __future__ import annotations

import json
import os
import struct
from pathlib import Path

import pytest

from tests.cli.test_cli import assert_one_line_error, run

from tests.conftest import posix_only

PASS = "correct horse battery"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("demo") / "data"
    proc = run("demo", "--data-dir", str(data), "--create-only")
    assert proc.returncode == 0, proc.stderr
    return data


@pytest.fixture
def passfile(tmp_path: Path) -> Path:
    p = tmp_path / "pass.txt"
    p.write_text(PASS + "\n")
    return p


@pytest.fixture(scope="module")
def backup_file(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bk") / "all.tettpa-backup"
    proc = run("backup", "--all", "-o", str(out), "--passphrase-stdin", data=demo, stdin=PASS + "\n")
    assert proc.returncode == 0, proc.stderr
    return out


def every_json(data: Path) -> dict[str, object]:
    """Every --json output the CLI gives about the data folder."""
    out: dict[str, object] = {}

    def get(*args: str) -> object:
        proc = run(*args, "--json", data=data)
        assert proc.returncode == 0, (args, proc.stderr)
        return json.loads(proc.stdout)

    depts = get("department", "list")
    out["department list"] = depts
    out["overview --all"] = get("overview", "--all")
    for d in depts:
        path = d["path"]
        for cmd in (("plan", "show"), ("story", "list"), ("meeting", "list"), ("observation", "list")):
            out[f"{' '.join(cmd)} {path}"] = get(*cmd, path)
        out[f"search {path}"] = get("search", path, "jeg")
        for m in out[f"meeting list {path}"]:
            out[f"meeting show {path} {m['id']}"] = get("meeting", "show", path, m["id"])
    return out


def snapshot(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else b"<dir>")
            for p in sorted(folder.rglob("*")) if p.name != ".lock"}


@posix_only
def test_backup_is_encrypted_and_private(backup_file: Path, demo: Path) -> None:
    raw = backup_file.read_bytes()
    assert raw.startswith(b"TETTPA-BACKUP\n")
    assert os.stat(backup_file).st_mode & 0o777 == 0o600
    # Nothing of the stories or names readable in the file.
    for word in (b"Ingrid", b"Solsikken", b"jeg", b"kindergarten"):
        assert word not in raw


def test_round_trip_into_an_empty_folder_gives_identical_json(demo: Path, backup_file: Path, tmp_path: Path,
                                                           passfile: Path) -> None:
    fresh = tmp_path / "new-laptop"
    proc = run("restore", str(backup_file), "--passphrase-file", str(passfile), "--json", data=fresh)
    assert proc.returncode == 0, proc.stderr
    done = json.loads(proc.stdout)
    assert len(done["restored"]) == 4 and done["replaced"] == [] and done["kept"] is None
    before, after = every_json(demo), every_json(fresh)
    assert len(before) > 10
    assert before == after
    assert run("check", data=fresh).returncode == 0


def test_one_department_backup_and_its_manifest(demo: Path, tmp_path: Path, passfile: Path) -> None:
    out = tmp_path / "one.tettpa-backup"
    proc = run("backup", "Solsikken barnehage/Blåklokka", "-o", str(out), "--passphrase-file", str(passfile),
               "--json", data=demo)
    assert proc.returncode == 0, proc.stderr
    manifest = json.loads(proc.stdout)
    assert manifest["departments"] == ["Solsikken barnehage/Blåklokka"]
    assert manifest["schema"] == 1 and manifest["format"] == 1 and manifest["app_version"]
    paths = [f["path"] for f in manifest["files"]]
    assert "solsikken-barnehage/kindergarten.json" in paths
    assert "solsikken-barnehage/blaklokka/department.json" in paths
    assert all(len(f["sha256"]) == 64 for f in manifest["files"])
    assert not any("humla" in p for p in paths)


def test_restore_over_an_existing_department_needs_replace_and_keeps_a_backup(
        demo: Path, backup_file: Path, tmp_path: Path, passfile: Path) -> None:
    here = tmp_path / "here"
    assert run("restore", str(backup_file), "--passphrase-file", str(passfile), data=here).returncode == 0
    # A change made here after the backup ...
    story = run("story", "add", "Solsikken barnehage/Blåklokka", "--author", "Ingrid Solberg", "--file", "-",
                data=here, stdin="Jeg satt med barna og vi snakket om været i dag.")
    assert story.returncode == 0, story.stderr
    before = snapshot(here)
    refused = run("restore", str(backup_file), "--passphrase-file", str(passfile), data=here)
    line = assert_one_line_error(refused, 1)
    assert "--replace" in line
    assert snapshot(here) == before
    proc = run("restore", str(backup_file), "--passphrase-file", str(passfile), "--replace", "--json", data=here)
    assert proc.returncode == 0, proc.stderr
    done = json.loads(proc.stdout)
    # only the department that differs is replaced; the others are here as in the backup
    assert done["replaced"] == ["Solsikken barnehage/Blåklokka"] and done["kept"]
    assert len(done["unchanged"]) == 3
    kept = Path(done["kept"])
    assert kept.exists()
    assert every_json(here) == every_json(demo)  # the change is gone from the data ...
    # ... and comes back from the kept copy, with the same passphrase.
    back = tmp_path / "back"
    proc = run("restore", str(kept), "--passphrase-file", str(passfile), data=back)
    assert proc.returncode == 0, proc.stderr
    listed = run("story", "list", "Solsikken barnehage/Blåklokka", "--json", data=back)
    assert any("været i dag" in s["text"] for s in json.loads(listed.stdout))


def _bad_files(good: bytes, tmp: Path) -> dict[str, Path]:
    from tettpa_tui.store import backup as bk

    cases: dict[str, bytes] = {
        "empty": b"",
        "not a backup": b"just some text\n",
        "cut in the header": good[:20],
        "cut in the middle": good[: len(good) // 2],
        "last byte missing": good[:-1],
        "a byte flipped": good[:-40] + bytes([good[-40] ^ 1]) + good[-39:],
    }
    start = len(bk.MAGIC) + 4
    (size,) = struct.unpack(">I", good[len(bk.MAGIC):start])
    header = json.loads(good[start:start + size])
    tampered = dict(header, nonce=header["nonce"][::-1])
    body = json.dumps(tampered, separators=(",", ":")).encode()
    cases["header tampered"] = bk.MAGIC + struct.pack(">I", len(body)) + body + good[start + size:]
    newer = json.dumps(dict(header, format=2), separators=(",", ":")).encode()
    cases["newer format"] = bk.MAGIC + struct.pack(">I", len(newer)) + newer + good[start + size:]
    key = bk.BackupKey.from_passphrase(PASS, n=2**10)
    kg = json.dumps({"_meta": {"1": {"app": "tettpa", "schema": 1}},
                     "kindergarten": {"1": {"name": "X", "pool": 1}}}).encode()
    dept = json.dumps({"_meta": {"1": {"app": "tettpa", "schema": 1}},
                       "department": {"1": {"kindergarten": "X", "name": "Y", "age_group": "toddler",
                                            "staff": []}}}).encode()
    files = [("x/kindergarten.json", kg), ("x/y/department.json", dept)]
    scope = bk.Scope("all")

    def sealed(manifest_change=None, files=files) -> bytes:
        manifest = bk.manifest_for(files, scope, ["X/Y"], __import__("datetime").datetime(2026, 11, 30), "9")
        if manifest_change:
            manifest_change(manifest)
        return bk.seal(manifest, files, key)

    cases["newer schema inside"] = sealed(lambda m: m.update(schema=99))
    cases["checksum wrong"] = sealed(lambda m: m["files"][1].update(sha256="0" * 64))
    cases["climbs out"] = sealed(files=[("../x/kindergarten.json", kg), ("x/y/department.json", dept)])
    cases["file not ours"] = sealed(files=[("x/kindergarten.json", b"{}"), ("x/y/department.json", dept)])
    out = {}
    for name, raw in cases.items():
        p = tmp / (name.replace(" ", "-") + ".tettpa-backup")
        p.write_bytes(raw)
        out[name] = p
    return out


def test_every_bad_file_gets_one_line_and_changes_nothing(demo: Path, backup_file: Path, tmp_path: Path,
                                                        passfile: Path) -> None:
    here = tmp_path / "here"
    assert run("restore", str(backup_file), "--passphrase-file", str(passfile), data=here).returncode == 0
    before = snapshot(here)
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase\n")
    line = assert_one_line_error(
        run("restore", str(backup_file), "--passphrase-file", str(wrong), "--replace", data=here), 1)
    assert "passordfrase" in line.lower()
    assert snapshot(here) == before
    seen = set()
    for name, bad in _bad_files(backup_file.read_bytes(), tmp_path).items():
        proc = run("restore", str(bad), "--passphrase-file", str(passfile), "--replace", data=here)
        line = assert_one_line_error(proc, 1)
        assert str(bad) in line, (name, line)
        assert snapshot(here) == before, name
        seen.add(line.replace(str(bad), "FILE"))
    assert any("nyere versjon" in s for s in seen)
    assert any("avkortet" in s for s in seen)
    assert any("Kontrollsummen" in s for s in seen)


def test_passphrase_rules(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.tettpa-backup"
    short = run("backup", "--all", "-o", str(out), "--passphrase-stdin", data=demo, stdin="short\n")
    assert "8" in assert_one_line_error(short, 1)
    assert not out.exists()
    usage = run("backup", "-o", str(out), "--passphrase-stdin", data=demo, stdin=PASS)
    assert_one_line_error(usage, 2)
    # Never as an argument value.
    assert_one_line_error(run("backup", "--all", "-o", str(out), "--passphrase", PASS, data=demo), 2)
    english = run("--lang", "en", "restore", str(out), "--passphrase-stdin", data=demo, stdin=PASS)
    assert_one_line_error(english, 1)


def test_a_restore_leaves_no_hidden_folders_behind(demo: Path, backup_file: Path, tmp_path: Path,
                                                  passfile: Path) -> None:
    here = tmp_path / "here"
    for extra in ([], ["--replace"]):
        assert run("restore", str(backup_file), "--passphrase-file", str(passfile), *extra,
                   data=here).returncode == 0
    hidden = sorted(p.name for p in here.rglob(".*") if p.is_dir())
    assert hidden == [".journal"]  # the second found everything here already: nothing replaced
    assert [p.name for p in (here / ".journal").iterdir()] == [".lock"]
    assert len(json.loads(run("department", "list", "--json", data=here).stdout)) == 3


def test_a_one_department_backup_is_not_the_apps_last_backup(tmp_path: Path, passfile: Path) -> None:
    from tettpa_tui.store import Store

    data = tmp_path / "data"
    assert run("demo", "--data-dir", str(data), "--create-only").returncode == 0
    before = Store(data).setting("last_backup")
    one = tmp_path / "one.tettpa-backup"
    proc = run("backup", "Solsikken barnehage/Blåklokka", "-o", str(one), "--passphrase-file", str(passfile),
               data=data)
    assert proc.returncode == 0, proc.stderr
    assert "regnes ikke som appens siste sikkerhetskopi" in proc.stdout
    assert Store(data).setting("last_backup") == before  # the home screen and c say what they said
    everything = tmp_path / "all.tettpa-backup"
    proc = run("backup", "--all", "-o", str(everything), "--passphrase-file", str(passfile), data=data)
    assert proc.returncode == 0, proc.stderr
    assert Store(data).setting("last_backup")["file"] == str(everything.absolute())
