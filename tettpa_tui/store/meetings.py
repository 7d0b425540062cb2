"""Meetings in the store: a header and an append-only list of events, in the month's file."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from tettpa_tui.domain.calendar import YearMonth
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import Department
from tettpa_tui.store.documents import event_from_doc, event_to_doc, meeting_from_doc, meeting_to_doc
from tettpa_tui.store.storage import may_hold, read_file

if TYPE_CHECKING:  # imported where used: not needed to start the app
    from tettpa_tui.domain.meeting import Event, Meeting


class MeetingsMixin:
    """Saving a meeting, writing its events as they happen, and reading meetings back (part of Store)."""

    def save_meeting(self, dept: Department, meeting: Meeting) -> Meeting:
        with self.month_transaction(dept, meeting.month) as db:
            table = db.table("meetings")
            old = next((d for d in table.all() if d["id"] == meeting.id), None)
            if old is None:
                table.insert(meeting_to_doc(meeting))
            else:
                table.update(meeting_to_doc(meeting), doc_ids=[old.doc_id])
        return meeting

    def append_events(self, dept: Department, meeting: Meeting, events: list[Event]) -> None:
        """Write events the moment they happen; refuse if someone else wrote in between."""
        if not events:
            return
        with self.month_transaction(dept, meeting.month) as db:
            table = db.table("events")
            current = read_file(self.month_file(dept, meeting.month)) or {}  # read under the lock
            last = max((d["seq"] for d in current.get("events", {}).values() if d["meeting"] == meeting.id),
                       default=0)
            if events[0].seq != last + 1:
                raise DomainError("error.meeting_changed")
            table.insert_multiple(event_to_doc(meeting.id, e) for e in events)
            if any(e.kind == "finished" for e in events):
                meetings = db.table("meetings")
                head = next(d for d in meetings.all() if d["id"] == meeting.id)
                meetings.update({"status": "finished"}, doc_ids=[head.doc_id])
        if any(e.kind == "finished" for e in events):
            self._changed(dept, "meeting_finished")

    def save_summary_draft(self, dept: Department, meeting: Meeting, text: str) -> None:
        """The closing summary as it is typed, so a closed terminal does not lose it."""
        with self.month_transaction(dept, meeting.month) as db:
            meetings = db.table("meetings")
            head = next(d for d in meetings.all() if d["id"] == meeting.id)
            meetings.update({"summary_draft": text}, doc_ids=[head.doc_id])

    def save_note_draft(self, dept: Department, meeting: Meeting, text: str) -> None:
        """The note for whoever has the word as it is typed, so a closed terminal does not lose it."""
        with self.month_transaction(dept, meeting.month) as db:
            meetings = db.table("meetings")
            head = next(d for d in meetings.all() if d["id"] == meeting.id)
            meetings.update({"note_draft": text}, doc_ids=[head.doc_id])

    def discard_meeting(self, dept: Department, meeting: Meeting) -> None:
        """Mark a meeting started by mistake as discarded (it stays in the file)."""
        with self.month_transaction(dept, meeting.month) as db:
            meetings = db.table("meetings")
            head = next(d for d in meetings.all() if d["id"] == meeting.id)
            meetings.update({"status": meeting.status,
                             "discarded_at": meeting.discarded_at.isoformat(timespec="seconds")
                             if meeting.discarded_at else None}, doc_ids=[head.doc_id])

    def mark_alive(self, dept: Department, meeting: Meeting, at: datetime) -> None:
        """Note that the meeting is open on a screen now (its clocks pause while it is not)."""
        with self.month_transaction(dept, meeting.month) as db:
            meetings = db.table("meetings")
            head = next(d for d in meetings.all() if d["id"] == meeting.id)
            meetings.update({"alive_at": at.isoformat(timespec="seconds")}, doc_ids=[head.doc_id])

    def meetings(self, dept: Department, month: YearMonth | None = None,
                 status: str | None = None) -> list[Meeting]:
        """The meetings of one month (or all), oldest first; only those with
        `status` if given (a file that cannot hold it is not parsed: a meeting
        left running is rare, and a month's file can be large). A meeting
        discarded as started by mistake is kept in the file but only listed
        when asked for by its status."""
        months = [month] if month is not None else self.months_on_disk(dept)
        found = []
        for m in months:
            path = self.month_file(dept, m)
            if status is None or may_hold(path, status):
                data = read_file(path) or {}
                found.extend(meeting_from_doc(d) for d in data.get("meetings", {}).values()
                             if d.get("status", "running") == status
                             or (status is None and d.get("status") != "discarded"))
        return sorted(found, key=lambda m: (m.date, m.created_at or datetime.min))

    def has_meeting(self, dept: Department, month: YearMonth, status: str) -> bool:
        """Whether the month holds a meeting with `status`, asked of its documents
        without making the meetings (the home screen's question, at every start)."""
        path = self.month_file(dept, month)
        if not may_hold(path, status):
            return False
        data = read_file(path) or {}
        return any(d.get("status", "running") == status for d in data.get("meetings", {}).values())

    def meeting(self, dept: Department, meeting_id: str) -> Meeting:
        for m in self.meetings(dept):
            if m.id == meeting_id:
                return m
        raise DomainError("error.meeting_unknown", id=meeting_id)

    def month_activity(self, dept: Department, month: YearMonth) -> tuple[list[tuple[date, str, int]], int]:
        """A quick count for overviews, from one read of the month's file:
        the finished meetings as (date, dimension, follow-ups recorded), and the stories handed in."""
        data = read_file(self.month_file(dept, month)) or {}
        events = list(data.get("events", {}).values())
        finished = []
        for m in data.get("meetings", {}).values():
            if m.get("status") == "finished":
                followups = {e["data"].get("story_id") for e in events
                             if e["meeting"] == m["id"] and e["kind"] == "followup"}
                finished.append((date.fromisoformat(m["date"]), m["dimension"], len(followups)))
        stories = sum(1 for d in data.get("stories", {}).values() if d.get("status") != "draft")
        return finished, stories

    def meeting_events(self, dept: Department, meeting: Meeting) -> list[Event]:
        data = read_file(self.month_file(dept, meeting.month)) or {}
        docs = [d for d in data.get("events", {}).values() if d["meeting"] == meeting.id]
        return sorted((event_from_doc(d) for d in docs), key=lambda e: e.seq)
