"""The kindergarten year, its year wheel (årshjul) and the programme year.

The kindergarten year runs from August to June; July is holiday and belongs
to the year that is ending. Each month of the year has one CLASS dimension and
one meeting date. A meeting date comes from the department's rule ("first
Tuesday of the month", "the 31st") unless a date is set by hand for that month.
Every date is computed from the start of its own month with python-dateutil,
never by stepping from the previous result, so nothing drifts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from dateutil.relativedelta import relativedelta, weekday

from tettpa_tui.domain.errors import DomainError

# Months of the kindergarten year, in order.
YEAR_MONTHS: tuple[int, ...] = (8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6)


@dataclass(frozen=True, order=True)
class YearMonth:
    """A calendar month, "YYYY-MM"."""

    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> "YearMonth":
        m = re.fullmatch(r"\s*(\d{4})-(\d{2})\s*", text)
        if not m or not 1 <= int(m.group(2)) <= 12 or int(m.group(1)) < 1900:
            raise DomainError("error.month_format", value=text)
        return cls(int(m.group(1)), int(m.group(2)))

    @classmethod
    def of(cls, day: date) -> "YearMonth":
        return cls(day.year, day.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return self.first_day + relativedelta(day=31)

    @property
    def kindergarten_year(self) -> "KindergartenYear":
        return KindergartenYear.containing(self.first_day)

    def step(self, months: int) -> "YearMonth":
        """The kindergarten month `months` away, July (the holiday) skipped."""
        index = self.year * 12 + self.month - 1
        direction = 1 if months >= 0 else -1
        for _ in range(abs(months)):
            index += direction
            if index % 12 + 1 == 7:
                index += direction
        return YearMonth(index // 12, index % 12 + 1)


@dataclass(frozen=True, order=True)
class KindergartenYear:
    """August of `start` to June of `start + 1`; written '2026/27'."""

    start: int

    @classmethod
    def containing(cls, day: date) -> "KindergartenYear":
        # July is the holiday that closes the year which began the August before.
        return cls(day.year if day.month >= 8 else day.year - 1)

    @classmethod
    def parse(cls, text: str) -> "KindergartenYear":
        m = re.fullmatch(r"\s*(\d{4})\s*[/-]\s*(\d{2}|\d{4})\s*", text)
        if m:
            start = int(m.group(1))
            end = m.group(2)
            end_full = int(end) if len(end) == 4 else (start + 1) // 100 * 100 + int(end)
            if end_full == start + 1:
                return cls(start)
        raise DomainError("error.year_format", value=text)

    def __str__(self) -> str:
        return f"{self.start}/{(self.start + 1) % 100:02d}"

    @property
    def key(self) -> str:
        """File-name form: '2026-27'."""
        return f"{self.start}-{(self.start + 1) % 100:02d}"

    @property
    def months(self) -> tuple[YearMonth, ...]:
        return tuple(
            YearMonth(self.start if m >= 8 else self.start + 1, m) for m in YEAR_MONTHS
        )

    def has(self, month: YearMonth) -> bool:
        return month in self.months

    def next(self) -> "KindergartenYear":
        return KindergartenYear(self.start + 1)


@dataclass(frozen=True)
class MeetingRule:
    """How the meeting day of a month is found.

    kind "weekday": the nth (1–4, or -1 for last) given weekday (0 = Monday).
    kind "day": a day of the month (1–31); a day past the month's end means
    the month's last day (the 31st in February is the 28th or 29th).
    """

    kind: str = "weekday"
    weekday: int = 1
    nth: int = 1
    day: int = 1

    def __post_init__(self) -> None:
        if self.kind == "weekday":
            if not 0 <= self.weekday <= 6 or self.nth not in (1, 2, 3, 4, -1):
                raise DomainError("error.meeting_rule")
        elif self.kind == "day":
            if not 1 <= self.day <= 31:
                raise DomainError("error.meeting_rule")
        else:
            raise DomainError("error.meeting_rule")

    def date_in(self, month: YearMonth) -> date:
        start = month.first_day
        if self.kind == "day":
            return start + relativedelta(day=self.day)
        # Exactly one occurrence falls in the month for nth in 1–4 and -1: counted
        # from the first day forwards, or from the last day backwards.
        if self.nth > 0:
            return start + relativedelta(weekday=weekday(self.weekday, self.nth))
        return month.last_day + relativedelta(weekday=weekday(self.weekday, -1))


@dataclass(frozen=True)
class MonthPlan:
    """One month of a department's year wheel: its dimension and meeting date."""

    month: YearMonth
    dimension_id: str
    meeting_date: date
    date_set_by_hand: bool = False
    dimension_changed: bool = False
    # The month's dimension is not one of the department's instrument (set by hand
    # earlier, or before the department chose another instrument): kept, but flagged.
    outside_instrument: bool = False
    # A pedagogue meeting's month: the earliest of the kindergarten's department meetings
    # that month, the ones it prepares (None for a department).
    departments_meet: date | None = None

    @property
    def not_before_departments(self) -> bool:
        """A pedagogue meeting dated on or after a department meeting it should prepare."""
        return self.departments_meet is not None and self.meeting_date >= self.departments_meet


@dataclass(frozen=True)
class PlanOverride:
    """What a department changed in one month of its plan."""

    dimension_id: str | None = None
    meeting_date: date | None = None


@dataclass(frozen=True)
class YearWheel:
    """One department's plan for one kindergarten year."""

    year: KindergartenYear
    default_dimensions: dict[int, str]  # calendar month -> dimension id
    rule: MeetingRule = field(default_factory=MeetingRule)
    overrides: dict[str, PlanOverride] = field(default_factory=dict)  # "YYYY-MM" -> override
    allowed: frozenset[str] = frozenset()  # the instrument's dimensions (empty: any)
    # A pedagogue meeting's wheel: the earliest department meeting of each month
    # ("YYYY-MM" -> date); its own dates are planned before them (pedagogue_meeting_date).
    department_meetings: dict[str, date] | None = None

    def month(self, month: YearMonth) -> MonthPlan:
        if not self.year.has(month):
            raise DomainError("error.month_not_in_year", month=str(month), year=str(self.year))
        over = self.overrides.get(str(month), PlanOverride())
        dim = over.dimension_id or self.default_dimensions[month.month]
        departments = (self.department_meetings or {}).get(str(month))
        if over.meeting_date:
            day = over.meeting_date
        elif departments is not None:
            day = pedagogue_meeting_date(month, departments)
        else:
            day = self.rule.date_in(month)
        return MonthPlan(
            month=month,
            dimension_id=dim,
            meeting_date=day,
            date_set_by_hand=over.meeting_date is not None,
            dimension_changed=over.dimension_id is not None
            and over.dimension_id != self.default_dimensions[month.month],
            outside_instrument=bool(self.allowed) and dim not in self.allowed,
            departments_meet=departments,
        )

    @property
    def months(self) -> tuple[MonthPlan, ...]:
        return tuple(self.month(m) for m in self.year.months)

    def with_month(
        self,
        month: YearMonth,
        dimension_id: str | None = None,
        meeting_date: date | None = None,
    ) -> "YearWheel":
        """The plan with one month changed. A hand-set date must lie in its month (a pedagogue
        meeting's may also lie in the month before, as its planned date often does, but not
        before the kindergarten year)."""
        if not self.year.has(month):
            raise DomainError("error.month_not_in_year", month=str(month), year=str(self.year))
        if meeting_date is not None and YearMonth.of(meeting_date) != month:
            earlier = self.department_meetings is not None and self.year.has(YearMonth.of(meeting_date)) \
                and YearMonth.of(meeting_date) == month.step(-1)
            if not earlier:
                key = "error.pedagogue_date_not_in_month" if self.department_meetings is not None \
                    else "error.date_not_in_month"
                raise DomainError(key, date=meeting_date.isoformat(), month=str(month))
        old = self.overrides.get(str(month), PlanOverride())
        new = PlanOverride(
            dimension_id=dimension_id if dimension_id is not None else old.dimension_id,
            meeting_date=meeting_date if meeting_date is not None else old.meeting_date,
        )
        overrides = dict(self.overrides)
        overrides[str(month)] = new
        return replace(self, overrides=overrides)


# ---- the pedagogue meeting: planned before the department meetings ------------

PEDAGOGUE_DAYS_BEFORE = 7  # one week: the same weekday as the department meeting it prepares


def pedagogue_meeting_date(month: YearMonth, departments_meet: date,
                           days_before: int = PEDAGOGUE_DAYS_BEFORE) -> date:
    """The pedagogue meeting's planned date for `month`: one week before the earliest of
    the kindergarten's department meetings that month (each department's own date, moved
    by hand or not), since it presents what those meetings take up.

    It may fall in the month before (a department meeting on the first Tuesday is
    prepared the Tuesday before), but never in Christmas week: kindergartens do not meet
    between 22 December and 1 January, so a date there moves back whole weeks, to the
    same weekday in the week before Christmas (January's meeting on Tuesday 5 January is
    prepared on Tuesday 15 December, not Tuesday 29 December). Nor is it before the
    kindergarten year (July is the holiday): in the year's first month it is the first
    weekday of that month before the departments meet, or that month's first day if there
    is none.
    """
    day = departments_meet - relativedelta(days=days_before)
    while in_christmas_week(day):
        day -= relativedelta(days=7)
    first = month.kindergarten_year.months[0].first_day
    if day >= first:
        return day
    day = first
    while day.weekday() >= 5 and day + relativedelta(days=1) < departments_meet:
        day += relativedelta(days=1)
    return day


def in_christmas_week(day: date) -> bool:
    """22 December to 1 January: the kindergartens hold no meetings then."""
    return (day.month == 12 and day.day >= 22) or (day.month == 1 and day.day == 1)


def earliest_meetings(wheels: "list[YearWheel]") -> dict[str, date]:
    """The earliest department meeting of each month of the year, over the departments'
    wheels (each month's date as that department plans it: its rule or its own hand-set date)."""
    earliest: dict[str, date] = {}
    for wheel in wheels:
        for plan in wheel.months:
            key = str(plan.month)
            if key not in earliest or plan.meeting_date < earliest[key]:
                earliest[key] = plan.meeting_date
    return earliest


def next_meeting(wheels: "WheelSource", today: date,
                 held: Callable[[YearMonth], bool] | None = None,
                 waiting: Callable[[YearMonth], bool] | None = None) -> MonthPlan:
    """The next meeting: its month, planned date and dimension.

    This is the one place that answers "which meeting is next?": the home
    screen, `m`, the meeting form, the writer, the phone page and the command
    line all ask it. A meeting belongs to the month it was planned for, whatever
    day it is held:

    - a month whose meeting has been held (`held`) hands over to the next;
    - a month whose planned date is today or later is next;
    - a month whose date has passed without its meeting stays next while
      something is waiting for that meeting (`waiting`: stories handed in for
      it, a meeting of it left open) and the following month's planned date has
      not come: a meeting held a week late still finds its month's stories.
      With nothing waiting it hands over at once (a month let go);
    - after June comes August of the next kindergarten year.

    `held` and `waiting` are asked only of the months that could be next.
    """
    year = KindergartenYear.containing(today)
    for _ in range(3):
        plans = wheels(year).months
        for i, plan in enumerate(plans):
            if held is not None and held(plan.month):
                continue
            if plan.meeting_date >= today:
                return plan
            if waiting is not None and _following_date(wheels, plans, i) > today and waiting(plan.month):
                return plan
        year = year.next()
    raise DomainError("error.no_next_meeting")  # pragma: no cover - a year always has months


def writing_meeting(wheels: "WheelSource", today: date,
                    held: Callable[[YearMonth], bool] | None = None,
                    waiting: Callable[[YearMonth], bool] | None = None,
                    running: Callable[[YearMonth], bool] | None = None) -> MonthPlan:
    """The meeting a new story is written for: the next meeting (next_meeting),
    unless that meeting is running now; then the one after it. A story begun
    while a meeting is on can no longer be taken up by it, so it is written for
    the meeting that can (the writer, the phone page and `story add` all ask this)."""
    if running is None:
        return next_meeting(wheels, today, held, waiting)
    return next_meeting(wheels, today,
                        held=lambda month: running(month) or (held is not None and held(month)),
                        waiting=waiting)


def _following_date(wheels: "WheelSource", plans: tuple[MonthPlan, ...], i: int) -> date:
    """The planned date of the month after plans[i] (June's: August's of the next year)."""
    if i + 1 < len(plans):
        return plans[i + 1].meeting_date
    following = plans[i].month.step(1)
    return wheels(following.kindergarten_year).month(following).meeting_date


def meeting_month(wheels: "WheelSource", day: date, upcoming: MonthPlan,
                  held: Callable[[YearMonth], bool] | None = None) -> MonthPlan:
    """The planned month a meeting held on `day` belongs to, when `upcoming` is next.

    A meeting moved earlier or later keeps its month: it stays `upcoming`'s
    meeting unless `day` is on or after the planned date of a later month whose
    meeting has not been held; then it is the latest such month's (the date was
    moved into another planned month). So on the day `next_meeting` names,
    `meeting_month` names the same month.
    """
    chosen = upcoming
    month = upcoming.month
    for _ in range(24):
        month = month.step(1)
        plan = wheels(month.kindergarten_year).month(month)
        if plan.meeting_date > day:
            break
        if held is None or not held(plan.month):
            chosen = plan
    return chosen


class WheelSource:  # pragma: no cover - typing helper only
    def __call__(self, year: KindergartenYear) -> YearWheel: ...


def parse_date(text: str) -> date:
    """'YYYY-MM-DD' -> date, or a DomainError that names the bad text."""
    m = re.fullmatch(r"\s*(\d{4})-(\d{2})-(\d{2})\s*", text)
    if not m:
        raise DomainError("error.date_format", value=text)
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise DomainError("error.date_invalid", value=text) from None


# ---- programme year -------------------------------------------------------

@dataclass(frozen=True)
class Theme:
    """The programme's theme for one programme year."""

    year: int
    names: dict[str, str]
    about: dict[str, str]

    def name(self, lang: str = "nb") -> str:
        return self.names.get(lang) or self.names["nb"]


def programme_year(pool_start: YearMonth, today: date) -> int:
    """1 in the first twelve months from the pool's start, 2 in the next, and so on.

    Before the start it is still 1: a kindergarten preparing to begin works on
    the first year's content.
    """
    months = (today.year - pool_start.year) * 12 + (today.month - pool_start.month)
    return max(1, months // 12 + 1)


def theme_for(themes: tuple[Theme, ...], year: int) -> Theme:
    """The theme of a programme year: the one with the highest year not after it.

    The programme describes three years with their own themes; from the fourth
    on it is continued (videreføring), so content/programme.toml gives year 4
    that theme and it holds for every year after.
    """
    ordered = sorted(themes, key=lambda t: t.year)
    chosen = ordered[0]
    for t in ordered:
        if t.year <= year:
            chosen = t
    return chosen


# ---- the hand-in date ---------------------------------------------------------

HAND_IN_DAYS = 3  # the app's default: the programme says stories come before the meeting, not how long
HAND_IN_DAYS_MAX = 28


def public_holiday(day: date) -> bool:
    """A Norwegian public holiday (helligdag) on a weekday or not: New Year's Day, Maundy
    Thursday, Good Friday, Easter Monday, 1 and 17 May, Ascension Day, Whit Monday,
    Christmas Day and Boxing Day (Easter Sunday and Whit Sunday are Sundays)."""
    if (day.month, day.day) in ((1, 1), (5, 1), (5, 17), (12, 25), (12, 26)):
        return True
    from dateutil.easter import easter

    return (day - easter(day.year)).days in (-3, -2, 1, 39, 50)


def working_day(day: date) -> bool:
    return day.weekday() < 5 and not public_holiday(day)


def hand_in_by(meeting_date: date, days_before: int) -> date:
    """The date by which the stories for a meeting are handed in: some days before it, and
    on a working day: one that falls on a weekend or a public holiday moves back to the
    working day before (three days before a Tuesday meeting is Saturday, so it is the
    Friday; before Tuesday 5 January that Friday is New Year's Day, so it is 31 December)."""
    day = meeting_date - relativedelta(days=days_before)
    while not working_day(day):
        day -= relativedelta(days=1)
    return day


def handed_in_late(submitted_on: date | None, due: date) -> bool:
    """A story handed in after its hand-in date: marked, never refused."""
    return submitted_on is not None and submitted_on > due


def check_hand_in_days(days: int) -> int:
    if not 0 <= days <= HAND_IN_DAYS_MAX:
        raise DomainError("error.hand_in_days", max=HAND_IN_DAYS_MAX)
    return days
