"""A meeting belongs to the month it was planned for, whatever day it is held.

Issue 22, point 1: `m` opens the meeting the home screen shows as next (its
month, its dimension, its handed-in stories); a meeting held a week late still
finds its month's stories; a date moved into another planned month says what it
changes. Point 6: screens that agree after a meeting, a plan change and Esc.
Point 7: Start møte begins at the date, and a date can be typed over.
"""

from __future__ import annotations

from datetime import date, datetime

from textual.widgets import Input, Select

from tests.app.conftest import make_app, screen_text, type_text
from tettpa_tui.services.demo import create_demo
from tettpa_tui.domain import meeting as mt
from tettpa_tui.domain.calendar import YearMonth
from tettpa_tui.domain.meeting import Stage
from tettpa_tui.domain.records import AgeGroup, Role, new_department
from tettpa_tui.domain.stories import StoryStatus
from tettpa_tui.screens.home import HomeScreen
from tettpa_tui.screens.meeting import MeetingScreen
from tettpa_tui.screens.meeting_dialogs import StoryPickDialog
from tettpa_tui.screens.meeting_setup import MeetingSetupScreen
from tettpa_tui.store import Store
from tettpa_tui.widgets.dialogs import ConfirmDialog
from tettpa_tui.workspace import Workspace

DEC = YearMonth(2026, 12)
JAN = YearMonth(2027, 1)
FEB = YearMonth(2027, 2)
STORY = "Jeg satt med barna ved bordet og vi snakket om snøen. Jeg spurte hva de trodde snøen var laget av."


def fresh(store: Store):
    """A new leader's department (not the demo): four people, made in November."""
    return store.create_department(new_department(
        "Solsikken", "Blåklokka", AgeGroup.TODDLER,
        [("Ingrid Leder", Role.LEADER), ("Per Hansen", Role.ASSISTANT), ("Kari Nilsen", Role.ASSISTANT),
         ("Ola Berg", Role.ASSISTANT)], created=date(2026, 11, 1)), pool=4)


def hand_in(store: Store, dept, month: YearMonth | None, when: datetime, count: int = 3) -> None:
    """`count` stories handed in (for `month`, or for the next meeting as of `when`)."""
    ws = Workspace(store)
    for member in list(dept.active_staff)[1:1 + count]:
        ws.hand_in_new(dept, member, when, STORY, month)


def panel(app, selector: str = "#next") -> str:
    """A panel's whole text as one line (the screen wraps it)."""
    from textual.widgets import Static

    return " ".join(str(app.screen.query_one(selector, Static).content).split())


async def start_and_pick(pilot) -> MeetingScreen:
    await pilot.press("ctrl+s")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, MeetingScreen), type(screen)
    await pilot.press("ctrl+n")  # choose the stories
    await pilot.pause()
    return screen


async def test_m_opens_the_meeting_home_shows_as_next_with_its_stories(store: Store) -> None:
    """7 December, December's date (1st) passed with nothing handed in for it, three
    stories handed in for January: home, `m`, the meeting and its picker all say January."""
    dept = fresh(store)
    hand_in(store, dept, JAN, datetime(2026, 12, 3, 9, 0))
    ws = Workspace(store)
    january = ws.wheel(dept, JAN.kindergarten_year).month(JAN)
    app = make_app(store, today=date(2026, 12, 7))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = panel(app)
        assert "5. januar 2027" in home and "3 av 4" in home
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MeetingSetupScreen)
        text = panel(app, "#month-line")
        assert "Møtet for januar 2027" in text and "3 av 4" in text
        assert app.screen.query_one("#dimension", Select).value == january.dimension_id
        meeting = await start_and_pick(pilot)
        assert meeting.state.meeting.month == JAN and meeting.state.meeting.date == date(2026, 12, 7)
        assert meeting.state.meeting.dimension_id == january.dimension_id
        assert isinstance(app.screen, StoryPickDialog)  # not "no stories handed in"
        assert len(app.screen.options) == 3
    (started,) = store.meetings(dept, status="running")
    assert started.month == JAN  # in January's file: the month it was planned for


async def test_a_meeting_held_a_week_late_finds_its_months_stories(store: Store) -> None:
    """December's meeting was planned for 1 December and is held on the 8th: the
    stories handed in for December are found, and home says the date has passed."""
    dept = fresh(store)
    hand_in(store, dept, None, datetime(2026, 11, 25, 9, 0))  # for the next meeting then: December's
    assert {s.month for s in store.stories(dept)} == {DEC}
    ws = Workspace(store)
    december = ws.wheel(dept, DEC.kindergarten_year).month(DEC)
    app = make_app(store, today=date(2026, 12, 8))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = panel(app)
        assert "1. desember 2026" in home and "planlagt for 7 dager siden" in home and "3 av 4" in home
        await pilot.press("m")
        await pilot.pause()
        assert "Møtet for desember 2026" in panel(app, "#month-line")
        meeting = await start_and_pick(pilot)
        assert meeting.state.meeting.month == DEC and meeting.state.meeting.date == date(2026, 12, 8)
        assert meeting.state.meeting.dimension_id == december.dimension_id
        assert isinstance(app.screen, StoryPickDialog) and len(app.screen.options) == 3


def test_every_face_agrees_on_the_next_meeting_after_its_date_passed(store: Store) -> None:
    """A story written on 3 December, December's meeting not yet held and stories waiting
    for it, is for December: the writer, the phone page and the command line ask the one
    function the home screen asks."""
    dept = fresh(store)
    hand_in(store, dept, None, datetime(2026, 11, 25, 9, 0), count=1)
    ws = Workspace(store)
    late = ws.start_story(dept, dept.find_member("Ola Berg"), datetime(2026, 12, 3, 20, 0), text=STORY)
    assert late.month == DEC
    assert ws.next_meeting(dept, date(2026, 12, 3)).month == DEC
    assert ws.meeting_month(dept, date(2026, 12, 8), date(2026, 12, 8)).month == DEC
    # With nothing waiting for December, its passed date hands over to January at once.
    other = store.create_department(new_department("Solsikken", "Humla", AgeGroup.TODDLER,
                                                   [("Eva Leder", Role.LEADER), ("Jon Dahl", Role.ASSISTANT)],
                                                   created=date(2026, 11, 1)), pool=4)
    assert ws.next_meeting(other, date(2026, 12, 3)).month == JAN
    # The next month's planned date closes the wait: January's meeting is next then.
    assert ws.next_meeting(dept, date(2027, 1, 5)).month == JAN


async def test_a_date_moved_into_another_planned_month_says_what_it_changes(store: Store) -> None:
    """The date field has the focus at once and is typed over; a date in February's
    time makes it February's meeting (dimension, stories), and the form says so."""
    dept = fresh(store)
    hand_in(store, dept, JAN, datetime(2026, 12, 3, 9, 0))
    ws = Workspace(store)
    february = ws.wheel(dept, FEB.kindergarten_year).month(FEB)
    app = make_app(store, today=date(2026, 12, 7))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        date_field = app.screen.query_one("#date", Input)
        assert app.focused is date_field  # where a leader begins
        await type_text(pilot, "2026-12-29")  # a week before January's 5th: still January's
        await pilot.pause()
        assert date_field.value == "2026-12-29"
        assert "Møtet for januar 2027" in panel(app, "#month-line")
        assert not app.screen.query_one("#month-note").display
        await pilot.press("home", "shift+end")
        await type_text(pilot, str(february.meeting_date))
        await pilot.pause()
        assert date_field.value == february.meeting_date.isoformat()
        assert "Møtet for februar 2027" in panel(app, "#month-line") and "0 av 4" in panel(app, "#month-line")
        note = panel(app, "#month-note")
        assert app.screen.query_one("#month-note").display and "Det er ikke møtet for januar 2027" in note
        assert "Det er ikke møtet for januar 2027" in " ".join(screen_text(app).split())
        assert app.screen.query_one("#dimension", Select).value == february.dimension_id
        # A full date field takes what is typed (it was refused before, without a word); a
        # date that is no date is said in one line when starting, and nothing is started.
        await pilot.press("end", "7")
        await pilot.pause()
        assert date_field.value == february.meeting_date.isoformat() + "7"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingSetupScreen) and app.screen.query_one("#error").display
        assert not store.meetings(dept)
        await pilot.press("backspace")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.state.meeting.month == FEB


async def test_the_demo_on_7_december_opens_januarys_meeting_without_a_question(store: Store) -> None:
    create_demo(store, date(2026, 12, 7))
    app = make_app(store, demo=True, today=date(2026, 12, 7))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MeetingSetupScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)  # December's is held; this is January's
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, StoryPickDialog) and len(app.screen.options) >= 2


def finish(store: Store, dept, month: YearMonth, day: date) -> None:
    ws = Workspace(store)
    at = datetime.combine(day, datetime.min.time()).replace(hour=9)
    state = ws.start_meeting(dept, day, ws.wheel(dept, month.kindergarten_year).month(month).dimension_id,
                             dept.find_member("Ingrid Leder"), list(dept.active_staff), [], at)
    stories = [s for s in store.stories(dept, month) if s.status is StoryStatus.SUBMITTED
               and s.author_id != state.meeting.facilitator_id][:1]
    state = ws.take_up_stories(dept, state, stories, at)
    while state.stage is not Stage.CLOSING:
        state = ws.act(dept, state, mt.advance(state, ws.method, at, force=True))
    ws.act(dept, state, mt.finish(state, "Ferdig", at, force=True))


def wheel_row(app, month: YearMonth) -> str:
    """The year wheel's row of `month`, as drawn."""
    from tettpa_tui.widgets.rowlist import RowList

    home = app.screen
    assert isinstance(home, HomeScreen)
    table = home.query_one("#plan", RowList)
    index = [str(m.month) for m in home._months].index(str(month))
    return " ".join(cell.plain for cell in table._rows[index][1])


async def test_the_wheel_follows_a_meeting_ended_and_a_plan_put_first(store: Store) -> None:
    """Back on the home screen after a meeting ends (or a plan's focus is put first), the
    year wheel beside the panel shows the same next month and the same dimensions."""
    dept = fresh(store)
    hand_in(store, dept, None, datetime(2026, 11, 25, 9, 0))
    ws = Workspace(store)
    app = make_app(store, today=date(2026, 12, 1))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert wheel_row(app, DEC).startswith("▶")
        await pilot.press("h")  # the meetings; meanwhile December's meeting is held and ended
        await pilot.pause()
        finish(store, dept, DEC, date(2026, 12, 1))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "5. januar 2027" in panel(app)
        assert wheel_row(app, JAN).startswith("▶") and not wheel_row(app, DEC).startswith("▶")
        # A development plan's focus put first in the wheel (here: as the observations screen does).
        fw = ws.framework_for(dept)
        other = next(d.id for d in fw.choices(None) if d.id != ws.next_meeting(dept, date(2026, 12, 1)).dimension_id)
        await pilot.press("h")
        await pilot.pause()
        ws.set_plan(dept, JAN, other, None)
        await pilot.press("escape")
        await pilot.pause()
        name = fw.dimension(other).name("nb")
        assert name in wheel_row(app, JAN)


async def test_esc_in_a_running_meeting_says_it_stays_open_and_m_goes_back(store: Store) -> None:
    dept = fresh(store)
    hand_in(store, dept, None, datetime(2026, 11, 25, 9, 0))
    app = make_app(store, today=date(2026, 12, 1))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("fortsatt åpent" in str(n.message) for n in app._notifications)
        assert "Åpent møte 1.12.: m går tilbake" in panel(app)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.state.meeting.id == meeting.state.meeting.id
    assert len(store.meetings(dept)) == 1


async def test_a_notice_about_one_screen_goes_with_it(store: Store) -> None:
    """"Alle navnene er byttet ut ..." is about the writer: it does not stay over the
    home screen once the writer is left (a notice given just before leaving still shows)."""
    from tettpa_tui.i18n import t
    from tettpa_tui.screens.writer import StoryWriterScreen

    dept = fresh(store)
    app = make_app(store, today=date(2026, 11, 25))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_writer(dept, dept.find_member("Per Hansen"))
        await pilot.pause()
        assert isinstance(app.screen, StoryWriterScreen)
        app.screen.notify(t("writer.review.read_again"), timeout=10, markup=False)
        await pilot.pause()
        await type_text(pilot, "Jeg")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert not any("Alle navnene" in str(n.message) for n in app._notifications)
        assert "Alle navnene" not in screen_text(app)
        # A notice given as a screen closes (the meeting's "still open") is still seen.
        app.screen.notify("før", markup=False)
        await pilot.pause()
        assert any(n.message == "før" for n in app._notifications)


async def test_the_closing_of_a_late_meeting_names_the_following_months_dimension(store: Store) -> None:
    """December's meeting held on the 8th ends by presenting January's dimension, not December's again."""
    from textual.widgets import Markdown

    dept = fresh(store)
    hand_in(store, dept, None, datetime(2026, 11, 25, 9, 0))
    ws = Workspace(store)
    january = ws.framework_for(dept).dimension(ws.wheel(dept, JAN.kindergarten_year).month(JAN).dimension_id)
    december = ws.framework_for(dept).dimension(ws.wheel(dept, DEC.kindergarten_year).month(DEC).dimension_id)
    at = datetime(2026, 12, 8, 9, 0)
    state = ws.start_meeting(dept, at.date(), december.id, dept.find_member("Ingrid Leder"),
                             list(dept.active_staff), [], at)
    assert state.meeting.month == DEC
    stories = [s for s in store.stories(dept, DEC) if s.status is StoryStatus.SUBMITTED
               and s.author_id != state.meeting.facilitator_id][:1]
    state = ws.take_up_stories(dept, state, stories, at)
    while state.stage is not Stage.CLOSING:
        state = ws.act(dept, state, mt.advance(state, ws.method, at, force=True))
    app = make_app(store, today=date(2026, 12, 8))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)  # the meeting left open: go on?
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        cue = app.screen.query_one("#cue-text", Markdown).source
        assert f"Neste måned: {january.name('nb')}" in cue


async def test_no_stories_is_said_as_the_overview_counts_them(store: Store) -> None:
    """Stories handed in, but by people not present today: the meeting says so (not a bare
    "none"), with the meeting's month and the number the home screen counts."""
    from tettpa_tui.widgets.fields import SelectionList

    dept = fresh(store)
    hand_in(store, dept, None, datetime(2026, 11, 25, 9, 0), count=2)  # Per and Kari
    app = make_app(store, today=date(2026, 12, 1))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "2 av 4" in panel(app)
        await pilot.press("m")
        await pilot.pause()
        present = app.screen.query_one("#present", SelectionList)
        for name in ("Per Hansen", "Kari Nilsen"):  # away today
            present.deselect(dept.find_member(name).id)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        said = [str(n.message) for n in app._notifications]
        assert any("desember 2026 (2 fortellinger) er fra noen som er til stede" in m for m in said), said
