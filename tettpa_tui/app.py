"""The Textual app: opens on the department last used, or welcomes a new user."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TypeVar

from textual import events, work
from textual.app import App
from textual.notifications import Notification, Notify, SeverityLevel
from textual.binding import Binding
from textual.screen import Screen

from tettpa_tui.content import ContentError
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import Department, StaffMember
from tettpa_tui.i18n import t
from tettpa_tui.messages import domain_message, store_message
from tettpa_tui.store import Store, StoreError
from tettpa_tui.workspace import Workspace

T = TypeVar("T")
RESTART = "restart"  # the app's result when it should start again (in another language)


class BaseApp(App):
    """The store, the clock, and errors said in the user's words (TettpaApp is the whole app)."""

    TITLE = "TETT PÅ"
    CSS_PATH = "app.tcss"

    def __init__(self, store: Store, today: date | None = None, demo: bool = False,
                 clock: Callable[[], datetime] | None = None) -> None:
        from tettpa_tui.widgets.textual_texts import localise_textual

        localise_textual()  # Textual's own key-bar texts in the user's language
        super().__init__()
        self.store = store
        self.today = today or date.today()
        self.clock = clock  # a fixed clock for tests and snapshots
        self.demo = demo
        self.workspace = Workspace(store)
        self.department: Department | None = None
        # Meetings left for another screen while this app kept running: their clocks
        # went on (the meeting goes on in the room); only a closed app is a pause.
        self.meetings_left_open: set[str] = set()
        # Each notice, with the screen it was given on and how many keys had been pressed.
        self._notice_origins: dict[str, tuple[Screen | None, int]] = {}
        self._keys_pressed = 0

    def now(self) -> datetime:
        """Now, on the app's `today` (which tests and demos may fix)."""
        if self.clock is not None:
            return self.clock()
        return datetime.combine(self.today, datetime.now().time().replace(microsecond=0))

    # -- notices belong to the screen they were given on --------------------

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Textual's notify, remembering the screen the notice was given on: once the
        user has pressed a key after it and that screen is closed, the notice goes
        with it, and does not stay over the next screen's text. (A notice given just
        before a screen closes, such as "created", is still seen on the next one.)"""
        notification = Notification(message, title, severity,
                                    self.NOTIFICATION_TIMEOUT if timeout is None else timeout, markup=markup)
        try:
            origin: Screen | None = self.screen
        except Exception:  # no screen yet (a notice at start-up)
            origin = None
        self._notice_origins[notification.identity] = (origin, self._keys_pressed)
        self.post_message(Notify(notification))

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self._keys_pressed += 1
        await super().on_event(event)

    def _on_mount(self) -> None:
        self.screen_change_signal.subscribe(self, self._drop_closed_screens_notices)

    def _drop_closed_screens_notices(self, _screen: Screen) -> None:
        stack = self.screen_stack
        dropped = False
        for notification in list(self._notifications):
            origin, keys = self._notice_origins.get(notification.identity, (None, self._keys_pressed))
            if origin is not None and origin not in stack and keys < self._keys_pressed:
                self._unnotify(notification, refresh=False)
                dropped = True
        if len(self._notice_origins) > 100:  # forget those long gone, not those still on their way
            live = {n.identity for n in self._notifications}
            recent = list(self._notice_origins)[-20:]
            self._notice_origins = {k: v for k, v in list(self._notice_origins.items()) if k in live or k in recent}
        if dropped:
            self._refresh_notifications()

    # -- errors in the user's words ------------------------------------------

    def domain_message(self, err: DomainError) -> str:
        return domain_message(err)

    def try_call(self, fn: Callable[[], T]) -> tuple[T | None, str | None]:
        """Run a store or domain call: (result, None), or (None, why it failed).

        A failed call has changed nothing; the reason is one line for the user.
        """
        try:
            return fn(), None
        except DomainError as exc:
            return None, domain_message(exc)
        except StoreError as exc:
            return None, store_message(exc)

    def attempt(self, fn: Callable[[], T]) -> T | None:
        """Run a store or domain call; on failure say why in a notification."""
        result, error = self.try_call(fn)
        if error is not None:
            self.notify(error, severity="error", markup=False, timeout=12)
        return result

    def show_problem(self, error: Exception) -> None:
        """A data file that cannot be read: one line on a calm screen; the file is left as it is."""
        if isinstance(error, StoreError):
            message = store_message(error)
        elif isinstance(error, DomainError):
            message = domain_message(error)
        else:
            message = t("error.content", detail=str(error))
        self.push_problem(message)

    def push_problem(self, message: str) -> None:
        """The calm one-line problem screen (once, however many draws fail)."""
        # Imported here: only ever needed when something is wrong.
        from tettpa_tui.screens.problem import ProblemScreen

        if not isinstance(self.screen, ProblemScreen):
            self.push_screen(ProblemScreen(message))

    def _handle_exception(self, error: Exception) -> None:
        """The last guard, for a screen that meets an unreadable file while drawing:
        the one-line problem screen instead of a traceback."""
        if isinstance(error, (StoreError, DomainError, ContentError)):
            self.call_later(self.show_problem, error)
            return
        super()._handle_exception(error)

    # -- stories -------------------------------------------------------------

    def open_writer(self, dept: Department, author: StaffMember) -> None:
        """The writer's draft for the next meeting, or a new one."""
        from tettpa_tui.screens.writer import StoryWriterScreen

        ws = self.workspace

        handed_in_before = []  # the meeting's date, when the person has handed in for it already

        def find_or_start():
            from tettpa_tui.domain.stories import StoryStatus

            plan = ws.writing_meeting(dept, self.today)
            ws.carry_drafts(dept, author, plan)  # a draft left before a meeting now held
            month = plan.month
            draft = ws.draft_for(dept, author, month)
            if draft is not None:
                return draft
            if any(s.author_id == author.id and s.status is StoryStatus.SUBMITTED for s in ws.store.stories(dept, month)):
                handed_in_before.append(plan.meeting_date)
            return ws.start_story(dept, author, self.now())

        story = self.attempt(find_or_start)
        if story is not None:
            self.push_screen(StoryWriterScreen(dept, author, story))
            if handed_in_before:  # a blank page is not a lost story: say so once
                from tettpa_tui.screens.home import long_date

                self.notify(t("writer.new_after_handed_in", name=author.name, date=long_date(handed_in_before[0])),
                            markup=False, timeout=8)

    def flush_writers(self) -> None:
        """Put what is being typed on disk (before quitting)."""
        from tettpa_tui.screens.meeting import MeetingScreen
        from tettpa_tui.screens.writer import StoryWriterScreen

        for screen in self.screen_stack:
            if isinstance(screen, StoryWriterScreen):
                screen.flush()
            elif isinstance(screen, MeetingScreen):
                screen.save_typed()

    async def action_quit(self) -> None:
        self.flush_writers()
        self.exit()

    def action_help_quit(self) -> None:
        """Ctrl+C (Textual's copy key) outside a text field: how to quit, in the user's words."""
        from tettpa_tui.screens.help import key_label

        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(t("textual.quit_message", keys=key_label(key)), title=t("textual.quit_title"),
                            markup=False)
                return


def _department_commands():
    """The palette's department commands, imported when the palette first opens."""
    from tettpa_tui.screens.commands import DepartmentCommands

    return DepartmentCommands


class TettpaApp(BaseApp):
    # The home screen's styles come with the app's: a screen bringing its own
    # CSS makes Textual parse and apply every stylesheet again (a quicker start).
    CSS_PATH = ["app.tcss", "screens/home.tcss"]
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {_department_commands}
    BINDINGS = [
        Binding("f1,question_mark", "help", t("keys.help"), id="help",
                tooltip=t("tips.help")),
        Binding("ctrl+q", "quit", t("keys.quit"), id="quit", priority=True, show=False,
                tooltip=t("tips.quit")),
        Binding("ctrl+p", "command_palette", t("keys.palette"), id="palette", show=False,
                tooltip=t("tips.palette")),
    ]

    async def action_quit(self) -> None:
        self.flush_writers()  # first: what is typed goes into the day's backup
        followers = getattr(self, "followers", None)
        if followers is not None:
            followers.on_quit()
        self.exit()

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from tettpa_tui.widgets.palette import Palette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(Palette(id="--command-palette", placeholder=t("palette.placeholder")))

    def search_themes(self) -> None:
        """The themes to choose from, in the palette with our words."""
        from textual.theme import ThemeProvider

        from tettpa_tui.widgets.palette import Palette

        self.push_screen(Palette(providers=[ThemeProvider], placeholder=t("textual.themes_placeholder")))

    def get_system_commands(self, screen):
        """Textual's own palette commands, in the user's language. Its screenshot
        command is left out: it would write the screen (stories about children)
        to a file in whatever folder the app was started from."""
        from textual.app import SystemCommand
        from textual.markup import escape

        def command(key: str, run):
            # Textual reads a system command's title and help as markup: escaped, they show as written.
            return SystemCommand(escape(t(key)), escape(t(key + "_help")), run)

        yield command("palette.help", self.action_help)
        yield command("palette.theme", self.action_change_theme)
        if screen.maximized is not None:
            yield command("palette.minimize", screen.action_minimize)
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield command("palette.maximize", screen.action_maximize)
        yield command("palette.quit", self.action_quit)

    # -- start -------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        """The department last used opens as the first screen itself, not pushed
        on a blank one (which Textual would set up, style and draw for nothing)."""
        try:
            dept = self._last_department()
        except (StoreError, DomainError, ContentError):
            dept = None  # on_mount says what is wrong, on a screen of its own
        if dept is None:
            return super().get_default_screen()
        return self._home(dept)

    def on_mount(self) -> None:
        from tettpa_tui import lazy
        from tettpa_tui.screens.followers import Followers

        # Paused by `tettpa` until the first frame; at the latest a second on, whatever the first
        # screen (a screen that replaces the first one before it is drawn never calls back).
        self.call_after_refresh(lazy.resume_collector)
        self.set_timer(1.0, lazy.resume_collector)

        self.followers = Followers(self)  # reports to the shared folder, automatic backups
        self.followers.attach()
        self._say_recovered()
        # Where the data folder lies (a sync service, Store Python, others can read it): said
        # once, after the first frame; on Windows the permission check runs a system tool.
        # Started then too: a thread started now would take turns with the first frame.
        self.call_after_refresh(self.run_worker, self._placement_warnings, thread=True, group="placement")
        if self.department is not None:
            return  # the home screen is already the first screen
        try:
            self._open_start()
        except StoreError as exc:
            self.push_problem(store_message(exc))
        except (DomainError, ContentError) as exc:
            message = domain_message(exc) if isinstance(exc, DomainError) else t("error.content", detail=str(exc))
            self.push_problem(message)

    def _say_recovered(self) -> None:
        """An interrupted restore (or other operation) the opening of the data folder
        finished or undid (store/journal.py): said once, as the CLI says it."""
        from tettpa_tui.messages import recovery_message
        from tettpa_tui.store.journal import FAILED, take_recovered

        for found in take_recovered():
            self.notify(recovery_message(found, self.store.root), markup=False, timeout=20,
                        severity="error" if found.outcome == FAILED else "warning")

    def _placement_warnings(self) -> None:
        from tettpa_tui.store import placement

        try:
            found = placement.warnings(self.store.root)
        except OSError:
            return
        for key, params in found:
            self.call_from_thread(self.notify, t(key, **params), severity="warning", markup=False, timeout=20)

    def _last_department(self) -> Department | None:
        last = self.store.last_department()
        if last:
            try:
                return self.store.department(last)
            except DomainError:
                pass  # the department was removed: choose another
        return None

    def _open_start(self) -> None:
        # Screens are imported when first needed: a quicker start.
        last = self._last_department()
        if last is not None:
            self.open_department(last)
            return
        departments = self.store.list_departments()
        if not departments:
            from tettpa_tui.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen(first_run=True))
        elif len(departments) == 1:
            self.open_department(departments[0])
        else:
            from tettpa_tui.screens.picker import DepartmentPicker

            self.push_screen(DepartmentPicker(departments, allow_cancel=False), self._picked)

    def open_department(self, dept: Department) -> None:
        from tettpa_tui.screens.home import HomeScreen

        if self.store.last_department() != dept.path:
            self.attempt(lambda: self.store.set_last_department(dept.path))
        home = next((s for s in self.screen_stack if isinstance(s, HomeScreen)), None)
        if home is not None:  # one home screen, showing the department chosen
            while self.screen is not home:
                self.pop_screen()  # the form that created it
            self._now_showing(dept)
            home.show_department(dept)
        elif len(self.screen_stack) > 1:
            self.switch_screen(self._home(dept))  # in place of the first welcome or the picker
        else:
            self.push_screen(self._home(dept))

    def _home(self, dept: Department) -> Screen:
        from tettpa_tui.screens.home import HomeScreen

        self._now_showing(dept)
        return HomeScreen(dept, self.today)

    def _now_showing(self, dept: Department) -> None:
        self.department = dept
        self.sub_title = f"{dept.kindergarten} / {dept.name}"
        self.call_after_refresh(self.offer_resume, dept)
        self.call_after_refresh(self._apply_retention, dept)

    @work(thread=True, exclusive=True, group="retention")
    def _apply_retention(self, dept: Department) -> None:
        """Erase the story texts whose time is up (retention rules), after the first frame."""
        from tettpa_tui.services import retention

        try:
            now = self.now()
            soon, rules = retention.apply_and_count(self.workspace.store, dept, now)
            days = rules.warn_days
            if not getattr(self, "_retention_applied", False):
                self._retention_applied = True  # once per start, in every department of the data folder
                retention.apply_everywhere(self.workspace.store, now, skip=dept)
        except Exception:  # noqa: BLE001 - never in the way of the meeting; `tettpa retention` reports
            return
        note = t("retention.home_soon", count=soon, days=days) if soon else ""
        self.call_from_thread(self._show_retention, dept, note)

    def _show_retention(self, dept: Department, note: str) -> None:
        show = getattr(self.screen, "show_retention", None)
        shown = getattr(self.screen, "department", None)
        if show is not None and shown is not None and shown.path == dept.path:
            show(note)

    def _picked(self, choice: Department | str | None) -> None:
        from tettpa_tui.screens.picker import NEW
        from tettpa_tui.screens.welcome import WelcomeScreen

        if choice == NEW:
            kindergarten = self.department.kindergarten if self.department else ""
            self.push_screen(WelcomeScreen(first_run=False, kindergarten=kindergarten))
        elif isinstance(choice, Department):
            self.open_department(choice)

    def on_welcome_screen_created(self, event) -> None:  # WelcomeScreen.Created
        self.notify(t("welcome.created", path=event.department.path), markup=False)
        self.open_department(event.department)

    # -- meetings ------------------------------------------------------------

    def start_or_resume_meeting(self, dept: Department) -> None:
        from tettpa_tui.screens.meeting import MeetingScreen
        from tettpa_tui.screens.meeting_setup import MeetingSetupScreen

        running = self.attempt(lambda: self.workspace.running_meeting(dept))
        if running is not None:
            state = self.attempt(lambda: self.workspace.meeting_state(dept, running))
            if state is not None:
                self.push_screen(MeetingScreen(dept, state))
            return
        self.push_screen(MeetingSetupScreen(dept))

    def offer_resume(self, dept: Department) -> None:
        """A meeting left running (a closed terminal, a dead laptop): offer to go on."""
        running = self.attempt(lambda: self.workspace.running_meeting(dept))
        if running is None:
            return
        from tettpa_tui.screens.home import long_date
        from tettpa_tui.screens.meeting import where_it_stands
        from tettpa_tui.widgets.dialogs import ConfirmDialog

        state = self.attempt(lambda: self.workspace.meeting_state(dept, running))
        if state is None:
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.start_or_resume_meeting(dept)

        where = where_it_stands(state, self.workspace.method, {m.id: m.name for m in dept.staff})
        self.push_screen(ConfirmDialog(t("meeting.resume_info.question", date=long_date(running.date),
                                         where=where)), answer)

    # -- actions -------------------------------------------------------------

    def action_help(self) -> None:
        from tettpa_tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    def action_language(self) -> None:
        """Choose the language; it is remembered, and the app starts again in it."""
        from tettpa_tui.i18n import LANGUAGES, language
        from tettpa_tui.widgets.dialogs import ChoiceDialog

        def chosen(lang: str | None) -> None:
            if lang is None:
                return
            if lang == language():  # said, so a first Enter on the current one is not met by silence
                self.notify(t("language.already", name=t(f"language.{lang}")), markup=False)
                return
            _, error = self.try_call(lambda: self.store.set_setting("language", lang))
            if error is not None:
                self.notify(error, severity="error", markup=False, timeout=12)
                return
            self.flush_writers()
            self.exit(result=(RESTART, lang))

        options = [(t("language.current", name=t(f"language.{lang}")) if lang == language() else t(f"language.{lang}"),
                    lang) for lang in LANGUAGES]
        self.push_screen(ChoiceDialog(t("language.title"), options, language()), chosen)

    def action_switch_department(self) -> None:
        departments = self.attempt(self.store.list_departments)
        if departments is None:
            return
        from tettpa_tui.screens.picker import DepartmentPicker

        self.push_screen(DepartmentPicker(departments), self._picked)
