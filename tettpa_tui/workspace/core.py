"""The workspace's ground floor: the store, the CLASS framework, the year wheel and plan.

Construction, the framework as a department sees it, the department's plan
(its year wheel, next and held meeting) and where it is in the programme.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from tettpa_tui import content
from tettpa_tui.domain.calendar import (
    KindergartenYear,
    MonthPlan,
    PlanOverride,
    Theme,
    YearMonth,
    YearWheel,
    earliest_meetings,
    meeting_month,
    next_meeting,
    writing_meeting,
    programme_year,
    theme_for,
)
from tettpa_tui.domain.classframework import Framework, Instrument
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import Department
from tettpa_tui.store import Store

if TYPE_CHECKING:
    from tettpa_tui.domain.meeting import Meeting
    from tettpa_tui.domain.search import Searchable


@dataclass(frozen=True)
class ProgrammeStatus:
    """Where a kindergarten is in the programme, and that year's theme."""

    pool: int | None
    year: int | None  # None while the kindergarten has no pool set
    theme: Theme


class WorkspaceCore:
    """The store and content/ joined: framework, year wheel, plan and programme year."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.framework = content.framework()
        self._search_cache: dict[str, tuple[tuple, list[Searchable]]] = {}
        self._frameworks: dict[Instrument, Framework] = {}

    def framework_for(self, dept: Department) -> Framework:
        """The CLASS framework as the department sees it: its instrument's
        dimensions to choose from, with that instrument's names and texts."""
        instrument = dept.instrument
        if instrument not in self._frameworks:
            self._frameworks[instrument] = self.framework.for_instrument(instrument)
        return self._frameworks[instrument]

    def wheel(self, dept: Department, year: KindergartenYear) -> YearWheel:
        """The department's year wheel: its instrument's default plan with its own
        changes; a month whose dimension is not in the instrument is flagged.

        A pedagogue meeting has no wheel of its own: each month it is planned before the
        kindergarten's department meetings (domain/calendar.pedagogue_meeting_date; a date
        set by hand for a month is kept), and it takes up what the departments do; its
        month's dimension is the first department's (pedagogue.departments_next names all)."""
        instrument = dept.instrument
        if dept.is_pedagogue_meeting:
            return self._pedagogue_wheel(dept, year)
        wheel = self.store.year_wheel(dept, year, content.default_plan(instrument), content.default_rule())
        return replace(wheel, allowed=frozenset(self.framework.instrument_ids(instrument)))

    def _pedagogue_wheel(self, ped: Department, year: KindergartenYear) -> YearWheel:
        departments = [d for d in self.store.list_departments(problems=[]) if d.kindergarten == ped.kindergarten]
        wheels = [self.wheel(d, year) for d in departments]
        own = self.store.year_wheel(ped, year, content.default_plan(ped.instrument), content.default_rule())
        if not wheels:  # a kindergarten with no departments left: its own dates, as before
            return own
        first = wheels[0]
        dims = {plan.month.month: plan.dimension_id for plan in first.months}
        # Only its hand-set dates are kept: a dimension once set in its own wheel no longer counts.
        dates = {k: PlanOverride(meeting_date=o.meeting_date) for k, o in own.overrides.items() if o.meeting_date}
        return replace(own, default_dimensions=dims, overrides=dates,
                       department_meetings=earliest_meetings(wheels))

    def set_instrument(self, dept: Department, instrument: Instrument) -> Department:
        """An age-mixed department chooses its instrument (its wheel follows it)."""
        return self.store.set_instrument(dept, instrument)

    def next_meeting(self, dept: Department, today: date) -> MonthPlan:
        """The next meeting (domain/calendar.next_meeting): a month whose meeting has
        been held hands over to the next; one whose date has passed stays next while
        stories handed in for it (or a meeting of it left open) wait for it."""
        return next_meeting(lambda y: self.wheel(dept, y), today,
                            held=lambda month: self.was_held(dept, month),
                            waiting=lambda month: self._waiting(dept, month))

    def writing_meeting(self, dept: Department, today: date) -> MonthPlan:
        """The meeting a new story is written for (domain/calendar.writing_meeting):
        the next meeting, or the one after it while the next one is running."""
        return writing_meeting(lambda y: self.wheel(dept, y), today,
                               held=lambda month: self.was_held(dept, month),
                               waiting=lambda month: self._waiting(dept, month),
                               running=lambda month: bool(self.store.meetings(dept, month, status="running")))

    def meeting_month(self, dept: Department, day: date, today: date) -> MonthPlan:
        """The planned month a meeting held on `day` belongs to, seen from `today`:
        the next meeting's, unless `day` is moved into a later planned month."""
        return meeting_month(lambda y: self.wheel(dept, y), day, self.next_meeting(dept, today),
                             held=lambda month: self.was_held(dept, month))

    def _waiting(self, dept: Department, month: YearMonth) -> bool:
        """Something waits for the month's meeting: a story handed in for it, or a meeting left open."""
        from tettpa_tui.domain.stories import StoryStatus

        if any(s.status is StoryStatus.SUBMITTED for s in self.store.stories(dept, month)):
            return True
        return bool(self.store.meetings(dept, month, status="running"))

    def was_held(self, dept: Department, month: YearMonth) -> bool:
        """Whether the month's meeting has been held (held_meeting, without making it:
        asked of several months at every start)."""
        return self.store.has_meeting(dept, month, "finished")

    def held_meeting(self, dept: Department, month: YearMonth) -> Meeting | None:
        """The month's finished meeting, if it has been held."""
        finished = self.store.meetings(dept, month, status="finished")
        return finished[-1] if finished else None

    def programme(self, dept: Department, today: date) -> ProgrammeStatus:
        pool = self.store.kindergarten(dept.kindergarten).pool
        start: YearMonth | None = content.pools().get(pool) if pool else None
        year = programme_year(start, today) if start else None
        return ProgrammeStatus(pool=pool, year=year, theme=theme_for(content.themes(), year or 1))

    def programme_events(self, dept: Department, year: KindergartenYear) -> dict[YearMonth, list]:
        """The programme's own events planned in each month of the year (study days,
        workshops, modules; content/programme.toml, whose months are the app's defaults)."""
        from tettpa_tui.domain.programme import events_in

        pool = self.store.kindergarten(dept.kindergarten).pool
        start = content.pools().get(pool) if pool else None
        return {m: events_in(content.programme_events(), start, m) for m in year.months}

    def set_plan(
        self, dept: Department, month: YearMonth, dimension_id: str | None, meeting_date: date | None
    ) -> MonthPlan:
        """Change one month of the plan after checking it; returns the new month."""
        if dimension_id is not None and dept.is_pedagogue_meeting:
            raise DomainError("error.pedagogue_plan_dimension")  # it takes up the departments' dimensions
        if dimension_id is not None:
            self.framework.dimension(dimension_id)  # raises for an unknown id
        wheel = self.wheel(dept, month.kindergarten_year)
        wheel.with_month(month, dimension_id, meeting_date)  # raises for bad month/date
        if dimension_id is not None and not self.framework.in_instrument(dimension_id, dept.instrument):
            raise DomainError("error.dimension_not_for_department", value=dimension_id,
                              instrument=dept.instrument.value)
        self.store.set_plan_month(dept, month, dimension_id, meeting_date)
        return self.wheel(dept, month.kindergarten_year).month(month)
