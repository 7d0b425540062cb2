"""Samarbeidsmøter: the director and the mentor's meetings, kept with the kindergarten.

A list of the meetings with the agreements still open; `n` records a new one,
where the open agreements come back to be marked as done (or kept open with a
note); `Enter` reads a meeting's record.
"""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, Static, TextArea
from textual.widgets.selection_list import Selection

from tettpa_tui.widgets.fields import Input, SelectionList
from tettpa_tui.widgets.form_guard import FormGuard
from tettpa_tui.domain import cooperation as co
from tettpa_tui.domain.calendar import parse_date
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import Department, Role
from tettpa_tui.i18n import long_date, t
from tettpa_tui.widgets.literal import cell, literal
from tettpa_tui.widgets.writing_area import WritingArea

CSS = """
{name} #head {{ height: auto; background: $primary; color: $text; padding: 0 1; }}
{name} #head .title {{ text-style: bold; }}
{name} .hint {{ color: $text-muted; padding: 0 1; }}
"""


class CooperationScreen(Screen):
    """The kindergarten's samarbeidsmøter and the agreements still open."""

    DEFAULT_CSS = CSS.format(name="CooperationScreen") + """
    CooperationScreen DataTable { height: 1fr; }
    CooperationScreen #open { height: auto; max-height: 10; padding: 0 1; }
    """
    BINDINGS = [
        Binding("n", "new", t("keys.new_cooperation"), id="new_cooperation", tooltip=t("cooperation.new_tip")),
        Binding("escape", "back", t("keys.back"), id="back", tooltip=t("tips.back_page")),
    ]

    def __init__(self, department: Department) -> None:
        super().__init__()
        self.department = department
        self.kindergarten = department.kindergarten
        self.meetings: list[co.CooperationMeeting] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="head"):
            yield Static(t("cooperation.title", kindergarten=self.kindergarten), markup=False, classes="title")
        yield Static(t("cooperation.about"), classes="hint", markup=False)
        yield DataTable(id="meetings", cursor_type="row", zebra_stripes=True)
        yield Static(id="open", markup=False)
        yield Static(t("cooperation.hint"), classes="hint", markup=False)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key in ("date", "who", "agreements"):
            table.add_column(t(f"cooperation.col_{key}"), key=key)
        self._draw()
        table.focus()

    def on_screen_resume(self) -> None:
        self._draw()

    def _draw(self) -> None:
        meetings = self.app.attempt(lambda: self.app.store.cooperation_meetings(self.kindergarten))
        self.meetings = list(reversed(meetings or []))
        table = self.query_one(DataTable)
        table.clear()
        for m in self.meetings:
            table.add_row(cell(m.date.strftime("%d.%m.%Y")), cell(", ".join(m.who)), cell(str(len(m.agreements))),
                          key=m.id)
        still = co.open_agreements(meetings or [])
        if not self.meetings:
            text = Content(t("cooperation.none"))
        elif not still:
            text = Content(t("cooperation.no_open"))
        else:
            text = Content("\n").join([Content.styled(t("cooperation.open_title"), "bold")] + [
                Content(f"• {a.text}  ({a.made.strftime('%d.%m.%Y')})") for a in still])
        self.query_one("#open", Static).update(text)

    def action_new(self) -> None:
        self.app.push_screen(CooperationForm(self.department))

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        meeting = next((m for m in self.meetings if m.id == event.row_key.value), None)
        if meeting is not None:
            self.app.push_screen(CooperationRecord(meeting, self.app.store.cooperation_meetings(self.kindergarten)))

    def action_back(self) -> None:
        self.dismiss()


def record_text(meeting: co.CooperationMeeting, all_meetings: list[co.CooperationMeeting]) -> Content:
    """One meeting's record: who, what was discussed, what was followed up and agreed."""
    texts = {m.agreement_key(i): a for m in all_meetings for i, a in enumerate(m.agreements)}
    parts = [Content.styled(t("cooperation.record_title", date=long_date(meeting.date)), "bold"),
             Content(t("cooperation.who_line", names=", ".join(meeting.who))), Content("")]
    if meeting.followups:
        parts.append(Content.styled(t("cooperation.followed_up"), "bold"))
        for f in meeting.followups:
            status = t(f"cooperation.status_{f.status}")
            line = f"• {texts.get(f.agreement, '?')}: {status}" + (f" – {f.note}" if f.note else "")
            parts.append(Content(line))
        parts.append(Content(""))
    if meeting.discussed:
        parts += [Content.styled(t("cooperation.discussed"), "bold"), Content(meeting.discussed), Content("")]
    if meeting.agreements:
        parts.append(Content.styled(t("cooperation.agreements"), "bold"))
        parts += [Content(f"• {a}") for a in meeting.agreements]
    return Content("\n").join(parts)


class CooperationRecord(Screen):
    """One samarbeidsmøte, read-only."""

    DEFAULT_CSS = CSS.format(name="CooperationRecord") + "CooperationRecord #record { padding: 1 2; }"
    BINDINGS = [Binding("escape", "back", t("keys.back"), id="back", tooltip=t("tips.back_page"))]

    def __init__(self, meeting: co.CooperationMeeting, all_meetings: list[co.CooperationMeeting]) -> None:
        super().__init__()
        self.meeting = meeting
        self.all_meetings = all_meetings

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(record_text(self.meeting, self.all_meetings), id="record", markup=False)
        yield Footer(show_command_palette=False)

    def action_back(self) -> None:
        self.dismiss()


class CooperationForm(FormGuard, Screen):
    """A new samarbeidsmøte: date, who, the open agreements followed up, what was
    discussed and the new agreements (one a line). Ctrl+S saves."""

    DEFAULT_CSS = CSS.format(name="CooperationForm") + """
    CooperationForm #form { padding: 0 1; }
    CooperationForm Label { width: 100%; }  /* a long help line wraps, never cut */
    CooperationForm TextArea { height: 6; }
    CooperationForm SelectionList { height: auto; max-height: 8; }
    CooperationForm #error { color: $error; height: auto; padding: 0 1; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", t("keys.save"), id="save", tooltip=t("cooperation.save_tip")),
        Binding("escape", "back", t("keys.cancel"), id="cancel", tooltip=t("cooperation.cancel_tip")),
    ]

    def __init__(self, department: Department) -> None:
        super().__init__()
        self.department = department
        self.kindergarten = department.kindergarten

    def _default_who(self, earlier: list[co.CooperationMeeting]) -> str:
        """Who came last time; before the first meeting, the director(s) of the kindergarten
        and the mentor of its pedagogue meeting."""
        last = co.last_attendees(earlier)
        if last:
            return ", ".join(last)
        store = self.app.store
        names: list[str] = []
        for d in store.list_departments(include_pedagogue=True):
            if d.kindergarten == self.kindergarten:
                for m in d.active_staff:
                    if m.role in (Role.DIRECTOR, Role.MENTOR) and m.name not in names:
                        names.append(m.name)
        return ", ".join(names)

    def compose(self) -> ComposeResult:
        earlier = self.app.store.cooperation_meetings(self.kindergarten)
        self.open = co.open_agreements(earlier, before=None)
        with Vertical(id="head"):
            yield Static(t("cooperation.new_title", kindergarten=self.kindergarten), markup=False, classes="title")
        with VerticalScroll(id="form"):
            yield Label(t("cooperation.date"), markup=False)
            yield Input(self.app.today.isoformat(), id="date", max_length=10)
            yield Label(t("cooperation.who"), markup=False)
            yield Input(self._default_who(earlier), id="who", max_length=200)
            if self.open:
                yield Label(t("cooperation.open_label"), markup=False)
                yield SelectionList(*[
                    Selection(literal(f"{a.text}  ({a.made.strftime('%d.%m.%Y')})"), a.key) for a in self.open
                ], id="done")
            yield Label(t("cooperation.discussed"), markup=False)
            yield WritingArea(id="discussed")
            yield Label(t("cooperation.agreements_label"), markup=False)
            yield WritingArea(id="agreements")
        yield Static("", id="error", markup=False)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#error").display = False
        self.query_one("#discussed", TextArea).focus()
        self.remember_form()

    def action_save(self) -> None:
        error = self.query_one("#error", Static)
        try:
            day: date = parse_date(self.query_one("#date", Input).value)
        except DomainError as exc:
            error.update(self.app.domain_message(exc))
            error.display = True
            return
        done = set(self.query_one("#done", SelectionList).selected) if self.open else set()
        followups = [co.FollowUp(a.key, co.DONE if a.key in done else co.NOT_YET) for a in self.open]
        who = self.query_one("#who", Input).value.split(",")
        agreements = self.query_one("#agreements", TextArea).text.splitlines()
        discussed = self.query_one("#discussed", TextArea).text
        meeting, message = self.app.try_call(lambda: co.new_meeting(day, who, discussed, agreements, followups,
                                                                       self.app.now()))
        if meeting is not None:
            _, message = self.app.try_call(lambda: self.app.store.save_cooperation_meeting(self.kindergarten, meeting))
        if message is not None:
            error.update(message)
            error.display = True
            return
        self.app.notify(t("cooperation.saved"), markup=False)
        self.dismiss()

    def action_back(self) -> None:
        """Esc: out at once if nothing is typed; else ask first (Nei keeps the form)."""
        self.leave_form(self.dismiss)


__all__ = ["CooperationForm", "CooperationRecord", "CooperationScreen", "record_text"]
