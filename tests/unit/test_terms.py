"""Observation terms: autumn and spring, their periods, and whether the observation is done."""

from datetime import date

from tettpa_tui import content
from tettpa_tui.domain import terms
from tettpa_tui.domain.calendar import KindergartenYear, YearMonth

PERIODS = {"autumn": (9, 10, 11), "spring": (2, 3, 4)}


def test_a_kindergarten_year_has_an_autumn_and_a_spring_term() -> None:
    autumn, spring = terms.terms_of(KindergartenYear(2026), PERIODS)
    assert autumn.season == "autumn" and autumn.period == (YearMonth(2026, 9), YearMonth(2026, 10), YearMonth(2026, 11))
    assert spring.period == (YearMonth(2027, 2), YearMonth(2027, 3), YearMonth(2027, 4))
    assert terms.term_of(date(2026, 8, 15), PERIODS) == autumn
    assert terms.term_of(date(2026, 12, 31), PERIODS) == autumn
    assert terms.term_of(date(2027, 1, 1), PERIODS) == spring
    assert terms.term_of(date(2027, 7, 10), PERIODS) == spring  # July closes the spring


def test_term_status_from_the_observations_recorded() -> None:
    autumn = terms.term_of(date(2026, 10, 1), PERIODS)
    assert terms.term_status(autumn, [], date(2026, 8, 20)) == "upcoming"
    assert terms.term_status(autumn, [], date(2026, 10, 1)) == "due"
    assert terms.term_status(autumn, [], date(2026, 12, 5)) == "overdue"
    # Last spring's observation does not count for this autumn.
    assert terms.term_status(autumn, [date(2026, 3, 10)], date(2026, 10, 1)) == "due"
    assert terms.term_status(autumn, [date(2026, 10, 14)], date(2026, 12, 5)) == "done"
    assert terms.observed_in(autumn, [date(2026, 9, 2), date(2026, 10, 14)]) == date(2026, 10, 14)


def test_the_year_wheel_marks_the_observation_months() -> None:
    assert terms.period_season(YearMonth(2026, 10), PERIODS) == "autumn"
    assert terms.period_season(YearMonth(2027, 3), PERIODS) == "spring"
    assert terms.period_season(YearMonth(2026, 12), PERIODS) is None


def test_the_periods_come_from_content_one_per_term() -> None:
    periods = content.observation_periods()
    assert set(periods) == {"autumn", "spring"}
    assert all(8 <= m <= 12 for m in periods["autumn"]) and all(1 <= m <= 6 for m in periods["spring"])
