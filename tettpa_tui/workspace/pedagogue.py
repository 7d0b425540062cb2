"""The pedagogue meeting: a kindergarten's leaders kept like a department, and what they said."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import (
    PEDAGOGUE,
    PEDAGOGUE_MEETING_ROLES,
    AgeGroup,
    Department,
    Role,
    StaffMember,
    slugify,
)
from tettpa_tui.lazy import OnFirstUse

mt = OnFirstUse("tettpa_tui.domain.meeting")


class PedagogueMixin:
    """The kindergarten's pedagogue meeting (made and kept up to date) and each leader's plan."""

    def pedagogue_department(self, kindergarten: str, name: str, today: date) -> Department:
        """The kindergarten's pedagogue meeting, kept like a department whose staff are all
        its pedagogues: the pedagogical leaders and the barnehagelærere of every department
        (and the director, and any mentor).

        Made the first time it is asked for; its leaders are brought up to date each time.
        """
        real = [d for d in self.store.list_departments() if d.kindergarten.casefold() == kindergarten.casefold()
                or slugify(d.kindergarten) == slugify(kindergarten)]
        if not real:
            raise DomainError("error.kindergarten_unknown", name=kindergarten)
        kg_name = real[0].kindergarten
        wanted: dict[str, StaffMember] = {}
        on_departments: set[str] = set()
        for d in real:
            on_departments |= {m.id for m in d.staff}
            for m in d.active_staff:
                if m.role in PEDAGOGUE_MEETING_ROLES:
                    wanted.setdefault(m.id, m)
        existing = next((d for d in self.store.list_departments(include_pedagogue=True)
                         if d.is_pedagogue_meeting and d.kindergarten == kg_name), None)
        if existing is None:
            existing = self.store.create_department(Department(
                kindergarten=kg_name, name=name, age_group=AgeGroup.MIXED, created=today, kind=PEDAGOGUE))

        def sync(dept: Department) -> Department:
            staff = []
            for m in dept.staff:
                # The mentor, and a director added here (the styrer is on no department), stay as they are.
                if m.role is Role.MENTOR or (m.role is Role.DIRECTOR and m.id not in on_departments):
                    staff.append(m)
                elif m.id in wanted:
                    staff.append(replace(wanted.pop(m.id), active=True))
                else:
                    staff.append(replace(m, active=False))  # no longer a leader: history kept
            staff.extend(wanted.values())
            return replace(dept, staff=tuple(staff))

        return self.store.update_department(existing, sync)

    def departments_next(self, ped: Department, month) -> list[tuple[object, list[str]]]:
        """What the kindergarten's departments take up at their meeting of `month`: each
        dimension in its instrument's words, with the departments that take it (a kindergarten
        with toddler and preschool departments may have two). The pedagogue meeting presents
        them all, so each leader can take her own department's out to it."""
        groups: dict[tuple[str, str], tuple[object, list[str]]] = {}
        for d in self.store.list_departments():
            if d.kindergarten != ped.kindergarten:
                continue
            plan = self.wheel(d, month.kindergarten_year).month(month)
            key = (plan.dimension_id, d.instrument.value)
            if key not in groups:
                groups[key] = (self.framework_for(d).dimension(plan.dimension_id), [])
            groups[key][1].append(d.name)
        return list(groups.values())

    def dimensions_text(self, dept: Department, month, dimension_id: str | None = None) -> str:
        """The dimension of `month`'s meeting as one line in the user's language: a
        department's (its wheel's, or `dimension_id`, what a meeting recorded). A pedagogue
        meeting has no wheel of its own: it takes up what the departments do that month, so
        its line names each department's dimension (by instrument, the departments named),
        or just the dimension when they all share one."""
        from tettpa_tui.i18n import language, t

        if dept.is_pedagogue_meeting:
            named: dict[str, list[str]] = {}  # one dimension in two instruments' words may read the same
            for dim, names in self.departments_next(dept, month):
                named.setdefault(dim.name(language()), []).extend(names)
            if len(named) == 1:
                return next(iter(named))
            if named:
                return "; ".join(t("pedagogue.dimensions_more", dimension=name, departments=", ".join(names))
                                 for name, names in named.items())
        if dimension_id is None:
            dimension_id = self.wheel(dept, month.kindergarten_year).month(month).dimension_id
        return self.framework_for(dept).dimension(dimension_id).name(language())

    def pedagogue_of(self, dept: Department) -> Department | None:
        return next((d for d in self.store.list_departments(include_pedagogue=True)
                     if d.is_pedagogue_meeting and d.kindergarten == dept.kindergarten), None)

    def leader_plan(self, dept: Department, staff_id: str) -> tuple[date, str] | None:
        """What this leader said, at the last pedagogue meeting, they would do in their department."""
        ped = self.pedagogue_of(dept)
        if ped is None:
            return None
        for meeting in reversed(self.store.meetings(ped)):
            if meeting.status != "finished":
                continue
            state = self.meeting_state(ped, meeting)
            said = [t for t in state.turns if t.phase == mt.CLOSING and t.speaker == staff_id
                    and not t.undone and t.final_note]
            if said:
                return meeting.date, said[-1].final_note
        return None
