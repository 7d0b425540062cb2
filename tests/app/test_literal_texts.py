"""The app's own texts (content/strings.*.toml) are shown literally, like user text.

A text holding "[ og ]" must show its brackets. The walk below replaces every
text of both catalogues by one that starts with "[/]": any widget that parsed
one of them as markup would fail at once ("[/]" closes nothing), and the
screens must show the brackets as typed.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from rich.console import Console
from textual.content import Content

from tests.app.conftest import make_app, screen_text
from tests.conftest import TODAY
from tettpa_tui import i18n
from tettpa_tui.services.demo import create_demo
from tettpa_tui.store import Store

HOSTILE = "[/]"


@pytest.mark.parametrize("lang", ["nb", "en"])
async def test_the_year_pages_show_their_brackets(tmp_path, monkeypatch, lang: str) -> None:
    monkeypatch.setattr(i18n, "_lang", lang)
    store = Store(tmp_path / "data")
    create_demo(store, TODAY)
    word = "og" if lang == "nb" else "and"
    async with make_app(store, demo=True).run_test(size=(160, 50)) as pilot:
        for key in ("y", "t", "k"):
            await pilot.press(key)
            await pilot.pause()
            assert f"[ {word} ]" in screen_text(pilot.app), key
            await pilot.press("escape")


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_every_text_of_both_catalogues_is_shown_as_written(lang: str) -> None:
    """What a widget shows of an app text (as Content, the way the screens pass them) is the text."""
    console = Console(width=200, record=True)
    for key, text in i18n.catalogue(lang).items():
        plain = Content(text).plain
        assert plain == text, key
        if "[" in text:
            console.print(Content(text), end="")
            assert text.replace("\n", "") in console.export_text().replace("\n", ""), key


@pytest.fixture
def hostile_texts(monkeypatch):
    # Screens read their key labels when their module is first imported: import them all with the
    # real texts first, so no later test in this process sees a label made hostile here.
    import importlib
    import pkgutil

    import tettpa_tui.screens
    import tettpa_tui.widgets

    for package in (tettpa_tui.screens, tettpa_tui.widgets):
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{module.name}")
    real = i18n.catalogue

    def catalogue(lang: str = i18n.DEFAULT_LANG) -> dict[str, str]:
        return {key: HOSTILE + text for key, text in real(lang).items()}

    monkeypatch.setattr(i18n, "catalogue", catalogue)


@pytest.mark.parametrize("lang", ["nb", "en"])
async def test_no_screen_parses_an_app_text_as_markup(tmp_path, monkeypatch, hostile_texts, lang: str) -> None:
    monkeypatch.setattr(i18n, "_lang", lang)
    store = Store(tmp_path / "data")
    create_demo(store, TODAY)
    fixed = datetime(2026, 12, 1, 13, 0)
    app = make_app(store, demo=True, today=date(2026, 12, 1), clock=lambda: fixed)
    walks = [
        ["f1"], ["escape", "y"], ["e"], ["escape", "escape", "t"], ["escape", "k"], ["escape", "f"],
        ["enter"], ["escape", "escape", "h"], ["enter"], ["escape", "escape", "slash"], ["a"],
        ["escape", "o"], ["escape", "s"], ["down", "down", "down", "enter"], ["f2"], ["escape", "f4"],
        ["escape", "escape", "escape", "a"], ["escape", "ctrl+p"], ["escape", "m"], ["ctrl+s"],
        ["f9"], ["space", "tab", "enter"], ["f9"], ["f6"], ["escape", "f10"], ["escape", "f9", "enter"],
        ["escape"],
    ]
    async with app.run_test(size=(100, 40)) as pilot:
        seen = 0
        for keys in walks:
            await pilot.press(*keys)
            await pilot.pause()
            seen += HOSTILE in screen_text(app)
        assert seen >= len(walks) - 2  # the brackets are on (almost) every screen, as written


def test_key_tooltips_hold_nothing_a_tooltip_would_read_as_markup() -> None:
    """Textual shows a key's tooltip (tips.*, on hover over the key bar) through markup: a guard
    until the tooltips are passed as Content too. The help shows them literally already."""
    for lang in ("nb", "en"):
        for key, text in i18n.catalogue(lang).items():
            if key.startswith("tips."):
                assert "[" not in text, (lang, key)
