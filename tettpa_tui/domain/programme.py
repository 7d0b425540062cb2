"""The programme's own events in a kindergarten year: study days, workshops, modules.

TETT PÅ plans common study days (fagdager), the Barnets plan workshops and the
seven modules of "Snakke med barn" by programme year. The programme description
gives no months for them, so content/programme.toml places each in a calendar
month as the app's default; a kindergarten edits that file to match its plan.
A month's events are those of the programme year the kindergarten is in that month.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tettpa_tui.domain.calendar import YearMonth, programme_year


@dataclass(frozen=True)
class ProgrammeEvent:
    """One planned event: in which programme year, which calendar month, what it is called."""

    year: int  # the programme year (1, 2, 3 …)
    month: int  # calendar month 1–12
    names: dict[str, str]
    shorts: dict[str, str] = field(default_factory=dict)  # for the wheel, where room is short

    def name(self, lang: str = "nb") -> str:
        return self.names.get(lang) or self.names["nb"]

    def short(self, lang: str = "nb") -> str:
        return self.shorts.get(lang) or self.name(lang)


def events_in(events: tuple[ProgrammeEvent, ...], pool_start: YearMonth | None,
              month: YearMonth) -> list[ProgrammeEvent]:
    """The events planned for `month`, for a kindergarten whose pool started at
    `pool_start` (none when the pool is not known: nothing to place them by)."""
    if pool_start is None:
        return []
    year = programme_year(pool_start, month.first_day)
    return [e for e in events if e.year == year and e.month == month.month]
