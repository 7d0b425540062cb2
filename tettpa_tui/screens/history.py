"""History: the meetings and their record, search, the year at a glance, participation."""

from __future__ import annotations

from dataclasses import replace

import re
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Markdown, Select, Static

from tettpa_tui.oscompat import typed_path
from tettpa_tui.widgets.fields import Input
from tettpa_tui import content
from tettpa_tui.domain.calendar import KindergartenYear
from tettpa_tui.domain.records import Department
from tettpa_tui.domain.terms import period_season
from tettpa_tui.services.minutes import meeting_record, minutes, minutes_markdown
from tettpa_tui.i18n import decimal, long_date, t
from tettpa_tui.i18n import language as lang
from tettpa_tui.text import printable
from tettpa_tui.widgets.dialogs import ChoiceDialog, TextPrompt
from tettpa_tui.widgets.fit import fill_table
from tettpa_tui.widgets.literal import cell
from tettpa_tui.widgets.select import LiteralSelect

HEAD_CSS = """
{name} #head {{ height: auto; background: $primary; color: $text; padding: 0 1; }}
{name} #head .title {{ text-style: bold; }}
{name} DataTable {{ height: 1fr; }}
{name} .hint {{ color: $text-muted; padding: 0 1; }}
"""


class _Page(Screen):
    """A page of the history: a title bar, its content, the footer; Esc goes back."""

    BINDINGS = [Binding("escape", "back", t("keys.back"), id="back", tooltip=t("tips.back_page"))]

    def __init__(self, department: Department) -> None:
        super().__init__()
        self.department = department

    def head(self, title: str) -> ComposeResult:
        with Vertical(id="head"):
            yield Static(title, markup=False, classes="title", id="title")

    def action_back(self) -> None:
        self.dismiss()


class MeetingsScreen(_Page):
    """The department's meetings, newest first; Enter opens the whole record."""

    DEFAULT_CSS = HEAD_CSS.format(name="MeetingsScreen")

    def compose(self) -> ComposeResult:
        yield from self.head(t("history.title", path=self.app.workspace.shown_path(self.department, self.app.today)))
        yield DataTable(id="meetings", cursor_type="row", zebra_stripes=True)
        yield Static(t("history.hint"), classes="hint", markup=False)
        yield Footer(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key in ("date", "dimension", "status", "stories", "turns"):
            table.add_column(Text(t(f"history.col_{key}")), key=key)
        ws = self.app.workspace
        self.meetings = list(reversed(self.app.store.meetings(self.department)))
        rows = []
        for m in self.meetings:
            state = ws.meeting_state(self.department, m)
            rows.append(([
                cell(m.date.strftime("%d.%m.%Y")), cell(ws.dimensions_text(self.department, m.month, m.dimension_id)),
                cell(t(f"meeting_status.{m.status}")), cell(str(len(state.stories))),
                cell(str(sum(1 for x in state.turns if not x.undone)))], m.id))
        # A pedagogue meeting's dimensions (each department's, named) wrap: the other columns stay in view.
        fill_table(table, rows, self.size.width or self.app.size.width, wrap="dimension")
        if not self.meetings:
            self.query_one(".hint", Static).update(t("history.none"))
        table.focus()

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        meeting = next(m for m in self.meetings if m.id == event.row_key.value)
        self.app.push_screen(MeetingRecordScreen(self.department, meeting))


class MeetingRecordScreen(_Page):
    """A meeting's whole record, as its minutes; story texts on request; export."""

    DEFAULT_CSS = HEAD_CSS.format(name="MeetingRecordScreen") + """
    MeetingRecordScreen #record { height: 1fr; padding: 0 1; }
    """
    BINDINGS = _Page.BINDINGS + [
        Binding("t", "toggle_stories", t("keys.toggle_stories"), id="toggle_stories",
                tooltip=t("tips.toggle_stories")),
        Binding("e", "export", t("keys.export"), id="export", tooltip=t("tips.export")),
    ]

    def __init__(self, department: Department, meeting, focus_text: str = "") -> None:
        super().__init__(department)
        self.meeting = meeting
        self.with_stories = False
        self.focus_text = focus_text

    def compose(self) -> ComposeResult:
        yield from self.head(t("history.record_title", date=long_date(self.meeting.date)))
        with VerticalScroll(id="record"):
            yield Markdown(id="minutes")
        yield Footer(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        self._draw()
        self.query_one("#record").focus()

    def _draw(self) -> None:
        ws = self.app.workspace
        record = meeting_record(ws, self.department, self.meeting)
        self.query_one(Markdown).update(minutes_markdown(ws, self.department, record, self.with_stories))

    def action_toggle_stories(self) -> None:
        self.with_stories = not self.with_stories
        self._draw()

    def action_export(self) -> None:
        options = [(t("history.export_md"), "md"), (t("history.export_html"), "html")]

        def chosen(fmt: str | None) -> None:
            if fmt is None:
                return
            default = Path.home() / f"referat-{self.meeting.date.isoformat()}.{fmt}"

            def where(path: str | None) -> None:
                if not path:
                    return
                from tettpa_tui.store.storage import atomic_write_bytes

                text = minutes(self.app.workspace, self.department, self.meeting, fmt, self.with_stories)
                target = typed_path(path)
                _, error = self.app.try_call(lambda: atomic_write_bytes(target, text.encode("utf-8")))
                if error is None:
                    key = "history.exported_with_stories" if self.with_stories else "history.exported"
                    self.notify(t(key, path=str(target)), markup=False, timeout=10)
                else:
                    self.notify(error, severity="error", markup=False, timeout=12)

            self.app.push_screen(TextPrompt(t("history.export_where"), value=str(default)), where)

        self.app.push_screen(ChoiceDialog(t("history.export_title"), options), chosen)


class SearchScreen(_Page):
    """Type a word: every story, note and goal of the department that holds it."""

    DEFAULT_CSS = HEAD_CSS.format(name="SearchScreen") + """
    SearchScreen #filters { height: auto; }
    SearchScreen #filters Select { width: 1fr; }
    SearchScreen #count { padding: 0 1; color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        ws = self.app.workspace
        yield from self.head(t("search.title"))
        yield Input(placeholder=t("search.placeholder"), id="query", max_length=200)
        with Horizontal(id="filters"):
            yield LiteralSelect([(Text(d.name(lang())), d.id) for d in ws.framework.dimensions], prompt=t("search.all_dimensions"),
                         id="dimension")
            yield LiteralSelect([(Text(m.name), m.id) for m in self.department.staff], prompt=t("search.all_people"),
                         id="person")
            years = sorted({m.kindergarten_year for m in self.app.store.months_on_disk(self.department)},
                           reverse=True)
            yield LiteralSelect([(str(y), y.start) for y in years], prompt=t("search.all_years"), id="year")
        yield Static("", id="count", markup=False)
        yield DataTable(id="hits", cursor_type="row", zebra_stripes=True)
        yield Footer(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key in ("when", "kind", "person", "text"):
            table.add_column(Text(t(f"search.col_{key}")), key=key)
        self.items = self.app.workspace.searchables(self.department)
        self.hits = []
        self.query_one("#query").focus()

    @on(Input.Changed, "#query")
    @on(Select.Changed)
    def _search(self) -> None:
        from tettpa_tui.domain.search import search

        query = self.query_one("#query", Input).value
        dim = self.query_one("#dimension", Select).value
        person = self.query_one("#person", Select).value
        year = self.query_one("#year", Select).value
        self.hits = search(
            self.items, query,
            dimension_id=None if dim is Select.NULL else str(dim),
            person_id=None if person is Select.NULL else str(person),
            year=None if year is Select.NULL else KindergartenYear(int(year)),
        )
        names = {m.id: m.name for m in self.department.staff}
        table = self.query_one(DataTable)
        table.clear()
        for i, hit in enumerate(self.hits):
            snippet, a, b = hit.snippet(max(30, min(60, (self.size.width or 80) - 44)))  # fits the window
            flat = re.sub(r"\s", " ", printable(snippet))  # same length: the hit stays in place
            line = Text(flat[:a], no_wrap=True, overflow="ellipsis")
            line.append(flat[a:b], style="bold reverse")
            line.append(flat[b:])
            table.add_row(cell(str(hit.item.month)), cell(t(f"search.kind.{hit.item.kind}")),
                          cell(names.get(hit.item.person_id or "", "–")), line, key=str(i))
        count = t("search.hits", count=len(self.hits)) \
            if query.strip() else ""
        if query.strip() and not self.hits:
            count = t("search.no_hits")
        self.query_one("#count", Static).update(count)

    @on(Input.Submitted, "#query")
    def _to_results(self) -> None:
        if self.hits:
            self.query_one(DataTable).focus()

    @on(DataTable.RowSelected, "#hits")
    def _open(self, event: DataTable.RowSelected) -> None:
        hit = self.hits[int(event.row_key.value)]
        if hit.item.meeting_id:
            meeting = self.app.store.meeting(self.department, hit.item.meeting_id)
            self.app.push_screen(MeetingRecordScreen(self.department, meeting))
        elif hit.item.story_id:
            from tettpa_tui.screens.story_reader import StoryReadScreen

            self.app.push_screen(StoryReadScreen(self.department, self.app.store.story(self.department,
                                                                                      hit.item.story_id)))


class _YearPage(_Page):
    """A page about one kindergarten year; [ and ] move between years."""

    BINDINGS = _Page.BINDINGS + [
        Binding("left_square_bracket", "year(-1)", t("keys.prev_year"), id="prev_year", tooltip=t("tips.prev_year")),
        Binding("right_square_bracket", "year(1)", t("keys.next_year"), id="next_year", tooltip=t("tips.next_year")),
    ]

    def __init__(self, department: Department, year: KindergartenYear) -> None:
        super().__init__(department)
        self.year = year

    def action_year(self, step: int) -> None:
        self.year = KindergartenYear(self.year.start + step)
        self._draw()

    def on_resize(self) -> None:
        if self.is_mounted:
            self._draw()  # the table fits the new width

    def _draw(self) -> None:  # pragma: no cover - each page draws itself
        raise NotImplementedError


class YearScreen(_YearPage):
    """The kindergarten year at a glance: plan, meetings held, stories, goals tried."""

    DEFAULT_CSS = HEAD_CSS.format(name="YearScreen") + """
    YearScreen #theme { padding: 0 1; color: $accent; }
    """
    BINDINGS = _YearPage.BINDINGS + [
        Binding("e", "edit", t("keys.edit_plan"), id="edit_plan", tooltip=t("tips.edit_plan")),
    ]

    def compose(self) -> ComposeResult:
        yield from self.head("")
        yield Static(id="theme", markup=False)
        yield DataTable(id="year", cursor_type="row", zebra_stripes=True)
        yield Static(t("year.hint"), classes="hint", markup=False)
        yield Footer(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key in ("month", "date", "held", "stories", "tried", "dimension"):
            table.add_column(Text(t(f"year.col_{key}")), key=key)
        self._draw()
        table.focus()

    def _draw(self) -> None:
        ws = self.app.workspace
        path = self.app.workspace.shown_path(self.department, self.app.today)
        self.query_one("#title", Static).update(t("year.title", year=str(self.year), path=path))
        prog = ws.programme(self.department, self.year.months[0].first_day)
        self.query_one("#theme", Static).update(
            (t("home.programme_year", year=prog.year, theme=prog.theme.name(lang())) if prog.year
             else t("year.theme", theme=prog.theme.name(lang())))
            + ("" if self.department.is_pedagogue_meeting else "   " + t("terms.legend"))
            + "\n" + prog.theme.about.get(lang(), prog.theme.about["nb"]))
        table = self.query_one(DataTable)
        row = table.cursor_row
        self.rows = ws.year_overview(self.department, self.year)
        today = self.app.today
        lines = []
        periods = content.observation_periods() if not self.department.is_pedagogue_meeting else {}
        events = ws.programme_events(self.department, self.year)  # study days, workshops, modules
        for r in self.rows:
            p = r.plan
            if r.held:
                held = t("year.held")
            elif r.running:
                held = t("year.running")
            elif p.meeting_date < today and not (self.department.created and p.meeting_date < self.department.created):
                held = t("year.not_held")  # (a month before the department was made in the app: nothing to say)
            else:
                held = ""
            observing = " " + t("terms.mark") if periods and period_season(p.month, periods) else ""
            dimension = ws.dimensions_text(self.department, p.month)  # a pedagogue meeting: the departments'
            lines.append(([
                cell(f"{t(f'month.{p.month.month}').capitalize()} {p.month.year}{observing}"),
                cell(p.meeting_date.strftime("%d.%m.") + (" *" if p.date_set_by_hand else "")),  # year: in Month
                cell(held, "bold" if r.held else "dim"),
                cell(str(r.stories) if r.stories else ""),
                cell(str(r.goals_tried) if r.goals_tried else ""),
                # the programme's own events that month (study days, workshops, modules) below it
                cell((f"⚠ {dimension}" if p.outside_instrument else dimension)
                     + "".join(f"\n◆ {e.name(lang())}" for e in events.get(p.month, ()))),
            ], str(p.month)))
        fill_table(table, lines, self.size.width or self.app.size.width, wrap="dimension")
        table.move_cursor(row=min(row, len(self.rows) - 1))

    @on(DataTable.RowSelected)
    def action_edit(self) -> None:
        from tettpa_tui.screens.plan_month import edit_month

        plan = self.rows[self.query_one(DataTable).cursor_row].plan
        edit_month(self.app, self.department, plan, lambda _plan: self._draw())


def bar(value: int, top: int, width: int = 12) -> str:
    """A bar of block characters, readable without colour too."""
    if top <= 0:
        return ""
    full = round(width * value / top)
    return "█" * full + "·" * (width - full)


class ParticipationScreen(_YearPage):
    """Over the year, per person: stories handed in and taken up, turns spoken and passed."""

    DEFAULT_CSS = HEAD_CSS.format(name="ParticipationScreen")

    def compose(self) -> ComposeResult:
        yield from self.head("")
        yield DataTable(id="participation", cursor_type="row", zebra_stripes=True)
        yield Static(t("participation.hint"), classes="hint", markup=False)
        yield Footer(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key in ("name", "handed_in", "taken_up", "spoke", "passed"):
            table.add_column(Text(t(f"participation.col_{key}")), key=key)
        self._draw()
        table.focus()

    def _draw(self) -> None:
        self.query_one("#title", Static).update(t("participation.title", year=str(self.year)))
        rows = self.app.workspace.participation(self.department, self.year)
        names = {m.id: m.name for m in self.department.staff}
        tops = {k: max([getattr(r, k) for r in rows] + [0]) for k in ("handed_in", "taken_up", "spoke", "passed")}
        table = self.query_one(DataTable)
        width = self.size.width or self.app.size.width
        name_width = max([len(names.get(r.staff_id, "?")) for r in rows] + [8]) + 2
        bar_width = max(4, min(12, (width - 2 - name_width - 4 * 2) // 4 - 3))  # four bars fit beside the names
        fill_table(table, [([cell(names.get(r.staff_id, "?"))] +
                            [cell(f"{bar(getattr(r, k), tops[k], bar_width)} {getattr(r, k):>2}") for k in tops], None)
                           for r in rows], width)


class KindergartenScreen(_YearPage):
    """For the mentor and the director: every department at a glance, and the pedagogue meeting."""

    DEFAULT_CSS = HEAD_CSS.format(name="KindergartenScreen") + """
    KindergartenScreen #directors { height: auto; padding: 0 1; }
    """
    # [ and ] are said in the hint line (and F1): the key bar keeps room for the rest at 80 columns.
    BINDINGS = [replace(b, show=False) if b.id in ("prev_year", "next_year") else b for b in _YearPage.BINDINGS] + [
        Binding("p", "pedagogue", t("keys.pedagogue"), id="pedagogue", tooltip=t("tips.pedagogue")),
        Binding("c", "cooperation", t("keys.cooperation"), id="cooperation", tooltip=t("cooperation.tip")),
        Binding("s", "certification", t("certification.key"), id="certification", tooltip=t("certification.tip")),
    ]

    def compose(self) -> ComposeResult:
        yield from self.head("")
        yield DataTable(id="overview", cursor_type="row", zebra_stripes=True)
        yield Static(id="directors", markup=False)  # certification due or lapsed; mikroprosjekter
        yield Static(t("kindergarten.hint", meeting=self.app.workspace.pedagogue_name(
            self.department, self.app.today, definite=True)), classes="hint", markup=False)
        yield Footer(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(Text(t("kindergarten.col_department")), key="department")
        table.add_column(Text(t("terms.col_observation")), key="observation")  # early: seen at 80 columns
        for key in ("held", "dimensions", "stories", "followed", "last"):
            table.add_column(Text(t(f"kindergarten.col_{key}")), key=key)
        # The key bar names the pedagogue meeting as it is held now ("Ledermøte" from year 2, the director leading).
        self._bindings.key_to_bindings["p"] = [
            replace(b, description=self.app.workspace.pedagogue_name(self.department, self.app.today))
            if b.id == "pedagogue" else b for b in self._bindings.key_to_bindings.get("p", [])]
        self.refresh_bindings()
        self._draw()
        table.focus()

    def _draw(self) -> None:
        kg = self.department.kindergarten
        self.query_one("#title", Static).update(t("kindergarten.title", kindergarten=kg, year=str(self.year)))
        table = self.query_one(DataTable)
        rows = []
        for r in self.app.workspace.overview(kg, self.year):
            observed = " / ".join(t("terms.done_on", date=d.strftime("%d.%m")) if d else t("terms.not_done")
                                  for d in (r.observed_autumn, r.observed_spring))
            rows.append(([cell(r.name), cell(observed), cell(str(r.meetings_held)), cell(str(r.dimensions_covered)),
                          cell(decimal(r.stories_per_meeting)), cell(str(r.goals_followed_up)),
                          cell(r.last_meeting.strftime("%d.%m") if r.last_meeting else "–")], r.department))
        # Day and month, as in the CLASS column: the title names the kindergarten year.
        fill_table(table, rows, self.size.width or self.app.size.width, wrap="department", minimum=10)
        self.query_one("#directors", Static).update("\n".join(self._director_lines(kg)))

    def _director_lines(self, kg: str) -> list[str]:
        """What the director tracks: certifications due within a month or lapsed (or who is certified)."""
        from tettpa_tui.screens.certification import warning_lines

        ws = self.app.workspace
        lines = warning_lines(ws, kg, self.app.today)
        if not lines:
            names = sorted({c.name for c in ws.certifications(kg)}, key=str.casefold)
            lines = [t("certification.summary", names=", ".join(names)) if names else t("certification.summary_none")]
        n_open, n_closed = ws.microproject_counts(kg)
        return lines + [t("microproject.overview", open=n_open, closed=n_closed)]

    def on_screen_resume(self) -> None:
        self._draw()  # back from the certifications: their warnings may have changed

    def action_certification(self) -> None:
        """The kindergarten's CLASS certifications: who may observe, and when to renew."""
        from tettpa_tui.screens.certification import CertificationScreen

        self.app.push_screen(CertificationScreen(self.department))

    def action_cooperation(self) -> None:
        """The director and the mentor's samarbeidsmøter (the programme's first year)."""
        from tettpa_tui.screens.cooperation import CooperationScreen

        self.app.push_screen(CooperationScreen(self.department))

    def action_pedagogue(self) -> None:
        """Open the kindergarten's pedagogue meeting as its own page, leaders up to date."""
        ped = self.app.attempt(lambda: self.app.workspace.pedagogue_department(
            self.department.kindergarten, t("pedagogue.name"), self.app.today))
        if ped is not None:
            self.app.came_from = self.department  # Esc on the pedagogue meeting's page goes back here
            self.app.open_department(ped)
