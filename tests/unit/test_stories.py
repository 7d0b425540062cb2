"""A story's life: draft, handed in, withdrawn, used (locked); who has handed in."""

from datetime import datetime

import pytest

from tettpa_tui.domain import stories as st
from tettpa_tui.domain.calendar import YearMonth
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.stories import StoryStatus

NOW = datetime(2026, 11, 30, 9, 0)
DEC = YearMonth(2026, 12)


def draft(text: str = "Jeg hjalp et barn.") -> st.Story:
    return st.new_story("a1", DEC, "behavior-guidance", NOW, text)


def test_hand_in_and_withdraw() -> None:
    s = st.submit(draft(), NOW)
    assert s.status is StoryStatus.SUBMITTED and s.submitted_at == NOW
    s = st.withdraw(s, NOW)
    assert s.status is StoryStatus.DRAFT and s.submitted_at is None
    assert s.text == "Jeg hjalp et barn."  # nothing is lost


@pytest.mark.parametrize("text", ["", "   ", "\n\t\n"])
def test_empty_story_cannot_be_handed_in(text: str) -> None:
    with pytest.raises(DomainError) as exc:
        st.submit(draft(text), NOW)
    assert exc.value.key == "error.story_empty"


def test_emptying_a_handed_in_story_makes_it_a_draft() -> None:
    s = st.edit(st.submit(draft(), NOW), "  ", NOW, change_handed_in=True)
    assert s.status is StoryStatus.DRAFT


def test_editing_a_handed_in_story_keeps_it_handed_in_and_marks_it() -> None:
    later = NOW.replace(hour=NOW.hour + 1)
    handed_in = st.submit(draft(), NOW)
    s = st.edit(handed_in, "Jeg hjalp to barn.", later, change_handed_in=True)
    assert s.status is StoryStatus.SUBMITTED and s.text == "Jeg hjalp to barn."
    assert s.submitted_at == NOW and s.revised_at == later  # the leader sees it changed after hand-in


def test_a_handed_in_story_changes_only_when_the_writer_chose_to() -> None:
    handed_in = st.submit(draft(), NOW)
    with pytest.raises(DomainError) as exc:
        st.edit(handed_in, "Overskrevet av en side som sto åpen.", NOW)
    assert exc.value.key == "error.story_handed_in"
    assert st.edit(handed_in, handed_in.text, NOW).revised_at is None  # the same text: nothing changed


def test_used_story_is_locked() -> None:
    used = st.mark_used(st.submit(draft(), NOW), "m1", NOW)
    assert used.locked
    for change in (lambda s: st.edit(s, "x", NOW), lambda s: st.withdraw(s, NOW),
                   lambda s: st.submit(s, NOW), lambda s: st.change_dimension(s, "productivity", NOW)):
        with pytest.raises(DomainError) as exc:
            change(used)
        assert exc.value.key == "error.story_locked"
    with pytest.raises(DomainError):
        st.mark_used(draft(), "m1", NOW)  # a draft is not taken up


def test_too_long_text_is_refused() -> None:
    with pytest.raises(DomainError):
        st.new_story("a", DEC, "productivity", NOW, "x" * (st.MAX_STORY_CHARS + 1))
    with pytest.raises(DomainError):
        st.edit(draft(), "x" * (st.MAX_STORY_CHARS + 1), NOW)


def test_word_count_and_title() -> None:
    assert st.word_count("Jeg  sa: «Hei!» – og hun lo.\nSå gikk vi.") == 9
    assert st.word_count("") == 0
    assert draft("  Jeg \n hjalp ").title == "Jeg hjalp"


def test_hand_in_status() -> None:
    a = st.submit(st.new_story("a", DEC, "x", NOW, "tekst"), NOW)
    b = st.new_story("b", DEC, "x", NOW, "utkast")
    c_empty = st.new_story("c", DEC, "x", NOW, "")
    other_month = st.submit(st.new_story("d", YearMonth(2026, 11), "x", NOW, "tekst"), NOW)
    status = st.hand_in_status(["a", "b", "c", "d"], [a, b, c_empty, other_month], DEC)
    assert status.submitted == ("a",)
    assert status.drafts == ("b",)
    assert status.nothing == ("c", "d")
    assert status.summary == (1, 4)
