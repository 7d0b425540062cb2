"""Counted nouns in both languages: one helper, the noun's form follows the number."""

from __future__ import annotations

import pytest

from tettpa_tui import i18n
from tettpa_tui.i18n import counted, t


@pytest.fixture(params=["nb", "en"])
def lang(request, monkeypatch) -> str:
    monkeypatch.setattr(i18n, "_lang", request.param)
    return request.param


def test_the_noun_follows_the_number(lang: str) -> None:
    one, two = ("1 fortelling", "2 fortellinger") if lang == "nb" else ("1 story", "2 stories")
    assert (counted(1, "story"), counted(2, "story")) == (one, two)
    assert counted(0, "turn") == ("0 innlegg" if lang == "nb" else "0 turns")
    assert counted(1, "staff") == ("1 ansatt" if lang == "nb" else "1 staff member")
    assert counted(3, "story", words=True) == ("tre fortellinger" if lang == "nb" else "three stories")


def test_texts_use_it(lang: str) -> None:
    line = t("cli.meeting_line", id="m", date="d", status="s", dimension="x", stories=1, turns=1)
    assert line.endswith("(1 fortelling, 1 innlegg)" if lang == "nb" else "(1 story, 1 turn)")
    assert t("error.stories_count", limit=3) == (
        "Velg mellom én og tre fortellinger." if lang == "nb" else "Choose between one and three stories.")
    assert t("search.hits", count=1) == ("1 treff" if lang == "nb" else "1 result")
    assert t("meeting.told_ago", months=1) == ("fortalte for 1 mnd siden" if lang == "nb" else "told 1 month ago")
    assert t("writer.status", state="s", words=1, saved="x") == ("s · 1 ord · x" if lang == "nb" else "s · 1 word · x")
    assert t("cli.department_created", path="p", count=1).endswith("1 ansatt." if lang == "nb" else "1 staff member.")


def test_every_counted_field_names_a_noun_of_both_languages() -> None:
    import re

    for lang in i18n.LANGUAGES:
        texts = i18n.catalogue(lang)
        for key, text in texts.items():
            for noun in re.findall(r"\{\w+:(?:words:)?([a-z_]+)\}", text):
                assert f"count.{noun}" in texts, (lang, key, noun)
        for key in (k for k in texts if k.startswith("count.") and k != "count.numbers"):
            assert len(texts[key].split("|")) == 2, (lang, key)


def test_no_text_writes_a_number_before_a_plural_noun_by_hand() -> None:
    """'{count} fortellinger' would read '1 fortellinger': such fields go through the helper."""
    import re

    plurals = {"nb": "fortellinger|ansatte|datafiler|personopplysninger",
               "en": "stories|turns|staff|words|results|months|data files|details"}
    for lang, words in plurals.items():
        for key, text in i18n.catalogue(lang).items():
            assert not re.search(r"\{\w+\} (?:" + words + r")\b", text), (lang, key, text)


@pytest.mark.parametrize("catalogue_lang", ["nb", "en"])
def test_no_number_field_is_followed_by_a_plural_noun_outside_the_helper(catalogue_lang: str) -> None:
    """"{days} dager" reads "1 dager" for one: such a field goes through the helper ("{days:day}")."""
    import re

    texts = i18n.catalogue(catalogue_lang)
    plurals = {form.split("|")[1].casefold() for key, form in texts.items()
               if key.startswith("count.") and key != "count.numbers" and "|" in form
               and form.split("|")[0] != form.split("|")[1]}
    # and the counted nouns of time and text, whether the table has them yet or not
    plurals |= {"dager", "uker", "måneder", "timer", "minutter", "sekunder", "tekster", "ganger",
                "days", "weeks", "months", "hours", "minutes", "seconds", "texts", "times"}
    bad = [f"{key}: {m.group()}" for key, text in texts.items() if not key.startswith("count.")
           for m in re.finditer(r"\{\w+\}\s+(\w+)", text) if m.group(1).casefold() in plurals]
    assert bad == []


def test_days_seconds_and_texts_are_counted(lang: str) -> None:
    assert t("retention.home_soon", days=1, count=1) == (
        "Slettes innen 1 dag: 1 tekst" if lang == "nb" else "Erased within 1 day: 1 text")
    assert t("retention.erased", count=2).startswith("Slettet 2 tekster" if lang == "nb" else "Erased 2 texts")
    assert t("backup.app.home_stale", days=31) == (
        "Ingen sikkerhetskopi på 31 dager (c)" if lang == "nb" else "No backup for 31 days (c)")
    assert ("1 sekund " if lang == "nb" else "1 second ") in t("web.code_wait", seconds=1)
    # The phone page's script fills in the number itself: the field stays a placeholder.
    assert ("{seconds} sekunder" if lang == "nb" else "{seconds} seconds") in t("web.code_wait", seconds="{seconds}")
