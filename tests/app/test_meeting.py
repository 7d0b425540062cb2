"""A whole department meeting through the Pilot, and what it leaves on disk."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
from datetime import date

from textual.widgets import Input, TextArea

from tests.app.conftest import make_app, screen_text, type_text
from tests.conftest import TODAY
from tettpa_tui.demo import create_demo
from tettpa_tui.domain.meeting import Stage
from tettpa_tui.domain.stories import StoryStatus
from tettpa_tui.export import meeting_record
from tettpa_tui.screens.home import HomeScreen
from tettpa_tui.screens.meeting import MeetingScreen, StoryPickDialog
from tettpa_tui.screens.meeting_setup import MeetingSetupScreen
from tettpa_tui.store import Store
from tettpa_tui.widgets.dialogs import ChoiceDialog, ConfirmDialog, TextPrompt
from tettpa_tui.workspace import Workspace

DEC1 = date(2026, 12, 1)
PATH = "Solsikken barnehage/Blåklokka"


async def start_meeting(pilot) -> MeetingScreen:
    await pilot.press("m")
    await pilot.pause()
    assert isinstance(pilot.app.screen, MeetingSetupScreen)
    await pilot.press("ctrl+s")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, MeetingScreen)
    return screen


async def pick(pilot, count: int = 2) -> None:
    await pilot.press("f9")
    await pilot.pause()
    assert isinstance(pilot.app.screen, StoryPickDialog)
    for i in range(count):
        if i:
            await pilot.press("down")
        await pilot.press("space")
    await pilot.click("#ok")
    await pilot.pause()


async def test_a_whole_meeting_with_two_stories(store: Store) -> None:
    create_demo(store, TODAY)
    app = make_app(store, demo=True, today=DEC1)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        meeting = await start_meeting(pilot)
        text = screen_text(app)
        assert "Åpning" in text and "Sette meg ned på barnas høyde" in text  # last month's goal is back
        await pilot.press("enter")  # follow up the first goal
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")  # "prøvd"
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await type_text(pilot, "Gikk fint")
        await pilot.press("enter")
        await pilot.pause()
        assert "prøvd: Gikk fint" in screen_text(app)

        await pick(pilot, 2)
        s = meeting.state
        assert (s.stage, s.story, s.phase) == (Stage.STORY, 0, "presentation")
        teller = s.teller
        assert "Presentasjon" in screen_text(app)

        await pilot.press("f9")  # on to the questions
        await pilot.pause()
        s = meeting.state
        assert s.phase == "questions" and teller not in s.order
        for k in range(len(s.order)):
            await type_text(pilot, f"Spørsmål {k}")
            await pilot.press("enter")
            await pilot.pause()
        assert meeting.state.round_complete
        await pilot.press("f9")  # affirming: everyone passes
        await pilot.pause()
        assert meeting.state.phase == "affirming"
        for _ in meeting.state.order:
            await pilot.press("f5")
            await pilot.pause()
        await pilot.press("f9")  # reflection
        await pilot.pause()
        first = meeting.state.next_speaker
        await type_text(pilot, "Feil person")
        await pilot.press("enter")
        await pilot.press("f7")  # undo: recorded for the wrong person
        await pilot.pause()
        assert meeting.state.next_speaker == first
        await pilot.press("f6")  # skip needs a reason
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await type_text(pilot, "Gikk til et barn")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f9")  # leave the round early: asks first
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")
        await pilot.pause()
        s = meeting.state
        assert s.phase == "response"
        meeting.query_one("#useful", Input).value = "Spørsmålene"
        meeting.query_one("#goal", Input).value = "Vente litt før jeg svarer"
        await pilot.press("f9")
        await pilot.pause()
        s = meeting.state
        assert (s.story, s.phase) == (1, "presentation")
        for _ in range(5):  # the second story straight through, confirming each early end
            await pilot.press("f9")
            await pilot.pause()
            if isinstance(app.screen, ConfirmDialog):
                await pilot.press("enter")
                await pilot.pause()
        s = meeting.state
        assert s.stage is Stage.CLOSING
        assert teller in s.order  # everyone says what they take along
        await type_text(pilot, "Roen")
        await pilot.press("enter")
        await pilot.pause()
        meeting.query_one("#summary", TextArea).text = "Et godt møte."
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")
        await pilot.pause()
        assert meeting.state.stage is Stage.FINISHED
        text = screen_text(app)
        assert "Møtet er avsluttet" in text and "Vente litt før jeg svarer" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

    ws = Workspace(store)
    dept = store.department(PATH)
    finished = [m for m in store.meetings(dept) if m.date == DEC1]
    assert len(finished) == 1 and finished[0].status == "finished"
    record = meeting_record(ws, dept, finished[0])
    assert record["followups"][0]["status"] == "tried" and record["followups"][0]["note"] == "Gikk fint"
    first_story = record["stories"][0]["id"]
    questions = [tr for tr in record["turns"] if tr["phase"] == "questions" and tr["story_id"] == first_story]
    assert [tr["note"] for tr in questions] == [f"Spørsmål {k}" for k in range(len(questions))]
    assert all(tr["speaker"] != record["stories"][0]["teller"] for tr in questions)
    assert any(tr["undone"] and tr["note"] == "Feil person" for tr in record["turns"])
    assert any(tr["outcome"] == "skipped" and tr["reason"] == "Gikk til et barn" for tr in record["turns"])
    assert record["goals"][0]["goal"] == "Vente litt før jeg svarer"
    assert record["summary"] == "Et godt møte."
    used = [s for s in store.stories(dept) if s.id in {x["id"] for x in record["stories"]}]
    assert len(used) == 2 and all(s.status is StoryStatus.USED for s in used)


async def test_the_teller_is_never_offered_a_turn_and_hostile_notes_stay_literal(store: Store) -> None:
    create_demo(store, TODAY)
    app = make_app(store, today=DEC1)
    async with app.run_test(size=(180, 40)) as pilot:
        await pilot.pause()
        meeting = await start_meeting(pilot)
        await pick(pilot, 1)
        await pilot.press("f9")
        await pilot.pause()
        hostile = "[@click=app.quit]x[/] [bold]"
        meeting.query_one("#note", Input).value = hostile
        await pilot.press("enter")
        await pilot.pause()
        assert hostile in screen_text(app) and app.is_running
        assert re.search(r"Tobias Haugen\s*forteller", screen_text(app))  # the teller takes no turn


DRIVER = textwrap.dedent(
    """
    import asyncio, sys, time
    from datetime import date
    from pathlib import Path
    from tettpa_tui.app import TettpaApp
    from tettpa_tui.store import Store

    async def main():
        app = TettpaApp(store=Store(Path(sys.argv[1])), today=date(2026, 12, 1))
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("m"); await pilot.pause()
            await pilot.press("ctrl+s"); await pilot.pause()
            await pilot.press("f9"); await pilot.pause()
            await pilot.press("space"); await pilot.pause()
            await pilot.click("#ok"); await pilot.pause()
            await pilot.press("f9"); await pilot.pause()
            await pilot.press(*"Hva skjedde?"); await pilot.press("enter"); await pilot.pause()
            print(app.screen.state.next_speaker, flush=True)
            time.sleep(60)  # killed here, mid-round

    asyncio.run(main())
    """
)


async def test_killed_mid_round_resumes_at_the_same_speaker(store: Store) -> None:
    create_demo(store, TODAY)
    proc = subprocess.Popen([sys.executable, "-c", DRIVER, str(store.root)], stdout=subprocess.PIPE, text=True,
                            env={**os.environ})
    assert proc.stdout is not None
    expected_next = proc.stdout.readline().strip()
    assert expected_next
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)

    app = make_app(store, today=DEC1)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)  # "a meeting was not finished: go on?"
        await pilot.press("enter")
        await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        s = meeting.state
        assert (s.story, s.phase, s.round) == (0, "questions", 1)
        assert s.next_speaker == expected_next
        assert [t.note for t in s.turns] == ["Hva skjedde?"]


def test_cli_meeting_list_and_show(tmp_path) -> None:
    from tests.cli.test_cli import assert_one_line_error, run

    data = tmp_path / "demo"
    assert run("demo", "--data-dir", str(data), "--create-only").returncode == 0
    rows = json.loads(run("meeting", "list", PATH, "--json", data=data).stdout)
    (row,) = rows
    assert row["status"] == "finished" and len(row["stories"]) == 2 and row["turns"] > 20
    assert row["date"] == "2026-11-03" and row["dimension"] == "negative-climate"
    shown = json.loads(run("meeting", "show", PATH, row["id"], "--json", data=data).stdout)
    assert {"attendance", "stories", "turns", "goals"} <= set(shown)
    turn = shown["turns"][0]
    assert {"story_id", "phase", "round", "speaker", "outcome", "note", "time"} <= set(turn)
    assert len(shown["goals"]) == 2
    line = assert_one_line_error(run("meeting", "show", PATH, "nope", "--json", data=data), 1)
    assert "Finner ikke møtet" in line


async def test_a_finished_meeting_only_takes_a_recorded_correction(store: Store) -> None:
    from tettpa_tui.domain import meeting as mt

    create_demo(store, TODAY)
    ws = Workspace(store)
    dept = store.department(PATH)
    (last,) = store.meetings(dept)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        state = ws.meeting_state(dept, last)
        app.push_screen(MeetingScreen(dept, state))
        await pilot.pause()
        screen = app.screen
        with_note = next(tr for tr in state.turns if tr.note)
        await pilot.press("f5")  # no turns in a finished meeting
        await pilot.pause()
        assert ws.meeting_state(dept, last).turns == state.turns
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")  # the first note
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, TextPrompt)
        prompt.query_one(Input).value = "Rettet notat"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
    after = ws.meeting_state(dept, last)
    fixed = next(tr for tr in after.turns if tr.seq == with_note.seq)
    assert (fixed.final_note, fixed.note) == ("Rettet notat", with_note.note)
    assert after.events[-1].kind == "correction"
    assert mt.Stage.FINISHED is after.stage


async def test_the_closing_summary_is_kept_while_typed(store: Store) -> None:
    create_demo(store, TODAY)
    app = make_app(store, today=DEC1)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        meeting = await start_meeting(pilot)
        await pick(pilot, 1)
        while meeting.state.stage is not Stage.CLOSING:
            await pilot.press("f9")
            await pilot.pause()
            if isinstance(app.screen, ConfirmDialog):
                await pilot.press("enter")
                await pilot.pause()
        meeting.query_one("#summary", TextArea).text = "Halvferdig oppsummering"
        await pilot.pause()
        await pilot.press("escape")  # leave the meeting running
        await pilot.pause()
        dept = store.department(PATH)
        (running,) = [m for m in store.meetings(dept) if m.status == "running"]
        assert running.summary_draft == "Halvferdig oppsummering"
        await pilot.press("m")  # go on with it
        await pilot.pause()
        assert app.screen.query_one("#summary", TextArea).text == "Halvferdig oppsummering"


async def test_the_opening_and_the_picker_say_when_the_meeting_will_end(store: Store) -> None:
    from datetime import datetime

    create_demo(store, TODAY)
    app = make_app(store, demo=True, today=DEC1, clock=lambda: datetime(2026, 12, 1, 13, 0))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await start_meeting(pilot)
        minutes = app.workspace.method.story_minutes  # 36: within the sources' 30–40
        assert 30 <= minutes <= 40
        rule = str(app.screen.query_one("#rule").render())
        assert "slutter møtet omtrent kl. 13:41 / 14:17 / 14:53" in " ".join(rule.split())
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("space", "down", "space")
        await pilot.pause()
        assert "Med 2 fortellinger slutter møtet omtrent kl. 14:17" in str(app.screen.query_one("#ends").render())
