"""Helpers for showing user text literally, for any face (terminal, Markdown, HTML)."""

from __future__ import annotations

import re

# Characters that steer the terminal or the text's direction instead of being shown:
# C0 and C1 controls, DEL, the bidirectional embeddings and overrides (which can make a
# story read differently from what it holds), and lone surrogates (bytes that were not
# UTF-8, which no terminal or file can take).
_HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]|\r(?!\n)")
_LINE_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")

BIDI_SYMBOL = "\u21c6"  # ⇆ for an embedding, override or isolate
LINE_SYMBOL = "\u23ce"  # ⏎ for a line break folded into one line
ELLIPSIS = "\u2026"


def _symbol(ch: str) -> str:
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # ␛ for ESC, ␇ for BEL, ␍ for a lone CR ...
    if code == 0x7F:
        return "\u2421"  # ␡
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return BIDI_SYMBOL
    return "\ufffd"  # C1 controls and lone surrogates


def printable(text: str, *, one_line: bool = False, limit: int | None = None) -> str:
    """The text made safe to show: what would steer a terminal becomes a visible symbol.

    A terminal obeys control characters: an ESC sequence inside a story would
    clear the screen or set the window's title, and a bidi override makes a
    line read differently from what it holds. Each one becomes one visible
    character (ESC -> ␛, U+202E -> ⇆), so positions in the text stay the same.
    Line breaks and tabs are kept, unless `one_line`: then each line break
    becomes ⏎ and a tab a space (for error lines and one-line lists). With
    `limit`, a longer text is cut to that many characters, ending in "…".

    Used by every face: the app's views, the exports, and every line the CLI
    prints (except --json, where JSON escapes control characters itself).
    """
    if one_line:
        text = _LINE_BREAK.sub(LINE_SYMBOL, text).replace("\t", " ")
    if limit is not None and len(text) > limit:
        text = text[: max(limit - 1, 0)] + ELLIPSIS
    return _HIDDEN.sub(lambda m: _symbol(m.group()), text)


_MD_SPECIAL = set("\\`*_{}[]()#+-.!|<>~&")


def md_escape(text: str) -> str:
    """User text placed inside Markdown, shown as typed (no emphasis, links or HTML).

    Line breaks are kept as hard breaks, so a story keeps its paragraphs.
    """
    escaped = "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in printable(text))
    return "  \n".join(escaped.splitlines())
