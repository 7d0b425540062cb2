"""`tettpa person ...`: everything stored about one person, exported or erased on request."""

from __future__ import annotations

import argparse
import json
import sys

from tettpa_tui.cli.common import UsageError, group, leaf, now, out, output_folder, workspace
from tettpa_tui.i18n import t


def register(sub) -> None:
    person = group(sub, "person")
    exp = leaf(person, "export", "person_cmds.export", cmd_export)
    exp.add_argument("name", metavar=t("cli.metavar.name"))
    exp.add_argument("-o", "--out", metavar=t("cli.metavar.folder"), default=".", help=t("cli.help.person_cmds.out"))
    era = leaf(person, "erase", "person_cmds.erase", cmd_erase)
    era.add_argument("name", metavar=t("cli.metavar.name"))
    era.add_argument("--yes", action="store_true", help=t("cli.help.person_cmds.yes"))
    era.add_argument("--renew-backups", action="store_true", help=t("cli.help.person_cmds.renew_backups"))


def cmd_export(args: argparse.Namespace) -> int:
    from tettpa_tui.services import person
    from tettpa_tui.domain.records import slugify

    folder = output_folder(args.out, args)
    store, ws = workspace(args)
    dept = store.department(args.path)
    member = person.member(dept, args.name)
    data = person.collect(ws, dept, member)
    from tettpa_tui.store.storage import atomic_write_bytes, remove_stale_temp_files

    stem = slugify(member.name) or member.id
    json_path, html_path = folder / f"{stem}.json", folder / f"{stem}.html"
    for path in (json_path, html_path):  # an interrupted export's temp files: plaintext, not left lying
        remove_stale_temp_files(path)
    # Stories about children: files only the user can read.
    atomic_write_bytes(json_path, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    atomic_write_bytes(html_path, person.to_html(data, ws).encode("utf-8"))
    out(t("person.export_done", json=str(json_path), html=str(html_path)))
    return 0


def cmd_erase(args: argparse.Namespace) -> int:
    from tettpa_tui.services import person

    from tettpa_tui.domain.errors import DomainError
    from tettpa_tui.store import erasure

    store, ws = workspace(args)
    erasure.finish_interrupted(store)  # a killed erasure is finished before anything is asked
    dept = store.department(args.path)
    try:
        member = person.member(dept, args.name)
    except DomainError:
        if erasure.finished_lately(store, args.name):  # the rerun of a killed erasure
            out(t("person.erase_finished", name=args.name))
            return 0
        raise
    from tettpa_tui.domain.retention import check_erasable

    check_erasable(member.name, member.active)  # as the app: only once marked as left
    out(person.erase_question(ws, dept, member))
    if not args.yes:
        if sys.stdin is None or not sys.stdin.isatty():
            raise UsageError(t("person.erase_needs_yes"))
        try:
            answer = input(t("person.erase_ask")).strip().casefold()
        except (EOFError, KeyboardInterrupt):
            answer = ""
            out()
        if answer not in ("ja", "j", "yes", "y"):
            out(t("person.erase_cancelled"))
            return 1
    _, new_name, outcome = person.erase_reporting(ws, dept, member, now())
    out(t("person.erase_done", name=member.name, former=new_name))
    _copies(store, outcome, args.renew_backups)
    return 0


def _copies(store, outcome, renew: bool) -> None:
    """What the erasure reached beyond the data files, and what it cannot reach (or, with
    --renew-backups, a fresh backup and the older ones the app made removed)."""
    from tettpa_tui.services import backup

    if outcome.copies:
        out(t("erasure.copies", count=outcome.copies))
    if outcome.removed:
        out(t("erasure.removed", count=len(outcome.removed)))
    if renew:
        made, gone = backup.renew(store, now())
        out(t("erasure.renewed", file=str(made), count=len(gone)))
    for line in backup.erasure_note(store, now()):
        if not renew or line == t("erasure.backups_elsewhere"):
            out(line)
