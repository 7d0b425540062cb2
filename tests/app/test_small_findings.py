"""Small findings of the first real month: the language choice marks the one in use (and says
so when it is chosen again); every line of the help starts as a sentence does."""

from __future__ import annotations

from datetime import date

from textual.widgets import OptionList

from tests.app.conftest import make_app, screen_text
from tests.conftest import TODAY
from tettpa_tui.services.demo import create_demo
from tettpa_tui.screens.help import HelpScreen, bindings_of
from tettpa_tui.store import Store
from tettpa_tui.widgets.dialogs import ChoiceDialog


async def test_the_language_choice_marks_the_language_in_use(tmp_path) -> None:
    store = Store(tmp_path / "data")
    create_demo(store, TODAY)
    app = make_app(store, today=date(2026, 12, 1))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_language()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        prompts = [str(dialog.query_one(OptionList).get_option_at_index(i).prompt) for i in range(2)]
        assert prompts[0] == "Norsk (bokmål) (i bruk nå)" and prompts[1] == "English"
        await pilot.press("enter")  # the one in use: said, nothing restarts
        await pilot.pause()
        assert any("allerede på Norsk (bokmål)" in n.message for n in app._notifications)
        assert app.is_running


async def test_every_help_line_on_the_home_screen_starts_with_a_capital(tmp_path) -> None:
    store = Store(tmp_path / "data")
    create_demo(store, TODAY)
    app = make_app(store, today=date(2026, 12, 1))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        rows = bindings_of(app.screen)
        assert any(label == "i" for label, _, _ in rows)
        for label, what, _ in rows:
            assert what[:1] == what[:1].upper(), (label, what)
