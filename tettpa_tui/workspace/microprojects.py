"""Mikroprosjekter: a leader's project in her department, set up, reviewed, counted."""

from __future__ import annotations

from datetime import date, datetime

from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import Department, Role
from tettpa_tui.lazy import OnFirstUse

mp = OnFirstUse("tettpa_tui.domain.microproject")  # not needed at start


class MicroProjectsMixin:
    """A department's mikroprosjekter (part of Workspace)."""

    def leaders(self, dept: Department) -> list:
        """Who may own a mikroprosjekt: the department's active pedagogical leaders."""
        return [s for s in dept.staff if s.active and s.role is Role.LEADER]

    def add_microproject(self, dept: Department, leader: str, title: str, goal: str, actions: str,
                         review: date, now: datetime) -> mp.MicroProject:
        """A leader's new project; `leader` is a pedagogical leader's name or id."""
        wanted = " ".join(leader.split()).casefold()
        member = next((s for s in self.leaders(dept) if s.id == leader.strip() or s.name.casefold() == wanted), None)
        if member is None:
            raise DomainError("error.microproject_leader", name=leader)
        return self.store.save_microproject(dept, mp.new_microproject(member.id, title, goal, actions, review, now))

    def close_microproject(self, dept: Department, project_id: str, status: str, note: str) -> mp.MicroProject:
        found = next((p for p in self.store.microprojects(dept) if p.id == project_id.strip()), None)
        if found is None:
            raise DomainError("error.microproject_unknown", id=project_id)
        return self.store.save_microproject(dept, mp.close(found, status, note))

    def open_microprojects(self, dept: Department) -> list[mp.MicroProject]:
        return [p for p in self.store.microprojects(dept) if p.is_open]

    def microproject_counts(self, kindergarten: str) -> tuple[int, int]:
        """(open, closed) over the kindergarten's departments."""
        from tettpa_tui.domain.records import slugify

        total_open = total_closed = 0
        for d in self.store.list_departments():
            if slugify(d.kindergarten) == slugify(kindergarten):
                o, c = mp.counts(self.store.microprojects(d))
                total_open, total_closed = total_open + o, total_closed + c
        return total_open, total_closed
