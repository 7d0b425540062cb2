"""The meeting without F-keys and with the mouse: Ctrl keys, the list of everything, the story choice."""

from __future__ import annotations

from datetime import date, datetime

from textual.widgets import OptionList

from tests.app.conftest import make_app, screen_text, type_text
from tests.conftest import TODAY
from tettpa_tui.services.demo import create_demo
from tettpa_tui.domain.meeting import Stage
from tettpa_tui.screens.meeting import MeetingScreen
from tettpa_tui.screens.meeting_dialogs import StoryPickDialog
from tettpa_tui.screens.writer import StoryWriterScreen
from tettpa_tui.store import Store
from tettpa_tui.widgets.dialogs import ChoiceDialog, TextPrompt

NOW = datetime(2026, 12, 1, 13, 0)


def app_on_meeting_day(tmp_path):
    store = Store(tmp_path / "data")
    create_demo(store, TODAY)
    return make_app(store, today=date(2026, 12, 1), clock=lambda: NOW)


def prompts(dialog) -> list[str]:
    stories = dialog.query_one("#stories", OptionList)
    return [str(stories.get_option_at_index(i).prompt) for i in range(stories.option_count)]


async def test_choosing_stories_shows_the_order_in_words_not_colour(tmp_path) -> None:
    async with app_on_meeting_day(tmp_path).run_test(size=(80, 24)) as pilot:
        await pilot.press("m", "ctrl+s", "ctrl+n")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, StoryPickDialog)
        assert all(p.startswith("[ ] ") for p in prompts(dialog))
        await pilot.press("down", "space", "up", "space")
        marks = [p[:3] for p in prompts(dialog)]
        assert marks == ["[2]", "[1]", "[ ]"]
        await pilot.press("down", "space")  # taken out again: the order closes up
        assert [p[:3] for p in prompts(dialog)] == ["[1]", "[ ]", "[ ]"]
        await pilot.click("#stories", offset=(4, 3))  # a click on the second story (two lines each) chooses it
        await pilot.pause()
        assert [p[:3] for p in prompts(dialog)] == ["[1]", "[2]", "[ ]"]


async def test_a_whole_round_with_ctrl_keys_only(tmp_path) -> None:
    async with app_on_meeting_day(tmp_path).run_test(size=(80, 24)) as pilot:
        await pilot.press("m", "ctrl+s", "ctrl+n", "space", "tab", "enter")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, MeetingScreen) and screen.state.stage is Stage.STORY
        await pilot.press("ctrl+n")  # on to the clarifying questions
        await pilot.pause()
        first = screen.state.next_speaker
        await type_text(pilot, "Hva skjedde?")
        await pilot.press("enter")
        await pilot.press("ctrl+o")  # pass
        await pilot.press("ctrl+r")  # undo the pass
        await pilot.pause()
        assert [t.outcome.value for t in screen.state.turns if not t.undone] == ["spoke"]
        assert screen.state.turns[0].speaker == first
        await pilot.press("ctrl+b")  # skip asks for a reason
        await pilot.pause()
        assert isinstance(pilot.app.screen, TextPrompt)
        await pilot.press("escape", "ctrl+g")  # the cues hide
        await pilot.pause()
        assert not screen.query_one("#cues").display
        await pilot.press("ctrl+s")  # projector
        assert screen.has_class("-projector")
        await pilot.press("ctrl+s", "ctrl+f")  # everything allowed now, in a list
        await pilot.pause()
        menu = pilot.app.screen
        assert isinstance(menu, ChoiceDialog)
        labels = [label for label, _ in menu.options]
        assert any("Ctrl+O" in label for label in labels) and any("F10" in label for label in labels)
        assert not any("Ctrl+F" in label for label in labels)
        order = next(value for _, value in menu.options if value == "order")
        await pilot.press(*["down"] * [v for _, v in menu.options].index(order), "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ChoiceDialog)  # rotate or shuffle: the order's own question
        await pilot.press("escape")
        text = screen_text(pilot.app)
        assert "^o" in text and "^n" in text  # the key bar shows the keys that need no Fn


async def test_help_lines_run_their_action_on_a_click_or_enter(tmp_path) -> None:
    async with app_on_meeting_day(tmp_path).run_test(size=(80, 24)) as pilot:
        await pilot.press("m", "ctrl+s", "f1")
        await pilot.pause()
        help_screen = pilot.app.screen
        keys = help_screen.query_one("#keys", OptionList)
        ids = [keys.get_option_at_index(i).id for i in range(keys.option_count)]
        nxt = ids.index(next(i for i, (_, action) in help_screen._actions.items() if action == "next"))
        keys.highlighted = nxt
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, StoryPickDialog)


async def test_the_writer_checks_changes_dimension_and_lists_stories_without_f_keys(tmp_path) -> None:
    async with app_on_meeting_day(tmp_path).run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "down", "down", "down", "enter")
        await pilot.pause()
        writer = pilot.app.screen
        assert isinstance(writer, StoryWriterScreen)
        for key in ("ctrl+r", "ctrl+b", "ctrl+o", "ctrl+f"):
            await pilot.press(key)
            await pilot.pause()
            assert pilot.app.screen is not writer, key  # each opens its dialog
            await pilot.press("escape")
            await pilot.pause()
            assert pilot.app.screen is writer
        assert "^r" in screen_text(pilot.app)
