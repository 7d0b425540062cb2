"""Finding what was written: stories, notes from turns, goals, follow-ups, summaries."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from tettpa_tui.domain.calendar import KindergartenYear, YearMonth

KINDS = ("story", "note", "goal", "useful", "followup", "summary")


@dataclass(frozen=True)
class Searchable:
    kind: str
    text: str
    month: YearMonth
    dimension_id: str
    person_id: str | None = None
    meeting_id: str | None = None
    story_id: str | None = None
    day: date | None = None


@dataclass(frozen=True)
class Hit:
    item: Searchable
    start: int
    end: int

    def snippet(self, width: int = 70) -> tuple[str, int, int]:
        """A window of the text around the hit: (text, hit start, hit end) within it."""
        text = self.item.text
        before = max(0, self.start - width // 3)
        after = min(len(text), before + width)
        piece = text[before:after]
        prefix = "…" if before else ""
        suffix = "…" if after < len(text) else ""
        return prefix + piece + suffix, self.start - before + len(prefix), self.end - before + len(prefix)


def search(
    items: list[Searchable],
    query: str,
    dimension_id: str | None = None,
    person_id: str | None = None,
    year: KindergartenYear | None = None,
) -> list[Hit]:
    """Every item containing `query` (case does not matter), newest first."""
    words = query.strip()
    if not words:
        return []
    pattern = re.compile(re.escape(words), re.IGNORECASE)
    hits = []
    for item in items:
        if dimension_id and item.dimension_id != dimension_id:
            continue
        if person_id and item.person_id != person_id:
            continue
        if year and not year.has(item.month):
            continue
        m = pattern.search(item.text)
        if m:
            hits.append(Hit(item, m.start(), m.end()))
    return sorted(hits, key=lambda h: (h.item.month, h.item.day or date.min), reverse=True)
