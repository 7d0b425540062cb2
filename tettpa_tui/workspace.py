"""The store and content/ together: what both faces (app and CLI) ask for.

Answers questions that need a department's stored plan *and* the programme's
defaults: its year wheel, its next meeting, its programme year and theme.
No rules live here; they are in the domain, this only wires them up.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from tettpa_tui import content
from tettpa_tui.domain.calendar import (
    KindergartenYear,
    MonthPlan,
    Theme,
    YearMonth,
    YearWheel,
    next_meeting,
    programme_year,
    theme_for,
)
from tettpa_tui.domain import meeting as mt
from tettpa_tui.domain import stories as story_rules
from tettpa_tui.domain.meeting import Meeting, MeetingState, StoryRun
from tettpa_tui.domain.method import Method
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import Department, StaffMember
from tettpa_tui.domain.stories import HandInStatus, Story, StoryStatus, hand_in_status
from tettpa_tui.domain.storycheck import CheckRules, Finding, check_story
from tettpa_tui.store import Store


@dataclass(frozen=True)
class ProgrammeStatus:
    pool: int | None
    year: int | None  # None while the kindergarten has no pool set
    theme: Theme


class Workspace:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.framework = content.framework()

    def wheel(self, dept: Department, year: KindergartenYear) -> YearWheel:
        return self.store.year_wheel(dept, year, content.default_plan(), content.default_rule())

    def next_meeting(self, dept: Department, today: date) -> MonthPlan:
        return next_meeting(lambda y: self.wheel(dept, y), today)

    def programme(self, dept: Department, today: date) -> ProgrammeStatus:
        pool = self.store.kindergarten(dept.kindergarten).pool
        start: YearMonth | None = content.pools().get(pool) if pool else None
        year = programme_year(start, today) if start else None
        return ProgrammeStatus(pool=pool, year=year, theme=theme_for(content.themes(), year or 1))

    def set_plan(
        self, dept: Department, month: YearMonth, dimension_id: str | None, meeting_date: date | None
    ) -> MonthPlan:
        """Change one month of the plan after checking it; returns the new month."""
        if dimension_id is not None:
            self.framework.dimension(dimension_id)  # raises for an unknown id
        wheel = self.wheel(dept, month.kindergarten_year)
        wheel.with_month(month, dimension_id, meeting_date)  # raises for bad month/date
        self.store.set_plan_month(dept, month, dimension_id, meeting_date)
        return self.wheel(dept, month.kindergarten_year).month(month)

    # -- practice stories ------------------------------------------------------

    def check_rules(self, dept: Department) -> CheckRules:
        return content.privacy_rules().with_staff([s.name for s in dept.staff])

    def check(self, dept: Department, text: str) -> list[Finding]:
        return check_story(text, self.check_rules(dept))

    def author(self, dept: Department, name: str) -> StaffMember:
        member = dept.find_member(name)
        if member is None:
            raise DomainError("error.author_unknown", name=name, path=dept.path)
        return member

    def story_month(self, dept: Department, month: YearMonth | None, today: date) -> MonthPlan:
        """The plan of the month a story is for: the next meeting's unless given."""
        if month is None:
            return self.next_meeting(dept, today)
        return self.wheel(dept, month.kindergarten_year).month(month)

    def _new_story(
        self,
        dept: Department,
        author: StaffMember,
        now: datetime,
        month: YearMonth | None,
        dimension_id: str | None,
        text: str,
        entered_by: StaffMember | None = None,
    ) -> Story:
        """A new draft, checked, tagged with the month's meeting and dimension (not saved)."""
        if not author.active:
            raise DomainError("error.author_unknown", name=author.name, path=dept.path)
        plan = self.story_month(dept, month, now.date())
        dim = dimension_id or plan.dimension_id
        self.framework.dimension(dim)
        return story_rules.new_story(author.id, plan.month, dim, now, text,
                                     entered_by.id if entered_by else None)

    def start_story(
        self,
        dept: Department,
        author: StaffMember,
        now: datetime,
        month: YearMonth | None = None,
        dimension_id: str | None = None,
        text: str = "",
        entered_by: StaffMember | None = None,
    ) -> Story:
        """A new draft for `author`, stored at once."""
        story = self._new_story(dept, author, now, month, dimension_id, text, entered_by)
        return self.store.save_story(dept, story)

    def hand_in_new(
        self,
        dept: Department,
        author: StaffMember,
        now: datetime,
        text: str,
        month: YearMonth | None = None,
        dimension_id: str | None = None,
    ) -> Story:
        """A finished story handed in at once (from the command line): one write."""
        story = self._new_story(dept, author, now, month, dimension_id, text)
        return self.store.save_story(dept, story_rules.submit(story, now))

    def draft_for(self, dept: Department, author: StaffMember, month: YearMonth) -> Story | None:
        """The story `author` is working on for `month`: the newest one not yet used."""
        own = [s for s in self.store.stories(dept, month) if s.author_id == author.id and not s.locked]
        return max(own, key=lambda s: (s.updated_at, s.created_at)) if own else None

    def save_text(self, dept: Department, story: Story, text: str, now: datetime) -> Story:
        return self.store.change_story(dept, story.month, story.id,
                                       lambda s: story_rules.edit(s, text, now))

    def set_story_dimension(self, dept: Department, story: Story, dimension_id: str, now: datetime) -> Story:
        self.framework.dimension(dimension_id)
        return self.store.change_story(dept, story.month, story.id,
                                       lambda s: story_rules.change_dimension(s, dimension_id, now))

    def hand_in(self, dept: Department, story: Story, now: datetime) -> Story:
        return self.store.change_story(dept, story.month, story.id, lambda s: story_rules.submit(s, now))

    def withdraw(self, dept: Department, story: Story, now: datetime) -> Story:
        return self.store.change_story(dept, story.month, story.id, lambda s: story_rules.withdraw(s, now))

    def own_stories(self, dept: Department, author: StaffMember) -> list[Story]:
        """Everything `author` has written, newest month first."""
        own = [s for s in self.store.stories(dept) if s.author_id == author.id]
        return sorted(own, key=lambda s: (s.month, s.created_at), reverse=True)

    def hand_in_overview(self, dept: Department, month: YearMonth) -> tuple[HandInStatus, list[Story]]:
        stories = self.store.stories(dept, month)
        staff = [s.id for s in dept.active_staff]
        return hand_in_status(staff, stories, month), stories


    # -- meetings ------------------------------------------------------------

    @property
    def method(self) -> Method:
        return content.method()

    def start_meeting(
        self,
        dept: Department,
        day: date,
        dimension_id: str,
        facilitator: StaffMember,
        present: list[StaffMember],
        guests: list[str],
        now: datetime,
    ) -> MeetingState:
        self.framework.dimension(dimension_id)
        month = YearMonth.of(day)
        self.wheel(dept, month.kindergarten_year).month(month)  # refuses July, the holiday
        ids = [m.id for m in dept.active_staff if m in present]
        meeting = mt.new_meeting(month, day, dimension_id, facilitator.id, ids, guests, now)
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
        self, dept: Department, state: MeetingState, stories: list[Story], now: datetime
    ) -> MeetingState:
        """Start the chosen stories; from now on they are locked, as they were read."""
        events = mt.choose_stories(state, self.method, [(s.id, s.author_id) for s in stories], now)
        for s in stories:
            self.store.change_story(dept, s.month, s.id, lambda x: story_rules.mark_used(x, state.meeting.id, now))
        return self.act(dept, state, events)

    def running_meeting(self, dept: Department) -> Meeting | None:
        """A meeting that was started and not finished (to resume), the newest."""
        for month in reversed(self.store.months_on_disk(dept)[-3:]):
            running = [m for m in self.store.meetings(dept, month) if m.status == "running"]
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


__all__ = ["Workspace", "ProgrammeStatus", "StoryStatus"]
