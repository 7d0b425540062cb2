"""The mentor's and the municipality's roll-up: a kindergarten's aggregate report.

A report holds counts, dates, dimension ids and observation means, and nothing
anyone wrote: no story text, no note, no goal text, no names of children or
staff (nor of the observer). It travels through a shared folder that a sync
service carries, so what it may hold is decided here, once, by what `to_doc`
writes. Reading is strict: a file that is not a report of a schema this
version knows is refused with a reason, never guessed at.

Schema (version 2), documented in the README:

    {"kind": "tettpa-report", "schema": 2, "app_version": "0.1.0",
     "generated": "2026-11-30T14:05:00", "year": "2026/27",
     "kindergarten": {"name": "...", "pool": 4, "programme_year": 5},
     "departments": [
       {"id": "blaklokka", "name": "Blåklokka", "age_group": "toddler", "staff": 6,
        "months": [{"month": "2026-11",
                    "meetings": [{"date": "2026-11-03", "dimension": "positive-climate"}],
                    "stories": 5, "goals_set": 2, "goals_followed_up": 1, "goals_tried": 1}],
        "observations": [{"term": "2026-autumn", "instrument": "toddler", "observations": 1,
                          "oral_feedback": 1,
                          "domains": {"emotional-behavioral-support": 4.9, ...},
                          "dimensions": {"positive-climate": 5.33, ...}}],
        "plan_focus": ["language-modeling", ...],
        "microprojects": {"open": 1, "closed": 0}}]}

Version 2 added "oral_feedback" (how many of the term's observations the whole
department was given oral feedback on) and "microprojects" (the department's
mikroprosjekter, open and closed, when the report was made). A version 1 report
is still read: it lacks both, and they are None ("not reported"), never 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from statistics import mean
from typing import Any

from tettpa_tui.domain.calendar import KindergartenYear, YearMonth
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.observation import above_threshold

REPORT_KIND = "tettpa-report"
REPORT_SCHEMA = 2
REPORT_SUFFIX = ".tettpa-report.json"
STALE_DAYS = 45

_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")


class ReportInvalid(Exception):
    """Not a report this version can use; `reason` says why (a key of the catalogue)."""

    def __init__(self, reason: str, **params: object) -> None:
        super().__init__(reason)
        self.reason = reason
        self.params = params


def term_of(day: date) -> str:
    """'2026-autumn' for August–December, '2027-spring' for January–June (July: autumn)."""
    return f"{day.year}-{'autumn' if day.month >= 7 else 'spring'}"


@dataclass(frozen=True)
class MonthRow:
    month: str  # YYYY-MM
    meetings: tuple[tuple[date, str], ...]  # the finished meetings: (date, dimension id)
    stories: int
    goals_set: int
    goals_followed_up: int
    goals_tried: int

    @property
    def held(self) -> bool:
        return bool(self.meetings)


@dataclass(frozen=True)
class TermMeans:
    term: str
    instrument: str
    observations: int
    domains: dict[str, float]
    dimensions: dict[str, float]
    oral_feedback: int | None = None  # of `observations`, how many got oral feedback (None: not reported)


@dataclass(frozen=True)
class DepartmentReport:
    id: str
    name: str
    age_group: str
    staff: int
    months: tuple[MonthRow, ...]
    terms: tuple[TermMeans, ...] = ()
    plan_focus: tuple[str, ...] = ()
    microprojects: tuple[int, int] | None = None  # (open, closed); None: not reported (schema 1)
    counts_oral_feedback: bool = True  # False for a schema 1 report, which did not

    @property
    def oral_feedback(self) -> tuple[int, int] | None:
        """(observations given oral feedback, observations) over the year; None if not reported."""
        if not self.counts_oral_feedback or any(o.oral_feedback is None for o in self.terms):
            return None
        return sum(o.oral_feedback or 0 for o in self.terms), sum(o.observations for o in self.terms)

    @property
    def meetings_held(self) -> int:
        return sum(len(m.meetings) for m in self.months)

    @property
    def dimensions_covered(self) -> int:
        return len({dim for m in self.months for _, dim in m.meetings})

    @property
    def stories_per_meeting(self) -> float:
        held = [m.stories for m in self.months for _ in m.meetings]
        return round(sum(held) / len(held), 1) if held else 0.0

    @property
    def goals_followed_up(self) -> int:
        return sum(m.goals_followed_up for m in self.months)

    @property
    def goals_set(self) -> int:
        return sum(m.goals_set for m in self.months)

    @property
    def last_meeting(self) -> date | None:
        days = [day for m in self.months for day, _ in m.meetings]
        return max(days) if days else None


@dataclass(frozen=True)
class KindergartenReport:
    kindergarten: str
    pool: int | None
    programme_year: int | None
    year: str
    generated: datetime
    app_version: str
    departments: tuple[DepartmentReport, ...] = field(default_factory=tuple)

    @property
    def as_of(self) -> date:
        return self.generated.date()

    def stale(self, today: date, days: int = STALE_DAYS) -> bool:
        return (today - self.as_of).days > days

    # -- the file's shape ------------------------------------------------------

    def to_doc(self) -> dict[str, Any]:
        return {
            "kind": REPORT_KIND,
            "schema": REPORT_SCHEMA,
            "app_version": self.app_version,
            "generated": self.generated.isoformat(timespec="seconds"),
            "year": self.year,
            "kindergarten": {"name": self.kindergarten, "pool": self.pool, "programme_year": self.programme_year},
            "departments": [
                {
                    "id": d.id, "name": d.name, "age_group": d.age_group, "staff": d.staff,
                    "months": [
                        {"month": m.month,
                         "meetings": [{"date": day.isoformat(), "dimension": dim} for day, dim in m.meetings],
                         "stories": m.stories, "goals_set": m.goals_set,
                         "goals_followed_up": m.goals_followed_up, "goals_tried": m.goals_tried}
                        for m in d.months
                    ],
                    "observations": [
                        {"term": o.term, "instrument": o.instrument, "observations": o.observations,
                         "oral_feedback": o.oral_feedback, "domains": o.domains, "dimensions": o.dimensions}
                        for o in d.terms
                    ],
                    "plan_focus": list(d.plan_focus),
                    "microprojects": (None if d.microprojects is None else
                                      {"open": d.microprojects[0], "closed": d.microprojects[1]}),
                }
                for d in self.departments
            ],
        }

    @classmethod
    def from_doc(cls, doc: object) -> "KindergartenReport":
        """A report from its JSON, checked field by field; ReportInvalid if it is not one."""
        if not isinstance(doc, dict) or doc.get("kind") != REPORT_KIND:
            raise ReportInvalid("not_report")
        schema = doc.get("schema")
        if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
            raise ReportInvalid("not_report")
        if schema > REPORT_SCHEMA:
            raise ReportInvalid("newer", version=schema, known=REPORT_SCHEMA)
        try:
            kg = doc["kindergarten"]
            year = KindergartenYear.parse(_str(doc["year"]))
            report = cls(
                kindergarten=_name(kg["name"]),
                pool=_opt_int(kg.get("pool")),
                programme_year=_opt_int(kg.get("programme_year")),
                year=str(year),
                generated=datetime.fromisoformat(_str(doc["generated"])),
                app_version=_str(doc.get("app_version", "")),
                departments=tuple(_department(d, schema) for d in _list(doc["departments"])),
            )
        except (KeyError, TypeError, ValueError, DomainError):
            raise ReportInvalid("broken") from None
        return report


def _str(v: object) -> str:
    if not isinstance(v, str):
        raise TypeError
    return v


def _name(v: object) -> str:
    text = " ".join(_str(v).split())
    if not text or len(text) > 200:
        raise ValueError
    return text


def _int(v: object) -> int:
    if not isinstance(v, int) or isinstance(v, bool) or v < 0:
        raise TypeError
    return v


def _opt_int(v: object) -> int | None:
    return None if v is None else _int(v)


def _num(v: object) -> float:
    if not isinstance(v, (int, float)) or isinstance(v, bool) or not 0 <= v <= 7:
        raise TypeError
    return float(v)


def _list(v: object) -> list[Any]:
    if not isinstance(v, list):
        raise TypeError
    return v


def _ids(v: object) -> tuple[str, ...]:
    out = tuple(_str(x) for x in _list(v))
    if not all(_ID.fullmatch(x) for x in out):
        raise ValueError
    return out


def _means(v: object) -> dict[str, float]:
    if not isinstance(v, dict):
        raise TypeError
    return {k: _num(x) for k, x in v.items() if _ID.fullmatch(_str(k))}


def _department(d: object, schema: int) -> DepartmentReport:
    if not isinstance(d, dict):
        raise TypeError
    months = []
    for m in _list(d["months"]):
        YearMonth.parse(_str(m["month"]))
        months.append(MonthRow(
            month=m["month"],
            meetings=tuple((date.fromisoformat(_str(x["date"])), _ids([x["dimension"]])[0])
                           for x in _list(m["meetings"])),
            stories=_int(m["stories"]), goals_set=_int(m["goals_set"]),
            goals_followed_up=_int(m["goals_followed_up"]), goals_tried=_int(m.get("goals_tried", 0)),
        ))
    terms = tuple(
        TermMeans(term=_str(o["term"]), instrument=_str(o["instrument"]), observations=_int(o["observations"]),
                  domains=_means(o["domains"]), dimensions=_means(o.get("dimensions", {})),
                  oral_feedback=_opt_int(o.get("oral_feedback")))
        for o in _list(d.get("observations", []))
    )
    if any(o.oral_feedback is not None and o.oral_feedback > o.observations for o in terms):
        raise ValueError
    projects = d.get("microprojects")  # a version 1 report has none
    if projects is not None and not isinstance(projects, dict):
        raise TypeError
    return DepartmentReport(id=_ids([d["id"]])[0], name=_name(d["name"]), age_group=_str(d["age_group"]),
                            staff=_int(d["staff"]), months=tuple(months), terms=terms,
                            plan_focus=_ids(d.get("plan_focus", [])), counts_oral_feedback=schema >= 2,
                            microprojects=None if projects is None else (_int(projects["open"]),
                                                                         _int(projects["closed"])))


def term_means(observed: list[tuple[date, str, dict[str, float], dict[str, float], bool]]) -> tuple[TermMeans, ...]:
    """Per term: the mean of each domain's (and dimension's) mean over that term's observations,
    and how many of them the department was given oral feedback on.

    `observed` holds (date, instrument, domain means, dimension means, oral feedback given)
    of observations with at least one complete cycle."""
    by_term: dict[tuple[str, str], list[tuple[dict[str, float], dict[str, float], bool]]] = {}
    for day, instrument, domains, dims, oral in sorted(observed, key=lambda o: o[0]):
        by_term.setdefault((term_of(day), instrument), []).append((domains, dims, oral))

    def avg(maps: list[dict[str, float]]) -> dict[str, float]:
        keys = sorted({k for m in maps for k in m})
        return {k: mean(m[k] for m in maps if k in m) for k in keys}  # rounded only when shown

    return tuple(TermMeans(term=term, instrument=inst, observations=len(items),
                           domains=avg([i[0] for i in items]), dimensions=avg([i[1] for i in items]),
                           oral_feedback=sum(1 for i in items if i[2]))
                 for (term, inst), items in by_term.items())


# ---- a folder of reports (the shared folder) ---------------------------------------


def report_file_name(kindergarten_slug: str) -> str:
    """The one stable file name of a kindergarten's report in the shared folder."""
    return f"{kindergarten_slug}{REPORT_SUFFIX}"


_CONFLICT = re.compile(
    r"""(?x)
    .*\ \(\d+\)\.json$                 # OneDrive / Dropbox / browsers: "NAME (1).json"
    | .*\.sync-conflict-[0-9A-Za-z-]+.*\.json$   # Syncthing: "NAME.sync-conflict-20261130-101010-ABCDEFG.json"
    | .*\.tettpa-report-[^.]+\.json$   # OneDrive/SharePoint: "NAME-PC.json" (the machine's name added)
    | .*\ \(.*conflicted\ copy.*\).*\.json$   # Dropbox: "NAME (PC's conflicted copy 2026-11-30).json"
    """
)


def is_conflict_copy(file_name: str) -> bool:
    """A copy a sync service made when two machines changed the same file at once."""
    return bool(_CONFLICT.fullmatch(file_name))


@dataclass(frozen=True)
class FolderEntry:
    """One kindergarten in a folder of reports: the report used, and the other files of it."""

    report: KindergartenReport
    file: str
    others: tuple[str, ...] = ()  # conflict copies and older copies, not used


@dataclass(frozen=True)
class Skipped:
    file: str
    reason: str  # "not_report" | "broken" | "newer" | "unreadable"
    params: dict[str, object] = field(default_factory=dict)


def choose_latest(found: list[tuple[str, KindergartenReport]], key_of) -> list[FolderEntry]:
    """Per kindergarten (by `key_of(name)`), the newest valid report; the rest listed as others.

    Of two reports generated at the same moment, the one under the stable file name wins,
    so a conflict copy never hides the original."""
    groups: dict[str, list[tuple[str, KindergartenReport]]] = {}
    for name, report in found:
        groups.setdefault(key_of(report.kindergarten), []).append((name, report))
    out = []
    for items in groups.values():
        items.sort(key=lambda it: (it[1].generated, not is_conflict_copy(it[0]), it[0]), reverse=True)
        (name, report), rest = items[0], items[1:]
        out.append(FolderEntry(report=report, file=name, others=tuple(sorted(n for n, _ in rest))))
    return sorted(out, key=lambda e: e.report.kindergarten.casefold())


# ---- the municipality's view: every kindergarten of a folder ------------------------------


@dataclass(frozen=True)
class KindergartenRow:
    """One kindergarten as the municipality sees it, from its latest report."""

    kindergarten: str
    pool: int | None
    programme_year: int | None
    as_of: date
    stale: bool
    departments: int
    meetings_per_department: float
    dimensions_per_department: float
    stories_per_meeting: float
    goals_set: int
    goals_followed_up: int
    # term -> domain id -> the mean of its departments' domain means that term
    domains: dict[str, dict[str, float]]
    # None where a department's report does not say (a version 1 report)
    microprojects: tuple[int, int] | None = None  # (open, closed)
    oral_feedback: tuple[int, int] | None = None  # (observations given oral feedback, observations)


def kindergarten_row(report: KindergartenReport, today: date) -> KindergartenRow:
    depts = report.departments
    n = len(depts) or 1
    meetings = sum(d.meetings_held for d in depts)
    stories = sum(m.stories for d in depts for m in d.months for _ in m.meetings)
    by_term: dict[str, dict[str, list[float]]] = {}
    for d in depts:
        for term in d.terms:
            for dom, value in term.domains.items():
                by_term.setdefault(term.term, {}).setdefault(dom, []).append(value)
    return KindergartenRow(
        kindergarten=report.kindergarten, pool=report.pool, programme_year=report.programme_year,
        as_of=report.as_of, stale=report.stale(today), departments=len(depts),
        meetings_per_department=round(meetings / n, 1),
        dimensions_per_department=round(sum(d.dimensions_covered for d in depts) / n, 1),
        stories_per_meeting=round(stories / meetings, 1) if meetings else 0.0,
        goals_set=sum(d.goals_set for d in depts), goals_followed_up=sum(d.goals_followed_up for d in depts),
        domains={term: {dom: mean(v) for dom, v in sorted(doms.items())}
                 for term, doms in sorted(by_term.items())},
        microprojects=_summed([d.microprojects for d in depts]),
        oral_feedback=_summed([d.oral_feedback for d in depts]),
    )


def _summed(pairs: list[tuple[int, int] | None]) -> tuple[int, int] | None:
    """Pairs added up; None if any is missing (a count that leaves a department out would mislead)."""
    if any(p is None for p in pairs):
        return None
    return sum(p[0] for p in pairs), sum(p[1] for p in pairs)  # type: ignore[index]


@dataclass(frozen=True)
class PoolGroup:
    pool: int | None
    programme_year: int | None
    rows: tuple[KindergartenRow, ...]


def by_pool(reports: list[KindergartenReport], today: date) -> list[PoolGroup]:
    """Every kindergarten, grouped by pool and programme year (no pool last), by name within."""
    groups: dict[tuple[int | None, int | None], list[KindergartenRow]] = {}
    for r in reports:
        groups.setdefault((r.pool, r.programme_year), []).append(kindergarten_row(r, today))
    order = sorted(groups, key=lambda k: (k[0] is None, k[0] or 0, k[1] or 0))
    return [PoolGroup(pool, year, tuple(sorted(groups[(pool, year)], key=lambda r: r.kindergarten.casefold())))
            for pool, year in order]


def domain_summary(rows: list[KindergartenRow], thresholds: dict[str, float]) -> dict[str, dict[str, tuple[float, int, int]]]:
    """term -> domain -> (mean over kindergartens, how many above its threshold, how many observed)."""
    values: dict[str, dict[str, list[float]]] = {}
    for r in rows:
        for term, doms in r.domains.items():
            for dom, v in doms.items():
                values.setdefault(term, {}).setdefault(dom, []).append(v)
    return {
        term: {dom: (mean(v), sum(1 for x in v if above(x, dom, thresholds)), len(v))
               for dom, v in sorted(doms.items())}
        for term, doms in sorted(values.items())
    }


def above(value: float, domain_id: str, thresholds: dict[str, float]) -> bool | None:
    """Whether a domain mean is above the threshold linked to better outcomes (None: no threshold)."""
    if domain_id not in thresholds:
        return None
    return above_threshold(value, thresholds[domain_id])
