"""The leader's overview: its summary counts what its list shows."""

from __future__ import annotations

from datetime import datetime

from tests.app.conftest import make_app, screen_text
from tests.conftest import TODAY
from tettpa_tui.services.demo import create_demo
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


async def test_the_hand_in_date_is_shown_set_by_the_department_and_a_late_story_marked(tmp_path) -> None:
    from textual.widgets import DataTable, Input

    from tests.app.conftest import type_text
    from tettpa_tui.screens.writer import StoryWriterScreen

    store = Store(tmp_path / "data")
    create_demo(store, TODAY)
    ws = Workspace(store)
    dept = store.department("Solsikken barnehage/Blåklokka")
    lene = dept.find_member("Lene Dahl")
    # Lene hands in on the morning of the meeting (1 December): after the date, and taken all the same.
    ws.hand_in_new(dept, lene, datetime(2026, 12, 1, 8, 0), "Jeg satt med to barn i sandkassen.", YearMonth(2026, 12))
    async with make_app(store, demo=True).run_test(size=(160, 50)) as pilot:
        await pilot.press("f")
        await pilot.pause()
        text = screen_text(pilot.app)
        assert "Lever innen fredag 27. november 2026 (4 dager før møtet)" in text  # 3 days: Saturday, so Friday
        table = pilot.app.screen.query_one(DataTable)
        rows = {str(table.get_row_at(i)[0]): str(table.get_row_at(i)[1]) for i in range(table.row_count)}
        assert rows["Lene Dahl"].endswith("etter fristen")
        assert not any(v.endswith("etter fristen") for k, v in rows.items() if k != "Lene Dahl")
        await pilot.press("l")  # the department changes it: a week before
        await pilot.pause()
        pilot.app.screen.query_one(Input).value = ""
        await type_text(pilot, "x")
        await pilot.press("enter")
        await pilot.pause()
        assert store.department(dept.path).hand_in_days == 3  # refused, said, nothing changed
        await pilot.press("l")
        await pilot.pause()
        pilot.app.screen.query_one(Input).value = ""
        await type_text(pilot, "7")
        await pilot.press("enter")
        await pilot.pause()
        assert store.department(dept.path).hand_in_days == 7
        assert "Lever innen tirsdag 24. november 2026 (7 dager før møtet)" in screen_text(pilot.app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("s")  # the writer says it too
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        if isinstance(pilot.app.screen, StoryWriterScreen):
            assert "Lever innen tirsdag 24. november 2026" in screen_text(pilot.app)
        else:  # a chooser of names first
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(pilot.app.screen, StoryWriterScreen)
            assert "Lever innen tirsdag 24. november 2026" in screen_text(pilot.app)
