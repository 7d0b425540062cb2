"""A whole department meeting through the Pilot, and what it leaves on disk."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
from datetime import date, datetime

from textual.widgets import Input, Markdown, TextArea

from tests.app.conftest import make_app, screen_text, type_text
from tests.conftest import TODAY, SimulatedClock, posix_only
from tettpa_tui.widgets import autosave
from tettpa_tui.services.demo import create_demo
from tettpa_tui.domain.calendar import YearMonth
from tettpa_tui.domain.meeting import Stage
from tettpa_tui.domain.stories import StoryStatus
from tettpa_tui.services.minutes import meeting_record
from tettpa_tui.services.minutes import minutes as export_minutes
from tettpa_tui.screens.home import HomeScreen
from tettpa_tui.screens.meeting import MeetingScreen
from tettpa_tui.screens.meeting_dialogs import StoryPickDialog
from tettpa_tui.screens.meeting_setup import MeetingSetupScreen
from tettpa_tui.store import Store
from tettpa_tui.widgets.dialogs import ChoiceDialog, ConfirmDialog, TextPrompt
from tettpa_tui.widgets.writing_area import WritingArea
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


async def pick(pilot, count: int = 2, stand_in: bool = True) -> None:
    await pilot.press("f9")
    await pilot.pause()
    assert isinstance(pilot.app.screen, StoryPickDialog)
    for i in range(count):
        if i:
            await pilot.press("down")
        await pilot.press("space")
    await pilot.click("#ok")
    await pilot.pause()
    if stand_in and isinstance(pilot.app.screen, ChoiceDialog):  # the facilitator's own story: who stands in
        await pilot.press("enter")
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
        meeting.query_one("#useful", WritingArea).text = "Spørsmålene"
        meeting.query_one("#goal", WritingArea).text = "Vente litt før jeg svarer"
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


@posix_only
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


def test_undo_help_minutes_and_readme_agree(store: Store) -> None:
    """An undone turn is left out of the minutes; the help and the README say so."""
    from pathlib import Path

    from tettpa_tui.domain import meeting as mt
    from tettpa_tui.services.minutes import minutes
    from tettpa_tui.i18n import catalogue

    assert "ikke med i referatet" in catalogue("nb")["tips.undo"]
    assert "left out of the minutes" in catalogue("en")["tips.undo"]
    readme = " ".join(Path(__file__).parents[2].joinpath("README.md").read_text(encoding="utf-8").split())
    assert "undo the last turn (it is left out of the minutes" in readme

    create_demo(store, TODAY)
    ws = Workspace(store)
    dept = store.department(PATH)
    me = dept.find_member("Ingrid Solberg")
    state = ws.start_meeting(dept, DEC1, "behavior-guidance", me, list(dept.active_staff), [],
                             datetime(2026, 12, 1, 9, 0))
    stories = [s for s in store.stories(dept, state.meeting.month) if s.status is StoryStatus.SUBMITTED
               and s.author_id != me.id][:1]
    at = datetime(2026, 12, 1, 9, 1)
    state = ws.take_up_stories(dept, state, stories, at)
    state = ws.act(dept, state, mt.advance(state, ws.method, at))
    state = ws.act(dept, state, mt.record_turn(state, state.next_speaker, mt.Outcome.SPOKE, at, note="Feil person"))
    state = ws.act(dept, state, mt.undo_last_turn(state, at))
    state = ws.act(dept, state, mt.record_turn(state, state.next_speaker, mt.Outcome.SPOKE, at, note="Riktig"))
    text = minutes(ws, dept, state.meeting)
    assert "Riktig" in text and "Feil person" not in text


async def to_response(pilot, meeting: MeetingScreen) -> None:
    while meeting.state.phase != "response":
        await pilot.press("f9")
        await pilot.pause()
        if isinstance(pilot.app.screen, ConfirmDialog):
            await pilot.press("enter")
            await pilot.pause()


async def test_the_tellers_response_is_saved_as_typed_and_comes_back(store: Store, monkeypatch) -> None:
    monkeypatch.setattr(MeetingScreen, "SAVE_SECONDS", 0)
    create_demo(store, TODAY)
    dept = store.department(PATH)
    ws = Workspace(store)
    app = make_app(store, today=DEC1)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        meeting = await start_meeting(pilot)
        await pick(pilot, 2)
        await to_response(pilot, meeting)
        assert app.focused is meeting.query_one("#useful")
        await type_text(pilot, "Spørsmålene ")
        await pilot.pause()
        await pilot.pause()
        (running,) = store.meetings(dept, status="running")
        # On disk while the meeting goes on (as if the terminal died now), the space kept on screen.
        assert ws.meeting_state(dept, running).stories[0].useful == "Spørsmålene"
        await type_text(pilot, "om tid")
        assert meeting.query_one("#useful", WritingArea).text == "Spørsmålene om tid"
        await pilot.press("tab")
        await type_text(pilot, "Vente før jeg svarer")
        await pilot.pause()
        await pilot.pause()
        run = ws.meeting_state(dept, running).stories[0]
        assert (run.useful, run.goal) == ("Spørsmålene om tid", "Vente før jeg svarer")

    app = make_app(store, today=DEC1)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)  # resume?
        await pilot.press("enter")
        await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        assert meeting.query_one("#useful", WritingArea).text == "Spørsmålene om tid"
        assert meeting.query_one("#goal", WritingArea).text == "Vente før jeg svarer"


async def test_leaving_saves_the_response_at_once(store: Store) -> None:
    create_demo(store, TODAY)
    dept = store.department(PATH)
    app = make_app(store, today=DEC1)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        meeting = await start_meeting(pilot)
        await pick(pilot, 1)
        await to_response(pilot, meeting)
        await pilot.press("tab")
        await type_text(pilot, "Prøve igjen")
        await pilot.press("escape")  # well within the second
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    (running,) = store.meetings(dept, status="running")
    assert Workspace(store).meeting_state(dept, running).stories[0].goal == "Prøve igjen"


async def test_no_goal_asks_before_going_on_and_the_end_names_stories_without_one(store: Store) -> None:
    create_demo(store, TODAY)
    app = make_app(store, today=DEC1)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        meeting = await start_meeting(pilot)
        await pick(pilot, 2)
        await to_response(pilot, meeting)
        first_teller = meeting.names[meeting.state.teller]
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert f"ikke skrevet noe mål for {first_teller}" in app.screen.question
        await pilot.press("escape")  # no: back to the goal
        await pilot.pause()
        assert meeting.state.phase == "response" and app.focused is meeting.query_one("#goal")
        await type_text(pilot, "Et mål")
        await pilot.press("f9")
        await pilot.pause()
        assert meeting.state.story == 1  # a goal: on without asking
        await to_response(pilot, meeting)
        second_teller = meeting.names[meeting.state.teller]
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("enter")  # on without a goal
        await pilot.pause()
        assert meeting.state.stage is Stage.CLOSING
        for _ in meeting.state.order:
            await pilot.press("f5")
            await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        text = app.screen.question
        assert f"Uten mål: fortelling 2 ({second_teller})" in text and first_teller not in text


async def test_resuming_says_where_it_stood_and_the_clocks_leave_out_the_closed_time(store: Store) -> None:
    from datetime import timedelta

    from tettpa_tui.domain import meeting as mt

    create_demo(store, TODAY)
    ws = Workspace(store)
    dept = store.department(PATH)
    leader = dept.find_member("Ingrid Solberg")
    t0 = datetime(2026, 12, 1, 9, 0)
    state = ws.start_meeting(dept, DEC1, "behavior-guidance", leader, list(dept.active_staff), [], t0)
    stories = [s for s in store.stories(dept, state.meeting.month) if s.status is StoryStatus.SUBMITTED
               and s.author_id != leader.id][:2]
    state = ws.take_up_stories(dept, state, stories, t0)
    state = ws.act(dept, state, mt.advance(state, ws.method, t0))  # questions from 9:00
    first = state.next_speaker
    state = ws.act(dept, state, mt.record_turn(state, first, mt.Outcome.SPOKE, t0 + timedelta(seconds=40)))
    store.mark_alive(dept, state.meeting, t0 + timedelta(seconds=60))  # then the terminal died
    names = {m.id: m.name for m in dept.staff}
    teller, speaker = names[state.teller], names[state.next_speaker]

    now = [t0 + timedelta(minutes=75)]  # opened again an hour and a quarter later
    app = make_app(store, today=DEC1, clock=lambda: now[0])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        question = app.screen.question
        assert (f"fortelling 1 av 2 ({teller}), fase 2 av 5 (Oppklarende spørsmål), runde 1 av 1, "
                f"og ordet hadde {speaker}") in question
        await pilot.press("enter")
        await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        text = screen_text(app)
        # One minute of the phase had gone (7:00 → 6:00), 20 s of the turn: not 1:15:00.
        assert "6:00 igjen" in text and "tur 0:20 / 1:00" in text
        now[0] += timedelta(seconds=10)
        meeting._tick()
        assert "5:50 igjen" in screen_text(app)
    assert Workspace(store).meeting_state(dept, state.meeting).events[-1].kind == "resumed"


def hold_december(store: Store) -> None:
    """A whole December meeting, finished (as the leader would run it)."""
    from tettpa_tui.domain import meeting as mt

    ws = Workspace(store)
    dept = store.department(PATH)
    at = datetime(2026, 12, 1, 9, 0)
    state = ws.start_meeting(dept, DEC1, "behavior-guidance", dept.find_member("Ingrid Solberg"),
                             list(dept.active_staff), [], at)
    stories = [s for s in store.stories(dept, state.meeting.month) if s.status is StoryStatus.SUBMITTED
               and s.author_id != state.meeting.facilitator_id][:1]
    state = ws.take_up_stories(dept, state, stories, at)
    while state.stage is not Stage.CLOSING:
        state = ws.act(dept, state, mt.advance(state, ws.method, at, force=True))
    ws.act(dept, state, mt.finish(state, "Ferdig", at, force=True))


async def test_after_a_meeting_home_shows_it_held_and_a_second_one_asks_and_can_be_discarded(
        store: Store) -> None:
    create_demo(store, TODAY)
    hold_december(store)
    dept = store.department(PATH)
    app = make_app(store, today=DEC1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Neste møte · desember holdt ✓" in text and "TETT PÅ – år" in text
        assert "januar 2027" in text  # the following month's meeting is next
        assert "i dag" not in text
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MeetingSetupScreen)
        # m opens the next meeting, January's (December's is held): no question about December.
        assert "Møtet for januar 2027" in screen_text(app)
        # Meanwhile someone starts January's meeting on another laptop: starting asks first.
        ws = Workspace(store)
        ws.start_meeting(dept, DEC1, "behavior-guidance", dept.find_member("Ingrid Solberg"),
                         list(dept.active_staff), [], datetime(2026, 12, 1, 10, 0), month=YearMonth(2027, 1))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "allerede et møte som er startet" in app.screen.question
        await pilot.press("escape")  # no: nothing started
        await pilot.pause()
        assert isinstance(app.screen, MeetingSetupScreen)
        assert len(store.meetings(dept)) == 3  # November, December and the other laptop's January
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.focused.id == "no"  # a second meeting in a month starts on Nei
        await pilot.press("left", "enter")  # yes, by mistake
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert len(store.meetings(dept, status="running")) == 2
        await pilot.press("f1")
        await pilot.pause()
        from tettpa_tui.screens.help import HelpScreen, bindings_of

        assert isinstance(app.screen, HelpScreen)
        assert any(keys == "Ctrl+Delete" and "startet ved en feil" in what
                   for keys, what, _ in bindings_of(app.screen.under))
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+delete")  # nothing recorded yet: one key
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert len(store.meetings(dept)) == 3 and len(store.meetings(dept, status="running")) == 1
    (gone,) = store.meetings(dept, status="discarded")
    assert gone.discarded_at is not None and gone.month == YearMonth(2027, 1)
    assert gone.id in store.month_file(dept, gone.month).read_text(encoding="utf-8")  # still in the file
    assert Workspace(store).running_meeting(dept).id != gone.id  # never offered to resume


async def test_discarding_after_turns_asks_and_leaves_it_out_everywhere(store: Store) -> None:
    from tests.cli.test_cli import run
    from tettpa_tui.domain.calendar import KindergartenYear

    create_demo(store, TODAY)
    dept = store.department(PATH)
    ws = Workspace(store)
    before = {p.staff_id: p for p in ws.participation(dept, KindergartenYear(2026))}
    app = make_app(store, today=DEC1)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        meeting = await start_meeting(pilot)
        await pick(pilot, 1)
        taken = meeting.state.stories[0].story_id
        await pilot.press("f9")
        await pilot.pause()
        await type_text(pilot, "Sjokoladekake")
        await pilot.press("enter")
        await pilot.pause()
        assert ws.search(dept, "Sjokoladekake")
        await pilot.press("ctrl+delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # no: nothing changes
        await pilot.pause()
        assert app.screen is meeting and store.meetings(dept, status="running")
        await pilot.press("ctrl+delete")
        await pilot.pause()
        await pilot.press("enter")  # the question starts on "Nei": Enter keeps the meeting
        await pilot.pause()
        assert app.screen is meeting and store.meetings(dept, status="running")
        await pilot.press("ctrl+delete")
        await pilot.pause()
        await pilot.press("shift+tab", "enter")  # "Ja", chosen on purpose
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "forkastet" in " ".join(n.message for n in app._notifications)
    assert store.story(dept, taken).status is StoryStatus.SUBMITTED  # handed back for the real meeting
    assert not ws.search(dept, "Sjokoladekake")
    assert {p.staff_id: p for p in ws.participation(dept, KindergartenYear(2026))} == before
    december = [m for m in ws.year_overview(dept, KindergartenYear(2026)) if m.plan.month.month == 12][0]
    assert not december.held and not december.running
    assert ws.running_meeting(dept) is None
    rows = json.loads(run("meeting", "list", PATH, "--json", data=store.root).stdout)
    assert [r["date"] for r in rows] == ["2026-11-03"]
    assert "Sjokoladekake" not in run("search", PATH, "Sjokoladekake", "--json", data=store.root).stdout
    overview = json.loads(run("overview", "Solsikken barnehage", "--json", data=store.root).stdout)
    assert "2026-12-01" not in json.dumps(overview)


async def test_a_look_at_another_screen_is_no_pause(store: Store) -> None:
    from datetime import timedelta

    create_demo(store, TODAY)
    now = [datetime(2026, 12, 1, 9, 0)]
    app = make_app(store, today=DEC1, clock=lambda: now[0])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        meeting = await start_meeting(pilot)
        await pick(pilot, 1)
        await pilot.press("escape")  # the leader looks at the home screen; the room goes on
        await pilot.pause()
        now[0] += timedelta(minutes=1)
        await pilot.press("m")
        await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        assert "4:00 igjen" in screen_text(app)  # 5:00 of the presentation, one minute gone
        assert meeting.state.events[-1].kind != "resumed"


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


async def test_tab_goes_from_most_useful_to_the_goal_and_keeps_both(store: Store) -> None:
    """A leader types what was most useful, Tab, the goal: each lands in its own field, whole,
    also when Tab is pressed again (a field that gets focus keeps its text, nothing is selected)."""
    create_demo(store, TODAY)
    dept = store.department(PATH)
    app = make_app(store, today=DEC1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        meeting = await start_meeting(pilot)
        await pick(pilot, 1)
        await to_response(pilot, meeting)
        await type_text(pilot, "Useful point")
        await pilot.press("tab")
        await type_text(pilot, "Goal")
        await pilot.press("shift+tab")
        await type_text(pilot, "!")
        await pilot.press("tab")
        await type_text(pilot, "s")
        useful, goal = meeting.query_one("#useful", WritingArea).text, meeting.query_one("#goal", WritingArea).text
        assert (useful, goal) == ("Useful point!", "Goals")
        await pilot.press("escape")
        await pilot.pause()
    (running,) = store.meetings(dept, status="running")
    run = Workspace(store).meeting_state(dept, running).stories[0]
    assert (run.useful, run.goal) == ("Useful point!", "Goals")


async def test_after_the_last_closing_turn_typing_goes_into_the_summary(store: Store) -> None:
    create_demo(store, TODAY)
    app = make_app(store, today=DEC1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        meeting = await start_meeting(pilot)
        await pick(pilot, 1)
        while meeting.state.stage is not Stage.CLOSING:
            await pilot.press("ctrl+n")
            await pilot.pause()
            if isinstance(app.screen, ConfirmDialog):
                await pilot.press("enter")
                await pilot.pause()
        for _ in meeting.state.order:
            await type_text(pilot, "Tar med")
            await pilot.press("enter")
            await pilot.pause()
        await type_text(pilot, "Vi prøver")
        assert meeting.query_one("#summary", TextArea).text == "Vi prøver"


async def test_who_is_present_reads_without_colour(store: Store) -> None:
    """A person ticked off shows an empty box, not the same X in another colour."""
    create_demo(store, TODAY)
    app = make_app(store, today=DEC1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        present = app.screen.query_one("#present")
        present.focus()
        present.highlighted = 0
        await pilot.press("space")  # the first person is away today
        await pilot.pause()
        lines = [str(present.render_line(y).text) for y in range(2)]
        assert lines[0].startswith("▐ ▌") and lines[1].startswith("▐X▌"), lines


async def test_the_facilitators_own_story_is_led_by_a_stand_in_chosen_with_the_stories(store: Store) -> None:
    create_demo(store, TODAY)
    dept = store.department(PATH)
    ws = Workspace(store)
    leader, tobias = dept.active_staff[0], dept.active_staff[1]
    # The demo's last meeting: the leader facilitated and told story 2, Tobias stood in.
    last = [m for m in store.meetings(dept) if m.status == "finished"][-1]
    record = meeting_record(ws, dept, last)
    assert record["stories"][1]["teller"] == leader.name and record["stories"][1]["stand_in"] == tobias.name
    assert f"Veileder for denne fortellingen: {tobias.name}" in export_minutes(ws, dept, last)
    # Only the leader's story handed in for December: choosing it asks who leads the talk.
    for story in store.stories(dept, YearMonth(2026, 12)):
        if story.author_id != leader.id and story.status is StoryStatus.SUBMITTED:
            ws.withdraw(dept, story, datetime(2026, 11, 30, 8))
    own = [s for s in store.stories(dept, YearMonth(2026, 12)) if s.author_id == leader.id]
    if not own:
        own = [ws.hand_in_new(dept, leader, datetime(2026, 11, 28, 9), "Jeg satt med Mia ved bordet.",
                              YearMonth(2026, 12))]
    app = make_app(store, demo=True, today=DEC1)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        meeting = await start_meeting(pilot)
        await pick(pilot, 1, stand_in=False)
        assert isinstance(app.screen, ChoiceDialog)
        assert f"{leader.name} leder møtet og forteller fortelling 1" in screen_text(app)
        assert leader.name not in [str(o.prompt) for o in app.screen.query_one("OptionList")._options]
        await pilot.press("enter")  # the first one offered: Tobias
        await pilot.pause()
        assert app.screen is meeting and meeting.state.stage is Stage.STORY
        assert meeting.state.stories[0].stand_in == tobias.id and meeting.state.facilitator == tobias.id
        assert f"veileder nå: {tobias.name}" in screen_text(app)
        await pilot.press("f9")  # on to the questions: the leader listens, Tobias takes turns
        await pilot.pause()
        assert leader.id not in meeting.state.order and tobias.id in meeting.state.order


async def test_the_closing_presents_the_next_dimension_and_the_opening_recaps_it(store: Store) -> None:
    create_demo(store, TODAY)
    dept = store.department(PATH)
    ws = Workspace(store)
    framework = ws.framework_for(dept)
    december = framework.dimension(ws.wheel(dept, YearMonth(2026, 12).kindergarten_year).month(YearMonth(2026, 12)).dimension_id)
    january = framework.dimension(ws.wheel(dept, YearMonth(2027, 1).kindergarten_year).month(YearMonth(2027, 1)).dimension_id)
    app = make_app(store, demo=True, today=DEC1)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        meeting = await start_meeting(pilot)
        opening = meeting.query_one("#dimension-text", Markdown).source
        # Presented at November's meeting: here a short recap, the questions, not the whole text.
        assert "Presentert på møtet tirsdag 3. november 2026" in opening
        assert december.descriptions["nb"] not in opening and december.questions["nb"][0] in opening
        await pick(pilot, 1)
        while meeting.state.stage is not Stage.CLOSING:
            await pilot.press("f9")
            await pilot.pause()
            if isinstance(app.screen, ConfirmDialog):
                await pilot.press("enter")
                await pilot.pause()
        shown = meeting.query_one("#next-text", Markdown).source
        assert meeting.query_one("#next-box").display
        assert f"Neste møte: {january.name('nb')}" in shown
        assert january.descriptions["nb"] in shown and january.questions["nb"][0] in shown
        assert "fortellingene til neste møte skrives om den" in shown
        await pilot.press("ctrl+s")  # on a projector the next dimension stays, beside the round
        await pilot.pause()
        assert meeting.query_one("#left").display and meeting.query_one("#next-box").region.height > 25
        assert not meeting.query_one("#closing-box").display
        await pilot.press("ctrl+s")  # back: the summary again
        await pilot.pause()
        assert meeting.query_one("#closing-box").display
        assert f"Neste møte: {january.name('nb')}" in screen_text(app)


async def _type_steadily(pilot, clock: SimulatedClock, words: int, on_disk) -> None:
    """A word every half second (a key every tenth), never a pause; after each key, what was
    typed a second ago or earlier is on disk (as if the terminal died then)."""
    typed, typed_at = "", []
    for i in range(words):
        for ch in f"ord{i} ":
            await pilot.press("space" if ch == " " else ch)
            await pilot.pause()
            typed += ch
            typed_at.append((clock.now(), typed))
            clock.advance(0.1)
            second_ago = [text for at, text in typed_at if at <= clock.now() - 1.0 + 1e-9]
            if second_ago:
                assert on_disk().startswith(second_ago[-1].strip()), (clock.now(), on_disk())


async def test_steady_typing_in_the_response_and_the_summary_is_on_disk_within_a_second(
        store: Store, monkeypatch) -> None:
    clock = SimulatedClock()
    monkeypatch.setattr(autosave, "clock_for", lambda widget: clock)
    create_demo(store, TODAY)
    dept = store.department(PATH)
    ws = Workspace(store)
    app = make_app(store, today=DEC1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        meeting = await start_meeting(pilot)
        await pick(pilot, 1)
        await to_response(pilot, meeting)
        (running,) = store.meetings(dept, status="running")
        assert app.focused is meeting.query_one("#useful")
        await _type_steadily(pilot, clock, 8, lambda: ws.meeting_state(dept, running).stories[0].useful)
        await pilot.press("tab")
        await _type_steadily(pilot, clock, 8, lambda: ws.meeting_state(dept, running).stories[0].goal)
        while meeting.state.stage is not Stage.CLOSING:
            await pilot.press("ctrl+n")
            await pilot.pause()
            if isinstance(app.screen, ConfirmDialog):
                await pilot.press("enter")
                await pilot.pause()
        assert app.focused is meeting.query_one("#note")  # the closing round's note for who has the word
        await _type_steadily(pilot, clock, 8, lambda: store.meetings(dept, status="running")[0].note_draft)
        await pilot.press("enter")  # the turn recorded with its note: the draft is emptied
        await pilot.pause()
        clock.advance(1.0)
        assert store.meetings(dept, status="running")[0].note_draft == ""
        assert meeting.state.turns[-1].note.startswith("ord0 ord1")
        meeting.query_one("#summary").focus()
        await _type_steadily(pilot, clock, 8, lambda: store.meetings(dept, status="running")[0].summary_draft)


async def test_a_half_typed_note_comes_back_after_a_closed_terminal(store: Store) -> None:
    create_demo(store, TODAY)
    dept = store.department(PATH)
    app = make_app(store, today=DEC1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        meeting = await start_meeting(pilot)
        await pick(pilot, 1)
        await pilot.press("ctrl+n")  # the presentation
        await pilot.pause()
        while not meeting.query_one("#note").display:
            await pilot.press("ctrl+n")
            await pilot.pause()
            if isinstance(app.screen, ConfirmDialog):
                await pilot.press("enter")
                await pilot.pause()
        speaker = meeting.state.next_speaker
        await type_text(pilot, "Hva tenkte du da [b]hun[/b]")
        await pilot.press("escape")
        await pilot.pause()
    assert store.meetings(dept, status="running")[0].note_draft == "Hva tenkte du da [b]hun[/b]"
    app = make_app(store, today=DEC1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)  # resume?
        await pilot.press("enter")
        await pilot.pause()
        meeting = app.screen
        assert meeting.state.next_speaker == speaker
        assert meeting.query_one("#note", Input).value == "Hva tenkte du da [b]hun[/b]"
        await type_text(pilot, " sa det?")
        await pilot.press("enter")
        await pilot.pause()
        assert meeting.state.turns[-1].note == "Hva tenkte du da [b]hun[/b] sa det?"


async def test_the_tellers_whole_response_shows_at_80_columns(store: Store) -> None:
    create_demo(store, TODAY)
    app = make_app(store, today=DEC1)
    useful = "Spørsmålene om hvordan jenta hadde det fikk meg til å se henne annerledes enn før"
    goal = "Jeg vil vente litt lenger før jeg svarer, og spørre hva hun selv tenker om det"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        meeting = await start_meeting(pilot)
        await pick(pilot, 1)
        await to_response(pilot, meeting)
        await type_text(pilot, useful)
        await pilot.press("tab")
        await type_text(pilot, goal)
        await pilot.pause()
        shown = screen_text(app)
        for word in (useful + " " + goal).split():  # each word of both, from the first
            assert word in shown, word
        assert meeting.query_one("#useful", WritingArea).text == useful
        assert meeting.query_one("#goal", WritingArea).text == goal
