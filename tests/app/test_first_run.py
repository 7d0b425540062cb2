"""First run: the welcome flow creates a department; later runs open it again."""

from __future__ import annotations

from textual.widgets import Input

from tests.app.conftest import make_app, screen_text, type_text
from tettpa_tui.domain.records import Role
from tettpa_tui.screens.home import HomeScreen
from tettpa_tui.screens.welcome import WelcomeScreen
from tettpa_tui.store import Store


async def test_first_run_creates_department_with_staff(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert "Velkommen" in screen_text(app)
        await type_text(pilot, "Solsikken barnehage")
        await pilot.press("enter")  # on to the department
        await type_text(pilot, "Blåklokka")
        await pilot.press("enter")  # on to the age group
        await pilot.press("right", "enter")  # Storbarn
        await pilot.press("tab")  # on to the staff name
        await type_text(pilot, "Ingrid Solberg")
        await pilot.press("enter")  # adds her as pedagogical leader (the first role offered)
        await type_text(pilot, "Per Hansen")
        await pilot.press("enter")  # then as assistant
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Ingrid Solberg" in screen_text(app)
    (dept,) = store.list_departments()
    assert dept.path == "Solsikken barnehage/Blåklokka"
    assert dept.age_group.value == "preschool"
    assert [(s.name, s.role) for s in dept.staff] == [
        ("Ingrid Solberg", Role.LEADER), ("Per Hansen", Role.ASSISTANT),
    ]
    assert store.last_department() == dept.path


async def test_first_run_explains_what_is_missing_and_saves_nothing(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Skriv inn navnet på barnehagen" in screen_text(app)
        app.screen.query_one("#kindergarten", Input).value = "Solsikken"
        app.screen.query_one("#department", Input).value = "Blå/klokka"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "skråstrek" in screen_text(app)
        app.screen.query_one("#department", Input).value = "Blåklokka"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "minst én pedagogisk leder" in screen_text(app)
        app.screen.query_one("#staff-name", Input).value = "Glemt Person"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "ikke lagt til ennå" in screen_text(app)
        assert isinstance(app.screen, WelcomeScreen)
    assert store.list_departments() == []


async def test_hostile_names_are_shown_literally(store: Store) -> None:
    app = make_app(store)
    hostile = "[@click=app.quit]Klikk[bold] meg"
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        app.screen.query_one("#kindergarten", Input).value = "[red]KG"
        app.screen.query_one("#department", Input).value = "[b]Avd"
        app.screen.query_one("#staff-name", Input).value = hostile
        await pilot.click("#add-staff")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        text = screen_text(app)
        assert "[red]KG / [b]Avd" in text
        assert hostile in text
        await pilot.click("#staff", offset=(3, 1))  # a click on the name does nothing
        await pilot.pause()
        assert app.is_running
    (dept,) = store.list_departments()
    assert dept.staff[0].name == hostile


async def test_opens_on_the_department_last_used(store: Store, dept) -> None:
    from tettpa_tui.domain.records import AgeGroup, new_department

    other = store.create_department(new_department("Solsikken", "Humla", AgeGroup.MIXED))
    store.set_last_department(other.path)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.department.path == "Solsikken/Humla"


async def test_new_department_from_the_picker_can_be_cancelled_or_created(store: Store, dept) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("d", "n")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert app.screen.query_one("#kindergarten", Input).value == "Solsikken"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("d", "n")
        await pilot.pause()
        await type_text(pilot, "Humla")  # the department field has focus
        app.screen.query_one("#staff-name", Input).value = "Eva Strand"
        app.screen.query_one("#staff-name", Input).focus()
        await pilot.press("enter", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.department.path == "Solsikken/Humla"
    assert [d.name for d in store.list_departments()] == ["Blåklokka", "Humla"]


async def test_a_new_department_from_the_picker_opens_in_place_of_the_one_shown(store: Store, dept) -> None:
    store.set_last_department(dept.path)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.screen.department.name == "Blåklokka"
        await pilot.press("d", "n")  # switch department, then "new department"
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert app.screen.query_one("#kindergarten", Input).value == "Solsikken"  # filled in
        app.screen.query_one("#department", Input).value = "Humla"
        app.screen.query_one("#staff-name", Input).value = "Eva Strand"
        app.screen.query_one("#staff-name", Input).focus()
        await pilot.press("enter")  # adds her as pedagogical leader
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.screen.department.name == "Humla"
        assert len(app.screen_stack) == 1
        assert "Solsikken / Humla" in screen_text(app)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("home", "enter")  # back to Blåklokka
        await pilot.pause()
        assert app.screen.department.name == "Blåklokka" and "Ingrid Solberg" in screen_text(app)
    assert store.last_department() == "Solsikken/Blåklokka"
