"""Typed records of the domain: kindergartens, departments and their staff."""

from __future__ import annotations

import re
import unicodedata
import uuid
from dataclasses import dataclass, replace
from functools import lru_cache
from datetime import date
from enum import Enum

from tettpa_tui.domain.classframework import Instrument
from tettpa_tui.domain.errors import DomainError

MAX_NAME_LENGTH = 80
PEDAGOGUE = "pedagogue"


class AgeGroup(str, Enum):
    """Which children a department has; decides the CLASS instrument."""

    TODDLER = "toddler"  # småbarn, 1–3 år
    PRESCHOOL = "preschool"  # storbarn, 3–6 år
    MIXED = "mixed"  # aldersblandet

    @classmethod
    def parse(cls, value: str) -> "AgeGroup":
        try:
            return cls(value.strip().lower())
        except ValueError:
            raise DomainError("error.age_group", value=value) from None


class Role(str, Enum):
    """A staff member's role in the department."""

    LEADER = "leader"  # pedagogisk leder
    TEACHER = "teacher"  # barnehagelærer
    SKILLED = "skilled"  # fagarbeider / barne- og ungdomsarbeider
    ASSISTANT = "assistant"  # assistent
    DIRECTOR = "director"  # styrer
    MENTOR = "mentor"  # from the municipality's competence team (pedagogue meetings)

    @classmethod
    def parse(cls, value: str) -> "Role":
        try:
            return cls(value.strip().lower())
        except ValueError:
            raise DomainError("error.role", value=value) from None


# Who belongs to the kindergarten's monthly pedagogue meeting: all its pedagogues
# (the pedagogical leaders and the barnehagelærere) and the director; a mentor is
# added to it by hand.
PEDAGOGUE_MEETING_ROLES = frozenset({Role.LEADER, Role.TEACHER, Role.DIRECTOR})


def instrument_for(age_group: AgeGroup, choice: Instrument | None = None) -> Instrument:
    """The CLASS instrument a department works with.

    Småbarn: Toddler; storbarn: Pre-K. An age-mixed department chooses, and
    works with Pre-K until it has chosen.
    """
    if age_group is AgeGroup.TODDLER:
        return Instrument.TODDLER
    if age_group is AgeGroup.PRESCHOOL:
        return Instrument.PRE_K
    return choice or Instrument.PRE_K


def clean_name(raw: str, what: str = "name", in_paths: bool = True) -> str:
    """A person's, department's or kindergarten's name, tidied and checked.

    Names are shown in lists and used in "KINDERGARTEN/DEPARTMENT" paths, so
    they may not be empty, may not hold a slash or control characters, and are
    kept to a length a screen can show. A name that is never part of a path
    (an observer's) may hold a slash: `in_paths=False`.
    """
    name = " ".join(raw.split())
    if not name:
        raise DomainError("error.name_empty", what=what)
    if in_paths and ("/" in name or "\\" in name):
        raise DomainError("error.name_slash", what=what, name=name)
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise DomainError("error.name_control", what=what)
    if len(name) > MAX_NAME_LENGTH:
        raise DomainError("error.name_long", what=what, limit=MAX_NAME_LENGTH)
    return name


_TRANSLIT = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "ae", "Ø": "o", "Å": "a"})


# Names Windows keeps for devices, in every folder: a department called "Con" or "Aux"
# must not become a folder "con". (Slugs hold no dots, so "con.txt" cannot arise.)
WINDOWS_DEVICE_NAMES = frozenset(
    ["CON", "PRN", "AUX", "NUL"] + [f"COM{i}" for i in range(1, 10)] + [f"LPT{i}" for i in range(1, 10)]
)


@lru_cache(maxsize=4096)  # a pure function of the name, asked for every file path
def slugify(name: str) -> str:
    """A file-system-safe key for a name: 'Blåklokka avd.' -> 'blaklokka-avd'.

    Two names with the same slug are the same place (case and accents aside),
    which keeps one folder per department on every file system.
    """
    text = name.translate(_TRANSLIT)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-zA-Z0-9]+", "-", text).strip("-").lower()
    if not text:
        # A name of only non-Latin letters still needs a stable key.
        text = "x" + uuid.uuid5(uuid.NAMESPACE_URL, name.casefold()).hex[:10]
    text = text[:60].rstrip("-")
    if text.upper() in WINDOWS_DEVICE_NAMES:
        # Windows cannot make a file or folder called CON, NUL, COM1 … (with any ending).
        text += "-avd"
    return text


def new_id() -> str:
    return uuid.uuid4().hex[:12]


@dataclass(frozen=True)
class StaffMember:
    """One person on the staff; kept (inactive) after leaving, for the history."""

    id: str
    name: str
    role: Role
    active: bool = True


@dataclass(frozen=True)
class Kindergarten:
    """A kindergarten, with its pool (pulje) in the programme, which sets its programme year."""

    name: str
    pool: int | None = None

    @property
    def slug(self) -> str:
        return slugify(self.name)


@dataclass(frozen=True)
class Department:
    """A department (avdeling) and its staff, or a kindergarten's pedagogue meeting."""

    kindergarten: str
    name: str
    age_group: AgeGroup
    staff: tuple[StaffMember, ...] = ()
    created: date | None = None
    kind: str = "department"  # or "pedagogue": the kindergarten's meeting of its pedagogues
    instrument_choice: Instrument | None = None  # an age-mixed department's choice
    hand_in_days: int = 3  # stories are handed in this many days before each meeting (calendar.hand_in_by)

    @property
    def instrument(self) -> Instrument:
        """The instrument its year wheel, dimension texts and observations follow."""
        return instrument_for(self.age_group, self.instrument_choice)

    def with_instrument(self, instrument: Instrument) -> "Department":
        """Choose the instrument; only an age-mixed department has a choice."""
        if self.age_group is not AgeGroup.MIXED and instrument is not self.instrument:
            raise DomainError("error.instrument_fixed", instrument=instrument.value,
                              fixed=self.instrument.value)
        return replace(self, instrument_choice=instrument if self.age_group is AgeGroup.MIXED else None)

    @property
    def slug(self) -> str:
        return slugify(self.name)

    @property
    def is_pedagogue_meeting(self) -> bool:
        return self.kind == PEDAGOGUE

    @property
    def path(self) -> str:
        """How the department is named on the command line: 'KG/DEPT'."""
        return f"{self.kindergarten}/{self.name}"

    @property
    def active_staff(self) -> tuple[StaffMember, ...]:
        return tuple(s for s in self.staff if s.active)

    @property
    def leaders(self) -> tuple[StaffMember, ...]:
        return tuple(s for s in self.active_staff if s.role is Role.LEADER)

    def member(self, staff_id: str) -> StaffMember:
        for s in self.staff:
            if s.id == staff_id:
                return s
        raise DomainError("error.staff_unknown", name=staff_id)

    def find_member(self, name: str) -> StaffMember | None:
        """The active staff member with this name (case-insensitive), if any."""
        key = " ".join(name.split()).casefold()
        for s in self.active_staff:
            if s.name.casefold() == key:
                return s
        return None

    def with_staff_added(self, name: str, role: Role) -> tuple["Department", StaffMember]:
        name = clean_name(name, "staff")
        if self.find_member(name) is not None:
            raise DomainError("error.staff_exists", name=name)
        member = StaffMember(id=new_id(), name=name, role=role)
        return replace(self, staff=self.staff + (member,)), member

    def with_staff_renamed(self, staff_id: str, new_name: str) -> "Department":
        new_name = clean_name(new_name, "staff")
        member = self.member(staff_id)
        other = self.find_member(new_name)
        if other is not None and other.id != staff_id:
            raise DomainError("error.staff_exists", name=new_name)
        return self._replace_member(replace(member, name=new_name))

    def with_staff_role(self, staff_id: str, role: Role) -> "Department":
        return self._replace_member(replace(self.member(staff_id), role=role))

    def with_staff_retired(self, staff_id: str) -> "Department":
        """Retired staff keep their history but take no part from now on."""
        return self._replace_member(replace(self.member(staff_id), active=False))

    def with_staff_restored(self, staff_id: str) -> "Department":
        member = self.member(staff_id)
        other = self.find_member(member.name)
        if other is not None and other.id != staff_id:
            raise DomainError("error.staff_exists", name=member.name)
        return self._replace_member(replace(member, active=True))

    def _replace_member(self, member: StaffMember) -> "Department":
        return replace(
            self, staff=tuple(member if s.id == member.id else s for s in self.staff)
        )


def new_department(
    kindergarten: str,
    name: str,
    age_group: AgeGroup,
    staff: list[tuple[str, Role]] | None = None,
    created: date | None = None,
    instrument: Instrument | None = None,
) -> Department:
    """A new department, its names checked and its staff given ids."""
    dept = Department(
        kindergarten=clean_name(kindergarten, "kindergarten"),
        name=clean_name(name, "department"),
        age_group=age_group,
        created=created,
    )
    if instrument is not None:
        dept = dept.with_instrument(instrument)
    for staff_name, role in staff or []:
        dept, _ = dept.with_staff_added(staff_name, role)
    return dept


def unknown_author(dept: Department, name: str) -> DomainError:
    """The error for a name that is not one of the department's active staff: it names
    those who are (the first dozen), so the user can see the spelling to use."""
    names = [s.name for s in dept.active_staff]
    shown = ", ".join(names[:12]) + (", …" if len(names) > 12 else "")
    return DomainError("error.author_unknown", name=name, path=dept.path, staff=shown)


def require_leader(dept: Department) -> Department:
    """A department needs at least one active pedagogical leader: the one who leads its meetings.

    Checked when a department is made (the app's welcome form and `tettpa department create`)."""
    if not dept.leaders:
        raise DomainError("department_rule.need_leader", path=dept.path)
    return dept


def parse_department_path(path: str) -> tuple[str, str]:
    """'KINDERGARTEN/DEPARTMENT' -> (kindergarten, department)."""
    parts = path.split("/")
    if len(parts) > 2 and parts[0].strip() and "".join(parts[1:]).strip():
        # "Eple/[b]Fet[/b]": the names are there, but one holds a slash
        raise DomainError("department_rule.slash", path=path)
    if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
        raise DomainError("error.department_path", path=path)
    return " ".join(parts[0].split()), " ".join(parts[1].split())


__all__ = [
    "AgeGroup",
    "Department",
    "Kindergarten",
    "Role",
    "StaffMember",
    "PEDAGOGUE_MEETING_ROLES",
    "clean_name",
    "instrument_for",
    "new_department",
    "require_leader",
    "unknown_author",
    "new_id",
    "parse_department_path",
    "slugify",
]
