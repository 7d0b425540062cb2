"""Choose a department (or make a new one)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from tettpa_tui.domain.records import Department
from tettpa_tui.i18n import t
from tettpa_tui.widgets.literal import literal

NEW = "__new__"


class DepartmentPicker(ModalScreen["Department | str | None"]):
    """Returns the chosen Department, NEW for a new one, or None."""

    DEFAULT_CSS = """
    DepartmentPicker { align: center middle; }
    DepartmentPicker > Vertical {
        width: 70; max-width: 95%; height: auto; max-height: 90%; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    DepartmentPicker #title { text-style: bold; color: $primary; }
    DepartmentPicker .hint { color: $text-muted; margin-bottom: 1; }
    DepartmentPicker OptionList { height: auto; max-height: 20; }
    DepartmentPicker Button { margin-top: 1; }
    """
    BINDINGS = [
        Binding("escape", "cancel", t("keys.cancel"), id="cancel"),
        Binding("n", "new", t("picker.new"), id="new_department"),
    ]

    def __init__(self, departments: list[Department], allow_cancel: bool = True) -> None:
        super().__init__()
        self.departments = departments
        self.allow_cancel = allow_cancel

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("picker.title"), id="title", markup=False)
            yield Static(t("picker.hint"), classes="hint", markup=False)
            yield OptionList(
                *[
                    Option(literal(f"{d.kindergarten} / {d.name}  ({t(f'age_group.{d.age_group.value}')})"), id=str(i))
                    for i, d in enumerate(self.departments)
                ],
                id="departments",
            )
            yield Button(literal(t("picker.new")), id="new")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.departments[int(event.option.id or 0)])

    @on(Button.Pressed, "#new")
    def action_new(self) -> None:
        self.dismiss(NEW)

    def action_cancel(self) -> None:
        if self.allow_cancel:
            self.dismiss(None)
