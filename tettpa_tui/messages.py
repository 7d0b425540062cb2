"""Errors from the domain and the store, in the user's words (one line each)."""

from __future__ import annotations

from tettpa_tui.domain.errors import DomainError
from tettpa_tui.i18n import t
from tettpa_tui.store.errors import StoreError
from tettpa_tui.text import printable

# Input quoted in a message (a name, a month, a path) is cut to this many characters.
MAX_QUOTED = 120


MAX_PATH = 240


def quoted(value: object, key: str = "") -> object:
    """A value quoted in a message: one line, control characters shown, long input cut
    (a long path keeps its end, which names the file)."""
    if not isinstance(value, str):
        return value
    if key == "path":
        shown = printable(value, one_line=True)
        return shown if len(shown) <= MAX_PATH else "…" + shown[-(MAX_PATH - 1):]
    return printable(value, one_line=True, limit=MAX_QUOTED)


def _sentence(text: str, params: dict) -> str:
    """The first letter made capital, unless the text begins with a quoted value (a file
    name, a person's name): that is shown exactly as it is."""
    for key, value in params.items():
        if key != "what" and isinstance(value, str) and value and text.startswith(value):
            return text
    return text[:1].upper() + text[1:]


def reason_words(reason: object) -> object:
    """A reason key (store.reason.*, such as "os.not_found") in the user's words; other text as it is."""
    if isinstance(reason, str) and t(f"store.reason.{reason}") != f"store.reason.{reason}":
        return t(f"store.reason.{reason}")
    return reason


def os_error_words(exc: OSError) -> str:
    """Why a file or folder could not be used, in the user's language (not the system's English)."""
    from tettpa_tui.store.errors import os_reason

    return str(reason_words(os_reason(exc)))


def domain_message(err: DomainError) -> str:
    params = {k: (t(f"what.{v}") if k == "what" else quoted(v, k)) for k, v in err.params.items()}
    if "reason" in params:
        params["reason"] = reason_words(params["reason"])
    return _sentence(t(err.key, **params), params)


def store_message(err: StoreError) -> str:
    params = {k: quoted(v, k) for k, v in err.params.items()}
    params["reason"] = reason_words(params.get("reason")) if "reason" in params else None
    if params["reason"] is None:
        del params["reason"]
    table = params.get("table")
    if isinstance(table, str) and t(f"store.checks.table.{table}") != f"store.checks.table.{table}":
        params["table"] = t(f"store.checks.table.{table}")
    return _sentence(t(err.key, **params), params)


def recovery_message(found, root) -> str:
    """One line for what opening the data folder did with an interrupted operation
    (store/journal.py's Recovered)."""
    from tettpa_tui.i18n import has

    kind = t(f"journal.{found.kind}") if has(f"journal.{found.kind}") else t("journal.unknown")
    started = found.started.replace("T", " ")[:16]
    at = found.at.replace("T", " ")[:16]
    return t(f"journal.{found.outcome}", kind=kind, started=started, at=at, file=found.file,
             folder=str(root))


def sign_in_line(record, names: dict[str, str]) -> str:
    """"2026-11-30 09:30  Per Hansen  feil kode": one event of the phone page's record of
    sign-ins (domain/signins.py), in the reader's language; the CLI and the app show it."""
    who = names.get(record.staff_id or "", t("signins.unknown"))
    what = t(f"signins.{record.event.value}", seconds=record.seconds or 0)
    return t("signins.line", at=record.at.strftime("%Y-%m-%d %H:%M"), who=who, what=what)
