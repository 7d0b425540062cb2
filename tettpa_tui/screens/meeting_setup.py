"""Start møte: date, dimension, facilitator, who is present, a guest."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Label, Select, Static
from textual.widgets.selection_list import Selection

from tettpa_tui.widgets.fields import Input, SelectionList
from tettpa_tui.domain.calendar import parse_date
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
    MeetingSetupScreen #month-line { color: $text-muted; }
    MeetingSetupScreen #month-note { color: $text; background: $warning 20%; padding: 0 1; margin-top: 1; }
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
        today = self.app.today
        # The meeting the home screen shows as next: its month, its dimension, its stories.
        self.upcoming = ws.next_meeting(self.department, today)
        self.plan = self.upcoming
        facilitator = default_facilitator(list(self.department.active_staff),
                                          self.department.is_pedagogue_meeting,
                                          ws.programme(self.department, today).year)
        with VerticalScroll(id="form"):
            yield Static(t("setup.title"), id="title", markup=False)
            yield Static(id="month-line", markup=False)
            yield Label(t("setup.date"), markup=False)
            # The whole date is chosen when the field gets focus, so a date typed replaces it.
            yield Input(today.isoformat(), id="date", max_length=40, compact=True, select_on_focus=True)
            yield Static(id="month-note", markup=False)
            yield Static(id="before-note", markup=False)  # a pedagogue meeting held on/after a department meeting
            yield Label(t("setup.dimension"), markup=False)
            fw = ws.framework_for(self.department)
            yield Select([(Text(d.name(lang())), d.id) for d in fw.choices(self.plan.dimension_id)],
                         value=self.plan.dimension_id, allow_blank=False, id="dimension", compact=True)
            # A pedagogue meeting takes up the departments' dimensions: shown, not chosen.
            yield Static(id="dimensions", markup=False)
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
        self.query_one("#month-note").display = False
        self.query_one("#before-note").display = False
        ped = self.department.is_pedagogue_meeting
        self.query_one("#dimension").display = not ped
        self.query_one("#dimensions").display = ped
        self._draw_month()
        self._draw_before(self.app.today)
        # A leader begins at the top: the date (the form opens at its title).
        self.query_one("#date").focus(scroll_visible=False)

    def _month_name(self, plan) -> str:
        return f"{t(f'month.{plan.month.month}')} {plan.month.year}"

    def _draw_month(self) -> None:
        """Which planned month this meeting is for, when it was planned, and its stories."""
        from tettpa_tui.i18n import long_date

        status, _ = self.app.workspace.hand_in_overview(self.department, self.plan.month)
        done, total = status.summary
        if self.department.is_pedagogue_meeting:
            self.query_one("#dimensions", Static).update(
                self.app.workspace.dimensions_text(self.department, self.plan.month))
        self.query_one("#month-line", Static).update(t(
            "setup.month.line", month=self._month_name(self.plan), planned=long_date(self.plan.meeting_date),
            done=done, total=total))
        note = self.query_one("#month-note", Static)
        if self.plan.month == self.upcoming.month:
            note.display = False
            return
        dim = self.app.workspace.dimensions_text(self.department, self.plan.month, self.plan.dimension_id)
        note.update(t("setup.month.moved", month=self._month_name(self.plan),
                      planned=long_date(self.plan.meeting_date), dimension=dim,
                      done=done, total=total, old=self._month_name(self.upcoming)))
        note.display = True

    @on(Input.Changed, "#date")
    def _date_changed(self, event: Input.Changed) -> None:
        try:
            day = parse_date(event.value)
            self._follow_date(day)
        except DomainError:
            return  # a date half typed: said when the meeting is started
        self._draw_before(day)

    def _draw_before(self, day) -> None:
        """A pedagogue meeting held on or after the month's first department meeting: said, calmly."""
        from tettpa_tui.screens.plan_month import not_before_line

        note = self.query_one("#before-note", Static)
        line = not_before_line(replace(self.plan, meeting_date=day), self.app.workspace.pedagogue_name(
            self.department, self.app.today, definite=True)) if self.department.is_pedagogue_meeting else None
        note.update(line or "")
        note.display = line is not None

    def _follow_date(self, day) -> bool:
        """A date moved into another planned month makes it that month's meeting, and
        the form says so (True when the month changed)."""
        plan = self.app.attempt(lambda: self.app.workspace.meeting_month(self.department, day, self.app.today))
        if plan is None or plan.month == self.plan.month:
            return False
        self.plan = plan
        choice = self.query_one("#dimension", Select)
        fw = self.app.workspace.framework_for(self.department)
        choice.set_options([(Text(d.name(lang())), d.id) for d in fw.choices(plan.dimension_id)])
        choice.value = plan.dimension_id
        self._draw_month()
        return True

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
        ws = self.app.workspace
        if self._follow_date(day):  # the month changed with the date: shown before it starts
            return
        plan = self.plan
        existing = self.app.attempt(lambda: ws.month_meeting(self.department, plan.month))
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
            [guest], self.app.now(), month=plan.month))
        if error is not None:
            self._error(error)
            return
        from tettpa_tui.screens.meeting import MeetingScreen

        self.app.switch_screen(MeetingScreen(self.department, state))

    def action_back(self) -> None:
        self.dismiss()
