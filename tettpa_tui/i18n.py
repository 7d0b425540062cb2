"""The one catalogue of texts the user reads (content/strings.<lang>.toml).

`t("home.next_title")` or `t("home.dimension", name=...)` looks a key up and fills in its fields.
A number field can name a counted noun from the [count] table, and the noun follows the
number: "{stories:story}" gives "1 fortelling" / "2 fortellinger", "{limit:words:story}" gives
"tre fortellinger" ("one", "three" in English). `counted()` is the same for code.
Bokmål is the default and the reference: every key exists there. The texts
are plain (no Textual markup), so whatever a field holds is shown literally
by widgets that do not parse markup.
"""

from __future__ import annotations

import os
import string
from contextvars import ContextVar
from functools import lru_cache

from tettpa_tui.content import read_toml

DEFAULT_LANG = "nb"
LANGUAGES = ("nb", "en")
_lang = os.environ.get("TETTPA_LANG", DEFAULT_LANG)
if _lang not in LANGUAGES:
    _lang = DEFAULT_LANG


def _flatten(table: dict, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in table.items():
        full = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, full + "."))
        else:
            out[full] = str(value)
    return out


@lru_cache(maxsize=4)
def catalogue(lang: str = DEFAULT_LANG) -> dict[str, str]:
    return _flatten(read_toml(f"strings.{lang}.toml"))


def set_language(lang: str) -> None:
    """Choose the language; do it before the screens are imported (their key
    labels are read when their classes are made). Also passed on to child
    processes (the browser's tabs) through TETTPA_LANG."""
    global _lang
    if lang not in LANGUAGES:
        raise ValueError(lang)
    _lang = lang
    os.environ["TETTPA_LANG"] = lang


# One request of the phone page may ask for the other language than the server's
# (set for that request's task only; see tettpa_tui/web).
request_language: ContextVar[str | None] = ContextVar("request_language", default=None)


def language() -> str:
    return request_language.get() or _lang


def _text(key: str) -> str | None:
    lang = language()
    texts = catalogue(lang) if lang != DEFAULT_LANG else catalogue()
    return texts.get(key) or catalogue().get(key)


def counted(n: int, noun: str, words: bool = False) -> str:
    """A number with its noun in the right form: counted(1, "story") -> "1 fortelling".

    The forms are in the [count] table of the strings ("fortelling|fortellinger");
    with words=True small numbers are written out ("én", "tre"; "one", "three").
    """
    forms = (_text(f"count.{noun}") or noun).split("|")
    form = forms[0] if n == 1 or len(forms) == 1 else forms[1]
    number = str(n)
    if words:
        names = (_text("count.numbers") or "").split("|")
        if 0 <= n < len(names):
            number = names[n]
    return f"{number} {form}"


class _Formatter(string.Formatter):
    def format_field(self, value: object, format_spec: str) -> str:
        noun = format_spec.removeprefix("words:")
        if noun and _text(f"count.{noun}") is not None:
            if isinstance(value, int) and not isinstance(value, bool):
                return counted(value, noun, words=format_spec.startswith("words:"))
            # Not a number (a placeholder for a page's script to fill in): the plural form.
            return f"{value} {(_text(f'count.{noun}') or noun).split('|')[-1]}"
        return super().format_field(value, format_spec)


_FORMATTER = _Formatter()


def t(key: str, **params: object) -> str:
    """The text for `key` in the current language, with its fields filled in."""
    text = _text(key)
    if text is None:
        return key
    if params:
        try:
            return _FORMATTER.format(text, **params)
        except (KeyError, IndexError, ValueError, AttributeError):
            if os.environ.get("TETTPA_STRICT_TEXTS"):  # the tests: a field the caller forgot is a bug
                raise
            return text  # a user's edited text with a wrong field still says something
    return text


def has(key: str) -> bool:
    return key in catalogue(language())


def name_list(names: list[str]) -> str:
    """'Per, Kari og Amina' (bokmål) / 'Per, Kari and Amina'."""
    names = list(names)
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {t('format.and')} " + names[-1]


def decimal(value: float, digits: int = 1) -> str:
    """A number with decimals as the language writes it: '5,4' in bokmål, '5.4' in English."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if t("format.decimal_comma") == "true" else text


def number(value: float) -> str:
    """A number as short as it is exact, as the language writes it: 5 · 4,5 · 4.5."""
    text = f"{value:g}"
    return text.replace(".", ",") if t("format.decimal_comma") == "true" else text


def long_date(day) -> str:
    """'tirsdag 1. desember 2026'."""
    return t("home.next_date", weekday=t(f"weekday.{day.weekday()}"), day=day.day,
             month=t(f"month.{day.month}"), year=day.year)


def erased_or(text: str, erased_on) -> str:
    """A stored text, or «tekst slettet DATO» once it was erased (a story, a mikroprosjekt)."""
    return t("retention.text_erased", date=erased_on.isoformat()) if erased_on else text
