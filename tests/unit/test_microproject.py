"""Mikroprosjekter: set up with a title and goal, closed after review, counted."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tettpa_tui.domain import microproject as mp
from tettpa_tui.domain.errors import DomainError

NOW = datetime(2026, 11, 30, 12)


def test_a_project_needs_a_title_and_a_goal_and_starts_open() -> None:
    p = mp.new_microproject("lead", "  Tid   før svar ", "Vente tre sekunder", "", date(2027, 2, 1), NOW)
    assert p.title == "Tid før svar" and p.is_open
    for title, goal in (("", "mål"), ("tittel", "  ")):
        with pytest.raises(DomainError) as exc:
            mp.new_microproject("lead", title, goal, "", date(2027, 2, 1), NOW)
        assert exc.value.key == "error.microproject_empty"


def test_closing_keeps_the_note_and_counts_change() -> None:
    a = mp.new_microproject("lead", "A", "mål", "", date(2027, 2, 1), NOW)
    b = mp.new_microproject("lead", "B", "mål", "", date(2027, 2, 1), NOW)
    done = mp.close(a, mp.DONE, "Det virket.")
    assert not done.is_open and done.review_note == "Det virket."
    assert mp.counts([done, b]) == (1, 1)
    with pytest.raises(DomainError):
        mp.close(b, "open", "")


def test_erasing_a_leaders_data_blanks_her_projects_texts_and_keeps_the_counts() -> None:
    a = mp.close(mp.new_microproject("lead", "A", "mål", "gjøre", date(2027, 2, 1), NOW), mp.DONE, "Lærte mye.")
    b = mp.new_microproject("lead", "B", "mål", "", date(2027, 2, 1), NOW)
    other = mp.new_microproject("other", "C", "mål", "", date(2027, 2, 1), NOW)
    assert mp.owned_by([a, b, other], "lead") == [a, b]
    gone = [mp.erase_texts(p, date(2026, 12, 1)) for p in (a, b)]
    assert all(p.title == p.goal == p.actions == p.review_note == "" for p in gone)
    assert [p.erased_on for p in gone] == [date(2026, 12, 1)] * 2
    assert mp.counts(gone) == mp.counts([a, b]) == (1, 1) and gone[0].status == mp.DONE
    assert mp.erase_texts(gone[0], date(2027, 1, 1)).erased_on == date(2026, 12, 1)  # once, on its day
