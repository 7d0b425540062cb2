"""The CLASS framework as TETT PÅ uses it: ten dimensions in three domains.

The records are filled from content/ (see tettpa_tui.content); this module
only knows their shape and how to look them up.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tettpa_tui.domain.errors import DomainError

LANGUAGES = ("nb", "en")


@dataclass(frozen=True)
class Dimension:
    """One CLASS dimension, with its texts in each language."""

    id: str
    domain_id: str
    short: str
    names: dict[str, str]  # language -> name
    descriptions: Mapping[str, str]  # language -> what high quality looks like
    questions: Mapping[str, tuple[str, ...]]  # language -> reflection questions

    def name(self, lang: str = "nb") -> str:
        return self.names.get(lang) or self.names["nb"]

    @property
    def name_nb(self) -> str:
        return self.names["nb"]

    @property
    def name_en(self) -> str:
        return self.names["en"]


@dataclass(frozen=True)
class ClassDomain:
    """A CLASS domain: a group of dimensions."""

    id: str
    names: dict[str, str]
    dimension_ids: tuple[str, ...]

    def name(self, lang: str = "nb") -> str:
        return self.names.get(lang) or self.names["nb"]


@dataclass(frozen=True)
class Framework:
    """The whole framework: Pre-K domains, Toddler domains and the dimensions."""

    domains: tuple[ClassDomain, ...]
    toddler_domains: tuple[ClassDomain, ...]
    dimensions: tuple[Dimension, ...]

    def dimension(self, dimension_id: str) -> Dimension:
        for d in self.dimensions:
            if d.id == dimension_id:
                return d
        raise DomainError("error.dimension_unknown", value=dimension_id)

    def has(self, dimension_id: str) -> bool:
        return any(d.id == dimension_id for d in self.dimensions)

    def domain(self, domain_id: str) -> ClassDomain:
        for d in self.domains + self.toddler_domains:
            if d.id == domain_id:
                return d
        raise DomainError("error.domain_unknown", value=domain_id)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(d.id for d in self.dimensions)

    def toddler_dimension_ids(self) -> tuple[str, ...]:
        return tuple(i for dom in self.toddler_domains for i in dom.dimension_ids)
