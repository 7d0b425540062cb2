"""No help line is cut at 80×24: every key and every word of what it does is on screen."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from textual.widgets import OptionList

from tests.app.conftest import make_app, screen_text
from tests.conftest import TODAY
from tettpa_tui.services.demo import create_demo
from tettpa_tui.screens.help import HelpScreen, bindings_of
from tettpa_tui.store import Store

BOX = re.compile(r"[\u2500-\u259f]")  # borders and scrollbars between the wrapped lines


def flat(text: str) -> str:
    return " ".join(BOX.sub(" ", text).split())


WHERE = {
    "home": [],
    "writer": ["s", "down", "down", "down", "enter"],
    "meeting": ["m", "ctrl+s"],
    "year": ["y"],
    "overview": ["f"],
    "record": ["h", "enter"],
    "observations": ["o"],
    "plan": ["o", "p"],
}


@pytest.mark.parametrize("where", list(WHERE))
async def test_every_help_line_is_whole_at_80x24(tmp_path, where: str) -> None:
    store = Store(tmp_path / "data")
    create_demo(store, TODAY)
    fixed = datetime(2026, 12, 1, 13, 0)
    app = make_app(store, today=date(2026, 12, 1), clock=lambda: fixed)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*WHERE[where])
        await pilot.pause()
        under = app.screen
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = app.screen.query_one("#keys", OptionList)
        rows = bindings_of(under) + bindings_of(app)
        assert rows
        seen = 0
        for index in range(keys.option_count):
            option = keys.get_option_at_index(index)
            if option.disabled:
                continue
            keys.highlighted = index  # scrolled into view
            await pilot.pause()
            label, what, _ = rows[seen]
            seen += 1
            text = flat(screen_text(app))
            assert f"{flat(label)} {flat(what)}" in text, (label, what)
        assert seen == len(rows)
