"""Personal codes for the phone page: start codes, signing in, a code of one's own."""

from __future__ import annotations

from datetime import datetime

from tettpa_tui.domain.records import Department, StaffMember
from tettpa_tui.lazy import OnFirstUse

access = OnFirstUse("tettpa_tui.domain.access")


class CodesMixin:
    """The phone page's personal codes: give a start code, check a code, keep a chosen one."""

    def give_start_code(self, dept: Department, member: StaffMember, now: datetime) -> str:
        """A new one-time start code for `member` (replacing any code they had); shown once."""
        code = access.new_start_code()
        self.store.set_staff_code(dept, member.id, access.start_code(member.id, code, now))
        return code

    def sign_in(self, dept: Department, member: StaffMember, code: str, now: datetime) -> str | None:
        """'start' or 'personal' when `code` is the member's, else None (slow on purpose: hashed)."""
        record = self.store.staff_codes(dept).get(member.id)
        if record is None or not member.active or not access.staff_code_matches(code, record, now):
            return None
        return record.kind

    def choose_code(self, dept: Department, member: StaffMember, code: str, now: datetime) -> None:
        """Keep the code the member chose (refused when weak) in place of the start code."""
        own = (member.name, dept.name, dept.kindergarten)
        self.store.set_staff_code(dept, member.id, access.personal_code(member.id, code, now, own))
