"""Skriv praksisfortelling: write, check and hand in a story before the meeting.

The draft is saved as the writer types (half a second after the last key,
and never later than a second after the first key not yet saved, however
steadily one types; always before leaving the screen or the app), so a closed
terminal loses at most the last second.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.content import Content
from textual.widgets import Footer, Static, TextArea

from tettpa_tui.widgets import autosave
from tettpa_tui.widgets.autosave import Autosave
from tettpa_tui.domain.calendar import MonthPlan
from tettpa_tui.domain.records import Department, StaffMember
from tettpa_tui.domain.stories import Story, StoryStatus, is_blank, word_count
from tettpa_tui.domain.storycheck import replace_name
from tettpa_tui.i18n import long_date, t
from tettpa_tui.i18n import language as lang
from tettpa_tui.widgets.check_dialog import CheckDialog, CheckResult
from tettpa_tui.widgets.dialogs import ChoiceDialog, ConfirmDialog
from tettpa_tui.widgets.literal import literal
from tettpa_tui.widgets.story_editor import StoryEditor


def _read_check_lists() -> None:
    from tettpa_tui import content

    content.privacy_rules()


class StoryWriterScreen(Screen):
    CSS_PATH = "writer.tcss"
    AUTOSAVE_SECONDS = 1.0  # what is typed is on disk at most this long after the first key not yet saved
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        Binding("ctrl+l", "hand_in", t("keys.hand_in"), id="hand_in", tooltip=t("tips.hand_in")),
        # The same key, for a handed-in story its meeting did not take up (only one of the two is allowed).
        Binding("ctrl+l", "hand_in_next", t("keys.hand_in_next"), id="hand_in_next", tooltip=t("tips.hand_in_next")),
        Binding("ctrl+s", "save", t("keys.save"), id="save", tooltip=t("tips.save")),
        Binding("ctrl+r,f2", "check", t("keys.check"), id="check", tooltip=t("tips.check")),
        Binding("ctrl+t", "withdraw", t("keys.withdraw"), id="withdraw", tooltip=t("tips.withdraw")),
        # Before the editor (whose Ctrl+E is the end of the line): only while the story is handed in.
        Binding("ctrl+e", "change_handed_in", t("keys.change_handed_in"), id="change_handed_in",
                tooltip=t("tips.change_handed_in"), priority=True),
        Binding("ctrl+b,f3", "dimension", t("keys.dimension"), id="dimension", show=False,
                tooltip=t("tips.dimension")),
        Binding("ctrl+o,f4", "own_stories", t("keys.own_stories"), id="own_stories", show=False,
                tooltip=t("tips.own_stories")),
        Binding("ctrl+n", "new_story", t("keys.new_story"), id="new_story", show=False,
                tooltip=t("tips.new_story")),
        Binding("ctrl+g", "toggle_guide", t("keys.guide"), id="guide", show=False,
                tooltip=t("tips.guide")),
        Binding("ctrl+f", "more", t("keys.more"), id="more", tooltip=t("tips.more_writer")),
        Binding("escape", "back", t("keys.back"), id="back", tooltip=t("tips.back_writer"), priority=True),
    ]

    def __init__(self, department: Department, author: StaffMember, story: Story,
                 entered_by: StaffMember | None = None) -> None:
        super().__init__()
        self.department = department
        self.author = author
        self.story = story
        self.entered_by = entered_by
        self._dirty = False
        self._text = story.text  # what is typed now, kept here so a save never needs the DOM
        self._autosave = Autosave(self.flush, autosave.clock_for(self), max_wait=self.AUTOSAVE_SECONDS)
        self._save_error: str | None = None
        self._keys_for: StoryStatus | None = None
        # A handed-in story is read only until the writer chooses to change it (Ctrl+E, confirmed):
        # then its saves change it, and the leader sees that it changed after it was handed in.
        self._changing = False
        self._left_over: tuple[str, str, bool] | None = None  # (story id, month, not taken up), as last found

    # -- layout --------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="head"):
            yield Static(id="who", markup=False)
            yield Static(id="meeting", markup=False)
        with Horizontal(id="body"):
            with VerticalScroll(id="guide"):
                yield Static(id="guide-text", markup=False)
            with Vertical(id="writing"):
                yield StoryEditor(self.story.text, read_only=self._read_only(), id="editor")
                yield Static(id="status", markup=False)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#guide").border_title = literal(t("writer.guide_title"))
        self._draw_head()
        self._draw_status()
        editor = self.query_one(StoryEditor)
        editor.focus()
        editor.move_cursor(editor.document.end)
        # The name check's word lists (about 100,000 words) are read now, not on the first F2.
        self.run_worker(_read_check_lists, thread=True, exit_on_error=False, group="check-lists")

    def _read_only(self) -> bool:
        return self.story.locked or (self.story.status is StoryStatus.SUBMITTED and not self._changing)

    @property
    def plan(self) -> MonthPlan:
        ws = self.app.workspace
        return ws.wheel(self.department, self.story.month.kindergarten_year).month(self.story.month)

    def _draw_head(self) -> None:
        ws = self.app.workspace
        if self.entered_by is not None:
            who = t("writer.who_paper", author=self.author.name, leader=self.entered_by.name)
        else:
            who = t("writer.who", author=self.author.name)
        self.query_one("#who", Static).update(literal(who))
        plan = self.plan
        # A leader's story in the pedagogue meeting: in the words of her own department's instrument.
        dim = ws.framework_for(ws.own_department(self.department, self.author) or self.department
                               ).dimension(self.story.dimension_id)
        text = t("writer.meeting", date=long_date(plan.meeting_date), dimension=dim.name(lang()))
        if self.story.dimension_id == ws.own_dimension(self.department, self.author, plan.month):
            text += "  " + t("writer.department_dimension")  # a leader's story in the pedagogue meeting
        elif self.story.dimension_id != plan.dimension_id:
            text += "  " + t("writer.own_dimension", planned=ws.dimensions_text(self.department, plan.month))
        text += "\n" + t("writer.hand_in_by", date=long_date(ws.hand_in_by(self.department, plan)))
        self.query_one("#meeting", Static).update(text)
        questions = "\n".join(f"• {q}" for q in dim.questions[lang()])
        # Plain styled text, not Markdown: the writer opens quicker (in a browser tab too).
        self.query_one("#guide-text", Static).update(Content.assemble(
            dim.descriptions[lang()], "\n\n", (t("writer.questions"), "bold"), "\n", questions, "\n\n",
            (t("writer.privacy_hint"), "italic")))

    def _draw_status(self) -> None:
        s = self.story
        words = word_count(self._text)
        if s.status is StoryStatus.USED:
            state = t("writer.state_used")
        elif s.status is StoryStatus.SUBMITTED and self._not_taken_up():
            state = t("writer.state_not_taken_up")
        elif s.status is StoryStatus.SUBMITTED:
            state = t("writer.state_submitted", when=s.submitted_at.strftime("%d.%m %H:%M") if s.submitted_at else "")
        else:
            state = t("writer.state_draft")
        if self._save_error:
            saved = t("writer.not_saved")
        elif self._dirty:
            saved = t("writer.saving")
        else:
            saved = t("writer.saved", when=s.updated_at.strftime("%H:%M:%S"))
        status = self.query_one("#status", Static)
        # One line of fixed size: no new layout for it on each key.
        status.update(t("writer.status", state=state, words=words, saved=saved), layout=False)
        status.set_class(bool(self._save_error), "-error")
        status.set_class(s.status is StoryStatus.SUBMITTED, "-submitted")
        if s.status is not self._keys_for:  # the key bar is rebuilt only when what is allowed changes
            self._keys_for = s.status
            if s.status is not StoryStatus.SUBMITTED:
                self._changing = False
            elif not self._changing and not self._not_taken_up():  # (that one's status line says its key)
                self.notify(t("writer.handed_in_read_only"), markup=False)
            self.query_one(StoryEditor).read_only = self._read_only()
            self.refresh_bindings()

    # -- saving ------------------------------------------------------------------

    @on(TextArea.Changed, "#editor")
    def _changed(self) -> None:
        if self.story.locked:
            return
        self._text = self.query_one(StoryEditor).text
        self._dirty = True
        self._draw_status()
        self._autosave.changed()  # half a second after the last key, a second after the first unsaved one

    def flush(self) -> bool:
        """Write what is typed now; True when it is on disk."""
        self._autosave.cancel()
        if not self._dirty or self.story.locked:
            return not self._dirty
        text = self._text
        was_submitted = self.story.status is StoryStatus.SUBMITTED
        out, error = self.app.try_call(
            lambda: self.app.workspace.save_text(self.department, self.story, text, self.app.now(),
                                                 change_handed_in=self._changing)
        )
        if error is not None:
            self._save_error = error
            self.notify(error, severity="error", markup=False, timeout=12)
        else:
            self.story, self._dirty, self._save_error = out, False, None
            if was_submitted and self.story.status is StoryStatus.DRAFT:
                self.notify(t("writer.emptied"), severity="warning", markup=False)
        if self.query("#status"):  # not while the app is closing down
            self._draw_status()
        return error is None

    def on_unmount(self) -> None:
        self.flush()

    # -- actions -------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        status = self.story.status
        if action == "withdraw":
            return status is StoryStatus.SUBMITTED
        if action == "change_handed_in":  # a story its meeting did not take up: handed in anew first
            return status is StoryStatus.SUBMITTED and not self._changing and not self._not_taken_up()
        if action == "hand_in":
            return status is StoryStatus.DRAFT
        if action == "hand_in_next":
            return self._not_taken_up()
        if action == "save":  # nothing to save while a handed-in story is read only
            return not self._read_only()
        if action in ("check", "dimension"):
            return status is not StoryStatus.USED
        return True

    def _not_taken_up(self) -> bool:
        """Whether this story was handed in for a meeting that is over without taking it up
        (looked up once per story and month: the status line is drawn on every key)."""
        s = self.story
        if s.status is not StoryStatus.SUBMITTED:
            return False
        if self._left_over is None or self._left_over[:2] != (s.id, str(s.month)):
            self._left_over = (s.id, str(s.month), self.app.workspace.not_taken_up(self.department, s, self.app.today))
        return self._left_over[2]

    def action_hand_in_next(self) -> None:
        """Hand in the story its meeting did not take up for the next meeting (asked first)."""
        ws = self.app.workspace
        if not self.flush() or not self._not_taken_up():
            return
        nxt = ws.writing_meeting(self.department, self.app.today)
        dim = ws.framework_for(ws.own_department(self.department, self.author) or self.department
                               ).dimension(self.story.dimension_id)

        def done(yes: bool | None) -> None:
            if not yes:
                return
            out = self.app.attempt(lambda: ws.hand_in_for_next(self.department, self.story, self.app.now()))
            if out is not None:
                self.story = out[0]
                self._draw_head()
                self._draw_status()
                self.refresh_bindings()
                self.notify(t("overview.next_done", date=long_date(out[1].meeting_date)), markup=False)

        self.app.push_screen(ConfirmDialog(t("writer.confirm_next", date=long_date(nxt.meeting_date),
                                             dimension=dim.name(lang()))), done)

    def action_save(self) -> None:
        self._dirty = True
        if self.flush():
            self.notify(t("writer.saved_now"), markup=False)

    def action_more(self) -> None:
        from tettpa_tui.screens.help import choose_action

        choose_action(self, t("meeting.more_title"))

    def action_back(self) -> None:
        if self.flush():
            self.dismiss()

    def action_toggle_guide(self) -> None:
        guide = self.query_one("#guide")
        guide.display = not guide.display

    def action_check(self) -> None:
        self._run_checks(for_hand_in=False)

    def action_hand_in(self) -> None:
        if self.story.locked:
            return
        if not self.flush():
            return
        if is_blank(self.story.text):
            self.notify(t("error.story_empty"), severity="warning", markup=False)
            return
        self._run_checks(for_hand_in=True)

    def _run_checks(self, for_hand_in: bool, replaced: bool = False) -> None:
        self.flush()
        findings = self.app.workspace.check(self.department, self._text, self.author.id)
        if not findings:
            if replaced:
                # The text was changed by a replacement: the writer reads it once
                # more before it goes to the meeting (never handed in unseen).
                editor = self.query_one(StoryEditor)
                editor.move_cursor((0, 0))
                editor.scroll_home(animate=False)
                editor.focus()
                self.notify(t("writer.review.read_again" if for_hand_in else "writer.check_clean"),
                            timeout=10, markup=False)
            elif for_hand_in:
                self._hand_in()
            else:
                self.notify(t("writer.check_clean"), markup=False)
            return

        def done(result: CheckResult | None) -> None:
            if result is None:
                return
            if result.action == "submit":
                self._hand_in()
            elif result.action == "replace" and result.finding is not None:
                editor = self.query_one(StoryEditor)
                with editor.prevent(TextArea.Changed):
                    editor.text = replace_name(editor.text, result.finding.text, result.replacement,
                                               self.app.workspace.check_rules(self.department))
                self._text = editor.text
                self._dirty = True
                self.flush()
                self.notify(t("writer.replaced", name=result.finding.text, word=result.replacement),
                            markup=False)
                self._run_checks(for_hand_in, replaced=True)
            elif result.action == "fix" and result.finding is not None:
                self.query_one(StoryEditor).select_span(result.finding.start, result.finding.end)
            else:
                self.query_one(StoryEditor).focus()

        self.app.push_screen(CheckDialog(findings, can_submit=for_hand_in, text=self._text), done)

    def _hand_in(self) -> None:
        out, error = self.app.try_call(
            lambda: self.app.workspace.hand_in(self.department, self.story, self.app.now())
        )
        if error is not None:
            self.notify(error, severity="error", markup=False, timeout=12)
            return
        self.story = out
        self._draw_status()
        self.notify(t("writer.handed_in"), markup=False)

    def action_change_handed_in(self) -> None:
        """Change the handed-in story in place: a step of its own, which says what it does."""
        def done(yes: bool | None) -> None:
            if not yes or self.story.status is not StoryStatus.SUBMITTED:
                return
            self._changing = True
            self._keys_for = None
            editor = self.query_one(StoryEditor)
            editor.read_only = False
            editor.focus()
            self.refresh_bindings()
            self.notify(t("writer.changing_handed_in"), markup=False)

        self.app.push_screen(ConfirmDialog(t("writer.confirm_change_handed_in")), done)

    def action_withdraw(self) -> None:
        def done(yes: bool | None) -> None:
            if not yes:
                return
            self.flush()
            out = self.app.attempt(
                lambda: self.app.workspace.withdraw(self.department, self.story, self.app.now())
            )
            if out is not None:
                self.story = out
                self._draw_status()
                self.notify(t("writer.withdrawn"), markup=False)

        self.app.push_screen(ConfirmDialog(t("writer.confirm_withdraw")), done)

    def action_dimension(self) -> None:
        fw = self.app.workspace.framework_for(self.department)
        options = [(d.name(lang()), d.id) for d in fw.choices(self.story.dimension_id)]

        def done(choice: str | None) -> None:
            if choice is None or choice == self.story.dimension_id:
                return
            self.flush()
            out = self.app.attempt(lambda: self.app.workspace.set_story_dimension(
                self.department, self.story, choice, self.app.now()))
            if out is not None:
                self.story = out
                self._draw_head()
                self._draw_status()

        self.app.push_screen(ChoiceDialog(t("writer.choose_dimension"), options, self.story.dimension_id), done)

    def action_own_stories(self) -> None:
        self.flush()
        ws = self.app.workspace
        own = ws.own_stories(self.department, self.author)
        if not own:
            self.notify(t("writer.no_own_stories"), markup=False)
            return
        left_over = {s.id for s in ws.stories_not_taken_up(self.department, self.app.today)}
        options = [
            (t("writer.own_line", month=f"{t(f'month.{s.month.month}')} {s.month.year}",
               dimension=ws.framework_for(self.department).dimension(s.dimension_id).name(lang()),
               status=t(f"story_status.{s.status.value}")
               + (" " + t("overview.not_taken_up_mark") if s.id in left_over else ""),
               title=s.title or t("writer.untitled")), s.id)
            for s in own
        ]

        def done(choice: str | None) -> None:
            if choice is None or choice == self.story.id:
                return
            self._open_other(next(s for s in own if s.id == choice))

        self.app.push_screen(ChoiceDialog(t("writer.own_title", author=self.author.name), options, self.story.id),
                             done)

    def _open_other(self, story: Story) -> None:
        from tettpa_tui.screens.story_reader import StoryReadScreen

        if story.locked:
            self.app.push_screen(StoryReadScreen(self.department, story))
            return
        self.story = story
        self._changing = False
        self._keys_for = None  # what is allowed (and whether the text is read only) is set anew
        editor = self.query_one(StoryEditor)
        with editor.prevent(TextArea.Changed):
            editor.load_text(story.text)
        self._text = story.text
        self._dirty = False
        self._draw_head()
        self._draw_status()

    def action_new_story(self) -> None:
        if not self.flush():
            return
        out = self.app.attempt(lambda: self.app.workspace.start_story(
            self.department, self.author, self.app.now(), month=self.story.month,
            entered_by=self.entered_by))
        if out is not None:
            self._open_other(out)
            self.notify(t("writer.new_started"), markup=False)
