"""What directors track in the app: CLASS certification (k, then s), the observer chosen from
those certified, and the oral feedback to the whole department."""

from __future__ import annotations

from datetime import date, datetime

from textual.widgets import Markdown

from tests.app.conftest import make_app, screen_text, type_text
from tests.conftest import TODAY
from tests.unit.test_observation import TODDLER_1
from tettpa_tui.services.demo import create_demo
from tettpa_tui.domain.classframework import Instrument
from tettpa_tui.screens.certification import CertificationScreen
from tettpa_tui.screens.history import KindergartenScreen
from tettpa_tui.screens.observations import ObservationScreen, ObservationsScreen
from tettpa_tui.store import Store
from tettpa_tui.widgets.dialogs import ChoiceDialog, TextPrompt
from tettpa_tui.workspace import Workspace

KG = "Solsikken barnehage"


async def test_the_overview_warns_of_a_recertification_due_and_a_new_one_is_recorded(store: Store) -> None:
    create_demo(store, TODAY)  # Ingrid Solberg's Toddler certification is due in three weeks
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, KindergartenScreen)
        assert "⚠ Ingrid Solberg (Toddler) må resertifiseres innen 21.12.2026." in screen_text(app)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, CertificationScreen)
        text = screen_text(app)
        assert "Marte Lunde" in text and "⚠ snart" in text
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        options = [str(o.prompt) for o in app.screen.query_one("OptionList").options]
        assert "Ingrid Solberg (Pedagogisk leder)" in options  # a staff member of the kindergarten
        await pilot.press(*["down"] * options.index("Ingrid Solberg (Pedagogisk leder)"), "enter")
        await pilot.pause()
        await pilot.press("enter")  # Toddler, the first instrument
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await pilot.press("enter")  # today
        await pilot.pause()
        assert "⚠" not in screen_text(app).split("Ingrid Solberg")[1].splitlines()[0]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, KindergartenScreen)
        assert "må resertifiseres" not in screen_text(app)  # recertified: nothing due
        assert "CLASS-sertifisert: Ingrid Solberg, Marte Lunde." in screen_text(app)
    certs = Workspace(store).certifications(KG)
    assert [(c.name, c.instrument, c.due) for c in certs if c.name == "Ingrid Solberg"] == [
        ("Ingrid Solberg", Instrument.TODDLER, date(2027, 11, 30))]


async def test_the_observer_is_chosen_from_those_certified_and_oral_feedback_is_recorded(store: Store) -> None:
    create_demo(store, TODAY)  # the app opens on Blåklokka (Toddler): Ingrid Solberg is certified for it
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ObservationsScreen)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("enter")  # today
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        options = [str(o.prompt) for o in app.screen.query_one("OptionList").options]
        assert options == ["Ingrid Solberg", "Observatør utenfra barnehagen …"]  # Marte Lunde: Pre-K only
        await pilot.press("enter")
        await pilot.pause()
        grid = app.screen
        assert isinstance(grid, ObservationScreen) and grid.obs.observer == "Ingrid Solberg"
        assert not grid.obs.external
        text = grid.query_one(Markdown).source
        assert "Ingrid Solberg (fra barnehagen)" in text
        assert "Muntlig tilbakemelding til hele avdelingen:** ikke registrert ennå (m)" in text
        await pilot.press(*"54445323")  # one cycle: the observation is saved
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await pilot.press("enter")  # today
        await pilot.pause()
        assert "Muntlig tilbakemelding til hele avdelingen:** mandag 30. november 2026" in grid.query_one(Markdown).source
    dept = next(d for d in store.list_departments() if d.name == "Blåklokka")
    saved = [o for o in store.observations(dept) if o.observer == "Ingrid Solberg"]
    assert saved and saved[0].oral_feedback == TODAY


async def test_the_demos_observation_shows_its_external_observer_and_oral_feedback_in_english(store: Store) -> None:
    from tettpa_tui.i18n import set_language

    set_language("en")
    try:
        create_demo(store, TODAY)
        dept = next(d for d in store.list_departments() if d.name == "Blåklokka")
        (obs,) = store.observations(dept)
        from tettpa_tui.screens.observations import results_markdown

        text = results_markdown(Workspace(store), dept, obs)
        assert "Siri Observatør (external)" in text
        assert "Oral feedback to the whole department:** Wednesday 21 October 2026" in text
    finally:
        set_language("nb")


def test_the_overviews_warning_lines_for_due_and_lapsed(store: Store, dept) -> None:
    from tettpa_tui.screens.certification import warning_lines

    ws = Workspace(store)
    at = datetime(2026, 11, 30, 12)
    ws.add_certification("Solsikken", "Ingrid Solberg", Instrument.TODDLER, date(2025, 11, 1), None, at)
    assert warning_lines(ws, "Solsikken", TODAY) == [
        "⚠ Ingrid Solberg (Toddler): sertifiseringen gikk ut 01.11.2026."]
    ws.add_certification("Solsikken", "Ingrid Solberg", Instrument.TODDLER, date(2026, 11, 15), None, at)
    assert warning_lines(ws, "Solsikken", TODAY) == []  # recertified
