"""Backups and sharing: the last backup and where, make one now, choose the folders.

Two folders, each chosen once: where automatic backups go (a USB stick, a network
share, a synced folder), and the shared folder the kindergarten's aggregate report
is written to for the mentor and the municipality. The app itself never opens a
network connection: a sync service the municipality runs carries the folder.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from tettpa_tui.oscompat import typed_path
from tettpa_tui.i18n import long_date, t
from tettpa_tui.lazy import OnFirstUse

dialogs = OnFirstUse("tettpa_tui.widgets.dialogs")  # the home screen imports this module for its line


def when_text(at: datetime) -> str:
    return t("backup.app.when", date=long_date(at.date()), time=at.strftime("%H:%M"))


def home_line(store, now: datetime) -> tuple[str, bool]:
    """The home screen's one line about backups, and whether it is a warning."""
    from tettpa_tui.domain import backup_rotation as retention
    from tettpa_tui.services import backup

    st = backup.status(store)
    if st.folder_missing:  # said every time the last backup is shown, until a backup succeeds
        return t("backup.app.home_missing"), True
    if st.missed_at is not None:
        return t("backup.app.home_missed"), True
    if st.last_at is None:
        return t("backup.app.home_never"), True
    if retention.stale(st.last_at, now):
        return t("backup.app.home_stale", days=(now - st.last_at).days), True
    return t("backup.app.home_last", date=st.last_at.strftime("%d.%m.%Y")), False


class BackupScreen(Screen):
    DEFAULT_CSS = """
    BackupScreen #head { height: auto; background: $primary; color: $text; padding: 0 1; text-style: bold; }
    BackupScreen .panel { height: auto; border: round $primary; padding: 0 1; margin: 0 0 1 0; }
    BackupScreen .warn { color: $warning; text-style: bold; }
    BackupScreen .hint { color: $text-muted; }
    """
    BINDINGS = [
        Binding("n", "backup_now", t("keys.backup_now"), id="backup_now", tooltip=t("tips.backup_now")),
        Binding("v", "choose_folder", t("keys.backup_folder"), id="backup_folder",
                tooltip=t("tips.backup_folder")),
        Binding("r", "shared_folder", t("keys.shared_folder"), id="shared_folder",
                tooltip=t("tips.shared_folder")),
        Binding("o", "reports", t("keys.reports_overview"), id="reports_overview",
                tooltip=t("tips.reports_overview")),
        Binding("escape", "back", t("keys.back"), id="back", tooltip=t("tips.back_page")),
    ]

    def compose(self) -> ComposeResult:
        yield Static(t("backup.app.title"), id="head", markup=False)
        with VerticalScroll():
            yield Static(id="backup", classes="panel", markup=False)
            yield Static(id="sharing", classes="panel", markup=False)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#backup").border_title = t("backup.app.backup_title")
        self.query_one("#sharing").border_title = t("backup.app.sharing_title")
        self.draw()

    def draw(self) -> None:
        from tettpa_tui.domain import backup_rotation as retention
        from tettpa_tui.services import backup
        from tettpa_tui.services import rollup_report as reports

        store = self.app.store
        st = backup.status(store)
        now = self.app.now()
        lines = [
            Content(t("backup.app.last", when=when_text(st.last_at)) if st.last_at else t("backup.app.last_never")),
        ]
        if st.last_file:
            lines.append(Content(t("backup.app.last_file", file=st.last_file)))
        if st.last_at is not None and retention.stale(st.last_at, now):
            lines.append(Content.styled(t("backup.app.stale_warning"), "bold $warning"))
        if st.missed_at is not None:
            lines.append(Content.styled(t("backup.app.missed", when=when_text(st.missed_at)), "bold $warning"))
        lines.append(Content(""))
        if st.folder is not None:
            lines.append(Content(t("backup.app.folder", folder=str(st.folder))))
            if st.folder_missing:
                lines.append(Content.styled(t("backup.app.folder_missing"), "bold $warning"))
            elif not st.has_key:
                lines.append(Content.styled(t("backup.app.no_key"), "bold $warning"))
            else:
                lines.append(Content.styled(t("backup.app.auto_rule"), "$text-muted"))
        else:
            lines.append(Content(t("backup.app.no_folder")))
        self.query_one("#backup", Static).update(Content("\n").join(lines))
        shared = reports.shared_folder(store)
        sharing = [Content(t("backup.app.shared", folder=str(shared)) if shared else t("backup.app.no_shared")),
                   Content.styled(t("backup.app.shared_rule"), "$text-muted")]
        self.query_one("#sharing", Static).update(Content("\n").join(sharing))

    # -- actions ---------------------------------------------------------------

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_reports(self) -> None:
        from tettpa_tui.screens.rollup_overview import ReportsScreen

        self.app.push_screen(ReportsScreen())

    def action_backup_now(self) -> None:
        from tettpa_tui.services import backup

        if not backup.status(self.app.store).ready:
            self.app.notify(t("backup.app.choose_first"), severity="warning", markup=False)
            self.action_choose_folder()
            return
        self._run_backup()

    def _run_backup(self) -> None:
        from tettpa_tui.services import backup

        made = self.app.attempt(lambda: backup.backup_now(self.app.store, self.app.now()))
        if made is not None:
            self.app.notify(t("backup.app.done", file=str(made)), markup=False, timeout=10)
        self.draw()

    def action_choose_folder(self) -> None:
        from tettpa_tui.services import backup

        current = backup.status(self.app.store).folder

        def folder_chosen(text: str | None) -> None:
            if text is None:
                return
            folder = typed_path(text)
            if folder.exists() and not folder.is_dir():
                self.app.notify(t("backup.app.not_a_folder", folder=str(folder)), severity="error", markup=False)
                return
            self.app.push_screen(dialogs.TextPrompt(t("backup.app.passphrase_title"), password=True,
                                            placeholder=t("backup.app.passphrase_hint")),
                                 lambda p: passphrase_given(folder, p))

        def passphrase_given(folder: Path, first: str | None) -> None:
            if first is None:
                return
            if len(first) < 8:
                self.app.notify(t("backup.error.weak", min=8), severity="error", markup=False)
                return
            self.app.push_screen(dialogs.TextPrompt(t("backup.app.passphrase_again"), password=True),
                                 lambda again: confirmed(folder, first, again))

        def confirmed(folder: Path, first: str, again: str | None) -> None:
            if again is None:
                return
            if again != first:
                self.app.notify(t("backup.cli.mismatch"), severity="error", markup=False)
                return
            done = self.app.attempt(lambda: backup.choose_folder(self.app.store, folder, first) or True)
            if done:
                self.app.notify(t("backup.app.folder_set", folder=str(folder)), markup=False, timeout=10)
                self._run_backup()

        self.app.push_screen(dialogs.TextPrompt(t("backup.app.folder_title"), value=str(current or ""),
                                        placeholder=t("backup.app.folder_hint")), folder_chosen)

    def action_shared_folder(self) -> None:
        from tettpa_tui.services import rollup_report as reports

        current = reports.shared_folder(self.app.store)

        def chosen(text: str | None) -> None:
            if text is None:
                return
            folder = typed_path(text) if text.strip() else None
            if folder is not None and folder.exists() and not folder.is_dir():
                self.app.notify(t("backup.app.not_a_folder", folder=str(folder)), severity="error", markup=False)
                return
            if self.app.attempt(lambda: reports.set_shared_folder(self.app.store, folder) or True):
                if folder is not None and self.app.department is not None:
                    written = self.app.attempt(lambda: reports.publish(
                        self.app.workspace, self.app.department.kindergarten, self.app.now()))
                    if written is not None:
                        self.app.notify(t("backup.app.shared_written", file=str(written)), markup=False,
                                        timeout=10)
                self.draw()

        self.app.push_screen(dialogs.TextPrompt(t("backup.app.shared_title"), value=str(current or ""), required=False,
                                        placeholder=t("backup.app.shared_hint")), chosen)
