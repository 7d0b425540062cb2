"""Meetings: starting, running (events replayed), discarding and resuming them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from tettpa_tui import content
from tettpa_tui.domain import stories as story_rules
from tettpa_tui.domain.calendar import YearMonth
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import Department, StaffMember
from tettpa_tui.domain.stories import Story, StoryStatus
from tettpa_tui.i18n import language
from tettpa_tui.lazy import OnFirstUse

if TYPE_CHECKING:
    from tettpa_tui.domain.meeting import Meeting, MeetingState, StoryRun
    from tettpa_tui.domain.method import Method


mt = OnFirstUse("tettpa_tui.domain.meeting")


class MeetingsMixin:
    """A department's meetings: start one, write its events, take up stories, find the last goals."""

    @property
    def method(self) -> Method:
        return content.method(language())

    def start_meeting(
        self,
        dept: Department,
        day: date,
        dimension_id: str,
        facilitator: StaffMember,
        present: list[StaffMember],
        guests: list[str],
        now: datetime,
        month: YearMonth | None = None,
    ) -> MeetingState:
        """Start the meeting of `month` (a planned month), held on `day`. Without
        `month`: the planned month a meeting on `day` belongs to (meeting_month)."""
        self.framework.dimension(dimension_id)
        if month is None:
            month = self.meeting_month(dept, day, day).month
        self.wheel(dept, month.kindergarten_year).month(month)  # refuses July, the holiday
        ids = [m.id for m in dept.active_staff if m in present]
        # In a pedagogue meeting the facilitator models the method and takes no turns.
        meeting = mt.new_meeting(month, day, dimension_id, facilitator.id, ids, guests, now,
                                 facilitator_turns=not dept.is_pedagogue_meeting)
        self.store.save_meeting(dept, meeting)
        return mt.replay(meeting, [], self.method)

    def meeting_state(self, dept: Department, meeting: Meeting) -> MeetingState:
        return mt.replay(meeting, self.store.meeting_events(dept, meeting), self.method)

    def act(self, dept: Department, state: MeetingState, events: list[mt.Event]) -> MeetingState:
        """Write the events of one action at once, and return the state after them."""
        self.store.append_events(dept, state.meeting, events)
        meeting = state.meeting
        if any(e.kind == "finished" for e in events):
            meeting = replace(meeting, status="finished")
        return mt.replay(meeting, state.events + events, self.method)

    def take_up_stories(
        self, dept: Department, state: MeetingState, stories: list[Story], now: datetime,
        stand_ins: dict[str, str] | None = None,
    ) -> MeetingState:
        """Start the chosen stories; from now on they are locked, as they were read.
        The facilitator's own story has a stand-in (story id -> who facilitates it)."""
        events = mt.choose_stories(state, self.method, [(s.id, s.author_id) for s in stories], now, stand_ins)
        for s in stories:
            self.store.change_story(dept, s.month, s.id, lambda x: story_rules.mark_used(x, state.meeting.id, now))
        return self.act(dept, state, events)

    def is_leader_meeting(self, dept: Department, meeting: Meeting) -> bool:
        """A pedagogue meeting held as the kindergarten's ledermøte (the director facilitates, year 2 on)."""
        facilitator = next((m for m in dept.staff if m.id == meeting.facilitator_id), None)
        return mt.is_leader_meeting(dept.is_pedagogue_meeting, facilitator, self.programme(dept, meeting.date).year)

    def held_as_leader_meeting(self, dept: Department, today: date) -> bool:
        """The pedagogue meeting as it is held now, with its default facilitator: from the
        second programme year the director leads it as the kindergarten's ledermøte."""
        if not dept.is_pedagogue_meeting:
            return False
        year = self.programme(dept, today).year
        facilitator = mt.default_facilitator(list(dept.active_staff), True, year)
        return mt.is_leader_meeting(True, facilitator, year)

    def pedagogue_name(self, dept: Department, today: date, definite: bool = False) -> str:
        """What the app and the CLI call the kindergarten's pedagogue meeting (`dept` may be any
        department of the kindergarten): "Ledermøte" when it is held as the ledermøte
        (held_as_leader_meeting), else its own name; `definite` for inside a sentence
        ("pedagogmøtet" / "ledermøtet")."""
        from tettpa_tui.i18n import t

        ped = dept if dept.is_pedagogue_meeting else self.pedagogue_of(dept)
        leader = ped is not None and self.held_as_leader_meeting(ped, today)
        if definite:
            return t("pedagogue.the_leader_meeting" if leader else "pedagogue.the_meeting")
        if leader:
            return t("pedagogue.name_leader")
        return ped.name if ped is not None else t("pedagogue.name")

    def shown_path(self, dept: Department, today: date) -> str:
        """A department's path as the app shows it: the pedagogue meeting by its name now."""
        if not dept.is_pedagogue_meeting:
            return dept.path
        return f"{dept.kindergarten}/{self.pedagogue_name(dept, today)}"

    def presented_at(self, dept: Department, meeting: Meeting) -> Meeting | None:
        """The meeting whose closing presented this one's dimension (None: the year's first)."""
        return mt.presented_at(self.store.meetings(dept), meeting)

    def month_meeting(self, dept: Department, month: YearMonth) -> Meeting | None:
        """The meeting a planned month already has (held or running), if any."""
        return mt.month_meeting(self.store.meetings(dept, month), month)

    def discard_meeting(self, dept: Department, state: MeetingState, now: datetime) -> Meeting:
        """A meeting started by mistake: marked discarded (kept in the file), and the
        stories it took up handed back, so the real meeting can take them up."""
        meeting = mt.discard(state, now)
        self.store.discard_meeting(dept, meeting)
        for run in state.stories:
            try:
                story = self.store.story(dept, run.story_id)
            except DomainError:
                continue
            if story.used_in == meeting.id:
                self.store.change_story(dept, story.month, story.id,
                                        lambda x: story_rules.release(x, meeting.id, now))
        return meeting

    def running_meeting(self, dept: Department) -> Meeting | None:
        """A meeting that was started and not finished (to resume), the newest."""
        for month in reversed(self.store.months_on_disk(dept)[-3:]):
            running = self.store.meetings(dept, month, status="running")
            if running:
                return running[-1]
        return None

    def previous_goals(self, dept: Department, meeting: Meeting) -> list[tuple[StoryRun, mt.Meeting]]:
        """What each teller agreed to try at the last finished meeting before this one."""
        earlier = [m for m in self.store.meetings(dept) if m.status == "finished" and m.id != meeting.id
                   and (m.date, m.created_at or datetime.min) <= (meeting.date, meeting.created_at or datetime.max)]
        if not earlier:
            return []
        last = earlier[-1]
        state = self.meeting_state(dept, last)
        return [(run, last) for run in state.stories if run.goal]

    def eligible_stories(
        self, dept: Department, state: MeetingState
    ) -> list[tuple[Story, int | None]]:
        """Handed-in stories of the meeting's month by people present, with how many
        months since the author last had a story taken up (None: never), longest first."""
        present = set(state.meeting.present) - set(state.left)
        stories = [s for s in self.store.stories(dept, state.meeting.month)
                   if s.status is StoryStatus.SUBMITTED and s.author_id in present]
        used = [s for s in self.store.stories(dept) if s.status is StoryStatus.USED]

        def since(author: str) -> int | None:
            months = [u.month for u in used if u.author_id == author]
            if not months:
                return None
            last = max(months)
            m = state.meeting.month
            return (m.year - last.year) * 12 + m.month - last.month

        ranked = [(s, since(s.author_id)) for s in stories]
        return sorted(ranked, key=lambda p: (p[1] is not None, -(p[1] or 0), p[0].submitted_at or p[0].created_at))
