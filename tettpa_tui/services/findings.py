"""What a story check found, in words: one line per finding, and the words a name
can be replaced with. Shared by the app's check dialog and the phone page."""

from __future__ import annotations

from tettpa_tui.domain.pronouns import ordered_replacements, pronouns_near
from tettpa_tui.domain.storycheck import Finding, story_language
from tettpa_tui.i18n import LANGUAGES, catalogue, language, t


def replacements(text: str | None = None) -> tuple[str, ...]:
    """The words a name can be replaced with ("barnet", ...): in the language the
    story `text` is written in (a bokmål story gets bokmål words whatever the
    reader's language), else in the reader's."""
    lang = (story_language(text) if text else None) or language()
    return tuple(w.strip() for w in catalogue(lang)["writer.check.replacements"].split("|") if w.strip())


def replacements_for(text: str, name: str) -> tuple[str, ...]:
    """The words for `name`, the one that fits the story's pronouns for it first
    («jenta» where «hun» and «henne» stand near it)."""
    return ordered_replacements(replacements(text), pronouns_near(text, name))


def pronoun_note(text: str, name: str) -> str:
    """One line on the pronouns near `name`: which word fits, or which to read again
    (both «han» and «hun» near it); empty when there are none."""
    hint = pronouns_near(text, name)
    if not hint.pronouns:
        return ""
    said = " / ".join(hint.words())
    if hint.mixed:
        return t("writer.check.pronouns_mixed", pronouns=said)
    return t("writer.check.pronouns_fit", pronouns=said, word=replacements_for(text, name)[0])


def all_replacements() -> tuple[str, ...]:
    """Every word offered in place of a name, in any language."""
    return tuple(w.strip() for lang in LANGUAGES for w in catalogue(lang)["writer.check.replacements"].split("|")
                 if w.strip())


def finding_text(f: Finding, count: int = 1) -> str:
    if f.kind == "length":
        return t(f"writer.check.length_{f.detail['which']}", words=f.detail["words"], limit=f.detail["limit"])
    if f.kind == "first-person":
        return t("writer.check.first_person")
    key = f"writer.check.{f.kind.replace('-', '_')}"
    return t(key, text=f.text, count=count)


def group_findings(findings: list[Finding]) -> list[tuple[tuple[str, str], list[Finding]]]:
    """One group per distinct name ('Emma' and 'Emmas' together: all its places are replaced at once)."""
    groups: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        key = (f.kind, f.text.rstrip("s") if f.kind == "name" and f.text.endswith("s") and
               any(g.text == f.text[:-1] for g in findings) else f.text)
        groups.setdefault(key, []).append(f)
    return list(groups.items())
