"""Practice stories (praksisfortellinger): their life from draft to meeting.

A story belongs to one writer, one meeting month and one CLASS dimension. It
is a draft while written, handed in ("levert") when the writer is ready, and
used ("tatt opp") once a meeting takes it up; from then on it is locked, as it
was read. Until then the writer may edit it or withdraw it (back to draft).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import Enum

from tettpa_tui.domain.calendar import YearMonth
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.linebreaks import plain_line_breaks
from tettpa_tui.domain.records import new_id

# A story is a page or two; this bound keeps a stray paste from freezing a screen.
MAX_STORY_CHARS = 50_000

_WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


# Characters that look like nothing although they are not whitespace to Python.
_BLANK_LOOKING = frozenset("\u115f\u1160\u2800\u3164\uffa0")


def is_blank(text: str) -> bool:
    """True when a story shows nothing a reader could see: only spaces, line breaks,
    zero-width and other invisible characters (U+200B, U+FEFF, NUL, bidi marks ...).

    The one rule for "the story is empty", used by the app's writer, the CLI
    and the browser: such a story is not handed in, and counts as nothing written.
    """
    return all(
        ch.isspace() or ch in _BLANK_LOOKING or unicodedata.category(ch)[0] in "CZ"
        for ch in text
    )


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
    revised_at: datetime | None = None  # its text changed after it was handed in (the leader sees it)

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
    """A story's text is at most MAX_STORY_CHARS long, and text: a NUL is never stored
    (it comes from a binary file, and ends strings in other programs)."""
    if len(text) > MAX_STORY_CHARS:
        raise DomainError("error.story_too_long", limit=MAX_STORY_CHARS, length=len(text))
    if "\x00" in text:
        raise DomainError("error.story_not_text")


def new_story(
    author_id: str,
    month: YearMonth,
    dimension_id: str,
    now: datetime,
    text: str = "",
    entered_by: str | None = None,
) -> Story:
    text = plain_line_breaks(text)
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


def edit(story: Story, text: str, now: datetime, change_handed_in: bool = False) -> Story:
    """New text for a story (its line breaks as LF). A handed-in story that is emptied goes back to draft.

    A handed-in story's text changes only when the writer chose to change it
    (`change_handed_in`, an explicit step on every face that says what it does);
    it is then marked as changed after it was handed in, which the leader sees.
    Anything else (an autosave of a page opened long ago) is refused, the story unchanged."""
    _not_locked(story)
    text = plain_line_breaks(text)
    check_text_size(text)
    status = story.status
    submitted_at = story.submitted_at
    revised_at = story.revised_at
    if status is StoryStatus.SUBMITTED and text != story.text:
        if not change_handed_in:
            raise DomainError("error.story_handed_in")
        revised_at = now
    if status is StoryStatus.SUBMITTED and is_blank(text):
        status, submitted_at = StoryStatus.DRAFT, None
    # Written anew after the retention rules erased it: the new text is kept by the rules again.
    erased_on = story.erased_on if not text else None
    return replace(story, text=text, status=status, submitted_at=submitted_at, updated_at=now, erased_on=erased_on,
                   revised_at=revised_at)


def change_dimension(story: Story, dimension_id: str, now: datetime) -> Story:
    _not_locked(story)
    return replace(story, dimension_id=dimension_id, updated_at=now)


def submit(story: Story, now: datetime) -> Story:
    """Hand the story in. An empty story cannot be handed in."""
    _not_locked(story)
    if is_blank(story.text):
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


def release(story: Story, meeting_id: str, now: datetime) -> Story:
    """Give a story back (handed in, not taken up) when the meeting that took it up
    was started by mistake and discarded; a story used by another meeting stays."""
    if story.status is not StoryStatus.USED or story.used_in != meeting_id:
        return story
    return replace(story, status=StoryStatus.SUBMITTED, used_in=None, updated_at=now)


def not_taken_up(story: Story, meeting_over: bool) -> bool:
    """A story handed in for a meeting that is over (`meeting_over`: held, or its month
    passed with no meeting running) without being taken up. Its writer or the leader may
    hand it in for the next meeting (`hand_in_for`); an erased text is not."""
    return (story.status is StoryStatus.SUBMITTED and meeting_over and story.erased_on is None
            and not is_blank(story.text))


def hand_in_for(story: Story, month: YearMonth, meeting_over: bool, now: datetime) -> Story:
    """The story not taken up, handed in for `month`'s meeting (a later one). It keeps its
    text and the dimension it was written about; its month is `month` (the caller moves it
    to that month's file), handed in now."""
    if not not_taken_up(story, meeting_over) or month <= story.month:
        raise DomainError("error.story_not_left_over")
    return replace(story, month=month, submitted_at=now, updated_at=now)


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
        elif any(not is_blank(s.text) for s in own):
            drafts.append(sid)
        else:
            nothing.append(sid)
    return HandInStatus(tuple(submitted), tuple(drafts), tuple(nothing))


@dataclass(frozen=True)
class OverviewRow:
    """One line of the leader's overview: a story (handed in, or a draft with text), or a person with nothing."""

    staff_id: str
    story: Story | None


@dataclass(frozen=True)
class OverviewCounts:
    """The overview's summary, counted from its own lines so the two always agree."""

    people_handed_in: int
    staff: int
    stories_handed_in: int
    drafts: int
    nothing: int


def overview_rows(staff_ids: list[str], stories: list[Story], month: YearMonth) -> list[OverviewRow]:
    """The overview's lines: those who handed in first, then drafts, then nothing yet; each
    person's stories together. An empty draft is nothing yet (nothing to show)."""
    status = hand_in_status(staff_ids, stories, month)
    order = {sid: i for i, sid in enumerate(status.submitted + status.drafts + status.nothing)}
    rows = [(order[s.author_id], s.id, OverviewRow(s.author_id, s)) for s in stories
            if s.author_id in order and s.month == month and (not is_blank(s.text) or s.status is not StoryStatus.DRAFT)]
    rows += [(order[sid], f"none-{sid}", OverviewRow(sid, None)) for sid in status.nothing]
    return [row for _, _, row in sorted(rows, key=lambda r: (r[0], r[1]))]


def overview_counts(rows: list[OverviewRow], staff: int) -> OverviewCounts:
    handed_in = [r for r in rows if r.story is not None and r.story.status is not StoryStatus.DRAFT]
    return OverviewCounts(
        people_handed_in=len({r.staff_id for r in handed_in}),
        staff=staff,
        stories_handed_in=len(handed_in),
        drafts=sum(1 for r in rows if r.story is not None and r.story.status is StoryStatus.DRAFT),
        nothing=sum(1 for r in rows if r.story is None),
    )
