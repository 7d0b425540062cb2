"""Small modal dialogs: confirm, a staff member's name and role, a month of the plan."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Select, Static

from tettpa_tui.widgets.fields import Input
from tettpa_tui.domain.calendar import parse_date
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import Role
from tettpa_tui.i18n import t
from tettpa_tui.messages import domain_message
from tettpa_tui.widgets.literal import literal


FOCUS_LEFT, FOCUS_RIGHT = "▸ ", " ◂"


class MarkedButton(Button):
    """A button that says it has focus in its text too (▸ Ja ◂), so the focused one is
    seen on a screen without colour, not only by its reversed colours. Without focus the
    marks are blanks of the same width: nothing moves when focus moves."""

    def __init__(self, label: Content, *args, **kwargs) -> None:
        self._plain = label
        super().__init__(self._marked(False), *args, **kwargs)

    def _marked(self, focused: bool) -> Content:
        left, right = (FOCUS_LEFT, FOCUS_RIGHT) if focused else (" " * len(FOCUS_LEFT), " " * len(FOCUS_RIGHT))
        return Content.assemble(left, self._plain, right)

    def on_focus(self) -> None:
        self.label = self._marked(True)

    def on_blur(self) -> None:
        self.label = self._marked(False)


class ButtonRowKeys:
    """Left/Right move between the buttons of the row the focused button is in
    (round from the last to the first), as in a dialog of any desktop."""

    BUTTON_ROW_BINDINGS = [
        Binding("left", "button_step(-1)", t("keys.button_left"), show=False),
        Binding("right", "button_step(1)", t("keys.button_right"), show=False),
    ]

    def action_button_step(self, step: int) -> None:
        focused = self.focused  # type: ignore[attr-defined]
        if not isinstance(focused, Button) or focused.parent is None:
            return
        row = [b for b in focused.parent.children if isinstance(b, Button) and b.focusable]
        if len(row) > 1:
            row[(row.index(focused) + step) % len(row)].focus()


class ConfirmDialog(ButtonRowKeys, ModalScreen[bool]):
    """A yes/no question; Enter answers the focused button, Left/Right move between
    them, Escape answers no. A question whose yes cannot be taken back (`destructive`)
    starts on no."""

    DEFAULT_CSS = """
    ConfirmDialog { align: center middle; }
    ConfirmDialog > Vertical {
        width: 60; max-width: 95%; height: auto; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    ConfirmDialog .buttons { height: auto; margin-top: 1; align-horizontal: right; }
    ConfirmDialog Button { margin-left: 2; }
    """
    BINDINGS = [Binding("escape", "answer(False)", t("keys.cancel"), id="cancel"),
                *ButtonRowKeys.BUTTON_ROW_BINDINGS]

    def __init__(self, question: str, *, destructive: bool = False) -> None:
        super().__init__()
        self.question = question
        self.destructive = destructive

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, markup=False, id="question")
            with Horizontal(classes="buttons"):
                yield MarkedButton(literal(t("confirm.yes")), variant="primary", id="yes")
                yield MarkedButton(literal(t("confirm.no")), id="no")

    def on_mount(self) -> None:
        self.query_one("#no" if self.destructive else "#yes", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


FORM_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: {width}; max-width: 95%; height: auto; padding: 1 2;
    border: thick $primary; background: $surface;
}}
{name} Label {{ margin-top: 1; }}
{name} .buttons {{ height: auto; margin-top: 1; align-horizontal: right; }}
{name} Button {{ margin-left: 2; }}
{name} #error {{ color: $error; height: auto; }}
"""


def role_options() -> list[tuple[str, Role]]:
    """The roles to choose from, by their full names ("Fagarbeider (barne- og ungdomsarbeider)")."""
    return [(Text(t(f"role_full.{r.value}")), r) for r in Role]


Submit = Callable[..., "str | None"]


class StaffDialog(ButtonRowKeys, ModalScreen[bool]):
    """Name (and role, for a new member).

    `submit(name, role)` saves and returns None, or returns why it could not;
    the dialog then stays open with the reason, so nothing typed is lost.
    Dismisses with True when saved, False when cancelled.
    """

    DEFAULT_CSS = FORM_CSS.format(name="StaffDialog", width=64)
    BINDINGS = [Binding("escape", "cancel", t("keys.cancel"), id="cancel"), *ButtonRowKeys.BUTTON_ROW_BINDINGS]

    def __init__(self, title: str, submit: Submit, name: str = "",
                 role: Role | None = Role.ASSISTANT) -> None:
        super().__init__()
        self.submit = submit
        self.title_text = title
        self.initial_name = name
        self.initial_role = role

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, markup=False, classes="dialog-title")
            yield Label(t("staff_dialog.name"), markup=False)
            yield Input(value=self.initial_name, id="name", max_length=80)
            if self.initial_role is not None:
                yield Label(t("staff_dialog.role"), markup=False)
                yield Select(role_options(), value=self.initial_role, allow_blank=False, id="role")
            yield Static("", markup=False, id="error")
            with Horizontal(classes="buttons"):
                yield MarkedButton(literal(t("staff_dialog.save")), variant="primary", id="save")
                yield MarkedButton(literal(t("staff_dialog.cancel")), id="cancel")

    def show_error(self, message: str) -> None:
        self.query_one("#error", Static).update(message)

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        name = self.query_one("#name", Input).value
        if not name.strip():
            self.show_error(t("error.name_empty", what=t("what.staff")).capitalize())
            return
        role = self.query_one("#role", Select).value if self.initial_role is not None else None
        error = self.submit(name, role)
        if error:
            self.show_error(error)
            self.query_one("#name", Input).focus()
        else:
            self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)


class PlanMonthDialog(ButtonRowKeys, ModalScreen[bool]):
    """One month of the year wheel: its dimension and (optionally) a hand-set date.

    `submit(dimension_id, date_or_None)` saves and returns None or the reason. With `fixed`
    (a pedagogue meeting: it takes up the departments' dimensions) the dimensions are shown,
    not chosen, and `submit` gets None for the dimension; `note` says how the date is planned.
    """

    DEFAULT_CSS = FORM_CSS.format(name="PlanMonthDialog", width=70)
    BINDINGS = [Binding("escape", "cancel", t("keys.cancel"), id="cancel"), *ButtonRowKeys.BUTTON_ROW_BINDINGS]

    def __init__(self, title: str, options: list[tuple[str, str]], dimension_id: str,
                 meeting_date: date, submit: Submit, fixed: str | None = None, note: str = "") -> None:
        super().__init__()
        self.submit = submit
        self.fixed = fixed
        self.note = note
        self.title_text = title
        self.options = options
        self.dimension_id = dimension_id
        self.meeting_date = meeting_date

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, markup=False, classes="dialog-title")
            if self.fixed is not None:
                yield Label(t("plan_dialog.departments"), markup=False)
                yield Static(self.fixed, markup=False, id="dimensions")
            else:
                yield Label(t("plan_dialog.dimension"), markup=False)
                yield Select([(Text(label), value) for label, value in self.options], value=self.dimension_id, allow_blank=False, id="dimension")
            yield Label(t("plan_dialog.date"), markup=False)
            if self.note:
                yield Static(self.note, markup=False, id="note")
            yield Input(value=self.meeting_date.isoformat(), id="date", max_length=10)
            yield Static("", markup=False, id="error")
            with Horizontal(classes="buttons"):
                yield MarkedButton(literal(t("plan_dialog.save")), variant="primary", id="save")
                yield MarkedButton(literal(t("plan_dialog.cancel")), id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        text = self.query_one("#date", Input).value
        try:
            day = parse_date(text)
        except DomainError as exc:
            self.query_one("#error", Static).update(domain_message(exc))
            return
        dim = None if self.fixed is not None else str(self.query_one("#dimension", Select).value)
        error = self.submit(dim, None if day == self.meeting_date else day)
        if error:
            self.query_one("#error", Static).update(error)
        else:
            self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)


class ChoiceDialog(ModalScreen["str | None"]):
    """Choose one of a few options with arrows and Enter (or a click); Esc cancels."""

    DEFAULT_CSS = """
    ChoiceDialog { align: center middle; }
    ChoiceDialog > Vertical {
        width: 64; max-width: 95%; height: auto; max-height: 90%; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    ChoiceDialog OptionList { height: auto; max-height: 16; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", t("keys.cancel"), id="cancel")]

    def __init__(self, title: str, options: list[tuple[str, str]], current: str | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.options = options
        self.current = current

    def compose(self) -> ComposeResult:
        from textual.widgets import OptionList
        from textual.widgets.option_list import Option

        from tettpa_tui.widgets.literal import literal

        with Vertical():
            yield Static(self.title_text, markup=False, classes="dialog-title")
            yield OptionList(*[Option(literal(label), id=value) for label, value in self.options])

    def on_mount(self) -> None:
        from textual.widgets import OptionList

        options = self.query_one(OptionList)
        ids = [value for _, value in self.options]
        if self.current in ids:
            options.highlighted = ids.index(self.current)
        options.focus()

    def on_option_list_option_selected(self, event) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TextPrompt(ButtonRowKeys, ModalScreen["str | None"]):
    """One line of text (a reason, a note); Enter saves, Escape cancels."""

    DEFAULT_CSS = FORM_CSS.format(name="TextPrompt", width=70)
    BINDINGS = [Binding("escape", "cancel", t("keys.cancel"), id="cancel"), *ButtonRowKeys.BUTTON_ROW_BINDINGS]

    def __init__(self, title: str, value: str = "", placeholder: str = "", required: bool = True,
                 password: bool = False) -> None:
        super().__init__()
        self.password = password
        self.title_text = title
        self.value = value
        self.placeholder = placeholder
        self.required = required

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, markup=False, classes="dialog-title")
            yield Input(self.value, placeholder=self.placeholder, id="text", max_length=500,
                        password=self.password)
            yield Static("", markup=False, id="error")
            with Horizontal(classes="buttons"):
                yield MarkedButton(literal(t("staff_dialog.save")), variant="primary", id="save")
                yield MarkedButton(literal(t("staff_dialog.cancel")), id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        text = self.query_one("#text", Input).value
        if self.required and not text.strip():
            self.query_one("#error", Static).update(t("prompt.required"))
            return
        self.dismiss(text)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
