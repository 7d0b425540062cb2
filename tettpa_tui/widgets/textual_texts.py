"""Textual's own texts, said in the user's language.

Textual 8 writes a few English texts of its own where a user meets them: the notice on
Ctrl+C ("Do you want to quit? Press ctrl+q to quit the app"), a drop-down's "Dismiss menu"
and the command palette's "Exit the command palette" in the key bar, the palette's
"Search for commands…", "Search for themes…" and "No matches found", and a Select's
"Select". Each comes from the catalogue's [textual] table instead: the key bar's texts by
giving Textual's classes their bindings again with our words (`localise_textual`, once per
process, as the language is), the rest where the app opens the palette (widgets/palette.py,
loaded with it) and answers Ctrl+C.
tests/app/test_textual_texts.py scans the screens for any of Textual's English left over.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding
from textual.dom import DOMNode

from tettpa_tui.i18n import t

# Built-in bindings a user sees in the key bar: (class, key) -> catalogue key.
_SHOWN_BINDINGS: dict[tuple[str, str], str] = {
    ("SelectOverlay", "escape"): "textual.dismiss_menu",
    ("Link", "enter"): "textual.open_link",
}
_applied: dict[tuple[str, str], str] = {}  # the texts Textual's classes were last given


def _subclasses(cls: type) -> list[type]:
    out = []
    for sub in cls.__subclasses__():
        out += [sub, *_subclasses(sub)]
    return out


def _rebind(cls: type[DOMNode], key: str, description: str) -> None:
    """`cls`'s binding for `key` with our description; its subclasses merge it again."""
    bindings = []
    for b in cls.__dict__.get("BINDINGS", []):
        if isinstance(b, tuple):
            b = Binding(*b)
        if b.key == key:
            b = replace(b, description=description)
        bindings.append(b)
    cls.BINDINGS = bindings
    for c in [cls, *_subclasses(cls)]:
        c._merged_bindings = c._merge_bindings()


def localise_textual() -> None:
    """Textual's key-bar texts as the catalogue has them now (the language is one per process:
    the app restarts in another); again only when they differ from those last given."""
    from textual.widgets import Link
    from textual.widgets._select import SelectOverlay

    wanted = {where: t(key) for where, key in _SHOWN_BINDINGS.items()}
    if wanted == _applied:
        return
    classes = {"SelectOverlay": SelectOverlay, "Link": Link}
    for (name, key), text in wanted.items():
        _rebind(classes[name], key, text)
    _applied.clear()
    _applied.update(wanted)
