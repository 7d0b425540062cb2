"""Every multi-line field keeps a paste's line breaks and shows other control characters as symbols."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from textual import events
from textual.app import App, ComposeResult

from tettpa_tui.widgets.story_editor import StoryEditor
from tettpa_tui.widgets.writing_area import WritingArea


class One(App):
    def __init__(self, field: WritingArea) -> None:
        super().__init__()
        self.field = field

    def compose(self) -> ComposeResult:
        yield self.field


@pytest.mark.parametrize("make", [lambda: WritingArea(id="summary"), lambda: StoryEditor(id="editor"),
                                  lambda: WritingArea(id="goal", max_length=200)])
async def test_a_paste_keeps_its_line_breaks_in_every_multi_line_field(make) -> None:
    app = One(make())
    async with app.run_test(size=(80, 24)) as pilot:
        app.field.focus()
        await pilot.pause()
        app.post_message(events.Paste("En.\rTo.\r\nTre.\x1b[2J\x07"))  # as a terminal sends it (bracketed paste)
        await pilot.pause()
        assert app.field.text == "En.\nTo.\nTre.␛[2J␇"
        await pilot.press("enter", "x")
        assert app.field.text == "En.\nTo.\nTre.␛[2J␇\nx"


async def test_a_field_with_a_limit_refuses_what_goes_past_it() -> None:
    app = One(WritingArea(id="goal", max_length=10))
    async with app.run_test(size=(80, 24)) as pilot:
        app.field.focus()
        await pilot.press(*"123456789")
        app.post_message(events.Paste("abc"))
        await pilot.pause()
        assert app.field.text == "123456789"
        await pilot.press("0", "x")
        assert app.field.text == "1234567890"


def test_no_screen_has_a_bare_text_area() -> None:
    # Every multi-line field a user types in is a WritingArea (or a StoryEditor), so a paste is the same everywhere.
    root = Path(__file__).parents[2] / "tettpa_tui"
    bare = []
    for path in [*root.glob("screens/*.py"), *root.glob("widgets/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "TextArea":
                bare.append(f"{path.name}:{node.lineno}")
    assert bare == []
