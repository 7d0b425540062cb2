"""Samarbeidsmøter (director and mentor) in the store: few, so in kindergarten.json."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from tettpa_tui.domain.errors import DomainError
from tettpa_tui.store.documents import cooperation_from_doc, cooperation_to_doc
from tettpa_tui.store.layout import KINDERGARTEN_FILE
from tettpa_tui.store.storage import read_file

if TYPE_CHECKING:  # imported where used: not needed to start the app
    from tettpa_tui.domain.cooperation import CooperationMeeting


class CooperationMixin:
    """Saving and reading a kindergarten's cooperation meetings (part of Store)."""

    def save_cooperation_meeting(self, kindergarten: str, meeting: CooperationMeeting) -> CooperationMeeting:
        folder = self.kindergarten_dir(kindergarten)
        if not (folder / KINDERGARTEN_FILE).exists():
            raise DomainError("error.kindergarten_unknown", name=kindergarten)
        with self.transaction(folder, KINDERGARTEN_FILE, "kindergarten") as db:
            table = db.table("cooperation")
            doc = cooperation_to_doc(meeting)
            old = next((d for d in table.all() if d["id"] == meeting.id), None)
            if old is None:
                table.insert(doc)
            else:
                table.update(doc, doc_ids=[old.doc_id])
        return meeting

    def cooperation_meetings(self, kindergarten: str) -> list[CooperationMeeting]:
        data = read_file(self.kindergarten_dir(kindergarten) / KINDERGARTEN_FILE) or {}
        return sorted((cooperation_from_doc(d) for d in data.get("cooperation", {}).values()),
                      key=lambda m: (m.date, m.created_at or datetime.min))
