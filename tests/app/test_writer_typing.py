"""Typing in the writer costs little of the app's own work per key."""

from __future__ import annotations

from tests.app.conftest import make_app, type_text
from tests.conftest import TODAY, SimulatedClock
from tettpa_tui.widgets import autosave
from tettpa_tui.services.demo import create_demo
from tettpa_tui.screens.writer import StoryWriterScreen
from tettpa_tui.store import Store


async def test_a_key_redraws_the_status_line_but_not_the_key_bar(tmp_path, monkeypatch) -> None:
    clock = SimulatedClock()  # stands still: the keys come faster than any save
    monkeypatch.setattr(autosave, "clock_for", lambda widget: clock)
    store = Store(tmp_path / "data")
    create_demo(store, TODAY)
    async with make_app(store, demo=True).run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "down", "down", "down", "enter")
        await pilot.pause()
        writer = pilot.app.screen
        assert isinstance(writer, StoryWriterScreen)
        rebuilt = []
        writer.refresh_bindings = lambda: rebuilt.append(1)
        words = int(str(writer.query_one("#status").render()).split(" · ")[1].split()[0])
        await type_text(pilot, " og så gikk vi ut")
        await pilot.pause()
        assert rebuilt == []  # what is allowed did not change: the key bar stays
        assert len(clock.calls) == 1  # one autosave timer, not one per key
        assert f"{words + 5} ord" in str(writer.query_one("#status").render())
        assert writer.flush()
        assert store.story(writer.department, writer.story.id).text.endswith("og så gikk vi ut")
