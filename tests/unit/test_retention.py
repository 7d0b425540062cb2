"""The retention rules: which story texts are due, when, and by which rule."""

from datetime import date, datetime

import pytest

from tettpa_tui.domain.calendar import YearMonth
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.retention import DRAFT, UNUSED, USED, RetentionRules, due_date, due_now, due_soon, erase_text
from tettpa_tui.domain.stories import StoryStatus, new_story, submit

RULES = RetentionRules()
MEETING = {"m1": date(2026, 1, 31)}


def story(status: StoryStatus, changed: datetime = datetime(2026, 1, 10, 9, 0)):
    s = new_story("a1", YearMonth(2026, 1), "positive-climate", changed, "Jeg satt med barnet.")
    if status is StoryStatus.SUBMITTED:
        s = submit(s, changed)
    if status is StoryStatus.USED:
        s = submit(s, changed)
        from dataclasses import replace

        s = replace(s, status=StoryStatus.USED, used_in="m1")
    return s


def test_a_story_taken_up_goes_twelve_months_after_its_meeting_counted_from_the_month() -> None:
    assert due_date(story(StoryStatus.USED), MEETING, RULES) == (USED, date(2027, 1, 31))
    shorter = RULES.with_values(used_months=1)
    assert due_date(story(StoryStatus.USED), MEETING, shorter) == (USED, date(2026, 2, 28))  # no drift


def test_a_draft_goes_three_months_after_its_last_change() -> None:
    assert due_date(story(StoryStatus.DRAFT), MEETING, RULES) == (DRAFT, date(2026, 4, 10))


def test_a_story_handed_in_that_no_meeting_took_up_goes_six_months_after_its_meeting_month() -> None:
    # January's story: its month is over on 1 February; six months on, its text goes.
    assert due_date(story(StoryStatus.SUBMITTED), MEETING, RULES) == (UNUSED, date(2026, 8, 1))
    assert due_date(story(StoryStatus.SUBMITTED), MEETING, RULES.with_values(unused_months=1)) == (UNUSED, date(2026, 3, 1))
    # Taken up in a meeting that is no longer there: the same rule, never "kept forever".
    assert due_date(story(StoryStatus.USED), {}, RULES) == (UNUSED, date(2026, 8, 1))
    assert [e.rule for e in due_now([story(StoryStatus.SUBMITTED)], MEETING, RULES, date(2028, 7, 1))] == [UNUSED]


def test_due_now_and_soon_and_an_erased_text_is_not_due_again() -> None:
    stories = [story(StoryStatus.USED), story(StoryStatus.DRAFT)]
    assert [e.rule for e in due_now(stories, MEETING, RULES, date(2026, 4, 9))] == []
    assert [e.rule for e in due_now(stories, MEETING, RULES, date(2026, 4, 10))] == [DRAFT]
    assert [e.rule for e in due_soon(stories, MEETING, RULES, date(2027, 1, 1))] == [USED]
    assert due_soon(stories, MEETING, RULES, date(2026, 12, 1)) == []  # 61 days: not yet
    erased = erase_text(stories[0], date(2027, 1, 31), datetime(2027, 1, 31, 8, 0))
    assert erased.text == "" and erased.erased_on == date(2027, 1, 31)
    assert erased.author_id == "a1" and erased.dimension_id == "positive-climate"
    assert due_date(erased, MEETING, RULES) is None


@pytest.mark.parametrize("months", [0, -1, 121])
def test_limits_must_be_sensible(months: int) -> None:
    with pytest.raises(DomainError):
        RULES.with_values(used_months=months)


def test_a_draft_written_anew_after_erasure_is_kept_by_the_rules_again() -> None:
    from tettpa_tui.domain.stories import edit

    erased = erase_text(story(StoryStatus.DRAFT), date(2026, 4, 10), datetime(2026, 4, 10, 8, 0))
    again = edit(erased, "Jeg skrev på nytt.", datetime(2026, 5, 1, 8, 0))
    assert again.erased_on is None
    assert due_date(again, MEETING, RULES) == (DRAFT, date(2026, 8, 1))
