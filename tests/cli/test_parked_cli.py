"""Parked thoughts in `meeting show` (plain and --json) and in the exported minutes."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from tests.cli.test_cli import run
from tests.conftest import TODAY
from tettpa_tui.services.demo import create_demo
from tettpa_tui.domain import meeting as mt
from tettpa_tui.domain.calendar import YearMonth
from tettpa_tui.store import Store
from tettpa_tui.workspace import Workspace

PATH = "Solsikken barnehage/Blåklokka"
TAKEN = "Råd <script>alert(1)</script> [@click=app.quit]x[/] *stjerne*"
WAITING = "Til slutt\x1b[2J: # ikke overskrift"


@pytest.fixture
def data(tmp_path: Path) -> tuple[Path, str]:
    """A December meeting: one thought parked during the questions and taken up in the
    reflection, one parked there for the closing and never taken up."""
    root = tmp_path / "data"
    store = Store(root)
    create_demo(store, TODAY)
    ws = Workspace(store)
    dept = store.department(PATH)
    per, amina = dept.find_member("Per Kristiansen"), dept.find_member("Amina Yusuf")
    at = datetime(2026, 12, 1, 13, 0)
    story = ws.hand_in_new(dept, per, at, "Jeg satt med gutten i garderoben.", YearMonth(2026, 12))
    leader = dept.find_member("Ingrid Solberg")
    state = ws.start_meeting(dept, at.date(), "behavior-guidance", leader, list(dept.active_staff), [], at)
    state = ws.take_up_stories(dept, state, [story], at)
    state = ws.act(dept, state, mt.advance(state, ws.method, at))  # the questions
    state = ws.act(dept, state, mt.park(state, ws.method, amina.id, TAKEN, at))
    while state.phase != "reflection":
        state = ws.act(dept, state, mt.advance(state, ws.method, at, force=True))
    state = ws.act(dept, state, mt.take_up(state, state.parked[0].seq, at))
    state = ws.act(dept, state, mt.park(state, ws.method, leader.id, WAITING, at))
    return root, state.meeting.id


def test_meeting_show_lists_parked_thoughts_plain_and_json(data) -> None:
    root, meeting_id = data
    record = json.loads(run("meeting", "show", PATH, meeting_id, "--json", data=root).stdout)
    taken, waiting = record["parked"]
    assert (taken["author"], taken["text"], taken["status"]) == ("Amina Yusuf", TAKEN, "taken")
    assert (taken["parked_in"]["phase"], taken["parked_in"]["round"], taken["belongs_to"]["phase"]) == (
        "questions", 1, "reflection")
    assert taken["round"] == 1 and taken["settled_time"]
    assert (waiting["text"], waiting["status"], waiting["belongs_to"]["phase"]) == (WAITING, "open", "closing")
    plain = run("meeting", "show", PATH, meeting_id, data=root).stdout
    lines = [line for line in plain.splitlines() if "Amina Yusuf, parkert under" in line]
    assert len(lines) == 1 and TAKEN in lines[0] and lines[0].endswith("tatt opp")
    assert "Oppklarende spørsmål i fortelling 1, runde 1" in lines[0]
    assert "\x1b" not in plain and "␛[2J" in plain  # the escape is shown, never sent
    assert "ikke tatt opp" in plain


def test_minutes_show_what_became_of_each_thought_as_inert_text(data, tmp_path: Path) -> None:
    root, meeting_id = data
    md = run("meeting", "export", PATH, meeting_id, data=root).stdout
    assert "## Parkerte tanker" in md
    assert "### Refleksjon, runde 1" in md
    reflection = md.split("### Refleksjon, runde 1")[1].split("##")[0]
    assert "Amina Yusuf (parkert tanke fra Oppklarende spørsmål i fortelling 1, runde 1)" in reflection
    assert "\\<script>" in md and "\\[@click=app.quit\\]x\\[/\\]" in md and "\\*stjerne\\*" in md
    assert "ikke tatt opp" in md
    out = tmp_path / "referat.html"
    assert run("meeting", "export", PATH, meeting_id, "--format", "html", "-o", str(out), data=root).returncode == 0
    page = out.read_text(encoding="utf-8")
    assert "<script>" not in page and "<em>stjerne</em>" not in page and "<h1>ikke overskrift" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "[@click=app.quit]x[/]" in page


def test_a_persons_data_holds_the_thoughts_they_parked(data) -> None:
    from tettpa_tui.services import person

    root, _ = data
    ws = Workspace(Store(root))
    dept = ws.store.department(PATH)
    found = person.collect(ws, dept, dept.find_member("Amina Yusuf"))
    parked = [p for m in found["meetings"] for p in m["parked"]]
    assert parked == [{"text": TAKEN, "status": "taken", "belongs_to": "reflection"}]
    page = person.to_html(found, ws)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>" not in page


def test_search_finds_parked_thoughts_waiting_or_taken_up(data) -> None:
    root, _meeting_id = data
    for words, author in (("ikke overskrift", "Ingrid Solberg"), ("stjerne", "Amina Yusuf")):
        hits = json.loads(run("search", PATH, words, "--json", data=root).stdout)
        assert [(h["kind"], h["person"]) for h in hits] == [("parked", author)]
