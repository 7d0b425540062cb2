"""content/: the ten CLASS dimensions, complete in both languages."""

import re

import pytest

from tettpa_tui import content
from tettpa_tui.domain.classframework import LANGUAGES
from tettpa_tui.i18n import _FORMATTER, catalogue

IDS = [
    "positive-climate", "negative-climate", "teacher-sensitivity", "regard-for-child-perspectives",
    "behavior-guidance", "productivity", "learning-formats", "concept-development",
    "quality-of-feedback", "language-modeling",
]


def test_ten_dimensions_in_three_domains_in_order() -> None:
    fw = content.framework()
    assert list(fw.ids) == IDS
    assert [d.id for d in fw.domains] == ["emotional-support", "classroom-organization", "instructional-support"]
    assert [len(d.dimension_ids) for d in fw.domains] == [4, 3, 3]
    assert fw.dimension("language-modeling").domain_id == "instructional-support"
    assert fw.dimension("positive-climate").name_nb == "Positivt klima"
    assert fw.dimension("language-modeling").name_nb == "Språkstøtte"


def test_toddler_instrument_uses_eight_dimensions_in_two_domains() -> None:
    fw = content.framework()
    assert [d.id for d in fw.toddler_domains] == ["emotional-behavioral-support", "engaged-support-for-learning"]
    ids = fw.toddler_dimension_ids()
    assert len(ids) == 8
    assert "productivity" not in ids and "concept-development" not in ids


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_dimension_has_name_description_and_questions(lang: str) -> None:
    for d in content.framework().dimensions:
        assert d.names[lang].strip()
        assert len(d.descriptions[lang].split()) >= 30, (d.id, lang)
        assert len(d.questions[lang]) >= 3, (d.id, lang)
        assert all(q.endswith("?") for q in d.questions[lang]), (d.id, lang)


def test_default_plan_covers_all_ten_dimensions_august_to_june() -> None:
    plan = content.default_plan()
    assert sorted(plan) == [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12]
    assert set(plan.values()) == set(IDS)


def test_string_catalogue_has_no_markup_and_valid_fields() -> None:
    for key, text in catalogue().items():
        assert not re.search(r"\[/?[a-z@]", text), key
        _FORMATTER.vformat(text, (), _AnyFields())  # raises on a broken {field}


class _AnyFields(dict):
    def __missing__(self, key: str) -> int:
        return 1


def test_content_found_inside_the_package_or_the_checkout() -> None:
    root = content.content_root()
    assert (root / "dimensions.toml").is_file()


def test_a_dimension_text_without_questions_is_a_content_error(tmp_path, monkeypatch) -> None:
    import shutil

    root = tmp_path / "content"
    shutil.copytree(content.content_root(), root)
    (root / "dimensions" / "productivity.nb.md").write_text("Bare en tekst, ingen spørsmål.\n", encoding="utf-8")
    monkeypatch.setattr(content, "content_root", lambda: root)
    content.dimension_prose.cache_clear()
    try:
        dim = content.framework.__wrapped__().dimension("productivity")
        with pytest.raises(content.ContentError, match="productivity.nb.md"):
            dim.descriptions["nb"]
        assert dim.questions["en"]  # the other language is fine
    finally:
        content.dimension_prose.cache_clear()
