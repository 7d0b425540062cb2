"""`tettpa dimensions` and `tettpa plan ...`: the CLASS dimensions and the year wheel."""

from __future__ import annotations

import argparse

from tettpa_tui.cli.common import UsageError, err, group, leaf, out, print_json, today, workspace
from tettpa_tui.domain.calendar import KindergartenYear, YearMonth, parse_date
from tettpa_tui.i18n import language as lang
from tettpa_tui.i18n import t


def register(sub) -> None:
    dims = leaf(sub, "dimensions", "dimensions", cmd_dimensions, path=False, json=True)
    dims.add_argument("--instrument", choices=["toddler", "pre-k"], help=t("cli.help.dimensions_instrument"))
    plan = group(sub, "plan")
    show = leaf(plan, "show", "plan_show", cmd_plan_show, json=True)
    show.add_argument("--year", metavar=t("cli.metavar.year"))
    pset = leaf(plan, "set", "plan_set", cmd_plan_set)
    pset.add_argument("month", metavar=t("cli.metavar.month"))
    pset.add_argument("--dimension", metavar="ID")
    pset.add_argument("--date", metavar=t("cli.metavar.date"))


def cmd_dimensions(args: argparse.Namespace) -> int:
    from tettpa_tui import content

    from tettpa_tui.domain.classframework import Instrument

    fw = content.framework()
    if args.instrument:
        fw = fw.for_instrument(Instrument.parse(args.instrument))
    if args.json:
        print_json([
            {"id": d.id, "domain": d.domain_id, "name_nb": d.name("nb"), "name_en": d.name("en")}
            for d in fw.offered
        ])
        return 0
    for dom in fw.instrument_domains():
        out(dom.name(lang()))
        for dim_id in dom.dimension_ids:
            d = fw.dimension(dim_id)
            out(f"  {d.id:<32} {d.name(lang())}")
    return 0


def cmd_plan_show(args: argparse.Namespace) -> int:
    store, ws = workspace(args)
    dept = store.department(args.path)
    year = KindergartenYear.parse(args.year) if args.year is not None else KindergartenYear.containing(today())
    wheel = ws.wheel(dept, year)
    if args.json:
        print_json({
            "department": dept.path,
            "year": str(year),
            "instrument": dept.instrument.value,
            "months": [
                {
                    "month": str(m.month),
                    "dimension": m.dimension_id,
                    "meeting_date": m.meeting_date.isoformat(),
                    "date_set_by_hand": m.date_set_by_hand,
                    "outside_instrument": m.outside_instrument,
                    # A pedagogue meeting: planned before the departments' meetings, taking up their dimensions.
                    **({"departments_meet": m.departments_meet.isoformat() if m.departments_meet else None,
                        "not_before_departments": m.not_before_departments,
                        "dimensions": [{"dimension": dim.id, "departments": names}
                                       for dim, names in ws.departments_next(dept, m.month)]}
                       if dept.is_pedagogue_meeting else {}),
                }
                for m in wheel.months
            ],
        })
        return 0
    out(t("cli.plan_title", path=dept.path, year=str(year)))
    for m in wheel.months:
        mark = " *" if m.date_set_by_hand else ""
        flag = f"  ⚠ {t('instrument.outside_short')}" if m.outside_instrument else ""
        if m.not_before_departments:
            flag += f"  ⚠ {t('pedagogue.not_before_short', first=m.departments_meet.isoformat())}"
        out(f"  {m.month}  {m.meeting_date.isoformat()}{mark:<2}  {ws.dimensions_text(dept, m.month)}{flag}")
    if dept.is_pedagogue_meeting:
        name = ws.pedagogue_name(dept, today(), definite=True)
        out(t("pedagogue.planned_rule", meeting=name[:1].upper() + name[1:]))
    if any(m.outside_instrument for m in wheel.months):
        out(t("instrument.outside_note", instrument=t(f"instrument.{dept.instrument.value}")))
    return 0


def cmd_plan_set(args: argparse.Namespace) -> int:
    if args.dimension is None and args.date is None:
        raise UsageError(t("cli.plan_set_nothing"))
    store, ws = workspace(args)
    dept = store.department(args.path)
    month = YearMonth.parse(args.month)
    day = parse_date(args.date) if args.date is not None else None
    plan = ws.set_plan(dept, month, args.dimension, day)
    out(t("cli.plan_set", month=str(plan.month), date=plan.meeting_date.isoformat(),
            dimension=ws.dimensions_text(dept, plan.month)))
    if plan.not_before_departments:  # saved, but a pedagogue meeting should come before them
        err(t("pedagogue.not_before", date=plan.meeting_date.isoformat(), first=plan.departments_meet.isoformat(),
              meeting=ws.pedagogue_name(dept, today(), definite=True)))
    return 0
