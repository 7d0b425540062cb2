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
