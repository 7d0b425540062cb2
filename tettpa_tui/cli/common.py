"""What every command group shares: the parser's shape, the clock, errors and output.

Every error is one line on stderr in the user's language: exit 2 for wrong usage,
1 for anything else, and never a traceback.
"""

from __future__ import annotations

import json
import os
import re
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tettpa_tui.cli.errors import UsageError  # noqa: F401 (also imported from here by callers)
from tettpa_tui.domain.calendar import parse_date
from tettpa_tui.i18n import LANGUAGES, t
from tettpa_tui.store import Store
from tettpa_tui.store.repository import default_data_dir
from tettpa_tui.text import printable

if TYPE_CHECKING:  # argparse itself only when a command is given: `tettpa` alone opens the app
    import argparse

EXIT_ERROR = 1
EXIT_USAGE = 2


def today() -> date:
    """Today, or TETTPA_TODAY (YYYY-MM-DD) so tests and demos can fix the clock."""
    fixed = os.environ.get("TETTPA_TODAY")
    return parse_date(fixed) if fixed else date.today()


def now() -> datetime:
    """Now, on TETTPA_TODAY's date when that is set."""
    current = datetime.now().replace(microsecond=0)
    return datetime.combine(today(), current.time())


def add_data_dir(p: argparse.ArgumentParser, top: bool = False) -> None:
    import argparse

    p.add_argument(
        "--data-dir",
        metavar=t("cli.metavar.folder"),
        default=None if top else argparse.SUPPRESS,
        help=t("cli.help.data_dir"),
    )
    p.add_argument(
        "--lang",
        choices=list(LANGUAGES),
        default=None if top else argparse.SUPPRESS,
        help=t("cli.help.lang"),
    )


def group(sub, name: str) -> argparse._SubParsersAction:
    """A command with actions under it: `tettpa NAME ACTION ...`."""
    from tettpa_tui.cli.parser import Parser

    parser = sub.add_parser(name, help=t(f"cli.help.{name}"))
    add_data_dir(parser)
    return parser.add_subparsers(dest="action", metavar=t("cli.metavar.action"), parser_class=Parser, required=True)


def leaf(sub, name: str, help_key: str, handler, path: bool = True, json: bool = False) -> argparse.ArgumentParser:
    """One command or action run by `handler`, with --data-dir, and the department path and --json when asked."""
    parser = sub.add_parser(name, help=t(f"cli.help.{help_key}"))
    parser.set_defaults(handler=handler)
    add_data_dir(parser)
    if path:
        parser.add_argument("path", metavar=t("cli.metavar.department"))
    if json:
        parser.add_argument("--json", action="store_true")
    return parser


# What JSON writes as is with ensure_ascii=False although a terminal would obey it (DEL, C1
# controls, bidi overrides, line separators) or could not take it (lone surrogates).
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def print_json(value: Any) -> None:
    """Exact data for scripts: JSON escapes control characters itself (\\u001b), and the
    few it would leave as they are are written as \\uXXXX too: the same data, safe to view."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    print(_JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text))


# The longest error or warning line: a 1 MB argument is quoted in part, ending in "…".
MAX_ERROR_LINE = 800


def out(text: str = "") -> None:
    """One line of plain output: stored and typed text can never steer the terminal,
    and a line break inside a name, note or goal is shown as ⏎, keeping one item a line."""
    print(printable(text, one_line=True))


def err(text: str) -> None:
    """One line on stderr: control characters and line breaks shown as symbols, long input cut."""
    print(printable(text, one_line=True, limit=MAX_ERROR_LINE), file=sys.stderr)


def _data_folder_of(args: argparse.Namespace | None) -> Path:
    folder = getattr(args, "data_dir", None) if args is not None else None
    return Path(folder).expanduser() if folder else default_data_dir()


def not_in_data_folder(value: str, args: argparse.Namespace | None) -> None:
    """Refuse a path inside the data folder: an export, a report or a backup never writes
    over (or beside) the app's own files, with or without --force."""
    from tettpa_tui.domain.errors import DomainError

    data = _data_folder_of(args)
    try:
        inside = Path(value).expanduser().resolve().is_relative_to(data.resolve())
    except (OSError, RuntimeError):
        inside = False
    if inside:
        raise DomainError("cli_output.in_data", path=value, folder=str(data))


def output_file(value: str, force: bool = True, args: argparse.Namespace | None = None) -> Path:
    """The file `-o` names, checked before any work: not inside the data folder, its folder
    must exist (it is never made here: a typo would leave stories about children in a folder
    nobody looks in), the name must not be a folder, and an existing file is kept unless `force`."""
    from tettpa_tui.domain.errors import DomainError

    not_in_data_folder(value, args)
    path = Path(value)
    if path.is_dir():
        raise DomainError("cli_output.is_folder", path=value)
    if not path.parent.is_dir():
        raise DomainError("cli_output.no_folder", path=value, folder=str(path.parent))
    if not force and path.exists():
        raise DomainError("cli_output.exists", path=value)
    from tettpa_tui.store.storage import remove_stale_temp_files

    remove_stale_temp_files(path)  # what an interrupted run of the same export left (maybe plaintext)
    return path


def output_folder(value: str, args: argparse.Namespace | None = None) -> Path:
    """The folder `-o` names for a command that writes several files: it must exist, and
    not be (or be inside) the data folder."""
    from tettpa_tui.domain.errors import DomainError

    not_in_data_folder(value, args)
    path = Path(value)
    if not path.is_dir():
        raise DomainError("cli_output.not_a_folder" if path.exists() else "cli_output.folder_missing",
                          path=value)
    return path


def store_of(args: argparse.Namespace) -> Store:
    """The data folder's store; an interrupted operation its opening finished or undid
    (store/journal.py) is said in one line on stderr."""
    from tettpa_tui.messages import recovery_message
    from tettpa_tui.store.journal import take_recovered

    store = Store(Path(args.data_dir) if getattr(args, "data_dir", None) else default_data_dir())
    for found in take_recovered():
        err(recovery_message(found, store.root))
    return store


def workspace(args: argparse.Namespace):
    """The store of --data-dir and a workspace over it."""
    from tettpa_tui.workspace import Workspace

    from tettpa_tui.services.rollup_report import publish_after_changes

    store = store_of(args)
    ws = Workspace(store)
    publish_after_changes(ws, now, _report_not_written)
    return store, ws


def _report_not_written(exc: Exception) -> None:
    """The change is saved; only the shared folder's report could not be written."""
    import sys

    from tettpa_tui.messages import store_message
    from tettpa_tui.store import StoreError
    from tettpa_tui.text import printable

    detail = store_message(exc) if isinstance(exc, StoreError) else f"{type(exc).__name__}: {exc}"
    print(printable(t("report.not_written", detail=detail)), file=sys.stderr)
