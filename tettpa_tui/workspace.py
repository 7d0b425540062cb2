"""The store and content/ together: what both faces (app and CLI) ask for.

Answers questions that need a department's stored plan *and* the programme's
defaults: its year wheel, its next meeting, its programme year and theme.
No rules live here; they are in the domain, this only wires them up.
"""

from __future__ import annotations

from dataclasses import dataclass
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
from tettpa_tui.domain import stories as story_rules
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


__all__ = ["Workspace", "ProgrammeStatus", "StoryStatus"]
