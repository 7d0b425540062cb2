"""The CLI, run as a user would: a subprocess, exit codes, stdout, stderr."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import TODAY


def run(*args: str, data: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "tettpa_tui", *args]
    if data is not None:
        cmd += ["--data-dir", str(data)]
    env = {**os.environ, "TETTPA_TODAY": TODAY.isoformat()}
    return subprocess.run(cmd, capture_output=True, text=True, input=stdin, env=env, timeout=60)


def assert_one_line_error(proc: subprocess.CompletedProcess, code: int) -> str:
    assert proc.returncode == code, proc
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    return lines[0]


@pytest.fixture
def made(data_dir: Path) -> Path:
    proc = run("department", "create", "Solsikken/Blåklokka", "--age-group", "toddler",
               "--staff", "Ingrid Solberg=leader", "--staff", "Per Hansen=assistant", "--pool", "4",
               data=data_dir)
    assert proc.returncode == 0, proc.stderr
    assert "Solsikken/Blåklokka" in proc.stdout
    return data_dir


def test_department_create_and_list(made: Path) -> None:
    proc = run("department", "list", "--json", data=made)
    assert proc.returncode == 0
    (dept,) = json.loads(proc.stdout)
    assert dept["path"] == "Solsikken/Blåklokka"
    assert dept["age_group"] == "toddler"
    assert [(s["name"], s["role"]) for s in dept["staff"]] == [
        ("Ingrid Solberg", "leader"), ("Per Hansen", "assistant"),
    ]
    assert dept["next_meeting"] == {"date": "2026-12-01", "dimension": "behavior-guidance"}
    human = run("department", "list", data=made)
    assert "Solsikken/Blåklokka" in human.stdout and "Småbarn" in human.stdout


def test_empty_list_says_how_to_start(data_dir: Path) -> None:
    proc = run("department", "list", data=data_dir)
    assert proc.returncode == 0 and "tettpa department create" in proc.stdout
    assert run("department", "list", "--json", data=data_dir).stdout.strip() == "[]"


def test_staff_add(made: Path) -> None:
    proc = run("staff", "add", "Solsikken/Blåklokka", "Amina Yusuf", "--role", "skilled", data=made)
    assert proc.returncode == 0 and "Amina Yusuf" in proc.stdout
    names = [s["name"] for s in json.loads(run("department", "list", "--json", data=made).stdout)[0]["staff"]]
    assert "Amina Yusuf" in names


def test_dimensions(data_dir: Path) -> None:
    proc = run("dimensions", "--json", data=data_dir)
    dims = json.loads(proc.stdout)
    assert len(dims) == 10
    assert dims[0] == {"id": "positive-climate", "domain": "emotional-support",
                       "name_nb": "Positivt klima", "name_en": "Positive Climate"}
    assert "Språkstøtte" in run("dimensions").stdout


def test_plan_show_and_set(made: Path) -> None:
    proc = run("plan", "show", "Solsikken/Blåklokka", "--year", "2026/27", "--json", data=made)
    plan = json.loads(proc.stdout)
    assert plan["year"] == "2026/27"
    assert [m["month"] for m in plan["months"]][0] == "2026-08"
    assert len(plan["months"]) == 11
    assert plan["months"][4] == {"month": "2026-12", "dimension": "behavior-guidance",
                                 "meeting_date": "2026-12-01", "date_set_by_hand": False,
                                 "outside_instrument": False}
    proc = run("plan", "set", "Solsikken/Blåklokka", "2026-12", "--dimension", "language-modeling",
               "--date", "2026-12-09", data=made)
    assert proc.returncode == 0, proc.stderr
    plan = json.loads(run("plan", "show", "Solsikken/Blåklokka", "--json", data=made).stdout)
    assert plan["months"][4] == {"month": "2026-12", "dimension": "language-modeling",
                                 "meeting_date": "2026-12-09", "date_set_by_hand": True,
                                 "outside_instrument": False}
    assert "Språkstøtte" in run("plan", "show", "Solsikken/Blåklokka", data=made).stdout


def test_a_mixed_department_chooses_its_instrument_and_plan_show_flags_months_outside_it(data_dir: Path) -> None:
    made = run("department", "create", "Sol/Mix", "--age-group", "mixed", "--staff", "Kari=leader",
               "--instrument", "pre-k", data=data_dir)
    assert made.returncode == 0, made.stderr
    # Pre-K: productivity may be planned; then the department chooses Toddler.
    assert run("plan", "set", "Sol/Mix", "2027-01", "--dimension", "productivity", data=data_dir).returncode == 0
    proc = run("department", "instrument", "Sol/Mix", "toddler", data=data_dir)
    assert proc.returncode == 0 and "Toddler" in proc.stdout
    plan = json.loads(run("plan", "show", "Sol/Mix", "--year", "2026/27", "--json", data=data_dir).stdout)
    assert plan["instrument"] == "toddler"
    jan = next(m for m in plan["months"] if m["month"] == "2027-01")
    assert jan["dimension"] == "productivity" and jan["outside_instrument"]  # kept, and flagged
    assert [m["month"] for m in plan["months"] if m["outside_instrument"]] == ["2027-01"]
    assert {m["dimension"] for m in plan["months"]} - {"productivity"} <= {
        "positive-climate", "negative-climate", "teacher-sensitivity", "regard-for-child-perspectives",
        "behavior-guidance", "learning-formats", "quality-of-feedback", "language-modeling"}
    text = run("plan", "show", "Sol/Mix", "--year", "2026/27", data=data_dir).stdout
    assert "Produktivitet  ⚠" in text and "Toddler" in text
    # A new month cannot be given a dimension outside the instrument.
    proc = run("plan", "set", "Sol/Mix", "2027-02", "--dimension", "concept-development", data=data_dir)
    assert "concept-development" in assert_one_line_error(proc, 1)
    listed = json.loads(run("department", "list", "--json", data=data_dir).stdout)
    assert listed[0]["instrument"] == "toddler"
    # Only a mixed department chooses.
    run("department", "create", "Sol/Små", "--age-group", "toddler", "--staff", "Per=leader", data=data_dir)
    proc = run("department", "instrument", "Sol/Små", "pre-k", data=data_dir)
    assert "aldersblandet" in assert_one_line_error(proc, 1)


def test_dimensions_of_one_instrument_with_its_own_english_names(data_dir: Path) -> None:
    dims = json.loads(run("dimensions", "--instrument", "toddler", "--json", data=data_dir).stdout)
    assert len(dims) == 8 and "productivity" not in {d["id"] for d in dims}
    assert {d["name_en"] for d in dims} >= {"Behavior Guidance", "Facilitation of Learning and Development"}
    pre_k = {d["id"]: d["name_en"] for d in json.loads(run("dimensions", "--json", data=data_dir).stdout)}
    assert pre_k["behavior-guidance"] == "Behavior Management"
    assert pre_k["learning-formats"] == "Instructional Learning Formats"


@pytest.mark.parametrize(
    "args, code, words",
    [
        (("staff", "add", "Solsikken/Humla", "X", "--role", "assistant"), 1, "Finner ingen avdeling"),
        (("staff", "add", "Solsikken", "X", "--role", "assistant"), 1, "BARNEHAGE/AVDELING"),
        (("staff", "add", "Solsikken/Blåklokka", "X", "--role", "boss"), 2, "ugyldig valg"),
        (("staff", "add", "Solsikken/Blåklokka", "per hansen", "--role", "teacher"), 1, "finnes allerede"),
        (("staff", "add", "Solsikken/Blåklokka", "  ", "--role", "teacher"), 1, "Skriv inn"),
        (("department", "create", "Solsikken/Blåklokka", "--age-group", "toddler", "--staff", "Kari=leader"), 1,
         "finnes allerede"),
        (("department", "create", "Ny/Avd", "--age-group", "babies"), 2, "ugyldig valg"),
        (("department", "create", "Ny/Avd", "--age-group", "mixed", "--staff", "Kari"), 2, "NAVN=ROLLE"),
        (("department", "create", "Ny/Avd", "--age-group", "mixed", "--staff", "Kari=boss"), 1, "Ukjent rolle"),
        (("department", "create", "Ny/Avd"), 2, "mangler"),
        (("plan", "show", "Solsikken/Blåklokka", "--year", "2026"), 1, "ÅÅÅÅ/ÅÅ"),
        (("plan", "set", "Solsikken/Blåklokka", "2026-13", "--dimension", "productivity"), 1, "ÅÅÅÅ-MM"),
        (("plan", "set", "Solsikken/Blåklokka", "2026-12", "--date", "2026-12-32"), 1, "finnes ikke"),
        (("plan", "set", "Solsikken/Blåklokka", "2026-12", "--date", "2027-01-05"), 1, "samme måned"),
        (("plan", "set", "Solsikken/Blåklokka", "2027-07", "--dimension", "productivity"), 1, "juli er ferie"),
        (("plan", "set", "Solsikken/Blåklokka", "2026-12", "--dimension", "kindness"), 1, "Ukjent dimensjon"),
        (("plan", "set", "Solsikken/Blåklokka", "2026-12"), 2, "--dimension"),
        (("frobnicate",), 2, "ugyldig valg"),
        (("department",), 2, "mangler"),
        (("dimensions", "--bogus"), 2, "ukjent argument"),
    ],
)
def test_bad_input_one_line_and_nothing_changed(made: Path, args: tuple[str, ...], code: int, words: str) -> None:
    before = {p: p.read_bytes() for p in made.rglob("*.json")}
    line = assert_one_line_error(run(*args, data=made), code)
    assert words in line
    assert {p: p.read_bytes() for p in made.rglob("*.json")} == before


def test_check_names_each_bad_file(made: Path) -> None:
    ok = run("check", data=made)
    assert ok.returncode == 0 and "kan leses" in ok.stdout
    bad = made / "solsikken" / "blaklokka" / "department.json"
    bad.write_text('{"truncated": ')
    proc = run("check", data=made)
    assert proc.returncode == 1
    assert str(bad) in proc.stderr and "Traceback" not in proc.stderr
    assert bad.read_text() == '{"truncated": '
    line = assert_one_line_error(run("department", "list", data=made), 1)
    assert str(bad) in line and "ikke endret" in line


def test_future_version_file_is_named(made: Path) -> None:
    bad = made / "solsikken" / "blaklokka" / "department.json"
    data = json.loads(bad.read_text())
    data["_meta"]["1"]["schema"] = 99
    bad.write_text(json.dumps(data))
    line = assert_one_line_error(run("staff", "add", "Solsikken/Blåklokka", "X", "--role", "assistant", data=made), 1)
    assert "nyere versjon" in line


def test_data_dir_from_environment(tmp_path: Path) -> None:
    env = {**os.environ, "TETTPA_DATA_DIR": str(tmp_path / "env-data")}
    subprocess.run([sys.executable, "-m", "tettpa_tui", "department", "create", "A/B", "--age-group", "mixed",
                    "--staff", "Kari=leader"],
                   env=env, check=True, capture_output=True)
    assert (tmp_path / "env-data" / "a" / "b" / "department.json").exists()


def test_demo_create_only(tmp_path: Path) -> None:
    target = tmp_path / "demo"
    proc = run("demo", "--data-dir", str(target), "--create-only")
    assert proc.returncode == 0 and str(target) in proc.stdout
    depts = json.loads(run("department", "list", "--json", data=target).stdout)
    assert len(depts) >= 3 and all(d["staff"] for d in depts)
    again = run("demo", "--data-dir", str(target), "--create-only")
    assert again.returncode == 0 and "finnes allerede" in again.stdout


def test_help_works_in_norwegian() -> None:
    proc = run("--help")
    assert proc.returncode == 0 and "tettpa" in proc.stdout
    assert proc.stdout.startswith("bruk: tettpa") and "vis denne hjelpen" in proc.stdout
    assert "positional arguments" not in proc.stdout


def test_data_dir_that_is_a_file_or_cannot_exist(tmp_path: Path) -> None:
    a_file = tmp_path / "file"
    a_file.write_text("x")
    line = assert_one_line_error(run("department", "list", data=a_file), 1)
    assert "Datamappen" in line
    line = assert_one_line_error(run("department", "create", "A/B", "--age-group", "mixed", "--staff", "K=leader",
                                     data=a_file / "sub"), 1)
    assert "Datamappen" in line
    assert a_file.read_text() == "x"


def test_version_and_help_end_cleanly(data_dir: Path) -> None:
    from tettpa_tui import __version__

    proc = run("--version", data=data_dir)
    assert (proc.returncode, proc.stdout.strip(), proc.stderr) == (0, f"tettpa {__version__}", "")
    for args in (["--help"], ["story", "--help"], ["meeting", "export", "--help"]):
        proc = run(*args, data=data_dir)
        assert proc.returncode == 0 and proc.stderr == "", args
        assert proc.stdout.startswith("bruk: tettpa"), args


def test_output_cut_short_by_a_closed_pipe_says_nothing(data_dir: Path) -> None:
    """`tettpa --help | head -1`: the reader leaves early; no 'Broken pipe' noise, no traceback."""
    cmd = [sys.executable, "-m", "tettpa_tui", "--data-dir", str(data_dir), "dimensions"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # nobody reads: every write fails with EPIPE
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0
    assert err == ""


def test_the_app_started_without_a_terminal_says_so_in_one_line(tmp_path: Path) -> None:
    """`tettpa` with its output in a file or a pipe: one line on where to start it, not
    megabytes of screens drawn into the file while nothing can reach the app."""
    r = run("demo", "--data-dir", str(tmp_path / "demo"))
    assert r.returncode == 2
    assert r.stdout == ""
    assert r.stderr.count("\n") == 1 and "terminalvindu" in r.stderr
