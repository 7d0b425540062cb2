"""A one-line field that keeps its text when it gets focus.

Textual's Input selects all its text on focus, so the next key typed replaces
it: a correction of a note, or the goal after a Tab from "most useful", would
wipe what was there. Here the cursor goes to the end instead.
"""

from __future__ import annotations

from textual.widgets import Input as _TextualInput


class Input(_TextualInput):
    def __init__(self, *args, select_on_focus: bool = False, **kwargs) -> None:
        super().__init__(*args, select_on_focus=select_on_focus, **kwargs)
