"""Start møte: date, dimension, facilitator, who is present, a guest."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Label, Select, Static
from textual.widgets.selection_list import Selection

from tettpa_tui.widgets.fields import Input, SelectionList
from tettpa_tui.domain.calendar import YearMonth, parse_date
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.meeting import default_facilitator
from tettpa_tui.domain.records import Department
from tettpa_tui.i18n import t
from tettpa_tui.i18n import language as lang
from tettpa_tui.widgets.literal import literal


class MeetingSetupScreen(Screen):
    DEFAULT_CSS = """
    MeetingSetupScreen { align-horizontal: center; }
    MeetingSetupScreen #form { width: 100%; max-width: 90; padding: 0 2; height: 1fr; }
    MeetingSetupScreen #title { text-style: bold; color: $primary; }
    MeetingSetupScreen Label { margin-top: 1; text-style: bold; }
    MeetingSetupScreen Input, MeetingSetupScreen Select { max-width: 60; }
    MeetingSetupScreen SelectionList { height: auto; max-height: 12; }
    MeetingSetupScreen #error { color: $text; background: $error 30%; padding: 0 2; height: auto; }
    MeetingSetupScreen #start { margin: 1 0 0 0; }
    """
    BINDINGS = [
        Binding("ctrl+s", "start", t("setup.start"), id="start", tooltip=t("tips.start_meeting")),
        Binding("escape", "back", t("keys.back"), id="back", tooltip=t("tips.back")),
    ]

    def __init__(self, department: Department) -> None:
        super().__init__()
        self.department = department

    def compose(self) -> ComposeResult:
        ws = self.app.workspace
        month = YearMonth.of(self.app.today)
        try:
            self.default_dimension = ws.wheel(self.department, month.kindergarten_year).month(month).dimension_id
        except DomainError:  # July: the next meeting's dimension
            self.default_dimension = ws.next_meeting(self.department, self.app.today).dimension_id
        facilitator = default_facilitator(list(self.department.active_staff),
                                          self.department.is_pedagogue_meeting,
                                          ws.programme(self.department, self.app.today).year)
        with VerticalScroll(id="form"):
            yield Static(t("setup.title"), id="title", markup=False)
            yield Label(t("setup.date"), markup=False)
            yield Input(self.app.today.isoformat(), id="date", max_length=10, compact=True)
            yield Label(t("setup.dimension"), markup=False)
            fw = ws.framework_for(self.department)
            yield Select([(Text(d.name(lang())), d.id) for d in fw.choices(self.default_dimension)],
                         value=self.default_dimension, allow_blank=False, id="dimension", compact=True)
            yield Label(t("setup.facilitator"), markup=False)
            people = [(literal(m.name), m.id) for m in self.department.active_staff]
            yield Select(people, value=(facilitator.id if facilitator else people[0][1]), allow_blank=False,
                         id="facilitator", compact=True)
            yield Label(t("setup.present"), markup=False)
            yield SelectionList(*[Selection(literal(m.name), m.id, True) for m in self.department.active_staff],
                                id="present", compact=True)
            yield Label(t("setup.guest"), markup=False)
            yield Input(placeholder=t("setup.guest_placeholder"), id="guest", max_length=80, compact=True)
            yield Button(literal(t("setup.start")), variant="primary", id="start", compact=True)
        yield Static("", markup=False, id="error")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#error").display = False
        self.query_one("#present").focus(scroll_visible=False)  # the form opens at its top: title, date

    def _error(self, text: str, field: str | None = None) -> None:
        error = self.query_one("#error", Static)
        error.update(text)
        error.display = True
        if field:
            self.query_one(field).focus()

    @on(Button.Pressed, "#start")
    def _start_pressed(self) -> None:
        self.action_start()

    def action_start(self, confirmed: bool = False) -> None:
        try:
            day = parse_date(self.query_one("#date", Input).value)
        except DomainError as exc:
            self._error(self.app.domain_message(exc), "#date")
            return
        existing = self.app.attempt(lambda: self.app.workspace.month_meeting(self.department, day))
        if existing is not None and not confirmed:
            from tettpa_tui.i18n import long_date
            from tettpa_tui.widgets.dialogs import ConfirmDialog

            month = f"{t(f'month.{existing.month.month}').capitalize()} {existing.month.year}"
            key = "setup.again.finished" if existing.status == "finished" else "setup.again.running"
            self.app.push_screen(ConfirmDialog(t(key, month=month, date=long_date(existing.date)), destructive=True),
                                 lambda yes: self.action_start(confirmed=True) if yes else None)
            return
        present_ids = set(self.query_one("#present", SelectionList).selected)
        present = [m for m in self.department.active_staff if m.id in present_ids]
        facilitator = self.department.member(str(self.query_one("#facilitator", Select).value))
        guest = self.query_one("#guest", Input).value
        state, error = self.app.try_call(lambda: self.app.workspace.start_meeting(
            self.department, day, str(self.query_one("#dimension", Select).value), facilitator, present,
            [guest], self.app.now()))
        if error is not None:
            self._error(error)
            return
        from tettpa_tui.screens.meeting import MeetingScreen

        self.app.switch_screen(MeetingScreen(self.department, state))

    def action_back(self) -> None:
        self.dismiss()
