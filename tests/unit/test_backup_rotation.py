"""Which automatic backups are kept: the newest ten, and one per month for a year."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from tettpa_tui.domain.backup_rotation import due_daily, stale, to_keep

NOW = datetime(2026, 11, 30, 12, 0)


def test_a_daily_backup_for_two_years_keeps_ten_and_one_a_month() -> None:
    made = [NOW - timedelta(days=d) for d in range(730)]
    keep = to_keep(made, NOW)
    newest = sorted(made, reverse=True)[:10]
    assert set(newest) <= keep
    months = {(w.year, w.month) for w in keep}
    assert (2025, 12) in months and (2025, 11) not in months  # twelve months, this one included
    assert len(keep) == 10 + 11  # ten newest (all in November) and the newest of each month before
    for month in months - {(2026, 11)}:
        (kept,) = [w for w in keep if (w.year, w.month) == month]
        assert kept == max(w for w in made if (w.year, w.month) == month)


@given(st.lists(st.datetimes(min_value=datetime(2024, 1, 1), max_value=NOW), max_size=60))
def test_keeping_is_stable_and_never_loses_the_newest(made: list[datetime]) -> None:
    keep = to_keep(made, NOW)
    assert keep <= set(made)
    assert set(sorted(set(made), reverse=True)[:10]) <= keep
    assert to_keep(keep, NOW) == keep  # pruning twice removes nothing more
    assert len(keep) <= 10 + 12


def test_daily_and_stale() -> None:
    assert due_daily(None, NOW) and due_daily(NOW - timedelta(days=1), NOW)
    assert not due_daily(NOW.replace(hour=8), NOW)
    assert stale(None, NOW) and stale(NOW - timedelta(days=31), NOW)
    assert not stale(NOW - timedelta(days=30), NOW)
