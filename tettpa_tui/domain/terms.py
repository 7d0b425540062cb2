"""Observation terms: CLASS observation happens each autumn and each spring.

A kindergarten year has two terms, autumn (August–December) and spring
(January–June; July, the holiday, closes the spring). Each term has an
observation period, a few months named in content/observation.toml, when the
certified observer visits the department (three cycles). A term's observation
is done when an observation dated in that term has at least one complete cycle.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from tettpa_tui.domain.calendar import KindergartenYear, YearMonth

AUTUMN = "autumn"
SPRING = "spring"


@dataclass(frozen=True)
class ObservationTerm:
    season: str  # AUTUMN or SPRING
    year: KindergartenYear
    period: tuple[YearMonth, ...]  # the months the observation is planned for

    @property
    def first_day(self) -> date:
        return date(self.year.start, 8, 1) if self.season == AUTUMN else date(self.year.start + 1, 1, 1)

    @property
    def last_day(self) -> date:
        return date(self.year.start, 12, 31) if self.season == AUTUMN else date(self.year.start + 1, 7, 31)

    def holds(self, day: date) -> bool:
        """Whether `day` lies in this term (not only in its observation period)."""
        return self.first_day <= day <= self.last_day

    @property
    def period_start(self) -> date:
        return self.period[0].first_day

    @property
    def period_end(self) -> date:
        return self.period[-1].last_day


def terms_of(year: KindergartenYear, periods: Mapping[str, tuple[int, ...]]) -> tuple[ObservationTerm, ...]:
    """The autumn and spring terms of a kindergarten year, with their periods."""
    out = []
    for season in (AUTUMN, SPRING):
        months = tuple(m for m in year.months if m.month in periods.get(season, ()))
        months = tuple(sorted(months))
        if months:
            out.append(ObservationTerm(season, year, months))
    return tuple(out)


def term_of(day: date, periods: Mapping[str, tuple[int, ...]]) -> ObservationTerm | None:
    """The term `day` lies in."""
    for term in terms_of(KindergartenYear.containing(day), periods):
        if term.holds(day):
            return term
    return None


def period_season(month: YearMonth, periods: Mapping[str, tuple[int, ...]]) -> str | None:
    """AUTUMN or SPRING when the month is in that term's observation period (for the year wheel)."""
    for term in terms_of(month.kindergarten_year, periods):
        if month in term.period:
            return term.season
    return None


def observed_in(term: ObservationTerm, observed: Iterable[date]) -> date | None:
    """The date of the term's observation (the latest, if more), or None if none was recorded."""
    days = [d for d in observed if term.holds(d)]
    return max(days) if days else None


def term_status(term: ObservationTerm, observed: Iterable[date], today: date) -> str:
    """'done' (recorded), 'upcoming' (the period has not begun), 'due' (in the
    period, not recorded) or 'overdue' (the period is over, not recorded)."""
    if observed_in(term, observed) is not None:
        return "done"
    if today < term.period_start:
        return "upcoming"
    if today <= term.period_end:
        return "due"
    return "overdue"


__all__ = ["AUTUMN", "SPRING", "ObservationTerm", "observed_in", "period_season", "term_of", "term_status",
           "terms_of"]
