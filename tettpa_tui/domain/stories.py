"""Practice stories (praksisfortellinger): their life from draft to meeting.

A story belongs to one writer, one meeting month and one CLASS dimension. It
is a draft while written, handed in ("levert") when the writer is ready, and
used ("tatt opp") once a meeting takes it up; from then on it is locked, as it
was read. Until then the writer may edit it or withdraw it (back to draft).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import Enum

from tettpa_tui.domain.calendar import YearMonth
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import new_id

# A story is a page or two; this bound keeps a stray paste from freezing a screen.
MAX_STORY_CHARS = 50_000

_WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


class StoryStatus(str, Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    USED = "used"


@dataclass(frozen=True)
class Story:
    """One practice story (praksisfortelling), from draft to taken up in a meeting."""

    id: str
    author_id: str
    month: YearMonth
    dimension_id: str
    text: str
    status: StoryStatus
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None = None
    entered_by: str | None = None  # staff id of a leader who typed in a story handed in on paper
    used_in: str | None = None  # the meeting that took it up
    erased_on: date | None = None  # its text erased that day (domain/retention.py); the rest stays

    @property
    def words(self) -> int:
        return word_count(self.text)

    @property
    def locked(self) -> bool:
        return self.status is StoryStatus.USED

    @property
    def title(self) -> str:
        """The first words, for lists: one line, never empty."""
        first = " ".join(self.text.split())
        return (first[:60] + "…") if len(first) > 60 else first


def check_text_size(text: str) -> None:
    if len(text) > MAX_STORY_CHARS:
        raise DomainError("error.story_too_long", limit=MAX_STORY_CHARS, length=len(text))


def new_story(
    author_id: str,
    month: YearMonth,
    dimension_id: str,
    now: datetime,
    text: str = "",
    entered_by: str | None = None,
) -> Story:
    check_text_size(text)
    return Story(
        id=new_id(),
        author_id=author_id,
        month=month,
        dimension_id=dimension_id,
        text=text,
        status=StoryStatus.DRAFT,
        created_at=now,
        updated_at=now,
        entered_by=entered_by,
    )


def _not_locked(story: Story) -> None:
    if story.locked:
        raise DomainError("error.story_locked")


def edit(story: Story, text: str, now: datetime) -> Story:
    """New text for a story. A handed-in story that is emptied goes back to draft."""
    _not_locked(story)
    check_text_size(text)
    status = story.status
    submitted_at = story.submitted_at
    if status is StoryStatus.SUBMITTED and not text.strip():
        status, submitted_at = StoryStatus.DRAFT, None
    # Written anew after the retention rules erased it: the new text is kept by the rules again.
    erased_on = story.erased_on if not text else None
    return replace(story, text=text, status=status, submitted_at=submitted_at, updated_at=now, erased_on=erased_on)


def change_dimension(story: Story, dimension_id: str, now: datetime) -> Story:
    _not_locked(story)
    return replace(story, dimension_id=dimension_id, updated_at=now)


def submit(story: Story, now: datetime) -> Story:
    """Hand the story in. An empty story cannot be handed in."""
    _not_locked(story)
    if not story.text.strip():
        raise DomainError("error.story_empty")
    return replace(story, status=StoryStatus.SUBMITTED, submitted_at=now, updated_at=now)


def withdraw(story: Story, now: datetime) -> Story:
    """Take a handed-in story back; it stays as a draft, nothing is deleted."""
    _not_locked(story)
    return replace(story, status=StoryStatus.DRAFT, submitted_at=None, updated_at=now)


def mark_used(story: Story, meeting_id: str, now: datetime) -> Story:
    if story.status is not StoryStatus.SUBMITTED:
        raise DomainError("error.story_not_submitted")
    return replace(story, status=StoryStatus.USED, used_in=meeting_id, updated_at=now)


@dataclass(frozen=True)
class HandInStatus:
    """Who has handed in for a meeting, at a glance."""

    submitted: tuple[str, ...]  # staff ids
    drafts: tuple[str, ...]
    nothing: tuple[str, ...]

    @property
    def summary(self) -> tuple[int, int]:
        return len(self.submitted), len(self.submitted) + len(self.drafts) + len(self.nothing)


def hand_in_status(staff_ids: list[str], stories: list[Story], month: YearMonth) -> HandInStatus:
    submitted, drafts, nothing = [], [], []
    for sid in staff_ids:
        own = [s for s in stories if s.author_id == sid and s.month == month]
        if any(s.status in (StoryStatus.SUBMITTED, StoryStatus.USED) for s in own):
            submitted.append(sid)
        elif any(s.text.strip() for s in own):
            drafts.append(sid)
        else:
            nothing.append(sid)
    return HandInStatus(tuple(submitted), tuple(drafts), tuple(nothing))
