"""The demo kindergarten: a living example for a newcomer, in its own folder.

Made with the same domain and store code as real data, so what the demo
shows is what the app does. Every name here is invented.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

from tettpa_tui.content import read_text
from tettpa_tui.domain.records import AgeGroup, Department, Role, new_department
from tettpa_tui.store import Store
from tettpa_tui.workspace import Workspace

DEMO_KINDERGARTEN = "Solsikken barnehage"
DEMO_POOL = 4

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


def demo_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("tettpa-demo", appauthor=False))


def demo_text(name: str) -> str:
    """A demo story, its paragraphs unwrapped as a writer would have typed them."""
    paragraphs = read_text(f"demo/{name}.md").strip().split("\n\n")
    return "\n\n".join(" ".join(p.split()) for p in paragraphs)


def add_demo_stories(store: Store, dept: Department, today: date) -> None:
    """Stories for the next meeting: most handed in, one draft, one person with nothing yet."""
    ws = Workspace(store)
    staff = list(dept.active_staff)
    texts = ["story-1", "story-2", "story-3"]
    when = datetime.combine(today, time(9, 0))
    for i, member in enumerate(staff[:-2]):
        story = ws.start_story(dept, member, when - timedelta(days=len(staff) - i),
                               text=demo_text(texts[i % len(texts)]))
        ws.hand_in(dept, story, when - timedelta(days=len(staff) - i, hours=-1))
    ws.start_story(dept, staff[-2], when, text=demo_text("story-draft"))


def create_demo(store: Store, today: date) -> bool:
    """Write the demo kindergarten into `store` unless it is there; True if written."""
    if store.list_departments():
        return False
    first = None
    for name, age, staff in DEMO_DEPARTMENTS:
        dept = store.create_department(
            new_department(DEMO_KINDERGARTEN, name, age, staff, created=today), pool=DEMO_POOL
        )
        add_demo_stories(store, dept, today)
        first = first or dept
    assert first is not None
    store.set_last_department(first.path)
    return True
