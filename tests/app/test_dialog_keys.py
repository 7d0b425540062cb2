"""Questions and dialogs by keyboard: Left/Right between the buttons, the focused one seen
without colour, a hard-to-undo yes that starts on no, and the name check's Tab order and keys."""

from __future__ import annotations

from datetime import date, datetime

from textual.containers import ScrollableContainer
from textual.widgets import Button, Footer, Input

from tests.app.conftest import make_app, screen_text, type_text
from tests.conftest import TODAY
from tettpa_tui.services.demo import create_demo
from tettpa_tui.i18n import t
from tettpa_tui.screens.help import HelpScreen
from tettpa_tui.store import Store
from tettpa_tui.widgets.check_dialog import CheckDialog
from tettpa_tui.widgets.dialogs import ConfirmDialog


def demo_app(tmp_path, today=TODAY):
    store = Store(tmp_path / "data")
    create_demo(store, today)
    fixed = datetime.combine(today, datetime.min.time()).replace(hour=13)
    return make_app(store, today=today, clock=lambda: fixed)


async def ask(pilot, app, destructive: bool):
    answers: list[bool] = []
    app.push_screen(ConfirmDialog("Sikker?", destructive=destructive), answers.append)
    await pilot.pause()
    return answers


async def test_left_and_right_move_between_yes_and_no(tmp_path) -> None:
    app = demo_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        answers = await ask(pilot, app, destructive=False)
        assert app.screen.focused.id == "yes"
        await pilot.press("right")
        assert app.screen.focused.id == "no"
        await pilot.press("enter")
        assert answers == [False]

        answers = await ask(pilot, app, destructive=True)
        assert app.screen.focused.id == "no"
        await pilot.press("left", "enter")  # the report: Left then Enter did nothing
        await pilot.pause()
        assert answers == [True]


async def test_the_focused_button_is_marked_in_its_text(tmp_path) -> None:
    """Seen in a screenshot without colour: the focused answer carries ▸ … ◂, the other not."""
    app = demo_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, app, destructive=True)
        text = screen_text(app)
        no, yes = t("confirm.no"), t("confirm.yes")
        assert f"▸ {no} ◂" in text and f"▸ {yes}" not in text
        await pilot.press("left")
        text = screen_text(app)
        assert f"▸ {yes} ◂" in text and f"▸ {no}" not in text


async def test_a_second_meeting_in_a_month_starts_on_no(tmp_path) -> None:
    """The month's meeting was started on another laptop meanwhile: starting another one
    for the same month asks, and Enter says no."""
    from datetime import datetime

    from tettpa_tui.domain.calendar import YearMonth
    from tettpa_tui.screens.meeting_setup import MeetingSetupScreen
    from tettpa_tui.workspace import Workspace

    app = demo_app(tmp_path, today=date(2026, 12, 7))  # the demo held December's on the 1st: January is next
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(MeetingSetupScreen(app.department))
        await pilot.pause()
        dept = app.department
        Workspace(app.store).start_meeting(dept, date(2026, 12, 7), "learning-formats", dept.active_staff[0],
                                           list(dept.active_staff), [], datetime(2026, 12, 7, 10, 0),
                                           month=YearMonth(2027, 1))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert app.screen.focused.id == "no"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingSetupScreen)  # nothing started


async def open_check(pilot, app) -> CheckDialog:
    await pilot.press("s", "down", "down", "down", "enter")  # Lene writes
    await pilot.pause()
    await type_text(pilot, "Emma og Jonas lekte i sandkassen.")
    await pilot.press("ctrl+r")
    await pilot.pause()
    assert isinstance(app.screen, CheckDialog)
    return app.screen


async def test_tab_in_the_name_check_stops_only_on_buttons(tmp_path) -> None:
    """Every Tab stop is a button a user sees: no stop on the scrolling list itself."""
    app = demo_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_check(pilot, app)
        assert not any(w.focusable for w in dialog.query(ScrollableContainer))
        seen = []
        for _ in range(len(dialog.query(Button))):
            await pilot.press("tab")
            assert isinstance(dialog.focused, Button), dialog.focused
            seen.append(dialog.focused.id)
        first = seen[0]  # the first name's first replacement word comes right after "Rett opp"
        assert first.startswith("rep-") and first.endswith("-1")
        row = first.split("-")[1]
        assert seen[-1] == "fix"  # round again
        await pilot.press("tab", "right")
        assert dialog.focused.id == f"rep-{row}-2"
        await pilot.press("left", "left")
        assert dialog.focused.id == f"show-{row}"  # round to the row's last button


async def test_the_name_check_has_a_key_bar_and_f1_shows_its_keys(tmp_path) -> None:
    app = demo_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_check(pilot, app)
        assert dialog.query(Footer)
        text = screen_text(app)
        assert t("writer.check.fix") in text.split("\n")[-2] or f"esc {t('writer.check.fix')}" in text
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(screen_text(app).split())
        assert t("keys.button_left") in text and t("writer.check.next_help") in text
