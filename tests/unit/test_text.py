"""The one function that makes text safe for a terminal (and for the app and exports)."""

from __future__ import annotations

import pytest

from tettpa_tui.domain.stories import is_blank
from tettpa_tui.text import md_escape, printable


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b]0;title\x07", "␛]0;title␇"),  # would set the terminal's title
        ("\x1b[2J", "␛[2J"),  # would clear the screen
        ("a\x08b\x00c\x7f", "a␈b␀c␡"),
        ("\x9b31m", "\ufffd31m"),  # C1 CSI
        ("\u202eevil\u202c", "⇆evil⇆"),  # right-to-left override
        ("\u2066\u2067\u2068\u2069", "⇆⇆⇆⇆"),  # isolates
        ("bad \udcff byte", "bad \ufffd byte"),  # a byte that was not UTF-8
        ("line\rover", "line␍over"),  # a lone CR would overwrite the line
    ],
)
def test_what_steers_a_terminal_is_shown(raw: str, shown: str) -> None:
    assert printable(raw) == shown
    assert len(printable(raw)) == len(raw)  # positions stay: the app marks hits by index


def test_line_breaks_and_tabs_are_kept_unless_one_line() -> None:
    assert printable("a\nb\r\nc\td") == "a\nb\r\nc\td"
    assert printable("a\nb\r\nc\td\u2028e", one_line=True) == "a⏎b⏎c d⏎e"


def test_long_input_is_cut_with_an_ellipsis() -> None:
    assert printable("x" * 1_000_000, limit=10) == "x" * 9 + "…"
    assert printable("kort", limit=10) == "kort"


def test_plain_text_is_left_as_it_is() -> None:
    text = "Jeg så «Ola» [b]fet[/b] – æøå 😀"
    assert printable(text) == text
    assert printable(text, one_line=True) == text


def test_markdown_exports_show_bidi_and_controls_visibly() -> None:
    assert md_escape("a\u202eb\x1bc") == "a⇆b␛c"


@pytest.mark.parametrize("text", ["", "   \n\t", "\u200b\u200b", "\x00\x00", "\ufeff", "\u202e\u2066", "\u3164\u2800"])
def test_invisible_only_is_blank(text: str) -> None:
    assert is_blank(text)


@pytest.mark.parametrize("text", ["a", "\u200bJeg", " . ", "😀", "␛"])
def test_anything_visible_is_not_blank(text: str) -> None:
    assert not is_blank(text)
