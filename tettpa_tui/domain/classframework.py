"""The CLASS framework as TETT PÅ uses it: ten dimensions in three domains.

Two observation instruments share these dimensions: Pre-K (all ten, in three
domains) and Toddler (eight of them in two domains, some under their own
English names and with texts of their own). A department works with one of
them; `Framework.for_instrument` gives the framework as that department sees it.

The records are filled from content/ (see tettpa_tui.content); this module
only knows their shape and how to look them up.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import Enum

from tettpa_tui.domain.errors import DomainError

LANGUAGES = ("nb", "en")


class Instrument(str, Enum):
    """The CLASS instrument a department is observed and guided with."""

    TODDLER = "toddler"  # 15–36 months: 8 dimensions in 2 domains
    PRE_K = "pre-k"  # 10 dimensions in 3 domains

    @classmethod
    def parse(cls, value: str) -> "Instrument":
        try:
            return cls(value.strip().lower())
        except ValueError:
            raise DomainError("error.instrument", value=value) from None


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
    """The whole framework: Pre-K domains, Toddler domains and the dimensions.

    `dimensions` holds every known dimension (a stored story or meeting may name
    any of them); `offered` only those of the framework's instrument, which is
    what a department chooses from.
    """

    domains: tuple[ClassDomain, ...]
    toddler_domains: tuple[ClassDomain, ...]
    dimensions: tuple[Dimension, ...]
    # id -> the Toddler instrument's version of a dimension (its own names and texts)
    toddler_variants: Mapping[str, Dimension] = field(default_factory=dict)
    instrument: Instrument | None = None  # None: the whole framework, no instrument chosen

    def for_instrument(self, instrument: Instrument) -> "Framework":
        """The framework as a department with this instrument sees it."""
        dims = self.dimensions
        if instrument is Instrument.TODDLER:
            dims = tuple(self.toddler_variants.get(d.id, d) for d in self.dimensions)
        return replace(self, dimensions=dims, instrument=instrument)

    def instrument_domains(self, instrument: Instrument | None = None) -> tuple[ClassDomain, ...]:
        instrument = instrument or self.instrument or Instrument.PRE_K
        return self.toddler_domains if instrument is Instrument.TODDLER else self.domains

    def instrument_ids(self, instrument: Instrument | None = None) -> tuple[str, ...]:
        """The instrument's dimensions, in the order of its domains."""
        return tuple(i for dom in self.instrument_domains(instrument) for i in dom.dimension_ids)

    @property
    def offered(self) -> tuple[Dimension, ...]:
        """The dimensions to choose from: the instrument's, or all without one."""
        if self.instrument is None:
            return self.dimensions
        return tuple(self.dimension(i) for i in self.instrument_ids())

    def choices(self, current: str | None = None) -> tuple[Dimension, ...]:
        """What a picker offers: the instrument's dimensions, and the one chosen
        now if it is not among them (a plan set by hand is kept, not lost)."""
        offered = self.offered
        if current and self.has(current) and all(d.id != current for d in offered):
            offered += (self.dimension(current),)
        return offered

    def in_instrument(self, dimension_id: str, instrument: Instrument | None = None) -> bool:
        return dimension_id in self.instrument_ids(instrument)

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
