"""CLASS certification: who in the kindergarten may observe, with which instrument, until when.

The programme: some pedagogues from each kindergarten, and the director, are
certified CLASS observers, and staying certified needs a yearly
recertification. A certification names a staff member of the kindergarten,
the instrument, the day of the test and the day recertification is due (by
default one year later). A recertification is a new record; a person's latest
one for an instrument is the one that counts. The kindergarten's overview warns
a month before it is due and after it has lapsed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from dateutil.relativedelta import relativedelta

from tettpa_tui.domain.classframework import Instrument
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import Role, new_id

VALID = "valid"
DUE_SOON = "due_soon"  # recertification due within a month
LAPSED = "lapsed"  # the due day has passed

# Who is certified: "noen pedagoger fra hver barnehage, pluss styrer".
CERTIFIABLE = frozenset({Role.LEADER, Role.TEACHER, Role.DIRECTOR})
WARN_AHEAD = relativedelta(months=1)
DEFAULT_PERIOD = relativedelta(years=1)


@dataclass(frozen=True)
class Certification:
    id: str
    staff_id: str
    name: str  # as when recorded: shown even if the person later leaves
    instrument: Instrument
    certified: date
    due: date  # when recertification is due
    created_at: datetime | None = None


def new_certification(staff_id: str, name: str, instrument: Instrument, certified: date,
                      due: date | None, now: datetime) -> Certification:
    """A certification as recorded; due defaults to one year after the test."""
    due = due if due is not None else certified + DEFAULT_PERIOD
    if due <= certified:
        raise DomainError("error.certification_due", due=due.isoformat(), date=certified.isoformat())
    return Certification(new_id(), staff_id, name, instrument, certified, due, now)


def status(cert: Certification, today: date) -> str:
    if today > cert.due:
        return LAPSED
    if today >= cert.due - WARN_AHEAD:
        return DUE_SOON
    return VALID


def current(certs: list[Certification]) -> list[Certification]:
    """Each person's latest certification per instrument (a recertification replaces the one before)."""
    latest: dict[tuple[str, Instrument], Certification] = {}
    for c in sorted(certs, key=lambda c: (c.certified, c.created_at or datetime.min)):
        latest[(c.staff_id, c.instrument)] = c
    return sorted(latest.values(), key=lambda c: (c.due, c.name))


def warnings(certs: list[Certification], today: date) -> list[tuple[Certification, str]]:
    """The current certifications that are due within a month or have lapsed, soonest first."""
    return [(c, s) for c in current(certs) if (s := status(c, today)) != VALID]


def certified_on(certs: list[Certification], instrument: Instrument, day: date) -> list[Certification]:
    """Who was certified for `instrument` on `day` (certified by then, not yet lapsed)."""
    return [c for c in current([c for c in certs if c.certified <= day])
            if c.instrument is instrument and day <= c.due]


def check_observer(certs: list[Certification], observer: str, instrument: Instrument, day: date,
                   external: bool) -> None:
    """An observer from the kindergarten must be certified for the instrument on the day.

    From outside (external) anyone may be named: their certification is kept
    elsewhere. A kindergarten that has recorded no certifications is not checked
    (the app cannot know who is certified)."""
    if external or not certs:
        return
    wanted = " ".join(observer.split()).casefold()
    if not any(c.name.casefold() == wanted for c in certified_on(certs, instrument, day)):
        raise DomainError("error.observer_not_certified", name=observer, instrument=instrument.value,
                          date=day.isoformat())
