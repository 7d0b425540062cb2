"""The programme's own events (study days, workshops, Snakke med barn) by programme year and month."""

from __future__ import annotations

import pytest

from tettpa_tui import content
from tettpa_tui.domain.calendar import YearMonth
from tettpa_tui.domain.programme import events_in


def names(pool_start: YearMonth | None, month: YearMonth, lang: str = "nb") -> list[str]:
    return [e.name(lang) for e in events_in(content.programme_events(), pool_start, month)]


def test_year_one_has_the_class_and_brain_study_days_in_their_default_months() -> None:
    august_pool = YearMonth(2024, 8)
    assert names(august_pool, YearMonth(2024, 9)) == ["Fagdag: CLASS"]
    assert names(august_pool, YearMonth(2025, 2)) == ["Fagdag: Hjernens utvikling"]
    assert names(august_pool, YearMonth(2024, 12)) == []


def test_year_two_has_the_study_day_and_the_barnets_plan_workshops() -> None:
    august_pool = YearMonth(2024, 8)
    assert names(august_pool, YearMonth(2025, 9)) == ["Fagdag: Psykisk helse og barn i risiko, og Barnets plan"]
    workshops = [n for m in YearMonth(2025, 8).kindergarten_year.months for n in names(august_pool, m)
                 if n.startswith("Barnets plan: verksted")]
    assert len(workshops) == 3


@pytest.mark.parametrize("lang,word", [("nb", "modul"), ("en", "module")])
def test_year_three_has_seven_snakke_med_barn_modules_in_both_languages(lang: str, word: str) -> None:
    august_pool = YearMonth(2024, 8)
    found = [n for m in YearMonth(2026, 8).kindergarten_year.months for n in names(august_pool, m, lang)]
    assert found == [f"Snakke med barn: {word} {i} {'av' if lang == 'nb' else 'of'} 7" for i in range(1, 8)]


def test_a_january_pool_counts_its_programme_year_from_january() -> None:
    january_pool = YearMonth(2022, 1)
    assert names(january_pool, YearMonth(2022, 9)) == ["Fagdag: CLASS"]  # still year 1
    assert names(january_pool, YearMonth(2023, 2)) == []  # year 2 by then: no brain study day


def test_no_events_in_videreforing_or_without_a_pool() -> None:
    assert names(YearMonth(2020, 8), YearMonth(2025, 9)) == []  # year 6
    assert names(None, YearMonth(2025, 9)) == []


def test_every_event_has_both_languages_and_a_real_month() -> None:
    events = content.programme_events()
    assert len(events) == 2 + 4 + 7
    for e in events:
        assert 1 <= e.month <= 12 and e.month != 7  # July is holiday: no meeting month
        assert e.names["nb"] and e.names["en"] and e.names["nb"] != e.names["en"]
