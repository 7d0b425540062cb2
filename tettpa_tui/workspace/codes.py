"""Personal codes for the phone page: start codes, signing in, a code of one's own."""

from __future__ import annotations

from datetime import datetime

from tettpa_tui.domain.records import Department, StaffMember
from tettpa_tui.lazy import OnFirstUse

access = OnFirstUse("tettpa_tui.domain.access")


class CodesMixin:
    """The phone page's personal codes: give a start code, check a code, keep a chosen one."""

    def give_start_code(self, dept: Department, member: StaffMember, now: datetime, *,
                        by_leader: bool = True) -> str:
        """A new one-time start code for `member` (replacing any code they had); shown once.
        The record of sign-ins notes the leader's codes; the codes `serve --demo` prints for
        its made-up staff are not the leader's (by_leader=False) and are not noted."""
        code = access.new_start_code()
        self.store.set_staff_code(dept, member.id, access.start_code(member.id, code, now))
        if by_leader:
            self.record_sign_in(dept, member.id, "start_code", now)
        return code

    def record_sign_in(self, dept: Department, staff_id: str | None, event: str, now: datetime,
                       seconds: int | None = None) -> None:
        """One line in the department's record of sign-ins (domain/signins.py). The record
        comes second: a write that fails is said in the log, never stops a sign-in or a code."""
        import logging

        from tettpa_tui.domain.signins import SignInEvent, SignInRecord
        from tettpa_tui.store import StoreError

        try:
            self.store.record_sign_in(dept, SignInRecord(now, staff_id, SignInEvent(event), seconds))
        except (StoreError, OSError) as exc:
            logging.getLogger("tettpa.web").warning("%s", exc)

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
