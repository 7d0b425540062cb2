"""The story-only face that `tettpa serve` gives a browser: own story, nothing else."""

from __future__ import annotations

import json

import pytest
from textual.screen import Screen
from textual.widgets import Input, Markdown

from tests.app.conftest import screen_text, type_text
from tests.app.test_stories import GOOD
from tests.conftest import TODAY
from tettpa_tui.domain.stories import StoryStatus
from tettpa_tui.screens.help import HelpScreen
from tettpa_tui.screens.problem import ProblemScreen
from tettpa_tui.screens.stories import StoryReadScreen
from tettpa_tui.screens.story_only import AccessCodeScreen, NameScreen
from tettpa_tui.screens.writer import StoryWriterScreen
from tettpa_tui.store import Store
from tettpa_tui.story_app import StoryApp
from tettpa_tui.widgets.check_dialog import CheckDialog
from tettpa_tui.widgets.dialogs import ChoiceDialog, ConfirmDialog
from tettpa_tui.widgets.story_editor import StoryEditor
from tettpa_tui.workspace import Workspace

# What a browser may ever see. Everything else (home, meetings, history,
# other people's stories, settings, the command palette) must stay out of reach.
ALLOWED = (NameScreen, AccessCodeScreen, StoryWriterScreen, StoryReadScreen, HelpScreen,
           CheckDialog, ConfirmDialog, ChoiceDialog, ProblemScreen)

# Every key that opens something in the full app, and then some.
KEYS = (
    [f"f{n}" for n in range(1, 13)]
    + [f"ctrl+{c}" for c in "abdefghjknoprstuvwxyz"]
    + list("msfhytokarxepdqi?[]0") + ["escape", "tab", "enter"]
)


@pytest.fixture(autouse=True)
def instant_autosave(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(StoryWriterScreen, "AUTOSAVE_SECONDS", 0)


def app_for(store: Store, dept, require_code: bool = False) -> StoryApp:
    return StoryApp(store, dept.path, require_code=require_code, today=TODAY)


def assert_only_allowed(app: StoryApp) -> None:
    for screen in app.screen_stack[1:]:
        assert isinstance(screen, ALLOWED), f"{type(screen).__name__} reached from the browser"
    assert all(type(s) is not Screen or i == 0 for i, s in enumerate(app.screen_stack))


async def test_name_then_write_and_hand_in(store: Store, dept) -> None:
    app = app_for(store, dept)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, NameScreen)
        text = screen_text(app)
        assert "Hvem er du?" in text and "Ingrid Solberg" in text and "Per Hansen" in text
        assert "tirsdag 1. desember 2026" in text
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, StoryWriterScreen)
        assert app.screen.author.name == "Per Hansen"
        app.screen.query_one(StoryEditor).insert(GOOD)  # as a paste: one change
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        (story,) = store.stories(dept)
        assert story.status is StoryStatus.SUBMITTED and story.text == GOOD
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, NameScreen)


async def test_no_key_leads_anywhere_else(store: Store, dept) -> None:
    app = app_for(store, dept)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for key in KEYS:  # from the name list
            await pilot.press(key)
            await pilot.pause()
            assert_only_allowed(app)
            while not isinstance(app.screen, NameScreen) and len(app.screen_stack) > 2:
                app.pop_screen()
                await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, StoryWriterScreen)
        for key in KEYS:  # and from the writer and whatever it opens
            if key == "escape":
                continue
            await pilot.press(key)
            await pilot.pause()
            assert_only_allowed(app)
            while not isinstance(app.screen, StoryWriterScreen):
                app.pop_screen()
                await pilot.pause()
        # There is no command palette to open.
        app.action_command_palette()
        await pilot.pause()
        assert_only_allowed(app)
        assert not any(type(s).__name__ == "CommandPalette" for s in app.screen_stack)


async def test_a_link_does_not_leave_the_page(store: Store, dept, monkeypatch: pytest.MonkeyPatch) -> None:
    from textual.widgets import Link

    opened: list[str] = []
    monkeypatch.setattr("textual.app.App.open_url", lambda self, url, **kw: opened.append(url))
    app = app_for(store, dept)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        # The writer has nothing that holds a link, and the app opens none if asked.
        assert not app.screen.query(Markdown) and not app.screen.query(Link)
        app.open_url("https://example.org/")
        await pilot.pause()
        assert opened == []
        assert isinstance(app.screen, StoryWriterScreen)


async def test_the_writer_offers_only_ones_own_stories(store: Store, dept) -> None:
    ws = Workspace(store)
    from datetime import datetime

    ingrid, per = dept.active_staff
    ws.hand_in_new(dept, ingrid, datetime(2026, 11, 2, 9), GOOD.replace("votten", "luen"))
    ws.hand_in_new(dept, per, datetime(2026, 11, 2, 9), GOOD)
    app = app_for(store, dept)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("2")  # Per
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        ids = [value for _, value in app.screen.options]
        assert all(store.story(dept, i).author_id == per.id for i in ids)


async def test_a_network_browser_must_give_the_code_first(store: Store, dept) -> None:
    Workspace(store).set_access_code(dept, "blåbær-42")
    app = app_for(store, dept, require_code=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, AccessCodeScreen)
        for key in ["1", "2", "f4", "ctrl+p", "escape", "enter"]:
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, AccessCodeScreen)
        assert store.stories(dept) == []

        await type_text(pilot, "feil-kode")
        await pilot.press("enter")
        await pilot.pause()
        assert "Feil kode" in screen_text(app)
        field = app.screen.query_one("#code", Input)
        assert field.disabled  # a pause before the next try
        app.screen._reopen()
        await pilot.pause()
        await type_text(pilot, "blåbær-42")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NameScreen)


async def test_too_many_wrong_codes_end_the_session(store: Store, dept, monkeypatch) -> None:
    import tettpa_tui.screens.story_only as so

    monkeypatch.setattr(so, "PAUSE_SECONDS", 0.01)
    Workspace(store).set_access_code(dept, "blåbær-42")
    app = app_for(store, dept, require_code=True)
    async with app.run_test() as pilot:
        await pilot.pause()
        for _ in range(so.MAX_ATTEMPTS):
            screen = app.screen
            screen._reopen()
            screen.query_one("#code", Input).value = "gjett"
            assert app.return_code is None  # still open
            await pilot.press("enter")
            await pilot.pause()
        assert "for mange ganger" in screen_text(app)
        for _ in range(200):  # until the short timer has closed the session
            if app.return_code is not None:
                break
            await pilot.pause(0.01)
        assert app.return_code == 0


async def test_without_a_code_set_a_network_browser_gets_a_calm_refusal(store: Store, dept) -> None:
    app = app_for(store, dept, require_code=True)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProblemScreen)
        assert "ingen tilgangskode" in screen_text(app)


async def test_unknown_department_is_one_line(store: Store, dept) -> None:
    app = StoryApp(store, "Finnes/Ikke", require_code=False, today=TODAY)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProblemScreen)
        assert "Finner ingen avdeling" in screen_text(app)


def test_only_a_hash_of_the_code_is_kept(store: Store, dept, data_dir) -> None:
    ws = Workspace(store)
    ws.set_access_code(dept, "blåbær-42")
    raw = (store.department_dir(dept.kindergarten, dept.name) / "department.json").read_text()
    assert "blåbær-42" not in raw and "bl\\u00e5b\\u00e6r-42" not in raw
    assert json.loads(raw)["access"]["1"]["algorithm"] == "pbkdf2-sha256"
    assert ws.access_code_matches(dept, "blåbær-42")
    assert not ws.access_code_matches(dept, "blåbær-43")
    ws.set_access_code(dept, None)
    assert not ws.access_code_matches(dept, "blåbær-42")


async def test_the_leader_sets_the_code_on_the_home_screen(store: Store, dept) -> None:
    from tests.app.conftest import make_app
    from tettpa_tui.widgets.dialogs import TextPrompt

    app = make_app(store)
    ws = Workspace(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await type_text(pilot, "kort")
        await pilot.press("enter")
        await pilot.pause()
        assert not ws.has_access_code(dept)  # too short: refused, asked again
        assert isinstance(app.screen, TextPrompt)
        await type_text(pilot, "tyttebær")
        await pilot.press("enter")
        await pilot.pause()
        assert ws.access_code_matches(dept, "tyttebær")
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("enter")  # empty: remove it
        await pilot.pause()
        assert not ws.has_access_code(dept)


async def test_closing_the_tab_keeps_the_last_words(store: Store, dept, monkeypatch) -> None:
    """A closed tab makes textual-serve ask the app to exit: what was typed is on disk."""
    from textual import messages

    monkeypatch.setattr(StoryWriterScreen, "AUTOSAVE_SECONDS", 3600)  # no autosave in time
    app = app_for(store, dept)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        await type_text(pilot, "Jeg skrev dette rett før fanen ble lukket")
        app.post_message(messages.ExitApp())
        await pilot.pause()
    (story,) = store.stories(dept)
    assert story.text == "Jeg skrev dette rett før fanen ble lukket"


async def test_choosing_english_remembers_it_and_starts_again(store: Store, dept) -> None:
    from tests.app.conftest import make_app
    from tettpa_tui.app import RESTART

    app = make_app(store)
    async with app.run_test() as pilot:
        await pilot.pause()
        app.action_language()
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("down", "enter")
        await pilot.pause()
    assert app.return_value == (RESTART, "en")
    assert store.setting("language") == "en"


async def test_choosing_the_same_language_changes_nothing(store: Store, dept) -> None:
    from tests.app.conftest import make_app

    app = make_app(store)
    async with app.run_test() as pilot:
        await pilot.pause()
        app.action_language()
        await pilot.pause()
        await pilot.press("enter")  # bokmål, as now
        await pilot.pause()
        assert app.return_value is None and app.is_running
    assert store.setting("language") is None


async def test_switching_language_on_the_first_screen_asks_before_dropping_the_form(store: Store) -> None:
    from tests.app.conftest import make_app

    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await type_text(pilot, "Solsikken")
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#kindergarten", Input).value == "Solsikken"
        assert store.setting("language") is None


async def test_when_the_server_is_gone_the_app_saves_and_ends(store: Store, dept, monkeypatch) -> None:
    monkeypatch.setattr(StoryWriterScreen, "AUTOSAVE_SECONDS", 3600)  # no autosave in time
    app = app_for(store, dept)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        await type_text(pilot, "Jeg skrev")
        app._check_server()  # the server is still there: nothing happens
        assert app.return_code is None
        app._server_pid = -1  # as if the server had been killed (the app has a new parent)
        app._check_server()
        await pilot.pause()
    (story,) = store.stories(dept)
    assert story.text == "Jeg skrev" and app.return_code == 0


async def test_a_story_of_only_invisible_characters_is_not_handed_in(store: Store, dept) -> None:
    """The same rule as the app and the CLI: zero-width spaces and the like are nothing written."""
    app = app_for(store, dept)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        writer = app.screen
        writer.query_one(StoryEditor).insert("\u200b\u200b\ufeff\u2060 \n")
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert app.screen is writer
        assert all(s.status is StoryStatus.DRAFT for s in store.stories(dept))
        assert any("tom" in n.message for n in app._notifications)
