"""A handed-in story that no meeting took up (issue 22/23): offered "Lever til neste møte".

January's meeting took up one of three stories handed in for it; after it, the two
others are marked "ikke tatt opp" in the leader's overview, the writer and `story
list`, and can be handed in for February's meeting: moved there, handed in, their
dimension kept (shown as the story's own choice), after a question that says so.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime

import pytest
from textual.widgets import DataTable

from tests.app.conftest import make_app, screen_text
from tests.app.test_meeting_month import FEB, JAN, STORY, finish, fresh, hand_in
from tettpa_tui.domain import stories as rules
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.stories import StoryStatus
from tettpa_tui.screens.stories import StoriesOverviewScreen
from tettpa_tui.screens.writer import StoryWriterScreen
from tettpa_tui.store import Store
from tettpa_tui.widgets.dialogs import ConfirmDialog
from tettpa_tui.workspace import Workspace

AFTER = date(2027, 1, 12)  # a week after January's meeting
HOSTILE = "Jeg [b]satt[/b] med barna [@click=app.quit]x[/] og [/] ventet lenge før jeg sa noe."


def january_held(store: Store):
    """Per's story taken up on 5 January; Kari's and Ola's handed in and left."""
    dept = fresh(store)
    ws = Workspace(store)
    for n, name in enumerate(("Per Hansen", "Kari Nilsen", "Ola Berg")):  # Per's first: the one taken up
        ws.hand_in_new(dept, dept.find_member(name), datetime(2026, 12, 20, 9 + n), HOSTILE if n == 2 else STORY, JAN)
    finish(store, dept, JAN, date(2027, 1, 5))
    return store.department(dept.path)


def by_author(store: Store, dept, name: str):
    member = dept.find_member(name)
    return next(s for s in store.stories(dept) if s.author_id == member.id)


def test_the_rule_which_stories_qualify_and_what_handing_in_again_does() -> None:
    at = datetime(2026, 12, 20, 9)
    story = rules.submit(rules.new_story("ola", JAN, "behavior-guidance", at, "Jeg ventet."), at)
    assert rules.not_taken_up(story, meeting_over=True)
    assert not rules.not_taken_up(story, meeting_over=False)  # its meeting may still take it up
    assert not rules.not_taken_up(rules.mark_used(story, "m1", at), meeting_over=True)
    assert not rules.not_taken_up(rules.withdraw(story, at), meeting_over=True)
    later = datetime(2027, 1, 12, 10)
    moved = rules.hand_in_for(story, FEB, True, later)
    assert (moved.month, moved.dimension_id, moved.text, moved.status, moved.submitted_at) == (
        FEB, "behavior-guidance", "Jeg ventet.", StoryStatus.SUBMITTED, later)
    for month, over in ((FEB, False), (JAN, True)):  # not over; not a later month
        with pytest.raises(DomainError) as exc:
            rules.hand_in_for(story, month, over, later)
        assert exc.value.key == "error.story_not_left_over"


def test_a_running_meeting_still_holds_its_stories(store: Store) -> None:
    dept = fresh(store)
    hand_in(store, dept, JAN, datetime(2026, 12, 20, 9, 0), count=2)
    ws = Workspace(store)
    ws.start_meeting(dept, date(2027, 1, 5), ws.wheel(dept, JAN.kindergarten_year).month(JAN).dimension_id,
                     dept.find_member("Ingrid Leder"), list(dept.active_staff), [], datetime(2027, 1, 5, 9))
    assert ws.stories_not_taken_up(dept, date(2027, 1, 5)) == []
    with pytest.raises(DomainError):
        ws.hand_in_for_next(dept, store.stories(dept, JAN)[0], datetime(2027, 1, 5, 10))


async def test_the_leader_hands_a_story_not_taken_up_in_for_the_next_meeting(store: Store) -> None:
    dept = january_held(store)
    ws = Workspace(store)
    assert {store.department(dept.path).member(s.author_id).name
            for s in ws.stories_not_taken_up(dept, AFTER)} == {"Kari Nilsen", "Ola Berg"}
    jan_dimension = ws.wheel(dept, JAN.kindergarten_year).month(JAN).dimension_id
    app = make_app(store, today=AFTER)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(StoriesOverviewScreen(dept, FEB))
        await pilot.pause()
        assert "Ikke tatt opp i tidligere møter: 2 fortellinger" in " ".join(screen_text(app).split())
        await pilot.press("left_square_bracket")
        await pilot.pause()
        shown = screen_text(app)
        assert shown.count("ikke tatt opp") == 3  # the two stories, and the line that says n
        assert "n leverer en fortelling merket «ikke tatt opp» til neste møte." in " ".join(shown.split())
        table = app.screen.query_one(DataTable)
        keys = [r.key.value for r in table.ordered_rows]
        per, kari = by_author(store, dept, "Per Hansen"), by_author(store, dept, "Kari Nilsen")
        table.move_cursor(row=keys.index(per.id))  # taken up: not offered, nothing changes
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)
        assert any("Bare en levert fortelling som møtet ikke tok opp" in str(n.message) for n in app._notifications)
        table.move_cursor(row=keys.index(kari.id))
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        asked = str(app.screen.question)
        assert asked.startswith("Levere fortellingen til Kari Nilsen til neste møte, tirsdag 2. februar 2027?")
        assert "beholder dimensjonen den er skrevet om" in asked
        await pilot.press("enter")
        await pilot.pause()
        assert any("levert til møtet tirsdag 2. februar 2027" in str(n.message) for n in app._notifications)
        assert screen_text(app).count("ikke tatt opp") == 2  # Ola's is still there (and the line)
    moved = store.story(dept, kari.id)
    assert (moved.month, moved.status, moved.dimension_id, moved.text) == (
        FEB, StoryStatus.SUBMITTED, jan_dimension, kari.text)
    assert [s.id for s in store.stories(dept, JAN) if s.id == kari.id] == []  # gone from January's file


async def test_the_writer_offers_it_with_its_hand_in_key(store: Store) -> None:
    dept = january_held(store)
    ola = dept.find_member("Ola Berg")
    story = by_author(store, dept, "Ola Berg")
    app = make_app(store, today=AFTER)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(StoryWriterScreen(dept, ola, story))
        await pilot.pause()
        shown = screen_text(app)
        assert "ikke tatt opp" in shown and "^l Til neste møte" in shown
        assert "esc Tilbake" in shown and "Endre levert" not in shown  # the key bar fits 80 columns
        assert "[@click=app.quit]x[/]" in shown  # the story's own text, shown as written
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # no: nothing changes
        await pilot.pause()
        assert store.story(dept, story.id).month == JAN
        await pilot.press("ctrl+l")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StoryWriterScreen)
        assert "Til møtet tirsdag 2. februar 2027" in " ".join(screen_text(app).split())
        assert "ikke tatt opp" not in screen_text(app)
    moved = store.story(dept, story.id)
    assert (moved.month, moved.status, moved.text) == (FEB, StoryStatus.SUBMITTED, HOSTILE)


def test_story_next_and_story_list_from_the_command_line(store: Store) -> None:
    dept = january_held(store)
    kari = by_author(store, dept, "Kari Nilsen")
    per = by_author(store, dept, "Per Hansen")

    def cli(*args: str, lang: str = "nb") -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "tettpa_tui", *args, "--data-dir", str(store.root),
                               "--lang", lang], capture_output=True, text=True, timeout=60,
                              env={**__import__("os").environ, "TETTPA_TODAY": AFTER.isoformat()})

    listed = cli("story", "list", dept.path)
    assert listed.stdout.count("levert · ikke tatt opp") == 2
    done = cli("story", "next", dept.path, kari.id, lang="en")
    assert done.returncode == 0, done.stderr
    assert f"Story {kari.id} is handed in for the meeting on Tuesday 2 February 2027 (2027-02)" in done.stdout
    again = cli("story", "next", dept.path, kari.id)
    assert again.returncode == 1 and "Ingenting er endret" in again.stderr
    assert len(again.stderr.strip().splitlines()) == 1 and "Traceback" not in again.stderr
    used = cli("story", "next", dept.path, per.id)
    assert used.returncode == 1 and store.story(dept, per.id).month == JAN
    assert store.story(dept, kari.id).month == FEB
