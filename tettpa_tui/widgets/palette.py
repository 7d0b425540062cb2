"""The command palette in the user's language (see widgets/textual_texts.py).

Its own module: Textual's command palette is loaded when it is first opened, not at start.
"""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from tettpa_tui.i18n import t


class Palette(CommandPalette):
    """The command palette with our words: its placeholder, its Esc in the key bar, and the
    line shown when nothing matches."""

    BINDINGS = [Binding("escape", "escape", t("textual.close_palette"))]

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # As CommandPalette's own (Textual 8), with "No matches found" from the catalogue.
        self._stop_no_matches_countdown()

        def _show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(Option(
                    Align.center(Text(t("textual.no_matches"), style="not bold")),
                    disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, _show_no_matches)
