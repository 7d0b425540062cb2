"""The writing area of a practice story: a WritingArea that refuses an oversized paste."""

from __future__ import annotations

from textual import events

from tettpa_tui.domain.stories import MAX_STORY_CHARS
from tettpa_tui.i18n import t
from tettpa_tui.widgets.writing_area import WritingArea


class StoryEditor(WritingArea):
    """Soft-wrapped plain text.

    * A paste that would make the story longer than a story can be is refused
      with a message, so a stray 1 MB paste neither freezes the screen nor
      ends up in the file.
    * A paste's line breaks (CR or CR LF from the terminal) stay line breaks;
      other control characters (from a pasted terminal log, or a story handed
      in from a file) are shown as visible symbols, never sent to the terminal.
    """

    DEFAULT_CSS = """
    StoryEditor { height: 1fr; }
    """

    def __init__(self, text: str = "", *, read_only: bool = False, id: str | None = None) -> None:
        super().__init__(text, read_only=read_only, placeholder=t("writer.placeholder"), id=id)

    async def _on_paste(self, event: events.Paste) -> None:
        # Textual calls TextArea._on_paste after this one unless the default is
        # prevented; that one inserts the paste through _replace_via_keyboard,
        # which cleans it (WritingArea). Only an oversized paste is stopped here.
        if self.read_only:
            return
        selected = len(self.selected_text)
        if len(self.text) - selected + len(event.text) > MAX_STORY_CHARS:
            event.prevent_default()
            event.stop()
            self.notify(t("writer.paste_too_long", limit=MAX_STORY_CHARS), severity="warning", timeout=8, markup=False)

    def select_span(self, start: int, end: int) -> None:
        """Select characters start..end of the text and show them."""
        doc = self.document
        self.selection = type(self.selection)(doc.get_location_from_index(start), doc.get_location_from_index(end))
        self.scroll_cursor_visible(center=True)
        self.focus()
