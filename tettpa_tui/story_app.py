"""The story-only face: what `tettpa serve` gives each browser tab.

Choose your name, write, check and hand in your story, see your own earlier
stories; nothing else. There is no command palette, no key or link to
another screen, and no way to change a department: the only screens are the
access code, the name list, the writer and its dialogs, and the reader of
one's own used stories.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime

from textual import on
from textual.binding import Binding

from tettpa_tui.app import BaseApp
from tettpa_tui.content import ContentError
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.i18n import t
from tettpa_tui.screens.story_only import AccessCodeScreen, NameScreen
from tettpa_tui.store import Store, StoreError


class StoryApp(BaseApp):
    ENABLE_COMMAND_PALETTE = False
    COMMANDS: set = set()
    BINDINGS = [
        Binding("f1", "help", t("keys.help"), id="help", tooltip=t("tips.help")),
        Binding("ctrl+q", "quit", t("keys.quit"), id="quit", priority=True, show=False,
                tooltip=t("tips.quit")),
    ]

    def __init__(self, store: Store, department_path: str, require_code: bool,
                 today: date | None = None, clock: Callable[[], datetime] | None = None) -> None:
        super().__init__(store, today=today, clock=clock)
        self.department_path = department_path
        self.require_code = require_code

    def on_mount(self) -> None:
        # Served: when the server stops (or is killed) the app is left on its own;
        # it then saves what is being typed and ends, instead of lingering.
        self._server_pid = os.getppid()
        self.set_interval(2, self._check_server)
        try:
            dept = self.store.department(self.department_path)
            if dept.is_pedagogue_meeting:
                raise DomainError("error.serve_pedagogue")
            self.department = dept
            self.sub_title = t("story_only.subtitle", department=dept.path)
            if not self.require_code:
                self.push_screen(NameScreen(dept))
            elif not self.workspace.has_access_code(dept):
                self.push_problem(t("error.serve_no_code", path=dept.path))
            else:
                self.push_screen(AccessCodeScreen(dept))
        except (StoreError, DomainError, ContentError) as exc:
            self.show_problem(exc)

    def _check_server(self) -> None:
        if os.getppid() != self._server_pid:
            self.flush_writers()
            self.exit()

    @on(AccessCodeScreen.Accepted)
    def _accepted(self) -> None:
        if self.department is not None:
            self.switch_screen(NameScreen(self.department))

    def action_help(self) -> None:
        from tettpa_tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        """No link leads out of the story page."""
