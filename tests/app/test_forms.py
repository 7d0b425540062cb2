"""Forms: Esc with typed text asks first, the samarbeidsmøte remembers who came, the
observation's feedback is exported as feedback, and the welcome form's age groups and keys."""

from __future__ import annotations

from datetime import date, datetime

from textual.widgets import Input, TextArea

from tests.app.conftest import make_app, screen_text, type_text
from tests.unit.test_observation import TODDLER_1
from tettpa_tui.domain import cooperation as co
from tettpa_tui.i18n import t
from tettpa_tui.screens.cooperation import CooperationForm
from tettpa_tui.store import Store
from tettpa_tui.widgets.dialogs import ChoiceDialog, ConfirmDialog
from tettpa_tui.workspace import Workspace


async def open_cooperation_form(pilot, app, dept) -> CooperationForm:
    app.push_screen(CooperationForm(dept))
    await pilot.pause()
    assert isinstance(app.screen, CooperationForm)
    return app.screen


async def test_esc_in_a_half_typed_samarbeidsmote_asks_and_keeps_the_text(store: Store, dept) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_cooperation_form(pilot, app, dept)
        await type_text(pilot, "Vi snakket om overgangene")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert app.screen.focused.id == "no"  # Enter keeps the form
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#discussed", TextArea).text == "Vi snakket om overgangene"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("left", "enter")  # yes: throw it away
        await pilot.pause()
        assert not isinstance(app.screen, (CooperationForm, ConfirmDialog))


async def test_esc_in_an_untouched_form_leaves_at_once(store: Store, dept) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_cooperation_form(pilot, app, dept)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, (CooperationForm, ConfirmDialog))


async def test_the_samarbeidsmote_form_remembers_who_came_last_time(store: Store, dept) -> None:
    came = ("Mona Mentor", "Kari Styrer", "Per [b]Gjest[/b]")
    store.save_cooperation_meeting(dept.kindergarten, co.new_meeting(date(2026, 10, 1), list(came), "Oktober", [], [],
                                                                       datetime(2026, 10, 1, 12)))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_cooperation_form(pilot, app, dept)
        assert form.query_one("#who", Input).value == ", ".join(came)


def test_last_attendees_are_those_of_the_latest_meeting() -> None:
    old = co.new_meeting(date(2026, 9, 1), ["A"], "Mål", [], [], datetime(2026, 9, 1, 12))
    new = co.new_meeting(date(2026, 10, 1), ["B", "C"], "Mål", [], [], datetime(2026, 10, 1, 12))
    assert co.last_attendees([new, old]) == ("B", "C")
    assert co.last_attendees([]) == ()


async def test_the_observations_feedback_is_not_exported_as_minutes(store: Store, dept) -> None:
    from tettpa_tui.screens.observations import ObservationScreen

    obs = Workspace(store).record_observation(dept, date(2026, 10, 14), "Olsen", [TODDLER_1],
                                              datetime(2026, 10, 14, 12))
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(ObservationScreen(dept, obs))
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        text = screen_text(app)
        assert t("obs.export_title") in text and t("history.export_title") not in text


async def test_esc_in_the_development_plan_with_typed_goals_asks(store: Store, dept) -> None:
    from tettpa_tui.screens.observations import PlanScreen

    obs = Workspace(store).record_observation(dept, date(2026, 10, 14), "Olsen", [TODDLER_1],
                                              datetime(2026, 10, 14, 12))
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(PlanScreen(dept, obs))
        await pilot.pause()
        app.screen.query_one("#goals", TextArea).focus()
        await type_text(pilot, "Flere åpne spørsmål")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)


async def test_the_welcome_forms_age_group_shows_where_the_arrows_are(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_text(pilot, "Solsikken")
        await pilot.press("enter")
        await type_text(pilot, "Blåklokka")
        await pilot.press("enter")  # to the age groups
        await pilot.pause()
        await pilot.press("right")  # on Storbarn, not chosen yet
        await pilot.pause()
        rows = screen_text(app).splitlines()
        row = next(r for r in rows if t("age_group.toddler") in r)
        assert f"▸ {t('age_group.preschool')}" in row  # seen without colour
        assert f"▸ {t('age_group.toddler')}" not in row


async def test_the_welcome_forms_key_bar_shows_remove_only_on_the_staff_list(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        remove = t("welcome.remove_staff")
        app.screen.query_one("#age_group").focus()
        await pilot.pause()
        assert remove not in screen_text(app).splitlines()[-1]  # on the age groups
        app.screen.query_one("#staff-name", Input).focus()
        await type_text(pilot, "Ingrid Solberg")
        await pilot.press("enter")
        await pilot.pause()
        assert remove not in screen_text(app).splitlines()[-1]  # on the name field
        app.screen.query_one("#staff-list").focus()
        await pilot.pause()
        assert remove in screen_text(app).splitlines()[-1]
