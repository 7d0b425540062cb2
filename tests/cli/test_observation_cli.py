"""tettpa observation add / list, and every kind of bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import assert_one_line_error, run

GOOD = """
[[cycle]]
positive-climate = 5
negative-climate = 2
teacher-sensitivity = 4
regard-for-child-perspectives = 4
behavior-guidance = 5
learning-formats = 3
quality-of-feedback = 2
language-modeling = 3

[[cycle]]
positive-climate = 6
negative-climate = 1
teacher-sensitivity = 5
regard-for-child-perspectives = 3
behavior-guidance = 4
learning-formats = 3
quality-of-feedback = 3
language-modeling = 2
"""


@pytest.fixture
def made(data_dir: Path) -> Path:
    assert run("department", "create", "A/Småbarn", "--age-group", "toddler", "--staff", "Kari=leader",
               data=data_dir).returncode == 0
    return data_dir


def write(tmp_path: Path, text: str, name: str = "scores.toml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_add_and_list_with_computed_means(made: Path, tmp_path: Path) -> None:
    proc = run("observation", "add", "A/Småbarn", "--date", "2026-10-14", "--observer", "Olsen",
               "--file", write(tmp_path, GOOD), data=made)
    assert proc.returncode == 0, proc.stderr
    (obs,) = json.loads(run("observation", "list", "A/Småbarn", "--json", data=made).stdout)
    assert obs["id"] == proc.stdout.strip()
    assert (obs["date"], obs["instrument"], len(obs["cycles"])) == ("2026-10-14", "toddler", 2)
    assert obs["dimensions"]["negative-climate"] == 1.5
    assert obs["domains"] == {"emotional-behavioral-support": 4.9, "engaged-support-for-learning": 2.67}
    assert "Emosjonell og atferdsmessig støtte: 4,90" in run("observation", "list", "A/Småbarn", data=made).stdout


@pytest.mark.parametrize(
    "args, text, words",
    [
        (("--date", "2026-02-30"), GOOD, "finnes ikke"),
        (("--observer", "  "), GOOD, "observatøren"),
        ((), GOOD.replace("= 5", "= 8", 1), "1 til 7"),
        ((), GOOD.replace("= 5", "= 4.5", 1), "1 til 7"),
        ((), GOOD.replace('language-modeling = 2\n', ""), "Syklus 2 mangler"),
        ((), GOOD.replace("positive-climate", "kindness", 1), "ikke en dimensjon"),
        ((), GOOD.replace("positive-climate", "productivity", 1), "ikke en dimensjon"),
        ((), "[[cycle]\nx = ", "skårfil"),
        ((), "title = 'ingen sykluser'", "skårfil"),
        (("--instrument", "infant"), GOOD, "ugyldig valg"),
    ],
    ids=["date", "observer", "eight", "half", "missing", "unknown", "not-toddler", "not-toml", "no-cycles",
         "instrument"],
)
def test_bad_input(made: Path, tmp_path: Path, args, text, words) -> None:
    base = {"--date": "2026-10-14", "--observer": "Olsen"}
    extra = list(args)
    for key in ("--date", "--observer"):
        if key not in extra:
            extra += [key, base[key]]
    proc = run("observation", "add", "A/Småbarn", *extra, "--file", write(tmp_path, text), data=made)
    line = assert_one_line_error(proc, 2 if "--instrument" in args else 1)
    assert words in line
    assert json.loads(run("observation", "list", "A/Småbarn", "--json", data=made).stdout) == []


def test_missing_or_binary_file(made: Path, tmp_path: Path) -> None:
    line = assert_one_line_error(run("observation", "add", "A/Småbarn", "--date", "2026-10-14", "--observer", "O",
                                     "--file", str(tmp_path / "nope.toml"), data=made), 1)
    assert "Finner ikke" in line
    binary = tmp_path / "b.toml"
    binary.write_bytes(b"\xff\xfe")
    line = assert_one_line_error(run("observation", "add", "A/Småbarn", "--date", "2026-10-14", "--observer", "O",
                                     "--file", str(binary), data=made), 1)
    assert "UTF-8" in line
