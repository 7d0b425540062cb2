"""The browser's two screens before the writer: the access code, and "who are you?".

They belong to the story-only face (tettpa_tui.story_app): from here a user
reaches their own story and nothing else.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from tettpa_tui.domain.records import Department
from tettpa_tui.i18n import language, long_date, t
from tettpa_tui.widgets.literal import literal

CARD_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 70; max-width: 100%; height: auto; max-height: 100%; padding: 1 2;
    border: thick $primary; background: $surface;
}}
{name} #title {{ text-style: bold; color: $primary; }}
{name} .hint {{ color: $text-muted; margin: 1 0; }}
{name} #error {{ color: $error; height: auto; }}
"""

MAX_ATTEMPTS = 5
PAUSE_SECONDS = 2.0


class AccessCodeScreen(Screen):
    """Asks for the department's access code; posts Accepted when it is right."""

    DEFAULT_CSS = CARD_CSS.format(name="AccessCodeScreen")
    class Accepted(Message):
        """The right code was given."""

    def __init__(self, department: Department) -> None:
        super().__init__()
        self.department = department
        self.attempts = 0

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(literal(t("story_only.code_title", department=self.department.path)), id="title")
            yield Static(t("story_only.code_hint"), classes="hint", markup=False)
            yield Input(password=True, id="code", max_length=200, placeholder=t("story_only.code_placeholder"))
            yield Static("", id="error", markup=False)
            yield Button(literal(t("story_only.code_go")), variant="primary", id="go")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#code", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#go")
    def _try(self) -> None:
        field = self.query_one("#code", Input)
        if field.disabled:
            return
        code = field.value
        if not code.strip():
            self.query_one("#error", Static).update(t("story_only.code_empty"))
            return
        ok, error = self.app.try_call(lambda: self.app.workspace.access_code_matches(self.department, code))
        if error is not None:
            self.query_one("#error", Static).update(error)
            return
        if ok:
            self.post_message(self.Accepted())
            return
        self.attempts += 1
        field.value = ""
        if self.attempts >= MAX_ATTEMPTS:
            self.query_one("#error", Static).update(t("story_only.code_closed"))
            field.disabled = True
            self.set_timer(PAUSE_SECONDS, self.app.exit)
            return
        # A short pause after a wrong code makes guessing slow.
        self.query_one("#error", Static).update(t("story_only.code_wrong"))
        field.disabled = True
        self.query_one("#go", Button).disabled = True
        self.set_timer(PAUSE_SECONDS, self._reopen)

    def _reopen(self) -> None:
        self.query_one("#error", Static).update(t("story_only.code_try_again"))
        field = self.query_one("#code", Input)
        field.disabled = False
        self.query_one("#go", Button).disabled = False
        field.focus()


class NameScreen(Screen):
    """Who is writing: the department's active staff, chosen with arrows, a digit or a click."""

    DEFAULT_CSS = CARD_CSS.format(name="NameScreen") + """
    NameScreen OptionList { height: auto; max-height: 14; }
    """
    BINDINGS = [Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)]

    def __init__(self, department: Department) -> None:
        super().__init__()
        self.department = department

    def compose(self) -> ComposeResult:
        staff = self.department.active_staff
        with Vertical():
            yield Static(t("writer.who_are_you"), id="title", markup=False)
            yield Static(id="next", markup=False, classes="hint")
            if staff:
                yield OptionList(*[
                    Option(literal(f"{n}  {m.name}" if n <= 9 else f"   {m.name}"), id=m.id)
                    for n, m in enumerate(staff, start=1)
                ], id="names")
                yield Static(t("story_only.names_hint"), classes="hint", markup=False)
            else:
                yield Static(t("story_only.no_staff"), id="error", markup=False)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        ws = self.app.workspace
        plan, error = self.app.try_call(lambda: ws.next_meeting(self.department, self.app.today))
        if plan is not None:
            dim = ws.framework_for(self.department).dimension(plan.dimension_id)
            self.query_one("#next", Static).update(t(
                "story_only.next", department=self.department.path,
                date=long_date(plan.meeting_date), dimension=dim.name(language())))
        elif error:
            self.query_one("#next", Static).update(error)
        if self.department.active_staff:
            self.query_one("#names", OptionList).focus()

    @on(OptionList.OptionSelected, "#names")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self._open(event.option.id)

    def action_pick(self, number: int) -> None:
        staff = self.department.active_staff
        if 1 <= number <= len(staff):
            self._open(staff[number - 1].id)

    def _open(self, staff_id: str | None) -> None:
        member = next((m for m in self.department.active_staff if m.id == staff_id), None)
        if member is not None:
            self.app.open_writer(self.department, member)
