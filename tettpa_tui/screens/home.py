"""The department's home: next meeting, staff and the year wheel."""

from __future__ import annotations

from datetime import date

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static

from tettpa_tui import content
from tettpa_tui.domain.calendar import KindergartenYear, MonthPlan, YearMonth
from tettpa_tui.domain.classframework import Dimension
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.classframework import Instrument
from tettpa_tui.domain.records import AgeGroup, Department, Role
from tettpa_tui.domain.terms import period_season
from tettpa_tui.i18n import language as lang
from tettpa_tui.i18n import long_date, t
from tettpa_tui.lazy import OnFirstUse
from tettpa_tui.store import StoreError
from tettpa_tui.widgets.literal import literal
from tettpa_tui.widgets.rowlist import RowList

dialogs = OnFirstUse("tettpa_tui.widgets.dialogs")  # needed only when a key asks


def term_line(status) -> Content | None:
    """This term's CLASS observation, when it is not yet recorded (None when done)."""
    if status is None:
        return None
    term, state, _observed = status
    if state == "done":
        return None
    name = t(f"terms.{term.season}", year=term.period_start.year)
    period = t("terms.period", first=t(f"month.{term.period[0].month}"), last=t(f"month.{term.period[-1].month}"))
    text = t(f"terms.home_{state}", term=name, period=period)
    return Content.styled(text, "$warning" if state != "upcoming" else "$foreground-muted")


def days_until(day: date, today: date) -> str:
    days = (day - today).days
    if days < 0:  # the planned date has passed, the meeting is still to be held (next_meeting)
        return t("home.next.overdue_one") if days == -1 else t("home.next.overdue", days=-days)
    if days == 0:
        return t("home.today")
    if days == 1:
        return t("home.tomorrow")
    return t("home.days_until", days=days)


class HomeScreen(Screen):
    # Its styles (home.tcss) are loaded with the app's: see TettpaApp.CSS_PATH.
    # On a tall screen (a projector) there is room for the month's dimension itself.
    TALL = 34
    BINDINGS = [
        Binding("m", "meeting", t("keys.meeting"), id="meeting", tooltip=t("tips.meeting")),
        Binding("escape", "leave_pedagogue", t("keys.back"), id="leave_pedagogue",
                tooltip=t("pedagogue.back_tip")),
        Binding("s", "write_story", t("keys.write"), id="write", tooltip=t("tips.write")),
        Binding("f", "stories", t("keys.stories"), id="stories", tooltip=t("tips.stories")),
        Binding("h", "meetings", t("keys.meetings"), id="meetings", tooltip=t("tips.meetings")),
        Binding("slash,ctrl+f", "search", t("keys.search"), id="search", show=False, tooltip=t("tips.search")),
        Binding("o", "observations", t("keys.observations"), id="observations", show=False,
                tooltip=t("tips.observations")),
        Binding("k", "kindergarten", t("keys.kindergarten"), id="kindergarten", show=False,
                tooltip=t("tips.kindergarten")),
        Binding("y", "year_view", t("keys.year"), id="year", show=False, tooltip=t("tips.year")),
        Binding("t", "participation", t("keys.participation"), id="participation", show=False,
                tooltip=t("tips.participation")),
        Binding("a", "add_staff", t("keys.add_staff"), id="add_staff", show=False,
                tooltip=t("tips.add_staff")),
        Binding("r", "rename_staff", t("keys.rename_staff"), id="rename_staff", show=False,
                tooltip=t("tips.rename_staff")),
        Binding("i", "person_data", t("keys.person_data"), id="person_data", show=False,
                tooltip=t("tips.person_data")),
        Binding("x", "toggle_retired", t("keys.retire_staff"), id="retire_staff", show=False,
                tooltip=t("tips.retire_staff")),
        Binding("e", "edit_month", t("keys.edit_plan"), id="edit_plan", show=False,
                tooltip=t("tips.edit_plan")),
        Binding("left_square_bracket", "year(-1)", t("keys.prev_year"), id="prev_year", show=False,
                tooltip=t("tips.prev_year")),
        Binding("right_square_bracket", "year(1)", t("keys.next_year"), id="next_year", show=False,
                tooltip=t("tips.next_year")),
        Binding("p", "choose_pool", t("keys.pool"), id="pool", show=False,
                tooltip=t("tips.pool")),
        Binding("d", "app.switch_department", t("keys.switch"), id="switch",
                tooltip=t("tips.switch")),
        Binding("b", "access_code", t("keys.access_code"), id="access_code", show=False,
                tooltip=t("tips.access_code")),
        Binding("u", "choose_instrument", t("keys.instrument"), id="instrument", show=False,
                tooltip=t("instrument.palette_help")),
        Binding("c", "backup", t("keys.backup"), id="backup", show=False, tooltip=t("tips.backup")),
    ]

    def __init__(self, department: Department, today: date) -> None:
        super().__init__()
        self.department = department
        self.year = KindergartenYear.containing(today)
        self._months: list[MonthPlan] = []
        self._resumed_once = False
        self._about: Dimension | tuple | None = None  # what the tall screen's panel is about (a pedagogue meeting: each department's)
        self._about_drawn: Dimension | None = None

    def compose(self) -> ComposeResult:
        # As few widgets as will do: the panels are the lists and texts themselves
        # (every widget is styled, laid out and drawn before the first frame).
        if self.app.demo:
            with Horizontal(id="title-bar"):
                yield Static(id="title", markup=False)
                yield Static(t("app.demo_badge"), id="demo-badge", markup=False)
        else:
            yield Static(id="title", markup=False)
        with Horizontal(id="top"):
            yield Static(id="next", classes="panel", markup=False)
            yield RowList(id="staff", classes="panel", flexible=0, empty=t("home.no_staff"))
        yield RowList(id="plan", classes="panel", flexible=2)
        # The dimension's own text (#about-panel) comes only on a tall screen: see on_resize.

    def on_mount(self) -> None:
        # The key bar comes right after the first frame: it is rebuilt whenever the
        # keys change, and mounting it after focus and data are settled saves that work.
        self.call_after_refresh(self._mount_footer)
        self.query_one("#next").border_title = literal(t("home.next_title"))
        staff = self.query_one("#staff", RowList)
        staff.border_title = literal(t("home.staff_title"))
        staff.border_subtitle = literal(t("home.staff_keys"))
        staff.focus()
        self._safely(self.refresh_all)

    async def _mount_footer(self) -> None:
        await self.mount(Footer(show_command_palette=False))
        self.refresh_bindings()  # the footer shows the keys when told they are ready

    # -- drawing -----------------------------------------------------------

    def refresh_all(self) -> None:
        dept = self.department
        kind = t("pedagogue.kind") if dept.is_pedagogue_meeting else t(f"age_group.{dept.age_group.value}")
        if self.app.workspace.held_as_leader_meeting(dept, self.app.today):  # year 2 on, the director leads
            kind = t("pedagogue.kind_leader")
        if not dept.is_pedagogue_meeting:  # the CLASS instrument its wheel and texts follow
            kind += f"  ·  {t(f'instrument.{dept.instrument.value}')}"
        self.query_one("#title", Static).update(literal(f"{dept.kindergarten} / {dept.name}  ·  {kind}"))
        nxt = self._draw_next()
        self._draw_staff()
        self._draw_plan(nxt.month)  # the next meeting found once (a quicker first screen)

    def _draw_next(self) -> MonthPlan:
        """The next meeting's panel; returns the next meeting."""
        ws = self.app.workspace
        today = self.app.today
        nxt = ws.next_meeting(self.department, today)
        dim = ws.framework_for(self.department).dimension(nxt.dimension_id)
        status, _ = ws.hand_in_overview(self.department, nxt.month)
        done, total = status.summary
        prog = ws.programme(self.department, today)
        if prog.year is None:
            programme = t("home.programme_unknown", theme=prog.theme.name(lang()))
        else:
            programme = t("home.programme_year", year=prog.year, theme=prog.theme.name(lang()))
        # The month before the next meeting's, once held, is said to be held (whatever day it was held on).
        before = nxt.month.step(-1)
        # Held this month: said in the panel's title, which takes no line from its text.
        title = t("home.next_title")
        if ws.was_held(self.department, before):
            title = t("home.held.title", title=title, month=t(f"month.{before.month}"))
        self.query_one("#next", Static).border_title = literal(title)
        # One text, not a widget a line: a quicker first screen.
        observation = term_line(ws.observation_term(self.department, today))
        lines = [
            # the date and how soon on one line: room for a long dimension name at 80×24
            Content.assemble((long_date(nxt.meeting_date), "bold"), "  ",
                             (days_until(nxt.meeting_date, today), "$foreground-muted")),
            Content(""),
            Content.styled(t("home.dimension", name=ws.dimensions_text(self.department, nxt.month)), "bold $accent"),
            Content(t("home.handed_in", done=done, total=total)),
            Content.styled(programme, "$foreground-muted"),
            *([Content.styled(self.retention_note, "$warning")] if self.retention_note else []),
        ]
        if nxt.departments_meet is not None:  # a pedagogue meeting: planned before the departments' meetings
            from tettpa_tui.screens.plan_month import not_before_line

            named = self.app.workspace.pedagogue_name(self.department, self.app.today, definite=True)
            warning = not_before_line(nxt, named)
            lines[1] = Content.styled(warning, "$warning") if warning else Content.styled(
                t("pedagogue.departments_begin", first=nxt.departments_meet.strftime("%d.%m.%Y")), "$foreground-muted")
        if observation is not None:  # in place of the blank line: the panel keeps its height
            del lines[1]
            lines.append(observation)
        running = ws.running_meeting(self.department)
        if running is not None:  # left with Esc, or a closed terminal: m goes back to it
            lines.insert(0, Content.styled(t("home.next.open", day=running.date.day, month=running.date.month),
                                           "bold $warning"))
            if not lines[2].plain:  # the panel keeps its height: the blank line makes room
                del lines[2]
        self._next_text = Content("\n").join(lines)
        self.query_one("#next", Static).update(self._next_text)
        self.call_after_refresh(self._fit_next)
        self.call_after_refresh(self._draw_backup_line)  # not needed for the first frame
        self._about = dim
        if self.department.is_pedagogue_meeting:  # each department's dimension, in its instrument's words
            self._about = tuple(ws.departments_next(self.department, nxt.month)) or dim
        # The longest text on the screen, only shown on a tall screen: drawn just
        # after the first frame, and only when the panel shows (a quicker start).
        self.call_after_refresh(self._draw_about)
        return nxt

    retention_note = ""  # how many story texts the retention rules erase within 30 days
    TOP_LINES = 9  # the top panels' usual height; more when the next-meeting text needs it
    _next_text: Content | None = None

    def _fit_next(self) -> None:
        """The next-meeting panel as tall as its wrapped text (at 80×24 a long dimension name and
        the pool hint wrap): nothing in it is hidden below the border; the year wheel gives way."""
        panel = self.query_one("#next", Static)
        width = panel.content_region.width
        if self._next_text is None or width <= 0:
            return
        need = len(self._next_text.wrap(width)) + panel.styles.gutter.height
        top = self.query_one("#top")
        height = max(self.TOP_LINES, need)
        if top.styles.height is None or top.styles.height.value != height:
            top.styles.height = height

    def show_retention(self, note: str) -> None:
        self.retention_note = note
        self._draw_next()

    def _draw_backup_line(self) -> None:
        """When the last backup was made (a warning after 30 days): the next-meeting panel's foot."""
        from tettpa_tui.screens.backup import home_line

        text, warn = home_line(self.app.store, self.app.now())
        panel = self.query_one("#next")
        panel.border_subtitle = Content.styled(text, "bold $warning" if warn else "$foreground-muted")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave_pedagogue":  # only on the pedagogue meeting's page, opened from a department
            return self.department.is_pedagogue_meeting and getattr(self.app, "came_from", None) is not None
        return True

    def action_leave_pedagogue(self) -> None:
        """From the pedagogue meeting's page back to the department it was opened from."""
        back = getattr(self.app, "came_from", None)
        if self.department.is_pedagogue_meeting and back is not None:
            self.app.came_from = None
            self.app.open_department(back)

    def action_backup(self) -> None:
        from tettpa_tui.screens.backup import BackupScreen

        self.app.push_screen(BackupScreen())

    def _draw_about(self) -> None:
        dim, drawn = self._about, self._about_drawn
        panels = self.query("#about-panel")
        if dim is None or dim is drawn or not panels or not panels.first().has_class("-tall"):
            return
        self._about_drawn = dim
        if isinstance(dim, tuple):  # a pedagogue meeting: what each department takes up, named
            groups = dim
            title = self.app.workspace.dimensions_text(self.department, self.app.workspace.next_meeting(
                self.department, self.app.today).month)
        else:
            groups, title = ((dim, []),), dim.name(lang())
        panels.first().border_title = literal(t("home.about_title", name=title))
        parts = []
        for one, names in groups:
            questions = "\n".join(f"• {q}" for q in one.questions[lang()])
            if len(groups) > 1:
                parts += [(t("pedagogue.dimensions_more", dimension=one.name(lang()), departments=", ".join(names)),
                           "bold $accent"), "\n"]
            parts += [one.descriptions[lang()], "\n\n", (t("home.questions"), "bold"), "\n", questions, "\n\n"]
        self.query_one("#about", Static).update(Content.assemble(*parts[:-1]))

    def _draw_staff(self, keep: str | None = None) -> None:
        table = self.query_one("#staff", RowList)
        members = sorted(self.department.staff, key=lambda s: (not s.active, s.role is not Role.LEADER))
        rows = []
        for s in members:
            if s.active:
                rows.append((s.id, (Content(s.name), Content(t(f"role.{s.role.value}")))))
            else:
                rows.append((s.id, (Content.styled(s.name, "dim strike"),
                                    Content.styled(t("home.retired").capitalize(), "dim italic"))))
        table.set_rows(rows, highlight=keep)

    def _draw_plan(self, upcoming: YearMonth | None = None) -> None:
        """The year wheel; `upcoming` the next meeting's month, when already found."""
        ws = self.app.workspace
        wheel = ws.wheel(self.department, self.year)
        self._months = list(wheel.months)
        periods = content.observation_periods() if not self.department.is_pedagogue_meeting else {}
        table = self.query_one("#plan", RowList)
        row = table.highlighted  # the same row in another year
        today = self.app.today
        if upcoming is None:
            upcoming = ws.next_meeting(self.department, today).month
        events = ws.programme_events(self.department, self.year)  # study days, workshops, modules
        rows = []
        for i, m in enumerate(self._months):
            past = m.meeting_date < today
            style = "bold" if m.month == upcoming else ("dim" if past else "")
            marker = "▶ " if m.month == upcoming else "  "
            if m.month == upcoming and row is None:
                row = i
            month_name = f"{marker}{t(f'month.{m.month.month}').capitalize()} {m.month.year}"
            if periods and period_season(m.month, periods):
                month_name += " " + t("terms.mark")  # a CLASS observation month
            day = m.meeting_date.strftime("%d.%m.%Y") + (" *" if m.date_set_by_hand else "")
            if m.month < upcoming and ws.was_held(self.department, m.month):
                day += " ✓"  # held (a month let go has no mark)
            dimension = ws.dimensions_text(self.department, m.month)  # a pedagogue meeting: the departments'
            if m.outside_instrument:  # kept as set by hand, but not in the department's instrument
                dimension = f"⚠ {dimension}"
            cells = [Content.styled(text, style) for text in (month_name, day, dimension)]
            if events.get(m.month):  # the programme's own events that month, after the dimension
                cells[2] = Content.assemble(cells[2], ("  " + event_line(events[m.month]), "$accent"))
            rows.append((str(m.month), tuple(cells)))
        table.set_rows(rows)
        title = t("home.plan_title", year=str(self.year))
        if periods:
            title += "  " + t("terms.legend")
        outside = sum(1 for m in self._months if m.outside_instrument)
        if outside:
            title += "  " + t("instrument.home_outside", count=outside,
                                           instrument=t(f"instrument.{self.department.instrument.value}"))
        table.border_title = literal(title)
        table.border_subtitle = literal(t("home.plan_keys"))
        if self._months:
            table.highlighted = min(row or 0, len(self._months) - 1)

    def _selected_staff_id(self) -> str | None:
        return self.query_one("#staff", RowList).highlighted_key

    # -- actions -------------------------------------------------------------

    def action_access_code(self) -> None:
        """The phone page: its address as a QR code, and a start code for the chosen staff member."""
        from tettpa_tui.screens.phone_page import PhonePageScreen

        self.app.push_screen(PhonePageScreen(self.department, self._selected_staff_id()))

    def action_add_staff(self) -> None:
        def submit(name: str, role: Role) -> str | None:
            out, error = self.app.try_call(lambda: self.app.store.add_staff(self.department, name, role))
            if out is not None:
                self.department, member = out
                self._draw_staff(keep=member.id)
                self.app.notify(t("home.staff_added", name=member.name), markup=False)
            return error

        self.app.push_screen(dialogs.StaffDialog(t("staff_dialog.add_title"), submit))

    def action_person_data(self) -> None:
        """Export or erase the selected person's data; what is stored (screens/privacy.py)."""
        staff_id = self._selected_staff_id()
        if staff_id is None:
            self.app.notify(t("home.select_staff"), severity="warning")
            return
        from tettpa_tui.screens.privacy import person_dialog

        person_dialog(self, staff_id)

    def action_stored_data(self) -> None:
        from tettpa_tui.screens.privacy import StoredDataScreen

        self.app.push_screen(StoredDataScreen())

    def action_rename_staff(self) -> None:
        staff_id = self._selected_staff_id()
        if staff_id is None:
            self.app.notify(t("home.select_staff"), severity="warning", markup=False)
            return
        member = self.department.member(staff_id)

        def submit(name: str, _role: None) -> str | None:
            out, error = self.app.try_call(lambda: self.app.store.rename_staff(self.department, staff_id, name))
            if out is not None:
                self.department = out
                self._draw_staff(keep=staff_id)
                self.app.notify(t("home.staff_renamed", name=out.member(staff_id).name), markup=False)
            return error

        self.app.push_screen(dialogs.StaffDialog(t("staff_dialog.rename_title"), submit, name=member.name, role=None))

    def action_toggle_retired(self) -> None:
        staff_id = self._selected_staff_id()
        if staff_id is None:
            self.app.notify(t("home.select_staff"), severity="warning", markup=False)
            return
        member = self.department.member(staff_id)
        question = t("confirm.retire" if member.active else "confirm.restore", name=member.name)

        def done(yes: bool | None) -> None:
            if not yes:
                return
            store = self.app.store
            change = store.retire_staff if member.active else store.restore_staff
            out = self.app.attempt(lambda: change(self.department, staff_id))
            if out is not None:
                self.department = out
                self._draw_staff(keep=staff_id)
                key = "home.staff_retired" if member.active else "home.staff_restored"
                self.app.notify(t(key, name=member.name), markup=False)

        self.app.push_screen(dialogs.ConfirmDialog(question), done)

    def action_edit_month(self) -> None:
        row = self.query_one("#plan", RowList).highlighted
        if not self._months or row is None:
            return
        from tettpa_tui.screens.plan_month import edit_month

        plan = self._months[row]

        def saved(_plan) -> None:
            self._draw_plan()
            self._draw_next()
            self.app.notify(t("home.plan_saved", month=str(plan.month)), markup=False)

        edit_month(self.app, self.department, plan, saved)

    def action_choose_instrument(self) -> None:
        """An age-mixed department chooses its CLASS instrument; others are told theirs."""
        dept = self.department
        name = t(f"instrument.{dept.instrument.value}")
        if dept.age_group is not AgeGroup.MIXED:
            self.app.notify(t("instrument.fixed", department=dept.name, instrument=name,
                              age=t(f"age_group.{dept.age_group.value}").lower()), markup=False)
            return
        options = [(t(f"instrument.option_{i.value}"), i.value) for i in (Instrument.PRE_K, Instrument.TODDLER)]

        def done(choice: str | None) -> None:
            if choice is None:
                return
            out = self.app.attempt(lambda: self.app.workspace.set_instrument(dept, Instrument(choice)))
            if out is not None:
                self.department = out
                self._safely(self.refresh_all)
                self.app.notify(t("instrument.set", path=out.path, instrument=t(f"instrument.{out.instrument.value}")),
                                markup=False)

        self.app.push_screen(dialogs.ChoiceDialog(t("instrument.dialog_title", department=dept.name), options,
                                                  dept.instrument.value), done)

    def show_department(self, department: Department) -> None:
        """Show another department (chosen with `d`, or just created)."""
        self.department = department
        self.year = KindergartenYear.containing(self.app.today)
        self.query_one("#plan", RowList).highlighted = None  # its next meeting is chosen afresh
        self._safely(self.refresh_all)
        self.refresh_bindings()  # Esc back from a pedagogue meeting, or not
        self.query_one("#staff", RowList).focus()

    def on_screen_resume(self) -> None:
        # Back from writing or reading stories: the counts may have changed.
        # (The first resume comes right after on_mount, which has just drawn.)
        if not self._resumed_once:
            self._resumed_once = True
            return

        def redraw() -> None:
            self.department = self.app.store.department(self.department.path)
            self._draw_next()
            # The wheel too: a meeting ended moves its ▶ on, and a development plan's
            # focus put first changes its months.
            self._draw_plan()

        self._safely(redraw)

    def _safely(self, draw) -> None:
        """Draw; a data file that cannot be read is reported in one line, not a traceback."""
        try:
            draw()
        except (StoreError, DomainError) as exc:
            self.app.show_problem(exc)

    def action_meeting(self) -> None:
        self.app.start_or_resume_meeting(self.department)

    def action_meetings(self) -> None:
        from tettpa_tui.screens.history import MeetingsScreen

        self.app.push_screen(MeetingsScreen(self.department))

    def action_search(self) -> None:
        from tettpa_tui.screens.history import SearchScreen

        self.app.push_screen(SearchScreen(self.department))

    def action_observations(self) -> None:
        from tettpa_tui.screens.observations import ObservationsScreen

        self.app.push_screen(ObservationsScreen(self.department))

    def action_kindergarten(self) -> None:
        from tettpa_tui.screens.history import KindergartenScreen

        self.app.push_screen(KindergartenScreen(self.department, self.year))

    def action_year_view(self) -> None:
        from tettpa_tui.screens.history import YearScreen

        self.app.push_screen(YearScreen(self.department, self.year))

    def action_participation(self) -> None:
        from tettpa_tui.screens.history import ParticipationScreen

        self.app.push_screen(ParticipationScreen(self.department, self.year))

    def action_write_story(self) -> None:
        """Who is writing? Then their draft for the next meeting (or a new one)."""
        options = [(f"{m.name} ({t(f'role.{m.role.value}')})", m.id) for m in self.department.active_staff]
        if not options:
            self.app.notify(t("home.no_staff"), severity="warning", markup=False)
            return

        def chosen(staff_id: str | None) -> None:
            if staff_id is not None:
                self.app.open_writer(self.department, self.department.member(staff_id))

        self.app.push_screen(dialogs.ChoiceDialog(t("writer.who_are_you"), options), chosen)

    def action_stories(self) -> None:
        from tettpa_tui.screens.stories import StoriesOverviewScreen

        month = self.app.workspace.next_meeting(self.department, self.app.today).month
        self.app.push_screen(StoriesOverviewScreen(self.department, month))

    def action_choose_pool(self) -> None:
        kg = self.department.kindergarten
        current = self.app.attempt(lambda: self.app.store.kindergarten(kg))
        if current is None:
            return
        options = [(t("pool_dialog.none"), "0")] + [
            (t("pool_dialog.option", number=n, month=t(f"month.{start.month}"), year=start.year), str(n))
            for n, start in sorted(content.pools().items())
        ]

        def done(choice: str | None) -> None:
            if choice is None:
                return
            pool = int(choice) or None
            _, error = self.app.try_call(lambda: self.app.store.set_pool(kg, pool))
            if error is not None:
                self.app.notify(error, severity="error", markup=False, timeout=12)
                return
            self._draw_next()
            status = self.app.workspace.programme(self.department, self.app.today)
            if status.year is not None:
                self.app.notify(t("pool_dialog.saved", year=status.year), markup=False)
            else:
                self.app.notify(t("pool_dialog.cleared"), markup=False)

        self.app.push_screen(
            dialogs.ChoiceDialog(t("pool_dialog.title", kindergarten=kg), options, str(current.pool or 0)), done
        )

    def on_resize(self, event: events.Resize) -> None:
        # Only the panels that change get the class: a class on the screen
        # (Textual's breakpoints) would style every widget on it again.
        tall = event.size.height >= self.TALL
        self.call_after_refresh(self._fit_next)
        self.query_one("#plan").set_class(tall, "-tall")
        about = self.query("#about-panel")
        if about:
            about.first().set_class(tall, "-tall")
        elif tall:  # made when first needed: most screens are not tall
            self.mount(VerticalScroll(Static(id="about", markup=False), id="about-panel", classes="panel -tall"),
                       after="#plan")
        if tall:
            self.call_after_refresh(self._draw_about)

    @on(OptionList.OptionSelected, "#plan")
    def _plan_row_selected(self) -> None:
        self.action_edit_month()

    def action_year(self, step: int) -> None:
        self.year = KindergartenYear(self.year.start + step)
        self._draw_plan()


def event_line(events: list) -> str:
    """The programme's events of one month on one line: "◆ Fagdag: CLASS · ◆ …"."""
    return " · ".join(f"◆ {e.short(lang())}" for e in events)
