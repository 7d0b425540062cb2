"""The keys of the screen below, and the keys that work everywhere."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static

from tettpa_tui.i18n import t
from tettpa_tui.widgets.literal import cell

KEY_NAMES = {
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "escape": "Esc",
    "enter": "Enter",
    "question_mark": "?",
    "delete": "Delete",
}


def key_label(key: str) -> str:
    parts = []
    for k in key.split(","):
        k = k.strip()
        parts.append(KEY_NAMES.get(k) or (k.replace("ctrl+", "Ctrl+").upper() if len(k) <= 3 and k.startswith("f") else k.replace("ctrl+", "Ctrl+")))
    return " / ".join(parts)


def bindings_of(obj: object) -> list[tuple[str, str]]:
    out = []
    for b in getattr(obj, "BINDINGS", []):
        if isinstance(b, Binding) and b.description:
            out.append((key_label(b.key), b.tooltip or b.description))
    return out


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 84; max-width: 100%; height: auto; max-height: 100%; padding: 0 2;
        border: thick $primary; background: $surface;
    }
    HelpScreen #title { text-style: bold; color: $primary; }
    HelpScreen .section { text-style: bold; color: $accent; }
    HelpScreen DataTable { height: auto; }
    """
    BINDINGS = [
        Binding("escape,f1,q", "dismiss", t("help.close"), id="close"),
    ]

    def __init__(self, screen: Screen | None) -> None:
        super().__init__()
        self.under = screen

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(t("help.title"), id="title", markup=False)
            yield Static(t("help.intro"), markup=False)
            if self.under is not None and bindings_of(self.under):
                yield Static(t("help.this_screen"), classes="section", markup=False)
                yield self._table(bindings_of(self.under))
            yield Static(t("help.global"), classes="section", markup=False)
            yield self._table(bindings_of(self.app))

    def _table(self, rows: list[tuple[str, str]]) -> DataTable:
        table: DataTable = DataTable(show_header=False, cursor_type="none")
        table.add_column("key", width=14)
        table.add_column("what", width=62)
        for key, what in rows:
            table.add_row(cell(key, "bold"), cell(what))
        return table
