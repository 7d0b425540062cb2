"""Practice stories in the store: kept in their month's file."""

from __future__ import annotations

from collections.abc import Callable

from tettpa_tui.domain.calendar import YearMonth
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import Department
from tettpa_tui.domain.stories import Story
from tettpa_tui.store.documents import story_from_doc, story_to_doc
from tettpa_tui.store.storage import read_file


class StoriesMixin:
    """Saving, changing and reading a department's practice stories (part of Store)."""

    def save_story(self, dept: Department, story: Story) -> Story:
        """Store a story (new or changed) in its month's file."""
        with self.month_transaction(dept, story.month) as db:
            table = db.table("stories")
            doc = story_to_doc(story)
            old = next((d for d in table.all() if d["id"] == story.id), None)
            if old is None:
                table.insert(doc)
            else:
                table.update(doc, doc_ids=[old.doc_id])
        return story

    def change_story(
        self, dept: Department, month: YearMonth, story_id: str, change: Callable[[Story], Story]
    ) -> Story:
        """Read the story afresh under the lock, apply `change`, write it back."""
        with self.month_transaction(dept, month) as db:
            table = db.table("stories")
            old = next((d for d in table.all() if d["id"] == story_id), None)
            if old is None:
                raise DomainError("error.story_unknown", id=story_id)
            changed = change(story_from_doc(old))
            table.update(story_to_doc(changed), doc_ids=[old.doc_id])
            return changed

    def stories(self, dept: Department, month: YearMonth | None = None) -> list[Story]:
        """The department's stories (of one month, or all), oldest first."""
        months = [month] if month is not None else self.months_on_disk(dept)
        found: list[Story] = []
        for m in months:
            data = read_file(self.month_file(dept, m)) or {}
            found.extend(story_from_doc(d) for d in data.get("stories", {}).values())
        return sorted(found, key=lambda s: (s.month, s.created_at, s.id))

    def story(self, dept: Department, story_id: str) -> Story:
        for s in self.stories(dept):
            if s.id == story_id:
                return s
        raise DomainError("error.story_unknown", id=story_id)
