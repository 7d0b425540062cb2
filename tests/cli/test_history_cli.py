"""Minutes and search from the command line: complete, and never interpreting user text."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from tests.cli.test_cli import assert_one_line_error, run
from tests.conftest import TODAY
from tettpa_tui.services.demo import create_demo
from tettpa_tui.domain import meeting as mt
from tettpa_tui.domain.calendar import YearMonth
from tettpa_tui.domain.meeting import Outcome
from tettpa_tui.store import Store
from tettpa_tui.workspace import Workspace

PATH = "Solsikken barnehage/Blåklokka"
HOSTILE_STORY = ("Jeg skrev <script>alert('x')</script> og [@click=app.quit]klikk[/] og "
                 "[lenke](javascript:alert(1)) og # ikke overskrift og **ikke fet**.")
HOSTILE_NOTE = "<img src=x onerror=alert(1)> [@click=app.quit]x[/] *stjerne*"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """The demo, plus a meeting in December with hostile text in its story and a note."""
    root = tmp_path / "data"
    store = Store(root)
    create_demo(store, TODAY)
    ws = Workspace(store)
    dept = store.department(PATH)
    per = dept.find_member("Per Kristiansen")
    at = datetime(2026, 12, 1, 13, 0)
    story = ws.hand_in_new(dept, per, at, HOSTILE_STORY, YearMonth(2026, 12))
    leader = dept.find_member("Ingrid Solberg")
    state = ws.start_meeting(dept, at.date(), "behavior-guidance", leader, list(dept.active_staff), [], at)
    state = ws.take_up_stories(dept, state, [story], at)
    state = ws.act(dept, state, mt.advance(state, ws.method, at))
    state = ws.act(dept, state, mt.record_turn(state, state.next_speaker, Outcome.SPOKE, at, note=HOSTILE_NOTE))
    return root


def test_every_turn_of_a_meeting_is_in_its_minutes(data: Path) -> None:
    (first, _) = json.loads(run("meeting", "list", PATH, "--json", data=data).stdout)
    record = json.loads(run("meeting", "show", PATH, first["id"], "--json", data=data).stdout)
    md = run("meeting", "export", PATH, first["id"], "--format", "md", data=data).stdout
    assert "Negativt klima" in md and "Ingrid Solberg" in md
    for turn in record["turns"]:
        if turn["note"]:
            assert turn["note"] in md  # a plain sentence is written as it is
    for goal in record["goals"]:
        assert goal["goal"] in md
    assert "Det var garderobetid" not in md  # story texts only when asked for
    with_stories = run("meeting", "export", PATH, first["id"], "--with-stories", data=data).stdout
    assert "Det var garderobetid" in with_stories


def test_hostile_text_stays_text_in_markdown_and_html(data: Path, tmp_path: Path) -> None:
    md = run("meeting", "export", PATH, "latest", "--with-stories", data=data).stdout
    assert "\\<script>" in md and "\\[@click=app.quit\\]klikk\\[/\\]" in md
    assert "og # ikke overskrift og \\*\\*ikke fet\\*\\*." in md
    out = tmp_path / "referat.html"
    proc = run("meeting", "export", PATH, "latest", "--format", "html", "--with-stories", "-o", str(out),
               data=data)
    assert proc.returncode == 0 and str(out) in proc.stderr
    page = out.read_text(encoding="utf-8")
    assert "<script>" not in page and "<img" not in page and "href=" not in page
    assert "&lt;script&gt;alert" in page and "[@click=app.quit]klikk[/]" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<strong>ikke fet</strong>" not in page and "<h1>ikke overskrift" not in page
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page  # self-contained
    plain = run("meeting", "export", PATH, "latest", "--format", "html", data=data).stdout
    assert "alert('x')" not in plain  # without the flag the story text is not there at all


def test_search_finds_stories_notes_and_goals_and_nothing_else(data: Path) -> None:
    def hits(text: str) -> list[dict]:
        proc = run("search", PATH, text, "--json", data=data)
        assert proc.returncode == 0, proc.stderr
        return json.loads(proc.stdout)

    assert {h["kind"] for h in hits("garderob")} >= {"story", "note", "goal"}
    goal = [h for h in hits("tre sekunder") if h["kind"] == "goal"]
    assert goal and goal[0]["person"] == "Ingrid Solberg"
    note = hits("onerror")
    assert [h["kind"] for h in note] == ["note"] and note[0]["text"] == HOSTILE_NOTE
    assert hits("GARDEROBEN") == hits("garderoben")  # case does not matter
    assert hits("Solsikken") == []  # names of places and people are not searched as text
    assert hits("samlingsstunden") == []  # a draft is private until handed in
    assert hits("Veiledning og reguleringsstøtte") == []  # content is not user text
    line = assert_one_line_error(run("search", PATH, "  ", data=data), 2)
    assert "søke" in line


def test_export_of_a_department_without_meetings(tmp_path: Path) -> None:
    data = tmp_path / "d"
    run("department", "create", "A/B", "--age-group", "mixed", "--staff", "Kari=leader", data=data)
    line = assert_one_line_error(run("meeting", "export", "A/B", "latest", data=data), 1)
    assert "ingen møter" in line
