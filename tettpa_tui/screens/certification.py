"""CLASS certification: who in the kindergarten is a certified observer, and when to renew.

Opened from the kindergarten overview (`k`, then `s`). A list of each person's
current certification per instrument, those due within a month or lapsed
marked; `n` records a certification or a recertification (who, which
instrument, which day; recertification due one year later).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Static

from tettpa_tui.domain import certification as cert
from tettpa_tui.domain.calendar import parse_date
from tettpa_tui.domain.classframework import Instrument
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import Department
from tettpa_tui.i18n import t
from tettpa_tui.screens.cooperation import CSS
from tettpa_tui.widgets.dialogs import ChoiceDialog, TextPrompt
from tettpa_tui.widgets.fit import FittedTablePage, fill_table
from tettpa_tui.widgets.literal import cell


def warning_lines(ws, kindergarten: str, today) -> list[str]:
    """The kindergarten's certification warnings, one line each (the overview shows them)."""
    return [t(f"certification.warn_{status}", name=c.name, instrument=t(f"instrument.{c.instrument.value}"),
              due=c.due.strftime("%d.%m.%Y"))
            for c, status in ws.certification_warnings(kindergarten, today)]


class CertificationScreen(FittedTablePage, Screen):
    """The kindergarten's CLASS certifications."""

    DEFAULT_CSS = CSS.format(name="CertificationScreen") + """
    CertificationScreen DataTable { height: 1fr; }
    """
    BINDINGS = [
        Binding("n", "new", t("certification.key_new"), id="new_certification", tooltip=t("certification.tip_new")),
        Binding("escape", "back", t("keys.back"), id="back", tooltip=t("tips.back_page")),
    ]
    COLUMNS = ("name", "instrument", "certified", "due")
    HEADINGS = "certification"

    def __init__(self, department: Department) -> None:
        super().__init__()
        self.department = department
        self.kindergarten = department.kindergarten

    def compose(self) -> ComposeResult:
        with Vertical(id="head"):
            yield Static(t("certification.title", kindergarten=self.kindergarten), markup=False, classes="title")
        yield from self.table_and_hint("certifications", t("certification.hint"))

    def _draw(self) -> None:
        today = self.app.today
        rows = []
        for c in self.app.workspace.certifications(self.kindergarten):
            status = cert.status(c, today)
            due = c.due.strftime("%d.%m.%Y") + (f"  {t(f'certification.status_{status}')}" if status != cert.VALID else "")
            rows.append(([cell(c.name), cell(t(f"instrument.{c.instrument.value}")),
                          cell(c.certified.strftime("%d.%m.%Y")),
                          cell(due, "bold" if status != cert.VALID else "")], c.id))
        table = self.query_one(DataTable)
        if not rows:
            rows = [([cell(t("certification.none")), cell(""), cell(""), cell("")], None)]
        fill_table(table, rows, self.size.width or self.app.size.width, wrap="name")

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_new(self) -> None:
        people = self.app.workspace.kindergarten_staff(self.kindergarten)
        if not people:
            self.notify(t("certification.no_staff"), severity="warning", markup=False)
            return

        def person_chosen(staff_id: str | None) -> None:
            if staff_id is None:
                return

            def instrument_chosen(value: str | None) -> None:
                if value is None:
                    return

                def dated(text: str | None) -> None:
                    if text is None:
                        return
                    try:
                        day = parse_date(text)
                    except DomainError as exc:
                        self.notify(self.app.domain_message(exc), severity="warning", markup=False)
                        return
                    out, error = self.app.try_call(lambda: self.app.workspace.add_certification(
                        self.kindergarten, staff_id, Instrument(value), day, None, self.app.now()))
                    if error:
                        self.notify(error, severity="warning", markup=False)
                        return
                    self.notify(t("certification.added", name=out.name, instrument=t(f"instrument.{value}"),
                                  due=out.due.strftime("%d.%m.%Y")), markup=False)
                    self._draw()

                self.app.push_screen(TextPrompt(t("certification.ask_date"), value=self.app.today.isoformat()), dated)

            self.app.push_screen(ChoiceDialog(t("certification.ask_instrument"),
                                              [(t(f"instrument.{i.value}"), i.value) for i in Instrument]),
                                 instrument_chosen)

        self.app.push_screen(ChoiceDialog(t("certification.ask_person"),
                                          [(f"{s.name} ({t(f'role.{s.role.value}')})", s.id) for s, _d in people]),
                             person_chosen)
