"""The one catalogue of texts the user reads (content/strings.<lang>.toml).

`t("home.next_meeting", date=...)` looks a key up and fills in its fields.
Bokmål is the default and the reference: every key exists there. The texts
are plain (no Textual markup), so whatever a field holds is shown literally
by widgets that do not parse markup.
"""

from __future__ import annotations

import os
from functools import lru_cache

from tettpa_tui.content import read_toml

DEFAULT_LANG = "nb"
_lang = os.environ.get("TETTPA_LANG", DEFAULT_LANG)


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
    global _lang
    _lang = lang


def language() -> str:
    return _lang


def t(key: str, **params: object) -> str:
    """The text for `key` in the current language, with its fields filled in."""
    texts = catalogue(_lang) if _lang != DEFAULT_LANG else catalogue()
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
    return key in catalogue(_lang)


def long_date(day) -> str:
    """'tirsdag 1. desember 2026'."""
    return t("home.next_date", weekday=t(f"weekday.{day.weekday()}"), day=day.day,
             month=t(f"month.{day.month}"), year=day.year)
