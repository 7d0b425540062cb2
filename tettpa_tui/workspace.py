"""The store and content/ together: what both faces (app and CLI) ask for.

Answers questions that need a department's stored plan *and* the programme's
defaults: its year wheel, its next meeting, its programme year and theme.
No rules live here; they are in the domain, this only wires them up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tettpa_tui import content
from tettpa_tui.domain.calendar import (
    KindergartenYear,
    MonthPlan,
    Theme,
    YearMonth,
    YearWheel,
    next_meeting,
    programme_year,
    theme_for,
)
from tettpa_tui.domain.records import Department
from tettpa_tui.store import Store


@dataclass(frozen=True)
class ProgrammeStatus:
    pool: int | None
    year: int | None  # None while the kindergarten has no pool set
    theme: Theme


class Workspace:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.framework = content.framework()

    def wheel(self, dept: Department, year: KindergartenYear) -> YearWheel:
        return self.store.year_wheel(dept, year, content.default_plan(), content.default_rule())

    def next_meeting(self, dept: Department, today: date) -> MonthPlan:
        return next_meeting(lambda y: self.wheel(dept, y), today)

    def programme(self, dept: Department, today: date) -> ProgrammeStatus:
        pool = self.store.kindergarten(dept.kindergarten).pool
        start: YearMonth | None = content.pools().get(pool) if pool else None
        year = programme_year(start, today) if start else None
        return ProgrammeStatus(pool=pool, year=year, theme=theme_for(content.themes(), year or 1))

    def set_plan(
        self, dept: Department, month: YearMonth, dimension_id: str | None, meeting_date: date | None
    ) -> MonthPlan:
        """Change one month of the plan after checking it; returns the new month."""
        if dimension_id is not None:
            self.framework.dimension(dimension_id)  # raises for an unknown id
        wheel = self.wheel(dept, month.kindergarten_year)
        wheel.with_month(month, dimension_id, meeting_date)  # raises for bad month/date
        self.store.set_plan_month(dept, month, dimension_id, meeting_date)
        return self.wheel(dept, month.kindergarten_year).month(month)
