"""CLASS certifications in the store: few, kindergarten-wide, so in kindergarten.json."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from tettpa_tui.domain.classframework import Instrument
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.store.layout import KINDERGARTEN_FILE
from tettpa_tui.store.storage import read_file

if TYPE_CHECKING:
    from tettpa_tui.domain.certification import Certification


def certification_to_doc(c: Certification) -> dict[str, Any]:
    return {"id": c.id, "staff_id": c.staff_id, "name": c.name, "instrument": c.instrument.value,
            "certified": c.certified.isoformat(), "due": c.due.isoformat(),
            "created_at": c.created_at.isoformat(timespec="seconds") if c.created_at else None}


def certification_from_doc(d: dict[str, Any]) -> Certification:
    from tettpa_tui.domain.certification import Certification

    return Certification(id=d["id"], staff_id=d["staff_id"], name=d["name"], instrument=Instrument(d["instrument"]),
                         certified=date.fromisoformat(d["certified"]), due=date.fromisoformat(d["due"]),
                         created_at=datetime.fromisoformat(d["created_at"]) if d.get("created_at") else None)


class CertificationMixin:
    """Saving and reading a kindergarten's CLASS certifications (part of Store)."""

    def save_certification(self, kindergarten: str, cert: Certification) -> Certification:
        folder = self.kindergarten_dir(kindergarten)
        if not (folder / KINDERGARTEN_FILE).exists():
            raise DomainError("error.kindergarten_unknown", name=kindergarten)
        with self.transaction(folder, KINDERGARTEN_FILE, "kindergarten") as db:
            db.table("certification").insert(certification_to_doc(cert))
        return cert

    def certifications(self, kindergarten: str) -> list[Certification]:
        data = read_file(self.kindergarten_dir(kindergarten) / KINDERGARTEN_FILE) or {}
        return sorted((certification_from_doc(d) for d in data.get("certification", {}).values()),
                      key=lambda c: (c.certified, c.created_at or datetime.min))
