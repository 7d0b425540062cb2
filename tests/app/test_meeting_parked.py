"""Parking a thought at 80×24: during the questions, shown at the reflection, taken up, in the minutes."""

from __future__ import annotations

from textual.widgets import OptionList, Select

from tests.app.conftest import screen_text, type_text
from tests.app.test_meeting_keys import app_on_meeting_day
from tettpa_tui.domain import meeting as mt
from tettpa_tui.domain.meeting import Stage
from tettpa_tui.services.minutes import meeting_record, minutes
from tettpa_tui.screens.meeting import MeetingScreen
from tettpa_tui.screens.parked import ParkDialog
from tettpa_tui.widgets.dialogs import ChoiceDialog

HOSTILE = "Råd: [@click=app.quit]vent[/] [b]til refleksjonen"


async def to_questions(pilot) -> MeetingScreen:
    await pilot.press("m", "ctrl+s", "ctrl+n", "space", "tab", "enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, MeetingScreen) and screen.state.stage is Stage.STORY
    await pilot.press("ctrl+n")  # the clarifying questions
    await pilot.pause()
    assert screen.state.phase == "questions"
    return screen


async def test_park_during_questions_take_it_up_at_the_reflection_and_find_it_in_the_minutes(tmp_path) -> None:
    app = app_on_meeting_day(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await to_questions(pilot)
        speaker = screen.state.next_speaker
        await type_text(pilot, "Hva skjedde?")  # a note half typed stays in the field
        await pilot.press("ctrl+y")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, ParkDialog)
        assert dialog.query_one("#who", Select).value == speaker  # whoever has the word
        assert dialog.query_one("#phase", Select).value == "0:reflection"  # advice waits for the reflection
        await pilot.press("enter")  # nothing typed: one line, and the dialog stays
        await pilot.pause()
        assert pilot.app.screen is dialog
        await type_text(pilot, HOSTILE)
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is screen
        [thought] = screen.state.parked
        assert (thought.author, thought.text, thought.phase) == (speaker, HOSTILE, "reflection")
        assert not screen.query_one("#parked-box").display  # not shown before its phase
        assert screen.query_one("#note").value == "Hva skjedde?"
        for _ in range(2):  # the affirming round, then the reflection
            await pilot.press("ctrl+n")
            await pilot.pause()
            while pilot.app.screen is not screen:
                # the half-typed note recorded for its speaker first; leave the round early: yes
                await pilot.press("enter")
                await pilot.pause()
        assert screen.state.phase == "reflection"
        box = screen.query_one("#parked-box")
        assert box.display and box.region.y < 8 and box.region.height >= 3  # at the top, in view at 80×24
        text = screen_text(pilot.app)
        assert "Parkerte tanker (1 venter)" in text
        assert "[@click=app.quit]vent[/]" in text and "[b]til" in text  # shown literally
        await pilot.click("#parked", offset=(2, 0))  # a click on the thought
        await pilot.pause()
        choice = pilot.app.screen
        assert isinstance(choice, ChoiceDialog)
        await pilot.press("enter")  # take it up
        await pilot.pause()
        assert pilot.app.screen is screen
        [thought] = screen.state.parked
        assert thought.status == mt.TAKEN and thought.settled_round == 1
        prompt = str(screen.query_one("#parked", OptionList).get_option_at_index(0).prompt)
        assert prompt.startswith("[tatt opp]")
        assert not screen.check_action("parked", ())
        dept, meeting = screen.department, screen.state.meeting
        ws = pilot.app.workspace
    record = meeting_record(ws, dept, ws.store.meeting(dept, meeting.id))
    [p] = record["parked"]
    assert (p["text"], p["status"], p["belongs_to"]["phase"], p["parked_in"]["phase"]) == (
        HOSTILE, "taken", "reflection", "questions")
    md = minutes(ws, dept, ws.store.meeting(dept, meeting.id))
    assert "## Parkerte tanker" in md
    assert "tatt opp" in md and "\\[@click=app.quit\\]" in md
    assert "[@click" not in md.replace("\\[@click", "")
    html = minutes(ws, dept, ws.store.meeting(dept, meeting.id), fmt="html")
    assert "[@click=app.quit]vent[/]" in html and "<b>" not in html


async def test_drop_with_keys_and_ctrl_f_lists_the_actions(tmp_path) -> None:
    app = app_on_meeting_day(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await to_questions(pilot)
        await pilot.press("ctrl+y")
        await pilot.pause()
        dialog = pilot.app.screen
        dialog.query_one("#phase", Select).value = "0:response"  # the facilitator chooses another later phase
        await type_text(pilot, "Til svaret")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.state.parked[0].phase == "response"
        await pilot.press("ctrl+f")
        await pilot.pause()
        more = pilot.app.screen
        labels = [str(more.query_one(OptionList).get_option_at_index(i).prompt)
                  for i in range(more.query_one(OptionList).option_count)]
        assert any("Ctrl+Y" in label for label in labels)
        assert not any("F2" in label for label in labels)  # nothing waits for this phase
        await pilot.press("escape")
        while screen.state.phase != "response":
            await pilot.press("ctrl+n")
            await pilot.pause()
            if pilot.app.screen is not screen:
                await pilot.press("enter")
                await pilot.pause()
        assert screen.query_one("#parked-box").display
        await pilot.press("f2")  # one waiting: straight to take up / drop
        await pilot.pause()
        assert isinstance(pilot.app.screen, ChoiceDialog)
        await pilot.press("down", "enter")  # drop it
        await pilot.pause()
        assert screen.state.parked[0].status == mt.DROPPED
