"""Mikroprosjekter: a pedagogical leader's goal for a piece of work in her department.

The programme (from autumn 2025, with USN): the pedagogical leaders set goals for
a piece of work to carry out in their department, supported by the director and
the leader team. A project has a title, its goal, what will be done, a review
date; it is open until reviewed, then done or stopped with a note. Open projects
are shown in the opening of the department's meetings and counted in the
kindergarten's overview.

A project belongs to its leader: her data export holds it, and erasing her data
blanks its texts (`erase_texts`); its status and dates stay, so the counts hold.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import new_id

OPEN = "open"
DONE = "done"
STOPPED = "stopped"
CLOSED = (DONE, STOPPED)
MAX_TITLE = 120
MAX_TEXT = 2000


@dataclass(frozen=True)
class MicroProject:
    id: str
    leader_id: str
    title: str
    goal: str
    actions: str
    review: date
    status: str = OPEN
    review_note: str = ""
    created_at: datetime | None = None
    erased_on: date | None = None  # its texts erased with its leader's data

    @property
    def is_open(self) -> bool:
        return self.status == OPEN


def _text(value: str, limit: int) -> str:
    value = "\n".join(line.rstrip() for line in value.strip().splitlines())
    if len(value) > limit:
        raise DomainError("error.microproject_long", limit=limit)
    return value


def new_microproject(leader_id: str, title: str, goal: str, actions: str, review: date,
                     now: datetime) -> MicroProject:
    """A project as set up: a title and a goal are needed."""
    title = " ".join(_text(title, MAX_TITLE).split())
    goal = _text(goal, MAX_TEXT)
    if not title or not goal:
        raise DomainError("error.microproject_empty")
    return MicroProject(new_id(), leader_id, title, goal, _text(actions, MAX_TEXT), review, OPEN, "", now)


def close(project: MicroProject, status: str, note: str) -> MicroProject:
    """Reviewed: done or stopped, with what was learnt."""
    if status not in CLOSED:
        raise DomainError("error.microproject_status", value=status)
    return replace(project, status=status, review_note=_text(note, MAX_TEXT))


def erase_texts(project: MicroProject, day: date) -> MicroProject:
    """Its leader's data erased: title, goal, what was done and the review note go; the
    leader (by id, shown as «tidligere ansatt»), status and dates stay for the counts."""
    return replace(project, title="", goal="", actions="", review_note="", erased_on=project.erased_on or day)


def owned_by(projects: list[MicroProject], staff_id: str) -> list[MicroProject]:
    """The projects a leader owns (what her export holds and her erasure reaches)."""
    return [p for p in projects if p.leader_id == staff_id]


def counts(projects: list[MicroProject]) -> tuple[int, int]:
    """(open, closed)."""
    n_open = sum(1 for p in projects if p.is_open)
    return n_open, len(projects) - n_open
