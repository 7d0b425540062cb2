"""Meetings and their record, search, the year view, participation, the palette."""

from __future__ import annotations

from datetime import date, datetime

from textual.widgets import DataTable, Input

from tests.app.conftest import make_app, screen_text, type_text
from tests.conftest import TODAY, posix_only
from tettpa_tui.services.demo import create_demo
from tettpa_tui.domain.calendar import YearMonth
from tettpa_tui.screens.history import (
    MeetingRecordScreen,
    MeetingsScreen,
    ParticipationScreen,
    SearchScreen,
    YearScreen,
    bar,
)
from tettpa_tui.screens.home import HomeScreen
from tettpa_tui.store import Store
from tettpa_tui.widgets.dialogs import ChoiceDialog, PlanMonthDialog, TextPrompt
from tettpa_tui.workspace import Workspace

PATH = "Solsikken barnehage/Blåklokka"


@posix_only
async def test_meetings_list_and_the_whole_record(store: Store, tmp_path) -> None:
    create_demo(store, TODAY)
    app = make_app(store)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, MeetingsScreen)
        assert "03.11.2026" in screen_text(app) and "avsluttet" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        record = app.screen
        assert isinstance(record, MeetingRecordScreen)
        text = screen_text(app)
        assert "Oppklarende spørsmål" in text and "Hva gjorde de andre barna" in text
        assert "Det var garderobetid" not in text  # the stories only on request
        await pilot.press("t")
        await pilot.pause()
        assert "Det var garderobetid" in screen_text(app)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("down", "enter")  # HTML
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, TextPrompt)
        target = tmp_path / "referat.html"
        prompt.query_one(Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
    page = target.read_text(encoding="utf-8")
    assert "Hva gjorde de andre barna" in page and "Det var garderobetid" in page
    assert oct(target.stat().st_mode & 0o777) == "0o600"


async def test_search_highlights_and_jumps_to_the_meeting(store: Store) -> None:
    create_demo(store, TODAY)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await type_text(pilot, "tre sekunder")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        assert sorted(str(r[1]) for r in rows) == ["mål", "notat"]  # the goal, and a closing note
        goal = next(r for r in rows if str(r[1]) == "mål")
        assert str(goal[2]) == "Ingrid Solberg"
        assert [str(goal[3])[s.start:s.end] for s in goal[3].spans] == ["tre sekunder"]
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingRecordScreen)
        await pilot.press("escape")
        await pilot.pause()
        app.screen.query_one("#query", Input).value = "finnes ikke i noe"
        await pilot.pause()
        assert "Ingen treff" in screen_text(app)


async def test_year_view_of_an_incomplete_year_and_editing_it(store: Store) -> None:
    create_demo(store, TODAY)
    app = make_app(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, YearScreen)
        table = app.screen.query_one(DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert len(rows) == 11
        assert rows[0][0] == "August 2026" and rows[0][2] == "ikke holdt"
        assert rows[3][2] == "holdt" and rows[3][3] == "2"  # November: held, two stories
        assert rows[4][2] == "" and rows[4][3] == "3"  # December: ahead, three handed in so far
        assert rows[4][5] == "Veiledning og reguleringsstøtte"
        assert "TETT PÅ – år 3" in screen_text(app)  # the demo's pool started August 2024
        # The programme's own events in their month: year 3's Snakke med barn modules.
        assert rows[1][5] == "Ansattes sensitivitet\n◆ Snakke med barn: modul 1 av 7"
        assert rows[5][5].endswith("◆ Snakke med barn: modul 4 av 7")  # January
        table.move_cursor(row=7)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, PlanMonthDialog)
        app.screen.query_one("#date", Input).value = "2027-03-09"
        app.screen.query_one("#date", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, YearScreen)
        assert str(app.screen.query_one(DataTable).get_row_at(7)[1]) == "09.03. *"  # the year is in the month column
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "2027/28" in screen_text(app)
    ws = Workspace(store)
    dept = store.department(PATH)
    assert ws.wheel(dept, YearMonth(2027, 3).kindergarten_year).month(YearMonth(2027, 3)).meeting_date == \
        date(2027, 3, 9)


async def test_participation_bars(store: Store) -> None:
    create_demo(store, TODAY)
    app = make_app(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, ParticipationScreen)
        table = app.screen.query_one(DataTable)
        by_name = {str(table.get_row_at(i)[0]): [str(c) for c in table.get_row_at(i)] for i in range(table.row_count)}
        assert by_name["Lene Dahl"][1].endswith(" 0")  # nothing handed in yet this year
        assert by_name["Amina Yusuf"][2].endswith(" 1")  # told her story in November
    assert bar(0, 4) == "············" and bar(4, 4) == "████████████" and bar(1, 0) == ""


async def test_command_palette_offers_the_department_screens(store: Store) -> None:
    create_demo(store, TODAY)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "Årshjul")
        from textual.command import CommandList

        commands = app.screen.query_one(CommandList)
        for _ in range(100):  # the palette searches in the background: wait for its answer
            if commands.option_count:
                break
            await pilot.pause(0.02)
        assert "Årshjul" in str(commands.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, YearScreen)


async def test_hostile_text_in_the_record_view(store: Store) -> None:
    from tettpa_tui.domain import meeting as mt
    from tettpa_tui.domain.meeting import Outcome

    create_demo(store, TODAY)
    ws = Workspace(store)
    dept = store.department(PATH)
    at = datetime(2026, 12, 1, 13)
    story = ws.hand_in_new(dept, dept.find_member("Lene Dahl"), at, "Jeg så **fet** [x](javascript:y)")
    state = ws.start_meeting(dept, at.date(), "behavior-guidance", dept.find_member("Ingrid Solberg"),
                             list(dept.active_staff), [], at)
    state = ws.take_up_stories(dept, state, [story], at)
    state = ws.act(dept, state, mt.advance(state, ws.method, at))
    ws.act(dept, state, mt.record_turn(state, state.next_speaker, Outcome.SPOKE, at,
                                       note="[@click=app.quit]x[/] <b>tykk</b> # ikke tittel"))
    app = make_app(store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        if not isinstance(app.screen, HomeScreen):
            await pilot.press("escape")  # the offer to resume
            await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("enter", "t")
        await pilot.pause()
        text = screen_text(app)
        assert "[@click=app.quit]x[/] <b>tykk</b> # ikke tittel" in text
        assert "Jeg så **fet** [x](javascript:y)" in text
        assert app.is_running


async def test_the_palettes_own_commands_speak_bokmal_and_take_no_screenshots(store: Store) -> None:
    create_demo(store, TODAY)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Avslutt" in titles and "Hjelp: taster" in titles and "Fargetema" in titles
        assert not {"Quit", "Keys", "Theme", "Screenshot"} & set(titles)


async def test_months_before_the_department_was_made_are_not_called_missed(store: Store) -> None:
    from tettpa_tui.domain.records import AgeGroup, Role, new_department

    store.create_department(new_department("Nye", "Avdeling", AgeGroup.TODDLER, [("Kari Leder", Role.LEADER)],
                                           created=TODAY))
    app = make_app(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert [r[2] for r in rows[:4]] == ["", "", "", ""]  # August–November: before it was made
