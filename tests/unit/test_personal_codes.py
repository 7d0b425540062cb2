"""Personal codes for the phone page: start codes, weak codes refused, waits that grow."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from tettpa_tui.domain import access
from tettpa_tui.domain.errors import DomainError

NOW = datetime(2026, 11, 30, 9, 0)


@pytest.mark.parametrize("code", [
    "12345678", "87654321", "abcdefgh", "aaaaaaaa", "12121212", "abcabcabc", "qwertyuiop", "asdfghjkl",
    "passord1", "Passord123!", "password", "qwerty2024", "tettpa2026", "barnehage1", "01011990",
    "per hansen", "PerHansen1", "blåklokka", "1234 5678", "short",
    "blå sykkel i regnet", "Blå sykkel i regnet!", "blue bike in the rain",  # the page's own examples
])
def test_weak_codes_are_refused(code: str) -> None:
    assert access.personal_code_problem(code, ("Per Hansen", "Blåklokka", "Solsikken")) is not None
    with pytest.raises(DomainError):
        access.personal_code("s1", code, NOW, ("Per Hansen", "Blåklokka", "Solsikken"), iterations=1000)


@pytest.mark.parametrize("code", [
    "grønn traktor i snøen", "Kaffe-og-Boller-7", "tre grønne epler", "mx7!Kr2#pQ", "8364 2917 5530",
])
def test_passphrases_and_random_codes_are_welcome(code: str) -> None:
    assert access.personal_code_problem(code, ("Per Hansen",)) is None
    record = access.personal_code("s1", code, NOW, ("Per Hansen",), iterations=1000)
    assert access.staff_code_matches(code, record, NOW)
    assert not access.staff_code_matches(code + "x", record, NOW)
    assert code not in repr(record.to_doc())  # only a salted hash is kept


def test_a_start_code_is_forgiving_to_type_and_expires() -> None:
    code = access.new_start_code()
    assert len(code) == 14 and code.count("-") == 2
    record = access.start_code("s1", code, NOW, iterations=1000)
    assert record.kind == "start"
    assert access.staff_code_matches(code.upper().replace("-", " "), record, NOW + timedelta(days=1))
    assert not access.staff_code_matches(code, record, NOW + timedelta(days=access.START_CODE_DAYS + 1))
    assert access.new_start_code() != code


def test_five_wrong_codes_then_a_wait_that_grows() -> None:
    throttle = access.Throttle()
    waits = [throttle.failed("per", 0.0) for _ in range(7)]
    assert waits[:4] == [0, 0, 0, 0]
    assert waits[4] == access.FIRST_WAIT and waits[5] == 2 * access.FIRST_WAIT and waits[6] == 4 * access.FIRST_WAIT
    assert throttle.wait("per", 10.0) > 0 and throttle.wait("ingrid", 10.0) == 0
    throttle.succeeded("per")
    assert throttle.wait("per", 10.0) == 0 and throttle.failures("per") == 0
    for _ in range(40):
        throttle.failed("amina", 0.0)
    assert throttle.wait("amina", 0.0) == access.LONGEST_WAIT


def test_the_throttle_forgets_the_oldest_when_full() -> None:
    throttle = access.Throttle(max_keys=3)
    for key in "abcd":
        throttle.failed(key, 0.0)
    assert throttle.failures("a") == 0 and throttle.failures("d") == 1


@pytest.mark.parametrize("name, code", [
    ("Lene Dahl", "Lene Dahl"), ("Lene Dahl", "lenedahl"), ("Lene Dahl", "Dahl Lene 7"),
    ("Amina Yusuf", "Amina Yusuf"), ("Amina Yusuf", "aminayusuf"), ("Per Kristiansen", "Per Kristiansen"),
    ("Amina Yusuf", "Blåklokka Solsikken"),
])
def test_ones_own_name_whole_is_refused(name: str, code: str) -> None:
    assert access.personal_code_problem(code, (name, "Blåklokka", "Solsikken")) == "codes.own_name"


def test_a_passphrase_with_ones_name_in_it_is_still_welcome() -> None:
    assert access.personal_code_problem("Lene liker blå sykler", ("Lene Dahl",)) is None
