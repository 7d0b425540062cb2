"""tettpa certification add / list, and observations' observer, external flag and oral feedback."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli import assert_one_line_error, run
from tests.cli.test_observation_cli import GOOD, made, write  # noqa: F401  (the fixture)


def test_add_and_list_a_certification_with_its_due_day(made: Path) -> None:  # noqa: F811
    proc = run("certification", "add", "A", "--person", "kari", "--instrument", "toddler", "--date", "2025-12-15",
               data=made)
    assert proc.returncode == 0, proc.stderr
    assert "Kari er sertifisert i CLASS Toddler. Resertifisering innen 15.12.2026." in proc.stdout
    listed = run("certification", "list", "A", data=made)
    assert "⚠ resertifisering snart: innen 15.12.2026" in listed.stdout  # today is 30.11.2026
    data = json.loads(run("certification", "list", "A", "--json", data=made).stdout)
    assert data == [{"name": "Kari", "staff_id": data[0]["staff_id"], "instrument": "toddler",
                     "certified": "2025-12-15", "due": "2026-12-15", "status": "due_soon"}]
    en = run("--lang", "en", "certification", "list", "A", data=made)
    assert "⚠ recertification soon: by 15.12.2026" in en.stdout


def test_a_person_not_on_the_staff_gets_one_line(made: Path) -> None:  # noqa: F811
    line = assert_one_line_error(run("certification", "add", "A", "--person", "Nobody", "--instrument", "pre-k",
                                     "--date", "2026-01-01", data=made), 1)
    assert "«Nobody»" in line
    assert json.loads(run("certification", "list", "A", "--json", data=made).stdout) == []


def test_an_observer_from_the_kindergarten_must_be_certified_or_external(made: Path, tmp_path: Path) -> None:  # noqa: F811
    scores = write(tmp_path, GOOD)
    assert run("certification", "add", "A", "--person", "Kari", "--instrument", "toddler", "--date", "2026-01-10",
               data=made).returncode == 0
    line = assert_one_line_error(run("observation", "add", "A/Småbarn", "--date", "2026-10-14", "--observer", "Olsen",
                                     "--file", scores, data=made), 1)
    assert "--external" in line
    assert run("observation", "add", "A/Småbarn", "--date", "2026-10-14", "--observer", "Kari",
               "--file", scores, data=made).returncode == 0
    proc = run("observation", "add", "A/Småbarn", "--date", "2026-10-20", "--observer", "Olsen", "--external",
               "--oral-feedback", "2026-10-27", "--file", scores, data=made)
    assert proc.returncode == 0, proc.stderr
    listed = json.loads(run("observation", "list", "A/Småbarn", "--json", data=made).stdout)
    assert [(o["observer"], o["external"], o["oral_feedback"]) for o in listed] == [
        ("Kari", False, None), ("Olsen", True, "2026-10-27")]
    # The oral feedback given later, recorded on the first one; not before the observation.
    first = listed[0]["id"]
    assert run("observation", "feedback", "A/Småbarn", first, "--oral", "2026-10-16", data=made).returncode == 0
    line = assert_one_line_error(run("observation", "feedback", "A/Småbarn", first, "--oral", "2026-10-01",
                                     data=made), 1)
    assert "før observasjonen" in line
    text = run("observation", "list", "A/Småbarn", data=made).stdout
    assert "Kari (fra barnehagen)" in text and "Olsen (ekstern)" in text
    assert "Muntlig tilbakemelding til hele avdelingen: 2026-10-16" in text


def test_mikroprosjekt_add_list_close_and_the_overview_counts_them(made: Path) -> None:  # noqa: F811
    proc = run("microproject", "add", "A/Småbarn", "--leader", "Kari", "--title", "Tid før svar",
               "--goal", "Vente tre sekunder", "--review", "2027-02-01", data=made)
    assert proc.returncode == 0, proc.stderr
    pid = proc.stdout.strip()
    assert "Tid før svar  ·  Kari  ·  gjennomgang 01.02.2027  ·  pågår" in run(
        "microproject", "list", "A/Småbarn", data=made).stdout
    overview = json.loads(run("overview", "A", "--json", data=made).stdout)
    assert overview["microprojects"] == {"open": 1, "closed": 0}
    assert run("microproject", "close", "A/Småbarn", pid, "--status", "done", "--note", "Det virket",
               data=made).returncode == 0
    assert "Mikroprosjekter: 0 pågår, 1 avsluttet." in run("overview", "A", data=made).stdout
    line = assert_one_line_error(run("microproject", "add", "A/Småbarn", "--leader", "Nobody", "--title", "T",
                                     "--goal", "G", "--review", "2027-02-01", data=made), 1)
    assert "«Nobody»" in line


def test_the_overview_prints_stories_per_meeting_with_a_decimal_comma(made: Path) -> None:  # noqa: F811
    text = run("overview", "A", data=made).stdout
    assert "fortellinger/møte  0,0" in text and "0.0" not in text
    assert "0.0" in run("--lang", "en", "overview", "A", data=made).stdout


def test_an_assistant_is_not_offered_for_certification(data_dir: Path) -> None:
    assert run("department", "create", "B/Små", "--age-group", "toddler", "--staff", "Kari=leader",
               "--staff", "Per=assistant", data=data_dir).returncode == 0
    line = assert_one_line_error(run("certification", "add", "B", "--person", "Per", "--instrument", "toddler",
                                     "--date", "2026-01-01", data=data_dir), 1)
    assert "pedagog eller styrer" in line
