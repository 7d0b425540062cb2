"""Loads content/: the CLASS framework, the default year wheel, the programme.

content/ sits at the top of a checkout and ships inside the wheel as
tettpa_tui/content; content_root() finds it in either place, so the app reads
the same files however it was installed. Everything here is read once.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from tettpa_tui.domain.calendar import MeetingRule, Theme, YearMonth
from tettpa_tui.domain.classframework import (
    LANGUAGES,
    ClassDomain,
    Dimension,
    Framework,
    Instrument,
)

if TYPE_CHECKING:
    from tettpa_tui.domain.method import Method
    from tettpa_tui.domain.observation import ObservationRules
    from tettpa_tui.domain.storycheck import CheckRules


class ContentError(RuntimeError):
    """content/ is missing or incomplete: the installation is broken."""


@lru_cache(maxsize=1)
def content_root() -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (here / "content", here.parent / "content"):
        if (candidate / "dimensions.toml").is_file():
            return candidate
    raise ContentError(f"content/ not found next to {here}")


def read_toml(name: str) -> dict:
    path = content_root() / name
    try:
        stat = path.stat()
        key = f"{path}|{stat.st_mtime_ns}|{stat.st_size}"
        cached = _toml_cache().get(key)
        if cached is not None:
            return marshal.loads(cached)
        import tomllib  # only when the cache has no parsed copy of this file

        with path.open("rb") as f:
            try:
                data = tomllib.load(f)
            except tomllib.TOMLDecodeError as exc:
                raise ContentError(f"{path}: {exc}") from exc
    except OSError as exc:
        raise ContentError(f"{path}: {exc}") from exc
    _remember(str(path), key, data)
    return data


# -- a cache of parsed TOML -----------------------------------------------------
# Parsing TOML is the slowest part of reading content/ (tomllib is pure Python),
# and the app reads the same files at every start. The parsed data is kept in
# one file in the user's cache folder, keyed by each file's path, size and
# modification time, so an edited file is parsed afresh. It is derived from
# content/ only (no user data), and anything wrong with it just means parsing.

_cache: dict[str, bytes] | None = None


def _cache_file() -> Path:
    folder = os.environ.get("TETTPA_CACHE_DIR")
    if not folder:
        from platformdirs import user_cache_dir

        folder = user_cache_dir("tettpa", appauthor=False)
    # One file per installation, so that two checkouts or environments neither
    # share nor grow each other's file.
    root = f"{zlib.crc32(str(content_root()).encode()):08x}"
    tag = f"{sys.implementation.cache_tag}-{marshal.version}-{root}"
    return Path(folder) / f"content-{tag}.marshal"


def _toml_cache() -> dict[str, bytes]:
    global _cache
    if _cache is None:
        try:
            loaded = marshal.loads(_cache_file().read_bytes())
            _cache = loaded if isinstance(loaded, dict) else {}
        except (OSError, ValueError, EOFError, TypeError):
            _cache = {}
    return _cache


def _remember(path: str, key: str, data: dict) -> None:
    cache = _toml_cache()
    try:
        blob = marshal.dumps(data)
    except ValueError:  # a value marshal cannot hold (a TOML date): parse each time
        return
    for old in [k for k in cache if k.split("|", 1)[0] == path]:
        del cache[old]
    cache[key] = blob
    file = _cache_file()
    try:
        # Kept like the data (0700 folder, 0600 file), whatever the umask: it is the
        # user's own cache, and no one else needs to read or replace it.
        from tettpa_tui import oscompat

        if not file.parent.is_dir():
            file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            oscompat.make_private_dir(file.parent)
        tmp = file.with_name(f"{file.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(marshal.dumps(cache))
        oscompat.make_private_file(tmp)  # whatever the umask; os.fchmod is not on Windows
        oscompat.replace(tmp, file)
    except OSError:
        pass  # no cache this time; nothing is lost


def read_text(name: str) -> str:
    path = content_root() / name
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(f"{path}: {exc}") from exc


def check(languages: tuple[str, ...], catalogue: Callable[[str], object]) -> None:
    """Every file of content/ read, and what the app builds from them built: ContentError
    for the first that fails, naming the file (and the line, for TOML). For `tettpa check`
    and the start of the app, so a broken file is said in one line before anything runs."""
    root = content_root()
    for path in sorted(root.rglob("*")):
        name = path.relative_to(root).as_posix()
        if path.suffix == ".toml":
            read_toml(name)
        elif path.suffix == ".md":
            read_text(name)
    try:
        for lang in languages:
            catalogue(lang)
            method(lang)
        fw = framework()
        for dim in fw.dimensions:  # each dimension's text and questions (read lazily by the screens)
            for lang in languages:
                dim.descriptions[lang]
        default_plan()
        default_rule()
        themes()
        programme_events()
        pools()
        privacy_rules()
        observation_periods()
        observation_rules()
    except ContentError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        raise ContentError(f"{root}: {type(exc).__name__}: {exc}") from exc


def split_prose(markdown: str) -> tuple[str, tuple[str, ...]]:
    """A dimension's Markdown -> (description, questions).

    The description is everything before the first second-level heading; the
    questions are the list items after it.
    """
    head, sep, tail = markdown.partition("\n## ")
    # Paragraphs unwrapped (the files are wrapped for reading): shown as plain text too.
    head = "\n\n".join(" ".join(p.split()) for p in head.strip().split("\n\n"))
    questions = tuple(
        line.strip()[2:].strip()
        for line in tail.splitlines()
        if sep and line.strip().startswith(("- ", "* "))
    )
    return head.strip(), questions


@lru_cache(maxsize=None)
def dimension_prose(dim_id: str, lang: str, variant: str = "") -> tuple[str, tuple[str, ...]]:
    """A dimension's description and reflection questions in one language.

    `variant` "toddler" reads dimensions/<id>.toddler.<lang>.md when the Toddler
    instrument has a text of its own for the dimension, else the shared one.
    """
    name = f"dimensions/{dim_id}.{variant}.{lang}.md" if variant else ""
    if not name or not (content_root() / name).is_file():
        name = f"dimensions/{dim_id}.{lang}.md"
    desc, questions = split_prose(read_text(name))
    if not desc or not questions:
        raise ContentError(f"{name} lacks text or questions")
    return desc, questions


class _Prose(Mapping):
    """language -> one part of a dimension's text, read from content/ when first
    asked for (the first screen shows none of it: a quicker start)."""

    def __init__(self, dim_id: str, part: int, variant: str = "") -> None:
        self._dim_id = dim_id
        self._part = part
        self._variant = variant

    def __getitem__(self, lang: str):
        if lang not in LANGUAGES:
            raise KeyError(lang)
        return dimension_prose(self._dim_id, lang, self._variant)[self._part]

    def __iter__(self):
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)

    def __repr__(self) -> str:
        return f"<{self._dim_id} texts from content/dimensions>"


@lru_cache(maxsize=1)
def framework() -> Framework:
    data = read_toml("dimensions.toml")
    domain_of = {
        dim_id: dom["id"] for dom in data["domain"] for dim_id in dom["dimensions"]
    }
    dimensions = [
        Dimension(
            id=d["id"],
            domain_id=domain_of[d["id"]],
            short=d.get("short_nb", ""),
            names={lang: d[f"name_{lang}"] for lang in LANGUAGES},
            descriptions=_Prose(d["id"], 0),
            questions=_Prose(d["id"], 1),
        )
        for d in data["dimension"]
    ]

    def domains(key: str) -> tuple[ClassDomain, ...]:
        return tuple(
            ClassDomain(
                id=dom["id"],
                names={lang: dom[f"name_{lang}"] for lang in LANGUAGES},
                dimension_ids=tuple(dom["dimensions"]),
            )
            for dom in data[key]
        )

    toddler_domains = domains("toddler_domain")
    toddler_domain_of = {dim_id: dom.id for dom in toddler_domains for dim_id in dom.dimension_ids}
    # The Toddler instrument's own names and texts, where it has them.
    toddler_variants = {
        d["id"]: Dimension(
            id=d["id"],
            domain_id=toddler_domain_of[d["id"]],
            short=d.get("toddler_short_nb", d.get("short_nb", "")),
            names={lang: d.get(f"toddler_name_{lang}", d[f"name_{lang}"]) for lang in LANGUAGES},
            descriptions=_Prose(d["id"], 0, "toddler"),
            questions=_Prose(d["id"], 1, "toddler"),
        )
        for d in data["dimension"]
        if d["id"] in toddler_domain_of
    }
    return Framework(
        domains=domains("domain"),
        toddler_domains=toddler_domains,
        dimensions=tuple(dimensions),
        toddler_variants=toddler_variants,
    )


@lru_cache(maxsize=2)
def default_plan(instrument: Instrument = Instrument.PRE_K) -> dict[int, str]:
    """Calendar month -> dimension id, for every month of the kindergarten year,
    in the default year wheel of the instrument."""
    table = "months_toddler" if instrument is Instrument.TODDLER else "months"
    return {int(k): v for k, v in read_toml("yearplan.toml")[table].items()}


@lru_cache(maxsize=1)
def default_rule() -> MeetingRule:
    return MeetingRule(**read_toml("yearplan.toml")["meeting_rule"])


@lru_cache(maxsize=1)
def themes() -> tuple[Theme, ...]:
    return tuple(
        Theme(
            year=t["year"],
            names={lang: t[f"name_{lang}"] for lang in LANGUAGES},
            about={lang: t[f"about_{lang}"] for lang in LANGUAGES},
        )
        for t in read_toml("programme.toml")["theme"]
    )


@lru_cache(maxsize=1)
def programme_events():
    """The programme's own events (study days, workshops, modules) by programme year and month."""
    from tettpa_tui.domain.programme import ProgrammeEvent

    return tuple(
        ProgrammeEvent(year=int(e["year"]), month=int(e["month"]),
                       names={lang: e.get(f"name_{lang}") or e["name_nb"] for lang in LANGUAGES},
                       shorts={lang: e[f"short_{lang}"] for lang in LANGUAGES if e.get(f"short_{lang}")})
        for e in read_toml("programme.toml").get("event", ())
    )


@lru_cache(maxsize=1)
def pools() -> dict[int, YearMonth]:
    """Pool number -> the month it started."""
    return {p["number"]: YearMonth.parse(p["start"]) for p in read_toml("programme.toml")["pool"]}


@lru_cache(maxsize=1)
def privacy_rules() -> CheckRules:
    """The story checks' word lists and limits (staff names are added per department)."""
    from tettpa_tui.domain.storycheck import CheckRules

    data = read_toml("privacy.toml")
    return CheckRules(
        allowed_words=frozenset(w.casefold() for key in ("allowed_words", "allowed_words_places_brands",
                                                         "allowed_places") for w in data.get(key, ())),
        places=frozenset(w.casefold() for w in data["allowed_places"]),
        known_names=frozenset(w.casefold() for w in data["known_names"]),
        common_names=frozenset(w.casefold() for w in data["common_names"]),
        calendar_words=frozenset(w.casefold() for w in data["calendar_words"]),
        lexicon=privacy_lexicon(),
        min_words=data["limits"]["min_words"],
        max_words=data["limits"]["max_words"],
        replacements={lang: tuple(w.strip() for w in read_toml(f"strings.{lang}.toml")["writer"]["check"]
                                  ["replacements"].split("|") if w.strip()) for lang in ("nb", "en")},
    )


def privacy_lexicon():
    """Given names and word frequencies for the name check (content/privacy/*.gz).

    Derived from gender-guesser and wordfreq by tools/make_privacy_lists.py, and
    the spelling model from those lists by tools/make_name_model.py; read only
    when a story is first checked (about 100,000 lines).
    """
    import gzip

    from tettpa_tui.domain.storycheck import Lexicon

    def groups(name: str) -> list[tuple[str, list[str]]]:
        path = content_root() / "privacy" / name
        try:
            with gzip.open(path, "rt", encoding="utf-8") as f:
                rows = [line.split("\t", 1) for line in f if not line.startswith("#")]
        except OSError as exc:
            raise ContentError(f"{path}: {exc}") from exc
        return [(key, words.split()) for key, words in rows]

    names: dict[str, tuple[int, str]] = {}
    for key, words in groups("given_names.txt.gz"):
        mark = key.lstrip("0123456789")
        names.update(dict.fromkeys(words, (int(key[: len(key) - len(mark)]), mark)))
    zipf: dict[str, dict[str, float]] = {}
    for lang in ("nb", "en"):
        zipf[lang] = {}
        for key, words in groups(f"words.{lang}.txt.gz"):
            zipf[lang].update(dict.fromkeys(words, int(key) / 10))
    model = {gram: float(key) for key, grams in groups("name_model.txt.gz") for gram in grams}
    return Lexicon(names=names, zipf=zipf, model=model)


@lru_cache(maxsize=4)
def method(lang: str) -> Method:
    """The reflecting team's phases from content/method.toml, its texts in `lang` (the
    caller passes i18n.language(): i18n reads its catalogue through this module, so
    this module does not import i18n)."""
    from tettpa_tui.domain.method import Method, PhaseSpec

    data = read_toml("method.toml")
    keys = ("name", "rule", "cue", "keep", "why")

    def texts(table: dict) -> dict[str, dict[str, str]]:
        return {lang: {k: table[f"{k}_{lang}"] for k in keys if f"{k}_{lang}" in table} for lang in LANGUAGES}

    phases = tuple(
        PhaseSpec(
            id=p["id"], speaker=p["speaker"], teller=p["teller"], minutes=p["minutes"],
            rounds=p.get("rounds", 1 if p["speaker"] == "team" else 0),
            more_rounds=p.get("more_rounds", False), turn_minutes=p.get("turn_minutes", 0),
            record=p.get("record", "none"), takes_parked=p.get("takes_parked", False), texts=texts(p),
        )
        for p in data["phase"]
    )
    settings = data.get("settings", {})
    return Method(
        phases=phases,
        facilitator_takes_turns=settings.get("facilitator_takes_turns", True),
        max_stories=settings.get("max_stories", 3),
        closing_minutes=data["closing"].get("minutes", 5),
        texts={part: {**texts(data[part]).get("nb", {}), **texts(data[part]).get(lang, {})}
               for part in ("opening", "closing", "debrief") if part in data},
    )


@lru_cache(maxsize=1)
def observation_periods() -> dict[str, tuple[int, ...]]:
    """Season ("autumn", "spring") -> the calendar months of its observation period."""
    terms = read_toml("observation.toml").get("terms", {})
    return {season: tuple(int(m) for m in months) for season, months in terms.items()}


@lru_cache(maxsize=1)
def observation_rules() -> ObservationRules:
    from tettpa_tui.domain.observation import ObservationRules

    data = read_toml("observation.toml")
    thresholds = {k: float(v) for k, v in data["thresholds"].items() if k != "reversed"}
    return ObservationRules(
        low_below=data["bands"]["low_below"],
        middle_below=data["bands"]["middle_below"],
        thresholds=thresholds,
        reversed=frozenset(data["thresholds"].get("reversed", data.get("reversed", []))),
        cycles=data["scale"]["cycles"],
        assumed=frozenset(data.get("assumptions", {}).get("thresholds", [])),
    )
