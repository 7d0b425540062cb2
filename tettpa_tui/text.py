"""Helpers for showing user text literally, for any face (terminal, Markdown, HTML)."""

from __future__ import annotations

import re


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
