"""Helpers for showing user text literally, for any face (terminal, Markdown, HTML)."""

from __future__ import annotations


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


_MD_SPECIAL = set("\\`*_{}[]()#+-.!|<>~&")


def md_escape(text: str) -> str:
    """User text placed inside Markdown, shown as typed (no emphasis, links or HTML).

    Line breaks are kept as hard breaks, so a story keeps its paragraphs.
    """
    escaped = "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in printable(text))
    return "  \n".join(escaped.splitlines())
