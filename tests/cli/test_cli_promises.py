"""The command line keeps its promises about files (issue 23, points 8-10): no export,
report or backup writes inside the data folder, no passphrase prompt without a terminal,
and a backup's exit code, file and message agree."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.cli.test_cli import assert_one_line_error, made, run  # noqa: F401 (made is a fixture)

PASS = "correct horse battery"
KG_FILE = Path("solsikken") / "kindergarten.json"
DEPT_FILE = Path("solsikken") / "blaklokka" / "department.json"


def _en(*args: str, data: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return run("--lang", "en", *args, data=data, stdin=stdin)


def test_nothing_is_written_over_a_file_in_the_data_folder(made: Path) -> None:  # noqa: F811
    story = _en("story", "add", "Solsikken/Blåklokka", "--author", "Ingrid Solberg", "--month", "2026-11",
                "--file", "-", data=made, stdin="Jeg satt med barna og vi snakket om været i dag.")
    assert story.returncode == 0, story.stderr
    month = Path("solsikken") / "blaklokka" / "2026-11.json"
    before = {p: (made / p).read_bytes() for p in (KG_FILE, DEPT_FILE, month)}
    attempts = [
        ("report", "export", "Solsikken", "-o", str(made / KG_FILE)),  # exports overwrite without --force
        ("backup", "--all", "-o", str(made / month), "--passphrase-stdin", "--force"),
        ("backup", "--all", "-o", str(made / DEPT_FILE), "--passphrase-stdin"),
        ("backup", "--all", "-o", str(made / "solsikken" / "new.tettpa-backup"), "--passphrase-stdin"),
        ("meeting", "export", "Solsikken/Blåklokka", "latest", "-o", str(made / DEPT_FILE)),
    ]
    for args in attempts:
        proc = _en(*args, data=made, stdin=PASS)
        line = assert_one_line_error(proc, 1)
        assert "inside the data folder" in line, (args, line)
    assert {p: (made / p).read_bytes() for p in before} == before
    assert not (made / "solsikken" / "new.tettpa-backup").exists()
    person = _en("person", "export", "Solsikken/Blåklokka", "Ingrid Solberg", "-o", str(made / "solsikken"),
                 data=made)
    assert "inside the data folder" in assert_one_line_error(person, 1)


def test_check_names_a_copy_that_is_really_there(made: Path, tmp_path: Path) -> None:  # noqa: F811
    (made / DEPT_FILE).write_bytes(b"{ cut sho")
    check = _en("check", data=made)
    assert check.returncode == 1
    assert ".backups/" not in check.stderr  # there is no such folder here
    assert "no copy of it on this machine" in check.stderr
    out = tmp_path / "all.tettpa-backup"
    (made / DEPT_FILE).write_bytes(b"{}")  # unreadable too; fix first to make a backup
    # a backup made when the file was whole, then noted as the last one
    good = tmp_path / "good"
    assert _en("department", "create", "Solsikken/Humla", "--age-group", "toddler", "--staff",
               "Kari=leader", data=good).returncode == 0
    assert _en("backup", "--all", "-o", str(out), "--passphrase-stdin", data=good, stdin=PASS).returncode == 0
    (good / "solsikken" / "humla" / "department.json").write_bytes(b"[]")
    check = _en("check", data=good)
    assert check.returncode == 1 and str(out) in check.stderr and "tettpa restore" in check.stderr


def test_no_terminal_for_the_passphrase_says_how_in_one_line(made: Path, tmp_path: Path) -> None:  # noqa: F811
    for args in (("backup", "--all", "-o", str(tmp_path / "x.tettpa-backup")),):
        proc = subprocess.run([sys.executable, "-m", "tettpa_tui", "--lang", "en", *args, "--data-dir", str(made)],
                              stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
        line = assert_one_line_error(proc, proc.returncode)
        assert proc.returncode != 0
        assert "--passphrase-file" in line and "--passphrase-stdin" in line
        assert "Warning" not in proc.stderr and "EOFError" not in proc.stderr
    assert not (tmp_path / "x.tettpa-backup").exists()


def test_a_garbled_settings_file_does_not_stop_a_backup_and_it_says_so(made: Path, tmp_path: Path) -> None:  # noqa: F811
    (made / "settings.json").write_bytes(b"{garbled")
    out = tmp_path / "all.tettpa-backup"
    proc = _en("backup", "--all", "-o", str(out), "--passphrase-stdin", data=made, stdin=PASS)
    assert proc.returncode == 0, proc.stderr
    assert out.exists() and "written to" in proc.stdout
    assert "date could not be noted" in proc.stderr
    restored = _en("restore", str(out), "--passphrase-stdin", data=tmp_path / "back", stdin=PASS)
    assert restored.returncode == 0, restored.stderr


def test_a_month_file_with_a_broken_record_is_refused_as_check_reports_it(made: Path, tmp_path: Path) -> None:  # noqa: F811
    assert _en("story", "add", "Solsikken/Blåklokka", "--author", "Ingrid Solberg", "--month", "2026-11", "--file",
               "-", data=made, stdin="Jeg satt med barna og vi snakket om været.").returncode == 0
    month = made / "solsikken" / "blaklokka" / "2026-11.json"
    doc = json.loads(month.read_text())
    story = next(iter(doc["stories"].values()))
    story["text"] = 17  # a record of the wrong shape
    month.write_text(json.dumps(doc))
    check = _en("check", data=made)
    assert check.returncode == 1 and "2026-11.json" in check.stderr
    out = tmp_path / "all.tettpa-backup"
    proc = _en("backup", "--all", "-o", str(out), "--passphrase-stdin", data=made, stdin=PASS)
    assert "2026-11.json" in assert_one_line_error(proc, 1)
    assert not out.exists()


def test_the_temp_file_of_an_interrupted_backup_or_person_export_is_removed(made: Path, tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "all.tettpa-backup"
    stale = tmp_path / ".all.tettpa-backup.abc123.tmp"
    stale.write_bytes(b"half an encrypted file")
    assert _en("backup", "--all", "-o", str(out), "--passphrase-stdin", data=made, stdin=PASS).returncode == 0
    assert not stale.exists()
    folder = tmp_path / "export"
    folder.mkdir()
    plain = folder / ".ingrid-solberg.json.x1y2z3.tmp"
    plain.write_text('{"stories": ["Ingrid skrev om barna"]}')
    proc = _en("person", "export", "Solsikken/Blåklokka", "Ingrid Solberg", "-o", str(folder), data=made)
    assert proc.returncode == 0, proc.stderr
    assert not plain.exists()
    assert sorted(p.name for p in folder.iterdir()) == ["ingrid-solberg.html", "ingrid-solberg.json"]


def test_a_damaged_header_says_wrong_passphrase_or_damaged_file(made: Path, tmp_path: Path) -> None:  # noqa: F811
    import base64
    import struct

    out = tmp_path / "all.tettpa-backup"
    assert _en("backup", "--all", "-o", str(out), "--passphrase-stdin", data=made, stdin=PASS).returncode == 0
    raw = out.read_bytes()
    magic = b"TETTPA-BACKUP\n"
    (size,) = struct.unpack(">I", raw[len(magic):len(magic) + 4])
    header = json.loads(raw[len(magic) + 4:len(magic) + 4 + size])
    header["kdf"]["salt"] = base64.b64encode(b"\x01" * 16).decode()  # one damaged field
    new = json.dumps(header, separators=(",", ":")).encode()
    bad = tmp_path / "bad.tettpa-backup"
    bad.write_bytes(magic + struct.pack(">I", len(new)) + new + raw[len(magic) + 4 + size:])
    proc = _en("restore", str(bad), "--passphrase-stdin", data=tmp_path / "back", stdin=PASS)
    line = assert_one_line_error(proc, 1)
    assert "wrong passphrase or damaged file" in line
