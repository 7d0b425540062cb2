"""Shown when the data cannot be opened: one line of what is wrong and what to do."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from tettpa_tui.i18n import t


class ProblemScreen(Screen):
    DEFAULT_CSS = """
    ProblemScreen { align: center middle; }
    ProblemScreen > Vertical {
        width: 80%; height: auto; padding: 1 2; border: thick $error; background: $surface;
    }
    ProblemScreen #title { text-style: bold; color: $error; }
    ProblemScreen #message { margin: 1 0; }
    ProblemScreen #hint { color: $text-muted; }
    """
    BINDINGS = [Binding("q,escape", "app.quit", t("keys.quit"), id="quit")]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("screen_error.title"), id="title", markup=False)
            yield Static(self.message, markup=False, id="message")
            yield Static(t("screen_error.hint"), id="hint", markup=False)
        yield Footer(show_command_palette=False)
