"""`tettpa microproject ...`: a pedagogical leader's mikroprosjekt in her department."""

from __future__ import annotations

import argparse

from tettpa_tui.cli.common import group, leaf, now, out, print_json, workspace
from tettpa_tui.domain.calendar import parse_date
from tettpa_tui.i18n import erased_or, t


def register(sub) -> None:
    cmds = group(sub, "microproject")
    add = leaf(cmds, "add", "microproject_add", cmd_microproject_add)
    add.add_argument("--leader", required=True, metavar=t("cli.metavar.name"))
    add.add_argument("--title", required=True, metavar=t("cli.metavar.text"))
    add.add_argument("--goal", required=True, metavar=t("cli.metavar.text"))
    add.add_argument("--actions", default="", metavar=t("cli.metavar.text"))
    add.add_argument("--review", required=True, metavar=t("cli.metavar.date"))
    leaf(cmds, "list", "microproject_list", cmd_microproject_list, json=True)
    close = leaf(cmds, "close", "microproject_close", cmd_microproject_close)
    close.add_argument("id", metavar="ID")
    close.add_argument("--status", required=True, choices=["done", "stopped"])
    close.add_argument("--note", default="", metavar=t("cli.metavar.text"))


def cmd_microproject_add(args: argparse.Namespace) -> int:
    store, ws = workspace(args)
    dept = store.department(args.path)
    p = ws.add_microproject(dept, args.leader, args.title, args.goal, args.actions, parse_date(args.review), now())
    out(p.id)
    return 0


def cmd_microproject_list(args: argparse.Namespace) -> int:
    store, ws = workspace(args)
    dept = store.department(args.path)
    names = {s.id: s.name for s in dept.staff}
    found = store.microprojects(dept)
    if args.json:
        print_json([{"id": p.id, "leader": names.get(p.leader_id, p.leader_id), "title": p.title, "goal": p.goal,
                     "actions": p.actions, "review": p.review.isoformat(), "status": p.status,
                     "review_note": p.review_note, "erased_on": p.erased_on.isoformat() if p.erased_on else None}
                    for p in found])
        return 0
    if not found:
        out(t("microproject.none"))
    for p in found:
        out(t("microproject.line", id=p.id, title=erased_or(p.title, p.erased_on), leader=names.get(p.leader_id, "?"),
              review=p.review.strftime("%d.%m.%Y"), status=t(f"microproject.status_{p.status}")))
    return 0


def cmd_microproject_close(args: argparse.Namespace) -> int:
    store, ws = workspace(args)
    dept = store.department(args.path)
    p = ws.close_microproject(dept, args.id, args.status, args.note)
    out(t("microproject.closed", title=erased_or(p.title, p.erased_on), status=t(f"microproject.status_{p.status}")))
    return 0
