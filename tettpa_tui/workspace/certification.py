"""CLASS certifications of a kindergarten's staff: recording them, what is due, who may observe."""

from __future__ import annotations

from datetime import date, datetime

from tettpa_tui.domain.classframework import Instrument
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import Department, StaffMember, slugify
from tettpa_tui.lazy import OnFirstUse

cert = OnFirstUse("tettpa_tui.domain.certification")  # not needed at start


class CertificationMixin:
    """Who in a kindergarten is a certified CLASS observer (part of Workspace)."""

    def kindergarten_staff(self, kindergarten: str) -> list[tuple[StaffMember, Department]]:
        """Who of the kindergarten may be certified: its active pedagogues and director (from its
        departments and pedagogue meeting), once by name."""
        seen: dict[str, tuple[StaffMember, Department]] = {}
        for d in self.store.list_departments(include_pedagogue=True):
            if slugify(d.kindergarten) != slugify(kindergarten):
                continue
            for s in d.staff:
                if s.active and s.role in cert.CERTIFIABLE:
                    seen.setdefault(s.name.casefold(), (s, d))
        return sorted(seen.values(), key=lambda sd: sd[0].name.casefold())

    def add_certification(self, kindergarten: str, person: str, instrument: Instrument, certified: date,
                          due: date | None, now: datetime) -> cert.Certification:
        """Record that `person` (a staff member of the kindergarten, by name or id) passed the test."""
        wanted = " ".join(person.split()).casefold()
        member = next((s for s, _d in self.kindergarten_staff(kindergarten)
                       if s.name.casefold() == wanted or s.id == person.strip()), None)
        if member is None:
            raise DomainError("error.certification_person", name=person, kindergarten=kindergarten)
        record = cert.new_certification(member.id, member.name, instrument, certified, due, now)
        return self.store.save_certification(kindergarten, record)

    def certifications(self, kindergarten: str) -> list[cert.Certification]:
        """Each person's current certification per instrument, soonest due first."""
        return cert.current(self.store.certifications(kindergarten))

    def certification_warnings(self, kindergarten: str, today: date) -> list[tuple[cert.Certification, str]]:
        return cert.warnings(self.store.certifications(kindergarten), today)

    def certified_observers(self, kindergarten: str, instrument: Instrument, day: date) -> list[str]:
        """The names of those certified for `instrument` on `day`: who may observe then."""
        return [c.name for c in cert.certified_on(self.store.certifications(kindergarten), instrument, day)]
