"""Mikroprosjekter in the store: few per department, in department.json beside the development plan."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tettpa_tui.domain.microproject import MicroProject
    from tettpa_tui.domain.records import Department


def microproject_to_doc(p: MicroProject) -> dict[str, Any]:
    return {"id": p.id, "leader": p.leader_id, "title": p.title, "goal": p.goal, "actions": p.actions,
            "review": p.review.isoformat(), "status": p.status, "review_note": p.review_note,
            "created_at": p.created_at.isoformat(timespec="seconds") if p.created_at else None,
            "erased_on": p.erased_on.isoformat() if p.erased_on else None}


def microproject_from_doc(d: dict[str, Any]) -> MicroProject:
    from tettpa_tui.domain.microproject import MicroProject

    return MicroProject(id=d["id"], leader_id=d["leader"], title=d["title"], goal=d["goal"],
                        actions=d.get("actions", ""), review=date.fromisoformat(d["review"]),
                        status=d.get("status", "open"), review_note=d.get("review_note", ""),
                        created_at=datetime.fromisoformat(d["created_at"]) if d.get("created_at") else None,
                        erased_on=date.fromisoformat(d["erased_on"]) if d.get("erased_on") else None)


class MicroProjectsMixin:
    """A department's mikroprosjekter (part of Store; uses ObservationsMixin's _upsert/_docs)."""

    def save_microproject(self, dept: Department, project: MicroProject) -> MicroProject:
        self._upsert(dept, "microprojects", microproject_to_doc(project))
        self._changed(dept, "microproject")
        return project

    def microprojects(self, dept: Department) -> list[MicroProject]:
        return sorted((microproject_from_doc(d) for d in self._docs(dept, "microprojects")),
                      key=lambda p: (p.created_at or datetime.min, p.review))
