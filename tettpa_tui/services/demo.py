"""The demo kindergarten: a living example for a newcomer, in its own folder.

Made with the same domain and store code as real data, so what the demo
shows is what the app does. Every name here is invented.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

from tettpa_tui.content import read_text, read_toml
from tettpa_tui.domain import meeting as mt
from tettpa_tui.domain.calendar import KindergartenYear
from tettpa_tui.domain.classframework import Instrument
from tettpa_tui.domain.meeting import Outcome
from tettpa_tui.domain.records import AgeGroup, Department, Role, new_department
from tettpa_tui.i18n import language, t
from tettpa_tui.store import Store
from tettpa_tui.workspace import Workspace

DEMO_KINDERGARTEN = "Solsikken barnehage"
DEMO_POOL = 6  # started August 2024: in 2026/27 its third year, "Snakke med barn" (its modules in the wheel)
DEMO_SETTING = "demo"  # set in a data folder the demo was written into: only there may `serve --demo` give codes

DEMO_DEPARTMENTS: list[tuple[str, AgeGroup, list[tuple[str, Role]]]] = [
    (
        "Blåklokka",
        AgeGroup.TODDLER,
        [
            ("Ingrid Solberg", Role.LEADER),
            ("Tobias Haugen", Role.TEACHER),
            ("Amina Yusuf", Role.SKILLED),
            ("Per Kristiansen", Role.ASSISTANT),
            ("Lene Dahl", Role.ASSISTANT),
        ],
    ),
    (
        "Tyttebæret",
        AgeGroup.PRESCHOOL,
        [
            ("Marte Lunde", Role.LEADER),
            ("Jonas Berg", Role.TEACHER),
            ("Sofie Nguyen", Role.SKILLED),
            ("Ole Andreassen", Role.SKILLED),
            ("Hanne Moe", Role.ASSISTANT),
            ("Karim Haddad", Role.ASSISTANT),
        ],
    ),
    (
        "Humla",
        AgeGroup.MIXED,
        [
            ("Eva Strand", Role.LEADER),
            ("Nils Bakke", Role.SKILLED),
            ("Fatima Ali", Role.ASSISTANT),
            ("Guro Vik", Role.ASSISTANT),
        ],
    ),
]


# The demo's stories fit each department's age group (no two-year-old on a
# storbarn department): those told at last month's meeting, and those handed in
# for the next one.
LAST_MEETING_STORIES = {
    AgeGroup.TODDLER: ["story-1", "story-2"],
    AgeGroup.PRESCHOOL: ["story-4", "story-2"],
    AgeGroup.MIXED: ["story-3", "story-2"],
}
NEXT_MEETING_STORIES = {
    AgeGroup.TODDLER: ["story-3", "story-1", "story-2"],
    AgeGroup.PRESCHOOL: ["story-3", "story-4", "story-2"],
    AgeGroup.MIXED: ["story-1", "story-3", "story-2"],
}


def demo_data_dir() -> Path:
    """The demo's own folder, one per language (the demo's stories are written in it)."""
    from platformdirs import user_data_dir

    suffix = "" if language() == "nb" else f"-{language()}"
    return Path(user_data_dir(f"tettpa-demo{suffix}", appauthor=False))


def demo_text(name: str) -> str:
    """A demo story, its paragraphs unwrapped as a writer would have typed them."""
    file = f"demo/{name}.md" if language() == "nb" else f"demo/{name}.{language()}.md"
    paragraphs = read_text(file).strip().split("\n\n")
    return "\n\n".join(" ".join(p.split()) for p in paragraphs)


def add_demo_stories(store: Store, dept: Department, today: date) -> None:
    """Stories for the next meeting: most handed in, one draft, one person with nothing yet."""
    ws = Workspace(store)
    staff = list(dept.active_staff)
    texts = NEXT_MEETING_STORIES[dept.age_group]
    when = datetime.combine(today, time(9, 0))
    for i, member in enumerate(staff[:-2]):
        story = ws.start_story(dept, member, when - timedelta(days=len(staff) - i),
                               text=demo_text(texts[i % len(texts)]))
        ws.hand_in(dept, story, when - timedelta(days=len(staff) - i, hours=-1))
    ws.start_story(dept, staff[-2], when, text=demo_text("story-draft"))


def add_last_meeting(store: Store, dept: Department, today: date) -> None:
    """Last month's meeting, finished, made with the same domain code as a real one."""
    ws = Workspace(store)
    notes = read_toml("demo/meeting.toml" if language() == "nb" else f"demo/meeting.{language()}.toml")
    upcoming = ws.next_meeting(dept, today)
    months = [m for y in (upcoming.month.kindergarten_year.start - 1, upcoming.month.kindergarten_year.start)
              for m in KindergartenYear(y).months]
    previous = months[months.index(upcoming.month) - 1]
    plan = ws.wheel(dept, previous.kindergarten_year).month(previous)
    when = datetime.combine(plan.meeting_date, time(13, 0))
    staff = list(dept.active_staff)
    tellers = [staff[2], staff[0]] if len(staff) > 2 else staff[:1]
    told = LAST_MEETING_STORIES[dept.age_group][:len(tellers)]
    stories = [
        ws.hand_in_new(dept, teller, when - timedelta(days=3 - i), demo_text(told[i]), previous)
        for i, teller in enumerate(tellers)
    ]
    leader = next((m for m in staff if m.role is Role.LEADER), staff[0])
    state = ws.start_meeting(dept, plan.meeting_date, plan.dimension_id, leader, staff, [], when, month=previous)
    method = ws.method
    clock = [when]

    def at() -> datetime:
        clock[0] += timedelta(seconds=40)
        return clock[0]

    # The leader facilitates and tells too: the barnehagelærer leads the talk about her story.
    stand_ins = {story.id: staff[1].id for story, teller in zip(stories, tellers)
                 if mt.needs_stand_in(state.meeting, teller.id)}
    state = ws.take_up_stories(dept, state, stories, at(), stand_ins)
    for name in told:  # each story its own questions, reflections and response
        story_notes = notes[name]
        for spec in method.phases:
            if spec.team_turns:
                said = story_notes.get(spec.id, [""])
                for k, speaker in enumerate(list(state.order)):
                    outcome = Outcome.PASSED if (k == 2 and spec.id == "reflection") else Outcome.SPOKE
                    note = said[k % len(said)] if outcome is Outcome.SPOKE else ""
                    state = ws.act(dept, state, mt.record_turn(state, speaker, outcome, at(), note=note))
            if spec.record == "response":
                state = ws.act(dept, state, mt.record_response(
                    state, method, story_notes["useful"], story_notes["goal"], at()))
            state = ws.act(dept, state, mt.advance(state, method, at()))
    # The closing round: what each takes along, from the stories told.
    taken = [notes[name]["closing"] for name in told]
    for k, speaker in enumerate(list(state.order)):
        said = taken[k % len(taken)]
        state = ws.act(dept, state, mt.record_turn(
            state, speaker, Outcome.SPOKE, at(), note=said[(k // len(taken)) % len(said)]))
    summary = notes["summary"].get(plan.dimension_id) or next(iter(notes["summary"].values()))
    ws.act(dept, state, mt.finish(state, summary, at()))


def add_observation(store: Store, dept: Department, today: date) -> None:
    """An autumn observation with its development plan (toddler departments only)."""
    from tettpa_tui.domain.calendar import parse_date
    from tettpa_tui.domain.observation import new_plan, suggest_focus

    ws = Workspace(store)
    data = read_toml("demo/observation.toml")
    when = datetime.combine(parse_date(data["date"]), time(12, 0))
    obs = ws.record_observation(dept, when.date(), data["observer"], data["cycle"], when,
                                external=data.get("external", False),
                                oral_feedback=parse_date(data["oral_feedback"]) if "oral_feedback" in data else None)
    focus = suggest_focus(obs, ws.framework, ws.observation_rules)
    lang = language()
    store.save_development_plan(dept, new_plan(obs.id, focus, data[f"goals_{lang}"], data[f"actions_{lang}"],
                                               parse_date(data["review"]), when))


def add_microproject(store: Store, dept: Department, today: date) -> None:
    """The leader's mikroprosjekt, reviewed after the winter (content/demo/microproject.toml)."""
    from dateutil.relativedelta import relativedelta

    data = read_toml("demo/microproject.toml")
    lang = language()
    leader = next(s for s in dept.staff if s.role is Role.LEADER)
    Workspace(store).add_microproject(dept, leader.id, data[f"title_{lang}"], data[f"goal_{lang}"],
                                      data[f"actions_{lang}"], today + relativedelta(months=3),
                                      datetime.combine(today, time(12, 0)))


def add_certifications(store: Store, today: date) -> None:
    """Two CLASS-certified leaders: one whose recertification is due in three weeks
    (the kindergarten overview warns), one certified this autumn."""
    from dateutil.relativedelta import relativedelta

    ws = Workspace(store)
    at = datetime.combine(today, time(12, 0))
    ws.add_certification(DEMO_KINDERGARTEN, "Ingrid Solberg", Instrument.TODDLER,
                         today - relativedelta(years=1) + relativedelta(weeks=3), None, at)
    ws.add_certification(DEMO_KINDERGARTEN, "Marte Lunde", Instrument.PRE_K,
                         min(today, date(KindergartenYear.containing(today).start, 9, 1)), None, at)


def create_demo(store: Store, today: date) -> bool:
    """Write the demo kindergarten into `store` unless it is there; True if written."""
    if store.list_departments():
        return False
    first = None
    # The demo's departments have been in the programme for years: made before this year began.
    made = date(KindergartenYear.containing(today).start - 1, 8, 1)
    for name, age, staff in DEMO_DEPARTMENTS:
        dept = store.create_department(
            new_department(DEMO_KINDERGARTEN, name, age, staff, created=made), pool=DEMO_POOL
        )
        add_last_meeting(store, dept, today)
        add_demo_stories(store, dept, today)
        if age is AgeGroup.TODDLER:
            add_observation(store, dept, today)
        first = first or dept
    assert first is not None
    add_certifications(store, today)
    add_microproject(store, first, today)
    # The kindergarten's pedagogue meeting, with its mentor from the competence team.
    ped = Workspace(store).pedagogue_department(DEMO_KINDERGARTEN, t("pedagogue.name"), today)
    store.add_staff(ped, "Mona Mentor", Role.MENTOR)
    # The director (styrer), on no department: from the second programme year she leads it as the ledermøte.
    store.add_staff(ped, "Siri Bakke", Role.DIRECTOR)
    store.set_last_department(first.path)
    store.set_setting(DEMO_SETTING, True)
    return True


def is_demo(store: Store) -> bool:
    """Whether the folder holds the demo (written by create_demo), not a kindergarten's own data."""
    try:
        return store.setting(DEMO_SETTING) is True
    except Exception:  # noqa: BLE001 - an unreadable settings file: not known to be a demo
        return False
