"""A Select whose prompt is shown literally (Textual parses a Select's prompt as markup)."""

from __future__ import annotations

from textual.widgets import Select, Static


class LiteralSelect(Select):
    """Select with a prompt from the catalogue: "[" in it stays "[". Options should be Text."""

    def on_mount(self) -> None:
        for label in self.query(Static):
            label._render_markup = False  # the prompt's label (#label) and the arrows
