"""The kindergarten year, meeting dates, the next meeting, the programme year."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tettpa_tui import content
from tettpa_tui.domain.calendar import (
    KindergartenYear,
    MeetingRule,
    YearMonth,
    YearWheel,
    next_meeting,
    parse_date,
    programme_year,
    theme_for,
)
from tettpa_tui.domain.errors import DomainError


def wheel(start: int = 2026, rule: MeetingRule | None = None) -> YearWheel:
    return YearWheel(KindergartenYear(start), content.default_plan(), rule or MeetingRule())


def test_year_runs_august_to_june_and_july_belongs_to_the_ending_year() -> None:
    year = KindergartenYear(2026)
    assert [str(m) for m in year.months][:2] == ["2026-08", "2026-09"]
    assert str(year.months[-1]) == "2027-06"
    assert len(year.months) == 11
    assert YearMonth(2027, 7) not in year.months
    assert KindergartenYear.containing(date(2027, 7, 15)) == year
    assert KindergartenYear.containing(date(2027, 8, 1)) == KindergartenYear(2027)
    assert str(year) == "2026/27" and year.key == "2026-27"
    assert str(KindergartenYear(1999)) == "1999/00"


@pytest.mark.parametrize("text", ["2026/27", "2026-27", "2026/2027", " 2026 / 27 "])
def test_year_parses(text: str) -> None:
    assert KindergartenYear.parse(text) == KindergartenYear(2026)


@pytest.mark.parametrize("text", ["2026/28", "26/27", "2026", "abc", ""])
def test_bad_year_is_refused(text: str) -> None:
    with pytest.raises(DomainError):
        KindergartenYear.parse(text)


def test_first_tuesday_of_each_month() -> None:
    dates = [m.meeting_date for m in wheel().months]
    assert all(d.weekday() == 1 and d.day <= 7 for d in dates)
    assert dates[0] == date(2026, 8, 4)
    assert dates[4] == date(2026, 12, 1)


def test_day_31_means_month_end_without_drift() -> None:
    rule = MeetingRule(kind="day", day=31)
    got = {str(m.month): m.meeting_date for m in wheel(2027, rule).months}
    assert got["2027-11"] == date(2027, 11, 30)
    assert got["2028-01"] == date(2028, 1, 31)
    assert got["2028-02"] == date(2028, 2, 29)  # leap year
    assert got["2028-03"] == date(2028, 3, 31)  # not the 29th carried over from February
    got_2026 = {str(m.month): m.meeting_date for m in wheel(2026, rule).months}
    assert got_2026["2027-02"] == date(2027, 2, 28)


def test_last_friday() -> None:
    rule = MeetingRule(kind="weekday", weekday=4, nth=-1)
    assert rule.date_in(YearMonth(2026, 11)) == date(2026, 11, 27)
    assert rule.date_in(YearMonth(2027, 4)) == date(2027, 4, 30)


@given(st.integers(2000, 2100), st.sampled_from([8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6]),
       st.integers(0, 6), st.sampled_from([1, 2, 3, 4, -1]))
def test_weekday_rule_always_lands_in_its_month(year: int, month: int, weekday: int, nth: int) -> None:
    day = MeetingRule(weekday=weekday, nth=nth).date_in(YearMonth(year, month))
    assert (day.year, day.month, day.weekday()) == (year, month, weekday)


def test_bad_rules_are_refused() -> None:
    for kwargs in ({"kind": "weekday", "nth": 5}, {"kind": "day", "day": 0}, {"kind": "moon"}):
        with pytest.raises(DomainError):
            MeetingRule(**kwargs)


def test_hand_set_date_and_dimension_override_one_month_only() -> None:
    w = wheel().with_month(YearMonth(2026, 12), "language-modeling", date(2026, 12, 9))
    dec = w.month(YearMonth(2026, 12))
    assert (dec.dimension_id, dec.meeting_date, dec.date_set_by_hand) == ("language-modeling", date(2026, 12, 9), True)
    assert w.month(YearMonth(2027, 1)).meeting_date == date(2027, 1, 5)


def test_hand_set_date_must_be_in_its_month_and_july_is_not_planned() -> None:
    with pytest.raises(DomainError):
        wheel().with_month(YearMonth(2026, 12), None, date(2027, 1, 3))
    with pytest.raises(DomainError):
        wheel().with_month(YearMonth(2027, 7), None, date(2027, 7, 1))


def test_next_meeting_moves_on_after_the_day_and_wraps_over_summer() -> None:
    source = lambda y: wheel(y.start)  # noqa: E731
    assert next_meeting(source, date(2026, 11, 30)).meeting_date == date(2026, 12, 1)
    assert next_meeting(source, date(2026, 12, 1)).meeting_date == date(2026, 12, 1)
    assert next_meeting(source, date(2026, 12, 2)).meeting_date == date(2027, 1, 5)
    summer = next_meeting(source, date(2027, 6, 20))
    assert summer.month == YearMonth(2027, 8)
    assert summer.dimension_id == "positive-climate"


@pytest.mark.parametrize("text", ["2026-02-30", "2026-13-01", "30.11.2026", "", "2026-1-1"])
def test_invalid_dates_are_refused(text: str) -> None:
    with pytest.raises(DomainError):
        parse_date(text)


def test_leap_day_is_a_date() -> None:
    assert parse_date("2028-02-29") == date(2028, 2, 29)
    with pytest.raises(DomainError):
        parse_date("2027-02-29")


def test_months_parse_strictly() -> None:
    assert YearMonth.parse("2026-09") == YearMonth(2026, 9)
    for bad in ("2026-13", "2026-00", "09-2026", "2026/09", "x"):
        with pytest.raises(DomainError):
            YearMonth.parse(bad)


def test_programme_year_from_pool_start() -> None:
    pools = content.pools()
    assert programme_year(pools[1], date(2020, 8, 1)) == 1
    assert programme_year(pools[1], date(2021, 7, 31)) == 1
    assert programme_year(pools[1], date(2021, 8, 1)) == 2
    assert programme_year(pools[2], date(2022, 12, 31)) == 2  # Jan 2021 start
    assert programme_year(pools[2], date(2023, 1, 1)) == 3
    assert programme_year(pools[6], date(2024, 1, 1)) == 1  # before the start: preparing
    assert programme_year(pools[6], date(2026, 11, 30)) == 3


def test_theme_of_each_programme_year() -> None:
    themes = content.themes()
    assert theme_for(themes, 1).name("nb") == "CLASS-dimensjonene"
    assert theme_for(themes, 2).name("nb") == "De sårbare barna"
    assert theme_for(themes, 3).name("nb") == "Snakke med barn"


def test_after_the_third_year_the_programme_is_continued() -> None:
    themes = content.themes()
    for year in (4, 5, 6, 7):
        theme = theme_for(themes, year)
        assert theme.name("nb") == "Videreføring"
        assert theme.name("en") == "Continuation"
        # What it means: the monthly stories and reflecting team go on, in both meetings.
        assert "pedagogmøter" in theme.about["nb"] and "avdelingsmøter" in theme.about["nb"]
        assert "pedagogue meetings" in theme.about["en"]
    assert "og videre" not in theme_for(themes, 3).about["nb"]


def test_stepping_months_skips_july() -> None:
    assert YearMonth(2027, 6).step(1) == YearMonth(2027, 8)
    assert YearMonth(2027, 8).step(-1) == YearMonth(2027, 6)
    assert YearMonth(2026, 12).step(1) == YearMonth(2027, 1)
    assert YearMonth(2026, 8).step(11) == YearMonth(2027, 8)  # a whole kindergarten year
    assert YearMonth(2026, 9).step(0) == YearMonth(2026, 9)


@given(st.integers(1990, 2100), st.integers(1, 12), st.integers(0, 6), st.sampled_from([1, 2, 3, 4, -1]))
def test_weekday_rule_is_the_calendar_rule(year: int, month: int, weekday: int, nth: int) -> None:
    """The nth (or last) weekday, as dateutil's recurrence rules count it."""
    from dateutil.rrule import MONTHLY, rrule
    from dateutil.rrule import weekday as rr_weekday

    start = date(year, month, 1)
    expected = rrule(MONTHLY, dtstart=start, count=1, byweekday=rr_weekday(weekday)(nth))[0].date()
    assert MeetingRule(weekday=weekday, nth=nth).date_in(YearMonth(year, month)) == expected


def test_a_held_month_hands_over_to_the_next() -> None:
    from tettpa_tui.domain.calendar import YearMonth, next_meeting

    def wheels(year):
        return wheel(year.start)

    day = date(2026, 12, 1)
    assert next_meeting(wheels, day).month == YearMonth(2026, 12)
    assert next_meeting(wheels, day, held=lambda m: m == YearMonth(2026, 12)).month == YearMonth(2027, 1)


def test_a_passed_month_stays_next_while_stories_wait_until_the_following_date() -> None:
    """A meeting held a week late still finds its month: December (planned 1 Dec)
    with stories waiting is next on 8 Dec; with nothing waiting it hands over at
    once; January's planned date (5 Jan) closes the wait."""
    def wheels(year):
        return wheel(year.start)

    dec, jan = YearMonth(2026, 12), YearMonth(2027, 1)
    waiting = lambda m: m == dec  # noqa: E731
    assert next_meeting(wheels, date(2026, 12, 8), waiting=waiting).month == dec
    assert next_meeting(wheels, date(2027, 1, 4), waiting=waiting).month == dec
    assert next_meeting(wheels, date(2027, 1, 5), waiting=waiting).month == jan
    assert next_meeting(wheels, date(2026, 12, 8), waiting=lambda m: False).month == jan
    assert next_meeting(wheels, date(2026, 12, 8), held=lambda m: m == dec, waiting=waiting).month == jan
    # June's wait ends at August's date (July is the holiday).
    june = YearMonth(2027, 6)
    assert next_meeting(wheels, date(2027, 6, 20), waiting=lambda m: m == june).month == june


def test_a_meeting_moved_earlier_or_later_keeps_its_month() -> None:
    from tettpa_tui.domain.calendar import meeting_month

    def wheels(year):
        return wheel(year.start)

    w = wheel(2026)
    dec, jan, feb = (w.month(YearMonth(2026, 12)), w.month(YearMonth(2027, 1)), w.month(YearMonth(2027, 2)))
    assert meeting_month(wheels, date(2026, 12, 8), dec).month == dec.month  # a week late
    assert meeting_month(wheels, date(2026, 12, 29), jan).month == jan.month  # a week early
    assert meeting_month(wheels, date(2026, 11, 24), dec).month == dec.month
    assert meeting_month(wheels, date(2027, 1, 5), dec).month == jan.month  # into January's time
    assert meeting_month(wheels, date(2027, 2, 2), dec).month == feb.month
    # A later month already held is not taken: the date stays with December's meeting.
    assert meeting_month(wheels, date(2027, 1, 6), dec, held=lambda m: m == jan.month).month == dec.month


def test_the_hand_in_date_is_some_days_before_the_meeting_and_late_is_marked_not_refused() -> None:
    from datetime import date

    import pytest

    from tettpa_tui.domain.calendar import check_hand_in_days, hand_in_by, handed_in_late
    from tettpa_tui.domain.errors import DomainError

    due = hand_in_by(date(2026, 12, 1), 3)  # three days before Tuesday is Saturday: the Friday before
    assert due == date(2026, 11, 27)
    assert hand_in_by(date(2026, 12, 2), 3) == date(2026, 11, 27)  # Sunday: the Friday too
    assert hand_in_by(date(2026, 12, 4), 3) == date(2026, 12, 1)  # a working day stays
    assert hand_in_by(date(2026, 3, 5), 3) == date(2026, 3, 2)
    assert hand_in_by(date(2026, 3, 2), 3) == date(2026, 2, 27)  # across a month's end
    # ... and not on a public holiday: before Tuesday 5 January 2027 the Friday is New Year's Day
    assert hand_in_by(date(2027, 1, 5), 3) == date(2026, 12, 31)
    # Easter 2027 is 28 March: Saturday 27 back over Good Friday and Maundy Thursday to Wednesday
    assert hand_in_by(date(2027, 3, 30), 3) == date(2027, 3, 24)
    assert hand_in_by(date(2027, 5, 20), 3) == date(2027, 5, 14)  # Monday 17 May, then the weekend
    assert not handed_in_late(date(2026, 11, 27), due) and handed_in_late(date(2026, 11, 28), due)
    assert not handed_in_late(None, due)
    for bad in (-1, 29):
        with pytest.raises(DomainError):
            check_hand_in_days(bad)


# ---- the pedagogue meeting, planned before the department meetings ------------

def pedagogue_wheel(*departments: YearWheel) -> YearWheel:
    from tettpa_tui.domain.calendar import earliest_meetings

    return YearWheel(KindergartenYear(2026), content.default_plan(), MeetingRule(),
                     department_meetings=earliest_meetings(list(departments)))


def test_the_pedagogue_meeting_is_a_week_before_the_department_meetings() -> None:
    # Departments meet on the second Tuesday: the pedagogue meeting is the Tuesday before.
    second_tuesday = wheel(rule=MeetingRule(nth=2))
    plan = pedagogue_wheel(second_tuesday).month(YearMonth(2026, 10))
    assert plan.departments_meet == date(2026, 10, 13)
    assert plan.meeting_date == date(2026, 10, 6)
    assert not plan.not_before_departments and not plan.date_set_by_hand


def test_a_first_tuesday_department_meeting_is_prepared_the_tuesday_before_in_the_month_before() -> None:
    plan = pedagogue_wheel(wheel()).month(YearMonth(2026, 10))
    assert plan.departments_meet == date(2026, 10, 6)
    assert plan.meeting_date == date(2026, 9, 29)
    assert plan.month == YearMonth(2026, 10)  # still October's meeting


def test_a_moved_department_meeting_moves_the_pedagogue_meeting() -> None:
    moved = wheel(rule=MeetingRule(nth=3)).with_month(YearMonth(2026, 11), meeting_date=date(2026, 11, 10))
    ped = pedagogue_wheel(moved)
    assert ped.month(YearMonth(2026, 11)).meeting_date == date(2026, 11, 3)
    assert ped.month(YearMonth(2026, 12)).meeting_date == date(2026, 12, 8)  # the rule's third Tuesday, less a week


def test_the_earliest_of_departments_that_differ_counts_with_their_overrides() -> None:
    thursdays = wheel(rule=MeetingRule(weekday=3, nth=3))  # third Thursday
    last_fridays = wheel(rule=MeetingRule(weekday=4, nth=-1)).with_month(
        YearMonth(2027, 2), meeting_date=date(2027, 2, 11))  # one month moved before the other's
    ped = pedagogue_wheel(thursdays, last_fridays)
    assert ped.month(YearMonth(2027, 1)).departments_meet == date(2027, 1, 21)  # the Thursday
    assert ped.month(YearMonth(2027, 1)).meeting_date == date(2027, 1, 14)
    assert ped.month(YearMonth(2027, 2)).departments_meet == date(2027, 2, 11)  # the moved Friday
    assert ped.month(YearMonth(2027, 2)).meeting_date == date(2027, 2, 4)


def test_in_the_years_first_month_it_never_falls_in_julys_holiday() -> None:
    # 2026-08-04 is the first Tuesday of August: a week before is July.
    plan = pedagogue_wheel(wheel()).month(YearMonth(2026, 8))
    assert plan.departments_meet == date(2026, 8, 4)
    assert plan.meeting_date == date(2026, 8, 3)  # the first weekday of August (the 1st is a Saturday)
    assert plan.meeting_date < plan.departments_meet
    # Departments meeting on August 1st: the pedagogue meeting cannot come before, and says so.
    first = wheel(rule=MeetingRule(kind="day", day=1))
    plan = pedagogue_wheel(first).month(YearMonth(2026, 8))
    assert plan.meeting_date == date(2026, 8, 1) and plan.not_before_departments


def test_a_hand_set_pedagogue_date_is_kept_and_flagged_when_not_before_the_departments() -> None:
    ped = pedagogue_wheel(wheel(rule=MeetingRule(nth=2)))
    moved = ped.with_month(YearMonth(2026, 10), meeting_date=date(2026, 10, 14))
    plan = moved.month(YearMonth(2026, 10))
    assert plan.meeting_date == date(2026, 10, 14) and plan.date_set_by_hand
    assert plan.not_before_departments  # on/after the department meeting of the 13th
    assert not moved.with_month(YearMonth(2026, 10), meeting_date=date(2026, 10, 12)).month(
        YearMonth(2026, 10)).not_before_departments
    # The month before is allowed for a pedagogue meeting, not two months before, not July.
    assert ped.with_month(YearMonth(2026, 10), meeting_date=date(2026, 9, 30)).month(
        YearMonth(2026, 10)).meeting_date == date(2026, 9, 30)
    with pytest.raises(DomainError) as e:
        ped.with_month(YearMonth(2026, 10), meeting_date=date(2026, 8, 30))
    assert e.value.key == "error.pedagogue_date_not_in_month"
    with pytest.raises(DomainError):
        ped.with_month(YearMonth(2026, 8), meeting_date=date(2026, 7, 30))
    with pytest.raises(DomainError) as e:  # a department's date stays in its month
        wheel().with_month(YearMonth(2026, 10), meeting_date=date(2026, 9, 30))
    assert e.value.key == "error.date_not_in_month"


def test_the_pedagogue_meeting_is_never_in_christmas_week() -> None:
    """Kindergartens do not meet from 22 December to 1 January: a week before the departments'
    first January meeting moves back to the same weekday in the week before Christmas."""
    from datetime import date

    from tettpa_tui.domain.calendar import YearMonth, hand_in_by, pedagogue_meeting_date

    january = YearMonth(2027, 1)
    day = pedagogue_meeting_date(january, date(2027, 1, 5))
    assert day == date(2026, 12, 15) and day.weekday() == date(2027, 1, 5).weekday()
    assert pedagogue_meeting_date(january, date(2027, 1, 12)) == date(2027, 1, 5)  # after: as before
    assert pedagogue_meeting_date(january, date(2027, 1, 8)) == date(2026, 12, 18)  # 1 January: moved too
    assert pedagogue_meeting_date(YearMonth(2026, 12), date(2026, 12, 29)) == date(2026, 12, 15)  # 22nd: in it
    assert pedagogue_meeting_date(YearMonth(2026, 12), date(2026, 12, 28)) == date(2026, 12, 21)  # 21st: not
    assert hand_in_by(day, 3) == date(2026, 12, 11)  # and its hand-in date on the Friday, not Saturday
