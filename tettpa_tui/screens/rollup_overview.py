"""The mentor's and the municipality's overview in the app: every kindergarten's latest
report in a folder (the shared folder, or another), by pool and programme year.

Read in a worker (a folder on a network share may be slow). Stale reports, conflict
copies and files that are not reports are said in one line each below the table;
`e` writes the printable municipality page with its charts.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from tettpa_tui.oscompat import clean_path_text, typed_path
from tettpa_tui.i18n import decimal, t
from tettpa_tui.lazy import OnFirstUse
from tettpa_tui.text import printable
from tettpa_tui.widgets.fit import fill_table
from tettpa_tui.widgets.literal import cell

dialogs = OnFirstUse("tettpa_tui.widgets.dialogs")

READ_FOLDER = "overview_folder"  # the setting: the folder this overview reads, if not the shared one


class ReportsScreen(Screen):
    DEFAULT_CSS = """
    ReportsScreen #head { height: auto; background: $primary; color: $text; padding: 0 1; text-style: bold; }
    ReportsScreen #folder { color: $text-muted; padding: 0 1; height: auto; }
    ReportsScreen DataTable { height: 1fr; }
    ReportsScreen #notes { height: auto; max-height: 6; padding: 0 1; color: $warning; }
    """
    BINDINGS = [
        Binding("e", "export", t("keys.export_municipality"), id="export_municipality",
                tooltip=t("tips.export_municipality")),
        Binding("m", "other_folder", t("keys.reports_folder"), id="reports_folder",
                tooltip=t("tips.reports_folder")),
        Binding("escape", "back", t("keys.back"), id="back", tooltip=t("tips.back_page")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view = None
        self.folder: Path | None = None

    def compose(self) -> ComposeResult:
        yield Static(t("reports_screen.title"), id="head", markup=False)
        yield Static("", id="folder", markup=False)
        yield DataTable(id="reports", cursor_type="row", zebra_stripes=True)
        yield Static("", id="notes", markup=False)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        # The CLASS domains under each kindergarten's name: eight columns would not fit 80.
        for key in ("kindergarten_domains", "as_of", "departments", "meetings", "dimensions", "stories", "goals"):
            table.add_column(Text(t(f"reports_screen.col_{key}")), key=key)
        table.focus()
        self.load()

    def _chosen_folder(self) -> Path | None:
        from tettpa_tui.services import rollup_report as reports

        other = self.app.store.setting(READ_FOLDER)
        return Path(other) if other else reports.shared_folder(self.app.store)

    def load(self) -> None:
        self.folder = self.app.attempt(self._chosen_folder)
        if self.folder is None:
            self.query_one("#folder", Static).update(t("reports_screen.no_folder"))
            return
        self.query_one("#folder", Static).update(t("reports_screen.folder", folder=str(self.folder)))
        self._read(self.folder, self.app.today)

    @work(thread=True, exclusive=True, group="reports")
    def _read(self, folder: Path, today: date) -> None:
        from tettpa_tui.services.municipality import view_of

        try:
            view = view_of(folder, today)
        except Exception as exc:  # noqa: BLE001 - said in one line on the screen
            from tettpa_tui.screens.followers import _why

            self.app.call_from_thread(self._failed, _why(exc))
            return
        self.app.call_from_thread(self._show, view)

    def _failed(self, why: str) -> None:
        self.query_one(DataTable).clear()
        self.query_one("#notes", Static).update(why)

    def _show(self, view) -> None:
        from tettpa_tui.domain import rollup
        from tettpa_tui.services.municipality import (counts_lines, domain_name, domain_order, group_title,
                                                      latest_term, term_name)

        self.view = view
        table = self.query_one(DataTable)
        rows = []
        for g in view.groups:
            rows.append(([Text(group_title(g), style="bold reverse"), *[Text("")] * 6], None))  # (numbers only)
            for r in g.rows:
                term = latest_term(r)
                doms = []
                term_doms = r.domains.get(term, {}) if term else {}
                for dom in domain_order(term_doms):
                    value = term_doms[dom]
                    verdict = rollup.above(value, dom, view.thresholds)
                    mark = "" if verdict is None else "✓" if verdict else "✗"
                    doms.append(f"{domain_name(dom)} {decimal(value)}{mark}")
                as_of = r.as_of.strftime("%d.%m.%Y") + (" !" if r.stale else "")
                domains = "\n".join(([term_name(term) + ":"] if term else []) + doms) if doms else "–"
                name = Text(printable(r.kindergarten), style="bold")
                name.append("\n" + printable(domains), style="")  # wraps within the column
                name.append("\n" + "\n".join(counts_lines(r)), style="dim")
                rows.append(([
                    name, cell(as_of, "bold red" if r.stale else ""), cell(str(r.departments)),
                    cell(decimal(r.meetings_per_department)), cell(decimal(r.dimensions_per_department)),
                    cell(decimal(r.stories_per_meeting)), cell(f"{r.goals_followed_up}/{r.goals_set}"),
                ], None))
        fill_table(table, rows, self.size.width or self.app.size.width, wrap="kindergarten_domains")
        notes = []
        if not view.groups:
            notes.append(t("report.cli.none", folder=str(self.folder)))
        if any(r.stale for g in view.groups for r in g.rows):
            notes.append(t("reports_screen.stale_note"))
        for e in view.entries:
            notes += [t("report.cli.other", file=o, used=e.file).strip() for o in e.others]
        notes += [t(f"report.skip.{s.reason}", file=s.file, **s.params) for s in view.skipped]
        self.query_one("#notes", Static).update(Content(printable("\n".join(notes))))

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_other_folder(self) -> None:
        def chosen(text: str | None) -> None:
            if text is None:
                return
            value = str(typed_path(text).absolute()) if clean_path_text(text) else None
            if self.app.attempt(lambda: self.app.store.set_setting(READ_FOLDER, value) or True):
                self.load()

        self.app.push_screen(dialogs.TextPrompt(t("reports_screen.folder_title"), value=str(self.folder or ""),
                                                required=False, placeholder=t("reports_screen.folder_hint")),
                             chosen)

    def action_export(self) -> None:
        if self.view is None or self.folder is None:
            self.app.notify(t("reports_screen.nothing"), severity="warning", markup=False)
            return
        default = Path.home() / f"tettpa-{t('reports_screen.file_stem')}-{self.app.today.isoformat()}.html"

        def chosen(text: str | None) -> None:
            if not text:
                return
            from tettpa_tui.services.municipality import html_page
            from tettpa_tui.store.storage import atomic_write_bytes

            target = typed_path(text)
            page = html_page(self.view, self.folder, self.app.today)
            if self.app.attempt(lambda: atomic_write_bytes(target, page.encode("utf-8")) or True):
                self.app.notify(t("municipality.written", file=str(target)), markup=False, timeout=10)

        self.app.push_screen(dialogs.TextPrompt(t("reports_screen.export_title"), value=str(default)), chosen)
