"""Practice stories: writing, checking, handing in and withdrawing them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from tettpa_tui import content, i18n
from tettpa_tui.domain import stories as story_rules
from tettpa_tui.domain.calendar import MonthPlan, YearMonth
from tettpa_tui.domain.records import Department, StaffMember, unknown_author
from tettpa_tui.domain.stories import HandInStatus, Story, StoryStatus, hand_in_status
from tettpa_tui.lazy import OnFirstUse

if TYPE_CHECKING:
    from tettpa_tui.domain.storycheck import CheckRules, Finding


_check = OnFirstUse("tettpa_tui.domain.storycheck")


class StoriesMixin:
    """A staff member's practice stories: the privacy check, drafts, hand-in and the month's status."""

    def check_rules(self, dept: Department) -> CheckRules:
        # Stories may be written in bokmål whatever the app's language; in English
        # an English story is in the first person too.
        languages = ("nb",) if i18n.language() == "nb" else ("nb", i18n.language())
        # Staff names are not children's; nor are the kindergarten's and department's own names.
        known = [s.name for s in dept.staff] + [dept.name, dept.kindergarten]
        return content.privacy_rules().with_staff(known).in_languages(languages)

    def check(self, dept: Department, text: str, author_id: str | None = None) -> list[Finding]:
        """The story check's findings; with the writer known, also where the story names
        a colleague (a note: the story is about the writer's own practice)."""
        findings = _check.check_story(text, self.check_rules(dept))
        if author_id is not None:
            from tettpa_tui.domain.colleagues import colleague_findings

            others = [s.name for s in dept.staff if s.active and s.id != author_id]
            findings += colleague_findings(text, others)
        return findings

    def author(self, dept: Department, name: str) -> StaffMember:
        member = dept.find_member(name)
        if member is None:
            raise unknown_author(dept, name)
        return member

    def story_month(self, dept: Department, month: YearMonth | None, today: date) -> MonthPlan:
        """The plan of the month a story is for: unless given, the meeting a new story
        is written for (the next one, or the one after it while the next is running)."""
        if month is None:
            return self.writing_meeting(dept, today)
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
            raise unknown_author(dept, author.name)
        plan = self.story_month(dept, month, now.date())
        dim = dimension_id or self.own_dimension(dept, author, plan.month) or plan.dimension_id
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
        """The story `author` is working on for `month`: the newest draft. A handed-in story
        is never opened for writing by itself (changing it is a step of its own)."""
        own = [s for s in self.store.stories(dept, month)
               if s.author_id == author.id and s.status is StoryStatus.DRAFT]
        return max(own, key=lambda s: (s.updated_at, s.created_at)) if own else None

    def carry_drafts(self, dept: Department, author: StaffMember, to: MonthPlan) -> list[Story]:
        """`author`'s drafts (never handed in) for earlier months whose meeting has been
        held, carried to `to`'s meeting (store.move_story: safe across the two files).
        A draft on its month's dimension takes the new month's; one chosen otherwise keeps it."""
        carried = []
        # month by month: a move cut short leaves its old copy, which stories(dept) hides
        earlier = [m for m in self.store.months_on_disk(dept) if m < to.month]
        for s in [s for m in earlier for s in self.store.stories(dept, m)]:
            if (s.author_id != author.id or s.status is not StoryStatus.DRAFT
                    or self.held_meeting(dept, s.month) is None):
                continue
            old_plan = self.wheel(dept, s.month.kindergarten_year).month(s.month)
            if s.dimension_id == old_plan.dimension_id:
                s = replace(s, dimension_id=to.dimension_id)
            carried.append(self.store.move_story(dept, s, to.month))
        return carried

    def meeting_over(self, dept: Department, month: YearMonth, today: date) -> bool:
        """Whether `month`'s meeting is over: new stories are written for a later meeting
        (it was held, or its month has passed) and no meeting of `month` is running."""
        return (month < self.writing_meeting(dept, today).month
                and not self.store.meetings(dept, month, status="running"))

    def not_taken_up(self, dept: Department, story: Story, today: date) -> bool:
        """A handed-in story whose meeting is over without taking it up (domain/stories.not_taken_up)."""
        return story_rules.not_taken_up(story, story.status is StoryStatus.SUBMITTED
                                        and self.meeting_over(dept, story.month, today))

    def stories_not_taken_up(self, dept: Department, today: date, before: YearMonth | None = None) -> list[Story]:
        """The department's handed-in stories no meeting took up (of months before `before`)."""
        writing = self.writing_meeting(dept, today).month
        over: dict[YearMonth, bool] = {}
        found = []
        for s in self.store.stories(dept):
            if s.status is not StoryStatus.SUBMITTED or s.month >= writing or (before and s.month >= before):
                continue
            if s.month not in over:
                over[s.month] = not self.store.meetings(dept, s.month, status="running")
            if story_rules.not_taken_up(s, over[s.month]):
                found.append(s)
        return found

    def hand_in_for_next(self, dept: Department, story: Story, now: datetime) -> tuple[Story, MonthPlan]:
        """A story not taken up, handed in for the next meeting (the one new stories are
        written for): moved to that month's file (store.move_story), its dimension kept."""
        current = self.store.story(dept, story.id)  # as stored now, not as a screen last saw it
        to = self.writing_meeting(dept, now.date())
        moved = story_rules.hand_in_for(current, to.month, self.meeting_over(dept, current.month, now.date()), now)
        return self.store.move_story(dept, replace(moved, month=current.month), to.month), to

    def save_text(self, dept: Department, story: Story, text: str, now: datetime,
                  change_handed_in: bool = False) -> Story:
        return self.store.change_story(dept, story.month, story.id,
                                       lambda s: story_rules.edit(s, text, now, change_handed_in))

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

    def hand_in_by(self, dept: Department, plan: MonthPlan) -> date:
        """The date the stories for `plan`'s meeting are handed in by (the department's days before)."""
        from tettpa_tui.domain.calendar import hand_in_by

        return hand_in_by(plan.meeting_date, dept.hand_in_days)

    def set_hand_in_days(self, dept: Department, days: int) -> Department:
        from dataclasses import replace

        from tettpa_tui.domain.calendar import check_hand_in_days

        check_hand_in_days(days)
        return self.store.update_department(dept, lambda d: replace(d, hand_in_days=days))

    def own_dimension(self, dept: Department, author: StaffMember, month: YearMonth) -> str | None:
        """In a pedagogue meeting, a leader's story is about her own department's dimension
        that month (what she works with there); None elsewhere, or for someone with no department."""
        own = self.own_department(dept, author)
        return self.wheel(own, month.kindergarten_year).month(month).dimension_id if own else None

    def story_dimension_name(self, dept: Department, story: Story) -> str:
        """A story's dimension in its writer's words: in a pedagogue meeting a leader's story
        is about her own department's dimension, named by that department's instrument."""
        where = dept
        if dept.is_pedagogue_meeting:
            author = next((m for m in dept.staff if m.id == story.author_id), None)
            where = (self.own_department(dept, author) if author is not None else None) or dept
        return self.framework_for(where).dimension(story.dimension_id).name(i18n.language())

    def own_department(self, dept: Department, author: StaffMember) -> Department | None:
        """In a pedagogue meeting, the department a pedagogue works in (its instrument names
        her story's dimension); None elsewhere."""
        if not dept.is_pedagogue_meeting:
            return None
        return next((d for d in self.store.list_departments() if d.kindergarten == dept.kindergarten
                     and any(m.id == author.id for m in d.active_staff)), None)

    def story_writers(self, dept: Department, month: YearMonth) -> list[StaffMember]:
        """Who is asked to hand in a story for `month`'s meeting (a pedagogue meeting's
        facilitator, who models the method, is not): the rule is the domain's."""
        from tettpa_tui.domain.facilitation import story_writers

        year = self.programme(dept, date(month.year, month.month, 1)).year
        return story_writers(list(dept.staff), dept.is_pedagogue_meeting, year)

    def hand_in_overview(self, dept: Department, month: YearMonth) -> tuple[HandInStatus, list[Story]]:
        stories = self.store.stories(dept, month)
        staff = [s.id for s in self.story_writers(dept, month)]
        return hand_in_status(staff, stories, month), stories
