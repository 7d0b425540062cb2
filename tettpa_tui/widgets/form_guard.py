"""Esc in a form with something typed asks before it throws the text away.

A form remembers its fields as they were when it opened (`remember_form`, in on_mount);
`leave_form(leave)` then leaves at once when nothing has changed, and otherwise asks
"Forkaste det du har skrevet?" starting on Nei (Enter keeps the form and the text).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget
from textual.widgets import Input, RadioSet, Select, SelectionList, TextArea

from tettpa_tui.i18n import t


def form_state(root: Widget) -> tuple:
    """What the fields under `root` hold now: typed text, choices, ticks."""
    state = []
    for w in root.query("*"):
        if isinstance(w, Input):
            state.append((w.id, w.value))
        elif isinstance(w, TextArea):
            state.append((w.id, w.text))
        elif isinstance(w, SelectionList):
            state.append((w.id, tuple(sorted(map(str, w.selected)))))
        elif isinstance(w, Select):
            state.append((w.id, str(w.value)))
        elif isinstance(w, RadioSet):
            state.append((w.id, w.pressed_index))
    return tuple(state)


class FormGuard:
    """For a form Screen: Esc with typed text asks first (see the module's docstring)."""

    _opened_state: tuple | None = None

    def remember_form(self) -> None:
        self._opened_state = form_state(self)  # type: ignore[arg-type]

    def form_changed(self) -> bool:
        return self._opened_state is not None and form_state(self) != self._opened_state  # type: ignore[arg-type]

    def leave_form(self, leave: Callable[[], object]) -> None:
        if not self.form_changed():
            leave()
            return
        from tettpa_tui.widgets.dialogs import ConfirmDialog

        def answer(yes: bool | None) -> None:
            if yes:
                leave()

        self.app.push_screen(ConfirmDialog(t("form.discard_typed"), destructive=True), answer)  # type: ignore[attr-defined]
