"""Samarbeidsmøter: the director and the mentor meet in the kindergarten's first
programme year, to support the director in leading the work.

Each meeting keeps its date, who took part, what was discussed and what was
agreed. An agreement stays open until a later meeting records it as done: open
agreements come back at the next meeting, as the tellers' goals do in the
department meetings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import new_id

DONE = "done"
NOT_YET = "not_yet"
MAX_TEXT = 4000


@dataclass(frozen=True)
class FollowUp:
    """What a meeting recorded about an agreement made at an earlier one."""

    agreement: str  # "<meeting id>/<index>"
    status: str  # DONE or NOT_YET
    note: str = ""


@dataclass(frozen=True)
class CooperationMeeting:
    id: str
    date: date
    who: tuple[str, ...]
    discussed: str
    agreements: tuple[str, ...]
    followups: tuple[FollowUp, ...] = ()
    created_at: datetime | None = None

    def agreement_key(self, index: int) -> str:
        return f"{self.id}/{index}"


@dataclass(frozen=True)
class OpenAgreement:
    key: str
    text: str
    made: date  # the date of the meeting it was agreed at
    notes: tuple[str, ...] = field(default=())  # notes from later meetings that kept it open


def _clean(text: str) -> str:
    text = "\n".join(line.rstrip() for line in text.strip().splitlines())
    if len(text) > MAX_TEXT:
        raise DomainError("error.cooperation_long", limit=MAX_TEXT)
    return text


def new_meeting(day: date, who: list[str], discussed: str, agreements: list[str],
                followups: list[FollowUp], now: datetime) -> CooperationMeeting:
    """A samarbeidsmøte as recorded: who took part is required, so is something discussed or agreed."""
    people = tuple(" ".join(p.split()) for p in who if p.strip())
    if not people:
        raise DomainError("error.cooperation_who")
    discussed = _clean(discussed)
    agreed = tuple(_clean(a) for a in agreements if a.strip())
    if not discussed and not agreed:
        raise DomainError("error.cooperation_empty")
    for f in followups:
        if f.status not in (DONE, NOT_YET):
            raise DomainError("error.followup_status", value=f.status)
    return CooperationMeeting(new_id(), day, people, discussed, agreed, tuple(followups), now)


def open_agreements(meetings: list[CooperationMeeting], before: date | None = None) -> list[OpenAgreement]:
    """The agreements not yet recorded as done, oldest first (those of meetings on
    or after `before` left out: a meeting follows up the ones before it)."""
    ordered = sorted(meetings, key=lambda m: (m.date, m.created_at or datetime.min))
    if before is not None:
        ordered = [m for m in ordered if m.date < before]
    status: dict[str, str] = {}
    notes: dict[str, list[str]] = {}
    for m in ordered:
        for f in m.followups:
            status[f.agreement] = f.status
            if f.note:
                notes.setdefault(f.agreement, []).append(f.note)
    out = []
    for m in ordered:
        for i, text in enumerate(m.agreements):
            key = m.agreement_key(i)
            if status.get(key) != DONE:
                out.append(OpenAgreement(key, text, m.date, tuple(notes.get(key, []))))
    return out


__all__ = ["DONE", "NOT_YET", "CooperationMeeting", "FollowUp", "OpenAgreement", "last_attendees", "new_meeting",
           "open_agreements"]


def last_attendees(meetings: list[CooperationMeeting]) -> tuple[str, ...]:
    """Who came to the latest meeting (by date): the next one's first guess."""
    if not meetings:
        return ()
    return max(meetings, key=lambda m: (m.date, m.created_at or datetime.min)).who
