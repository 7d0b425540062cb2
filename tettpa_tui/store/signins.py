"""The phone page's record of sign-ins, one file per department (signins.json), written
under the department's lock like every other file, and pruned at every write."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from tettpa_tui.domain.records import Department
from tettpa_tui.store.storage import read_file

if TYPE_CHECKING:
    from tettpa_tui.domain.signins import SignInRecord

# Only the phone page records and reads sign-ins: the domain's module is imported where
# used, not at every start.

SIGNINS_FILE = "signins.json"


def _to_doc(r: SignInRecord) -> dict:
    doc = {"at": r.at.isoformat(), "staff": r.staff_id, "event": r.event.value}
    if r.seconds is not None:
        doc["seconds"] = r.seconds
    return doc


def _from_doc(doc: dict) -> SignInRecord | None:
    from tettpa_tui.domain import signins

    try:
        return signins.SignInRecord(datetime.fromisoformat(doc["at"]), doc.get("staff"), signins.SignInEvent(doc["event"]),
                            doc.get("seconds"))
    except (KeyError, ValueError, TypeError):
        return None  # a newer version's event: left in the file, not shown


class SignInsMixin:
    """Recording and reading the phone page's sign-ins (part of Store)."""

    def record_sign_in(self, dept: Department, record: SignInRecord, days: int | None = None) -> None:
        from tettpa_tui.domain import signins

        days = signins.KEEP_DAYS if days is None else days
        folder = self.department_dir(dept.kindergarten, dept.name)  # type: ignore[attr-defined]
        with self.transaction(folder, SIGNINS_FILE, "signins") as db:  # type: ignore[attr-defined]
            table = db.table("signins")
            old = [d.doc_id for d in table.all()
                   if (r := _from_doc(d)) is not None and not signins.kept([r], record.at, days)]
            if old:
                table.remove(doc_ids=old)
            table.insert(_to_doc(record))

    def sign_ins(self, dept: Department, now: datetime, days: int | None = None) -> list[SignInRecord]:
        """The department's record of the last `days` days (the domain's KEEP_DAYS), oldest first."""
        from tettpa_tui.domain import signins

        days = signins.KEEP_DAYS if days is None else days
        folder = self.department_dir(dept.kindergarten, dept.name)  # type: ignore[attr-defined]
        data = read_file(folder / SIGNINS_FILE) or {}
        records = [r for d in data.get("signins", {}).values() if (r := _from_doc(d)) is not None]
        return signins.kept(records, now, days)
