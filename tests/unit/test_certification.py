"""CLASS certification: due a year later, warned a month ahead, lapsed after; who may observe."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tettpa_tui.domain import certification as cert
from tettpa_tui.domain.classframework import Instrument
from tettpa_tui.domain.errors import DomainError

NOW = datetime(2026, 11, 30, 12)


def made(staff: str, name: str, day: date, instrument: Instrument = Instrument.PRE_K, due: date | None = None):
    return cert.new_certification(staff, name, instrument, day, due, NOW)


def test_recertification_is_due_one_year_later_by_default() -> None:
    assert made("a", "Kari", date(2026, 2, 28)).due == date(2027, 2, 28)
    assert made("a", "Kari", date(2026, 2, 28), due=date(2026, 8, 1)).due == date(2026, 8, 1)


def test_a_due_day_before_the_test_is_refused() -> None:
    with pytest.raises(DomainError) as exc:
        made("a", "Kari", date(2026, 2, 28), due=date(2026, 2, 1))
    assert exc.value.key == "error.certification_due"


def test_warned_a_month_ahead_and_lapsed_after_the_due_day() -> None:
    c = made("a", "Kari", date(2025, 12, 20))  # due 2026-12-20
    assert cert.status(c, date(2026, 11, 19)) == cert.VALID
    assert cert.status(c, date(2026, 11, 20)) == cert.DUE_SOON
    assert cert.status(c, date(2026, 12, 20)) == cert.DUE_SOON  # the due day itself still counts
    assert cert.status(c, date(2026, 12, 21)) == cert.LAPSED


def test_a_recertification_replaces_the_one_before() -> None:
    old = made("a", "Kari", date(2025, 10, 1))
    new = made("a", "Kari", date(2026, 9, 20))
    other = made("a", "Kari", date(2025, 10, 1), Instrument.TODDLER)
    assert cert.current([new, old, other]) == [other, new]
    assert cert.warnings([old, new], date(2026, 9, 25)) == []  # the old one would be due soon


def test_who_may_observe_on_a_day() -> None:
    kari = made("a", "Kari", date(2025, 10, 1))  # due 2026-10-01
    ola = made("b", "Ola", date(2026, 3, 1), Instrument.TODDLER)
    certs = [kari, ola]
    assert [c.name for c in cert.certified_on(certs, Instrument.PRE_K, date(2026, 9, 30))] == ["Kari"]
    assert cert.certified_on(certs, Instrument.PRE_K, date(2026, 10, 2)) == []  # lapsed
    assert cert.certified_on(certs, Instrument.PRE_K, date(2025, 9, 1)) == []  # not yet certified
    cert.check_observer(certs, "kari", Instrument.PRE_K, date(2026, 9, 30), external=False)
    with pytest.raises(DomainError) as exc:
        cert.check_observer(certs, "Ola", Instrument.PRE_K, date(2026, 9, 30), external=False)
    assert exc.value.key == "error.observer_not_certified"
    cert.check_observer(certs, "Siri fra nabobarnehagen", Instrument.PRE_K, date(2026, 9, 30), external=True)
    cert.check_observer([], "Anyone", Instrument.PRE_K, date(2026, 9, 30), external=False)  # none recorded


def test_pedagogues_and_the_director_are_certified_not_assistants() -> None:
    from tettpa_tui.domain.records import Role

    assert cert.CERTIFIABLE == {Role.LEADER, Role.TEACHER, Role.DIRECTOR}
