"""A note typed for whoever has the word but not sent (no Enter) is never carried to the next
speaker or phase: before the word moves on it is recorded for its speaker, parked, or deleted on
purpose; Esc goes back to it. The field and the stored draft are empty where the word goes."""

from __future__ import annotations

from tests.app.conftest import screen_text, type_text
from tests.app.test_meeting_keys import app_on_meeting_day
from tests.app.test_meeting_parked import to_questions
from tettpa_tui.widgets.dialogs import ChoiceDialog, ConfirmDialog

NOTE = "Et viktig [b]spørsmål[/] som ikke er sendt"


def stored_draft(screen) -> str:
    store = screen.app.store
    return store.meeting(screen.department, screen.state.meeting.id).note_draft


async def _unsent_then(pilot, key: str):
    screen = await to_questions(pilot)
    speaker = screen.state.next_speaker
    await type_text(pilot, NOTE)
    screen.save_note()  # as the autosave would within a second
    assert stored_draft(screen) == NOTE
    await pilot.press(key)
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, ChoiceDialog)
    text = screen_text(pilot.app)
    assert "ikke lagret" in text and "[b]spørsmål[/]" in text  # says so, the note shown literally
    return screen, speaker, dialog


async def test_next_phase_with_a_typed_note_asks_and_parks_it_for_who_had_the_word(tmp_path) -> None:
    async with app_on_meeting_day(tmp_path).run_test(size=(80, 24)) as pilot:
        screen, speaker, dialog = await _unsent_then(pilot, "ctrl+n")
        await pilot.press("escape")  # back to the field: nothing done
        await pilot.pause()
        assert pilot.app.screen is screen and screen.state.phase == "questions"
        assert screen.query_one("#note").value == NOTE
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("down", "enter")  # keep it as a parked thought
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmDialog)  # not everyone had a turn: asked as before
        await pilot.press("enter")
        await pilot.pause()
        assert screen.state.phase != "questions"
        [thought] = screen.state.parked
        assert (thought.author, thought.text) == (speaker, NOTE)
        assert screen.query_one("#note").value == ""
        assert stored_draft(screen) == ""
        assert not any(tr.note == NOTE for tr in screen.state.turns)


async def test_record_first_keeps_it_in_the_phase_it_was_typed_in(tmp_path) -> None:
    async with app_on_meeting_day(tmp_path).run_test(size=(80, 24)) as pilot:
        screen, speaker, dialog = await _unsent_then(pilot, "ctrl+n")
        await pilot.press("enter")  # record it for the one who has the word first
        await pilot.pause()
        [turn] = [tr for tr in screen.state.turns if tr.note == NOTE]
        assert (turn.speaker, turn.phase) == (speaker, "questions")
        if isinstance(pilot.app.screen, ConfirmDialog):
            await pilot.press("enter")
            await pilot.pause()
        assert screen.state.phase != "questions"
        assert screen.query_one("#note").value == "" and stored_draft(screen) == ""


async def test_skip_with_a_typed_note_never_moves_it_to_the_next_speaker(tmp_path) -> None:
    async with app_on_meeting_day(tmp_path).run_test(size=(80, 24)) as pilot:
        screen, speaker, dialog = await _unsent_then(pilot, "ctrl+b")
        await pilot.press("enter")  # record it as what they said, instead of skipping
        await pilot.pause()
        assert pilot.app.screen is screen
        [turn] = [tr for tr in screen.state.turns if tr.speaker == speaker and not tr.undone]
        assert (turn.note, turn.outcome.value) == (NOTE, "spoke")
        assert screen.state.next_speaker != speaker
        assert screen.query_one("#note").value == "" and stored_draft(screen) == ""


async def test_undo_with_a_typed_note_asks_and_can_delete_it_on_purpose(tmp_path) -> None:
    async with app_on_meeting_day(tmp_path).run_test(size=(80, 24)) as pilot:
        screen = await to_questions(pilot)
        await pilot.press("enter")  # the first speaker spoke
        await pilot.pause()
        await type_text(pilot, NOTE)
        await pilot.press("ctrl+r")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, ChoiceDialog)
        await pilot.press("end", "enter")  # delete the note: a choice, not a loss
        await pilot.pause()
        assert pilot.app.screen is screen
        assert screen.query_one("#note").value == "" and stored_draft(screen) == ""
        assert all(tr.undone for tr in screen.state.turns if tr.phase == "questions")


async def test_esc_in_park_a_thought_asks_before_throwing_the_typed_thought_away(tmp_path) -> None:
    from tettpa_tui.screens.parked import ParkDialog

    async with app_on_meeting_day(tmp_path).run_test(size=(80, 24)) as pilot:
        screen = await to_questions(pilot)
        await pilot.press("ctrl+y")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, ParkDialog)
        await type_text(pilot, "Et råd til refleksjonen")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmDialog)
        assert "ikke parkert" in screen_text(pilot.app)
        await pilot.press("enter")  # starts on No: the thought stays
        await pilot.pause()
        assert pilot.app.screen is dialog
        assert dialog.query_one("#text").value == "Et råd til refleksjonen"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#yes")  # yes: discard on purpose
        await pilot.pause()
        assert pilot.app.screen is screen and not screen.state.parked
        await pilot.press("ctrl+y")  # nothing typed: Esc closes at once
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is screen
