"""Line breaks from a paste, the phone page or a file: one rule (domain/linebreaks.py)."""

from __future__ import annotations

from datetime import datetime

import pytest

from tettpa_tui.domain import stories as st
from tettpa_tui.domain.calendar import YearMonth
from tettpa_tui.domain.linebreaks import plain_line_breaks, repair_pasted

NOW = datetime(2026, 11, 30, 9)


@pytest.mark.parametrize(("sent", "kept"), [
    ("Første avsnitt.\rAndre.", "Første avsnitt.\nAndre."),  # xterm, GNOME Terminal, tmux
    ("Første avsnitt.\r\nAndre.", "Første avsnitt.\nAndre."),  # Windows Terminal, a browser's form
    ("En\r\rto\r\n\r\ntre\n\nfire", "En\n\nto\n\ntre\n\nfire"),  # blank lines stay blank lines
    ("slutt\r", "slutt\n"),
    ("\r\n\r", "\n\n"),
    ("ingen linjeskift", "ingen linjeskift"),
])
def test_cr_lf_and_a_lone_cr_become_lf(sent: str, kept: str) -> None:
    assert plain_line_breaks(sent) == kept


def test_every_other_control_character_is_left_for_the_faces_to_show() -> None:
    text = "a\x1b[2Jb\x07c\td\u202ee\x0bf\x0cg\u2028h␛"
    assert plain_line_breaks(text) == text
    assert repair_pasted(text) == text


@pytest.mark.parametrize(("stored", "repaired"), [
    ("Første avsnitt.␍Andre avsnitt.␍␍Tredje.", "Første avsnitt.\nAndre avsnitt.\n\nTredje."),
    ("Linje␍\nneste", "Linje\nneste"),  # a ␍ before a kept LF was one line break
    ("rå\rCR fra en fil\r\n", "rå\nCR fra en fil\n"),
    ("Jeg limte ␛[2J inn", "Jeg limte ␛[2J inn"),  # other symbols stay what they are
])
def test_a_story_stored_with_the_symbol_for_cr_gets_its_line_breaks_back(stored: str, repaired: str) -> None:
    assert repair_pasted(stored) == repaired
    assert repair_pasted(repaired) == repaired  # the same when read again


def test_a_story_keeps_lf_however_its_text_arrives() -> None:
    story = st.new_story("a", YearMonth(2026, 12), "behavior-guidance", NOW, text="En.\r\nTo.\rTre.")
    assert story.text == "En.\nTo.\nTre."
    assert st.edit(story, "Fire.\rFem.", NOW).text == "Fire.\nFem."
