"""`tettpa certification ...`: who in a kindergarten is a certified CLASS observer, and until when."""

from __future__ import annotations

import argparse

from tettpa_tui.cli.common import group, leaf, now, out, print_json, today, workspace
from tettpa_tui.domain import certification as cert
from tettpa_tui.domain.calendar import KindergartenYear, parse_date
from tettpa_tui.domain.classframework import Instrument
from tettpa_tui.i18n import t


def register(sub) -> None:
    cmds = group(sub, "certification")
    add = leaf(cmds, "add", "certification_add", cmd_certification_add, path=False)
    add.add_argument("kindergarten", metavar=t("cli.metavar.kindergarten"))
    add.add_argument("--person", required=True, metavar=t("cli.metavar.name"))
    add.add_argument("--instrument", required=True, choices=["toddler", "pre-k"])
    add.add_argument("--date", required=True, metavar=t("cli.metavar.date"))
    add.add_argument("--due", metavar=t("cli.metavar.date"), help=t("cli.help.certification_due"))
    lst = leaf(cmds, "list", "certification_list", cmd_certification_list, path=False, json=True)
    lst.add_argument("kindergarten", metavar=t("cli.metavar.kindergarten"))


def cmd_certification_add(args: argparse.Namespace) -> int:
    _store, ws = workspace(args)
    c = ws.add_certification(args.kindergarten, args.person, Instrument.parse(args.instrument),
                             parse_date(args.date), parse_date(args.due) if args.due is not None else None, now())
    out(t("certification.added", name=c.name, instrument=t(f"instrument.{c.instrument.value}"),
          due=c.due.strftime("%d.%m.%Y")))
    return 0


def cmd_certification_list(args: argparse.Namespace) -> int:
    _store, ws = workspace(args)
    day = today()
    ws.overview(args.kindergarten, KindergartenYear.containing(day))  # an unknown kindergarten: one clear line
    found = ws.certifications(args.kindergarten)
    if args.json:
        print_json([{"name": c.name, "staff_id": c.staff_id, "instrument": c.instrument.value,
                     "certified": c.certified.isoformat(), "due": c.due.isoformat(),
                     "status": cert.status(c, day)} for c in found])
        return 0
    if not found:
        out(t("certification.none"))
    for c in found:
        out(certification_line(c, day))
    return 0


def certification_line(c: cert.Certification, day) -> str:
    """One person's certification in words: who, which instrument, due when (and a warning)."""
    return t(f"certification.line_{cert.status(c, day)}", name=c.name,
             instrument=t(f"instrument.{c.instrument.value}"), certified=c.certified.strftime("%d.%m.%Y"),
             due=c.due.strftime("%d.%m.%Y"))
