"""No English from Textual itself in the bokmål app: the key bar, the Ctrl+C notice,
the command palette (its placeholder, its empty result, the themes), a drop-down.
In English the same texts come from the English catalogue: this file runs again with
TETTPA_LANG=en (`test_the_same_in_english`; key labels are read when classes are made)."""

from __future__ import annotations

import importlib
import pkgutil
import re
from datetime import datetime

import pytest
import textual
import textual.widgets
from textual.dom import DOMNode
from textual.widgets import Select

from tests.app.conftest import make_app, screen_text, type_text
from tests.conftest import TODAY
from tettpa_tui.services.demo import create_demo
from tettpa_tui.i18n import catalogue, language, t
from tettpa_tui.store import Store

LANG = language()


def textual_classes() -> list[type[DOMNode]]:
    for name in textual.widgets.__all__:
        getattr(textual.widgets, name)  # textual.widgets loads its widgets lazily
    for module in pkgutil.iter_modules(textual.__path__, "textual."):
        if module.name.split(".")[-1] in ("command", "screen", "app", "containers", "scroll_view"):
            importlib.import_module(module.name)

    def subs(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subs(sub)

    return [c for c in subs(DOMNode) if c.__module__.startswith("textual.")]


def shown_builtin_texts() -> set[str]:
    """Every key-bar text Textual 8 gives its own widgets, as its source writes them (in
    English; read from the source, as the app changes the classes' bindings)."""
    import ast
    from pathlib import Path

    texts = set()
    root = Path(textual.__file__).parent
    for path in root.rglob("*.py"):
        if path.relative_to(root).parts[0] == "demo":
            continue  # Textual's demo app
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Binding":
                args = [*node.args, *(k.value for k in node.keywords if k.arg == "description")]
                show = next((k.value for k in node.keywords if k.arg == "show"), None)
                hidden = isinstance(show, ast.Constant) and show.value is False
                if len(args) >= 3 and isinstance(args[2], ast.Constant) and args[2].value and not hidden:
                    texts.add(args[2].value)
            elif isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "BINDINGS" for t in node.targets):
                for item in getattr(node.value, "elts", []):
                    if isinstance(item, ast.Tuple) and len(item.elts) >= 3 and isinstance(item.elts[2], ast.Constant):
                        texts.add(item.elts[2].value)
    return texts


ENGLISH = ["Do you want to quit", "to quit the app", "Search for commands", "Search for themes",
           "No matches found", "Dismiss menu", "Exit the command palette"]


def english_on(text: str) -> list[str]:
    """Textual's own English on a bokmål screen (none to look for in the English app)."""
    if LANG == "en":
        return []
    words = set(ENGLISH) | {s for s in shown_builtin_texts() if len(s) > 3}
    flat = " ".join(text.split())
    return sorted(w for w in words if re.search(rf"\b{re.escape(w)}\b", flat))


def test_every_key_bar_text_of_textual_is_in_bokmal(tmp_path) -> None:
    """Each Textual widget's key-bar text is the catalogue's (the palette is the app's own),
    in the app's language."""
    from tettpa_tui.widgets.palette import Palette

    make_app(Store(tmp_path / "data"))  # the app gives Textual's classes their words
    ours = set(catalogue(LANG).values())
    left = []
    for cls in [c for c in textual_classes() if c.__name__ != "CommandPalette"] + [Palette]:
        for _key, b in cls._merged_bindings:
            if b.show and b.description and b.description not in ours:
                left.append(f"{cls.__name__}: {b.key} {b.description!r}")
    assert not left, left


def demo_app(tmp_path):
    store = Store(tmp_path / "data")
    create_demo(store, TODAY)
    fixed = datetime(2026, 11, 30, 13, 0)
    return make_app(store, today=TODAY, clock=lambda: fixed)


async def wait_for(pilot, condition, tries: int = 50) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("never came")


async def test_ctrl_c_says_how_to_quit_in_bokmal(tmp_path) -> None:
    app = demo_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        notes = [f"{n.title} {n.message}" for n in app._notifications]
        assert len(notes) == 1
        assert t("textual.quit_title") in notes[0] and "Ctrl+Q" in notes[0]
        assert english_on(notes[0]) == []


async def test_the_palette_speaks_bokmal_also_when_nothing_matches(tmp_path) -> None:
    from textual.command import CommandList, CommandPalette

    app = demo_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: t("palette.placeholder") in screen_text(app))
        assert isinstance(app.screen, CommandPalette)
        # Its Esc, for a key bar (Textual: "Exit the command palette").
        assert app.screen.active_bindings["escape"].binding.description == t("textual.close_palette")
        text = screen_text(app)
        assert english_on(text) == []
        await type_text(pilot, "qqqxyz")
        await wait_for(pilot, lambda: t("textual.no_matches") in screen_text(app))
        text = screen_text(app)
        assert english_on(text) == []
        # The themes: chosen in the palette.
        await pilot.press(*["backspace"] * 6)
        await type_text(pilot, t("palette.theme"))
        await wait_for(pilot, lambda: app.screen.query_one(CommandList).option_count > 0)
        await pilot.press("enter")
        await wait_for(pilot, lambda: t("textual.themes_placeholder") in screen_text(app))
        text = screen_text(app)
        assert english_on(text) == []


async def test_an_open_drop_down_speaks_bokmal(tmp_path) -> None:
    """The drop-down's key bar (Textual: "Dismiss menu"), in a form with a Footer."""
    from tettpa_tui.screens.meeting_setup import MeetingSetupScreen

    app = demo_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(MeetingSetupScreen(app.department))
        await pilot.pause()
        app.screen.query(Select).first().focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query(Select).first().expanded
        text = screen_text(app)
        assert t("textual.dismiss_menu") in text
        assert english_on(text) == []


@pytest.mark.parametrize("keys", [[], ["s", "down", "down", "down", "enter"], ["slash"], ["y"], ["k"], ["o"],
                                  ["h"], ["f"], ["t"]])
async def test_no_english_from_textual_on_the_screens(tmp_path, keys) -> None:
    """The main screens as they open: nothing in Textual's English (key bar, prompts)."""
    app = demo_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        assert english_on(screen_text(app)) == []


def test_a_select_never_shows_textuals_prompt() -> None:
    """Each Select in the app either has no blank (its prompt never shows) or a prompt of ours."""
    import ast
    from pathlib import Path

    root = Path(__file__).parents[2] / "tettpa_tui"
    bad = []
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("Select", "LiteralSelect"):
                kw = {k.arg: k.value for k in node.keywords}
                no_blank = isinstance(kw.get("allow_blank"), ast.Constant) and kw["allow_blank"].value is False
                if not no_blank and "prompt" not in kw:
                    bad.append(f"{path.name}:{node.lineno}")
    assert not bad, bad


@pytest.mark.skipif(LANG == "en", reason="this is the English run")
def test_the_same_in_english() -> None:
    import os
    import subprocess
    import sys
    from pathlib import Path

    args = [sys.executable, "-m", "pytest", "-q", "-n", "0", "-p", "no:cacheprovider", __file__]
    env = dict(os.environ, TETTPA_LANG="en")
    proc = subprocess.run(args, cwd=Path(__file__).parents[2], env=env, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-2000:]
