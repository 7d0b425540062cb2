"""What a fresh-eyes tester found on the command line, each fixed and kept so."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.inprocess import tettpa
from tests.conftest import TODAY, posix_only
from tettpa_tui.services.demo import create_demo
from tettpa_tui.store import Store

DEPT = "Solsikken barnehage/Blåklokka"


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "demo"
    create_demo(Store(root), TODAY)
    monkeypatch.setenv("TETTPA_TODAY", TODAY.isoformat())
    return root


def one_line(result, code: int) -> str:
    assert result.code == code, (result.code, result.err)
    assert len(result.err_lines) == 1, result.err_lines
    line = result.err_lines[0]
    assert line.startswith("tettpa: ") and "Traceback" not in line
    return line


@pytest.mark.parametrize("staff", [[], ["--staff", "Per=assistant"], ["--staff", "Per=teacher"]])
def test_a_department_without_a_pedagogical_leader_is_refused(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, staff: list[str]
) -> None:
    result = tettpa(monkeypatch, "--data-dir", str(data_dir), "department", "create", "Eple barnehage/Grønn",
                    "--age-group", "toddler", *staff)
    line = one_line(result, 2)
    assert "pedagogisk leder" in line and "--staff" in line
    assert not data_dir.exists()
    ok = tettpa(monkeypatch, "--data-dir", str(data_dir), "department", "create", "Eple barnehage/Grønn",
                "--age-group", "toddler", *staff, "--staff", "Kari=leader")
    assert ok.code == 0, ok.err


def test_the_leader_rule_lives_in_the_domain() -> None:
    from tettpa_tui.domain.errors import DomainError
    from tettpa_tui.domain.records import AgeGroup, Role, new_department, require_leader

    with pytest.raises(DomainError):
        require_leader(new_department("A", "B", AgeGroup.TODDLER, [("Per", Role.ASSISTANT)]))
    dept = new_department("A", "B", AgeGroup.TODDLER, [("Kari", Role.LEADER)])
    assert require_leader(dept) is dept


@posix_only
def test_person_export_writes_private_files(demo: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "ut"
    folder.mkdir(mode=0o700)
    result = tettpa(monkeypatch, "--data-dir", str(demo), "person", "export", DEPT, "Ingrid Solberg", "-o", str(folder))
    assert result.code == 0, result.err
    files = sorted(folder.iterdir())
    assert [f.suffix for f in files] == [".html", ".json"]
    assert (folder.stat().st_mode & 0o777) == 0o700
    assert all((f.stat().st_mode & 0o777) == 0o600 for f in files)


def test_os_errors_are_said_in_the_users_language(demo: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # A folder given as the story file: not "Finner ikke filen", and no English system text.
    line = one_line(tettpa(monkeypatch, "--data-dir", str(demo), "story", "add", DEPT, "--author", "Lene Dahl",
                           "--file", str(tmp_path)), 1)
    assert "mappe" in line and "Is a directory" not in line and "Finner ikke" not in line
    # A passphrase file that is missing: one line with the prefix, exit 1, in bokmål.
    line = one_line(tettpa(monkeypatch, "--data-dir", str(demo), "backup", DEPT, "-o", str(tmp_path / "b"),
                           "--passphrase-file", str(tmp_path / "missing-pass")), 1)
    assert "finnes ikke" in line and "No such file" not in line
    en = one_line(tettpa(monkeypatch, "--data-dir", str(demo), "--lang", "en", "backup", DEPT, "-o",
                         str(tmp_path / "b"), "--passphrase-file", str(tmp_path / "missing-pass")), 1)
    assert "does not exist" in en


def test_every_common_os_error_has_words_in_both_languages(monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from tettpa_tui import i18n
    from tettpa_tui.messages import os_error_words

    monkeypatch.setenv("TETTPA_LANG", "")  # set_language exports it: put back after the test
    lang = i18n.language()
    try:
        for code in ("en", "nb"):
            i18n.set_language(code)
            for number in (errno.ENOENT, errno.EISDIR, errno.EEXIST, errno.EACCES, errno.EPERM, errno.ENOSPC,
                           errno.EROFS, errno.ENOTDIR):
                words = os_error_words(OSError(number, "SYSTEM TEXT"))
                assert words and "SYSTEM TEXT" not in words and not words.startswith("store.")
        assert os_error_words(OSError(errno.ELOOP, "Too many levels")) == "Too many levels"
    finally:
        i18n.set_language(lang)


def test_restore_of_a_missing_file_says_file_and_names_keep_their_case(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    pw = tmp_path / "p"
    pw.write_text("en lang nok passordfrase\n")
    missing = tmp_path / "missing.tettpa-backup"
    line = one_line(tettpa(monkeypatch, "--data-dir", str(data), "restore", str(missing),
                           "--passphrase-file", str(pw)), 1)
    assert "Finner ikke filen" in line and "Datamappen" not in line
    trunc = tmp_path / "trunc.tettpa-backup"
    trunc.write_bytes(b"TE")
    story = tmp_path / "story1.txt"
    story.write_text("Jeg så et barn.")
    for file in (trunc, story):
        monkeypatch.chdir(tmp_path)
        line = one_line(tettpa(monkeypatch, "--data-dir", str(data), "restore", file.name,
                               "--passphrase-file", str(pw)), 1)
        assert line.startswith(f"tettpa: {file.name} "), line


def test_output_into_a_missing_folder_is_refused_and_never_made(demo: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    nowhere = tmp_path / "nowhere" / "dir"
    cases = [
        ["meeting", "export", DEPT, "latest", "-o", str(nowhere / "m.md")],
        ["report", "export", "Solsikken barnehage", "-o", str(nowhere / "r.json")],
        ["person", "export", DEPT, "Ingrid Solberg", "-o", str(nowhere)],
        ["backup", DEPT, "-o", str(nowhere / "b.tettpa-backup"), "--passphrase-file", str(tmp_path / "p")],
    ]
    for argv in cases:
        line = one_line(tettpa(monkeypatch, "--data-dir", str(demo), *argv), 1)
        assert "finnes ikke" in line, line
        assert not (tmp_path / "nowhere").exists()
    line = one_line(tettpa(monkeypatch, "--data-dir", str(demo), "meeting", "export", DEPT, "latest",
                           "-o", str(tmp_path)), 1)
    assert "er en mappe" in line
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    line = one_line(tettpa(monkeypatch, "--data-dir", str(demo), "person", "export", DEPT, "Ingrid Solberg",
                           "-o", str(a_file)), 1)
    assert "er en fil" in line and "File exists" not in line


def test_backup_keeps_an_existing_file_unless_forced(demo: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    pw = tmp_path / "p"
    pw.write_text("en lang nok passordfrase for testen\n")
    target = tmp_path / "b.tettpa-backup"
    target.write_bytes(b"old")
    argv = ["--data-dir", str(demo), "backup", DEPT, "-o", str(target), "--passphrase-file", str(pw)]
    line = one_line(tettpa(monkeypatch, *argv), 1)
    assert "--force" in line and target.read_bytes() == b"old"
    forced = tettpa(monkeypatch, *argv, "--force")
    assert forced.code == 0, forced.err
    assert target.read_bytes() != b"old"


def test_check_of_a_missing_data_folder_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    line = one_line(tettpa(monkeypatch, "check", "--data-dir", str(tmp_path / "nonexistent")), 1)
    assert "finnes ikke" in line and "0 datafiler" not in line
    assert not (tmp_path / "nonexistent").exists()
    a_file = tmp_path / "f"
    a_file.write_text("x")
    assert "er en fil" in one_line(tettpa(monkeypatch, "check", "--data-dir", str(a_file)), 1)


def test_meeting_show_speaks_the_users_language_with_a_heading_per_story(demo: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    result = tettpa(monkeypatch, "--data-dir", str(demo), "meeting", "show", DEPT, "latest")
    assert result.code == 0, result.err
    text = result.out.decode()
    assert "Fortelling 1: " in text and "Fortelling 2: " in text and "Oppklarende spørsmål, runde 1" in text
    assert "snakket" in text
    for internal in (" questions ", " affirming ", " reflection ", " spoke ", " passed"):
        assert internal not in text
    en = tettpa(monkeypatch, "--data-dir", str(demo), "--lang", "en", "meeting", "show", DEPT, "latest").out.decode()
    assert "Story 1: " in en and "spoke" in en and "Fortelling" not in en


def test_person_export_html_uses_names_not_ids(demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = tettpa(monkeypatch, "--data-dir", str(demo), "person", "export", DEPT, "Amina Yusuf", "-o", str(tmp_path))
    assert result.code == 0, result.err
    html = (tmp_path / "amina-yusuf.html").read_text()
    assert "Negativt klima" in html and "tatt opp" in html and ", runde 1" in html
    for internal in ("negative-climate", "· used", "· submitted", "questions (", "affirming (", "reflection ("):
        assert internal not in html


def test_an_unknown_author_is_answered_with_the_names_of_the_staff(demo: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    story = tmp_path / "s.txt"
    story.write_text("Jeg satte meg ned ved bordet.")
    for argv in (["story", "add", DEPT, "--author", "Per Hansen", "--file", str(story)],
                 ["story", "list", DEPT, "--author", "Per Hansen"]):
        line = one_line(tettpa(monkeypatch, "--data-dir", str(demo), *argv), 1)
        assert "Ingrid Solberg" in line and "Lene Dahl" in line and "department list" not in line


def test_a_slash_inside_a_name_is_named_as_the_problem(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    line = one_line(tettpa(monkeypatch, "--data-dir", str(data_dir), "department", "create",
                           "Eple barnehage/[b]Fet[/b]", "--age-group", "toddler", "--staff", "Kari=leader"), 1)
    assert "kan ikke inneholde «/»" in line and "[b]Fet[/b]" in line
    line = one_line(tettpa(monkeypatch, "--data-dir", str(data_dir), "department", "create",
                           "Eple barnehage", "--age-group", "toddler", "--staff", "Kari=leader"), 1)
    assert "BARNEHAGE/AVDELING" in line and "inneholde" not in line


def test_an_empty_retention_log_says_so(demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = tettpa(monkeypatch, "--data-dir", str(demo), "retention", "log", DEPT)
    assert result.code == 0 and result.out.decode() == f"Ingenting er slettet ennå på {DEPT}.\n"
    json_out = tettpa(monkeypatch, "--data-dir", str(demo), "retention", "log", DEPT, "--json")
    assert json_out.out.decode().strip() == "[]"


def test_demo_help_says_where_the_demo_lives_and_it_never_opens_on_real_data(
        data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo has its own folder and ignores TETTPA_DATA_DIR; its help says so, and a
    --data-dir holding real data is refused in one line, nothing changed."""
    helped = tettpa(monkeypatch, "demo", "--help")
    text = " ".join(helped.out.decode("utf-8").split())
    assert "TETTPA_DATA_DIR brukes ikke" in text and "brukerens datamappe, eller TETTPA_DATA_DIR" not in text
    made = tettpa(monkeypatch, "--data-dir", str(data_dir), "department", "create", "Eple barnehage/Grønn",
                  "--age-group", "toddler", "--staff", "Kari=leader")
    assert made.code == 0, made.err
    before = {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}
    refused = tettpa(monkeypatch, "demo", "--data-dir", str(data_dir), "--create-only")
    assert refused.code != 0 and len(refused.err_lines) == 1 and "ekte data" in refused.err_lines[0]
    assert {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()} == before
    empty = tmp_path / "tom"
    assert tettpa(monkeypatch, "demo", "--data-dir", str(empty), "--create-only").code == 0  # an empty one: fine
    assert tettpa(monkeypatch, "demo", "--data-dir", str(empty), "--create-only").code == 0  # the demo's: fine
