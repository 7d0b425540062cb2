"""A quicker start: modules imported the first time they are used, and Python's
cycle collector paused until the first screen is drawn.

Every start shows the home screen first; what only later screens and actions
need (meetings, observations, search, the story check, dialogs) is imported
when first touched, so the app starts quicker without it.

While the app starts, Python's cycle collector would run about a hundred times
before the first frame (7-10 % of the start's time) and find next to nothing to
free: what a start makes (modules, classes, the screen) lives as long as the app.
`tettpa` pauses it before it imports the app and resumes it once the first
screen is drawn, after moving everything made until then out of its sight
(`gc.freeze`), so that later collections, between key presses, do not walk it
either.
"""

from __future__ import annotations

import gc
import importlib


class OnFirstUse:
    """Stands for a module; the first attribute asked for imports it."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str):
        return getattr(importlib.import_module(self._name), attr)


_paused = False


def pause_collector() -> None:
    """Pause the cycle collector while the app starts (only if it runs now)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collector() -> None:
    """The first screen is drawn: what the start made is kept out of the collector's
    way and the collector runs again. Nothing when pause_collector did not pause it
    (the app started another way, as in the tests), or it is resumed already."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
