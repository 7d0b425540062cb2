"""The department meeting: opening, each story through the method, closing.

Every action becomes events written at once (Workspace.act); the screen only
shows the state that the events give and offers the actions the method allows.
The actions that ask in a dialog first, and the story picker, are in
meeting_dialogs.py.
"""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import (
    Digits,
    Footer,
    Markdown,
    OptionList,
    Static,
    TextArea,
)
from textual.widgets.option_list import Option

from tettpa_tui.widgets.fields import Input
from tettpa_tui.domain import meeting as mt
from tettpa_tui.domain.meeting import MeetingState, Outcome, Stage
from tettpa_tui.domain.records import Department
from tettpa_tui.domain.stories import Story
from tettpa_tui.services.minutes import parked_origin, parked_target
from tettpa_tui.i18n import counted, long_date, name_list, t
from tettpa_tui.i18n import language as lang
from tettpa_tui.screens.meeting_dialogs import MeetingDialogs
from tettpa_tui.widgets.dialogs import ChoiceDialog, ConfirmDialog, TextPrompt
from tettpa_tui.widgets.literal import literal, md_escape
from tettpa_tui.widgets import autosave
from tettpa_tui.widgets.autosave import Autosave
from tettpa_tui.widgets.story_editor import StoryEditor
from tettpa_tui.widgets.writing_area import WritingArea
from tettpa_tui.widgets.turn_board import TurnBoard


def clock(seconds: float) -> str:
    sign = "-" if seconds < 0 else ""
    seconds = abs(int(seconds))
    return f"{sign}{seconds // 60:d}:{seconds % 60:02d}"


def where_it_stands(state: MeetingState, method, names: dict[str, str]) -> str:
    """Where a meeting left running stood: story and teller, phase, round, who had the word."""
    def name(person: str | None) -> str:
        return names.get(person or "", "?")

    if state.stage is Stage.OPENING:
        return t("meeting.resume_info.opening")
    if state.stage is Stage.CLOSING:
        if state.next_speaker:
            return t("meeting.resume_info.closing", speaker=name(state.next_speaker))
        return t("meeting.resume_info.closing_done")
    spec = method.phase(state.phase)
    fields = dict(n=state.story + 1, total=len(state.stories), teller=name(state.teller),
                  phase_n=method.index(state.phase) + 1, phases=len(method.phases),
                  phase=spec.text("name", lang()), round=state.round, rounds=state.rounds)
    if not spec.team_turns:
        return t("meeting.resume_info.story_teller", **fields)
    if state.next_speaker:
        return t("meeting.resume_info.story_round", speaker=name(state.next_speaker), **fields)
    return t("meeting.resume_info.story_round_done", **fields)


class MeetingScreen(MeetingDialogs, Screen):
    CSS_PATH = "meeting.tcss"
    SAVE_SECONDS = 1.0  # what is typed is on disk at most this long after the first key not yet saved
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]  # 80×24: the note field and its hint stay in view
    BINDINGS = [
        # Each action has a Ctrl key (laptops often give F-keys only with Fn); the F-key stays.
        Binding("ctrl+o,f5", "turn('passed')", t("keys.pass"), id="pass", tooltip=t("tips.pass")),
        Binding("ctrl+b,f6", "skip", t("keys.skip"), id="skip", tooltip=t("tips.skip")),
        Binding("ctrl+r,f7", "undo", t("keys.undo"), id="undo", tooltip=t("tips.undo")),
        Binding("ctrl+l,f8", "add_round", t("keys.add_round"), id="add_round", show=False, tooltip=t("tips.add_round")),
        Binding("ctrl+n,f9", "next", t("keys.next_phase"), id="next_phase", tooltip=t("tips.next_phase")),
        Binding("ctrl+f", "more", t("keys.more"), id="more", tooltip=t("tips.more")),
        # Ctrl+Y: free in Input; priority so a focused TextArea (redo) does not take it while parking is allowed.
        Binding("ctrl+y", "park", t("meeting.parked.key"), id="park", tooltip=t("meeting.parked.tip"),
                priority=True),
        Binding("f2", "parked", t("meeting.parked.list_key"), id="parked", show=False,
                tooltip=t("meeting.parked.list_tip")),
        Binding("f10", "order", t("keys.order"), id="order", show=False, tooltip=t("tips.order")),
        Binding("ctrl+g,f4", "toggle_cues", t("keys.cues"), id="cues", show=False, tooltip=t("tips.cues")),
        Binding("ctrl+s,f3", "projector", t("keys.projector"), id="projector", show=False, tooltip=t("tips.projector")),
        Binding("f2,enter", "followup", t("keys.followup"), id="followup", show=False, tooltip=t("tips.followup")),
        Binding("f11", "modelling", t("keys.modelling"), id="modelling", show=False, tooltip=t("tips.modelling")),
        Binding("ctrl+t,f12", "time_out", t("keys.time_out"), id="time_out", tooltip=t("tips.time_out")),
        Binding("r", "correct", t("keys.correct"), id="correct", tooltip=t("tips.correct")),
        Binding("escape", "leave", t("keys.back"), id="leave", show=False, tooltip=t("tips.leave_meeting")),
        Binding("ctrl+delete", "discard", t("meeting.discard.key"), id="discard", show=False,
                tooltip=t("meeting.discard.tip")),
    ]

    def __init__(self, department: Department, state: MeetingState) -> None:
        super().__init__()
        self.department = department
        self.state = state
        self.names = {m.id: m.name for m in department.staff}
        self._stories: dict[str, Story] = {}
        self._goals: list = []
        self._summary_text: str | None = None
        self._summary_save = Autosave(self.save_summary, autosave.clock_for(self), max_wait=self.SAVE_SECONDS)
        self._response_save = Autosave(self.save_response, autosave.clock_for(self), max_wait=self.SAVE_SECONDS)
        self._note_text: str | None = None  # typed in the turn's note, not yet on disk
        self._note_save = Autosave(self.save_note, autosave.clock_for(self), max_wait=self.SAVE_SECONDS)
        self._response_shown: tuple[int, str] | None = None  # (story, phase) whose response the fields hold
        self._response_text: tuple[int, str, str, str] | None = None  # typed, not yet recorded
        self._allowed: tuple = ()
        self.modelling = department.is_pedagogue_meeting  # the why of each move, for mentors
        self._discarded = False

    # -- layout -------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="head"):
            yield Static(id="title", markup=False)
            yield Static(id="progress", markup=False)
        with Horizontal(id="body"):
            with Vertical(id="left"):
                with Vertical(id="parked-box"):
                    yield Static(id="parked-title", classes="section", markup=False)
                    yield OptionList(id="parked")
                    yield Static(t("meeting.parked.panel_hint"), id="parked-hint", markup=False)
                with VerticalScroll(id="opening"):
                    yield Static(t("meeting.followup_title"), classes="section", markup=False)
                    yield OptionList(id="goals")
                    yield Static(id="no-goals", markup=False)
                    yield Markdown(id="dimension-text")
                yield StoryEditor(read_only=True, id="story")
                # The closing presents the next meeting's dimension: the stories for it are written about it.
                with VerticalScroll(id="next-box"):
                    yield Markdown(id="next-text")
                with Vertical(id="closing-box"):
                    yield Static(t("meeting.summary_label"), classes="section", markup=False)
                    yield WritingArea(id="summary")
                yield Static(id="finished", markup=False)
            with Vertical(id="right"):
                yield Static(id="phase", markup=False)
                yield Static(id="rule", markup=False)
                with Horizontal(id="clock-row"):
                    yield Static(id="round", markup=False)
                    yield Static(id="timer", markup=False)
                yield Digits("", id="big-timer")
                yield Static(id="big-turn", markup=False)
                yield TurnBoard(id="board")
                yield Input(placeholder=t("meeting.note_placeholder"), id="note", max_length=2000)
                yield Static(t("meeting.note_hint"), id="note-hint", markup=False)
                with Vertical(id="response-box"):
                    # Multi-line and wrapped: the whole text shows as it is written, also at 80 columns.
                    yield WritingArea(placeholder=t("meeting.useful_placeholder"), id="useful", max_length=2000)
                    yield WritingArea(placeholder=t("meeting.goal_placeholder"), id="goal", max_length=2000)
                with VerticalScroll(id="cues"):
                    yield Markdown(id="cue-text")
        yield Footer(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        self.set_interval(1.0, self._tick)
        self.set_interval(mt.ALIVE_SECONDS, self._mark_alive)
        # Back after a closed terminal: that time is a pause (not so after a look at
        # another screen of the same running app: the meeting went on in the room).
        left_here = self.state.meeting.id in getattr(self.app, "meetings_left_open", ())
        resumed = [] if left_here else mt.resume(self.state, self.app.now())
        if resumed:
            state = self.app.attempt(lambda: self.app.workspace.act(self.department, self.state, resumed))
            if state is not None:
                self.state = state
        self.redraw()
        note = self.query_one("#note", Input)
        if self.state.meeting.note_draft and note.display and not note.value:
            with note.prevent(Input.Changed):  # the note being typed when the terminal closed
                note.value = self.state.meeting.note_draft

    def _mark_alive(self) -> None:
        """Note on disk that the meeting is open, so the time it is not is left off its clocks."""
        if self.state.stage in (Stage.STORY, Stage.CLOSING):
            self.app.attempt(lambda: self.app.store.mark_alive(self.department, self.state.meeting,
                                                               self.app.now()))

    # -- drawing ------------------------------------------------------------

    @property
    def method(self):
        return self.app.workspace.method

    def redraw(self) -> None:
        s = self.state
        m = s.meeting
        ws = self.app.workspace
        dim = ws.framework_for(self.department).dimension(m.dimension_id)
        key = "meeting.title_pedagogue" if self.department.is_pedagogue_meeting else "meeting.title"
        if self.department.is_pedagogue_meeting and ws.is_leader_meeting(self.department, m):
            key = "meeting.title_leader"  # from year 2 the director holds it as the ledermøte
        title = t(key, date=long_date(m.date),  # a pedagogue meeting: the departments' dimensions
                  dimension=ws.dimensions_text(self.department, m.month, m.dimension_id))
        if m.guests:
            title += "  ·  " + t("meeting.guests", names=", ".join(m.guests))
        self.query_one("#title", Static).update(literal(title))
        stage = s.stage
        for wid, shown in (
            ("#opening", stage is Stage.OPENING),
            ("#story", stage is Stage.STORY),
            # On a projector the closing shows the next meeting's dimension beside the round, not the summary.
            ("#closing-box", stage is Stage.CLOSING and not self.has_class("-projector")),
            ("#next-box", stage is Stage.CLOSING),
            ("#finished", stage is Stage.FINISHED),
            ("#board", stage in (Stage.STORY, Stage.CLOSING) and bool(s.order)),
            ("#note", stage in (Stage.STORY, Stage.CLOSING) and s.next_speaker is not None),
            ("#note-hint", stage in (Stage.STORY, Stage.CLOSING) and s.next_speaker is not None),
            ("#response-box", stage is Stage.STORY and self.method.phase(s.phase).record == "response"),
        ):
            self.query_one(wid).display = shown
        self.set_class(stage is Stage.CLOSING, "-closing")  # on a projector: the next dimension, large
        if stage is Stage.OPENING:
            self._draw_opening(dim)
        elif stage is Stage.STORY:
            self._draw_story()
        elif stage is Stage.CLOSING:
            self._draw_closing()
        else:
            self._draw_finished()
        if s.order:
            self.query_one(TurnBoard).show(s, self.names)
        self._draw_parked()
        self._tick()
        allowed = tuple(self.check_action(b.action.split("(")[0], ()) for b in self.BINDINGS)
        if allowed != self._allowed:  # the footer is rebuilt only when what is allowed changes
            self._allowed = allowed
            self.refresh_bindings()
        self._focus()

    def _focus(self) -> None:
        s = self.state
        if s.stage is Stage.OPENING:
            self.query_one("#goals").focus()
        elif self.query_one("#note").display:
            self.query_one("#note").focus()
        elif self.query_one("#response-box").display:
            self.query_one("#useful").focus()
        elif s.stage is Stage.CLOSING:
            self.query_one("#summary").focus()

    def _ends_line(self) -> str:
        """When the meeting ends with one, two or three stories, from now."""
        now, method = self.app.now(), self.method
        counts = range(1, method.max_stories + 1)
        named = " / ".join([*(str(n) for n in counts[:-1]), counted(counts[-1], "story")])  # 1 / 2 / 3 fortellinger
        return t("meeting.ends_line", counts=named,
                 times=" / ".join(method.meeting_end(now, n).strftime("%H:%M") for n in counts),
                 minutes=f"{method.story_minutes:g}")

    def _ends_chosen(self, n: int) -> str:
        end = self.method.meeting_end(self.app.now(), n)
        return t("meeting.ends_chosen", n=n, time=end.strftime("%H:%M"),
                 minutes=f"{self.method.story_minutes:g}")

    def _draw_opening(self, dim) -> None:
        self.query_one("#progress", Static).update(t("meeting.stage_opening"))
        questions = "\n".join(f"- {q}" for q in dim.questions[lang()])
        plan = self.app.workspace.current_plan(self.department)
        plan_text = ""
        if plan is not None:
            focus = ", ".join(self.app.workspace.framework_for(self.department).dimension(d).name(lang()) for d in plan.focus)
            plan_text = (f"## {t('obs.plan_title')}\n\n**{t('obs.focus')}:** {focus}\n\n"
                         f"**{t('obs.goals')}:** {md_escape(plan.goals)}\n\n")
        plan_text += microproject_block(self.app.workspace, self.department)
        leader_plan = None if self.department.is_pedagogue_meeting else \
            self.app.workspace.leader_plan(self.department, self.state.meeting.facilitator_id)
        if leader_plan is not None:
            when, said = leader_plan
            plan_text = (f"## {t('meeting.your_plan', date=long_date(when))}\n\n{md_escape(said)}\n\n") + plan_text
        presented = self.app.workspace.presented_at(self.department, self.state.meeting)
        if presented is None:  # the year's first meeting: the dimension is presented here
            about = dim.descriptions[lang()]
        else:  # presented in the last meeting's closing; the stories are written about it
            about = t("meeting.recap", date=long_date(presented.date))
        heading = dim.name(lang())
        if self.department.is_pedagogue_meeting:  # what the departments take up this month, named
            m = self.state.meeting
            heading = md_escape(self.app.workspace.dimensions_text(self.department, m.month, m.dimension_id))
        self.query_one("#dimension-text", Markdown).update(
            f"{plan_text}## {heading}\n\n{about}\n\n{questions}")
        self.query_one("#phase", Static).update(self.method.texts["opening"].get("name", ""))
        self.query_one("#rule", Static).update(t("meeting.opening_rule") + "\n" + self._ends_line())
        self.query_one("#round", Static).update("")
        self._goals = self.app.workspace.previous_goals(self.department, self.state.meeting)
        options = self.query_one("#goals", OptionList)
        row = options.highlighted or 0
        options.clear_options()
        for run, _ in self._goals:
            status, note = self.state.followups.get(run.story_id, ("", ""))
            label = t(f"meeting.followup.{status}") if status else t("meeting.followup.none")
            if note:
                label += f": {note}"
            options.add_option(Option(literal(t("meeting.goal_option", teller=self.names.get(run.teller_id, "?"),
                                                goal=run.goal, status=label)), id=run.story_id))
        if self._goals:
            options.highlighted = min(row, len(self._goals) - 1)
        options.display = bool(self._goals)
        self.query_one("#no-goals", Static).update(t("meeting.no_goals") if not self._goals else t("meeting.goals_hint"))
        self.query_one("#cue-text", Markdown).update(self.method.texts["opening"].get("cue", "")
                                                     + self._why(self.method.texts["opening"].get("why", "")))

    def _draw_story(self) -> None:
        s = self.state
        spec = self.method.phase(s.phase)
        run = s.stories[s.story]
        story = self._story(run.story_id)
        editor = self.query_one(StoryEditor)
        if getattr(editor, "_story_id", None) != run.story_id:
            editor.load_text(story.text if story else "")
            editor._story_id = run.story_id
        teller = self.names.get(run.teller_id, "?")
        n_phase = self.method.index(s.phase) + 1
        progress = t("meeting.stage_story", n=s.story + 1, total=len(s.stories), teller=teller,
                     phase_n=n_phase, phases=len(self.method.phases))
        if run.stand_in:  # the facilitator tells: who leads the talk about this story
            progress += t("meeting.stand_in_short", name=self.names.get(run.stand_in, "?"))
        self.query_one("#progress", Static).update(literal(progress))
        self.query_one("#phase", Static).update(spec.text("name", lang()))
        self.query_one("#rule", Static).update(literal(spec.text("rule", lang())))
        if spec.team_turns:
            self.query_one("#round", Static).update(t("meeting.round", round=s.round, rounds=s.rounds))
        else:
            self.query_one("#round", Static).update(t("meeting.teller_speaks", teller=teller))
        cue = spec.text("cue", lang()).replace("{teller}", md_escape(teller))
        self.query_one("#cue-text", Markdown).update(
            f"**{t('meeting.cue_say')}** {cue}\n\n**{t('meeting.cue_keep')}** {spec.text('keep', lang())}"
            + self._why(spec.text("why", lang())))
        if spec.record == "response" and self._response_shown != (s.story, s.phase):
            # Filled once per story: the fields are saved as typed, and refilling them
            # from the stripped record would eat a space the teller just typed.
            self._response_shown = (s.story, s.phase)
            for wid, text in (("#useful", run.useful), ("#goal", run.goal)):
                field = self.query_one(wid, WritingArea)
                with field.prevent(TextArea.Changed):
                    field.load_text(text)
                field.move_cursor(field.document.end)  # typing goes on after what is there

    def _draw_parked(self) -> None:
        """The thoughts parked for the phase running now, at the top of the phase, with what became of them."""
        here = mt.parked_here(self.state)
        box = self.query_one("#parked-box")
        box.display = bool(here)
        if not here:
            return
        waiting = [p for p in here if p.status == mt.OPEN]
        self.query_one("#parked-title", Static).update(
            t("meeting.parked.panel_title", open=len(waiting)) if waiting else t("meeting.parked.list_key"))
        self.query_one("#parked-hint", Static).display = bool(waiting)
        options = self.query_one("#parked", OptionList)
        row = options.highlighted or 0
        options.clear_options()
        for p in here:
            status = f"[{t(f'meeting.parked.status_{p.status}')}]"  # in words, not colour
            line = literal(t("meeting.parked.line", status=status, author=self.names.get(p.author, "?"),
                             origin=parked_origin(self.method, p), text=p.text))
            options.add_option(Option(line.stylize("bold", 0, len(status)) if p.status == mt.OPEN else line,
                                      id=str(p.seq), disabled=p.status != mt.OPEN))
        if waiting:
            options.highlighted = min(row, len(here) - 1)
            if options.highlighted_option is not None and options.highlighted_option.disabled:
                options.highlighted = here.index(waiting[0])

    def _why(self, text: str) -> str:
        return f"\n\n**{t('meeting.why')}** {text}" if self.modelling and text else ""

    def _closing_texts(self) -> dict[str, str]:
        part = "debrief" if self.department.is_pedagogue_meeting else "closing"
        return self.method.texts.get(part) or self.method.texts["closing"]

    def _draw_closing(self) -> None:
        s = self.state
        summary = self.query_one("#summary", TextArea)
        if not summary.text and s.meeting.summary_draft:
            with summary.prevent(TextArea.Changed):
                summary.load_text(s.meeting.summary_draft)
        self.query_one("#progress", Static).update(t("meeting.stage_closing"))
        texts = self._closing_texts()
        self.query_one("#phase", Static).update(texts.get("name", ""))
        self.query_one("#rule", Static).update(texts.get("rule", ""))
        self.query_one("#round", Static).update(t("meeting.round", round=s.round, rounds=s.rounds))
        following = s.meeting.month.step(1)  # the month after the one this meeting was planned for
        plan = self.app.workspace.wheel(self.department, following.kindergarten_year).month(following)
        upcoming = self.app.workspace.framework_for(self.department).dimension(plan.dimension_id)
        self.query_one("#next-text", Markdown).update(self._next_dimensions(upcoming, following))
        self.query_one("#cue-text", Markdown).update(
            f"{texts.get('cue', '')}\n\n{self._next_cue(upcoming, following)}" + self._why(texts.get("why", "")))

    def _next_cue(self, upcoming, following) -> str:
        """The facilitator's line on what comes next: the dimension, or in a pedagogue meeting
        every department's (as the left column presents them), saying where to find them all."""
        groups = self.app.workspace.departments_next(self.department, following) \
            if self.department.is_pedagogue_meeting else []
        if len(groups) < 2:
            only = groups[0][0] if groups else upcoming
            return t("meeting.next_dimension", dimension=md_escape(only.name(lang())))
        named = md_escape(self.app.workspace.dimensions_text(self.department, following))
        return f"{t('meeting.next_dimensions', dimensions=named)} {t('meeting.next_dimensions_more', count=len(groups))}"

    def _next_dimensions(self, upcoming, following) -> str:
        """The next meeting's dimension, presented: what it is about, what high quality looks
        like, its questions. A pedagogue meeting presents each department's (by instrument)."""
        groups = [(upcoming, [])]
        if self.department.is_pedagogue_meeting:
            groups = self.app.workspace.departments_next(self.department, following) or groups
        parts = []
        for dim, departments in groups:
            title = t("meeting.next_dimension_title", dimension=dim.name(lang()))
            if departments:
                title += f" ({', '.join(md_escape(d) for d in departments)})"
            questions = "\n".join(f"- {q}" for q in dim.questions[lang()])
            parts.append(f"## {title}\n\n{dim.descriptions[lang()]}\n\n{questions}")
        lead = t("meeting.next_dimension_lead" if len(parts) == 1 else "meeting.next_dimensions_lead")
        if len(parts) == 1:  # its name, then what the stories for next time are about
            head, _, rest = parts[0].partition("\n\n")
            return f"{head}\n\n{lead}\n\n{rest}"
        return "\n\n".join([lead, *parts])

    def _draw_finished(self) -> None:
        s = self.state
        self.query_one("#progress", Static).update(t("meeting.stage_finished"))
        self.query_one("#phase", Static).update(t("meeting.finished_title"))
        self.query_one("#rule", Static).update("")
        self.query_one("#round", Static).update("")
        lines = [t("meeting.finished_text")]
        for run in s.stories:
            if run.goal:
                lines.append(t("meeting.goal_line", teller=self.names.get(run.teller_id, "?"), goal=run.goal))
        if s.summary:
            lines.append(t("meeting.summary_line", summary=s.summary))
        self.query_one("#finished", Static).update(literal("\n\n".join(lines)))
        self.query_one("#cue-text", Markdown).update("")

    def _story(self, story_id: str) -> Story | None:
        if story_id not in self._stories:
            for story in self.app.store.stories(self.department, self.state.meeting.month):
                self._stories[story.id] = story
        return self._stories.get(story_id)

    def _tick(self) -> None:
        s = self.state
        timer = self.query_one("#timer", Static)
        if s.stage not in (Stage.STORY, Stage.CLOSING) or s.phase_started is None:
            timer.update("")
            self.query_one("#big-timer", Digits).update("")
            return
        minutes = self.method.closing_minutes if s.stage is Stage.CLOSING else self.method.phase(s.phase).minutes
        now = self.app.now()
        left = minutes * 60 - mt.phase_seconds(s, now)
        text = t("meeting.time_left", time=clock(left)) if left >= 0 else t("meeting.time_over", time=clock(-left))
        spec = self.method.phase(s.phase) if s.stage is Stage.STORY else None
        if spec is not None and spec.turn_minutes and s.next_speaker:
            used = mt.running_seconds(s, mt.turn_started(s), now)
            # On a line of its own, so a narrow panel never splits a clock in two.
            text += "\n" + t("meeting.turn_time", time=clock(used), limit=clock(spec.turn_minutes * 60))
        timer.update(text)
        timer.set_class(0 <= left < 60, "-soon")
        timer.set_class(left < 0, "-over")
        big = self.query_one("#big-timer", Digits)
        big.update(clock(left))
        big.set_class(left < 0, "-over")
        nxt = s.next_speaker
        self.query_one("#big-turn", Static).update(
            literal(t("meeting.big_turn", name=self.names.get(nxt, "?")) if nxt else
                    (t("meeting.teller_speaks", teller=self.names.get(s.teller, "?")) if s.teller else "")))

    # -- acting ---------------------------------------------------------------

    def _act(self, make) -> bool:
        """Build the events (the domain checks the rules), write them, redraw."""
        def run():
            return self.app.workspace.act(self.department, self.state, make())

        before = mt.word_holder(self.state)
        state, error = self.app.try_call(run)
        if error is not None:
            self.notify(error, severity="warning", markup=False, timeout=6)
            return False
        self.state = state
        if mt.word_holder(state) != before:  # a note typed is for whoever had the word there, never the next
            self._clear_note()
        self.redraw()
        return True

    def _clear_note(self) -> None:
        """The note field and its stored draft emptied (the note was recorded, parked or deleted)."""
        note = self.query_one("#note", Input)
        if note.value:
            with note.prevent(Input.Changed):
                note.value = ""
        self._note_text = ""
        self.save_note()

    def _settle_note(self, then, *, record: bool = True, go_on_after_record: bool = True) -> None:
        """A note typed for whoever has the word and not recorded is settled before the word moves
        on: recorded for them first, kept as a parked thought from them, or deleted on purpose.
        Esc goes back to the field, nothing done."""
        note = self.query_one("#note", Input)
        text, who = note.value, self.state.next_speaker
        if not text.strip() or who is None or not note.display:
            then()
            return
        name = self.names.get(who, "?")
        options = []
        if record:
            options.append((t("meeting.unsent.record" if go_on_after_record else "meeting.unsent.record_instead",
                              name=name), "record"))
        target = mt.park_default(self.state, self.method)
        if target is not None and who in self.state.meeting.present:
            options.append((t("meeting.unsent.park", name=name), "park"))
        options.append((t("meeting.unsent.delete"), "delete"))

        def chosen(what: str | None) -> None:
            if what is None:
                note.focus()
                return
            if what == "record":
                if not self._act(lambda: mt.record_turn(self.state, who, Outcome.SPOKE, self.app.now(), note=text)):
                    return
                self._clear_note()
                if not go_on_after_record:
                    return
            elif what == "park":
                if not self._act(lambda: mt.park(self.state, self.method, who, text, self.app.now(), target=target)):
                    return
                self._clear_note()
                self.notify(t("meeting.parked.saved", phase=parked_target(self.method, *target)), markup=False)
            else:
                self._clear_note()
            then()

        self.app.push_screen(ChoiceDialog(t("meeting.unsent.title", name=name, note=text), options), chosen)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        s = self.state
        live_round = s.stage in (Stage.STORY, Stage.CLOSING) and bool(s.order)
        if action in ("turn", "skip"):
            return live_round and s.next_speaker is not None
        if action in ("undo", "order"):
            return live_round
        if action == "add_round":
            return s.stage is Stage.STORY and self.method.phase(s.phase).more_rounds
        if action == "next":
            return s.stage is not Stage.FINISHED
        if action == "followup":
            return s.stage is Stage.OPENING and bool(self._goals)
        if action == "correct":
            return s.stage is Stage.FINISHED
        if action == "discard":
            return s.stage is not Stage.FINISHED and not self._discarded
        if action == "park":
            return s.stage is not Stage.FINISHED and bool(mt.park_targets(s, self.method))
        if action == "parked":
            return any(p.status == mt.OPEN for p in mt.parked_here(s))
        if action == "time_out":
            return self.modelling and s.stage is not Stage.FINISHED
        return True

    @on(TextArea.Changed, "#summary")
    def _summary_changed(self, event: TextArea.Changed) -> None:
        self._summary_text = event.text_area.text
        self._summary_save.changed()

    def save_summary(self) -> None:
        """The summary as typed so far, on disk (as typed, see widgets/autosave.py, and on leaving)."""
        self._summary_save.cancel()
        text = self._summary_text
        if text is None or self.state.stage is not Stage.CLOSING:
            return
        self._summary_text = None
        self.app.attempt(lambda: self.app.store.save_summary_draft(self.department, self.state.meeting, text))

    @on(TextArea.Changed, "#useful, #goal")
    def _response_typed(self) -> None:
        s = self.state
        if self._response_shown != (s.story, s.phase):
            return  # the fields being filled for a story, not typed in
        self._response_text = (s.story, s.phase, self.query_one("#useful", WritingArea).text,
                               self.query_one("#goal", WritingArea).text)
        self._response_save.changed()

    def save_response(self) -> bool:
        """The teller's response as typed so far, recorded (as typed, see widgets/autosave.py, and on leaving).

        Written without redrawing, so the field being typed in keeps its cursor.
        False only when it could not be written.
        """
        self._response_save.cancel()
        s = self.state
        typed = self._response_text
        if typed is None or typed[:2] != (s.story, s.phase) or s.stage is not Stage.STORY:
            return True
        _, _, useful, goal = typed
        if not mt.response_changed(s, useful, goal):
            self._response_text = None
            return True

        def run():
            return self.app.workspace.act(self.department, s, mt.record_response(
                s, self.method, useful, goal, self.app.now()))

        state, error = self.app.try_call(run)
        if error is not None:
            self.notify(error, severity="warning", markup=False, timeout=6)
            return False
        self.state = state
        self._response_text = None
        return True

    def save_typed(self) -> None:
        """Everything being typed (the summary, the teller's response), on disk, and the
        moment the meeting was last open (its clocks stand until it is opened again)."""
        if self._discarded:
            return
        self.save_summary()
        self.save_response()
        self.save_note()
        self._mark_alive()

    def on_unmount(self) -> None:
        self.save_typed()

    @on(Input.Changed, "#note")
    def _note_typed(self, event: Input.Changed) -> None:
        self._note_text = event.value
        self._note_save.changed()

    def save_note(self) -> None:
        """The turn's note as typed so far, on disk (as typed, see widgets/autosave.py, and on leaving);
        emptied when the turn is recorded and the field cleared."""
        self._note_save.cancel()
        text, self._note_text = self._note_text, None
        if text is None or text == self.state.meeting.note_draft:
            return
        if self.state.stage not in (Stage.STORY, Stage.CLOSING):
            return
        _, error = self.app.try_call(lambda: self.app.store.save_note_draft(self.department, self.state.meeting, text))
        if error is not None:
            self.notify(error, severity="warning", markup=False, timeout=6)
            return
        self.state = replace(self.state, meeting=replace(self.state.meeting, note_draft=text))

    @on(Input.Submitted, "#note")
    def _spoke(self) -> None:
        self.action_turn("spoke")

    def action_turn(self, outcome: str) -> None:
        if outcome == "spoke":
            self._turn(outcome)
        else:  # passed: a note typed is not thrown away with the turn
            self._settle_note(lambda: self._turn(outcome), go_on_after_record=False)

    def _turn(self, outcome: str) -> None:
        s = self.state
        if s.next_speaker is None:
            return
        note_input = self.query_one("#note", Input)
        note = note_input.value if outcome == "spoke" else ""
        if self._act(lambda: mt.record_turn(s, s.next_speaker, Outcome(outcome), self.app.now(), note=note)):
            note_input.value = ""

    def action_skip(self) -> None:
        self._settle_note(self._skip, go_on_after_record=False)

    def _skip(self) -> None:
        s = self.state
        who = s.next_speaker
        if who is None:
            return

        def done(reason: str | None) -> None:
            if reason is not None:
                self._act(lambda: mt.record_turn(self.state, who, Outcome.SKIPPED, self.app.now(), reason=reason))

        self.app.push_screen(TextPrompt(t("meeting.skip_title", name=self.names.get(who, "?")),
                                        placeholder=t("meeting.skip_placeholder")), done)

    def action_undo(self) -> None:
        self._settle_note(self._undo, record=False)

    def _undo(self) -> None:
        self._act(lambda: mt.undo_last_turn(self.state, self.app.now()))

    def action_add_round(self) -> None:
        self._settle_note(self._add_round)

    def _add_round(self) -> None:
        self._act(lambda: mt.add_round(self.state, self.method, self.app.now()))

    def action_toggle_cues(self) -> None:
        cues = self.query_one("#cues")
        cues.display = not cues.display

    def action_projector(self) -> None:
        self.toggle_class("-projector")
        if self.state.stage is Stage.CLOSING:
            self.redraw()

    def action_next(self) -> None:
        if self.state.stage is Stage.OPENING:
            self._pick_stories()
        else:
            self._settle_note(self._next)

    def _next(self) -> None:
        s = self.state
        if s.stage is Stage.STORY:
            if not self.save_response():
                return
            if mt.goal_missing_now(self.state, self.method):
                teller = self.names.get(self.state.teller, "?")

                def done(yes: bool | None) -> None:
                    if yes:
                        self._advance()
                    else:
                        self.query_one("#goal", WritingArea).focus()

                self.app.push_screen(ConfirmDialog(t("meeting.response.no_goal", teller=teller)), done)
                return
            self._advance()
        elif s.stage is Stage.CLOSING:
            self._finish()

    def _advance(self) -> None:
        remaining = self.state.remaining
        if not remaining:
            self._act(lambda: mt.advance(self.state, self.method, self.app.now()))
            return
        names = [self.names.get(p, "?") for p in remaining]

        def done(yes: bool | None) -> None:
            if yes:
                self._act(lambda: mt.advance(self.state, self.method, self.app.now(), force=True))

        self.app.push_screen(ConfirmDialog(t("meeting.confirm_leave_round", names=name_list(names))), done)

    def _finish(self) -> None:
        summary = self.query_one("#summary", TextArea).text
        remaining = self.state.remaining
        question = t("meeting.confirm_finish")
        without = mt.stories_without_goal(self.state)
        if without:
            stories = ", ".join(t("meeting.response.story_of", n=i + 1,
                                  teller=self.names.get(self.state.stories[i].teller_id, "?")) for i in without)
            question = t("meeting.response.finish_without_goal", stories=stories) + "\n\n" + question
        if remaining:
            names = name_list([self.names.get(p, "?") for p in remaining])
            question = t("meeting.confirm_leave_round", names=names) + "\n\n" + question

        def done(yes: bool | None) -> None:
            if yes:
                self._act(lambda: mt.finish(self.state, summary, self.app.now(), force=True))

        self.app.push_screen(ConfirmDialog(question), done)

    @on(OptionList.OptionSelected, "#goals")
    def _goal_chosen(self) -> None:
        self.action_followup()

    def action_modelling(self) -> None:
        self.modelling = not self.modelling
        self.notify(t("meeting.modelling_on" if self.modelling else "meeting.modelling_off"), markup=False)
        self._allowed = ()
        self.redraw()

    @on(OptionList.OptionSelected, "#parked")
    def _parked_chosen(self, event: OptionList.OptionSelected) -> None:
        self._settle(int(event.option.id or 0))

    def action_more(self) -> None:
        from tettpa_tui.screens.help import choose_action

        choose_action(self, t("meeting.more_title"))

    def action_leave(self) -> None:
        """Back to the department; a running meeting can be resumed from there."""
        self.save_typed()
        if isinstance(getattr(self.app, "meetings_left_open", None), set):
            self.app.meetings_left_open.add(self.state.meeting.id)
        if self.state.meeting.status == "running":  # not a word before; the home screen says it too
            self.notify(t("home.next.left_open"), markup=False)
        self.dismiss()


__all__ = ["MeetingScreen"]


def microproject_block(ws, dept) -> str:
    """The department's open mikroprosjekter, a short block in the meeting's opening."""
    projects = [] if dept.is_pedagogue_meeting else [p for p in ws.open_microprojects(dept) if not p.erased_on]
    if not projects:
        return ""
    names = {s.id: s.name for s in dept.staff}
    lines = [t("microproject.opening_line", title=md_escape(p.title), leader=md_escape(names.get(p.leader_id, "?")),
               review=p.review.strftime("%d.%m.%Y"), goal=md_escape(p.goal)) for p in projects]
    return f"## {t('microproject.opening_title')}\n\n" + "\n\n".join(lines) + "\n\n"
