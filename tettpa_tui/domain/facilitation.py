"""Who leads a meeting and who hands in a story for it: the method's rules about roles.

Part of the meeting's rules (meeting.py states them all, and imports these), kept
apart from the meeting's record so that the home screen, which asks at every start
who is to hand in a story, does not load the meeting itself.
"""

from __future__ import annotations

from tettpa_tui.domain.records import Role, StaffMember


def default_facilitator(staff: list[StaffMember], pedagogue_meeting: bool, programme_year: int | None
                        ) -> StaffMember | None:
    """Who leads a meeting unless someone else is chosen.

    A department's meeting: its pedagogical leader. A pedagogue meeting: in the
    kindergarten's first programme year the mentor, who models the method; from
    the second year the director takes over.
    """
    def first(role: Role) -> StaffMember | None:
        return next((m for m in staff if m.active and m.role is role), None)

    if pedagogue_meeting:
        order = (Role.MENTOR, Role.DIRECTOR) if (programme_year or 1) == 1 else (Role.DIRECTOR, Role.MENTOR)
        for role in order:
            if first(role) is not None:
                return first(role)
    return first(Role.LEADER) or next((m for m in staff if m.active), None)


def story_writers(staff: list[StaffMember], pedagogue_meeting: bool, programme_year: int | None
                  ) -> list[StaffMember]:
    """Who is asked to hand in a story for a meeting: everyone active, except the facilitator
    of a pedagogue meeting, who models the method and takes no turns (and a mentor, who is
    not one of the kindergarten's staff)."""
    active = [m for m in staff if m.active and m.role is not Role.MENTOR]
    if not pedagogue_meeting:
        return active
    leader = default_facilitator(staff, True, programme_year)
    return [m for m in active if leader is None or m.id != leader.id]
