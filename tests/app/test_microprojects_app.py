"""A leader's mikroprosjekt: set up beside the development plan, shown in the meeting's
opening until closed, counted in the kindergarten overview."""

from __future__ import annotations

from textual.widgets import Input

from tests.app.conftest import make_app, screen_text, type_text
from tests.conftest import TODAY
from tettpa_tui.services.demo import create_demo
from tettpa_tui.screens.history import KindergartenScreen
from tettpa_tui.screens.meeting import microproject_block
from tettpa_tui.screens.microprojects import MicroProjectForm, MicroProjectsScreen
from tettpa_tui.store import Store
from tettpa_tui.widgets.dialogs import ChoiceDialog, TextPrompt
from tettpa_tui.workspace import Workspace

HOSTILE = "[@click=app.quit]x[/] [b]"


async def test_set_up_and_close_a_mikroprosjekt(store: Store, dept) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("o", "m")
        await pilot.pause()
        assert isinstance(app.screen, MicroProjectsScreen)
        assert "Ingen mikroprosjekter ennå." in screen_text(app)
        await pilot.press("n")  # one leader: straight to the form
        await pilot.pause()
        form = app.screen
        assert isinstance(form, MicroProjectForm)
        await type_text(pilot, HOSTILE)
        form.query_one("#review", Input).value = "2027-02-01"
        await pilot.press("enter")  # no goal: refused, nothing saved
        await pilot.pause()
        assert "trenger en tittel og et mål" in screen_text(app) and store.microprojects(dept) == []
        form.query_one("#goal", Input).value = "Alle barna deltar i samlingen."
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MicroProjectsScreen)
        assert HOSTILE in screen_text(app) and "pågår" in screen_text(app)
        (saved,) = store.microprojects(dept)
        assert saved.title == HOSTILE and saved.leader_id == dept.staff[0].id
        await pilot.press("enter")  # review it
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")  # done
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await type_text(pilot, "Det virket.")
        await pilot.press("enter")
        await pilot.pause()
        assert "gjennomført" in screen_text(app)
    (closed,) = store.microprojects(dept)
    assert closed.status == "done" and closed.review_note == "Det virket."


async def test_the_demos_mikroprosjekt_in_the_opening_and_the_overview(store: Store) -> None:
    create_demo(store, TODAY)
    ws = Workspace(store)
    dept = next(d for d in store.list_departments() if d.name == "Blåklokka")
    block = microproject_block(ws, dept)
    assert block.startswith("## Mikroprosjekt") and "Samlingsstund som alle kan delta i" in block
    assert "Ingrid Solberg" in block
    other = next(d for d in store.list_departments() if d.name == "Tyttebæret")
    assert microproject_block(ws, other) == ""
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, KindergartenScreen)
        assert "Mikroprosjekter: 1 pågår, 0 avsluttet." in screen_text(app)
    (project,) = store.microprojects(dept)
    ws.close_microproject(dept, project.id, "stopped", "")
    assert microproject_block(ws, dept) == ""  # closed: no longer in the opening
