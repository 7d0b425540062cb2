"""The meeting's dialogs: the story picker, and what the meeting screen asks in a
dialog before it acts (the stories to take up and a stand-in, the order, a
follow-up, a time-out, a parked thought, a correction, discarding the meeting).

`MeetingDialogs` is a mixin of MeetingScreen (screens/meeting.py): its actions
open the dialogs and change the meeting only through the screen's own `_act`
(or the workspace), as every other action does. The ids, classes and CSS are the
ones these had in meeting.py.
"""

from __future__ import annotations

import random
from textwrap import shorten
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from tettpa_tui.domain import meeting as mt
from tettpa_tui.domain.meeting import Stage
from tettpa_tui.domain.stories import Story, StoryStatus
from tettpa_tui.i18n import long_date, t
from tettpa_tui.screens.parked import ParkDialog
from tettpa_tui.screens.story_reader import visible
from tettpa_tui.services.minutes import parked_target
from tettpa_tui.widgets.dialogs import ChoiceDialog, ConfirmDialog, TextPrompt
from tettpa_tui.widgets.literal import literal

if TYPE_CHECKING:
    from tettpa_tui.domain.meeting import MeetingState
    from tettpa_tui.domain.records import Department


class StoryPickDialog(ModalScreen["list[str] | None"]):
    """Pick one to three handed-in stories, in the order they will be taken up.

    Each line says in words whether it is chosen and as which: "[2]" for the
    second story, "[ ]" for one not chosen, so nothing depends on colour.
    """

    DEFAULT_CSS = """
    StoryPickDialog { align: center middle; }
    StoryPickDialog > Vertical {
        width: 100; max-width: 100%; height: auto; max-height: 100%; padding: 0 1;
        border: thick $primary; background: $surface;
    }
    StoryPickDialog .title { text-style: bold; color: $primary; }
    StoryPickDialog .hint { color: $text-muted; }
    StoryPickDialog OptionList { height: auto; max-height: 14; }
    StoryPickDialog #error { color: $error; height: auto; }
    StoryPickDialog .buttons { height: auto; align-horizontal: right; }
    """
    BINDINGS = [
        Binding("escape", "cancel", t("keys.cancel"), id="cancel"),
        Binding("space", "toggle", t("keys.choose"), id="choose", tooltip=t("tips.choose_story")),
    ]

    def __init__(self, options: list[tuple[str, str]], limit: int, ends=None) -> None:
        super().__init__()
        self.options = options
        self.limit = limit
        self.order: list[str] = []
        self.ends = ends  # number of stories -> when the meeting ends with them (a line)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("meeting.pick_title", limit=self.limit), classes="title", markup=False)
            yield Static(t("meeting.pick_hint"), classes="hint", markup=False)
            yield OptionList(*[Option(self._line(label, value), id=value) for label, value in self.options],
                             id="stories")
            yield Static("", markup=False, id="ends", classes="hint")
            yield Static("", markup=False, id="error")
            with Horizontal(classes="buttons"):
                yield Button(literal(t("meeting.pick_start")), variant="primary", id="ok")

    def _line(self, label: str, value: str) -> Content:
        mark = f"[{self.order.index(value) + 1}]" if value in self.order else "[ ]"
        line = Content(f"{mark} {label}")
        return line.stylize("bold", 0, len(mark)) if value in self.order else line

    def _draw(self) -> None:
        stories = self.query_one("#stories", OptionList)
        for label, value in self.options:
            stories.replace_option_prompt(value, self._line(label, value))

    @on(OptionList.OptionSelected, "#stories")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self._toggle(event.option.id or "")

    def action_toggle(self) -> None:
        stories = self.query_one("#stories", OptionList)
        if stories.has_focus and stories.highlighted is not None:
            self._toggle(stories.options[stories.highlighted].id or "")

    def _toggle(self, value: str) -> None:
        if value in self.order:
            self.order.remove(value)
        elif len(self.order) < self.limit:
            self.order.append(value)
        else:
            self.query_one("#error", Static).update(t("error.stories_count", limit=self.limit))
            return
        self.query_one("#error", Static).update("")
        self._draw()
        if self.ends is not None:
            self.query_one("#ends", Static).update(self.ends(len(self.order)) if self.order else "")

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        if not 1 <= len(self.order) <= self.limit:
            self.query_one("#error", Static).update(t("error.stories_count", limit=self.limit))
            return
        self.dismiss(self.order)

    def action_cancel(self) -> None:
        self.dismiss(None)


class MeetingDialogs:
    """The meeting screen's actions that ask first (a mixin of MeetingScreen, which
    gives the state, the names, the method, `_act`, `_settle_note` and `redraw`)."""

    department: Department
    state: MeetingState
    names: dict[str, str]
    _stories: dict[str, Story]
    _discarded: bool

    def action_order(self) -> None:
        options = [(t("meeting.order_rotate"), "rotate"), (t("meeting.order_shuffle"), "shuffle")]

        def done(choice: str | None) -> None:
            if choice is None:
                return
            order = list(self.state.order)
            if choice == "rotate":
                order = mt.rotated(order, 1)
            else:
                random.shuffle(order)
            self._act(lambda: mt.set_order(self.state, order, self.app.now()))

        self._settle_note(lambda: self.app.push_screen(ChoiceDialog(t("meeting.order_title"), options), done),
                          record=False)

    def _pick_stories(self) -> None:
        eligible = self.app.workspace.eligible_stories(self.department, self.state)
        if not eligible:  # said as the home screen counts them: the meeting's month, handed in
            month = self.state.meeting.month
            _, stories = self.app.workspace.hand_in_overview(self.department, month)
            count = sum(1 for s in stories if s.status is StoryStatus.SUBMITTED)
            name = f"{t(f'month.{month.month}')} {month.year}"
            text = (t("meeting.no_stories_present", count=count, month=name) if count
                    else t("meeting.no_stories", month=name))
            self.notify(text, severity="warning", timeout=8, markup=False)
            return
        options = []
        for story, since in eligible:
            self._stories[story.id] = story
            when = (t("meeting.never_told") if since is None
                    else t("meeting.told_ago", months=since))
            options.append((t("meeting.pick_line", name=self.names.get(story.author_id, "?"), when=when,
                              title=shorten(visible(story.title), 50, placeholder=" …")), story.id))

        def take_up(stories: list[Story], stand_ins: dict[str, str]) -> None:
            state, error = self.app.try_call(lambda: self.app.workspace.take_up_stories(
                self.department, self.state, stories, self.app.now(), stand_ins))
            if error is not None:
                self.notify(error, severity="warning", markup=False)
                return
            self.state = state
            self.redraw()

        def done(chosen: list[str] | None) -> None:
            if not chosen:
                return
            stories = [self._stories[i] for i in chosen]
            meeting = self.state.meeting
            own = next(((n, s) for n, s in enumerate(stories, 1) if mt.needs_stand_in(meeting, s.author_id)), None)
            if own is None:
                take_up(stories, {})
                return
            # The facilitator tells too: someone else present leads the talk about that story.
            n, story = own
            people = [(self.names.get(p, "?"), p)
                      for p in mt.stand_in_candidates(meeting, story.author_id, self.state.left)]

            def stood_in(person: str | None) -> None:
                if person:
                    take_up(stories, {story.id: person})

            self.app.push_screen(ChoiceDialog(
                t("meeting.stand_in_question", teller=self.names.get(story.author_id, "?"), n=n), people), stood_in)

        self.app.push_screen(StoryPickDialog(options, self.method.max_stories, self._ends_chosen), done)

    def action_followup(self) -> None:
        options = self.query_one("#goals", OptionList)
        if not self._goals:
            return
        run, _ = self._goals[options.highlighted or 0]
        options = [(t("meeting.followup.tried"), "tried"), (t("meeting.followup.not_yet"), "not_yet")]

        def chosen(status: str | None) -> None:
            if status is None:
                return

            def noted(note: str | None) -> None:
                self._act(lambda: mt.record_followup(self.state, run.story_id, status, note or "",
                                                     self.app.now()))

            self.app.push_screen(TextPrompt(t("meeting.followup_note"), required=False), noted)

        self.app.push_screen(ChoiceDialog(t("meeting.followup_question", goal=run.goal), options), chosen)

    def action_time_out(self) -> None:
        def noted(note: str | None) -> None:
            if note is not None and self._act(lambda: mt.time_out(self.state, note, self.app.now())):
                self.notify(t("meeting.time_out_saved"), markup=False)

        self.app.push_screen(TextPrompt(t("meeting.time_out_title"), placeholder=t("meeting.time_out_hint")), noted)

    def _has_the_word(self) -> str:
        """Whose thought it most likely is: whoever has the word (the facilitator in the opening)."""
        s = self.state
        if s.stage is Stage.STORY and not self.method.phase(s.phase).team_turns:
            return s.teller or s.meeting.facilitator_id
        return s.next_speaker or s.meeting.facilitator_id

    def action_park(self) -> None:
        """Park a thought for a later phase: who had it, the thought, the phase it belongs to."""
        s = self.state
        targets = mt.park_targets(s, self.method)
        if s.stage is Stage.FINISHED or not targets:
            return
        people = [(self.names.get(p, "?"), p) for p in s.meeting.present if p not in s.left]
        labels = [(parked_target(self.method, story, phase), (story, phase)) for story, phase in targets]

        def submit(author: str, text: str, target: tuple[int, str]) -> str | None:
            state, error = self.app.try_call(lambda: self.app.workspace.act(
                self.department, self.state, mt.park(self.state, self.method, author, text, self.app.now(),
                                                     target=target)))
            if error is not None:
                return error
            self.state = state
            self.redraw()
            self.notify(t("meeting.parked.saved", phase=parked_target(self.method, *target)), markup=False)
            return None

        self.app.push_screen(ParkDialog(people, self._has_the_word(), labels, mt.park_default(s, self.method),
                                        submit))

    def action_parked(self) -> None:
        """Choose one of this phase's waiting thoughts, to take it up or drop it."""
        waiting = [p for p in mt.parked_here(self.state) if p.status == mt.OPEN]
        if len(waiting) == 1:
            self._settle(waiting[0].seq)
            return
        options = [(f"{self.names.get(p.author, '?')}: {p.text}", str(p.seq)) for p in waiting]
        self.app.push_screen(ChoiceDialog(t("meeting.parked.list_key"), options),
                             lambda seq: self._settle(int(seq)) if seq else None)

    def _settle(self, seq: int) -> None:
        thought = next((p for p in self.state.parked if p.seq == seq), None)
        if thought is None or thought.status != mt.OPEN:
            return
        options = [(t("meeting.parked.take"), "take"), (t("meeting.parked.drop"), "drop")]

        def chosen(what: str | None) -> None:
            if what is None:
                return
            rule = mt.take_up if what == "take" else mt.drop
            if self._act(lambda: rule(self.state, seq, self.app.now())):
                self.notify(t("meeting.parked.taken" if what == "take" else "meeting.parked.dropped"), markup=False)

        title = t("meeting.parked.choose_title", author=self.names.get(thought.author, "?"), text=thought.text)
        self.app.push_screen(ChoiceDialog(title, options), chosen)

    def action_correct(self) -> None:
        """Correct a typo in a note of a finished meeting; the correction is recorded."""
        turns = [tr for tr in self.state.turns if not tr.undone and tr.final_note]
        if not turns:
            self.notify(t("meeting.nothing_to_correct"), markup=False)
            return
        options = [(f"{self.names.get(tr.speaker, '?')}: {tr.final_note}", str(tr.seq)) for tr in turns]

        def chosen(seq: str | None) -> None:
            if seq is None:
                return
            turn = next(tr for tr in turns if str(tr.seq) == seq)

            def corrected(note: str | None) -> None:
                if note is not None and note != turn.final_note:
                    if self._act(lambda: mt.correct_note(self.state, turn.seq, note, self.app.now())):
                        self.notify(t("meeting.corrected"), markup=False)

            self.app.push_screen(TextPrompt(t("meeting.correct_title"), value=turn.final_note), corrected)

        self.app.push_screen(ChoiceDialog(t("meeting.correct_choose"), options), chosen)

    def action_discard(self) -> None:
        """A meeting started by mistake: one key before anything is recorded, then asks.
        It stays in the file marked discarded; the stories it took up are handed back."""
        s = self.state
        if s.stage is Stage.FINISHED or self._discarded:
            return

        def discard() -> None:
            meeting = self.app.attempt(lambda: self.app.workspace.discard_meeting(
                self.department, self.state, self.app.now()))
            if meeting is None:
                return
            self._discarded = True
            self.app.notify(t("meeting.discard.done", date=long_date(meeting.date)), markup=False, timeout=8)
            self.dismiss()

        if not mt.discard_needs_confirmation(s):
            discard()
            return
        self.app.push_screen(ConfirmDialog(t("meeting.discard.confirm", date=long_date(s.meeting.date)),
                                           destructive=True),
                             lambda yes: discard() if yes else None)
