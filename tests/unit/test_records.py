"""Departments and staff: names checked, staff added, renamed, retired."""

import pytest

from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import (
    AgeGroup,
    Role,
    clean_name,
    new_department,
    parse_department_path,
    slugify,
)


def test_names_are_tidied() -> None:
    assert clean_name("  Kari   Nilsen ") == "Kari Nilsen"


@pytest.mark.parametrize("bad", ["", "   ", "a/b", "a\\b", "x" * 81, "tab\x1b[31m"])
def test_bad_names_are_refused(bad: str) -> None:
    with pytest.raises(DomainError):
        clean_name(bad)


def test_markup_like_names_are_kept_literally() -> None:
    assert clean_name("[bold]Kari [@click=app.quit]x") == "[bold]Kari [@click=app.quit]x"


def test_slugs_are_file_safe_and_stable() -> None:
    assert slugify("Blåklokka") == "blaklokka"
    assert slugify("Tyttebæret avd. 2") == "tyttebaeret-avd-2"
    assert slugify("Ørneredet") == "orneredet"
    assert slugify("..") != ""
    assert slugify("مرحبا") == slugify("مرحبا") and slugify("مرحبا").isascii()


def test_department_path() -> None:
    assert parse_department_path("Solsikken / Blåklokka") == ("Solsikken", "Blåklokka")
    for bad in ("Solsikken", "a/b/c", "/b", "a/ "):
        with pytest.raises(DomainError):
            parse_department_path(bad)


def test_staff_lifecycle() -> None:
    d = new_department("KG", "Avd", AgeGroup.MIXED, [("Ingrid", Role.LEADER)])
    d, per = d.with_staff_added("Per", Role.ASSISTANT)
    assert [s.name for s in d.active_staff] == ["Ingrid", "Per"]
    with pytest.raises(DomainError):
        d.with_staff_added("per", Role.TEACHER)  # same name, other case
    d = d.with_staff_renamed(per.id, "Per H.")
    assert d.member(per.id).name == "Per H."
    d = d.with_staff_retired(per.id)
    assert [s.name for s in d.active_staff] == ["Ingrid"]
    assert d.member(per.id).name == "Per H."  # history keeps the person
    d, _ = d.with_staff_added("Per H.", Role.ASSISTANT)  # a new person may take the name
    with pytest.raises(DomainError):
        d.with_staff_restored(per.id)  # two active people with one name
    assert [s.name for s in d.leaders] == ["Ingrid"]


def test_age_group_and_role_parse() -> None:
    assert AgeGroup.parse(" Toddler ") is AgeGroup.TODDLER
    assert Role.parse("leader") is Role.LEADER
    with pytest.raises(DomainError):
        AgeGroup.parse("babies")
    with pytest.raises(DomainError):
        Role.parse("boss")
