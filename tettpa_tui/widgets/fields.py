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


# ---- choices that say "chosen" without colour ----------------------------------------
# Textual draws ▐X▌ in every toggle and selection and shows the state by colour alone;
# here an unchosen one has an empty box ▐ ▌, so the state reads without colour too.

from rich.segment import Segment  # noqa: E402
from textual.content import Content  # noqa: E402
from textual.strip import Strip  # noqa: E402
from textual.widgets import RadioButton as _RadioButton  # noqa: E402
from textual.widgets import RadioSet as _RadioSet  # noqa: E402
from textual.widgets import SelectionList as _SelectionList  # noqa: E402
from textual.widgets._toggle_button import ToggleButton  # noqa: E402

_EMPTY = " " * len(ToggleButton.BUTTON_INNER)


class RadioButton(_RadioButton):
    @property
    def _button(self) -> Content:
        button = super()._button
        if self.value:
            return button
        left, right = len(self.BUTTON_LEFT), len(self.BUTTON_LEFT) + len(self.BUTTON_INNER)
        inner = button[left:right]
        return Content.assemble(button[:left], Content(_EMPTY, spans=list(inner.spans)), button[right:])

    def render(self) -> Content:
        """The option the arrows are on (in a focused RadioSet) carries ▸ before its label, so it
        is seen without colour too; the others a blank of the same width."""
        content = super().render()
        parent = self.parent
        here = self.has_class("-selected") and parent is not None and parent.has_focus
        n = len(self._button.plain)
        return Content.assemble(content[:n], CURSOR if here else " ", content[n:])

    def get_content_width(self, container, viewport) -> int:
        return super().get_content_width(container, viewport) + 1  # the ▸


CURSOR = "▸"


class RadioSet(_RadioSet):
    """A RadioSet whose buttons draw again when it gets or loses focus (their ▸ comes and goes)."""

    def on_focus(self) -> None:
        for button in self.query(RadioButton):
            button.refresh()

    def on_blur(self) -> None:
        self.on_focus()

    def watch__selected(self) -> None:
        super().watch__selected()
        self.on_focus()


class SelectionList(_SelectionList):
    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except Exception:  # no option on this line
            return strip
        if selection.value in self._selected:
            return strip
        segments = list(strip)
        if len(segments) > 1 and segments[1].text == ToggleButton.BUTTON_INNER:
            segments[1] = Segment(_EMPTY, segments[1].style)
            return Strip(segments, strip.cell_length)
        return strip
