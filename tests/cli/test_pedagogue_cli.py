"""`tettpa plan` on the pedagogue meeting: planned before the department meetings, showing
the departments' dimensions; a date set on or after them is saved and said, a dimension refused."""

from __future__ import annotations

import json

from tests.cli.test_cli import assert_one_line_error, run
from tests.conftest import TODAY
from tettpa_tui.services.demo import create_demo
from tettpa_tui.store import Store
from tettpa_tui.workspace import Workspace

PED = "Solsikken barnehage/Pedagogmøte"


def demo(tmp_path) -> Store:
    store = Store(tmp_path)
    create_demo(store, TODAY)
    Workspace(store).pedagogue_department("Solsikken barnehage", "Pedagogmøte", TODAY)
    return store


def test_plan_show_plans_it_a_week_before_the_departments_with_their_dimensions(tmp_path) -> None:
    demo(tmp_path)
    proc = run("plan", "show", PED, data=tmp_path)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    # October's department meetings are on Tuesday the 6th: the pedagogue meeting the Tuesday before.
    assert any(line.startswith("  2026-10  2026-09-29") and "Ta barnets perspektiv" in line for line in lines)
    # January's would be a week before the 5th, Tuesday 29 December: Christmas week, so the 15th.
    jan = next(line for line in lines if line.startswith("  2027-01"))
    assert "2026-12-15" in jan and "(Blåklokka)" in jan and "Produktivitet (Humla, Tyttebæret)" in jan
    assert "en uke før månedens første avdelingsmøte" in proc.stdout
    data = json.loads(run("plan", "show", PED, "--json", data=tmp_path).stdout)
    (month,) = [m for m in data["months"] if m["month"] == "2027-01"]
    assert month["departments_meet"] == "2027-01-05" and month["meeting_date"] == "2026-12-15"
    assert {d["dimension"] for d in month["dimensions"]} == {"learning-formats", "productivity"}


def test_plan_set_says_when_its_date_is_not_before_the_departments_and_refuses_a_dimension(tmp_path) -> None:
    store = demo(tmp_path)
    proc = run("plan", "set", PED, "2027-01", "--date", "2027-01-05", data=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "2027-01-05" in proc.stdout
    assert proc.stderr.strip() == ("Merk: 2027-01-05 er ikke før avdelingsmøtene (det første er 2027-01-05), "
                                   "som ledermøtet forbereder.")  # the demo: year 3, the director leads
    proc = run("plan", "set", PED, "2027-01", "--date", "2026-12-30", data=tmp_path)  # the month before: fine
    assert proc.returncode == 0 and proc.stderr == ""
    ped = store.department(PED)
    from tettpa_tui.domain.calendar import KindergartenYear, YearMonth
    plan = Workspace(store).wheel(ped, KindergartenYear(2026)).month(YearMonth(2027, 1))
    assert plan.meeting_date.isoformat() == "2026-12-30" and plan.date_set_by_hand
    # Its dimensions are the departments': nothing to set, nothing changed.
    err = assert_one_line_error(run("plan", "set", PED, "2027-02", "--dimension", "language-modeling",
                                    data=tmp_path), 1)
    assert "ikke eget årshjul" in err
    err = assert_one_line_error(run("plan", "set", PED, "2027-02", "--date", "2026-12-20", data=tmp_path), 1)
    assert "eller måneden før" in err
    proc = run("--lang", "en", "plan", "set", PED, "2027-03", "--date", "2027-03-02", data=tmp_path)
    assert proc.returncode == 0 and proc.stderr.startswith("Note: 2027-03-02 is not before the department meetings")


def test_a_leaders_story_is_named_in_her_own_departments_words(tmp_path) -> None:
    """Ingrid leads Blåklokka (Toddler): her story in the pedagogue meeting is about Blåklokka's
    January dimension and is named as the Toddler instrument names it, not as Pre-K does."""
    from datetime import datetime

    store = demo(tmp_path)
    ws = Workspace(store)
    ped = store.department(PED)
    ingrid = ped.find_member("Ingrid Solberg")
    story = ws.start_story(ped, ingrid, datetime(2026, 12, 1, 9, 0), text="Jeg satt med barna ved bordet.")
    assert str(story.month) == "2027-01" and story.dimension_id == "learning-formats"
    proc = run("--lang", "en", "story", "list", PED, data=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "Facilitation of Learning and Development" in proc.stdout
    assert "Instructional Learning Formats" not in proc.stdout
