"""Parking a thought for a later phase of the meeting: who had it, what it is, where it belongs.

The rules (who may park, which phases are later, the default phase) live in
tettpa_tui.domain.meeting; this dialog only asks and shows the domain's answer.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from tettpa_tui.i18n import t
from tettpa_tui.widgets.dialogs import FORM_CSS
from tettpa_tui.widgets.literal import literal

Target = tuple[int, str]


class ParkDialog(ModalScreen[bool]):
    """Who, the thought, and the later phase it belongs to (the domain's default chosen).

    `submit(author, text, target)` records it and returns None, or returns why it
    could not; the dialog then stays open with the reason, so nothing typed is lost.
    """

    DEFAULT_CSS = FORM_CSS.format(name="ParkDialog", width=72) + """
    ParkDialog > Vertical { max-height: 100%; padding: 0 1; }
    ParkDialog Label { margin-top: 0; }
    ParkDialog .dialog-title { text-style: bold; color: $primary; }
    ParkDialog .buttons { margin-top: 0; }
    """
    BINDINGS = [Binding("escape", "cancel", t("keys.cancel"), id="cancel")]

    def __init__(self, people: list[tuple[str, str]], author: str | None, targets: list[tuple[str, Target]],
                 target: Target | None, submit: Callable[[str, str, Target], "str | None"]) -> None:
        super().__init__()
        self.people = people  # (name, id), the present people
        self.author = author
        self.targets = targets  # (label, (story, phase)), the later phases
        self.target = target
        self.submit = submit

    def compose(self) -> ComposeResult:
        ids = [value for _, value in self.people]
        phases = {f"{s}:{p}": (s, p) for _, (s, p) in self.targets}
        self._phases = phases
        with Vertical():
            yield Static(t("meeting.parked.title"), markup=False, classes="dialog-title")
            yield Label(t("meeting.parked.who"), markup=False)
            yield Select([(Text(name), value) for name, value in self.people], allow_blank=False, id="who",
                         value=self.author if self.author in ids else ids[0])
            yield Label(t("meeting.parked.text"), markup=False)
            yield Input(placeholder=t("meeting.parked.text_placeholder"), id="text", max_length=2000)
            yield Label(t("meeting.parked.phase"), markup=False)
            current = f"{self.target[0]}:{self.target[1]}" if self.target else next(iter(phases))
            yield Select([(Text(label), f"{s}:{p}") for label, (s, p) in self.targets], allow_blank=False,
                         id="phase", value=current)
            yield Static("", markup=False, id="error")
            with Horizontal(classes="buttons"):
                yield Button(literal(t("meeting.parked.save")), variant="primary", id="save")
                yield Button(literal(t("staff_dialog.cancel")), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        text = self.query_one("#text", Input).value
        if not text.strip():
            self.query_one("#error", Static).update(t("error.park.empty"))
            self.query_one("#text", Input).focus()
            return
        author = str(self.query_one("#who", Select).value)
        target = self._phases[str(self.query_one("#phase", Select).value)]
        error = self.submit(author, text, target)
        if error:
            self.query_one("#error", Static).update(error)
        else:
            self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Esc or Avbryt: a thought already typed is not thrown away without a question."""
        if not self.query_one("#text", Input).value.strip():
            self.dismiss(False)
            return
        from tettpa_tui.widgets.dialogs import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(False)
            else:
                self.query_one("#text", Input).focus()

        self.app.push_screen(ConfirmDialog(t("meeting.parked.confirm_discard"), destructive=True), answered)


__all__ = ["ParkDialog"]
