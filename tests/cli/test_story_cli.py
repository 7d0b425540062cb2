"""tettpa story add / list / check, as a user or a script would run them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_cli import assert_one_line_error, run

GOOD = ("Jeg satt på gulvet med jenta i garderoben. Hun gråt fordi votten var borte. Jeg sa at "
        "vi kunne lete sammen, og hun tok hånden min. Vi fant votten under benken, og hun lo. "
        "Jeg tenkte etterpå på hvor lite som skulle til for at hun kjente seg sett og trygg.")


@pytest.fixture
def made(data_dir: Path) -> Path:
    proc = run("department", "create", "Solsikken/Blåklokka", "--age-group", "toddler",
               "--staff", "Ingrid Solberg=leader", "--staff", "Per Hansen=assistant", data=data_dir)
    assert proc.returncode == 0, proc.stderr
    return data_dir


def stories(data: Path, *extra: str) -> list[dict]:
    proc = run("story", "list", "Solsikken/Blåklokka", "--json", *extra, data=data)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_add_from_stdin_prints_id_and_is_listed(made: Path) -> None:
    proc = run("story", "add", "Solsikken/Blåklokka", "--author", "per hansen", "--file", "-",
               data=made, stdin=GOOD)
    assert proc.returncode == 0 and proc.stderr == ""
    story_id = proc.stdout.strip()
    (story,) = stories(made)
    assert story["id"] == story_id
    assert story["author"] == "Per Hansen"
    assert story["month"] == "2026-12"  # the next meeting (1 December)
    assert story["dimension"] == "behavior-guidance"  # that meeting's dimension
    assert story["text"] == GOOD
    assert story["status"] == "submitted"
    assert story["submitted_at"].startswith("2026-11-30")


def test_add_from_file_with_dimension_and_month(made: Path, tmp_path: Path) -> None:
    f = tmp_path / "story.txt"
    f.write_text("\ufeff" + GOOD, encoding="utf-8")
    proc = run("story", "add", "Solsikken/Blåklokka", "--author", "Ingrid Solberg", "--file", str(f),
               "--dimension", "language-modeling", "--month", "2027-01", data=made)
    assert proc.returncode == 0, proc.stderr
    (story,) = stories(made, "--month", "2027-01")
    assert (story["dimension"], story["month"], story["text"]) == ("language-modeling", "2027-01", GOOD)
    assert stories(made, "--month", "2026-12") == []
    assert len(stories(made, "--author", "ingrid solberg")) == 1
    assert stories(made, "--author", "Per Hansen") == []


def test_privacy_warnings_go_to_stderr_and_the_story_is_saved(made: Path) -> None:
    text = GOOD + " Etterpå kom Sofie og ville være med."
    proc = run("story", "add", "Solsikken/Blåklokka", "--author", "Per Hansen", "--file", "-",
               data=made, stdin=text)
    assert proc.returncode == 0
    assert "«Sofie»" in proc.stderr and proc.stdout.strip()
    assert len(stories(made)) == 1


def test_strict_refuses_and_saves_nothing(made: Path) -> None:
    text = GOOD + " Etterpå kom Sofie og ville være med."
    proc = run("story", "add", "Solsikken/Blåklokka", "--author", "Per Hansen", "--file", "-", "--strict",
               data=made, stdin=text)
    assert proc.returncode == 1
    assert "--strict" in proc.stderr.strip().splitlines()[-1]
    assert stories(made) == []
    ok = run("story", "add", "Solsikken/Blåklokka", "--author", "Per Hansen", "--file", "-", "--strict",
             data=made, stdin=GOOD)
    assert ok.returncode == 0


def test_check_reports_kinds_text_and_positions_without_saving(made: Path) -> None:
    text = "Sofie (4 år) ringte 912 34 567."
    proc = run("story", "check", "Solsikken/Blåklokka", "--file", "-", "--json", data=made, stdin=text)
    assert proc.returncode == 0
    out = json.loads(proc.stdout)
    got = {(w["kind"], w["text"], w["start"], w["end"]) for w in out["warnings"]}
    assert ("name", "Sofie", 0, 5) in got
    assert ("age", "Sofie (4 år)", 0, 12) in got  # never cut inside the bracket
    assert ("contact", "912 34 567", 20, 30) in got
    assert {w["kind"] for w in out["warnings"]} >= {"first-person", "length"}
    assert out["words"] == 7
    human = run("story", "check", "Solsikken/Blåklokka", "--file", "-", data=made, stdin=GOOD)
    assert "Ingen merknader" in human.stdout
    assert stories(made) == []


@pytest.mark.parametrize(
    "args, stdin, words",
    [
        (("--author", "Kari Ukjent"), GOOD, "ikke blant de ansatte"),
        (("--author", "Per Hansen", "--dimension", "kindness"), GOOD, "Ukjent dimensjon"),
        (("--author", "Per Hansen", "--month", "2026-1"), GOOD, "ÅÅÅÅ-MM"),
        (("--author", "Per Hansen", "--month", "december"), GOOD, "ÅÅÅÅ-MM"),
        (("--author", "Per Hansen", "--month", "2027-07"), GOOD, "juli er ferie"),
        (("--author", "Per Hansen"), "", "tom"),
        (("--author", "Per Hansen"), "  \n\t ", "tom"),
        (("--author", "Per Hansen"), "x" * 50_001, "for lang"),
    ],
    ids=["author", "dimension", "month-short", "month-word", "july", "empty", "blank", "too-long"],
)
def test_bad_input_is_one_line_and_saves_nothing(made: Path, args, stdin: str, words: str) -> None:
    proc = run("story", "add", "Solsikken/Blåklokka", *args, "--file", "-", data=made, stdin=stdin)
    line = assert_one_line_error(proc, 1)
    assert words in line
    assert stories(made) == []


def test_file_that_is_not_utf8_or_missing(made: Path, tmp_path: Path) -> None:
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Jeg så på gutten på gulvet. Æ ø å.".encode("latin-1"))
    line = assert_one_line_error(run("story", "add", "Solsikken/Blåklokka", "--author", "Per Hansen",
                                     "--file", str(latin), data=made), 1)
    assert "UTF-8" in line
    line = assert_one_line_error(run("story", "add", "Solsikken/Blåklokka", "--author", "Per Hansen",
                                     "--file", str(tmp_path / "missing.txt"), data=made), 1)
    assert "Finner ikke filen" in line
    assert stories(made) == []


def test_hostile_text_is_stored_exactly(made: Path) -> None:
    text = "Jeg sa [bold]hei[/] og [@click=app.quit]x[/] \x1b[31mrødt\x1b[0m 🌼 שלום\tslutt\r\n" + "a" * 5000
    proc = run("story", "add", "Solsikken/Blåklokka", "--author", "Per Hansen", "--file", "-",
               data=made, stdin=text)
    assert proc.returncode == 0, proc.stderr
    assert stories(made)[0]["text"] == text.replace("\r\n", "\n")  # exact, but for a line break: LF


WRITER = """
import sys
from tettpa_tui.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_eight_processes_hand_in_at_the_same_time(made: Path) -> None:
    names = [f"Ansatt {i}" for i in range(8)]
    for name in names:
        assert run("staff", "add", "Solsikken/Blåklokka", name, "--role", "assistant", data=made).returncode == 0
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, "story", "add", "Solsikken/Blåklokka", "--author", name,
             "--file", "-", "--data-dir", str(made)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**__import__("os").environ, "TETTPA_TODAY": "2026-11-30"},
        )
        for name in names
    ]
    outs = [p.communicate(GOOD + f" ({i})", timeout=120) for i, p in enumerate(procs)]
    assert [p.returncode for p in procs] == [0] * 8, outs
    got = stories(made)
    assert sorted(s["author"] for s in got) == sorted(names)
    assert sorted(s["id"] for s in got) == sorted(o[0].strip() for o in outs)


def test_story_list_names_the_dimension_as_the_departments_instrument_does(made: Path) -> None:
    proc = run("story", "add", "Solsikken/Blåklokka", "--author", "Per Hansen", "--file", "-",
               "--dimension", "behavior-guidance", data=made, stdin=GOOD)
    assert proc.returncode == 0, proc.stderr
    proc = run("story", "list", "Solsikken/Blåklokka", "--lang", "en", data=made)
    assert "Behavior Guidance" in proc.stdout and "Behavior Management" not in proc.stdout


def test_line_breaks_in_a_file_are_line_breaks(made: Path, tmp_path: Path) -> None:
    story = tmp_path / "fra-word.txt"
    story.write_bytes(("Første avsnitt.\r\nAndre avsnitt.\rTredje.\r\n\r\n" + GOOD).encode())
    proc = run("story", "add", "Solsikken/Blåklokka", "--author", "Per Hansen", "--file", str(story), data=made)
    assert proc.returncode == 0, proc.stderr
    assert stories(made)[0]["text"] == "Første avsnitt.\nAndre avsnitt.\nTredje.\n\n" + GOOD
