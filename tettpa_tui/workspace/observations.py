"""CLASS observations: recording them, their results, this term's status, the development plan."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from tettpa_tui import content
from tettpa_tui.domain.calendar import MonthPlan
from tettpa_tui.domain.classframework import Instrument
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import Department
from tettpa_tui.domain import terms
from tettpa_tui.domain.terms import ObservationTerm
from tettpa_tui.lazy import OnFirstUse

if TYPE_CHECKING:
    from tettpa_tui.domain.observation import (
        DevelopmentPlan,
        Observation,
        ObservationRules,
    )


ob = OnFirstUse("tettpa_tui.domain.observation")


class ObservationsMixin:
    """A department's CLASS observations and development plan, and this term's observation."""

    @property
    def observation_rules(self) -> ObservationRules:
        return content.observation_rules()

    def record_observation(
        self, dept: Department, day: date, observer: str, cycles: list[dict[str, object]], now: datetime,
        instrument: Instrument | None = None, external: bool = False, oral_feedback: date | None = None,
    ) -> Observation:
        """A whole observation at once (from a file): every score checked, then one write."""
        from tettpa_tui.domain.certification import check_observer

        obs = ob.new_observation(day, observer, instrument or dept.instrument, now, external)
        obs = ob.with_oral_feedback(obs, oral_feedback)
        check_observer(self.store.certifications(dept.kindergarten), obs.observer, obs.instrument, day, external)
        for i, cycle in enumerate(cycles):
            for dim, score in cycle.items():
                obs = ob.set_score(obs, self.framework, i, dim, score)
        missing = ob.missing(obs, self.framework)
        if missing:
            cycle, dim = missing[0]
            raise DomainError("error.cycle_incomplete", cycle=cycle + 1, dimension=dim, count=len(missing))
        if not obs.cycles:
            raise DomainError("error.no_cycles")
        return self.store.save_observation(dept, obs)

    def set_oral_feedback(self, dept: Department, obs: Observation, day: date | None) -> Observation:
        """The day the whole department got the oral feedback on the observation."""
        return self.store.save_observation(dept, ob.with_oral_feedback(obs, day))

    def results(self, obs: Observation) -> ob.Results:
        return ob.results(obs, self.framework, self.observation_rules)

    def observed_dates(self, dept: Department) -> list[date]:
        """The dates of the department's observations with at least one complete cycle."""
        return [o.date for o in self.store.observations(dept) if ob.complete_cycles(o, self.framework)]

    def observation_term(self, dept: Department, today: date) -> tuple[ObservationTerm, str, date | None] | None:
        """This term's CLASS observation: the term, its status (done, upcoming, due,
        overdue) and the date it was observed. None for a pedagogue meeting."""
        if dept.is_pedagogue_meeting:
            return None
        term = terms.term_of(today, content.observation_periods())
        if term is None:
            return None
        observed = self.observed_dates(dept)
        return term, terms.term_status(term, observed, today), terms.observed_in(term, observed)

    def current_plan(self, dept: Department) -> DevelopmentPlan | None:
        plans = self.store.development_plans(dept)
        return plans[-1] if plans else None

    def place_focus_first(self, dept: Department, plan: DevelopmentPlan, today: date) -> list[MonthPlan]:
        """Put the plan's focus dimensions in the next months of the year wheel, in order."""
        changed = []
        start = self.next_meeting(dept, today).month
        months = [m for y in (start.kindergarten_year, start.kindergarten_year.next()) for m in y.months]
        for dim, month in zip(plan.focus, months[months.index(start):]):
            changed.append(self.set_plan(dept, month, dim, None))
        return changed
