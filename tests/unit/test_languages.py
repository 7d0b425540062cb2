"""Bokmål and English: every text of the app and of content/ exists in both."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from tettpa_tui import content
from tettpa_tui.domain.classframework import LANGUAGES
from tettpa_tui.i18n import catalogue

ROOT = Path(__file__).resolve().parents[2]
FIELD = re.compile(r"\{(\w+)(?::[\w:]*)?")  # a field, and the counted noun it may name


def fields(text: str) -> set[str]:
    return set(FIELD.findall(text))


def test_every_key_exists_in_both_languages() -> None:
    nb, en = catalogue("nb"), catalogue("en")
    assert sorted(set(nb) - set(en)) == [], "missing in strings.en.toml"
    assert sorted(set(en) - set(nb)) == [], "missing in strings.nb.toml"


def test_both_languages_fill_in_the_same_fields() -> None:
    nb, en = catalogue("nb"), catalogue("en")
    differ = {k: (fields(nb[k]), fields(en[k])) for k in nb if fields(nb[k]) != fields(en.get(k, ""))}
    assert differ == {}


# Words that are the same in both languages.
SAME_IN_BOTH = {"tett", "demo", "mentor", "status", "instrument", "pass", "tettpa", "markdown", "time", "toddler",
                "class", "mikroprosjekt", "mikroprosjekter"}  # Toddler: the CLASS instrument's name;
# CLASS and the programme's word "mikroprosjekt" are names, the same in English


def test_no_text_is_left_untranslated() -> None:
    nb, en = catalogue("nb"), catalogue("en")

    def words(text: str) -> set[str]:
        return {w.casefold() for w in re.findall(r"[A-Za-zÆØÅæøå]{4,}", FIELD.sub("", text.replace("}", "")))}

    # A language's own name is written the same in both lists.
    same = [k for k in nb if nb[k] == en[k] and words(nb[k]) - SAME_IN_BOTH
            and k not in ("language.nb", "language.en")]
    assert same == []


def test_every_key_the_code_asks_for_exists() -> None:
    nb = catalogue("nb")
    used = set()
    for path in (ROOT / "tettpa_tui").rglob("*.py"):
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_][\w.\-]*)["']""", path.read_text(encoding="utf-8")))
    assert sorted(k for k in used if k not in nb) == []


def _content_tables() -> list[tuple[str, dict]]:
    out = []
    for path in sorted((ROOT / "content").rglob("*.toml")):
        if path.name.startswith("strings."):
            continue
        data = tomllib.loads(path.read_text(encoding="utf-8"))

        def walk(node, where):
            if isinstance(node, dict):
                out.append((where, node))
                for k, v in node.items():
                    walk(v, f"{where}.{k}")
            elif isinstance(node, list):
                for i, v in enumerate(node):
                    walk(v, f"{where}[{i}]")

        walk(data, path.name)
    return out


def test_every_text_in_content_has_both_languages() -> None:
    missing = []
    for where, table in _content_tables():
        for key in table:
            for lang in LANGUAGES:
                if key.endswith(f"_{lang}"):
                    base = key[: -len(lang) - 1]
                    missing += [f"{where}.{base}_{other}" for other in LANGUAGES if f"{base}_{other}" not in table]
    assert sorted(set(missing)) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_dimension_has_prose_and_questions(lang: str) -> None:
    for d in content.framework().dimensions:
        assert d.descriptions[lang] and len(d.questions[lang]) >= 3
        assert d.name(lang)


def test_demo_texts_exist_in_both_languages() -> None:
    demo = ROOT / "content" / "demo"
    for story in demo.glob("story-*.md"):
        if story.name.count(".") == 1:
            assert (demo / story.name.replace(".md", ".en.md")).is_file(), story.name
    nb = tomllib.loads((demo / "meeting.toml").read_text(encoding="utf-8"))
    en = tomllib.loads((demo / "meeting.en.toml").read_text(encoding="utf-8"))
    assert set(nb) == set(en) and all(len(nb[k]) == len(en[k]) for k in nb if isinstance(nb[k], list))
    for key, table in nb.items():  # each story's notes, and the summaries, in both languages
        if isinstance(table, dict):
            assert set(table) == set(en[key]), key
            assert all(len(v) == len(en[key][k]) for k, v in table.items() if isinstance(v, list)), key


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_method_reads_in_each_language(lang: str) -> None:
    m = content.method(lang)
    for spec in m.phases:
        for key in ("name", "rule", "cue", "why"):
            assert spec.texts[lang].get(key), (spec.id, key)
    for part in ("opening", "closing", "debrief"):
        assert m.texts[part]["name"]
    assert content.method("en").phases[0].text("name", "en") == "Presentation"
