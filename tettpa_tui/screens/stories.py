"""The stories of a meeting, for the pedagogical leader (reading one story: story_reader.py)."""

from __future__ import annotations

import textwrap

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from tettpa_tui.domain.calendar import HAND_IN_DAYS_MAX, YearMonth, handed_in_late
from tettpa_tui.domain.records import Department, StaffMember
from tettpa_tui.domain.stories import Story, StoryStatus, overview_counts, overview_rows
from tettpa_tui.i18n import long_date, t
from tettpa_tui.i18n import language as lang
from tettpa_tui.screens.story_reader import StoryReadScreen, visible
from tettpa_tui.widgets.dialogs import ChoiceDialog
from tettpa_tui.widgets.fit import fill_table
from tettpa_tui.widgets.literal import cell

DIM_WIDTH = 16  # the "≠ dimension" column: a long name wraps, so the table fits 80 columns


class StoriesOverviewScreen(Screen):
    """Who has handed in for a meeting, who has a draft, who has nothing."""

    DEFAULT_CSS = """
    StoriesOverviewScreen #head { height: auto; background: $primary; color: $text; padding: 0 1; }
    StoriesOverviewScreen #title { text-style: bold; }
    StoriesOverviewScreen #summary { padding: 0 1; margin: 1 0; text-style: bold; }
    StoriesOverviewScreen #stories { height: 1fr; }
    StoriesOverviewScreen #hint { color: $text-muted; padding: 0 1; }
    """
    BINDINGS = [
        Binding("enter", "read", t("keys.read"), id="read", tooltip=t("tips.read")),
        Binding("p", "paper", t("keys.paper"), id="paper", tooltip=t("tips.paper")),
        Binding("l", "hand_in_days", t("overview.hand_in_days_key"), id="hand_in_days",
                tooltip=t("overview.hand_in_days_tip")),
        # Not in the key bar (it is full at 80 columns): the summary says it where it applies.
        Binding("n", "hand_in_next", t("overview.next_key"), id="hand_in_next", tooltip=t("overview.next_tip"),
                show=False),
        Binding("left_square_bracket", "month(-1)", t("keys.prev_month"), id="prev_month",
                tooltip=t("tips.prev_month")),
        Binding("right_square_bracket", "month(1)", t("keys.next_month"), id="next_month",
                tooltip=t("tips.next_month")),
        Binding("escape", "back", t("keys.back"), id="back", tooltip=t("tips.back_page")),
    ]

    def __init__(self, department: Department, month: YearMonth) -> None:
        super().__init__()
        self.department = department
        self.month = month
        self._rows: dict[str, Story | StaffMember] = {}
        self._left_over: set[str] = set()  # ids of the stories no meeting took up

    def compose(self) -> ComposeResult:
        with Vertical(id="head"):
            yield Static(id="title", markup=False)
        yield Static(id="summary", markup=False)
        yield DataTable(id="stories", cursor_type="row", zebra_stripes=True)
        yield Static(t("overview.hint"), id="hint", markup=False)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key in ("name", "status", "words", "dimension", "first_words"):
            table.add_column(Text(t(f"overview.col_{key}")), key=key)
        self.refresh_rows()
        table.focus()

    def on_screen_resume(self) -> None:
        self.refresh_rows()

    def on_resize(self) -> None:
        if self.is_mounted:
            self.refresh_rows()  # the table fits the new width

    def refresh_rows(self) -> None:
        ws = self.app.workspace
        self.department = self.app.store.department(self.department.path)
        plan = ws.wheel(self.department, self.month.kindergarten_year).month(self.month)
        staff_ids = [m.id for m in ws.story_writers(self.department, self.month)]
        rows = overview_rows(staff_ids, self.app.store.stories(self.department, self.month), self.month)
        n = overview_counts(rows, len(staff_ids))
        self.query_one("#title", Static).update(
            t("overview.title", date=long_date(plan.meeting_date),
              dimension=ws.dimensions_text(self.department, self.month)))
        due = ws.hand_in_by(self.department, plan)
        extra = t("overview.summary_stories", stories=n.stories_handed_in) \
            if n.stories_handed_in != n.people_handed_in else ""
        left_over = ws.stories_not_taken_up(self.department, self.app.today)
        self._left_over = {s.id for s in left_over}
        earlier = sum(1 for s in left_over if s.month < self.month)
        here = sum(1 for s in left_over if s.month == self.month)
        self.query_one("#summary", Static).update(
            t("overview.hand_in_by", date=long_date(due), days=(plan.meeting_date - due).days) + "\n"
            + t("overview.summary", done=n.people_handed_in, total=n.staff, extra=extra, drafts=n.drafts,
                nothing=n.nothing)
            + ("\n" + t("overview.left_over", count=earlier) if earlier else "")
            + ("\n" + t("overview.left_over_here") if here else ""))
        table = self.query_one(DataTable)
        self._rows = {}
        lines = []
        names = {m.id: m for m in self.department.staff}
        # The month's dimension (a pedagogue meeting: each department's, in the title too).
        planned = {plan.dimension_id}
        if self.department.is_pedagogue_meeting:
            planned |= {dim.id for dim, _ in ws.departments_next(self.department, self.month)}
        for row in rows:
            item = row.story if row.story is not None else names[row.staff_id]
            key = row.story.id if row.story is not None else f"none-{row.staff_id}"
            self._rows[key] = item
            if isinstance(item, StaffMember):
                lines.append(([cell(item.name), cell(t("overview.nothing"), "dim"), cell(""), cell(""), cell("")], key))
                continue
            member = names.get(item.author_id)
            state = t(f"story_status.{item.status.value}")
            if item.status is StoryStatus.SUBMITTED and item.submitted_at:
                state = t("overview.submitted_at", when=item.submitted_at.strftime("%d.%m %H:%M"))
            if item.entered_by:
                state += " " + t("overview.paper_mark")
            # Each mark on its own line of the cell, so the table fits 80 columns (the marks'
            # texts begin "· " where other pages run them on in one line).
            marks = []
            if item.revised_at and item.status is not StoryStatus.DRAFT:
                marks.append(t("overview.revised_mark", when=item.revised_at.strftime("%d.%m %H:%M")))
            if item.status is not StoryStatus.DRAFT and item.submitted_at and \
                    handed_in_late(item.submitted_at.date(), due):  # marked, not refused
                marks.append(t("overview.late_mark"))
            if item.id in self._left_over:
                marks.append(t("overview.not_taken_up_mark"))
            state = "\n".join([state, *(m.removeprefix("· ") for m in marks)])
            style = "" if item.status is not StoryStatus.DRAFT else "italic"
            # The month's dimension is in the title; a story's own choice is named.
            dim = "" if item.dimension_id in planned else textwrap.fill(  # a long name on two or three lines
                "≠ " + ws.framework_for(self.department).dimension(item.dimension_id).name(lang()), DIM_WIDTH)
            preview = visible(item.text) if item.status is not StoryStatus.DRAFT else t("overview.draft_private")
            if item.erased_on:
                preview = t("retention.text_erased", date=long_date(item.erased_on))
            lines.append(([cell(member.name if member else "?"), cell(state, style), cell(str(item.words)),
                           cell(dim), cell(preview[:200], "dim")], key))
        fill_table(table, lines, self.size.width or self.app.size.width, wrap="first_words", cut=True)

    def _selected(self) -> Story | StaffMember | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self._rows.get(key or "")

    @on(DataTable.RowSelected)
    def _row_chosen(self) -> None:
        self.action_read()

    def action_read(self) -> None:
        item = self._selected()
        if isinstance(item, Story):
            if item.status is StoryStatus.DRAFT:
                self.notify(t("overview.draft_not_readable"), markup=False)
                return
            self.app.push_screen(StoryReadScreen(self.department, item))
        elif isinstance(item, StaffMember):
            self.notify(t("overview.nothing_yet", name=item.name), markup=False)

    def action_hand_in_next(self) -> None:
        """The chosen story, which its meeting did not take up, handed in for the next meeting
        (asked first: it says where it goes and that it keeps its dimension)."""
        from tettpa_tui.widgets.dialogs import ConfirmDialog

        item = self._selected()
        if not isinstance(item, Story) or item.id not in self._left_over:
            self.notify(t("overview.next_not"), severity="warning", markup=False)
            return
        ws = self.app.workspace
        fw = ws.framework_for(self.department)
        nxt = ws.writing_meeting(self.department, self.app.today)
        author = next((m.name for m in self.department.staff if m.id == item.author_id), "?")
        question = t("overview.next_confirm", author=author, date=long_date(nxt.meeting_date),
                     dimension=fw.dimension(item.dimension_id).name(lang()),
                     next_dimension=fw.dimension(nxt.dimension_id).name(lang()))

        def done(yes: bool | None) -> None:
            if not yes:
                return
            out = self.app.attempt(lambda: ws.hand_in_for_next(self.department, item, self.app.now()))
            if out is not None:
                self.notify(t("overview.next_done", date=long_date(out[1].meeting_date)), markup=False)
                self.refresh_rows()

        self.app.push_screen(ConfirmDialog(question), done)

    def action_hand_in_days(self) -> None:
        """How many days before each meeting the stories are handed in (the department's choice)."""
        from tettpa_tui.widgets.dialogs import TextPrompt

        def chosen(value: str | None) -> None:
            if value is None:
                return
            try:
                days = int(value.strip())
            except ValueError:
                self.notify(t("error.hand_in_days", max=HAND_IN_DAYS_MAX), severity="warning", markup=False)
                return
            dept = self.app.attempt(lambda: self.app.workspace.set_hand_in_days(self.department, days))
            if dept is not None:
                self.department = dept
                self.notify(t("overview.hand_in_days_set", days=days), markup=False)
                self.refresh_rows()

        self.app.push_screen(TextPrompt(t("overview.hand_in_days_question", max=HAND_IN_DAYS_MAX),
                                        value=str(self.department.hand_in_days)), chosen)

    def action_month(self, step: int) -> None:
        """The month before or after (July, the holiday, is skipped)."""
        self.month = self.month.step(step)
        self.refresh_rows()

    def action_paper(self) -> None:
        """Type in a story handed in on paper, in the writer's name."""
        leaders = list(self.department.leaders)
        staff = list(self.department.active_staff)
        options = [(f"{m.name} ({t(f'role.{m.role.value}')})", m.id) for m in staff]

        def with_leader(leader: StaffMember) -> None:
            def chosen(author_id: str | None) -> None:
                if author_id is None:
                    return
                author = self.department.member(author_id)
                story = self.app.attempt(lambda: self.app.workspace.start_story(
                    self.department, author, self.app.now(), month=self.month, entered_by=leader))
                if story is not None:
                    from tettpa_tui.screens.writer import StoryWriterScreen

                    self.app.push_screen(StoryWriterScreen(self.department, author, story, entered_by=leader))

            self.app.push_screen(ChoiceDialog(t("overview.paper_who"), options), chosen)

        if len(leaders) == 1:
            with_leader(leaders[0])
        elif not leaders:
            self.notify(t("overview.no_leader"), severity="warning", markup=False)
        else:
            def leader_chosen(leader_id: str | None) -> None:
                if leader_id is not None:
                    with_leader(self.department.member(leader_id))

            self.app.push_screen(
                ChoiceDialog(t("overview.paper_leader"), [(m.name, m.id) for m in leaders]), leader_chosen)

    def action_back(self) -> None:
        self.dismiss()


__all__ = ["StoriesOverviewScreen", "StoryReadScreen", "visible"]
