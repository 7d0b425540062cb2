"""`tettpa report`: a kindergarten's aggregate report (no text, no names), and
the shared folder the app writes it to; `overview --reports FOLDER` reads them."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from tettpa_tui.cli.common import (
    UsageError, err, group, leaf, now, out, output_file, print_json, store_of, today, workspace,
)
from tettpa_tui.domain.calendar import KindergartenYear
from tettpa_tui.i18n import decimal, t



def register(sub) -> None:
    rep = group(sub, "report")
    export = leaf(rep, "export", "report_export", cmd_report_export, path=False)
    export.add_argument("kindergarten", metavar=t("cli.metavar.kindergarten"))
    export.add_argument("-o", "--output", metavar=t("cli.metavar.file"), help=t("cli.help.report_output"))
    export.add_argument("--year", metavar=t("cli.metavar.year"))
    muni = leaf(rep, "municipality", "report_municipality", cmd_report_municipality, path=False)
    muni.add_argument("folder", metavar=t("cli.metavar.folder"))
    muni.add_argument("-o", "--output", metavar=t("cli.metavar.file"), required=True,
                      help=t("cli.help.report_output"))
    folder = leaf(rep, "folder", "report_folder", cmd_report_folder, path=False)
    folder.add_argument("folder", metavar=t("cli.metavar.folder"), nargs="?")
    folder.add_argument("--clear", action="store_true", help=t("cli.help.report_folder_clear"))


def cmd_report_export(args: argparse.Namespace) -> int:
    from tettpa_tui.services import rollup_report as reports
    from tettpa_tui.store.storage import atomic_write_bytes

    target = output_file(args.output, args=args) if args.output else None
    _store, ws = workspace(args)
    year = KindergartenYear.parse(args.year) if args.year else KindergartenYear.containing(today())
    doc = reports.build(ws, args.kindergarten, year, now()).to_doc()
    if args.output:
        atomic_write_bytes(target, json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8"))
        out(t("report.cli.written", file=args.output))
        return 0
    print_json(doc)
    return 0


def cmd_report_municipality(args: argparse.Namespace) -> int:
    """Every kindergarten of a folder of reports, as a printable HTML page with charts."""
    from tettpa_tui.services.municipality import html_page, view_of
    from tettpa_tui.store.storage import atomic_write_bytes

    if not args.folder.strip():  # "" would be the current folder, which was not asked for
        raise UsageError(t("report.cli.folder_empty"))
    target = output_file(args.output, args=args)
    folder = Path(args.folder)
    view = view_of(folder, today())
    for s in view.skipped:
        err(t(f"report.skip.{s.reason}", file=s.file, **s.params))
    atomic_write_bytes(target, html_page(view, folder, today()).encode("utf-8"))
    out(t("municipality.written", file=args.output))
    return 0


def cmd_report_folder(args: argparse.Namespace) -> int:
    from tettpa_tui.services import rollup_report as reports

    store = store_of(args)
    if args.clear:
        reports.set_shared_folder(store, None)
    elif args.folder:
        reports.set_shared_folder(store, Path(args.folder))
    folder = reports.shared_folder(store)
    out(t("report.cli.folder", folder=str(folder)) if folder else t("report.cli.no_folder"))
    return 0


def overview_of_folder(args: argparse.Namespace) -> int:
    """`tettpa overview --reports FOLDER`: each kindergarten's latest report in a folder."""
    from tettpa_tui.services import rollup_report as reports

    entries, skipped = reports.read_folder(Path(args.reports))
    day = today()
    for s in skipped:
        err(t(f"report.skip.{s.reason}", file=s.file, **s.params))
    if args.json:
        print_json({"folder": str(args.reports),
                    "kindergartens": [_entry_json(e, day) for e in entries],
                    "skipped": [{"file": s.file, "reason": s.reason} for s in skipped]})
        return 0
    if not entries:
        out(t("report.cli.none", folder=str(args.reports)))
    for e in entries:
        r = e.report
        flag = t("report.stale_mark") if r.stale(day) else ""
        out(t("report.cli.kindergarten", kindergarten=r.kindergarten, pool=r.pool or "–",
                          programme_year=r.programme_year or "–", year=r.year, as_of=r.as_of.isoformat(),
                          stale=flag))
        first = int(r.year[:4]) if r.year[:4].isdigit() else None
        for d in r.departments:
            observed = {o.term for o in d.terms if o.observations}
            out(t("cli.overview_line", department=d.name, meetings_held=d.meetings_held,
                  dimensions_covered=d.dimensions_covered,  # "2,0" in bokmål, as `overview` writes it
                  stories_per_meeting="–" if d.stories_per_meeting is None else decimal(d.stories_per_meeting, 1),
                  goals_followed_up=d.goals_followed_up,
                  last_meeting=d.last_meeting.isoformat() if d.last_meeting else "–",
                  observed_autumn="✓" if first and f"{first}-autumn" in observed else "–",
                  observed_spring="✓" if first and f"{first + 1}-spring" in observed else "–"))
        from tettpa_tui.domain.rollup import kindergarten_row
        from tettpa_tui.services.municipality import counts_lines

        out("  " + " · ".join(counts_lines(kindergarten_row(r, day))))
        for other in e.others:
            out(t("report.cli.other", file=other, used=e.file))
    return 0


def _entry_json(e, day) -> dict:
    r = e.report
    return {
        "kindergarten": r.kindergarten, "pool": r.pool, "programme_year": r.programme_year, "year": r.year,
        "as_of": r.as_of.isoformat(), "stale": r.stale(day), "file": e.file, "others": list(e.others),
        "departments": [
            {"department": d.name, "meetings_held": d.meetings_held, "dimensions_covered": d.dimensions_covered,
             "stories_per_meeting": d.stories_per_meeting, "goals_followed_up": d.goals_followed_up,
             "last_meeting": d.last_meeting.isoformat() if d.last_meeting else None,
             "microprojects": None if d.microprojects is None else dict(zip(("open", "closed"), d.microprojects)),
             "oral_feedback": None if d.oral_feedback is None else dict(zip(("given", "observations"),
                                                                            d.oral_feedback))}
            for d in r.departments],
    }
