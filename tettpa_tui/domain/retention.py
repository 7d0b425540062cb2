"""How long a story's text is kept, and which texts are due to be erased.

Stories are about children: their text is kept only as long as the guidance
needs it. The rules, with defaults in content/retention.toml and a
department's own values on top:

* ``used``: the text of a story taken up in a meeting is erased
  `used_months` after that meeting;
* ``draft``: a draft never handed in is erased `draft_months` after it was
  last changed;
* ``unused``: a story handed in that no meeting took up (or whose meeting is
  no longer there) is erased `unused_months` after the end of its meeting
  month: it waits that long for a meeting, and no longer.

Only the text goes. The story's author, month and dimension, and the
meeting's record (turns, notes, goals) stay.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta

from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.stories import Story, StoryStatus

USED = "used"
DRAFT = "draft"
UNUSED = "unused"
RULES = (USED, DRAFT, UNUSED)


@dataclass(frozen=True)
class RetentionRules:
    used_months: int = 12
    draft_months: int = 3
    unused_months: int = 6
    warn_days: int = 30

    def with_values(self, used_months: int | None = None, draft_months: int | None = None,
                    unused_months: int | None = None) -> "RetentionRules":
        for value in (used_months, draft_months, unused_months):
            if value is not None and not 1 <= value <= 120:
                raise DomainError("retention.error_months", value=value)
        return replace(
            self,
            used_months=self.used_months if used_months is None else used_months,
            draft_months=self.draft_months if draft_months is None else draft_months,
            unused_months=self.unused_months if unused_months is None else unused_months,
        )


@dataclass(frozen=True)
class Erasure:
    """One story text that is (or will be) erased: which, by which rule, from when."""

    story_id: str
    month: str  # the story's meeting month, YYYY-MM
    author_id: str
    rule: str  # USED, DRAFT or UNUSED
    due: date


def erasable(active: bool) -> bool:
    """A person's data is erased on request once she is marked as left: while she still
    works in the department her stories and turns belong to its running meetings. The one
    rule for the app's person dialog and `tettpa person erase`."""
    return not active


def check_erasable(name: str, active: bool) -> None:
    if not erasable(active):
        raise DomainError("person.erase_active", name=name)


def due_date(story: Story, meeting_dates: dict[str, date], rules: RetentionRules) -> tuple[str, date] | None:
    """When this story's text is to be erased, and by which rule; None if no rule applies."""
    if story.erased_on is not None or not story.text:
        return None
    if story.status is StoryStatus.USED and story.used_in in meeting_dates:
        return USED, meeting_dates[story.used_in] + relativedelta(months=rules.used_months)
    if story.status is StoryStatus.DRAFT:
        return DRAFT, story.updated_at.date() + relativedelta(months=rules.draft_months)
    # Handed in and never taken up (or taken up in a meeting that is no longer there):
    # counted from the first day after its meeting month.
    return UNUSED, story.month.last_day + timedelta(days=1) + relativedelta(months=rules.unused_months)


def erasures(
    stories: list[Story], meeting_dates: dict[str, date], rules: RetentionRules, until: date
) -> list[Erasure]:
    """Every story text due on or before `until`, earliest first."""
    found = []
    for s in stories:
        due = due_date(s, meeting_dates, rules)
        if due and due[1] <= until:
            found.append(Erasure(s.id, str(s.month), s.author_id, due[0], due[1]))
    return sorted(found, key=lambda e: (e.due, e.month, e.story_id))


def due_now(stories: list[Story], meeting_dates: dict[str, date], rules: RetentionRules, today: date) -> list[Erasure]:
    return erasures(stories, meeting_dates, rules, today)


def due_soon(stories: list[Story], meeting_dates: dict[str, date], rules: RetentionRules, today: date) -> list[Erasure]:
    """What will be erased after today but within the warning period (the home screen says how many)."""
    return [e for e in erasures(stories, meeting_dates, rules, today + timedelta(days=rules.warn_days))
            if e.due > today]


def erase_text(story: Story, today: date, now: datetime) -> Story:
    """The story without its text, marked with the day it was erased."""
    return replace(story, text="", erased_on=today, updated_at=now)
