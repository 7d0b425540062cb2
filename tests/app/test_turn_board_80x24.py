"""The speaking order at 80×24: each note on up to two lines of readable words, never a column
of a few characters cutting words, no sideways scrolling; hostile text shown literally."""

from __future__ import annotations

import pytest

from tests.app.conftest import screen_text, type_text
from tests.app.test_meeting_keys import app_on_meeting_day
from tests.app.test_meeting_parked import to_questions

NOTE = "Hva fikk deg til å [b]vente[/] så lenge?"


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_notes_read_whole_in_the_speaking_order(tmp_path, size) -> None:
    async with app_on_meeting_day(tmp_path).run_test(size=size) as pilot:
        screen = await to_questions(pilot)
        await type_text(pilot, NOTE)
        await pilot.press("enter")
        await pilot.pause()
        board = screen.query_one("#board")
        rows = ["".join(getattr(c, "plain", str(c)) for c in board.get_row_at(i)) for i in range(board.row_count)]
        squeezed = [r.replace(" ", "").replace("\n", "") for r in rows]
        assert any(NOTE.replace(" ", "") in r for r in squeezed)  # the whole note, literally, no "…"
        assert any("harordetnå" in r for r in squeezed)
        widths = [c.width for c in board.columns.values()]
        for i in range(board.row_count):  # no line wider than its column: the table never cuts a word
            for cell, width in zip(board.get_row_at(i), widths):
                assert all(len(line) <= width for line in getattr(cell, "plain", str(cell)).split("\n"))
        assert board.virtual_size.width <= board.size.width  # nothing off to the side
        assert "[b]vente[/]" in screen_text(pilot.app)
