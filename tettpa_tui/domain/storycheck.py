"""Gentle checks of a practice story before it is handed in.

Each finding says what kind of thing was seen, the exact text and where it
stands, so a screen can show it and offer a fix, and a script can print it.
The checks only point; the writer decides. Kinds:

* ``first-person``: the story never says "jeg"/"meg"/"min" (it should be about
  the writer's own practice);
* ``length``: under or over the words a story should have;
* ``name``: a capitalised word that looks like a child's name: not a staff
  member, not the start of a sentence (unless it is a known given name or is
  also written mid-sentence), not a common word;
* ``age``: an age right beside a name ("Emma (4 år)");
* ``address``, ``contact`` (phone, e-mail) and ``id-number`` (fødselsnummer).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from tettpa_tui.domain.stories import word_count

FIRST_PERSON = {
    "nb": re.compile(r"\b(?:jeg|meg|min|mitt|mine|eg|meg selv)\b", re.IGNORECASE),
    # "I" only as a capital: a lower-case "i" is the Norwegian "in".
    "en": re.compile(r"\bI\b|\b(?:[Mm]e|[Mm]y|[Mm]ine|[Mm]yself)\b"),
}
TOKEN = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
ID_NUMBER = re.compile(r"(?<!\d)\d{6}[ ]?\d{5}(?!\d)")
PHONE = re.compile(r"(?<![\d+])(?:\+47[ ]?|0047[ ]?)?(?:\d[ -]?){7}\d(?![\d])")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
STREET = re.compile(
    r"\b[A-ZÆØÅ][a-zæøåé]+(?:veien|vegen|vei|veg|gata|gaten|gate|stien|bakken|alleen|allé|"
    r"plass|plassen|tunet|svingen|lia|haugen|åsen|jordet|løkka|ringen|kroken|stubben|torget)"
    r"[ ]+\d{1,4}[ ]?[A-Za-z]?\b"
)
POSTCODE = re.compile(r"(?<!\d)\d{4}[ ]+[A-ZÆØÅ][a-zæøå]+")
AGE = re.compile(
    r"\b(?:\d{1,2}(?:[,.]5)?|ett|en|to|tre|fire|fem|seks|sju|syv"
    r"|one|two|three|four|five|six|seven)[ ]?(?:-[ ]?)?"
    r"(?:år|åring|åringen|mnd|måneder|måneders"
    r"|years?(?:[ -]old)?|months?(?:[ -]old)?)\b(?:[ ]+(?:gammel|gamle))?",
    re.IGNORECASE,
)
OPENERS = " \t«»\"“”'‘’(–—-*"  # quotes and dashes between a sentence's end and the next word
ENDERS = ".!?:…\n\r"


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str
    start: int
    end: int
    detail: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        return {"kind": self.kind, "text": self.text, "start": self.start, "end": self.end, **self.detail}


@dataclass(frozen=True)
class CheckRules:
    allowed_words: frozenset[str] = frozenset()
    known_names: frozenset[str] = frozenset()
    staff_names: frozenset[str] = frozenset()
    min_words: int = 40
    max_words: int = 600
    languages: tuple[str, ...] = ("nb",)  # a story in any of these is in the first person

    def with_staff(self, names: list[str]) -> "CheckRules":
        tokens = {tok.casefold() for n in names for tok in TOKEN.findall(n)}
        return replace(self, staff_names=frozenset(tokens))

    def in_languages(self, languages: tuple[str, ...]) -> "CheckRules":
        return replace(self, languages=languages)


def is_sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in OPENERS:
        i -= 1
    return i < 0 or text[i] in ENDERS


def _base(word: str) -> str:
    """'Emmas' -> 'emma' (Norwegian genitive), otherwise the word casefolded."""
    w = word.casefold().rstrip("'’")
    return w[:-1] if w.endswith("s") and len(w) > 3 else w


def _looks_capitalised(word: str) -> bool:
    return word[0].isupper() and not (len(word) > 1 and word.isupper()) and len(word) > 1


def name_findings(text: str, rules: CheckRules) -> tuple[list[Finding], list[Finding]]:
    """(names flagged, every capitalised word that could be a name)."""
    tokens = [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]
    candidates = []
    mid_sentence_capitals: set[str] = set()
    for word, start, end in tokens:
        if not _looks_capitalised(word):
            continue
        folded, base = word.casefold(), _base(word)
        if folded in rules.allowed_words or base in rules.allowed_words:
            continue
        if folded in rules.staff_names or base in rules.staff_names:
            continue
        at_start = is_sentence_start(text, start)
        if not at_start:
            mid_sentence_capitals.add(base)
        candidates.append((word, start, end, at_start, base))
    found, possible = [], []
    for word, start, end, at_start, base in candidates:
        finding = Finding("name", word, start, end)
        possible.append(finding)
        known = word.casefold() in rules.known_names or base in rules.known_names
        if not at_start or known or base in mid_sentence_capitals:
            found.append(finding)
    return found, possible


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def detail_findings(text: str, names: list[Finding]) -> list[Finding]:
    """Identifying details; `names` are the capitalised words an age may stand beside."""
    found: list[Finding] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, m: re.Match) -> None:
        span = (m.start(), m.end())
        if not _overlaps(span, taken):
            taken.append(span)
            found.append(Finding(kind, m.group(), m.start(), m.end()))

    for m in ID_NUMBER.finditer(text):
        add("id-number", m)
    for m in EMAIL.finditer(text):
        add("contact", m)
    for m in PHONE.finditer(text):
        add("contact", m)
    for m in STREET.finditer(text):
        add("address", m)
    for m in POSTCODE.finditer(text):
        add("address", m)
    for m in AGE.finditer(text):
        near = [n for n in names if -25 <= m.start() - n.end <= 25 or -25 <= n.start - m.end() <= 25]
        if near:
            start = min(m.start(), *(n.start for n in near))
            end = max(m.end(), *(n.end for n in near))
            if not _overlaps((start, end), taken):
                taken.append((start, end))
                found.append(Finding("age", text[start:end], start, end))
    return found


def check_story(text: str, rules: CheckRules) -> list[Finding]:
    """Every finding in the story, in the order a reader meets them (whole-text ones first)."""
    findings: list[Finding] = []
    words = word_count(text)
    if text.strip():
        if not any(FIRST_PERSON[lang].search(text) for lang in rules.languages if lang in FIRST_PERSON):
            findings.append(Finding("first-person", "", 0, 0))
        if words < rules.min_words:
            findings.append(Finding("length", "", 0, 0, {"words": words, "limit": rules.min_words, "which": "short"}))
        elif words > rules.max_words:
            findings.append(Finding("length", "", 0, 0, {"words": words, "limit": rules.max_words, "which": "long"}))
    names, possible = name_findings(text, rules)
    details = detail_findings(text, possible)
    # A capitalised word right beside an age is a name, even at a sentence start.
    for age in (d for d in details if d.kind == "age"):
        names += [p for p in possible if age.start <= p.start < age.end and p not in names]
    detail_spans = [(d.start, d.end) for d in details if d.kind != "age"]
    names = [n for n in names if not _overlaps((n.start, n.end), detail_spans)]
    findings.extend(sorted(names + details, key=lambda f: f.start))
    return findings


PRIVACY_KINDS = frozenset({"name", "age", "address", "contact", "id-number"})


def privacy_findings(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.kind in PRIVACY_KINDS]


def replace_name(text: str, name: str, replacement: str) -> str:
    """Put `replacement` for every whole-word `name` (and its genitive 'names').

    At the start of a sentence the replacement gets a capital letter; a
    genitive keeps its s ("Emmas" -> "barnets").
    """
    base = name[:-1] if name.endswith("s") and len(name) > 3 and name[:-1] in text else name
    pattern = re.compile(rf"(?<![\w]){re.escape(base)}(s?)(?![\w])")

    def swap(m: re.Match) -> str:
        word = replacement
        if is_sentence_start(text, m.start()) and word[:1].islower():
            word = word[:1].upper() + word[1:]
        if m.group(1):
            word += "" if word.endswith("s") else "s"
        return word

    return pattern.sub(swap, text)


def initial_of(name: str) -> str:
    return f"{name[:1].upper()}."
