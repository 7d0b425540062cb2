"""Mentors: a pedagogue meeting of the leaders of three departments, with a time-out and a
debrief; the leader's plan at their next department meeting; the overview's numbers."""

from __future__ import annotations

import json
from datetime import date, datetime

from textual.widgets import Input, Markdown

from tests.app.conftest import make_app, screen_text, type_text
from tests.app.test_meeting import pick
from tests.cli.test_cli import run
from tests.conftest import TODAY
from tettpa_tui.services.demo import create_demo
from tettpa_tui.domain.meeting import Stage
from tettpa_tui.domain.records import Role
from tettpa_tui.services.minutes import meeting_record, minutes
from tettpa_tui.screens.history import KindergartenScreen
from tettpa_tui.screens.home import HomeScreen
from tettpa_tui.screens.meeting import MeetingScreen
from tettpa_tui.store import Store
from tettpa_tui.widgets.dialogs import ConfirmDialog, TextPrompt
from tettpa_tui.workspace import Workspace

KG = "Solsikken barnehage"
DEC1 = date(2026, 12, 1)


async def test_pedagogue_meeting_with_time_out_and_debrief(store: Store) -> None:
    create_demo(store, TODAY)
    ws = Workspace(store)
    ped = ws.pedagogue_department(KG, "Pedagogmøte", TODAY)
    leaders = {m.name for m in ped.active_staff if m.role is Role.LEADER}
    assert leaders == {"Ingrid Solberg", "Marte Lunde", "Eva Strand"}  # one from each department
    assert any(m.role is Role.TEACHER for m in ped.active_staff)  # the barnehagelærere too
    mentor = ped.find_member("Mona Mentor")  # the demo's mentor
    assert mentor is not None and mentor.role is Role.MENTOR
    at = datetime(2026, 11, 28, 9)
    ws.hand_in_new(ped, ped.find_member("Marte Lunde"), at, "Jeg satt med en gutt som ikke ville spise.")

    app = make_app(store, today=DEC1)
    async with app.run_test(size=(140, 44)) as pilot:
        await pilot.pause()
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, KindergartenScreen)
        await pilot.press("p")  # open the pedagogue meeting
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.screen.department.is_pedagogue_meeting
        await pilot.press("m")
        await pilot.pause()
        app.screen.query_one("#facilitator").value = mentor.id
        await pilot.press("ctrl+s")
        await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen) and meeting.modelling
        assert "Hvorfor:" in meeting.query_one("#cue-text", Markdown).source
        await pick(pilot, 1)
        await pilot.press("f9")  # the questions round
        await pilot.pause()
        s = meeting.state
        assert mentor.id not in s.order  # the mentor models; the leaders take the turns
        # All the pedagogues take turns: the pedagogical leaders and the barnehagelærere (and the
        # director, present while the mentor facilitates).
        assert sorted(s.order) == sorted(m.id for m in ped.active_staff
                                         if m.role in (Role.LEADER, Role.TEACHER, Role.DIRECTOR)
                                         and m.name != "Marte Lunde")
        await pilot.press("f12")  # a time-out to explain a move
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await type_text(pilot, "Vi spør ikke hvorfor")
        await pilot.press("enter")
        await pilot.pause()
        while meeting.state.stage is not Stage.CLOSING:
            await pilot.press("f9")
            await pilot.pause()
            if isinstance(app.screen, ConfirmDialog):
                await pilot.press("enter")
                await pilot.pause()
        assert "Oppsummering av metoden" in screen_text(app)
        assert mentor.id not in meeting.state.order  # the facilitator has no turn in the debrief either
        plans = {}
        while meeting.state.next_speaker:
            who = meeting.state.next_speaker
            plans[who] = f"Plan for {who}"
            meeting.query_one("#note", Input).value = plans[who]
            await pilot.press("enter")
            await pilot.pause()
        await pilot.press("f9", "enter")
        await pilot.pause()
        assert meeting.state.stage is Stage.FINISHED

    ped = store.department(ped.path)
    (finished,) = store.meetings(ped)
    record = meeting_record(ws, ped, finished)
    assert record["timeouts"][0]["note"] == "Vi spør ikke hvorfor"
    assert all(tr["note"] != "Vi spør ikke hvorfor" for tr in record["turns"])  # apart from the reflections
    text = minutes(ws, ped, finished)
    assert "Notater om metoden" in text and "Oppsummering av metoden" in text

    # Ingrid's plan comes back when she next starts a meeting in her own department.
    blaklokka = store.department(f"{KG}/Blåklokka")
    ingrid = blaklokka.find_member("Ingrid Solberg")
    assert ws.leader_plan(blaklokka, ingrid.id) == (DEC1, plans[ingrid.id])
    app = make_app(store, today=DEC1)
    async with app.run_test(size=(140, 44)) as pilot:
        await pilot.pause()
        app.open_department(blaklokka)
        await pilot.pause()
        await pilot.press("m", "ctrl+s")
        await pilot.pause()
        shown = app.screen.query_one("#dimension-text", Markdown).source
        assert "Din plan fra pedagogmøtet" in shown and plans[ingrid.id] in shown


def test_overview_numbers_against_a_known_data_set(tmp_path) -> None:
    data = tmp_path / "demo"
    assert run("demo", "--data-dir", str(data), "--create-only").returncode == 0
    store = Store(data)
    ws = Workspace(store)
    humla = store.department(f"{KG}/Humla")
    # One more finished meeting in Humla in December with one follow-up of November's goals.
    from tettpa_tui.domain import meeting as mt

    at = datetime(2026, 12, 1, 13)
    state = ws.start_meeting(humla, DEC1, "behavior-guidance", humla.find_member("Eva Strand"),
                             list(humla.active_staff), [], at)
    goal_story = ws.previous_goals(humla, state.meeting)[0][0].story_id
    state = ws.act(humla, state, mt.record_followup(state, goal_story, "tried", "ok", at))
    story = next(s for s in store.stories(humla, state.meeting.month) if s.status.value == "submitted"
                 and s.author_id != state.meeting.facilitator_id)  # the leader's own would need a stand-in
    state = ws.take_up_stories(humla, state, [story], at)
    while state.stage is not Stage.CLOSING:
        state = ws.act(humla, state, mt.advance(state, ws.method, at, force=True))
    ws.act(humla, state, mt.finish(state, "", at, force=True))

    out = json.loads(run("overview", KG, "--json", data=data).stdout)
    rows = {r["department"]: r for r in out["departments"]}
    assert set(rows) == {"Blåklokka", "Humla", "Tyttebæret"}  # the pedagogue meeting is not a department
    assert rows["Humla"]["meetings_held"] == 2
    assert rows["Humla"]["dimensions_covered"] == 2
    assert rows["Humla"]["goals_followed_up"] == 1
    assert rows["Humla"]["last_meeting"] == "2026-12-01"
    assert rows["Humla"]["stories_per_meeting"] == 2.0  # November 2 (taken up), December: 2 handed in
    assert rows["Blåklokka"]["meetings_held"] == 1 and rows["Blåklokka"]["last_meeting"] == "2026-11-03"
    everything = json.loads(run("overview", "--all", "--json", data=data).stdout)
    assert [k["kindergarten"] for k in everything] == [KG]


async def test_esc_leads_back_from_the_pedagogue_meeting(store: Store) -> None:
    create_demo(store, TODAY)
    app = make_app(store, today=DEC1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = app.screen
        came_from = home.department.path
        await pilot.press("escape")  # on a department's own page Esc does nothing
        await pilot.pause()
        assert app.screen is home and home.department.path == came_from
        await pilot.press("k", "p")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.screen.department.is_pedagogue_meeting
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.screen.department.path == came_from


async def test_the_pedagogue_meetings_facilitator_is_not_counted_as_a_story_writer(store: Store) -> None:
    create_demo(store, TODAY)
    ws = Workspace(store)
    ped = ws.pedagogue_department(KG, "Pedagogmøte", TODAY)
    # From year 2 the director facilitates (the demo is in year 3): not asked for a story, nor the mentor.
    writers = [m for m in ped.active_staff if m.role not in (Role.MENTOR, Role.DIRECTOR)]
    ws.hand_in_new(ped, ped.find_member("Marte Lunde"), datetime(2026, 11, 28, 9), "Jeg satt med en gutt.")
    app = make_app(store, today=DEC1)
    async with app.run_test(size=(140, 44)) as pilot:
        await pilot.pause()
        app.open_department(ped)
        await pilot.pause()
        assert f"levert: 1 av {len(writers)}" in screen_text(app)
        await pilot.press("f")  # the leader's overview: who has handed in
        await pilot.pause()
        text = screen_text(app)
        assert f"Levert: 1 av {len(writers)}" in text
        assert "Mona Mentor" not in text and "Siri Bakke" not in text


async def test_from_year_two_the_director_holds_it_as_the_ledermote(store: Store) -> None:
    create_demo(store, TODAY)  # the demo's kindergarten is in its fifth programme year
    ws = Workspace(store)
    ped = ws.pedagogue_department(KG, "Pedagogmøte", TODAY)
    director = next(m for m in ped.active_staff if m.role is Role.DIRECTOR)  # the demo's styrer
    assert director.name == "Siri Bakke"
    app = make_app(store, today=DEC1)
    async with app.run_test(size=(140, 44)) as pilot:
        await pilot.pause()
        app.open_department(ped)
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert app.screen.query_one("#facilitator").value == director.id  # the director by default
        await pilot.press("ctrl+s")
        await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        assert "Ledermøte tirsdag 1. desember 2026" in screen_text(app)
        assert meeting.modelling  # the same method, modelled
        await pilot.press("escape")  # back home, where it is named the ledermøte too
        await pilot.pause()
        if isinstance(app.screen, ConfirmDialog):
            await pilot.press("enter")
            await pilot.pause()
        await pilot.press("h")  # the history of its meetings names it, and the record
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "Referat fra ledermøte" in screen_text(app)
    (held,) = store.meetings(store.department(ped.path))
    assert minutes(ws, store.department(ped.path), held).startswith("# Referat fra ledermøte")
    # `tettpa meeting show` says so too.
    result = run("meeting", "show", ped.path, held.id, data=store.root)
    assert result.returncode == 0 and result.stdout.startswith("Referat fra ledermøte tirsdag 1. desember 2026")


async def test_the_pedagogue_meeting_presents_what_each_department_takes_up_next(store: Store) -> None:
    from tettpa_tui.domain.calendar import YearMonth

    create_demo(store, TODAY)
    ws = Workspace(store)
    ped = ws.pedagogue_department(KG, "Pedagogmøte", TODAY)
    january = YearMonth(2027, 1)
    expected = {}
    for name in ("Blåklokka", "Tyttebæret", "Humla"):
        d = store.department(f"{KG}/{name}")
        dim = ws.framework_for(d).dimension(ws.wheel(d, january.kindergarten_year).month(january).dimension_id)
        expected[name] = dim
    assert len({dim.id for dim in expected.values()}) > 1  # the toddler department's differs
    # December's pedagogue meeting is a week before the departments' (the first Tuesday, Dec 1).
    assert ws.next_meeting(ped, date(2026, 11, 20)).meeting_date == date(2026, 11, 24)
    ws.hand_in_new(ped, ped.find_member("Marte Lunde"), datetime(2026, 11, 20, 9), "Jeg satt med en gutt.")
    app = make_app(store, today=date(2026, 11, 24))
    async with app.run_test(size=(140, 44)) as pilot:
        await pilot.pause()
        app.open_department(ped)
        await pilot.pause()
        await pilot.press("m", "ctrl+s")
        await pilot.pause()
        meeting = app.screen
        await pick(pilot, 1)
        while meeting.state.stage is not Stage.CLOSING:
            await pilot.press("f9")
            await pilot.pause()
            if isinstance(app.screen, ConfirmDialog):
                await pilot.press("enter")
                await pilot.pause()
        shown = meeting.query_one("#next-text", Markdown).source
        for name, dim in expected.items():
            assert f"Neste møte: {dim.name('nb')}" in shown and name in shown
            assert dim.descriptions["nb"] in shown


def test_a_leaders_story_in_the_pedagogue_meeting_is_tagged_with_her_own_departments_dimension(store: Store) -> None:
    from tettpa_tui.domain.calendar import YearMonth

    create_demo(store, TODAY)
    ws = Workspace(store)
    ped = ws.pedagogue_department(KG, "Pedagogmøte", TODAY)
    january = YearMonth(2027, 1)  # the toddler department's January differs from the Pre-K ones'
    assert ws.wheel(store.department(f"{KG}/Tyttebæret"), january.kindergarten_year).month(january).dimension_id != \
        ws.wheel(store.department(f"{KG}/Blåklokka"), january.kindergarten_year).month(january).dimension_id
    for leader, department in (("Ingrid Solberg", "Blåklokka"), ("Marte Lunde", "Tyttebæret")):
        own = store.department(f"{KG}/{department}")
        story = ws.hand_in_new(ped, ped.find_member(leader), datetime(2026, 11, 28, 9), "Jeg satt med barna.", january)
        assert story.dimension_id == ws.wheel(own, january.kindergarten_year).month(january).dimension_id
    # In a department the month's own dimension, as before.
    blaklokka = store.department(f"{KG}/Blåklokka")
    story = ws.hand_in_new(blaklokka, blaklokka.find_member("Lene Dahl"), datetime(2026, 11, 28, 9), "Jeg satt.", january)
    assert story.dimension_id == ws.wheel(blaklokka, january.kindergarten_year).month(january).dimension_id



async def test_the_writer_names_a_leaders_dimension_in_her_own_departments_words(store: Store) -> None:
    from tettpa_tui.domain.calendar import YearMonth
    from tettpa_tui.screens.writer import StoryWriterScreen

    create_demo(store, TODAY)
    ws = Workspace(store)
    ped = ws.pedagogue_department(KG, "Pedagogmøte", TODAY)
    blaklokka = store.department(f"{KG}/Blåklokka")  # Toddler
    january = YearMonth(2027, 1)
    toddler = ws.framework_for(blaklokka).dimension(ws.wheel(blaklokka, january.kindergarten_year).month(january).dimension_id)
    prek = ws.framework_for(ped).dimension(toddler.id)
    assert toddler.descriptions["nb"] != prek.descriptions["nb"]  # the Toddler text, not Pre-K's
    ingrid = ped.find_member("Ingrid Solberg")
    story = ws.start_story(ped, ingrid, datetime(2026, 12, 10, 9), month=january)
    app = make_app(store, today=DEC1)
    async with app.run_test(size=(140, 44)) as pilot:
        await pilot.pause()
        app.push_screen(StoryWriterScreen(ped, ingrid, story))
        await pilot.pause()
        text = screen_text(app)
        assert "avdelingens dimensjon denne måneden" in text
        assert "handler, for de minste" in toddler.descriptions["nb"]  # the Toddler text's own words
        assert "handler, for de minste" in text


async def test_the_pedagogue_meeting_is_planned_before_the_departments_and_shows_their_dimensions(
        store: Store) -> None:
    from textual.widgets import Select, Static

    from tettpa_tui.domain.calendar import KindergartenYear, YearMonth
    from tettpa_tui.domain.records import AgeGroup, new_department
    from tettpa_tui.widgets.dialogs import PlanMonthDialog

    create_demo(store, TODAY)
    # A department with a hostile name meets on the second Tuesday: the first Tuesday still counts.
    store.create_department(new_department(KG, "[b]Lite [@click=app.quit]x", AgeGroup.TODDLER,
                                                 [("Kari Li", Role.LEADER)], created=TODAY))
    ws = Workspace(store)
    ped = ws.pedagogue_department(KG, "Pedagogmøte", TODAY)
    january = YearMonth(2027, 1)
    assert ws.wheel(ped, KindergartenYear(2026)).month(january).departments_meet == date(2027, 1, 5)
    app = make_app(store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_department(ped)
        await pilot.pause()
        text = screen_text(app)
        # Before the departments' first Tuesday of January, not in Christmas week; their dimensions, each named.
        assert "tirsdag 15. desember 2026" in text and "Før avdelingsmøtene 05.01.2027" in text
        assert "15.12.2026" in text and "25.08.2026" in text  # the wheel: September's is in late August
        assert "[@click=app.quit]x, Blåklokka);" in text and "([b]Lite" in text  # the hostile name as typed
        assert "Positivt klima" in text  # August, when every department takes the same: just its name
        await pilot.press("e")  # the next meeting's month: only its date is set here
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PlanMonthDialog)
        assert not dialog.query(Select)
        shown = str(dialog.query_one("#dimensions", Static).render())
        assert "Produktivitet (Humla, Tyttebæret)" in shown and "([b]Lite [@click=app.quit]x, Blåklokka)" in shown
        dialog.query_one("#date", Input).value = "2027-01-06"  # the day after the first department meeting
        dialog.query_one("#date", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        said = " ".join(n.message for n in app._notifications)
        assert "Merk: 06.01.2027 er ikke før avdelingsmøtene (det første er 05.01.2027)" in said
        assert "Merk: 06.01.2027" in screen_text(app)  # and the home screen keeps saying it
    plan = ws.wheel(ped, KindergartenYear(2026)).month(january)
    assert plan.meeting_date == date(2027, 1, 6) and plan.date_set_by_hand and plan.not_before_departments
    # Its own wheel has no dimensions to set.
    import pytest

    from tettpa_tui.domain.errors import DomainError
    with pytest.raises(DomainError) as e:
        ws.set_plan(ped, january, "language-modeling", None)
    assert e.value.key == "error.pedagogue_plan_dimension"


async def test_m_on_the_pedagogue_meeting_shows_the_departments_dimensions(store: Store) -> None:
    from textual.widgets import Static

    create_demo(store, TODAY)
    ws = Workspace(store)
    ped = ws.pedagogue_department(KG, "Pedagogmøte", TODAY)
    from tettpa_tui.i18n import set_language

    set_language("en")  # the texts drawn here are in English (the key bindings were made at import)
    app = make_app(store, today=TODAY)
    try:
        async with app.run_test(size=(160, 50)) as pilot:
            await pilot.pause()
            app.open_department(ped)
            await pilot.pause()
            assert "leader meeting (director leads)" in screen_text(app)
            assert "Before departments meet 05.01.2027" in screen_text(app)
            await pilot.press("m")
            await pilot.pause()
            assert not app.screen.query_one("#dimension").display
            shown = str(app.screen.query_one("#dimensions", Static).render())
            assert "(Blåklokka)" in shown and "(Humla, Tyttebæret)" in shown
            assert not app.screen.query_one("#before-note").display
            app.screen.query_one("#date", Input).value = "2027-01-06"  # after the departments' first meeting
            await pilot.pause()
            note = app.screen.query_one("#before-note", Static)
            assert note.display and "Note: 06.01.2027 is not before the department meetings" in str(note.render())
    finally:
        set_language("nb")


def test_a_director_added_to_the_pedagogue_meeting_stays_when_it_is_brought_up_to_date(store: Store) -> None:
    create_demo(store, TODAY)
    ws = Workspace(store)
    ped = ws.pedagogue_department(KG, "Pedagogmøte", TODAY)
    ped, director = store.add_staff(ped, "Dina Styrer", Role.DIRECTOR)  # on no department
    ped = ws.pedagogue_department(KG, "Pedagogmøte", TODAY)  # opened again (`p`)
    assert ped.find_member("Dina Styrer").active


async def _to_the_pedagogue_closing(app, pilot, ped):
    await pilot.pause()
    app.open_department(ped)
    await pilot.pause()
    await pilot.press("m", "ctrl+s")
    await pilot.pause()
    meeting = app.screen
    await pick(pilot, 1)
    while meeting.state.stage is not Stage.CLOSING:
        await pilot.press("f9")
        await pilot.pause()
        if isinstance(app.screen, ConfirmDialog):
            await pilot.press("enter")
            await pilot.pause()
    return meeting


async def test_the_pedagogue_closing_cue_names_every_departments_dimension_and_all_can_be_reached_at_80x24(
        store: Store) -> None:
    """The facilitator's cue and the heading speak of every department's dimension, as the
    left column presents them; at 80×24 the last of them is reached by scrolling."""
    create_demo(store, TODAY)
    ws = Workspace(store)
    ped = ws.pedagogue_department(KG, "Pedagogmøte", TODAY)
    ws.hand_in_new(ped, ped.find_member("Marte Lunde"), datetime(2026, 11, 20, 9), "Jeg satt med en gutt.")
    app = make_app(store, today=date(2026, 11, 24))
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await _to_the_pedagogue_closing(app, pilot, ped)
        cue = meeting.query_one("#cue-text", Markdown).source
        shown = meeting.query_one("#next-text", Markdown).source
        for name in ("Blåklokka", "Humla", "Tyttebæret"):
            assert name in cue and name in shown
        assert "Neste måned tar avdelingene opp:" in cue and "Alle 2 står til venstre" in cue
        assert "Denne dimensjonen" not in shown and shown.startswith("Disse dimensjonene")
        box = meeting.query_one("#next-box")
        assert box.max_scroll_y > 0  # more than fits: it scrolls
        box.focus()
        await pilot.press("end")
        await pilot.pause()
        assert box.scroll_y == box.max_scroll_y  # the last department's dimension is in view


async def test_a_pedagogue_meeting_held_as_the_ledermote_is_called_so_everywhere(store: Store) -> None:
    """Year 2 on, the director leading: the kindergarten page's key bar and hint, the history's
    title and the date warning say "ledermøte", as home and the minutes do (one rule)."""
    from tettpa_tui.domain.calendar import YearMonth
    from tettpa_tui.screens.history import MeetingsScreen
    from tettpa_tui.screens.plan_month import not_before_line

    create_demo(store, TODAY)
    ws = Workspace(store)
    ped = ws.pedagogue_department(KG, "Pedagogmøte", TODAY)
    assert ws.held_as_leader_meeting(ped, TODAY)  # the demo is in its third year, the director leads
    app = make_app(store, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("k")
        await pilot.pause()
        text = screen_text(app)
        assert "p Ledermøte" in text and "ledermøtet, c samarbeidsmøtene" in text
        assert "Pedagogmøte" not in text and "pedagogmøtet" not in text
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, MeetingsScreen)
        assert f"Møter – {KG}/Ledermøte" in screen_text(app)
    plan = ws.wheel(ped, YearMonth(2027, 1).kindergarten_year).month(YearMonth(2027, 1))
    line = not_before_line(plan.__class__(**{**plan.__dict__, "meeting_date": plan.departments_meet}),
                           ws.pedagogue_name(ped, TODAY, definite=True))
    assert line is not None and "som ledermøtet forbereder" in line
    result = run("plan", "show", ped.path, data=store.root)
    assert "Ledermøtet planlegges en uke før" in result.stdout and "Pedagogmøtet planlegges" not in result.stdout
