"""A short list of rows in aligned columns, one of them chosen: a light table.

The home screen's staff list and year plan are short (a few people, eleven
months) and read more than they are worked in. Textual's DataTable costs as
much to set up and draw as the whole rest of that screen, and the home screen
is the first thing every start shows; an OptionList with its rows laid out in
columns draws in a fraction of the time and keeps the keys (arrows, Home/End,
Page Up/Down, Enter) and the mouse (click, wheel) of a list.

The cells are Content: shown literally (no markup), with their own style.
One column may be named flexible: when the rows are wider than the list, that
column is cut with an ellipsis and the others keep their width. A list with no
rows can say so (greyed out, not selectable).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

GAP = 2  # spaces between columns


class RowList(OptionList):
    DEFAULT_CSS = """
    RowList {
        border: none;
        padding: 0 1;
        height: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        &:focus { border: none; }
    }
    """

    def __init__(self, *, flexible: int = 0, empty: str = "", id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._flexible = flexible
        self._empty = empty  # said, greyed out, while there are no rows
        self._rows: list[tuple[str, tuple[Content, ...]]] = []
        self._widths: tuple[int, ...] = ()

    # -- what the screen asks --------------------------------------------------

    def set_rows(self, rows: Sequence[tuple[str, Sequence[Content]]], highlight: str | None = None) -> None:
        """Show `rows` (key, cells); highlight the row `highlight`, else the one
        highlighted before if it is still there, else the first."""
        keep = highlight if highlight is not None else self.highlighted_key
        self._rows = [(key, tuple(cells)) for key, cells in rows]
        self._widths = self._column_widths()
        self._show(keep)

    @property
    def highlighted_key(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None

    # -- layout ---------------------------------------------------------------

    def _column_widths(self) -> tuple[int, ...]:
        columns = max((len(cells) for _key, cells in self._rows), default=0)
        natural = [max((cells[i].cell_length for _k, cells in self._rows if i < len(cells)), default=0)
                   for i in range(columns)]
        room = self.scrollable_content_region.width
        if room and natural and 0 <= self._flexible < columns:
            over = sum(natural) + GAP * (columns - 1) - room
            if over > 0:
                natural[self._flexible] = max(4, natural[self._flexible] - over)
        return tuple(natural)

    def _line(self, cells: tuple[Content, ...]) -> Content:
        parts: list[Content] = []
        last = len(cells) - 1
        for i, cell in enumerate(cells):
            width = self._widths[i]
            if i < last:
                parts.append(cell.truncate(width, ellipsis=True, pad=True))
                parts.append(Content(" " * GAP))
            else:
                parts.append(cell.truncate(width, ellipsis=True))
        return Content("").join(parts)

    def _show(self, keep: str | None) -> None:
        if not self._rows:
            self.set_options([Option(Content(self._empty), disabled=True)] if self._empty else [])
            return
        self.set_options(Option(self._line(cells), id=key) for key, cells in self._rows)
        self.highlighted = next((i for i, (key, _c) in enumerate(self._rows) if key == keep), 0)

    def on_resize(self) -> None:
        # Laid out again only when the room changes what fits (not on the first
        # layout, when the rows were set before the list had a size and fit).
        widths = self._column_widths()
        if widths != self._widths:
            self._widths = widths
            self._show(self.highlighted_key)
