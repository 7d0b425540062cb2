"""The command palette (Ctrl+P): what fits the department screen, by name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from tettpa_tui.i18n import t

# (catalogue key of the name, action on the home screen)
COMMANDS = [
    ("palette.next_meeting", "meeting"),
    ("palette.write", "write_story"),
    ("palette.stories", "stories"),
    ("palette.meetings", "meetings"),
    ("palette.search", "search"),
    ("palette.year", "year_view"),
    ("palette.participation", "participation"),
    ("palette.observations", "observations"),
    ("palette.kindergarten", "kindergarten"),
    ("palette.access_code", "access_code"),
    ("instrument.palette", "choose_instrument"),
    ("palette.backup", "backup"),
    ("palette.switch", "app.switch_department"),
    ("palette.language", "app.language"),
    ("palette.stored", "stored_data"),
]


class DepartmentCommands(Provider):
    """Commands for the department on the home screen."""

    def _home(self):
        from tettpa_tui.screens.home import HomeScreen

        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, HomeScreen):
                return screen
        return None

    def _commands(self):
        home = self._home()
        if home is None:
            return []
        return [(t(key), t(key + "_help"), partial(home.run_action, action)) for key, action in COMMANDS]

    async def discover(self) -> Hits:
        for name, help_text, run in self._commands():
            yield DiscoveryHit(Content(name), run, help=Content(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, run in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(escape(name)), run, help=Content(help_text))
