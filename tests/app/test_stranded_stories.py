"""Stories stranded around a meeting (issue 22, "the first real month").

While a meeting is running it can no longer take up a new story: the writer, the
phone page and `story add` write for the meeting after it. A draft left in a month
whose meeting has been held is carried to the next meeting when its writer opens
the writer.
"""

from __future__ import annotations

from datetime import date, datetime

from tests.app.conftest import make_app, screen_text
from tests.app.test_meeting_month import FEB, JAN, STORY, fresh, hand_in
from tettpa_tui.screens.writer import StoryWriterScreen
from tettpa_tui.store import Store
from tettpa_tui.workspace import Workspace

MEETING_DAY = date(2027, 1, 5)


def open_meeting(store: Store, dept) -> None:
    """January's meeting started on its planned day and left running."""
    ws = Workspace(store)
    at = datetime(2027, 1, 5, 9, 0)
    ws.start_meeting(dept, MEETING_DAY, ws.wheel(dept, JAN.kindergarten_year).month(JAN).dimension_id,
                     dept.find_member("Ingrid Leder"), list(dept.active_staff), [], at, month=JAN)


async def test_the_writer_writes_for_the_meeting_after_a_running_one(store: Store) -> None:
    """January's meeting is on: Ola opens the writer, and his new story is for February."""
    dept = fresh(store)
    hand_in(store, dept, JAN, datetime(2026, 12, 20, 9, 0), count=2)
    open_meeting(store, dept)
    app = make_app(store, today=MEETING_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.open_writer(dept, dept.find_member("Ola Berg"))
        await pilot.pause()
        assert isinstance(app.screen, StoryWriterScreen)
        assert app.screen.story.month == FEB
        text = screen_text(app)
        assert "februar 2027" in text and "5. januar" not in text


def test_story_add_and_the_phone_page_write_for_the_meeting_after_a_running_one(store: Store) -> None:
    """`story add` without --month and the phone page's new story (both ask story_month)."""
    dept = fresh(store)
    open_meeting(store, dept)
    ws = Workspace(store)
    story = ws.hand_in_new(dept, dept.find_member("Ola Berg"), datetime(2027, 1, 5, 10, 0), STORY)
    assert story.month == FEB
    assert ws.writing_meeting(dept, MEETING_DAY).month == FEB
    assert ws.next_meeting(dept, MEETING_DAY).month == JAN  # the leader's `m` still opens January's


def draft_then_finish_january(store: Store):
    """Ola's draft written for January, then January's meeting held (without it)."""
    from tests.app.test_meeting_month import finish

    dept = fresh(store)
    hand_in(store, dept, JAN, datetime(2026, 12, 20, 9, 0), count=2)
    ws = Workspace(store)
    ws.start_story(dept, dept.find_member("Ola Berg"), datetime(2026, 12, 21, 9, 0), month=JAN, text=STORY)
    finish(store, dept, JAN, MEETING_DAY)
    return dept


async def test_a_draft_left_before_a_held_meeting_is_carried_to_the_next(store: Store) -> None:
    """January's meeting is held; Ola opens the writer on 10 January: his January draft
    is there, for February, and January's file no longer holds it."""
    dept = draft_then_finish_january(store)
    ola = dept.find_member("Ola Berg")
    app = make_app(store, today=date(2027, 1, 10))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.open_writer(dept, ola)
        await pilot.pause()
        assert isinstance(app.screen, StoryWriterScreen)
        assert app.screen.story.month == FEB and app.screen.story.text == STORY
        assert "februar 2027" in screen_text(app)
    assert [s.month for s in store.stories(dept) if s.author_id == ola.id] == [FEB]


def test_a_move_cut_between_its_two_writes_shows_the_story_once_and_finishes(store: Store) -> None:
    """The copy written into February, the removal from January not yet: the story is
    listed once (February's), and carrying again finishes the move."""
    dept = draft_then_finish_january(store)
    ola = dept.find_member("Ola Berg")
    ws = Workspace(store)
    draft = next(s for s in store.stories(dept, JAN) if s.author_id == ola.id)
    from dataclasses import replace

    store.save_story(dept, replace(draft, month=FEB))  # the first of the move's two writes
    assert [s.month for s in store.stories(dept) if s.author_id == ola.id] == [FEB]
    ws.carry_drafts(dept, ola, ws.writing_meeting(dept, date(2027, 1, 10)))
    assert not [s for s in store.stories(dept, JAN) if s.author_id == ola.id]
    assert [s.text for s in store.stories(dept, FEB) if s.author_id == ola.id] == [STORY]
