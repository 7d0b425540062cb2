"""The writing area of a practice story: a TextArea that keeps pastes sane."""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea

from tettpa_tui.domain.stories import MAX_STORY_CHARS
from tettpa_tui.i18n import t
from tettpa_tui.widgets.literal import printable


class StoryEditor(TextArea):
    """Soft-wrapped plain text.

    * A paste that would make the story longer than a story can be is refused
      with a message, so a stray 1 MB paste neither freezes the screen nor
      ends up in the file.
    * Control characters (from a pasted terminal log, or a story handed in
      from a file) are shown as visible symbols, never sent to the terminal.
    """

    DEFAULT_CSS = """
    StoryEditor { height: 1fr; }
    """

    def __init__(self, text: str = "", *, read_only: bool = False, id: str | None = None) -> None:
        super().__init__(
            printable(text),
            soft_wrap=True,
            tab_behavior="focus",
            read_only=read_only,
            show_line_numbers=False,
            placeholder=t("writer.placeholder"),
            id=id,
        )

    async def _on_paste(self, event: events.Paste) -> None:
        # Textual calls TextArea._on_paste after this one unless the default is
        # prevented, so this handler inserts only when it prevents it: a plain
        # paste is left to TextArea (calling it here too inserted the text twice).
        if self.read_only:
            return
        selected = len(self.selected_text)
        if len(self.text) - selected + len(event.text) > MAX_STORY_CHARS:
            event.prevent_default()
            event.stop()
            self.notify(t("writer.paste_too_long", limit=MAX_STORY_CHARS), severity="warning", timeout=8, markup=False)
            return
        clean = printable(event.text)
        if clean != event.text:
            event.prevent_default()
            event.stop()
            result = self.replace(clean, *self.selection, maintain_selection_offset=False)
            self.move_cursor(result.end_location)
            self.focus()

    def load_text(self, text: str) -> None:
        super().load_text(printable(text))

    def select_span(self, start: int, end: int) -> None:
        """Select characters start..end of the text and show them."""
        doc = self.document
        self.selection = type(self.selection)(doc.get_location_from_index(start), doc.get_location_from_index(end))
        self.scroll_cursor_visible(center=True)
        self.focus()
