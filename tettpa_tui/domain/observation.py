"""CLASS observations: scores per cycle, results per dimension and domain, the plan.

A certified observer scores each dimension 1–7 in each cycle. Only complete
cycles count. A dimension's score is its mean over those cycles; a domain's is
the mean of its dimensions, with Negative Climate reversed (8 − score), so
that high is good in every domain. Domains are shown side by side, never
merged into one number.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from statistics import mean

from tettpa_tui.domain.classframework import ClassDomain, Framework, Instrument
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import clean_name, new_id


@dataclass(frozen=True)
class ObservationRules:
    low_below: float = 2.5
    middle_below: float = 5.5
    thresholds: dict[str, float] = field(default_factory=dict)
    reversed: frozenset[str] = frozenset({"negative-climate"})
    cycles: int = 3
    assumed: frozenset[str] = frozenset()  # domains whose threshold is the app's assumption


def domains_of(fw: Framework, instrument: Instrument) -> tuple[ClassDomain, ...]:
    return fw.instrument_domains(instrument)


def dimensions_of(fw: Framework, instrument: Instrument) -> tuple[str, ...]:
    return fw.instrument_ids(instrument)


def parse_score(value: object) -> int:
    """A score as given: a whole number 1–7, or a clear error."""
    if isinstance(value, bool):
        raise DomainError("error.score", value=str(value))
    if isinstance(value, int):
        score = value
    elif isinstance(value, str) and value.strip().isdigit():
        score = int(value.strip())
    else:
        raise DomainError("error.score", value=str(value))
    if not 1 <= score <= 7:
        raise DomainError("error.score", value=str(value))
    return score


@dataclass(frozen=True)
class Observation:
    id: str
    date: date
    observer: str
    instrument: Instrument
    cycles: tuple[dict[str, int], ...]  # cycle -> dimension id -> score (a cycle may be partial)
    created_at: datetime | None = None
    external: bool = False  # the observer came from outside the kindergarten (e.g. the styrer network)
    oral_feedback: date | None = None  # when the whole department got the oral feedback


def new_observation(day: date, observer: str, instrument: Instrument, now: datetime,
                    external: bool = False) -> Observation:
    if not observer.strip():
        raise DomainError("error.observer_empty")
    # A name like any other: no control, zero-width or bidi characters, a length a screen can show.
    return Observation(new_id(), day, clean_name(observer, in_paths=False), instrument, (), now, external)


def with_oral_feedback(obs: Observation, day: date | None) -> Observation:
    """Record the day the whole department got the oral feedback (None: not given yet).
    Feedback follows the observation: not before its day."""
    if day is not None and day < obs.date:
        raise DomainError("error.oral_feedback_before", date=day.isoformat(), observed=obs.date.isoformat())
    return replace(obs, oral_feedback=day)


def set_score(obs: Observation, fw: Framework, cycle: int, dimension_id: str, score: int | None) -> Observation:
    """Score one dimension in one cycle (None clears it). Cycles are numbered from 0."""
    if dimension_id not in dimensions_of(fw, obs.instrument):
        raise DomainError("error.dimension_not_in_instrument", value=dimension_id,
                          instrument=obs.instrument.value)
    if not 0 <= cycle < 6:
        raise DomainError("error.cycle", value=cycle + 1)
    cycles = [dict(c) for c in obs.cycles]
    while len(cycles) <= cycle:
        cycles.append({})
    if score is None:
        cycles[cycle].pop(dimension_id, None)
    else:
        cycles[cycle][dimension_id] = parse_score(score)
    while cycles and not cycles[-1]:
        cycles.pop()
    return replace(obs, cycles=tuple(cycles))


def complete_cycles(obs: Observation, fw: Framework) -> list[dict[str, int]]:
    dims = dimensions_of(fw, obs.instrument)
    return [c for c in obs.cycles if all(d in c for d in dims)]


def missing(obs: Observation, fw: Framework) -> list[tuple[int, str]]:
    """(cycle, dimension) still to score in the cycles begun."""
    dims = dimensions_of(fw, obs.instrument)
    return [(i, d) for i, c in enumerate(obs.cycles) for d in dims if d not in c]


@dataclass(frozen=True)
class Results:
    complete: int  # complete cycles counted
    dimensions: dict[str, float]  # id -> mean over complete cycles (as scored), unrounded
    domains: dict[str, float]  # id -> mean of its dimensions (reversed where the rules say), unrounded


def results(obs: Observation, fw: Framework, rules: ObservationRules) -> Results:
    cycles = complete_cycles(obs, fw)
    if not cycles:
        return Results(0, {}, {})
    # Unrounded: a domain's mean is taken from its dimensions' own means, not from
    # rounded ones (2,2,3 / 2,3,2 / 3,3,4 is 8/3 = 2,67, not 2,66), and rounding is for
    # display only: near a threshold the difference decides the verdict.
    dims = {d: mean(c[d] for c in cycles) for d in dimensions_of(fw, obs.instrument)}
    doms = {
        dom.id: mean(effective(dims[d], d, rules) for d in dom.dimension_ids)
        for dom in domains_of(fw, obs.instrument)
    }
    return Results(len(cycles), dims, doms)


def effective(score: float, dimension_id: str, rules: ObservationRules) -> float:
    """The score as it counts in its domain: reversed for Negative Climate (8 − score)."""
    return 8 - score if dimension_id in rules.reversed else score


def band(score: float, rules: ObservationRules) -> str:
    """'low' (1–2), 'middle' (3–5) or 'high' (6–7), for a mean as for a single score."""
    if score < rules.low_below:
        return "low"
    if score < rules.middle_below:
        return "middle"
    return "high"


def domain_of(fw: Framework, instrument: Instrument, dimension_id: str) -> ClassDomain:
    return next(dom for dom in domains_of(fw, instrument) if dimension_id in dom.dimension_ids)


def above_threshold(score: float, threshold: float) -> bool:
    """The research thresholds are "above 5" and "above 3": a mean exactly at
    the threshold is not above it. The one rule for every screen, report and page."""
    return score > threshold


def threshold_verdict(score: float, threshold: float) -> str:
    """'above', 'at' (exactly on it: not above) or 'below' a domain's threshold."""
    if above_threshold(score, threshold):
        return "above"
    return "at" if score == threshold else "below"


def suggest_focus(obs: Observation, fw: Framework, rules: ObservationRules, limit: int = 3) -> list[str]:
    """The dimensions with the lowest scores of their own, worst first.

    The thresholds belong to domains, not to single dimensions, so they are
    not used here: each dimension is ranked by its own mean (Negative Climate
    as it counts, 8 − score). Dimensions already in the high band are left out.
    """
    res = results(obs, fw, rules)
    ranked = sorted((effective(score, d, rules), d) for d, score in res.dimensions.items())
    return [d for score, d in ranked if band(score, rules) != "high"][:limit]


def default_review(observed: date) -> date:
    """The plan is reviewed before the next observation: an autumn plan in March,
    a spring plan in October."""
    if observed.month > 6:
        return date(observed.year + 1, 3, 1)
    return date(observed.year, 10, 1)


@dataclass(frozen=True)
class DevelopmentPlan:
    id: str
    observation_id: str
    focus: tuple[str, ...]
    goals: str
    actions: str
    review: date
    created_at: datetime | None = None


def new_plan(observation_id: str, focus: list[str], goals: str, actions: str, review: date,
             now: datetime) -> DevelopmentPlan:
    if not 1 <= len(focus) <= 3:
        raise DomainError("error.focus_count")
    if not goals.strip():
        raise DomainError("error.plan_goals_empty")
    return DevelopmentPlan(new_id(), observation_id, tuple(focus), goals.strip(), actions.strip(), review, now)
