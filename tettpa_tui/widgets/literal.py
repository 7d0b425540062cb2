"""User text, shown exactly as typed.

Textual parses markup in Static, Label, DataTable cells and notify by
default, so a story or name holding "[/]" could crash a screen and
"[@click=app.quit]x[/]" would become a live action. Everything the user typed
goes through these helpers (or a widget with markup=False) before it is shown.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content


def literal(text: str) -> Content:
    """For Static/Label: the text as it is, no markup."""
    return Content(text)


def cell(text: str, style: str = "") -> Text:
    """For DataTable cells: a rich Text, which DataTable shows as it is."""
    return Text(text, style=style, no_wrap=True, overflow="ellipsis")


def printable(text: str) -> str:
    """The text with control characters turned into their visible symbols.

    A terminal obeys control characters: an ESC sequence inside a story would
    recolour the screen or worse. Each one becomes one visible character of
    the same width (ESC -> ␛), so positions in the text stay the same; line
    breaks and tabs are kept.
    """
    if not any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in text):
        return text
    out = []
    for ch in text:
        code = ord(ch)
        if ch in "\n\r\t":
            out.append(ch)
        elif code < 0x20:
            out.append(chr(0x2400 + code))
        elif code == 0x7F:
            out.append("\u2421")
        elif 0x80 <= code <= 0x9F:
            out.append("\ufffd")
        else:
            out.append(ch)
    return "".join(out)


_MD_SPECIAL = set("\\`*_{}[]()#+-.!|<>~")


def md_escape(text: str) -> str:
    """User text placed inside Markdown, shown as typed (no emphasis, links or HTML)."""
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in printable(text))
