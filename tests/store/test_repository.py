"""Departments, staff and the year wheel through the repository."""

from datetime import date, datetime

import pytest

from tests.conftest import TODAY
from tettpa_tui.domain.calendar import KindergartenYear, YearMonth
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import AgeGroup, Role, new_department
from tettpa_tui.store import Store
from tettpa_tui.workspace import Workspace


def test_staff_changes_are_stored(store: Store, dept) -> None:
    dept, member = store.add_staff(dept, "Amina Yusuf", Role.SKILLED)
    dept = store.rename_staff(dept, member.id, "Amina Y.")
    dept = store.retire_staff(dept, member.id)
    again = store.department(dept.path)
    assert again.member(member.id).name == "Amina Y."
    assert not again.member(member.id).active
    assert "Amina Y." not in [s.name for s in again.active_staff]
    again = store.restore_staff(again, member.id)
    assert again.member(member.id).active


def test_a_change_applies_to_the_latest_stored_version(store: Store, dept) -> None:
    # Another process added someone after we loaded `dept`.
    Store(store.root).add_staff(dept, "Fra Annen Prosess", Role.ASSISTANT)
    updated, _ = store.add_staff(dept, "Fra Denne", Role.ASSISTANT)
    assert {"Fra Annen Prosess", "Fra Denne"} <= {s.name for s in updated.staff}


def test_departments_listed_in_order(store: Store, dept) -> None:
    store.create_department(new_department("Solsikken", "Humla", AgeGroup.MIXED))
    store.create_department(new_department("Askeladden", "Troll", AgeGroup.PRESCHOOL))
    assert [d.path for d in store.list_departments()] == [
        "Askeladden/Troll", "Solsikken/Blåklokka", "Solsikken/Humla",
    ]


def test_kindergarten_spelling_as_first_stored_wins(store: Store, dept) -> None:
    d = store.create_department(new_department("SOLSIKKEN", "Humla", AgeGroup.MIXED))
    assert d.kindergarten == "Solsikken"


def test_plan_changes_are_per_department_and_year(store: Store, dept) -> None:
    ws = Workspace(store)
    other = store.create_department(new_department("Solsikken", "Humla", AgeGroup.MIXED))
    ws.set_plan(dept, YearMonth(2026, 12), "language-modeling", date(2026, 12, 9))
    dec = ws.wheel(dept, KindergartenYear(2026)).month(YearMonth(2026, 12))
    assert (dec.dimension_id, dec.meeting_date) == ("language-modeling", date(2026, 12, 9))
    assert ws.wheel(other, KindergartenYear(2026)).month(YearMonth(2026, 12)).dimension_id == "behavior-guidance"
    assert ws.next_meeting(dept, TODAY).meeting_date == date(2026, 12, 9)
    # Changing only the date keeps the changed dimension.
    ws.set_plan(dept, YearMonth(2026, 12), None, date(2026, 12, 10))
    dec = ws.wheel(dept, KindergartenYear(2026)).month(YearMonth(2026, 12))
    assert (dec.dimension_id, dec.meeting_date) == ("language-modeling", date(2026, 12, 10))


def test_bad_plan_changes_change_nothing(store: Store, dept) -> None:
    ws = Workspace(store)
    before = ws.wheel(dept, KindergartenYear(2026))
    for args in (
        (YearMonth(2026, 12), "no-such-dimension", None),
        (YearMonth(2026, 12), None, date(2027, 1, 5)),
        (YearMonth(2027, 7), "productivity", None),
    ):
        with pytest.raises(DomainError):
            ws.set_plan(dept, *args)
    assert ws.wheel(dept, KindergartenYear(2026)) == before


def test_programme_year_from_the_kindergartens_pool(store: Store, dept) -> None:
    status = Workspace(store).programme(dept, TODAY)
    assert (status.pool, status.year) == (4, 5)  # pool 4 began January 2022
    assert status.theme.name("nb") == "Videreføring"  # year 5: the programme is continued
    store.set_pool("Solsikken", None)
    assert Workspace(store).programme(dept, TODAY).year is None


def test_last_used_department(store: Store, dept) -> None:
    assert store.last_department() is None
    store.set_last_department(dept.path)
    store.set_last_department(dept.path)
    assert store.last_department() == dept.path


def test_a_write_touches_only_its_own_month(store: Store, dept) -> None:
    """Why a write's cost stays flat: older months are neither read nor rewritten."""
    for m in KindergartenYear(2025).months:
        with store.month_transaction(dept, m) as db:
            db.table("events").insert({"month": str(m)})
    old_files = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in store.department_dir("Solsikken", "Blåklokka").glob("202*.json")}
    with store.month_transaction(dept, YearMonth(2026, 11)) as db:
        db.table("events").insert({"month": "2026-11"})
    for p, before in old_files.items():
        assert (p.read_bytes(), p.stat().st_mtime_ns) == before
    assert store.months_on_disk(dept)[-1] == YearMonth(2026, 11)
    assert len(store.months_on_disk(dept)) == 12


def test_month_of_an_unknown_department_is_refused(store: Store, dept) -> None:
    from tettpa_tui.domain.records import Department

    ghost = Department("Solsikken", "Spøkelse", AgeGroup.MIXED)
    with pytest.raises(DomainError):
        with store.month_transaction(ghost, YearMonth(2026, 11)):
            pass


def test_a_running_meeting_is_found_and_a_story_saying_running_is_not_one(store: Store, dept) -> None:
    from datetime import date, datetime

    from tettpa_tui.store import storage
    from tettpa_tui.workspace import Workspace

    ws = Workspace(store)
    leader, per = dept.find_member("Ingrid Solberg"), dept.find_member("Per Hansen")
    ws.hand_in_new(dept, per, datetime(2026, 11, 28, 9), 'I was "running" after Ola, who laughed.', None)
    storage._CACHE.clear()  # as a fresh start: nothing parsed yet
    assert ws.running_meeting(dept) is None
    ws.start_meeting(dept, date(2026, 12, 1), "behavior-guidance", leader, [leader, per], [],
                     datetime(2026, 12, 1, 13))
    storage._CACHE.clear()
    running = ws.running_meeting(dept)
    assert running is not None and running.status == "running"
    storage._CACHE.clear()
    assert storage.may_hold(store.month_file(dept, running.month), "running")
    assert not storage.may_hold(store.month_file(dept, running.month), "no such words")


def test_a_mixed_departments_instrument_is_kept_and_old_files_read_as_pre_k(store: Store) -> None:
    import json

    from tettpa_tui.domain.classframework import Instrument
    from tettpa_tui.store.storage import read_file

    mixed = store.create_department(new_department("Sol", "Mix", AgeGroup.MIXED, [("Kari", Role.LEADER)]))
    assert store.department("Sol/Mix").instrument is Instrument.PRE_K
    store.set_instrument(mixed, Instrument.TODDLER)
    assert store.department("Sol/Mix").instrument is Instrument.TODDLER
    ws = Workspace(store)
    wheel = ws.wheel(store.department("Sol/Mix"), KindergartenYear(2026))
    assert "productivity" not in {m.dimension_id for m in wheel.months}  # the wheel follows the choice
    # A file written before the choice was kept has no such field: Pre-K, and it still reads.
    path = store.department_dir("Sol", "Mix") / "department.json"
    data = json.loads(path.read_text())
    del data["department"]["1"]["instrument"]
    path.write_text(json.dumps(data))
    assert read_file(path) is not None
    assert store.department("Sol/Mix").instrument is Instrument.PRE_K


def test_the_pedagogue_meeting_holds_all_the_pedagogues_and_the_director(store: Store) -> None:
    staff = [("Leder En", Role.LEADER), ("Lærer En", Role.TEACHER), ("Fag En", Role.SKILLED),
             ("Assistent En", Role.ASSISTANT), ("Styrer", Role.DIRECTOR)]
    store.create_department(new_department("Sol", "A", AgeGroup.TODDLER, staff))
    store.create_department(new_department("Sol", "B", AgeGroup.PRESCHOOL,
                                           [("Leder To", Role.LEADER), ("Lærer To", Role.TEACHER)]))
    ped = Workspace(store).pedagogue_department("Sol", "Pedagogmøte", TODAY)
    assert {m.name for m in ped.active_staff} == {"Leder En", "Lærer En", "Styrer", "Leder To", "Lærer To"}


def test_samarbeidsmoter_are_kept_with_the_kindergarten(store: Store, dept) -> None:
    from datetime import datetime

    from tettpa_tui.domain import cooperation as co

    first = co.new_meeting(date(2026, 9, 1), ["Siv", "Mona"], "Oppstart", ["Lage årshjul"], [],
                           datetime(2026, 9, 1, 12))
    store.save_cooperation_meeting(dept.kindergarten, first)
    second = co.new_meeting(date(2026, 10, 6), ["Siv"], "[/]", [],
                            [co.FollowUp(first.agreement_key(0), co.NOT_YET, "halvveis")], datetime(2026, 10, 6, 12))
    store.save_cooperation_meeting(dept.kindergarten, second)
    kept = store.cooperation_meetings(dept.kindergarten)
    assert kept == [first, second]
    assert [a.text for a in co.open_agreements(kept)] == ["Lage årshjul"]


def _raw_data(store: Store) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(store.root.rglob("*.json")))


def test_a_story_stored_with_cr_symbols_from_a_paste_reads_with_its_line_breaks(store: Store, dept) -> None:
    # How the app stored a paste until it kept line breaks: each one as the symbol ␍.
    ws = Workspace(store)
    per = dept.find_member("Per Hansen")
    story = ws.hand_in_new(dept, per, datetime(2026, 11, 30, 8), "Første avsnitt.␍Andre avsnitt.␍␍Slutt ␛[2J.")
    assert "Første avsnitt.␍Andre".encode() in _raw_data(store)
    before = _raw_data(store)
    (read,) = store.stories(dept)
    assert read.text == "Første avsnitt.\nAndre avsnitt.\n\nSlutt ␛[2J."  # other symbols stay
    assert read.words == story.words and read.status is story.status
    assert _raw_data(store) == before  # reading writes nothing
    ws.save_text(dept, read, read.text + " Mer.", datetime(2026, 11, 30, 9), change_handed_in=True)
    raw = _raw_data(store)
    assert "␍".encode() not in raw and "Første avsnitt.\\nAndre avsnitt.\\n\\nSlutt ␛[2J. Mer.".encode() in raw
    assert store.check() == []
