"""`tettpa retention ...`: how long story texts are kept, and erasing those whose time is up."""

from __future__ import annotations

import argparse

from tettpa_tui.cli.common import group, leaf, now, out, print_json, store_of, today
from tettpa_tui.i18n import t


def register(sub) -> None:
    ret = group(sub, "retention")
    show = leaf(ret, "show", "retention_cmds.show", cmd_show, json=True)
    del show
    app = leaf(ret, "apply", "retention_cmds.apply", cmd_apply, json=True)
    app.add_argument("--dry-run", action="store_true", help=t("cli.help.retention_cmds.dry_run"))
    st = leaf(ret, "set", "retention_cmds.set", cmd_set)
    st.add_argument("--used-months", type=int, metavar="N", help=t("cli.help.retention_cmds.used_months"))
    st.add_argument("--draft-months", type=int, metavar="N", help=t("cli.help.retention_cmds.draft_months"))
    st.add_argument("--unused-months", type=int, metavar="N", help=t("cli.help.retention_cmds.unused_months"))
    log = leaf(ret, "log", "retention_cmds.log", cmd_log, json=True)
    del log


def _dept(args: argparse.Namespace):
    store = store_of(args)
    return store, store.department(args.path)


def _names(dept) -> dict[str, str]:
    return {s.id: s.name for s in dept.staff}


def _rows(dept, found) -> list[dict]:
    names = _names(dept)
    return [{"story": e.story_id, "month": e.month, "author": names.get(e.author_id, e.author_id),
             "rule": e.rule, "due": e.due.isoformat()} for e in found]


def cmd_show(args: argparse.Namespace) -> int:
    from tettpa_tui.services import retention

    store, dept = _dept(args)
    rules = retention.rules(store, dept)
    due, soon = retention.due(store, dept, today()), retention.soon(store, dept, today())
    if args.json:
        print_json({"used_months": rules.used_months, "draft_months": rules.draft_months,
                    "unused_months": rules.unused_months,
                    "warn_days": rules.warn_days, "due": _rows(dept, due), "soon": _rows(dept, soon)})
        return 0
    out(t("retention.rules_line", used=rules.used_months, draft=rules.draft_months, unused=rules.unused_months))
    out(t("retention.due_line", count=len(due)))
    out(t("retention.soon_line", count=len(soon), days=rules.warn_days))
    return 0


def cmd_apply(args: argparse.Namespace) -> int:
    from tettpa_tui.services import retention

    store, dept = _dept(args)
    found = retention.apply(store, dept, now(), dry_run=args.dry_run)
    if args.json:
        print_json({"dry_run": args.dry_run, "erased": [] if args.dry_run else _rows(dept, found),
                    "would_erase": _rows(dept, found) if args.dry_run else []})
        return 0
    for row in _rows(dept, found):
        out(t(f"retention.row_{row['rule']}", month=row["month"], author=row["author"], due=row["due"]))
    out(t("retention.would_erase" if args.dry_run else "retention.erased", count=len(found)))
    if found and not args.dry_run:
        from tettpa_tui.services import backup

        for line in backup.erasure_note(store, now()):  # what an erasure here cannot reach
            out(line)
    return 0


def cmd_set(args: argparse.Namespace) -> int:
    from tettpa_tui.services import retention
    from tettpa_tui.store import erasure

    store, dept = _dept(args)
    retention.defaults().with_values(args.used_months, args.draft_months, args.unused_months)  # refuses bad values
    erasure.set_retention(store, dept, args.used_months, args.draft_months, args.unused_months)
    rules = retention.rules(store, dept)
    out(t("retention.rules_line", used=rules.used_months, draft=rules.draft_months, unused=rules.unused_months))
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    from tettpa_tui.store import erasure

    store, dept = _dept(args)
    entries = erasure.log_entries(store, dept)
    if args.json:
        print_json(entries)
        return 0
    if not entries:  # silence would look like a command that did nothing
        out(t("retention_log.empty", path=dept.path))
    for e in entries:
        out(t("retention.log_line", at=e.get("at", ""), what=e.get("what", ""),
                          month=e.get("month", ""), rule=e.get("rule", e.get("why", ""))))
    return 0
