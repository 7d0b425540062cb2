"""`tettpa overview` and `tettpa check`: across departments, and the health of the data files."""

from __future__ import annotations

import argparse
from pathlib import Path

from tettpa_tui.cli.common import (
    EXIT_ERROR,
    UsageError,
    err,
    leaf,
    out,
    print_json,
    store_of,
    today,
    workspace,
)
from tettpa_tui.domain.calendar import KindergartenYear
from tettpa_tui import i18n
from tettpa_tui.i18n import decimal, t
from tettpa_tui.messages import quoted, store_message


def register(sub) -> None:
    over = leaf(sub, "overview", "overview", cmd_overview, path=False, json=True)
    over.add_argument("kindergarten", metavar=t("cli.metavar.kindergarten"), nargs="?")
    over.add_argument("--all", action="store_true", help=t("cli.help.overview_all"))
    over.add_argument("--year", metavar=t("cli.metavar.year"))
    over.add_argument("--reports", metavar=t("cli.metavar.folder"), help=t("cli.help.overview_reports"))


def register_check(sub) -> None:
    leaf(sub, "check", "check", cmd_check, path=False)


def cmd_overview(args: argparse.Namespace) -> int:
    if args.reports:
        if args.all or args.kindergarten:
            raise UsageError(t("cli.overview_usage"))
        from tettpa_tui.cli.report import overview_of_folder

        return overview_of_folder(args)
    if bool(args.all) == bool(args.kindergarten):
        raise UsageError(t("cli.overview_usage"))
    store, ws = workspace(args)
    year = KindergartenYear.parse(args.year) if args.year is not None else KindergartenYear.containing(today())
    groups = ws.overview_all(year) if args.all else [(args.kindergarten, ws.overview(args.kindergarten, year))]
    result = []
    for kg, rows in groups:
        result.append({"kindergarten": rows[0].department.split("/")[0] if rows else kg, "year": str(year),
                       "departments": [
                           {"department": r.name, "path": r.department, "meetings_held": r.meetings_held,
                            "dimensions_covered": r.dimensions_covered,
                            "stories_per_meeting": r.stories_per_meeting,
                            "goals_followed_up": r.goals_followed_up,
                            "last_meeting": r.last_meeting.isoformat() if r.last_meeting else None,
                            "observed_autumn": r.observed_autumn.isoformat() if r.observed_autumn else None,
                            "observed_spring": r.observed_spring.isoformat() if r.observed_spring else None}
                           for r in rows],
                       # what the director tracks: the leaders' mikroprosjekter, open and closed
                       "microprojects": dict(zip(("open", "closed"), ws.microproject_counts(kg)))})
    if args.json:
        print_json(result if args.all else result[0])
        return 0
    for kg in result:
        out(t("cli.overview_title", kindergarten=kg["kindergarten"], year=kg["year"]))
        for r in kg["departments"]:
            shown = {**r, "stories_per_meeting": decimal(r["stories_per_meeting"], 1)}  # "2,0" in bokmål
            out(t("cli.overview_line", **{k: (v if v is not None else "–") for k, v in shown.items()}))
        out(t("microproject.overview", open=kg["microprojects"]["open"], closed=kg["microprojects"]["closed"]))
    return 0


def _advice(store, path) -> str:
    """Where a copy of a file that cannot be read really is (never a folder that is not there)."""
    from tettpa_tui.store.storage import BACKUPS_DIR

    copies = sorted(Path(path).parent.glob(f"{BACKUPS_DIR}/{Path(path).stem}.*{Path(path).suffix}"))
    if copies:
        return t("cli_check.advice_backups", folder=str(copies[-1].parent), file=copies[-1].name)
    try:
        from tettpa_tui.services.backup import status

        last = status(store).last_file
    except Exception:  # the settings file may be the one that cannot be read
        last = None
    if last and Path(last).is_file():
        return t("cli_check.advice_backup", file=last)
    return t("cli_check.advice_none")


def cmd_check(args: argparse.Namespace) -> int:
    from tettpa_tui import content

    content.check(i18n.LANGUAGES, i18n.catalogue)  # a broken content file: one line naming it (cli.main), before the data is looked at
    store = store_of(args)
    if not store.root.is_dir():  # nothing to check is not "all well"
        key = "cli_check.not_a_folder" if store.root.exists() else "cli_check.no_folder"
        err(t("cli.error_prefix") + t(key, path=quoted(str(store.root), "path")))
        return EXIT_ERROR
    from tettpa_tui.store import placement

    for key, params in placement.warnings(store.root):
        err(t(key, **params))  # where the folder lies: worth knowing, not a damaged file
    from tettpa_tui.messages import recovery_message

    notes, failed, left = store.interrupted()
    for note in notes:  # what the opening of the folder finished or undid, here or before
        out(recovery_message(note, store.root))
    files = store.data_files()
    problems = store.check()
    for problem in problems:
        err(store_message(problem))
        err(_advice(store, problem.path))
    for path in failed:
        err(t("journal.failed", kind=t("journal.unknown"), file=path.name, folder=str(path.parent)))
    for path in left:
        err(t("journal.leftover", path=str(path)))
    if problems or failed or left:
        err(t("cli.check_bad", bad=len(problems) + len(failed) + len(left), total=len(files)))
        return EXIT_ERROR
    out(t("cli.check_ok", total=len(files), path=str(store.root)))
    return 0
