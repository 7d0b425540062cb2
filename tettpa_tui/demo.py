"""The demo kindergarten: a living example for a newcomer, in its own folder.

Made with the same domain and store code as real data, so what the demo
shows is what the app does. Every name here is invented.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tettpa_tui.domain.records import AgeGroup, Role, new_department
from tettpa_tui.store import Store

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


def create_demo(store: Store, today: date) -> bool:
    """Write the demo kindergarten into `store` unless it is there; True if written."""
    if store.list_departments():
        return False
    first = None
    for name, age, staff in DEMO_DEPARTMENTS:
        dept = store.create_department(
            new_department(DEMO_KINDERGARTEN, name, age, staff, created=today), pool=DEMO_POOL
        )
        first = first or dept
    assert first is not None
    store.set_last_department(first.path)
    return True
