"""`meeting show` (plain text) is the whole record: most useful, summary, time-outs, who left,
as --json has them, in the user's language, control characters shown, never sent."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from tests.cli.test_cli import run
from tests.conftest import TODAY
from tettpa_tui.services.demo import create_demo
from tettpa_tui.domain import meeting as mt
from tettpa_tui.domain.calendar import YearMonth
from tettpa_tui.store import Store
from tettpa_tui.workspace import Workspace

PATH = "Solsikken barnehage/Blåklokka"
USEFUL = "Å vente [b]to[/] minutter\x1b[2J"
SUMMARY = "Vi prøver ventetid i garderoben"
TIMEOUT = "Hvorfor fortelleren tier i refleksjonen"


def test_meeting_show_plain_has_the_whole_record(tmp_path: Path) -> None:
    root = tmp_path / "data"
    store = Store(root)
    create_demo(store, TODAY)
    ws = Workspace(store)
    dept = store.department(PATH)
    per, lene = dept.find_member("Per Kristiansen"), dept.find_member("Lene Dahl")
    at = datetime(2026, 12, 1, 13, 0)
    story = ws.hand_in_new(dept, per, at, "Jeg satt med gutten i garderoben.", YearMonth(2026, 12))
    leader = dept.find_member("Ingrid Solberg")
    state = ws.start_meeting(dept, at.date(), "behavior-guidance", leader, list(dept.active_staff), [], at)
    state = ws.take_up_stories(dept, state, [story], at)
    state = ws.act(dept, state, mt.time_out(state, TIMEOUT, at))
    while ws.method.phase(state.phase).record != "response" if state.phase else True:
        state = ws.act(dept, state, mt.advance(state, ws.method, at, force=True))
    state = ws.act(dept, state, mt.record_response(state, ws.method, USEFUL, "Vente før jeg hjelper", at))
    state = ws.act(dept, state, mt.leave(state, lene.id, "hentet barn", at))
    while state.stage is not mt.Stage.CLOSING:
        state = ws.act(dept, state, mt.advance(state, ws.method, at, force=True))
    state = ws.act(dept, state, mt.finish(state, SUMMARY, at, force=True))
    record = json.loads(run("meeting", "show", PATH, state.meeting.id, "--json", data=root).stdout)
    assert record["stories"][0]["most_useful"] == USEFUL and record["summary"] == SUMMARY
    plain = run("meeting", "show", PATH, state.meeting.id, data=root).stdout
    assert "Mest nyttig for fortelleren: Å vente [b]to[/] minutter␛[2J" in plain
    assert "\x1b" not in plain
    assert f"Oppsummering: {SUMMARY}" in plain
    assert "Notater om metoden (time-out)" in plain and TIMEOUT in plain
    assert "Gikk under møtet: Lene Dahl (hentet barn)" in plain
    assert "Veileder: Ingrid Solberg" in plain
    en = run("--lang", "en", "meeting", "show", PATH, state.meeting.id, data=root).stdout
    assert "Mest nyttig" not in en and SUMMARY in en and "Lene Dahl" in en
