"""The one catalogue of texts the user reads (content/strings.<lang>.toml).

`t("home.next_title")` or `t("home.dimension", name=...)` looks a key up and fills in its fields.
Bokmål is the default and the reference: every key exists there. The texts
are plain (no Textual markup), so whatever a field holds is shown literally
by widgets that do not parse markup.
"""

from __future__ import annotations

import os
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


def t(key: str, **params: object) -> str:
    """The text for `key` in the current language, with its fields filled in."""
    lang = request_language.get() or _lang
    texts = catalogue(lang) if lang != DEFAULT_LANG else catalogue()
    text = texts.get(key) or catalogue().get(key)
    if text is None:
        return key
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def has(key: str) -> bool:
    return key in catalogue(language())


def long_date(day) -> str:
    """'tirsdag 1. desember 2026'."""
    return t("home.next_date", weekday=t(f"weekday.{day.weekday()}"), day=day.day,
             month=t(f"month.{day.month}"), year=day.year)
