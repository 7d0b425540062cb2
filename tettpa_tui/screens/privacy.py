"""A person's data in the app, and the page that says what is stored.

`i` on a selected person in the home screen's staff list offers: export
everything stored by and about them (JSON and HTML, to a folder chosen), erase
their data (only for someone marked as left: it asks first, showing what
goes), and the "what is stored" page. The rules and file work are in
tettpa_tui/services/person.py and store/erasure.py; this only asks and shows.
"""

from __future__ import annotations

import json
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from tettpa_tui.services import stored_page as stored
from tettpa_tui.i18n import t
from tettpa_tui.oscompat import typed_path


class StoredDataScreen(ModalScreen[None]):
    """Which data, where, for how long, who can see it (content/stored.<lang>.md, its facts
    from the code and this data folder: tettpa_tui/services/stored_page.py)."""

    DEFAULT_CSS = """
    StoredDataScreen { align: center middle; }
    StoredDataScreen > VerticalScroll {
        width: 96; max-width: 100%; height: 90%; padding: 0 2;
        border: thick $primary; background: $surface;
    }
    """
    BINDINGS = [Binding("escape,q", "dismiss", t("keys.close_stored"), id="close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(stored.page(getattr(self.app, "store", None)))

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()


def person_dialog(home, staff_id: str) -> None:
    """What can be done with one person's data, from the home screen."""
    from tettpa_tui.domain.retention import erasable
    from tettpa_tui.widgets.dialogs import ChoiceDialog

    app = home.app
    member = home.department.member(staff_id)
    options = [(t("privacy.export", name=member.name), "export")]
    if erasable(member.active):
        options.append((t("privacy.erase", name=member.name), "erase"))
    options.append((t("privacy.stored"), "stored"))

    def chosen(what: str | None) -> None:
        if what == "export":
            _export(home, member)
        elif what == "erase":
            _erase(home, member)
        elif what == "stored":
            app.push_screen(StoredDataScreen())

    title = t("privacy.title", name=member.name) + ("" if erasable(member.active) else "\n" + t("privacy.erase_only_left"))
    app.push_screen(ChoiceDialog(title, options), chosen)


def _export(home, member) -> None:
    from tettpa_tui.services import person
    from tettpa_tui.domain.records import slugify
    from tettpa_tui.store.storage import atomic_write_bytes
    from tettpa_tui.widgets.dialogs import TextPrompt

    app = home.app

    def where(folder: str | None) -> None:
        if not folder:
            return
        target = typed_path(folder)
        stem = slugify(member.name) or member.id

        def write() -> tuple[Path, Path]:
            data = person.collect(app.workspace, home.department, member)
            json_path, html_path = target / f"{stem}.json", target / f"{stem}.html"
            atomic_write_bytes(json_path, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
            atomic_write_bytes(html_path, person.to_html(data, app.workspace).encode("utf-8"))
            return json_path, html_path

        out, error = app.try_call(write)
        if error is None:
            app.notify(t("person.export_done", json=str(out[0]), html=str(out[1])), markup=False, timeout=10)
        else:
            app.notify(error, severity="error", markup=False, timeout=12)

    app.push_screen(TextPrompt(t("privacy.export_where"), value=str(Path.home())), where)


def _erase(home, member) -> None:
    from tettpa_tui.services import person
    from tettpa_tui.widgets.dialogs import ConfirmDialog

    app = home.app
    question = person.erase_question(app.workspace, home.department, member)

    def done(yes: bool | None) -> None:
        if not yes:
            return
        out = app.attempt(lambda: person.erase_reporting(app.workspace, home.department, member, app.now()))
        if out is not None:
            home.department, new_name, outcome = out
            home.refresh_all()
            said = t("person.erase_done", name=member.name, former=new_name)
            if outcome.copies:
                said += "\n" + t("erasure.copies", count=outcome.copies)
            if outcome.removed:
                said += "\n" + t("erasure.removed", count=len(outcome.removed))
            app.notify(said, markup=False, timeout=10)
            offer_renewal(app)

    app.push_screen(ConfirmDialog(question + "\n\n" + t("privacy.erase_final"), destructive=True), done)


def offer_renewal(app) -> None:
    """After an erasure: the encrypted backups in the backup folder still hold the data until
    they are rotated out; say until when, and offer a fresh backup with the older ones removed."""
    from tettpa_tui.domain.backup_rotation import kept_until
    from tettpa_tui.services import backup
    from tettpa_tui.widgets.dialogs import ConfirmDialog

    store = app.workspace.store
    older = backup.older_backups(store)
    if not older:
        return

    def answered(yes: bool | None) -> None:
        if yes:
            got = app.attempt(lambda: backup.renew(store, app.now()))
            if got is not None:
                app.notify(t("erasure.renewed", file=str(got[0]), count=len(got[1])), markup=False, timeout=10)

    question = t("erasure.app_renew", count=len(older), folder=str(backup.status(store).folder),
                 until=kept_until(app.now()).isoformat())
    app.push_screen(ConfirmDialog(question), answered)
