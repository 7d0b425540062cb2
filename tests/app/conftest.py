"""Helpers for driving the app through Textual's Pilot."""

from __future__ import annotations

import html
import re

from textual.pilot import Pilot

from tests.conftest import TODAY
from tettpa_tui.app import TettpaApp
from tettpa_tui.store import Store


def make_app(store: Store, demo: bool = False, today=TODAY, clock=None) -> TettpaApp:
    return TettpaApp(store=store, today=today, demo=demo, clock=clock)


async def type_text(pilot: Pilot, text: str) -> None:
    await pilot.press(*["space" if ch == " " else ch for ch in text])


def screen_text(app: TettpaApp) -> str:
    """What the screen shows now, as plain text, taken from a screenshot."""
    svg = app.export_screenshot()
    parts = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    return html.unescape("".join(parts)).replace("\xa0", " ")
