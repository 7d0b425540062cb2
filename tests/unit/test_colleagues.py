"""A practice story is about the writer's own practice: naming a colleague gets a gentle note;
a long story is noticed at about 300 words."""

from __future__ import annotations

import pytest

from tettpa_tui import content
from tettpa_tui.domain.colleagues import colleague_findings
from tettpa_tui.domain.storycheck import check_story, privacy_findings
from tettpa_tui.services.findings import finding_text
from tettpa_tui.i18n import set_language
from tettpa_tui.store import Store
from tettpa_tui.workspace import Workspace

STORY = ("Jeg satt på gulvet med to av barna. Tobias kom inn og tok over leken, og Tobias' stemme ble høy. "
         "Jeg så på Tobias Haugen og tenkte at jeg kunne gjort noe annet. ") * 3


def test_a_colleague_is_found_by_full_name_and_first_name() -> None:
    found = colleague_findings(STORY, ["Tobias Haugen", "Amina Yusuf"])
    assert {f.text for f in found} == {"Tobias", "Tobias Haugen"}
    assert all(f.kind == "colleague" and STORY[f.start:f.end].startswith(f.text) for f in found)
    assert colleague_findings("Jeg lekte med Aminata.", ["Amina Yusuf"]) == []  # a word of its own only


def test_the_check_notes_a_colleague_but_never_the_writer_and_it_is_not_a_privacy_finding(store: Store,
                                                                                            dept) -> None:
    ws = Workspace(store)
    ingrid, per = dept.staff[0], dept.staff[1]  # Ingrid Solberg (leader), Per Hansen
    text = "Jeg, Ingrid, så at Per ventet på barnet. Jeg satte meg ned ved siden av barnet og ventet. " * 4
    as_ingrid = [f for f in ws.check(dept, text, ingrid.id) if f.kind == "colleague"]
    assert {f.text for f in as_ingrid} == {"Per"}
    as_per = [f for f in ws.check(dept, text, per.id) if f.kind == "colleague"]
    assert {f.text for f in as_per} == {"Ingrid"}
    assert privacy_findings(as_ingrid) == []  # a note: the hand-in is never held back for it


@pytest.mark.parametrize("lang,words", [("nb", "en kollega"), ("en", "is a colleague")])
def test_the_note_is_gentle_in_both_languages(lang: str, words: str) -> None:
    set_language(lang)
    try:
        (f, *_) = colleague_findings(STORY, ["Tobias Haugen"])
        assert words in finding_text(f)
    finally:
        set_language("nb")


def test_a_long_story_is_noticed_at_about_300_words() -> None:
    rules = content.privacy_rules()
    assert [f.detail.get("which") for f in check_story("jeg " * 320, rules) if f.kind == "length"] == ["long"]
    assert [f for f in check_story("jeg " * 280, rules) if f.kind == "length"] == []


@pytest.mark.parametrize("lang,own,colleague", [("nb", "jeg-form", "kollega"), ("en", "first person", "colleague")])
def test_the_writers_guidance_says_a_story_is_your_own_everyday_situation(lang: str, own: str, colleague: str) -> None:
    from tettpa_tui.i18n import catalogue

    hint = catalogue(lang)["writer.privacy_hint"]
    assert own in hint and colleague in hint and ("hverdagssituasjon" in hint or "everyday situation" in hint)
