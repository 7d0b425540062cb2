"""Samarbeidsmøter in the kindergarten view: record, and open agreements coming back."""

from __future__ import annotations

from textual.widgets import SelectionList, TextArea

from tests.app.conftest import make_app, screen_text
from tests.conftest import TODAY
from tettpa_tui.services.demo import create_demo
from tettpa_tui.domain import cooperation as co
from tettpa_tui.screens.cooperation import CooperationForm, CooperationRecord, CooperationScreen
from tettpa_tui.screens.history import KindergartenScreen
from tettpa_tui.store import Store

KG = "Solsikken barnehage"
HOSTILE = "[@click=app.quit]x[/] [b]"


async def test_record_a_cooperation_meeting_and_follow_up_its_agreements(store: Store) -> None:
    create_demo(store, TODAY)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, KindergartenScreen)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CooperationScreen)
        assert "Ingen samarbeidsmøter" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, CooperationForm)
        assert "Mona Mentor" in form.query_one("#who").value  # the mentor is suggested
        await pilot.press("ctrl+s")  # nothing discussed or agreed
        await pilot.pause()
        assert "minst én avtale" in screen_text(app)
        form.query_one("#discussed", TextArea).text = "Oppstart " + HOSTILE
        form.query_one("#agreements", TextArea).text = "Sette av tid i pedagogmøtet\n" + HOSTILE
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CooperationScreen)
        text = screen_text(app)
        assert "Åpne avtaler" in text and "Sette av tid i pedagogmøtet" in text and HOSTILE in text
        await pilot.press("n")  # the next meeting: the open agreements come back
        await pilot.pause()
        form = app.screen
        chooser = form.query_one("#done", SelectionList)
        assert chooser.option_count == 2
        chooser.select(chooser.get_option_at_index(0).value)  # the first is carried out
        form.query_one("#discussed", TextArea).text = "Status"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CooperationScreen)
        await pilot.press("enter")  # the newest meeting's record
        await pilot.pause()
        assert isinstance(app.screen, CooperationRecord)
        assert "gjennomført" in screen_text(app) and "ikke ennå" in screen_text(app)
    kept = store.cooperation_meetings(KG)
    assert [a.text for a in co.open_agreements(kept)] == [HOSTILE]
