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


_ASCII_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")
# What a line may start with that Markdown reads as a block: a heading, a quote, a list
# item (bullet or number), a rule or a heading's underline, a code fence.
_LINE_START = re.compile(
    r"^(?P<indent>[ \t]*)(?:"
    r"(?P<hash>#{1,6})(?=[ \t]|$)"
    r"|(?P<quote>>)"
    r"|(?P<bullet>[-+*])(?=[ \t]|$)"
    r"|(?P<digits>[0-9]{1,9})(?P<delim>[.)])(?=[ \t]|$)"
    r"|(?P<rule>[-=])(?=[-= \t]*$)"
    r"|(?P<fence>~~~)"
    r")"
)


def _escape_inline(line: str) -> str:
    """Escape, within one line, only the characters Markdown would read as markup there."""
    out = []
    n = len(line)
    for i, ch in enumerate(line):
        prev = line[i - 1] if i else " "
        nxt = line[i + 1] if i + 1 < n else " "
        if ch == "\\":
            # A backslash escapes the punctuation after it, and ends a line as a break.
            escape = nxt in _ASCII_PUNCT or i + 1 == n
        elif ch in "`[]|":
            escape = True  # code spans, links and images, table cells
        elif ch == "*":
            escape = not (prev.isspace() and nxt.isspace())  # emphasis
        elif ch == "_":
            escape = not (prev.isalnum() and nxt.isalnum())  # emphasis (not inside a word)
        elif ch == "~":
            escape = prev == "~" or nxt == "~"  # strikethrough
        elif ch == "<":
            escape = nxt.isalpha() or nxt in "/!?"  # HTML tags and autolinks
        elif ch == "&":
            escape = _ENTITY.match(line, i) is not None  # character references
        else:
            escape = False
        out.append("\\" + ch if escape else ch)
    return "".join(out)


def _escape_line(line: str) -> str:
    m = _LINE_START.match(line)
    if m is None:
        return _escape_inline(line)
    if m.group("digits") is not None:
        at = m.start("delim")  # "1. " stays text as "1\. "
    else:
        at = len(m.group("indent"))
    return _escape_inline(line[:at]) + "\\" + line[at] + _escape_inline(line[at + 1:])


def md_escape(text: str) -> str:
    """User text placed inside Markdown, shown as typed (no emphasis, links, HTML or blocks).

    Only what Markdown would read as markup at its place is escaped, so a plain
    sentence stays as it is when the file is read in a text editor or an e-mail.
    Each line is treated as the start of a line (the text may follow a list
    marker or a hard break), and its leading blanks are dropped. Line breaks are kept as hard breaks, so a story
    keeps its paragraphs.
    """
    # Leading blanks are dropped: Markdown drops them too, or reads four as a code block.
    lines = [_escape_line(line.lstrip(" \t")) for line in printable(text).splitlines()]
    return "  \n".join(lines)
