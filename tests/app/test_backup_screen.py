"""The backup screen, the home screen's line about backups, and what the app does by itself
after a finished meeting and when it closes: backups and the shared folder's report."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from textual.widgets import Input

from tests.app.conftest import make_app, screen_text, type_text
from tests.conftest import TODAY, posix_only
from tettpa_tui.services.demo import create_demo
from tettpa_tui.domain import meeting as mt
from tettpa_tui.domain.meeting import Stage
from tettpa_tui.screens.backup import BackupScreen
from tettpa_tui.services import backup
from tettpa_tui.services import rollup_report as reports
from tettpa_tui.store import Store
from tettpa_tui.workspace import Workspace

PASS = "hemmelig frase 42"


@posix_only
async def test_choose_a_folder_make_a_backup_and_see_it_on_the_home_screen(store: Store, tmp_path: Path) -> None:
    create_demo(store, TODAY)
    usb = tmp_path / "usb" / "tettpa"
    app = make_app(store, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # the line comes just after the first frame
        assert "Ingen sikkerhetskopi ennå (c)" in screen_text(app)
        await pilot.press("c")
        assert isinstance(app.screen, BackupScreen)
        assert "Ingen mappe er valgt" in screen_text(app)
        await pilot.press("n")  # nothing chosen yet: asks for the folder first
        await type_text(pilot, str(usb))
        await pilot.press("enter")
        await type_text(pilot, PASS)
        await pilot.press("enter")
        await type_text(pilot, PASS)
        await pilot.press("enter")
        await pilot.pause()
        made = list(usb.iterdir())
        assert len(made) == 1 and made[0].name.endswith(".tettpa-backup")
        shown = screen_text(app)
        flat = "".join(line.strip("│ ") for line in shown.splitlines())  # a long path wraps in its panel
        assert str(usb) in flat and "Siste sikkerhetskopi" in shown
        await pilot.press("escape")
        assert "Sikkerhetskopi 30.11.2026" in screen_text(app)
    key = store.root / ".backup-key"
    assert key.stat().st_mode & 0o777 == 0o600
    # The kept key opens it; elsewhere the passphrase does, and nothing else.
    assert backup.open_checked(store, made[0], None).departments
    elsewhere = Store(tmp_path / "elsewhere")
    assert backup.restore(elsewhere, made[0], PASS, False, datetime(2026, 12, 1)).plan.new


async def test_passphrases_that_differ_choose_nothing(store: Store, tmp_path: Path) -> None:
    create_demo(store, TODAY)
    app = make_app(store, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "v")
        await type_text(pilot, str(tmp_path / "x"))
        await pilot.press("enter")
        await type_text(pilot, PASS)
        await pilot.press("enter")
        await type_text(pilot, PASS + "!")
        await pilot.press("enter")
        await pilot.pause()
        assert "Ingen mappe er valgt" in screen_text(app)
    assert backup.status(store).folder is None and not (tmp_path / "x").exists()


async def test_a_finished_meeting_makes_a_backup_and_writes_the_report(store: Store, tmp_path: Path) -> None:
    create_demo(store, TODAY)
    usb, shared = tmp_path / "usb", tmp_path / "shared"
    backup.choose_folder(store, usb, PASS)
    reports.set_shared_folder(store, shared)
    app = make_app(store, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        ws: Workspace = app.workspace
        dept = app.department
        leader = dept.find_member("Ingrid Solberg")
        at = datetime(2026, 12, 1, 13)
        state = ws.start_meeting(dept, at.date(), "behavior-guidance", leader, list(dept.active_staff), [], at)
        story = next(s for s in app.store.stories(dept, state.meeting.month) if s.status.value == "submitted"
                     and s.author_id != leader.id)  # the leader's own would need a stand-in
        state = ws.take_up_stories(dept, state, [story], at)
        while state.stage is not Stage.CLOSING:
            state = ws.act(dept, state, mt.advance(state, ws.method, at, force=True))
        assert backup.files.list_backups(usb) == []
        ws.act(dept, state, mt.finish(state, "", at, force=True))
        await app.workers.wait_for_complete()
        assert len(backup.files.list_backups(usb)) == 1
        assert app.followers.dirty == {"Solsikken barnehage"}
        app.followers._publish_later()  # (the app waits a moment after the last change)
        await app.workers.wait_for_complete()
        await pilot.pause()
    doc = json.loads((shared / "solsikken-barnehage.tettpa-report.json").read_text())
    months = {m["month"]: m for m in doc["departments"][0]["months"]}
    assert months["2026-12"]["meetings"] == [{"date": "2026-12-01", "dimension": "behavior-guidance"}]


async def test_closing_makes_the_days_backup_once(store: Store, tmp_path: Path) -> None:
    create_demo(store, TODAY)
    usb = tmp_path / "usb"
    backup.choose_folder(store, usb, PASS)
    for _ in range(2):
        app = make_app(store, demo=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+q")
    assert len(backup.files.list_backups(usb)) == 1


async def test_a_hostile_folder_name_is_shown_as_it_is(store: Store, tmp_path: Path) -> None:
    create_demo(store, TODAY)
    reports.set_shared_folder(store, Path("/nowhere/[@click=app.quit]x[/] [b]"))  # short: one line
    app = make_app(store, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        shown = screen_text(app)
        assert "Delt mappe for rapporter" in shown and "[@click=app.quit]x[/] [b]" in shown
        await pilot.press("escape")
        assert "Ingen sikkerhetskopi ennå (c)" in screen_text(app)


async def test_the_overview_of_a_folder_of_reports_and_its_page(store: Store, tmp_path: Path) -> None:
    from tests.cli.test_report_cli import _report
    from tettpa_tui.screens.rollup_overview import ReportsScreen

    create_demo(store, TODAY)
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "eika.tettpa-report.json").write_text(json.dumps(_report("Eika\x1b[2J [b]", "2026-11-20T10:00:00")))
    (shared / "gamle.tettpa-report.json").write_text(json.dumps(_report("Gamle", "2026-09-20T10:00:00")))
    (shared / "eika.tettpa-report (1).json").write_text(json.dumps(_report("Eika\x1b[2J [b]", "2026-11-01T10:00:00")))
    (shared / "notes.json").write_text("{}")
    reports.set_shared_folder(store, shared)
    app = make_app(store, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "o")
        assert isinstance(app.screen, ReportsScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = screen_text(app)
        assert "Eika␛[2J [b]" in shown and "Gamle" in shown and "Pulje 1 · år 7 i TETT PÅ" in shown
        assert "20.09.2026 !" in shown  # stale
        assert "notes.json er ikke en rapport" in shown and "eika.tettpa-report (1).json" in shown
        await pilot.press("e")
        field = app.screen.query_one(Input)
        field.value = str(tmp_path / "kommune.html")
        await pilot.press("enter")
        await pilot.pause()
    page = (tmp_path / "kommune.html").read_text()
    assert "Eika␛[2J [b]" in page and "\x1b" not in page and "<svg" in page


def test_a_folder_that_is_not_there_is_never_made_on_the_local_disk(store: Store, tmp_path: Path) -> None:
    import shutil

    import pytest

    from tettpa_tui.messages import store_message
    from tettpa_tui.store.errors import StoreError

    create_demo(store, TODAY)
    usb, shared = tmp_path / "usb" / "tettpa", tmp_path / "share" / "TETT PÅ"
    backup.choose_folder(store, usb, PASS)
    reports.set_shared_folder(store, shared)
    assert usb.is_dir() and shared.is_dir()  # made when chosen
    shutil.rmtree(tmp_path / "usb")
    shutil.rmtree(tmp_path / "share")  # the stick is out, the share is not mounted
    with pytest.raises(StoreError) as err:
        backup.backup_now(store, datetime(2026, 12, 1, 12))
    assert "minnepinnen" in store_message(err.value)
    with pytest.raises(StoreError) as err:
        reports.publish(Workspace(store), "Solsikken barnehage", datetime(2026, 12, 1, 12))
    assert "ikke der nå" in store_message(err.value)
    assert not (tmp_path / "usb").exists() and not (tmp_path / "share").exists()


async def test_a_missing_backup_folder_is_said_where_the_last_backup_is_shown_after_a_restart(
        store: Store, tmp_path: Path) -> None:
    import shutil

    create_demo(store, TODAY)
    usb = tmp_path / "usb" / "tettpa"
    backup.choose_folder(store, usb, PASS)
    backup.backup_now(store, datetime(2026, 11, 28, 12))
    shutil.rmtree(tmp_path / "usb")  # the stick is unplugged; the app restarts
    app = make_app(store, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Kopimappen mangler (c)" in screen_text(app)
        await pilot.press("c")
        assert "Mappen er ikke der nå" in screen_text(app) and "28. november 2026" in screen_text(app)
        await pilot.press("n")  # tried: it cannot be made
        await pilot.pause()
        assert "kunne ikke tas" in screen_text(app)
    # plugged in again: the missed backup is still said until one succeeds
    usb.mkdir(parents=True)
    app = make_app(store, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "En kopi ble ikke tatt (c)" in screen_text(app)
    backup.backup_now(store, datetime(2026, 11, 30, 12))
    app = make_app(store, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Sikkerhetskopi 30.11.2026" in screen_text(app) and "ikke tatt" not in screen_text(app)


async def test_the_app_says_an_interrupted_restore_it_undid_on_opening(store: Store, tmp_path: Path) -> None:
    create_demo(store, TODAY)
    work = store.root / ".restoring-0123abcd" / "new" / "solsikken-barnehage" / "blaklokka"
    work.mkdir(parents=True)
    (work / "2026-11.json").write_text('{"plaintext": "Ingrid"}')
    (store.root / ".journal").mkdir()
    (store.root / ".journal" / "restore-20261130-120000-0123abcd.json").write_text(json.dumps(
        {"journal": 1, "kind": "restore", "id": "0123abcd", "started": "2026-11-30T12:00:00",
         "handler": "tettpa_tui.store.backup", "done": [],
         "intent": {"work": ".restoring-0123abcd", "departments": {}, "extra": {}, "kindergartens": []}}))
    opened = Store(store.root)  # the app opens the data folder
    assert not (store.root / ".restoring-0123abcd").exists()
    app = make_app(opened, demo=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert len(said) == 1 and "En avbrutt innhenting fra sikkerhetskopi" in said[0] and "angret" in said[0]


async def test_the_overview_of_reports_counts_mikroprosjekter_and_oral_feedback(store: Store, tmp_path: Path) -> None:
    from tests.cli.test_report_cli import _report

    create_demo(store, TODAY)  # Blåklokka: one open mikroprosjekt, one observation with oral feedback
    shared = tmp_path / "shared"
    shared.mkdir()
    reports.set_shared_folder(store, shared)
    reports.publish(Workspace(store), "Solsikken barnehage", datetime(2026, 12, 1, 12))
    (shared / "eika.tettpa-report.json").write_text(json.dumps(_report("Eika", "2026-11-20T10:00:00")))
    app = make_app(store, demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c", "o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = " ".join(screen_text(app).split())
        assert "Mikroprosjekter: – (eldre rapport)" in shown  # a version 1 report does not say
        assert "Mikroprosjekter: 1 pågår, 0 avsluttet" in shown and "observasjon: 1 av 1" in shown
