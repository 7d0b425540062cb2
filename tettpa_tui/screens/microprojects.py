"""Mikroprosjekter: a pedagogical leader's project in her department, beside the development plan.

Opened from the observations screen (`o`, then `m`). `n` sets one up (whose, title,
goal, what will be done, review date); `Enter` closes one after its review (done
or stopped, with a note). Open ones are shown in the opening of the department's
meetings.
"""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Label, Static

from tettpa_tui.domain import microproject as mp
from tettpa_tui.domain.calendar import parse_date
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import Department
from tettpa_tui.i18n import erased_or, t
from tettpa_tui.messages import domain_message
from tettpa_tui.screens.history import HEAD_CSS, _Page
from tettpa_tui.widgets.dialogs import FORM_CSS, ChoiceDialog, TextPrompt
from tettpa_tui.widgets.fields import Input
from tettpa_tui.widgets.fit import FittedTablePage, fill_table
from tettpa_tui.widgets.literal import cell, literal


class MicroProjectForm(ModalScreen[bool]):
    """A new mikroprosjekt: title, goal, what will be done, review date (compact: fits 80×24)."""

    DEFAULT_CSS = FORM_CSS.format(name="MicroProjectForm", width=76) + """
    MicroProjectForm Label { margin-top: 0; }
    """
    BINDINGS = [Binding("escape", "cancel", t("keys.cancel"), id="cancel")]

    def __init__(self, leader: str, review: date, submit) -> None:
        super().__init__()
        self.leader = leader
        self.review = review
        self.submit = submit

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(literal(f"{t('microproject.form_title')} · {self.leader}"), classes="dialog-title")
            for key in ("title", "goal", "actions"):
                yield Label(t(f"microproject.field_{key}"), markup=False)
                yield Input(id=key, compact=True, max_length=mp.MAX_TITLE if key == "title" else mp.MAX_TEXT)
            yield Label(t("microproject.field_review"), markup=False)
            yield Input(value=self.review.isoformat(), id="review", compact=True, max_length=10)
            yield Static("", markup=False, id="error")
            with Horizontal(classes="buttons"):
                yield Button(literal(t("plan_dialog.save")), variant="primary", id="save")
                yield Button(literal(t("plan_dialog.cancel")), id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        value = {key: self.query_one(f"#{key}", Input).value for key in ("title", "goal", "actions", "review")}
        try:
            review = parse_date(value["review"])
        except DomainError as exc:
            self.query_one("#error", Static).update(domain_message(exc))
            return
        error = self.submit(value["title"], value["goal"], value["actions"], review)
        if error:
            self.query_one("#error", Static).update(error)
        else:
            self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)


class MicroProjectsScreen(FittedTablePage, _Page):
    """The department's mikroprosjekter, open ones first."""

    DEFAULT_CSS = HEAD_CSS.format(name="MicroProjectsScreen") + """
    MicroProjectsScreen DataTable { height: 1fr; }
    """
    BINDINGS = _Page.BINDINGS + [
        Binding("n", "new", t("microproject.key_new"), id="new_microproject", tooltip=t("microproject.form_title")),
    ]
    COLUMNS = ("title", "leader", "review", "status")
    HEADINGS = "microproject"

    def compose(self) -> ComposeResult:
        yield from self.head(t("microproject.title", path=self.department.path))
        yield from self.table_and_hint("projects", t("microproject.hint"))

    def _draw(self) -> None:
        names = {s.id: s.name for s in self.department.staff}
        self.projects = sorted(self.app.store.microprojects(self.department), key=lambda p: not p.is_open)
        rows = [([cell(erased_or(p.title, p.erased_on)), cell(names.get(p.leader_id, "?")), cell(p.review.strftime("%d.%m.%Y")),
                  cell(t(f"microproject.status_{p.status}"), "bold" if p.is_open else "dim")], p.id)
                for p in self.projects]
        if not rows:
            rows = [([cell(t("microproject.none")), cell(""), cell(""), cell("")], None)]
        fill_table(self.query_one(DataTable), rows, self.size.width or self.app.size.width, wrap="title")

    def action_new(self) -> None:
        leaders = self.app.workspace.leaders(self.department)
        if not leaders:
            self.notify(t("microproject.no_leader"), severity="warning", markup=False)
            return

        def for_leader(staff_id: str | None) -> None:
            if staff_id is None:
                return
            name = next(s.name for s in leaders if s.id == staff_id)

            def submit(title: str, goal: str, actions: str, review: date) -> str | None:
                out, error = self.app.try_call(lambda: self.app.workspace.add_microproject(
                    self.department, staff_id, title, goal, actions, review, self.app.now()))
                if out is not None:
                    self._draw()
                    self.notify(t("microproject.saved", title=out.title), markup=False)
                return error

            from dateutil.relativedelta import relativedelta

            self.app.push_screen(MicroProjectForm(name, self.app.today + relativedelta(months=3), submit))

        if len(leaders) == 1:
            for_leader(leaders[0].id)
        else:
            self.app.push_screen(ChoiceDialog(t("microproject.ask_leader"), [(s.name, s.id) for s in leaders]),
                                 for_leader)

    @on(DataTable.RowSelected)
    def _review(self, event: DataTable.RowSelected) -> None:
        project = next((p for p in self.projects if p.id == event.row_key.value), None)
        if project is None or not project.is_open:
            return

        def status_chosen(status: str | None) -> None:
            if status is None:
                return

            def noted(note: str | None) -> None:
                if note is None:
                    return
                out, error = self.app.try_call(lambda: self.app.workspace.close_microproject(
                    self.department, project.id, status, note))
                if error:
                    self.notify(error, severity="warning", markup=False)
                    return
                self._draw()

            self.app.push_screen(TextPrompt(t("microproject.ask_note"), required=False), noted)

        self.app.push_screen(ChoiceDialog(t("microproject.ask_close", title=erased_or(project.title, project.erased_on)),
                                          [(t("microproject.close_done"), mp.DONE),
                                           (t("microproject.close_stopped"), mp.STOPPED)]), status_chosen)

