"""Retention and a person's data in the app: the home screen's warning, erasing at start,
export and erase of a person who has left, and the "what is stored" page."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.app.conftest import make_app, screen_text
from tests.conftest import TODAY
from tettpa_tui.services.demo import create_demo
from tettpa_tui.screens.home import HomeScreen
from tettpa_tui.screens.privacy import StoredDataScreen
from tettpa_tui.store import Store
from tettpa_tui.widgets.dialogs import ChoiceDialog, ConfirmDialog, TextPrompt
from tettpa_tui.widgets.rowlist import RowList

PATH = "Solsikken barnehage/Blåklokka"


async def _settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_start_erases_what_is_due_and_home_counts_what_is_near(store: Store) -> None:
    create_demo(store, TODAY)
    app = make_app(store, today=date(2027, 10, 20))
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(app, pilot)
        assert "Slettes innen 30 dager: 2 tekster" in screen_text(app)
    dept = store.department(PATH)
    erased = [s for s in store.stories(dept) if s.erased_on]
    assert erased and all(s.text == "" for s in erased)
    assert {s.status.value for s in erased} == {"draft", "submitted"}  # drafts, and those no meeting took up
    other = store.department("Solsikken barnehage/Humla")  # every department, at start
    assert any(s.erased_on for s in store.stories(other))


async def test_nothing_said_when_nothing_is_near(store: Store) -> None:
    create_demo(store, TODAY)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(app, pilot)
        assert "Slettes innen" not in screen_text(app)


async def test_export_and_erase_a_person_who_left_then_every_view_works(store: Store, tmp_path: Path) -> None:
    create_demo(store, TODAY)
    dept = store.department(PATH)
    amina = dept.find_member("Amina Yusuf")
    store.retire_staff(dept, amina.id)
    app = make_app(store)
    async with app.run_test(size=(100, 34)) as pilot:
        await _settle(app, pilot)
        home = app.screen
        staff = home.query_one("#staff", RowList)
        for _ in range(10):
            if staff.highlighted_key == amina.id:
                break
            await pilot.press("tab") if not staff.has_focus else await pilot.press("down")
        assert staff.highlighted_key == amina.id

        await pilot.press("i")
        assert isinstance(app.screen, ChoiceDialog)
        assert "Personvern: Amina Yusuf" in screen_text(app)
        await pilot.press("enter")  # export
        assert isinstance(app.screen, TextPrompt)
        app.screen.query_one("Input").value = str(tmp_path)
        await pilot.press("enter")
        await pilot.pause()
        assert (tmp_path / "amina-yusuf.json").exists() and (tmp_path / "amina-yusuf.html").exists()

        await pilot.press("i")
        await pilot.press("down", "enter")  # erase
        assert isinstance(app.screen, ConfirmDialog)
        assert "«tidligere ansatt»" in app.screen.question and "Amina Yusuf" in app.screen.question
        await pilot.press("shift+tab", "enter")  # "Ja" on purpose: the question starts on "Nei"
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Amina Yusuf" not in screen_text(app)
        assert "tidligere ansatt" in screen_text(app)

        for key in ("h", "f", "t", "k", "slash"):
            await pilot.press(key)
            await pilot.pause()
            assert "Amina Yusuf" not in screen_text(app), key
            if key == "h":
                await pilot.press("enter")  # the meeting's whole record
                await pilot.pause()
                assert "tidligere ansatt" in screen_text(app)
                await pilot.press("escape")
                await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen), key
    dept = store.department(PATH)
    assert dept.find_member("Amina Yusuf") is None
    former = dept.member(amina.id)
    assert all(s.text == "" for s in store.stories(dept) if s.author_id == former.id)


async def test_erase_is_offered_only_for_someone_who_left_and_hostile_names_stay_text(store: Store) -> None:
    create_demo(store, TODAY)
    dept = store.department(PATH)
    hostile = "[b]Ola [@click=app.quit]x [red]"
    dept, member = store.add_staff(dept, hostile, dept.staff[-1].role)
    app = make_app(store)
    async with app.run_test(size=(100, 34)) as pilot:
        await _settle(app, pilot)
        staff = app.screen.query_one("#staff", RowList)
        for _ in range(12):
            if staff.highlighted_key == member.id:
                break
            await pilot.press("tab") if not staff.has_focus else await pilot.press("down")
        await pilot.press("i")
        assert isinstance(app.screen, ChoiceDialog)
        text = screen_text(app)
        assert hostile in text
        assert len(app.screen.options) == 2  # export and the page; no erase for someone active
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, StoredDataScreen)
        assert "Hva lagres" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_after_an_erasure_the_backups_that_keep_the_data_are_named_and_can_be_renewed(
        store: Store, tmp_path: Path) -> None:
    from datetime import datetime

    from tettpa_tui.services import backup

    create_demo(store, TODAY)
    dept = store.department(PATH)
    amina = dept.find_member("Amina Yusuf")
    store.retire_staff(dept, amina.id)
    backup.choose_folder(store, tmp_path / "backups", "korrekt hest batteri")
    old = backup.backup_now(store, datetime(2026, 11, 1, 12, 0))
    app = make_app(store)
    async with app.run_test(size=(100, 34)) as pilot:
        await _settle(app, pilot)
        staff = app.screen.query_one("#staff", RowList)
        for _ in range(10):
            if staff.highlighted_key == amina.id:
                break
            await pilot.press("tab") if not staff.has_focus else await pilot.press("down")
        await pilot.press("i")
        await pilot.press("down", "enter")  # erase
        await pilot.press("shift+tab", "enter")  # yes
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)  # the offer, after the erasure is done
        question = app.screen.question
        assert str(tmp_path / "backups") in question and "2027-11-01" in question and "(1)" in question
        assert store.department(PATH).find_member("Amina Yusuf") is None
        await pilot.press("enter")  # yes (a fresh backup takes nothing away)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    made = backup.older_backups(store)
    assert len(made) == 1 and made[0] != old and not old.exists()
