"""A multi-line field for what people write: soft-wrapped, and sane with a paste.

Every multi-line field of the app (the story, the teller's response, the closing
summary, the samarbeidsmøte's texts, the development plan) is one of these, so a
paste behaves the same everywhere:

* Its line breaks stay line breaks. Terminals send them as CR (xterm, GNOME
  Terminal, tmux) or CR LF (Windows Terminal); both become LF, by the domain's
  one rule (`domain/linebreaks.py`).
* Every other control character (an ESC from a pasted terminal log, a bidi
  override) becomes a visible symbol, never sent to the terminal.
* With `max_length`, typing or pasting past it is refused (the field stays as it was).
"""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea
from textual.widgets.text_area import EditResult, Location

from tettpa_tui.domain.linebreaks import plain_line_breaks
from tettpa_tui.widgets.literal import printable


def clean(text: str) -> str:
    """Text as a field holds it: line breaks as LF, other control characters as symbols."""
    return printable(plain_line_breaks(text))


class WritingArea(TextArea):
    def __init__(self, text: str = "", *, read_only: bool = False, placeholder: str = "",
                 max_length: int | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(
            clean(text),
            soft_wrap=True,
            tab_behavior="focus",
            read_only=read_only,
            show_line_numbers=False,
            placeholder=placeholder,
            id=id,
            classes=classes,
        )
        self.max_length = max_length

    async def _on_paste(self, event: events.Paste) -> None:
        # TextArea's own handler (called after this one) inserts it through
        # _replace_via_keyboard below; taken here, it goes no further up.
        if not self.read_only:
            event.stop()

    def _replace_via_keyboard(self, insert: str, start: Location, end: Location) -> EditResult | None:
        # Every key typed, bracketed paste and Ctrl+V comes through here.
        insert = clean(insert)
        if self.max_length is not None and insert:
            removed = len(self.document.get_text_range(*sorted((start, end))))
            if len(self.text) - removed + len(insert) > self.max_length:
                self.app.bell()
                return None
        return super()._replace_via_keyboard(insert, start, end)

    def load_text(self, text: str) -> None:
        super().load_text(clean(text))
