"""History search: everything handed in or said in meetings, cached per month file."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from tettpa_tui.domain import stories as story_rules
from tettpa_tui.domain.calendar import KindergartenYear, YearMonth
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import Department
from tettpa_tui.domain.stories import StoryStatus
from tettpa_tui.lazy import OnFirstUse

if TYPE_CHECKING:
    from tettpa_tui.domain.search import Hit, Searchable


_search = OnFirstUse("tettpa_tui.domain.search")


class SearchMixin:
    """Search through a department's history (drafts left out)."""

    def searchables(self, dept: Department) -> list[Searchable]:
        """Everything written in the department that search looks through.

        Drafts are private to their writer until handed in, so they are left out.
        Each month's items are remembered until its file changes on disk.
        """
        items: list[Searchable] = []
        for month in self.store.months_on_disk(dept):
            path = self.store.month_file(dept, month)
            try:
                st = os.stat(path)
            except FileNotFoundError:
                continue
            key = (str(path), st.st_ino, st.st_mtime_ns, st.st_size)
            cached = self._search_cache.get(str(path))
            if cached is None or cached[0] != key:
                cached = (key, self._month_items(dept, month))
                self._search_cache[str(path)] = cached
            items.extend(cached[1])
        return items

    def _month_items(self, dept: Department, month: YearMonth) -> list[Searchable]:
        items: list[Searchable] = []
        stories = {s.id: s for s in self.store.stories(dept, month)}
        for s in stories.values():
            if s.status is not StoryStatus.DRAFT and not story_rules.is_blank(s.text):
                items.append(_search.Searchable("story", s.text, s.month, s.dimension_id, s.author_id, s.used_in, s.id))
        for meeting in self.store.meetings(dept, month):
            state = self.meeting_state(dept, meeting)
            base = dict(month=meeting.month, dimension_id=meeting.dimension_id, meeting_id=meeting.id,
                        day=meeting.date)
            for tr in state.turns:
                if not tr.undone and tr.final_note:
                    story = state.stories[tr.story].story_id if tr.story >= 0 else None
                    items.append(_search.Searchable("note", tr.final_note, person_id=tr.speaker, story_id=story, **base))
            for run in state.stories:
                if run.goal:
                    items.append(_search.Searchable("goal", run.goal, person_id=run.teller_id, story_id=run.story_id, **base))
                if run.useful:
                    items.append(_search.Searchable("useful", run.useful, person_id=run.teller_id, story_id=run.story_id,
                                            **base))
            for story_id, (_status, note) in state.followups.items():
                if note:
                    teller = self._author_of(dept, story_id)
                    items.append(_search.Searchable("followup", note, person_id=teller, story_id=story_id, **base))
            for thought in state.parked:  # waiting, taken up or dropped: what was said is found
                if thought.text:
                    story = state.stories[thought.story].story_id if 0 <= thought.story < len(state.stories) else None
                    items.append(_search.Searchable("parked", thought.text, person_id=thought.author, story_id=story,
                                                    **base))
            if state.summary:
                items.append(_search.Searchable("summary", state.summary, person_id=meeting.facilitator_id, **base))
        return items

    def _author_of(self, dept: Department, story_id: str) -> str | None:
        try:
            return self.store.story(dept, story_id).author_id
        except DomainError:
            return None

    def search(self, dept: Department, query: str, dimension_id: str | None = None,
               person_id: str | None = None, year: KindergartenYear | None = None) -> list[Hit]:
        return _search.search(self.searchables(dept), query, dimension_id, person_id, year)
