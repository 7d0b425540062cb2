"""Practice stories in the store: kept in their month's file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from tettpa_tui.domain.calendar import YearMonth
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import Department
from tettpa_tui.domain.stories import Story
from tettpa_tui.store.documents import story_from_doc, story_to_doc
from tettpa_tui.store.groupcommit import GroupCommit, Pending
from tettpa_tui.store.storage import read_file

# Shared by every Store of the process: two Store objects over one folder (the
# phone page's and a test's) still meet in one queue per month file.
_COMMITS = GroupCommit()


class StoriesMixin:
    """Saving, changing and reading a department's practice stories (part of Store)."""

    def save_story(self, dept: Department, story: Story) -> Story:
        """Store a story (new or changed) in its month's file (written together with
        other saves to that month asked for at the same time, see change_story)."""
        return self._queue_story_change(dept, story.month, story.id, lambda _old: story, new=story)

    def change_story(
        self, dept: Department, month: YearMonth, story_id: str, change: Callable[[Story], Story]
    ) -> Story:
        """Read the story afresh under the lock, apply `change`, write it back.

        Changes to the same month asked for at the same time (many phones saving
        drafts) are written together in one locked read-modify-write; each call
        returns only once the write holding its change is on disk (groupcommit.py)."""
        return self._queue_story_change(dept, month, story_id, change)

    def _queue_story_change(self, dept: Department, month: YearMonth, story_id: str,
                            change: Callable[[Story], Story], new: Story | None = None) -> Story:
        if self.lock_held_here(dept):  # inside a transaction of this thread: queueing would wait on ourselves
            mine = Pending(story_id, change, new)
            return self._write_story_changes(dept, month, lambda: [mine], direct=True)
        return _COMMITS.submit(str(self.month_file(dept, month)), story_id, change,
                               lambda take: self._write_story_changes(dept, month, take), new)

    def _write_story_changes(self, dept: Department, month: YearMonth,
                             take: Callable[[], list[Pending[Story]]], direct: bool = False) -> Story:
        """One locked read-modify-write of a month's file for every change queued when the
        lock is taken (`take()`), in order: a later change sees the earlier ones. A change
        that raises is left out and its error kept for its caller (raised at once when `direct`)."""
        with self.month_transaction(dept, month) as db:
            batch = take()
            # One read and one write of the file for the whole batch (TinyDB's update and
            # insert would each rewrite it): its documents by doc id, as TinyDB keeps them.
            data = db.storage.read() or {}
            docs = data.setdefault("stories", {})
            doc_ids = {doc["id"]: doc_id for doc_id, doc in docs.items()}
            current: dict[str, Story] = {}
            for p in batch:
                try:
                    if p.key in current:
                        story = current[p.key]
                    elif p.key in doc_ids:
                        story = story_from_doc(docs[doc_ids[p.key]])
                    elif p.new is not None:
                        story = p.new
                    else:
                        raise DomainError("error.story_unknown", id=p.key)
                    current[p.key] = p.result = p.apply(story)
                except Exception as exc:  # noqa: BLE001 - that caller's own error, raised in its thread
                    if direct:
                        raise
                    p.error = exc
            if current:
                next_id = max((int(doc_id) for doc_id in docs), default=0) + 1
                for key, story in current.items():
                    if key in doc_ids:
                        docs[doc_ids[key]] = {**docs[doc_ids[key]], **story_to_doc(story)}
                    else:
                        docs[str(next_id)] = story_to_doc(story)
                        next_id += 1
                db.storage.write(data)
        return batch[0].result  # type: ignore[return-value]

    def move_story(self, dept: Department, story: Story, to: YearMonth) -> Story:
        """Move a story to another month's file, safely across two files: the copy (same
        id) is written into `to` first, then the story is taken out of its old month. A
        move cut between the two leaves the id in both; `stories()` shows the later
        month's, and moving again finishes the move."""
        moved = self.save_story(dept, replace(story, month=to))
        with self.month_transaction(dept, story.month) as db:
            data = db.storage.read() or {}
            docs = data.get("stories", {})
            gone = [doc_id for doc_id, doc in docs.items() if doc.get("id") == story.id]
            if gone:
                for doc_id in gone:
                    del docs[doc_id]
                db.storage.write(data)
        return moved

    def stories(self, dept: Department, month: YearMonth | None = None) -> list[Story]:
        """The department's stories (of one month, or all), oldest first. A story in two
        months (a move cut short, see move_story) is shown once: the later month's."""
        months = [month] if month is not None else self.months_on_disk(dept)
        found: dict[str, Story] = {}
        for m in months:
            data = read_file(self.month_file(dept, m)) or {}
            for d in data.get("stories", {}).values():
                s = story_from_doc(d)
                if s.id not in found or found[s.id].month < s.month:
                    found[s.id] = s
        return sorted(found.values(), key=lambda s: (s.month, s.created_at, s.id))

    def story(self, dept: Department, story_id: str) -> Story:
        for s in self.stories(dept):
            if s.id == story_id:
                return s
        raise DomainError("error.story_unknown", id=story_id)
