"""The home screen: next meeting, staff (add, rename, retire), the year wheel."""

from __future__ import annotations

from datetime import date, datetime

from textual.widgets import Input, Select

from tests.app.conftest import make_app, screen_text, type_text
from tests.conftest import TODAY
from tettpa_tui.services.demo import create_demo
from tettpa_tui.domain.calendar import KindergartenYear, YearMonth
from tettpa_tui.domain.records import Role
from tettpa_tui.screens.home import HomeScreen
from tettpa_tui.screens.problem import ProblemScreen
from tettpa_tui.store import Store
from tettpa_tui.widgets.dialogs import ConfirmDialog, PlanMonthDialog, StaffDialog
from tettpa_tui.widgets.rowlist import RowList
from tettpa_tui.workspace import Workspace


async def test_demo_opens_on_a_living_department(store: Store) -> None:
    create_demo(store, TODAY)
    app = make_app(store, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        text = screen_text(app)
        assert "DEMO" in text
        assert "tirsdag 1. desember 2026" in text
        assert "i morgen" in text
        assert "Veiledning og" in text
        assert "Ingrid Solberg" in text


async def test_add_rename_and_retire_staff(store: Store, dept) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        assert isinstance(app.screen, StaffDialog)
        await type_text(pilot, "Amina Yusuf")
        await pilot.press("enter")
        await pilot.pause()
        assert "Amina Yusuf" in screen_text(app)
        assert store.department(dept.path).find_member("Amina Yusuf") is not None

        await pilot.press("r")  # the new member is selected
        assert isinstance(app.screen, StaffDialog)
        app.screen.query_one("#name", Input).value = "Amina Y."
        await pilot.press("enter")
        await pilot.pause()
        assert store.department(dept.path).find_member("Amina Y.") is not None

        await pilot.press("x")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")
        await pilot.pause()
        member = next(s for s in store.department(dept.path).staff if s.name == "Amina Y.")
        assert not member.active
        assert "Sluttet" in screen_text(app)


async def test_choose_the_pool_shows_the_programme_year(store: Store, dept) -> None:
    store.set_pool("Solsikken", None)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Trykk p" in screen_text(app)
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # Pulje 2, from January 2021
        await pilot.pause()
        assert "TETT PÅ – år 6: Videreføring" in screen_text(app)
    assert store.kindergarten("Solsikken").pool == 2


async def test_duplicate_staff_name_is_refused_with_a_message(store: Store, dept) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        app.screen.query_one("#name", Input).value = "per hansen"
        await pilot.press("enter")
        await pilot.pause()
        assert "finnes allerede" in screen_text(app)
    assert len(store.department(dept.path).staff) == 2


async def test_escape_cancels_a_dialog_without_saving(store: Store, dept) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await type_text(pilot, "Ikke Lagret")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert len(store.department(dept.path).staff) == 2


async def test_edit_a_month_of_the_year_wheel(store: Store, dept) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#plan", RowList)
        assert table.highlighted == 4  # the next meeting (December) is chosen
        await pilot.press("e")
        dialog = app.screen
        assert isinstance(dialog, PlanMonthDialog)
        dialog.query_one("#dimension", Select).value = "language-modeling"
        dialog.query_one("#date", Input).value = "2026-12-32"
        await pilot.click("#save")
        await pilot.pause()
        assert "finnes ikke" in screen_text(app)
        dialog.query_one("#date", Input).value = "2026-12-09"
        dialog.query_one("#date", Input).focus()
        await pilot.press("enter")  # Enter in the date field saves too
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        text = screen_text(app)
        assert "09.12.2026 *" in text
        assert "onsdag 9. desember 2026" in text
        assert "Språkstøtte" in text
    dec = Workspace(store).wheel(dept, KindergartenYear(2026)).month(YearMonth(2026, 12))
    assert (dec.dimension_id, dec.meeting_date) == ("language-modeling", date(2026, 12, 9))


async def test_other_years_of_the_wheel(store: Store, dept) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "Årshjul 2027/28" in screen_text(app)
        await pilot.press("left_square_bracket", "left_square_bracket")
        await pilot.pause()
        assert "Årshjul 2025/26" in screen_text(app)


async def test_help_lists_the_keys(store: Store, dept) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        text = screen_text(app)
        assert "Hjelp: taster" in text and "Legg til en ansatt" in text and "Ctrl+Q" in text
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_corrupt_file_gets_one_clear_message_and_is_left_alone(store: Store, dept) -> None:
    path = store.department_dir("Solsikken", "Blåklokka") / "department.json"
    path.write_text("{ not json")
    store.set_last_department(dept.path)
    app = make_app(store)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProblemScreen)
        text = screen_text(app)
        assert "kan ikke leses" in text and "ikke endret" in text
        await pilot.press("q")
    assert path.read_text() == "{ not json"


async def test_switch_department(store: Store, dept) -> None:
    from tettpa_tui.domain.records import AgeGroup, new_department

    store.create_department(new_department("Solsikken", "Humla", AgeGroup.MIXED, []))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.department.name == "Humla"  # listed after Blåklokka
        assert "Ingen ansatte ennå" in screen_text(app)
    assert store.last_department() == "Solsikken/Humla"


async def test_a_month_file_broken_later_gives_one_line_not_a_traceback(store: Store, dept) -> None:
    from tettpa_tui.workspace import Workspace

    Workspace(store).start_story(dept, dept.find_member("Per Hansen"), datetime(2026, 11, 30, 9))
    month = store.department_dir("Solsikken", "Blåklokka") / "2026-12.json"
    month.write_text("{ halvferdig")
    app = make_app(store)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ProblemScreen)
        text = screen_text(app)
        assert "2026-12.json" in text and "ikke endret" in text and "Traceback" not in text
        assert app.is_running
    assert month.read_text() == "{ halvferdig"


async def test_staff_list_cuts_a_long_name_but_never_the_role(store: Store, dept) -> None:
    long_name = "Kari [b]Nordmann-Andreassen Østby Haraldsen"
    store.add_staff(store.department(dept.path), long_name, Role.ASSISTANT)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        row = next(line for line in lines if "Kari [b]Nordmann" in line)  # the markup shown as typed
        assert "…" in row and "Assistent" in row
        assert "Pedagogisk leder" in next(line for line in lines if "Ingrid Solberg" in line)
        await pilot.resize_terminal(160, 30)
        await pilot.pause()
        assert long_name in screen_text(app)  # room enough: the whole name


async def test_staff_list_keys_choose_who_is_renamed(store: Store, dept) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down")  # from Ingrid Solberg to Per Hansen
        await pilot.press("r")
        assert isinstance(app.screen, StaffDialog)
        assert app.screen.query_one("#name", Input).value == "Per Hansen"
        await pilot.press("escape")
        await pilot.press("up", "r")
        assert app.screen.query_one("#name", Input).value == "Ingrid Solberg"


async def test_year_plan_click_opens_the_month_and_other_years_keep_the_row(store: Store, dept) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        plan = app.screen.query_one("#plan", RowList)
        await pilot.click("#plan", offset=(4, 2))  # September 2026 (under the border and August)
        await pilot.pause()
        assert isinstance(app.screen, PlanMonthDialog)
        assert "september 2026" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert plan.highlighted == 1
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert plan.highlighted == 1 and plan.highlighted_key == "2027-09"


async def test_switching_from_the_department_opened_at_start(store: Store, dept) -> None:
    from tettpa_tui.domain.records import AgeGroup, new_department

    store.create_department(new_department("Solsikken", "Humla", AgeGroup.MIXED, []))
    store.set_last_department(dept.path)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.screen.department.name == "Blåklokka"
        for name in ("Humla", "Blåklokka", "Humla"):
            await pilot.press("d")
            await pilot.pause()
            await pilot.press("end" if name == "Humla" else "home", "enter")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen) and app.screen.department.name == name
            assert len(app.screen_stack) == 1  # the department before is gone, not left underneath
        await pilot.press("d", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.screen.department.name == "Humla"
    assert store.last_department() == "Solsikken/Humla"


async def test_a_taller_window_shows_the_next_dimension_and_its_questions(store: Store, dept) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        question = "Hvordan vet de minste hva som skal skje etterpå?"  # Toddler behaviour guidance, December
        assert question not in screen_text(app)
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        await pilot.pause()
        assert "Neste møte: Veiledning og reguleringsstøtte" in screen_text(app)
        assert question in screen_text(app)
        await pilot.press("home", "e")  # December's dimension changed: the panel follows
        await pilot.pause()
        app.screen.query_one("#dimension", Select).value = "language-modeling"
        await pilot.click("#save")
        await pilot.pause()
        await pilot.pause()
        assert "Neste møte: Språkstøtte" in screen_text(app) and question not in screen_text(app)


async def test_home_flags_a_month_outside_the_instrument_and_the_terms_observation(store: Store, dept) -> None:
    # A month set by hand to a dimension the Toddler instrument lacks (as before it was checked).
    store.set_plan_month(dept, YearMonth(2027, 1), "productivity", None)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Småbarn  ·  Toddler" in text
        assert "⚠ Produktivitet" in text  # kept, and flagged
        assert "⚠ 1 utenfor Toddler" in text
        assert "◉" in text  # the observation months
        assert "CLASS høsten 2026: ikke registrert" in text
        await pilot.press("u")  # a småbarn department has no choice: it is told why
        await pilot.pause()
        assert any("bruker alltid Toddler" in n.message for n in app._notifications)


async def test_a_mixed_department_chooses_its_instrument_on_the_home_screen(store: Store) -> None:
    from tettpa_tui.domain.classframework import Instrument
    from tettpa_tui.domain.records import AgeGroup, new_department
    from tettpa_tui.widgets.dialogs import ChoiceDialog

    store.create_department(new_department("Sol", "Mix", AgeGroup.MIXED, [("Kari", Role.LEADER)]))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Aldersblandet  ·  Pre-K" in screen_text(app)
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("down", "enter")  # Toddler
        await pilot.pause()
        assert "Aldersblandet  ·  Toddler" in screen_text(app)
    assert store.department("Sol/Mix").instrument is Instrument.TODDLER
    wheel = Workspace(store).wheel(store.department("Sol/Mix"), KindergartenYear(2026))
    assert not {"productivity", "concept-development"} & {m.dimension_id for m in wheel.months}


async def test_the_wheel_shows_the_programmes_own_events_in_their_month(store: Store, dept) -> None:
    store.set_pool("Solsikken", 6)  # August 2024: 2026/27 is year 3, Snakke med barn
    app = make_app(store)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "◆ Snakke med barn 1/7" in text  # September (the short name: the year view has the whole)
        assert "◆ Snakke med barn 7/7" in text  # April
        lines = [line for line in text.splitlines() if "Snakke med barn 3/7" in line]
        assert lines and "November" in lines[0]


async def test_roles_are_chosen_by_their_full_name_and_listed_short(store: Store, dept) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, StaffDialog)
        select = app.screen.query_one("#role", Select)
        labels = [str(prompt) for prompt, _value in select._options]
        assert "Fagarbeider (barne- og ungdomsarbeider)" in labels
        select.expanded = True
        await pilot.pause()
        assert "Fagarbeider (barne- og ungdomsarbeider)" in screen_text(app)  # whole at 80 columns
        await pilot.press("escape", "escape")
        await pilot.pause()
    from tettpa_tui.i18n import catalogue

    assert catalogue("nb")["role.skilled"] == "Fagarbeider"  # the staff list keeps the short name
    assert "barne- og ungdomsarbeider" in catalogue("en")["role_full.skilled"]


async def test_the_year_wheel_marks_the_months_whose_meeting_was_held(store: Store) -> None:
    """The wheel says what the panel says: a held month ✓, the next one ▶, the rest neither."""
    create_demo(store, TODAY)
    ws = Workspace(store)
    dept = next(d for d in store.list_departments() if d.name == "Blåklokka")
    year = KindergartenYear(2026)
    held = {m.month for m in ws.wheel(dept, year).months if ws.was_held(dept, m.month)}
    assert held  # the demo has held meetings this year
    app = make_app(store, demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        lines = [line for line in screen_text(app).splitlines() if " 2026 " in line or " 2027 " in line]
        checked = set()
        for m in ws.wheel(dept, year).months:
            line = next((line for line in lines if f"{m.meeting_date:%d.%m.%Y}" in line), None)
            if line is None:  # below the window's fold (the last months)
                continue
            assert (f"{m.meeting_date:%d.%m.%Y} ✓" in line) == (m.month in held), line
            checked.add(m.month)
        assert held <= checked and len(checked) > len(held)  # every held month, and some not held
