"""Modules imported the first time they are used.

Every start shows the home screen first; what only later screens and actions
need (meetings, observations, search, the story check, dialogs) is imported
when first touched, so the app starts quicker without it.
"""

from __future__ import annotations

import importlib


class OnFirstUse:
    """Stands for a module; the first attribute asked for imports it."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str):
        return getattr(importlib.import_module(self._name), attr)
