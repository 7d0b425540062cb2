"""The leader's overview: its summary counts what its list shows."""

from __future__ import annotations

from datetime import datetime

from tests.app.conftest import make_app, screen_text
from tests.conftest import TODAY
from tettpa_tui.demo import create_demo
from tettpa_tui.domain.calendar import YearMonth
from tettpa_tui.store import Store
from tettpa_tui.workspace import Workspace


async def test_a_second_story_and_a_draft_beside_a_handed_in_one_are_counted_as_listed(tmp_path) -> None:
    store = Store(tmp_path / "data")
    create_demo(store, TODAY)
    ws = Workspace(store)
    dept = store.department("Solsikken barnehage/Blåklokka")
    ingrid = dept.find_member("Ingrid Solberg")
    at = datetime(2026, 11, 30, 9, 0)
    month = YearMonth(2026, 12)
    # Ingrid has handed in; she also starts a second story (a draft) and hands in a third.
    ws.start_story(dept, ingrid, at, month=month, text="Jeg skrev enda en fortelling om morgenen.")
    ws.hand_in_new(dept, ingrid, at, "Jeg var ute med tre barn og fant en meitemark.", month)
    async with make_app(store, demo=True).run_test(size=(160, 50)) as pilot:
        await pilot.press("f")
        await pilot.pause()
        text = screen_text(pilot.app)
        # Handed in: 3 people of 5 (4 stories); drafts: Per's and Ingrid's second; nothing: Lene.
        assert "Levert: 3 av 5 (4 fortellinger)" in text
        assert "Utkast: 2" in text and "Ingenting ennå: 1" in text
        from textual.widgets import DataTable

        table = pilot.app.screen.query_one(DataTable)
        states = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert states.count("utkast") == 2 and states.count("ingenting ennå") == 1
        assert sum(s.startswith("levert") for s in states) == 4
