"""Errors from the domain and the store, in the user's words (one line each)."""

from __future__ import annotations

from tettpa_tui.domain.errors import DomainError
from tettpa_tui.i18n import t
from tettpa_tui.store.errors import StoreError


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def domain_message(err: DomainError) -> str:
    params = {k: (t(f"what.{v}") if k == "what" else v) for k, v in err.params.items()}
    return _sentence(t(err.key, **params))


def store_message(err: StoreError) -> str:
    params = dict(err.params)
    reason = params.get("reason")
    if isinstance(reason, str) and t(f"store.reason.{reason}") != f"store.reason.{reason}":
        params["reason"] = t(f"store.reason.{reason}")
    return _sentence(t(err.key, **params))
