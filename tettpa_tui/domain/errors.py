"""Errors the domain raises when input breaks one of its rules.

Each carries a key into the string catalogue and its parameters, so the
domain stays free of language while the faces say it in the user's words.
"""

from __future__ import annotations


class DomainError(ValueError):
    """A rule of the domain was broken by the input; nothing was changed."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def __str__(self) -> str:  # pragma: no cover - faces translate; this is for logs
        return f"{self.key} {self.params}"
