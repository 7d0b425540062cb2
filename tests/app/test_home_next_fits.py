"""The next-meeting panel at 80×24 shows all it has: no pool chosen (the p hint wraps), a long
dimension name and this term's CLASS observation not registered, all in view."""

from __future__ import annotations

from datetime import date

import pytest

from tests.app.conftest import make_app, screen_text
from tettpa_tui.store import Store


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_every_line_of_the_next_meeting_panel_is_in_view(store: Store, dept, size) -> None:
    store.set_pool("Solsikken", None)  # a first month: no pool chosen, no observation yet
    app = make_app(store, today=date(2026, 12, 8))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.pause()
        text = screen_text(app).replace("│", " ")
        squeezed = " ".join(text.split())
        assert "velge pulje." in squeezed and "CLASS høsten 2026: mangler (trykk o)" in squeezed
        assert app.screen.query_one("#plan").content_region.height >= 6  # the year wheel still reads


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_an_overdue_meeting_and_no_pool_both_show(tmp_path, size) -> None:
    from tests.conftest import TODAY
    from tettpa_tui.services.demo import create_demo

    store = Store(tmp_path / "data")
    create_demo(store, TODAY)
    store.set_pool("Solsikken barnehage", None)
    app = make_app(store, today=date(2026, 12, 8))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.pause()
        squeezed = " ".join(screen_text(app).replace("│", " ").split())
        assert "ikke holdt ennå" in squeezed and "Trykk p for å velge pulje." in squeezed
        assert app.screen.query_one("#plan").content_region.height >= 6
