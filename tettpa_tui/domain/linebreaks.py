"""Line breaks in text that comes from outside: a paste, the phone page, a file.

Terminals send a paste's line breaks as CR (xterm, GNOME Terminal, tmux) or CR LF
(Windows Terminal); browsers post a form's line breaks as CR LF; a file from Word
or an old Mac may hold either. A story keeps plain LF, so it reads the same in the
writer, the leader's reader, the meeting and the minutes. Every other control
character is left as it is (the faces show it as a visible symbol).
"""

from __future__ import annotations

# What the app once stored in place of a pasted line break (a lone CR shown as a symbol).
CR_SYMBOL = "\u240d"  # ␍


def plain_line_breaks(text: str) -> str:
    """The text with every line break as LF: CR LF and a lone CR become LF.

    The one rule for line breaks in typed, pasted, posted or read-in text, used by
    every entry point (the app's text fields, the phone page, the CLI's --file) and
    by the story rules themselves.
    """
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def repair_pasted(text: str) -> str:
    """A stored story's line breaks back where a paste left the symbol ␍ in their place.

    Until this was fixed, a pasted line break (a lone CR) was kept as ␍, the symbol
    the app shows for a CR, so the story ran together. Each ␍ is read as the CR it
    stood for, then CR LF and lone CR become LF as for any text. Nothing else is
    touched, and a text that went through it once comes out the same again.
    """
    if CR_SYMBOL not in text and "\r" not in text:
        return text
    return plain_line_breaks(text.replace(CR_SYMBOL, "\r"))
