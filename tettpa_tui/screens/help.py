"""The keys of the screen below, and the keys that work everywhere.

Each row wraps within the window (nothing is cut at 80 columns), and choosing a
row (Enter or a click) closes the help and does what the row says, so every
action of a screen can also be done with the mouse.
"""

from __future__ import annotations

import re

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tettpa_tui.i18n import t

KEY_NAMES = {
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "escape": "Esc",
    "enter": "Enter",
    "question_mark": "?",
    "delete": "Delete",
    "slash": "/",
    "space": "Space",
    "tab": "Tab",
    "left": "←",
    "right": "→",
}
KEY_WIDTH = 15


def key_label(key: str) -> str:
    """Key names as people read them: ctrl+o,f5 -> Ctrl+O, F5 (a letter stays as typed)."""
    parts = []
    for k in key.split(","):
        k = k.strip()
        if k in KEY_NAMES:
            parts.append(KEY_NAMES[k])
        elif re.fullmatch(r"f\d{1,2}", k):
            parts.append(k.upper())
        elif k.startswith("ctrl+"):
            rest = k[5:]
            parts.append("Ctrl+" + KEY_NAMES.get(rest, rest.upper()))
        else:
            parts.append(k)
    return ", ".join(parts)


def bindings_of(obj: object) -> list[tuple[str, str, str]]:
    """(keys, what it does, action) for each binding with a description."""
    bindings = [b for b in getattr(obj, "BINDINGS", []) if isinstance(b, Binding) and b.description]
    more = next((b for b in bindings if b.action == "more"), None)
    out = []
    for b in bindings:
        keys = key_label(b.key)
        if more is not None and all(re.fullmatch(r"f\d{1,2}", k.strip()) for k in b.key.split(",")):
            keys += f", {key_label(more.key)} …"  # no key of its own without Fn: in the list of more
        out.append((keys, b.tooltip or b.description, b.action))
    return out


def row(keys: str, what: str) -> Table:
    """One help line: the keys, and beside them what they do, wrapped with a hanging indent."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=KEY_WIDTH, no_wrap=True, overflow="fold")
    grid.add_column(ratio=1, overflow="fold")
    grid.add_row(Text(keys, style="bold"), Text(what))
    return grid


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical {
        width: 84; max-width: 100%; height: auto; max-height: 100%; padding: 0 1;
        border: thick $primary; background: $surface;
    }
    HelpScreen #title { text-style: bold; color: $primary; }
    HelpScreen #keys { height: auto; border: none; padding: 0; }
    """
    BINDINGS = [
        Binding("escape,f1,q", "dismiss", t("help.close"), id="close"),
    ]

    def __init__(self, screen: Screen | None) -> None:
        super().__init__()
        self.under = screen
        self._actions: dict[str, tuple[object, str]] = {}

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("help.title"), id="title", markup=False)
            yield Static(t("help.intro"), markup=False, id="intro")
            yield OptionList(*self._options(), id="keys")

    def _options(self) -> list[Option]:
        options: list[Option] = []
        sections = []
        if self.under is not None and bindings_of(self.under):
            sections.append((t("help.this_screen"), self.under))
        sections.append((t("help.global"), self.app))
        for n, (title, owner) in enumerate(sections):
            options.append(Option(Text(title, style="bold"), disabled=True))
            for i, (keys, what, action) in enumerate(bindings_of(owner)):
                option_id = f"{n}-{i}"
                self._actions[option_id] = (owner, action)
                options.append(Option(row(keys, what), id=option_id))
        return options

    def on_mount(self) -> None:
        keys = self.query_one(OptionList)
        keys.focus()
        keys.highlighted = 1
        self.call_after_refresh(self._fit)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        """The list scrolls within the window: every line can be reached, none hides below the edge."""
        above = self.query_one("#title").outer_size.height + self.query_one("#intro").outer_size.height
        self.query_one(OptionList).styles.max_height = max(3, self.size.height - 2 - above)

    @on(OptionList.OptionSelected, "#keys")
    async def _run(self, event: OptionList.OptionSelected) -> None:
        owner, action = self._actions[event.option.id or ""]
        self.dismiss()
        if action != "help":
            await self.app.run_action(action, owner)


def choose_action(screen: Screen, title: str) -> None:
    """Every action the screen allows now, in a list to pick by keys or a click (and its keys beside it)."""
    from tettpa_tui.widgets.dialogs import ChoiceDialog

    options = [(f"{b.tooltip or b.description}  ({key_label(b.key)})", b.action) for b in screen.BINDINGS
               if isinstance(b, Binding) and b.description and b.action not in ("more", "back", "leave")
               and screen.check_action(b.action.split("(")[0], ()) is not False]

    def chosen(action: str | None) -> None:
        if action is not None:
            screen.call_later(screen.run_action, action)

    screen.app.push_screen(ChoiceDialog(title, options), chosen)
