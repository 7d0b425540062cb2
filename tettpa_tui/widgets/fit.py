"""Tables that fit the window: nothing a user needs is cut at 80 columns.

A DataTable makes every column as wide as its widest cell and cuts what does
not fit the window. `fill_table` instead gives one column (the long text: a
dimension's name, a note) the width the others leave, and wraps it onto more
lines; column headings wider than their cells wrap onto a second line.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from rich.text import Text
from textual.widgets import DataTable

SCROLLBAR = 2


def _width(text: Text) -> int:
    return max((Text(line).cell_len for line in text.plain.split("\n")), default=0)


def _heading_width(label: str, content: int, lines: int) -> int:
    """The narrowest width, from the cells' own, at which `label` takes at most `lines` lines
    and no word of it is split."""
    need = max(content, max((len(w) for w in label.split()), default=0))
    while len(textwrap.wrap(label, max(need, 1), break_long_words=False, break_on_hyphens=False)) > lines:
        need += 1
    return need


def fill_table(table: DataTable, rows: Sequence[tuple[Sequence[Text], str | None]], width: int,
               wrap: str | None = None, minimum: int = 14, cut: bool = False, max_lines: int = 0) -> None:
    """Clear `table` and add `rows` ((cells, key) each) so that they fit in `width` columns.

    `wrap` names the column that takes the rest of the width; its text wraps onto more
    lines (or, with `cut`, ends in "…" on one line: for a preview of a longer text); with
    `max_lines`, a text longer than that many lines ends in "…" on its last line.
    """
    table.clear()
    keys = list(table.columns)
    pad = 2 * table.cell_padding
    contents = [max([_width(cells[n]) for cells, _ in rows] + [1]) for n in range(len(keys))]
    labels = [table.columns[k].label.plain for k in keys]
    wide = sum(max(c, len(label)) + pad for label, c in zip(labels, contents))
    if wide + SCROLLBAR <= width:  # every heading fits on one line
        widths = {k: max(c, len(label)) for k, c, label in zip(keys, contents, labels)}
        head_lines = 1
    else:
        # Headings take two lines; where even that is too wide, three (no word is ever split).
        # A third line also when it gives the column that wraps room for more of its text.
        for head_lines in (2, 3):
            widths = {k: _heading_width(label, c, head_lines) for k, c, label in zip(keys, contents, labels)}
            others = sum(widths[k] + pad for k in keys if k != wrap)
            room = width - SCROLLBAR - others - (pad if wrap is not None else 0)
            if wrap is None and room >= 0 or wrap is not None and room >= min(widths[wrap], max(minimum, 30)):
                break
    if wrap is not None:
        others = sum(widths[k] + pad for k in keys if k != wrap)
        widths[wrap] = max(minimum, min(widths[wrap], width - SCROLLBAR - others - pad))
    if head_lines > 1:  # as many lines as the longest heading takes at its width
        head_lines = max(len(textwrap.wrap(label, widths[k], break_long_words=False, break_on_hyphens=False)) or 1
                         for k, label in zip(keys, labels))
    table.header_height = head_lines
    for key in keys:
        column = table.columns[key]
        column.auto_width = False
        column.width = widths[key]
        column.label = Text(column.label.plain, style=column.label.style)  # may wrap onto a second line
    index = keys.index(wrap) if wrap is not None else -1
    for cells, key in rows:
        cells = list(cells)
        if index >= 0 and not cut:
            plain = cells[index].plain
            if max_lines:
                lines = textwrap.wrap(plain, widths[wrap]) or [""]
                if len(lines) > max_lines:
                    lines = lines[:max_lines]
                    lines[-1] = lines[-1][:widths[wrap] - 1] + "…"
                plain = "\n".join(lines)
            cells[index] = Text(plain, style=cells[index].style)  # wraps
        # With `cut`, a row is as tall as its tallest cell of set lines (a state and its marks, each
        # on a line), the cut column in it; otherwise one line, or as the wrapped text needs.
        tall = max((c.plain.count("\n") + 1 for i, c in enumerate(cells) if i != index), default=1)
        table.add_row(*cells, key=key, height=(tall if cut else 1) if cut or wrap is None else None)


class FittedTablePage:
    """A screen whose content is one table that `_draw()` fills with `fill_table` (mixed in
    before Screen): its columns headed from the catalogue (`COLUMNS`: column keys, headed by
    `f"{HEADINGS}.col_{key}"`), drawn on mount and again at every resize, then focused;
    `table_and_hint()` yields the table, the hint line under it and the footer."""

    COLUMNS: tuple[str, ...] = ()
    HEADINGS = ""  # the catalogue's section of the column headings

    def table_and_hint(self, table_id: str, hint: str):
        from textual.widgets import Footer, Static

        yield DataTable(id=table_id, cursor_type="row", zebra_stripes=True)
        yield Static(hint, classes="hint", markup=False)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        from tettpa_tui.i18n import t

        table = self.query_one(DataTable)  # type: ignore[attr-defined]
        for key in self.COLUMNS:
            table.add_column(Text(t(f"{self.HEADINGS}.col_{key}")), key=key)
        self._draw()  # type: ignore[attr-defined]
        table.focus()

    def on_resize(self) -> None:
        if self.is_mounted:  # type: ignore[attr-defined]
            self._draw()  # type: ignore[attr-defined]
