"""`tettpa staff code`: a one-time start code for the phone page, shown once."""

from __future__ import annotations

import argparse

from tettpa_tui.cli.common import leaf, now, out, workspace
from tettpa_tui.i18n import t



def register(staff) -> None:
    code = leaf(staff, "code", "staff_code", cmd_staff_code)
    code.add_argument("name", metavar=t("cli.metavar.name"))


def cmd_staff_code(args: argparse.Namespace) -> int:
    store, ws = workspace(args)
    dept = store.department(args.path)
    member = ws.author(dept, args.name)
    code = ws.give_start_code(dept, member, now())
    out(t("codes.given", name=member.name, code=code))
    out(t("codes.given_hint"))
    return 0
