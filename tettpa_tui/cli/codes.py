"""`tettpa staff code`: a one-time start code for the phone page, shown once; and
`tettpa staff signins`: the phone page's record of who signed in (never a code or a story)."""

from __future__ import annotations

import argparse

from tettpa_tui.cli.common import leaf, now, out, print_json, workspace
from tettpa_tui.i18n import t



def register(staff) -> None:
    code = leaf(staff, "code", "staff_code", cmd_staff_code)
    code.add_argument("name", metavar=t("cli.metavar.name"))
    leaf(staff, "signins", "staff_signins", cmd_staff_signins, json=True)


def cmd_staff_code(args: argparse.Namespace) -> int:
    store, ws = workspace(args)
    dept = store.department(args.path)
    member = ws.author(dept, args.name)
    code = ws.give_start_code(dept, member, now())
    out(t("codes.given", name=member.name, code=code))
    out(t("codes.given_hint"))
    return 0


def cmd_staff_signins(args: argparse.Namespace) -> int:
    from tettpa_tui.domain.signins import KEEP_DAYS
    from tettpa_tui.messages import sign_in_line

    store, _ = workspace(args)
    dept = store.department(args.path)
    records = store.sign_ins(dept, now())
    names = {m.id: m.name for m in dept.staff}
    if args.json:
        print_json([{"at": r.at.isoformat(), "staff": names.get(r.staff_id or ""), "staff_id": r.staff_id,
                     "event": r.event.value, "seconds": r.seconds} for r in records])
        return 0
    out(t("signins.heading", days=KEEP_DAYS, department=dept.path))
    for r in records:
        out(sign_in_line(r, names))
    if not records:
        out(t("signins.none"))
    return 0
