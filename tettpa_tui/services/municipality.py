"""The municipality view: every kindergarten of a folder of reports, by pool and
programme year, as rows for the screen and as a printable HTML page with charts.

The charts are SVG drawn by pygal with its JavaScript switched off, placed in the
page itself: the page loads nothing from anywhere (fit for a PDF or the printer).
The page is rendered by Jinja2 with autoescape on; kindergarten names come from
files others wrote and are escaped like any other text (pygal escapes its own).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tettpa_tui import content
from tettpa_tui.domain import rollup
from tettpa_tui.i18n import decimal, language, long_date, number, t


_SCRIPT = re.compile(r"<script\b.*?</script>", re.S | re.I)


@dataclass(frozen=True)
class View:
    groups: list[rollup.PoolGroup]
    entries: list[rollup.FolderEntry]
    skipped: list[rollup.Skipped]
    summary: dict[str, dict[str, tuple[float, int, int]]]
    thresholds: dict[str, float]


def view_of(folder: Path, today: date) -> View:
    from tettpa_tui.services import rollup_report as reports

    entries, skipped = reports.read_folder(folder)
    groups = rollup.by_pool([e.report for e in entries], today)
    thresholds = dict(content.observation_rules().thresholds)
    rows = [r for g in groups for r in g.rows]
    return View(groups, entries, skipped, rollup.domain_summary(rows, thresholds), thresholds)


def term_name(term: str) -> str:
    year, season = term.split("-", 1)
    return t(f"municipality.term_{season}", year=year) if season in ("autumn", "spring") else term


def domain_order(domain_ids) -> list[str]:
    """In the framework's order (emotional, organisation, instruction; Pre-K before Toddler)."""
    fw = content.framework()
    known = [d.id for d in fw.domains + fw.toddler_domains]
    return sorted(domain_ids, key=lambda d: (known.index(d) if d in known else len(known), d))


def instrument_of(domain_id: str) -> str:
    """Which instrument a domain belongs to: "pre-k", "toddler" (or "other": unknown to this version)."""
    fw = content.framework()
    if domain_id in {d.id for d in fw.domains}:
        return "pre-k"
    if domain_id in {d.id for d in fw.toddler_domains}:
        return "toddler"
    return "other"


def by_instrument(domain_ids) -> list[tuple[str, list[str]]]:
    """The domains grouped by instrument, Pre-K first: a kindergarten with toddler and
    preschool departments has both, and they are never shown as one set."""
    groups: dict[str, list[str]] = {}
    for d in domain_order(domain_ids):
        groups.setdefault(instrument_of(d), []).append(d)
    return [(i, groups[i]) for i in ("pre-k", "toddler", "other") if i in groups]


def instrument_name(instrument: str) -> str:
    return t(f"municipality.instrument_{instrument.replace('-', '_')}")


def domain_name(domain_id: str) -> str:
    try:
        return content.framework().domain(domain_id).name(language())
    except Exception:  # noqa: BLE001 - a domain this version does not know: its id
        return domain_id


def group_title(g: rollup.PoolGroup) -> str:
    if g.pool is None:
        return t("municipality.no_pool")
    return t("municipality.group", pool=g.pool, year=g.programme_year or "–")


def pair(value: tuple[int, int] | None) -> str:
    """«1 / 2», or that an older report does not say."""
    return t("municipality.not_reported") if value is None else f"{value[0]} / {value[1]}"


def counts_lines(row: rollup.KindergartenRow) -> list[str]:
    """Mikroprosjekter, and oral feedback after observations (counts only), a line each."""
    missing = t("municipality.not_reported")
    projects = (missing if row.microprojects is None else
                t("municipality.projects_counts", open=row.microprojects[0], closed=row.microprojects[1]))
    oral = (missing if row.oral_feedback is None else
            t("municipality.oral_counts", given=row.oral_feedback[0], observed=row.oral_feedback[1]))
    return [t("municipality.projects_line", projects=projects), t("municipality.oral_line", oral=oral)]


def latest_term(row: rollup.KindergartenRow) -> str | None:
    return max(row.domains) if row.domains else None


# ---- the page --------------------------------------------------------------------------


def _style():
    from pygal.style import Style

    return Style(background="white", plot_background="white", foreground="#222", foreground_strong="#000",
                 foreground_subtle="#666", colors=("#2a6f97", "#c0504d", "#8ab17d", "#e9c46a", "#6d597a"),
                 font_family="sans-serif", title_font_size=16, label_font_size=12, legend_font_size=12,
                 major_label_font_size=12, value_font_size=11)


def _config(**extra):
    return dict(js=[], disable_xml_declaration=True, style=_style(), explicit_size=False, width=860,
                print_values=True, print_values_position="top", legend_at_bottom=True, truncate_label=-1,
                truncate_legend=-1, **extra)


def _svg(chart) -> str:
    """The chart's SVG without pygal's small config script (the page runs no script)."""
    return _SCRIPT.sub("", chart.render(is_unicode=True))


def chart_meetings(view: View) -> str:
    """Meetings held per department this year, the mean of each pool's kindergartens."""
    import pygal

    chart = pygal.Bar(**_config(height=320, title=t("municipality.chart_meetings"),
                                value_formatter=lambda v: decimal(v)))
    chart.x_labels = [group_title(g) for g in view.groups]
    per = [round(sum(r.meetings_per_department for r in g.rows) / len(g.rows), 1) if g.rows else 0
           for g in view.groups]
    dims = [round(sum(r.dimensions_per_department for r in g.rows) / len(g.rows), 1) if g.rows else 0
            for g in view.groups]
    chart.add(t("municipality.series_meetings"), per)
    chart.add(t("municipality.series_dimensions"), dims)
    return _svg(chart)


def chart_domains(view: View, term: str, instrument: str, ids: list[str]) -> str:
    """One term, one instrument: each domain's mean over the kindergartens, beside its threshold."""
    import pygal

    doms = {d: view.summary.get(term, {})[d] for d in ids}
    chart = pygal.Bar(**_config(height=340, range=(1, 7), title=t("municipality.chart_domains_for",
                                                                   term=term_name(term),
                                                                   instrument=instrument_name(instrument)),
                                value_formatter=lambda v: decimal(v, 2)))
    chart.y_labels = list(range(1, 8))  # the CLASS scale, whole steps
    chart.x_labels = [domain_name(d) for d in doms]
    chart.add(t("municipality.series_mean"), [doms[d][0] for d in doms])
    chart.add(t("municipality.series_threshold"), [view.thresholds.get(d) for d in doms])
    return _svg(chart)


def chart_above(view: View, term: str, instrument: str, ids: list[str]) -> str:
    """One term, one instrument: how many kindergartens are above each domain's threshold, and how many not."""
    import pygal

    doms = {d: view.summary.get(term, {})[d] for d in ids}
    chart = pygal.StackedBar(**_config(height=300, title=t("municipality.chart_above_for", term=term_name(term),
                                                           instrument=instrument_name(instrument)),
                                       value_formatter=lambda v: str(round(v)), print_zeroes=False))
    most = max((doms[d][2] for d in doms), default=1)
    chart.y_labels = list(range(0, most + 1, max(1, -(-most // 10))))  # counts: whole numbers, ten at most
    chart.x_labels = [domain_name(d) for d in doms]
    chart.add(t("municipality.series_above"), [doms[d][1] for d in doms])
    chart.add(t("municipality.series_below"), [doms[d][2] - doms[d][1] for d in doms])
    return _svg(chart)


def html_page(view: View, folder: Path, today: date) -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape
    from markupsafe import Markup

    from tettpa_tui.text import printable

    env = Environment(loader=PackageLoader("tettpa_tui", "templates"), autoescape=select_autoescape(["html"]))
    env.filters["printable"] = printable  # control characters from others' files shown, never passed on
    terms = sorted(view.summary)
    charts = [Markup(chart_meetings(view))] if view.groups else []
    for term in terms[-2:]:  # the last two terms: autumn and spring; Pre-K and Toddler apart
        for instrument, ids in by_instrument(view.summary.get(term, {})):
            charts += [Markup(chart_domains(view, term, instrument, ids)),
                       Markup(chart_above(view, term, instrument, ids))]
    instruments = by_instrument({d for g in view.groups for r in g.rows for doms in r.domains.values() for d in doms})
    domain_ids = [d for _i, ids in instruments for d in ids]
    return env.get_template("municipality.html").render(
        t=t, lang=language(), title=t("municipality.title"), folder=str(folder), today=long_date(today),
        groups=view.groups, group_title=group_title, charts=charts, domain_ids=domain_ids,
        instruments=instruments, instrument_name=instrument_name,
        domain_name=domain_name, latest_term=latest_term, term_name=term_name, thresholds=view.thresholds,
        above=lambda value, dom: rollup.above(value, dom, view.thresholds), num=decimal, number=number,
        assumed=set(content.observation_rules().assumed),
        entries=view.entries, skipped=[t(f"report.skip.{s.reason}", file=s.file, **s.params) for s in view.skipped],
        count=sum(len(g.rows) for g in view.groups), pair=pair,
    )
