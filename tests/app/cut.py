"""What a screen cuts: texts a user needs that are not whole on screen.

Each label, header, button, key-bar key and table column is looked for in the cells its
widget covers on screen (what a terminal shows, as text). Wrapped text counts as whole
(its lines are read as one); text cut at the edge, hidden behind a sideways scroll or
ended with "…" does not. A widget scrolled partly out of view up or down is skipped (a
scroll bar shows there is more); one cut at the side is not.
"""

from __future__ import annotations

import io
import re

from rich.console import Console
from rich.text import Text
from textual.app import App
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, DataTable, Static
from textual.widgets._footer import FooterKey

BOX = re.compile(r"[\u2500-\u259f▔▁▏▕▎▊▌▐]")  # borders, scroll bars


def screen_lines(app: App) -> list[str]:
    """The screen as a terminal shows it: one string per row, one character per cell."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    lines = console.export_text(styles=False).split("\n")[:height]
    return [line.ljust(width) for line in lines]


def flat(text: str) -> str:
    return " ".join(BOX.sub(" ", text).split())


def _plain(widget: Widget) -> str | None:
    """The text a widget means to show, or None for a widget this check does not read."""
    if isinstance(widget, FooterKey):
        return f"{widget.key_display} {widget.description}"
    if isinstance(widget, Button):
        return widget.label.plain
    if isinstance(widget, Static):
        content = widget.content
        if isinstance(content, (Content, Text)):
            return content.plain
        if isinstance(content, str):
            return widget.visual.plain if hasattr(widget.visual, "plain") else content
    return None


def _solid(text: str) -> str:
    return "".join(text.split())


def cut_texts(app: App) -> list[str]:
    """Every text of the top screen a user would see only in part."""
    lines = screen_lines(app)
    screen = app.screen
    width, height = app.size
    out: list[str] = []

    def shown(region) -> str:
        rows = lines[max(region.y, 0):min(region.bottom, height)]
        return flat("\n".join(row[max(region.x, 0):min(region.right, width)] for row in rows))

    for widget in screen.walk_children(with_self=False):
        if not widget.display or not widget.visible or not widget.is_on_screen:
            continue
        try:
            geometry = screen.find_widget(widget)
        except Exception:  # not arranged (inside a closed container)
            continue
        region, clip = geometry.region, geometry.clip
        visible = region.intersection(clip).intersection(screen.region)
        if isinstance(widget, FooterKey) and visible != region:
            out.append(f"key bar: {_plain(widget)!r} shows as {shown(visible) if visible.area else ''!r}")
            continue
        if not visible.area:
            continue
        if isinstance(widget, DataTable):
            out += _table_cuts(widget, region, visible, shown)
            continue
        text = _plain(widget)
        if text is None or not flat(text):
            continue
        if visible.x > region.x or visible.right < region.right:
            out.append(f"{widget.__class__.__name__}#{widget.id}: cut at the side: {flat(text)!r}")
            continue
        if visible.y > region.y or visible.bottom < region.bottom:
            continue  # scrolled partly out of view: the scroll bar says so
        if flat(text) not in shown(visible) and _solid(flat(text)) not in _solid(shown(visible)):
            # (a word longer than the line, such as a folder's path, wraps inside itself: whole all the same)
            out.append(f"{widget.__class__.__name__}#{widget.id}: {flat(text)!r} shows as "
                       f"{shown(visible)!r}")
    return out


def _table_cuts(table: DataTable, region, visible, shown) -> list[str]:
    """Each column header and each cell of the rows in view, in its own cells on screen."""
    from textual.geometry import Region

    out = []
    if table.virtual_size.width > table.scrollable_content_region.width:
        out.append(f"DataTable#{table.id}: columns behind a sideways scroll")
    x = table.scrollable_content_region.x - int(table.scroll_x)
    top = table.scrollable_content_region.y
    rows = [(top, table.header_height, None)] if table.show_header else []
    y = top + (table.header_height if table.show_header else 0) - int(table.scroll_y)
    for row_key in table.rows:
        height = table.rows[row_key].height
        rows.append((y, height, row_key))
        y += height
    for column in table.ordered_columns:
        width = column.get_render_width(table)
        for y, height, row_key in rows:
            cell_region = Region(x, y, width, height)
            if not cell_region.intersection(visible).area:
                continue
            value = column.label if row_key is None else table.get_cell(row_key, column.key)
            text = flat(value.plain if hasattr(value, "plain") else str(value))
            if not text:
                continue
            if (cell_region.y < visible.y or cell_region.bottom > visible.bottom) and row_key is not None:
                continue  # a row scrolled partly out of view
            seen = shown(cell_region.intersection(visible))
            if text not in seen:
                where = "header" if row_key is None else "cell"
                out.append(f"DataTable#{table.id} {where} {text!r} shows as {seen!r}")
        x += width
    return out
