"""Identifying details in a practice story besides names: ID numbers, phone
numbers and e-mail addresses, street addresses and postcodes, and an age
right beside a name ("Emma (4 år)"). Split from storycheck.py, which runs them."""

from __future__ import annotations

import re

from tettpa_tui.domain.namecues import ENDERS
from tettpa_tui.domain.finding import Finding

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


def is_national_id(number: str) -> bool:
    """A fødselsnummer or D-nummer: a possible birth date and both mod-11 check digits right.

    An 11-digit number that fails this (an order number, a phone number with a
    prefix) is not flagged.
    """
    d = [int(c) for c in number if c.isdigit()]
    if len(d) != 11:
        return False
    day, month = d[0] * 10 + d[1], d[2] * 10 + d[3]
    if day > 40:
        day -= 40  # D-nummer
    if month > 80:
        month -= 80  # synthetic numbers from the test register
    elif month > 40:
        month -= 40  # H-nummer
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return False
    for weights, at in (((3, 7, 6, 1, 8, 9, 4, 5, 2), 9), ((5, 4, 3, 2, 7, 6, 5, 4, 3, 2), 10)):
        check = 11 - sum(w * x for w, x in zip(weights, d)) % 11
        if check == 11:
            check = 0
        if check == 10 or check != d[at]:
            return False
    return True


def overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


BRACKETED_AGE = re.compile(r"([^\W\d_][\w'’-]*)[ ]*\([ ]*$")


def _sentence_between(text: str, name: Finding, age: re.Match) -> bool:
    """"Nasteho. Jenta (4 år)": the age belongs to the next sentence, not to Nasteho."""
    lo, hi = (name.end, age.start()) if name.end <= age.start() else (age.end(), name.start)
    return any(c in ENDERS for c in text[lo:hi])


def _whole_brackets(text: str, start: int, end: int) -> tuple[int, int]:
    """A quoted span widened to hold whole brackets: "Emma (4 år)", not "Emma (4 år" nor "4 år) ble"."""
    for opening, closing in ("()", "[]", "{}"):
        while text.count(opening, start, end) > text.count(closing, start, end):
            at = text.find(closing, end)
            if at < 0 or at - end > 40:
                break
            end = at + 1
        while text.count(closing, start, end) > text.count(opening, start, end):
            at = text.rfind(opening, 0, start)
            if at < 0 or start - at > 40:
                break
            start = at
    return start, end


def detail_findings(text: str, names: list[Finding]) -> list[Finding]:
    """Identifying details; `names` are the capitalised words an age may stand beside."""
    found: list[Finding] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, m: re.Match) -> None:
        span = (m.start(), m.end())
        if not overlaps(span, taken):
            taken.append(span)
            found.append(Finding(kind, m.group(), m.start(), m.end()))

    for m in ID_NUMBER.finditer(text):
        if is_national_id(m.group()):
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
        near = [n for n in names if (-25 <= m.start() - n.end <= 25 or -25 <= n.start - m.end() <= 25)
                and not _sentence_between(text, n, m)]
        owner = BRACKETED_AGE.search(text, 0, m.start())
        if owner:  # "Jenta (4 år)": an age in brackets is the age of the word right before it
            near = [n for n in near if n.end == owner.end(1)]
        if near:
            start, end = _whole_brackets(text, min(m.start(), *(n.start for n in near)),
                                         max(m.end(), *(n.end for n in near)))
            if not overlaps((start, end), taken):
                taken.append((start, end))
                found.append(Finding("age", text[start:end], start, end))
    return found
