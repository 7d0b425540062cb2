"""Which automatic backups to keep: the newest ten, and one per month for a year.

A rule, in one place: the backup screen, the CLI and the tests ask it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from dateutil.relativedelta import relativedelta

NEWEST_KEPT = 10
MONTHS_KEPT = 12


def to_keep(made: Iterable[datetime], now: datetime) -> set[datetime]:
    """Of backups made at these times, those to keep: the ten newest, and the
    newest of each calendar month of the last twelve months (this one included)."""
    times = sorted(set(made), reverse=True)
    keep = set(times[:NEWEST_KEPT])
    first_month = (now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
                   - relativedelta(months=MONTHS_KEPT - 1))
    seen: set[tuple[int, int]] = set()
    for when in times:
        month = (when.year, when.month)
        if when >= first_month and month not in seen:
            seen.add(month)
            keep.add(when)
    return keep


def due_daily(last: datetime | None, now: datetime) -> bool:
    """At most one backup a day when the app closes: due if none was made today."""
    return last is None or last.date() < now.date()


def stale(last: datetime | None, now: datetime, days: int = 30) -> bool:
    """The home screen warns when the last backup is older than this (or there is none)."""
    return last is None or (now - last).days > days


def kept_until(now: datetime):
    """The day by which every automatic backup made up to `now` is gone by `to_keep`: the
    newest of this month stays while this month is among the last MONTHS_KEPT."""
    first = now.date().replace(day=1)
    return first + relativedelta(months=MONTHS_KEPT)
