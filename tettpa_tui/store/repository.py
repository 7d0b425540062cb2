"""The repository: departments and their plans as records, on disk as TinyDB files.

Layout of the data folder (0700; every file 0600):

    settings.json                         the department last used
    <kindergarten>/kindergarten.json      the kindergarten (name, pool)
    <kindergarten>/<department>/department.json
                                          the department, its staff, its plan
    <kindergarten>/<department>/<YYYY-MM>.json
                                          one file per month for what grows
                                          with time (stories, meetings), so a
                                          write's cost does not grow with
                                          years of history
    .../.lock                             the cross-process lock of that folder

Folder names are slugs of the names; the names themselves are kept inside.
Every read-modify-write holds the folder's lock for its whole span.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tettpa_tui.domain.calendar import (
    KindergartenYear,
    MeetingRule,
    PlanOverride,
    YearMonth,
    YearWheel,
)
from tettpa_tui.domain.classframework import Instrument
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import (
    AgeGroup,
    Department,
    Kindergarten,
    Role,
    StaffMember,
    clean_name,
    parse_department_path,
    slugify,
)
from tettpa_tui.domain.stories import Story, StoryStatus
from tettpa_tui.store.errors import NoFolder, StoreError, UnreadableFile, from_os_error
from tettpa_tui.store.storage import (
    LEGACY_BACKUPS,
    FileLock,
    check_file,
    ensure_private_dir,
    may_hold,
    move_legacy_backups,
    read_file,
    remove_stale_temp_files,
)

if TYPE_CHECKING:  # imported where used: not needed to start the app
    from tinydb import TinyDB

    from tettpa_tui.domain.access import StaffCode
    from tettpa_tui.domain.cooperation import CooperationMeeting
    from tettpa_tui.domain.meeting import Event, Meeting
    from tettpa_tui.domain.observation import DevelopmentPlan, Observation

APP_DIR_NAME = "tettpa"
DEPARTMENT_FILE = "department.json"
KINDERGARTEN_FILE = "kindergarten.json"
SETTINGS_FILE = "settings.json"
LOCK_FILE = ".lock"


def default_data_dir() -> Path:
    """TETTPA_DATA_DIR if set, else the platform's folder for user data."""
    env = os.environ.get("TETTPA_DATA_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_DIR_NAME, appauthor=False))


# ---- records <-> documents -------------------------------------------------

def staff_to_doc(s: StaffMember) -> dict[str, Any]:
    return {"id": s.id, "name": s.name, "role": s.role.value, "active": s.active}


def staff_from_doc(d: dict[str, Any]) -> StaffMember:
    return StaffMember(id=d["id"], name=d["name"], role=Role(d["role"]), active=d.get("active", True))


def rule_to_doc(r: MeetingRule) -> dict[str, Any]:
    return {"kind": r.kind, "weekday": r.weekday, "nth": r.nth, "day": r.day}


def department_to_doc(dept: Department) -> dict[str, Any]:
    return {
        "kindergarten": dept.kindergarten,
        "name": dept.name,
        "age_group": dept.age_group.value,
        "created": dept.created.isoformat() if dept.created else None,
        "staff": [staff_to_doc(s) for s in dept.staff],
        "kind": dept.kind,
        # Optional (files written before it was kept have none: Pre-K for a mixed department).
        "instrument": dept.instrument_choice.value if dept.instrument_choice else None,
    }


def department_from_doc(d: dict[str, Any]) -> Department:
    return Department(
        kindergarten=d["kindergarten"],
        name=d["name"],
        age_group=AgeGroup(d["age_group"]),
        staff=tuple(staff_from_doc(s) for s in d.get("staff", [])),
        created=date.fromisoformat(d["created"]) if d.get("created") else None,
        kind=d.get("kind", "department"),
        instrument_choice=_instrument(d.get("instrument")),
    )


def _instrument(value: str | None) -> Instrument | None:
    try:
        return Instrument(value) if value else None
    except ValueError:  # not one this version knows: the department's default
        return None


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def story_to_doc(story: Story) -> dict[str, Any]:
    return {
        "id": story.id,
        "author": story.author_id,
        "month": str(story.month),
        "dimension": story.dimension_id,
        "text": story.text,
        "status": story.status.value,
        "created_at": story.created_at.isoformat(timespec="seconds"),
        "updated_at": story.updated_at.isoformat(timespec="seconds"),
        "submitted_at": story.submitted_at.isoformat(timespec="seconds") if story.submitted_at else None,
        "entered_by": story.entered_by,
        "used_in": story.used_in,
        **({"erased_on": story.erased_on.isoformat()} if story.erased_on else {}),
    }


def story_from_doc(d: dict[str, Any]) -> Story:
    return Story(
        id=d["id"],
        author_id=d["author"],
        month=YearMonth.parse(d["month"]),
        dimension_id=d["dimension"],
        text=d["text"],
        status=StoryStatus(d["status"]),
        created_at=datetime.fromisoformat(d["created_at"]),
        updated_at=datetime.fromisoformat(d["updated_at"]),
        submitted_at=_dt(d.get("submitted_at")),
        entered_by=d.get("entered_by"),
        used_in=d.get("used_in"),
        erased_on=date.fromisoformat(d["erased_on"]) if d.get("erased_on") else None,
    )


def meeting_to_doc(m: Meeting) -> dict[str, Any]:
    return {
        "id": m.id, "month": str(m.month), "date": m.date.isoformat(), "dimension": m.dimension_id,
        "facilitator": m.facilitator_id, "present": list(m.present), "guests": list(m.guests),
        "created_at": m.created_at.isoformat(timespec="seconds") if m.created_at else None, "status": m.status,
        "summary_draft": m.summary_draft,
        "facilitator_turns": m.facilitator_turns,
        "alive_at": m.alive_at.isoformat(timespec="seconds") if m.alive_at else None,
        "discarded_at": m.discarded_at.isoformat(timespec="seconds") if m.discarded_at else None,
    }


def meeting_from_doc(d: dict[str, Any]) -> Meeting:
    from tettpa_tui.domain.meeting import Meeting

    return Meeting(
        id=d["id"], month=YearMonth.parse(d["month"]), date=date.fromisoformat(d["date"]),
        dimension_id=d["dimension"], facilitator_id=d["facilitator"], present=tuple(d["present"]),
        guests=tuple(d.get("guests", [])), created_at=_dt(d.get("created_at")), status=d.get("status", "running"),
        summary_draft=d.get("summary_draft", ""),
        facilitator_turns=d.get("facilitator_turns", True),
        alive_at=_dt(d.get("alive_at")), discarded_at=_dt(d.get("discarded_at")),
    )


def event_to_doc(meeting_id: str, e: Event) -> dict[str, Any]:
    return {"meeting": meeting_id, "seq": e.seq, "kind": e.kind, "at": e.at.isoformat(timespec="seconds"),
            "data": e.data}


def event_from_doc(d: dict[str, Any]) -> Event:
    from tettpa_tui.domain.meeting import Event

    return Event(seq=d["seq"], kind=d["kind"], at=datetime.fromisoformat(d["at"]), data=d.get("data", {}))


def observation_to_doc(o: Observation) -> dict[str, Any]:
    return {"id": o.id, "date": o.date.isoformat(), "observer": o.observer, "instrument": o.instrument.value,
            "cycles": [dict(c) for c in o.cycles],
            "created_at": o.created_at.isoformat(timespec="seconds") if o.created_at else None}


def observation_from_doc(d: dict[str, Any]) -> Observation:
    from tettpa_tui.domain.observation import Observation

    return Observation(id=d["id"], date=date.fromisoformat(d["date"]), observer=d["observer"],
                       instrument=Instrument(d["instrument"]), cycles=tuple(dict(c) for c in d["cycles"]),
                       created_at=_dt(d.get("created_at")))


def plan_to_doc(p: DevelopmentPlan) -> dict[str, Any]:
    return {"id": p.id, "observation": p.observation_id, "focus": list(p.focus), "goals": p.goals,
            "actions": p.actions, "review": p.review.isoformat(),
            "created_at": p.created_at.isoformat(timespec="seconds") if p.created_at else None}


def plan_from_doc(d: dict[str, Any]) -> DevelopmentPlan:
    from tettpa_tui.domain.observation import DevelopmentPlan

    return DevelopmentPlan(id=d["id"], observation_id=d["observation"], focus=tuple(d["focus"]), goals=d["goals"],
                           actions=d.get("actions", ""), review=date.fromisoformat(d["review"]),
                           created_at=_dt(d.get("created_at")))


def cooperation_to_doc(m: CooperationMeeting) -> dict[str, Any]:
    return {"id": m.id, "date": m.date.isoformat(), "who": list(m.who), "discussed": m.discussed,
            "agreements": list(m.agreements),
            "followups": [{"agreement": f.agreement, "status": f.status, "note": f.note} for f in m.followups],
            "created_at": m.created_at.isoformat(timespec="seconds") if m.created_at else None}


def cooperation_from_doc(d: dict[str, Any]) -> CooperationMeeting:
    from tettpa_tui.domain.cooperation import CooperationMeeting, FollowUp

    return CooperationMeeting(
        id=d["id"], date=date.fromisoformat(d["date"]), who=tuple(d.get("who", [])), discussed=d.get("discussed", ""),
        agreements=tuple(d.get("agreements", [])),
        followups=tuple(FollowUp(f["agreement"], f["status"], f.get("note", "")) for f in d.get("followups", [])),
        created_at=_dt(d.get("created_at")))


class Store:
    """All data of one data folder. Every method is safe across processes."""

    def __init__(self, root: Path | str | None = None) -> None:
        self.root = Path(root).expanduser() if root is not None else default_data_dir()
        if self.root.exists() and not self.root.is_dir():
            raise NoFolder(self.root)
        # Told after a change others may follow (the shared folder's report, automatic
        # backups): called with (department, what) where what is "meeting_finished",
        # "observation" or "plan"; see services/.
        self.listeners: list[Callable[[Department, str], None]] = []

    def _changed(self, dept: Department, what: str) -> None:
        for listener in list(self.listeners):
            listener(dept, what)

    # -- places --------------------------------------------------------------

    def kindergarten_dir(self, kindergarten: str) -> Path:
        return self.root / slugify(kindergarten)

    def department_dir(self, kindergarten: str, department: str) -> Path:
        return self.kindergarten_dir(kindergarten) / slugify(department)

    @contextmanager
    def _db(self, path: Path, kind: str) -> Iterator[TinyDB]:
        """A TinyDB over `path`; the caller holds the folder's lock."""
        # Imported here: the first screen only reads, which needs no TinyDB.
        from tinydb import TinyDB

        from tettpa_tui.store.tinystorage import SafeJSONStorage

        db = TinyDB(path, kind=kind, storage=SafeJSONStorage)
        try:
            yield db
        finally:
            db.close()

    @contextmanager
    def transaction(self, folder: Path, filename: str, kind: str) -> Iterator[TinyDB]:
        """The folder's lock, held while the caller reads and writes one file."""
        with FileLock(folder / LOCK_FILE):
            with self._db(folder / filename, kind) as db:
                yield db

    # -- settings ------------------------------------------------------------

    def setting(self, name: str) -> Any:
        """One of the user's settings (settings.json), or None."""
        path = self.root / SETTINGS_FILE
        data = read_file(path) if path.exists() else None
        if not data:
            return None
        return data.get("settings", {}).get("1", {}).get(name)

    def set_setting(self, name: str, value: Any) -> None:
        ensure_private_dir(self.root)
        with self.transaction(self.root, SETTINGS_FILE, "settings") as db:
            table = db.table("settings")
            if table.get(doc_id=1) is None:
                table.insert({name: value})
            else:
                table.update({name: value}, doc_ids=[1])

    def last_department(self) -> str | None:
        return self.setting("last_department")

    def set_last_department(self, path: str) -> None:
        self.set_setting("last_department", path)

    # -- kindergartens and departments ----------------------------------------

    def kindergarten(self, name: str) -> Kindergarten:
        path = self.kindergarten_dir(name) / KINDERGARTEN_FILE
        data = read_file(path)
        if data is None:
            raise DomainError("error.kindergarten_unknown", name=name)
        doc = data.get("kindergarten", {}).get("1", {})
        return Kindergarten(name=doc["name"], pool=doc.get("pool"))

    def set_pool(self, kindergarten: str, pool: int | None) -> None:
        folder = self.kindergarten_dir(kindergarten)
        if not (folder / KINDERGARTEN_FILE).exists():
            raise DomainError("error.kindergarten_unknown", name=kindergarten)
        with self.transaction(folder, KINDERGARTEN_FILE, "kindergarten") as db:
            db.table("kindergarten").update({"pool": pool}, doc_ids=[1])

    def create_department(self, dept: Department, pool: int | None = None) -> Department:
        """Store a new department (and its kindergarten, the first time)."""
        kg_dir = self.kindergarten_dir(dept.kindergarten)
        dept_dir = kg_dir / slugify(dept.name)
        # What this call makes, so that a failure (a full disk) leaves none of it behind.
        made = [p for p in (self.root, kg_dir, kg_dir / LOCK_FILE, dept_dir, dept_dir / LOCK_FILE,
                            dept_dir / DEPARTMENT_FILE) if not p.exists()]
        try:
            ensure_private_dir(self.root)
            ensure_private_dir(kg_dir)
            with FileLock(kg_dir / LOCK_FILE):
                with self._db(kg_dir / KINDERGARTEN_FILE, "kindergarten") as db:
                    table = db.table("kindergarten")
                    existing = table.get(doc_id=1)
                    if existing is None:
                        made.insert(3, kg_dir / KINDERGARTEN_FILE)  # ours to remove again
                        table.insert({"name": dept.kindergarten, "pool": pool})
                    else:
                        # The kindergarten's spelling as first stored wins.
                        dept = replace(dept, kindergarten=existing["name"])
                        if pool is not None and existing.get("pool") != pool:
                            table.update({"pool": pool}, doc_ids=[1])
                if (dept_dir / DEPARTMENT_FILE).exists():
                    raise DomainError("error.department_exists", path=dept.path)
                move_legacy_backups(kg_dir)  # a department may be called "backups"
                ensure_private_dir(dept_dir)
                with self.transaction(dept_dir, DEPARTMENT_FILE, "department") as db:
                    db.table("department").insert(department_to_doc(dept))
        except (StoreError, OSError):
            _remove_made(made)
            raise
        return dept

    def list_departments(
        self, include_pedagogue: bool = False, problems: list[StoreError] | None = None
    ) -> list[Department]:
        """Every department in the data folder, sorted by kindergarten and name.

        The kindergartens' pedagogue meetings are kept like departments but are
        left out unless asked for. A file that cannot be read raises its
        StoreError: nothing is guessed. Given a `problems` list, such a file's
        error is added to it instead, and every other department is listed.
        """
        found = []
        if not self.root.is_dir():
            return []
        for kg_dir in _subfolders(self.root, problems):
            for dept_dir in _subfolders(kg_dir, problems):
                path = dept_dir / DEPARTMENT_FILE
                try:
                    if path.exists():
                        found.append(self._read_department(path))
                except OSError as exc:
                    if problems is None:
                        raise from_os_error(path, exc, reading=True) from exc
                    problems.append(from_os_error(path, exc, reading=True))
                except StoreError as exc:
                    if problems is None:
                        raise
                    problems.append(exc)
        if not include_pedagogue:
            found = [d for d in found if not d.is_pedagogue_meeting]
        return sorted(found, key=lambda d: (d.kindergarten.casefold(), d.name.casefold()))

    def _read_department(self, path: Path) -> Department:
        data = read_file(path)
        doc = (data or {}).get("department", {}).get("1")
        if doc is None:
            raise UnreadableFile(path, reason="not_ours")
        return department_from_doc(doc)

    def department(self, path: str) -> Department:
        """The department named 'KINDERGARTEN/DEPARTMENT' (case and accents aside)."""
        kindergarten, name = parse_department_path(path)
        file = self.department_dir(kindergarten, name) / DEPARTMENT_FILE
        try:
            exists = file.exists()
        except OSError as exc:  # a folder on the way that may not be opened
            raise from_os_error(file.parent, exc, reading=True) from exc
        if not exists:
            raise DomainError("error.department_unknown", path=path)
        return self._read_department(file)

    def update_department(
        self, dept: Department, change: Callable[[Department], Department]
    ) -> Department:
        """Read the department afresh under its lock, apply `change`, write it back."""
        folder = self.department_dir(dept.kindergarten, dept.name)
        with self.transaction(folder, DEPARTMENT_FILE, "department") as db:
            table = db.table("department")
            doc = table.get(doc_id=1)
            if doc is None:
                raise DomainError("error.department_unknown", path=dept.path)
            current = department_from_doc(doc)
            changed = change(current)
            if slugify(changed.name) != slugify(current.name):
                raise DomainError("error.department_rename")
            table.update(department_to_doc(changed), doc_ids=[1])
            return changed

    # -- staff ------------------------------------------------------------------

    def add_staff(self, dept: Department, name: str, role: Role) -> tuple[Department, StaffMember]:
        added: list[StaffMember] = []

        def change(d: Department) -> Department:
            new, member = d.with_staff_added(name, role)
            added.append(member)
            return new

        return self.update_department(dept, change), added[0]

    def rename_staff(self, dept: Department, staff_id: str, new_name: str) -> Department:
        return self.update_department(dept, lambda d: d.with_staff_renamed(staff_id, new_name))

    def set_staff_role(self, dept: Department, staff_id: str, role: Role) -> Department:
        return self.update_department(dept, lambda d: d.with_staff_role(staff_id, role))

    def retire_staff(self, dept: Department, staff_id: str) -> Department:
        return self.update_department(dept, lambda d: d.with_staff_retired(staff_id))

    def restore_staff(self, dept: Department, staff_id: str) -> Department:
        return self.update_department(dept, lambda d: d.with_staff_restored(staff_id))

    # -- the year wheel ------------------------------------------------------

    def year_wheel(
        self, dept: Department, year: KindergartenYear, defaults: dict[int, str], rule: MeetingRule
    ) -> YearWheel:
        folder = self.department_dir(dept.kindergarten, dept.name)
        data = read_file(folder / DEPARTMENT_FILE) or {}
        overrides: dict[str, PlanOverride] = {}
        for doc in data.get("plan", {}).values():
            month = YearMonth.parse(doc["month"])
            if year.has(month):
                overrides[doc["month"]] = PlanOverride(
                    dimension_id=doc.get("dimension"),
                    meeting_date=date.fromisoformat(doc["date"]) if doc.get("date") else None,
                )
        rule_doc = data.get("department", {}).get("1", {}).get("rule")
        if rule_doc:
            rule = MeetingRule(**rule_doc)
        return YearWheel(year=year, default_dimensions=defaults, rule=rule, overrides=overrides)

    def set_plan_month(
        self,
        dept: Department,
        month: YearMonth,
        dimension_id: str | None,
        meeting_date: date | None,
    ) -> None:
        """Change one month of the plan: its dimension, its hand-set date, or both."""
        folder = self.department_dir(dept.kindergarten, dept.name)
        with self.transaction(folder, DEPARTMENT_FILE, "department") as db:
            table = db.table("plan")
            old = next((d for d in table.all() if d["month"] == str(month)), None)
            doc = {
                "month": str(month),
                "dimension": dimension_id if dimension_id is not None else (old or {}).get("dimension"),
                "date": meeting_date.isoformat() if meeting_date is not None else (old or {}).get("date"),
            }
            if old is None:
                table.insert(doc)
            else:
                table.update(doc, doc_ids=[old.doc_id])
        self._changed(dept, "plan")

    def set_instrument(self, dept: Department, instrument: Instrument) -> Department:
        """An age-mixed department's choice of CLASS instrument."""
        return self.update_department(dept, lambda d: d.with_instrument(instrument))

    def set_meeting_rule(self, dept: Department, rule: MeetingRule) -> None:
        folder = self.department_dir(dept.kindergarten, dept.name)
        with self.transaction(folder, DEPARTMENT_FILE, "department") as db:
            db.table("department").update({"rule": rule_to_doc(rule)}, doc_ids=[1])

    # -- personal codes for the phone page --------------------------------------

    def staff_codes(self, dept: Department) -> dict[str, StaffCode]:
        """Each staff member's code (hashed), by staff id; one read of the department file."""
        from tettpa_tui.domain.access import StaffCode

        folder = self.department_dir(dept.kindergarten, dept.name)
        data = read_file(folder / DEPARTMENT_FILE) or {}
        docs = data.get("staff_codes", {}).values()
        return {doc["staff_id"]: StaffCode.from_doc(doc) for doc in docs if "staff_id" in doc}

    def set_staff_code(self, dept: Department, staff_id: str, code: StaffCode | None) -> None:
        """Keep a person's code hash in place of the one before (or remove it with None)."""
        folder = self.department_dir(dept.kindergarten, dept.name)
        with self.transaction(folder, DEPARTMENT_FILE, "department") as db:
            table = db.table("staff_codes")
            table.remove(lambda doc: doc.get("staff_id") == staff_id)
            if code is not None:
                table.insert(code.to_doc())

    # -- what grows with time: one file per month ------------------------------

    def month_file(self, dept: Department, month: YearMonth) -> Path:
        return self.department_dir(dept.kindergarten, dept.name) / f"{month}.json"

    @contextmanager
    def month_transaction(self, dept: Department, month: YearMonth) -> Iterator[TinyDB]:
        """The department's lock, and the TinyDB of one month (its stories, its meeting).

        Only that month's file is read and rewritten, so a write costs the same
        after ten years of history as after one, and stays small.
        """
        folder = self.department_dir(dept.kindergarten, dept.name)
        if not (folder / DEPARTMENT_FILE).exists():
            raise DomainError("error.department_unknown", path=dept.path)
        with self.transaction(folder, f"{month}.json", "month") as db:
            yield db

    def months_on_disk(self, dept: Department) -> list[YearMonth]:
        """Every month with stored activity, oldest first."""
        folder = self.department_dir(dept.kindergarten, dept.name)
        months = []
        try:
            names = os.listdir(folder)  # a folder that cannot be listed is said, not taken as empty
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise from_os_error(folder, exc, reading=True) from exc
        for name in names:
            if name.endswith(".json") and name != DEPARTMENT_FILE:
                try:
                    months.append(YearMonth.parse(name[:-5]))
                except DomainError:
                    continue
        return sorted(months)

    # -- practice stories ------------------------------------------------------

    def save_story(self, dept: Department, story: Story) -> Story:
        """Store a story (new or changed) in its month's file."""
        with self.month_transaction(dept, story.month) as db:
            table = db.table("stories")
            doc = story_to_doc(story)
            old = next((d for d in table.all() if d["id"] == story.id), None)
            if old is None:
                table.insert(doc)
            else:
                table.update(doc, doc_ids=[old.doc_id])
        return story

    def change_story(
        self, dept: Department, month: YearMonth, story_id: str, change: Callable[[Story], Story]
    ) -> Story:
        """Read the story afresh under the lock, apply `change`, write it back."""
        with self.month_transaction(dept, month) as db:
            table = db.table("stories")
            old = next((d for d in table.all() if d["id"] == story_id), None)
            if old is None:
                raise DomainError("error.story_unknown", id=story_id)
            changed = change(story_from_doc(old))
            table.update(story_to_doc(changed), doc_ids=[old.doc_id])
            return changed

    def stories(self, dept: Department, month: YearMonth | None = None) -> list[Story]:
        """The department's stories (of one month, or all), oldest first."""
        months = [month] if month is not None else self.months_on_disk(dept)
        found: list[Story] = []
        for m in months:
            data = read_file(self.month_file(dept, m)) or {}
            found.extend(story_from_doc(d) for d in data.get("stories", {}).values())
        return sorted(found, key=lambda s: (s.month, s.created_at, s.id))

    def story(self, dept: Department, story_id: str) -> Story:
        for s in self.stories(dept):
            if s.id == story_id:
                return s
        raise DomainError("error.story_unknown", id=story_id)

    # -- meetings: a header and an append-only list of events --------------------

    def save_meeting(self, dept: Department, meeting: Meeting) -> Meeting:
        with self.month_transaction(dept, meeting.month) as db:
            table = db.table("meetings")
            old = next((d for d in table.all() if d["id"] == meeting.id), None)
            if old is None:
                table.insert(meeting_to_doc(meeting))
            else:
                table.update(meeting_to_doc(meeting), doc_ids=[old.doc_id])
        return meeting

    def append_events(self, dept: Department, meeting: Meeting, events: list[Event]) -> None:
        """Write events the moment they happen; refuse if someone else wrote in between."""
        if not events:
            return
        with self.month_transaction(dept, meeting.month) as db:
            table = db.table("events")
            current = read_file(self.month_file(dept, meeting.month)) or {}  # read under the lock
            last = max((d["seq"] for d in current.get("events", {}).values() if d["meeting"] == meeting.id),
                       default=0)
            if events[0].seq != last + 1:
                raise DomainError("error.meeting_changed")
            table.insert_multiple(event_to_doc(meeting.id, e) for e in events)
            if any(e.kind == "finished" for e in events):
                meetings = db.table("meetings")
                head = next(d for d in meetings.all() if d["id"] == meeting.id)
                meetings.update({"status": "finished"}, doc_ids=[head.doc_id])
        if any(e.kind == "finished" for e in events):
            self._changed(dept, "meeting_finished")

    def save_summary_draft(self, dept: Department, meeting: Meeting, text: str) -> None:
        """The closing summary as it is typed, so a closed terminal does not lose it."""
        with self.month_transaction(dept, meeting.month) as db:
            meetings = db.table("meetings")
            head = next(d for d in meetings.all() if d["id"] == meeting.id)
            meetings.update({"summary_draft": text}, doc_ids=[head.doc_id])

    def discard_meeting(self, dept: Department, meeting: Meeting) -> None:
        """Mark a meeting started by mistake as discarded (it stays in the file)."""
        with self.month_transaction(dept, meeting.month) as db:
            meetings = db.table("meetings")
            head = next(d for d in meetings.all() if d["id"] == meeting.id)
            meetings.update({"status": meeting.status,
                             "discarded_at": meeting.discarded_at.isoformat(timespec="seconds")
                             if meeting.discarded_at else None}, doc_ids=[head.doc_id])

    def mark_alive(self, dept: Department, meeting: Meeting, at: datetime) -> None:
        """Note that the meeting is open on a screen now (its clocks pause while it is not)."""
        with self.month_transaction(dept, meeting.month) as db:
            meetings = db.table("meetings")
            head = next(d for d in meetings.all() if d["id"] == meeting.id)
            meetings.update({"alive_at": at.isoformat(timespec="seconds")}, doc_ids=[head.doc_id])

    def meetings(self, dept: Department, month: YearMonth | None = None,
                 status: str | None = None) -> list[Meeting]:
        """The meetings of one month (or all), oldest first; only those with
        `status` if given (a file that cannot hold it is not parsed: a meeting
        left running is rare, and a month's file can be large). A meeting
        discarded as started by mistake is kept in the file but only listed
        when asked for by its status."""
        months = [month] if month is not None else self.months_on_disk(dept)
        found = []
        for m in months:
            path = self.month_file(dept, m)
            if status is None or may_hold(path, status):
                data = read_file(path) or {}
                found.extend(meeting_from_doc(d) for d in data.get("meetings", {}).values()
                             if d.get("status", "running") == status
                             or (status is None and d.get("status") != "discarded"))
        return sorted(found, key=lambda m: (m.date, m.created_at or datetime.min))

    def meeting(self, dept: Department, meeting_id: str) -> Meeting:
        for m in self.meetings(dept):
            if m.id == meeting_id:
                return m
        raise DomainError("error.meeting_unknown", id=meeting_id)

    def month_activity(self, dept: Department, month: YearMonth) -> tuple[list[tuple[date, str, int]], int]:
        """A quick count for overviews, from one read of the month's file:
        the finished meetings as (date, dimension, follow-ups recorded), and the stories handed in."""
        data = read_file(self.month_file(dept, month)) or {}
        events = list(data.get("events", {}).values())
        finished = []
        for m in data.get("meetings", {}).values():
            if m.get("status") == "finished":
                followups = {e["data"].get("story_id") for e in events
                             if e["meeting"] == m["id"] and e["kind"] == "followup"}
                finished.append((date.fromisoformat(m["date"]), m["dimension"], len(followups)))
        stories = sum(1 for d in data.get("stories", {}).values() if d.get("status") != "draft")
        return finished, stories

    def meeting_events(self, dept: Department, meeting: Meeting) -> list[Event]:
        data = read_file(self.month_file(dept, meeting.month)) or {}
        docs = [d for d in data.get("events", {}).values() if d["meeting"] == meeting.id]
        return sorted((event_from_doc(d) for d in docs), key=lambda e: e.seq)

    # -- observations and development plans (few: in department.json) -------------

    def _upsert(self, dept: Department, table_name: str, doc: dict[str, Any]) -> None:
        folder = self.department_dir(dept.kindergarten, dept.name)
        with self.transaction(folder, DEPARTMENT_FILE, "department") as db:
            table = db.table(table_name)
            old = next((d for d in table.all() if d["id"] == doc["id"]), None)
            if old is None:
                table.insert(doc)
            else:
                table.update(doc, doc_ids=[old.doc_id])

    def _docs(self, dept: Department, table_name: str) -> list[dict[str, Any]]:
        data = read_file(self.department_dir(dept.kindergarten, dept.name) / DEPARTMENT_FILE) or {}
        return list(data.get(table_name, {}).values())

    def save_observation(self, dept: Department, obs: Observation) -> Observation:
        self._upsert(dept, "observations", observation_to_doc(obs))
        self._changed(dept, "observation")
        return obs

    def observations(self, dept: Department) -> list[Observation]:
        return sorted((observation_from_doc(d) for d in self._docs(dept, "observations")),
                      key=lambda o: (o.date, o.created_at or datetime.min))

    def save_development_plan(self, dept: Department, plan: DevelopmentPlan) -> DevelopmentPlan:
        self._upsert(dept, "development_plans", plan_to_doc(plan))
        self._changed(dept, "plan")
        return plan

    def development_plans(self, dept: Department) -> list[DevelopmentPlan]:
        return sorted((plan_from_doc(d) for d in self._docs(dept, "development_plans")),
                      key=lambda p: p.created_at or datetime.min)

    # -- samarbeidsmøter (director and mentor): few, in kindergarten.json -----------

    def save_cooperation_meeting(self, kindergarten: str, meeting: CooperationMeeting) -> CooperationMeeting:
        folder = self.kindergarten_dir(kindergarten)
        if not (folder / KINDERGARTEN_FILE).exists():
            raise DomainError("error.kindergarten_unknown", name=kindergarten)
        with self.transaction(folder, KINDERGARTEN_FILE, "kindergarten") as db:
            table = db.table("cooperation")
            doc = cooperation_to_doc(meeting)
            old = next((d for d in table.all() if d["id"] == meeting.id), None)
            if old is None:
                table.insert(doc)
            else:
                table.update(doc, doc_ids=[old.doc_id])
        return meeting

    def cooperation_meetings(self, kindergarten: str) -> list[CooperationMeeting]:
        data = read_file(self.kindergarten_dir(kindergarten) / KINDERGARTEN_FILE) or {}
        return sorted((cooperation_from_doc(d) for d in data.get("cooperation", {}).values()),
                      key=lambda m: (m.date, m.created_at or datetime.min))

    # -- checking ---------------------------------------------------------------

    def _walk(self) -> tuple[list[Path], list[StoreError]]:
        """The data files, and the folders among them that cannot be opened.

        The store's own folders (.backups, and backups/ as older versions named
        it) are not data: they start with a dot, which no folder made from a
        name can (see slugify), so a department called "backups" is data.
        """
        files: list[Path] = []
        problems: list[StoreError] = []
        if not self.root.is_dir():
            return files, problems

        def unreadable(exc: OSError) -> None:
            problems.append(from_os_error(exc.filename or self.root, exc, reading=True))

        for folder, dirs, names in os.walk(self.root, onerror=unreadable):
            dirs[:] = sorted(d for d in dirs if not _internal_folder(Path(folder) / d))
            files.extend(Path(folder) / n for n in names if n.endswith(".json") and not n.startswith("."))
        return sorted(files), problems

    def data_files(self) -> list[Path]:
        return self._walk()[0]

    def check(self) -> list[StoreError]:
        """Every data file (and folder) that this version cannot read, with the reason."""
        files, problems = self._walk()
        return problems + [err for p in files if (err := check_file(p)) is not None]


def _remove_made(made: list[Path]) -> None:
    """Remove the files and folders a failed create made (newest first), and the
    temp files a failed write left in them; a folder that holds anything else stays."""
    for path in reversed(made):
        try:
            if path.suffix in (".json", ".lock") or path.name == LOCK_FILE:
                remove_stale_temp_files(path)
                path.unlink(missing_ok=True)
            else:
                path.rmdir()
        except OSError:
            pass


def _internal_folder(path: Path) -> bool:
    """A folder of the store's own (never a kindergarten or department)."""
    if path.name.startswith("."):
        return True
    return path.name == LEGACY_BACKUPS and not any(
        (path / f).exists() for f in (DEPARTMENT_FILE, KINDERGARTEN_FILE)
    )


def _subfolders(folder: Path, problems: list[StoreError] | None) -> list[Path]:
    """The kindergarten or department folders in `folder`, sorted."""
    try:
        return sorted(p for p in folder.iterdir() if p.is_dir() and not _internal_folder(p))
    except OSError as exc:
        err = from_os_error(folder, exc, reading=True)
        if problems is None:
            raise err from exc
        problems.append(err)
        return []


__all__ = ["Store", "default_data_dir", "clean_name"]
