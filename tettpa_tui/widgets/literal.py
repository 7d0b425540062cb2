"""User text, shown exactly as typed.

Textual parses markup in Static, Label, DataTable cells and notify by
default, so a story or name holding "[/]" could crash a screen and
"[@click=app.quit]x[/]" would become a live action. Everything the user typed
goes through these helpers (or a widget with markup=False) before it is shown.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from tettpa_tui.text import md_escape, printable

__all__ = ["cell", "literal", "md_escape", "printable"]


def literal(text: str) -> Content:
    """For Static/Label: the text as it is, no markup; control characters and bidi
    overrides shown as symbols (␛, ⇆), as in every other view."""
    return Content(printable(text))


def cell(text: str, style: str = "") -> Text:
    """For DataTable cells: a rich Text, which DataTable shows as it is (control
    characters and bidi overrides as symbols)."""
    return Text(printable(text), style=style, no_wrap=True, overflow="ellipsis")
