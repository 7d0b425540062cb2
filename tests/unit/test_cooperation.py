"""Samarbeidsmøter (director and mentor): the record, and open agreements coming back."""

from datetime import date, datetime

import pytest

from tettpa_tui.domain import cooperation as co
from tettpa_tui.domain.errors import DomainError

NOW = datetime(2026, 9, 1, 12)


def test_open_agreements_come_back_until_recorded_as_done() -> None:
    first = co.new_meeting(date(2026, 9, 1), ["Styrer Siv", "Mona Mentor"], "Oppstart",
                           ["Sette av tid i pedagogmøtet", "Lage årshjul"], [], NOW)
    assert [a.text for a in co.open_agreements([first])] == ["Sette av tid i pedagogmøtet", "Lage årshjul"]
    assert co.open_agreements([first], before=date(2026, 9, 1)) == []  # not before itself
    second = co.new_meeting(date(2026, 10, 6), ["Styrer Siv", "Mona Mentor"], "Status", ["Følge opp Humla"],
                            [co.FollowUp(first.agreement_key(0), co.DONE),
                             co.FollowUp(first.agreement_key(1), co.NOT_YET, "halvveis")], NOW)
    still = co.open_agreements([first, second])
    assert [a.text for a in still] == ["Lage årshjul", "Følge opp Humla"]
    assert still[0].notes == ("halvveis",) and still[0].made == date(2026, 9, 1)
    # At the second meeting, only what was open before it came up.
    assert [a.text for a in co.open_agreements([first, second], before=second.date)] == [
        "Sette av tid i pedagogmøtet", "Lage årshjul"]


def test_a_record_needs_who_and_something_discussed_or_agreed() -> None:
    with pytest.raises(DomainError) as err:
        co.new_meeting(date(2026, 9, 1), ["  "], "x", [], [], NOW)
    assert err.value.key == "error.cooperation_who"
    with pytest.raises(DomainError) as err:
        co.new_meeting(date(2026, 9, 1), ["Siv"], "  ", ["", " "], [], NOW)
    assert err.value.key == "error.cooperation_empty"
    m = co.new_meeting(date(2026, 9, 1), [" Siv  Berg ", ""], "", ["[b]avtale[/]"], [], NOW)
    assert m.who == ("Siv Berg",) and m.agreements == ("[b]avtale[/]",)
