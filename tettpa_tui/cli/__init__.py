"""The command line: `tettpa` opens the app; subcommands script the same data.

Thin by design: parse, call the domain and the store, print. One module per
command group (each has `register(sub)` and its `cmd_*` functions); this module
builds the parser from them and turns every error into one line on stderr in the
user's language: exit 2 for wrong usage, 1 for anything else, never a traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from tettpa_tui.cli.common import (
    EXIT_ERROR,
    EXIT_USAGE,
    UsageError,
    add_data_dir,
    err,
    now,
    store_of,
    today,
)
from tettpa_tui.content import ContentError
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.i18n import LANGUAGES, set_language, t
from tettpa_tui.messages import domain_message, quoted, store_message
from tettpa_tui.store import Store, StoreError
from tettpa_tui.store.errors import os_reason
from tettpa_tui.store.repository import default_data_dir

if TYPE_CHECKING:  # argparse itself only when a command is given: `tettpa` alone opens the app
    import argparse

    from tettpa_tui.cli.parser import Parser

__all__ = ["main", "build_parser", "today", "now", "EXIT_ERROR", "EXIT_USAGE", "UsageError"]


def _registers() -> list:
    """Each command group's `register`, in the order `tettpa --help` lists them (imported
    only when a command is given: `tettpa` alone opens the app without them)."""
    from tettpa_tui.cli import (
        app,
        backup,
        certification,
        department,
        meeting,
        microproject,
        observation,
        overview,
        person,
        plan,
        report,
        retention,
        serve,
        story,
    )

    return [
        app.register,
        department.register,
        serve.register,
        department.register_staff,
        plan.register,
        story.register,
        meeting.register,
        observation.register,
        certification.register,
        microproject.register,
        overview.register,
        meeting.register_search,
        overview.register_check,
        retention.register,
        person.register,
        backup.register,
        report.register,
    ]


def _version_action():
    """`tettpa --version`: the installed version, looked up only when asked."""
    import argparse

    class Version(argparse.Action):
        def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
            super().__init__(option_strings=option_strings, dest=dest, default=default, nargs=0, help=help)

        def __call__(self, parser, namespace, values, option_string=None):
            from tettpa_tui import __version__

            print(f"tettpa {__version__}")
            parser.exit()

    return Version


def build_parser() -> Parser:
    from tettpa_tui.cli.parser import Parser

    parser = Parser(prog="tettpa", description=t("cli.help.main"))
    parser.add_argument("--version", action=_version_action(), help=t("cli.help.version"))
    add_data_dir(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar=t("cli.metavar.command"), parser_class=Parser)
    for register in _registers():
        register(sub)
    return parser


def _option(argv: list[str], name: str) -> str | None:
    """An option's value given anywhere on the line, read before the parser is built."""
    for i, arg in enumerate(argv):
        if arg == name and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return None


def _choose_language(argv: list[str]) -> None:
    """--lang, else TETTPA_LANG, else the language chosen in the app, else bokmål.

    Chosen before the parser and the screens are built: their texts are read then.
    """
    lang = _option(argv, "--lang")
    if lang is None and "TETTPA_LANG" not in os.environ:
        folder = _option(argv, "--data-dir")
        try:
            lang = Store(Path(folder) if folder else default_data_dir()).setting("language")
        except (StoreError, OSError):
            lang = None  # the command itself will say what is wrong with the data
    if lang in LANGUAGES:
        set_language(lang)


# Options that name a file or folder: any bytes the file system takes are fine there.
_PATH_OPTIONS = {"data_dir", "file", "output"}


def _text_is_utf8(args: argparse.Namespace | SimpleNamespace) -> None:
    """Refuse text given as bytes that are not UTF-8 (Python keeps them as lone surrogates),
    before it can reach a data file that has to be UTF-8."""
    for name, value in vars(args).items():
        values = value if isinstance(value, list) else [value]
        for v in values:
            if name not in _PATH_OPTIONS and isinstance(v, str) and any("\ud800" <= ch <= "\udfff" for ch in v):
                raise UsageError(t("cli.input.not_utf8_argument", value=quoted(v)))


def _just_the_app(argv: list[str]) -> SimpleNamespace | None:
    """`tettpa` alone, or with --data-dir and --lang only: the app, without importing and
    building every command's parser first (a quicker start). None for anything else,
    which the full parser then reads (and refuses as it would)."""
    values: dict[str, str | None] = {"data_dir": None, "lang": None}
    rest = list(argv)
    while rest:
        name, eq, value = rest.pop(0).partition("=")
        key = {"--data-dir": "data_dir", "--lang": "lang"}.get(name)
        if key is None or values[key] is not None:
            return None
        if not eq:
            if not rest or rest[0].startswith("-"):
                return None
            value = rest.pop(0)
        values[key] = value
    if values["lang"] not in (None, *LANGUAGES):
        return None
    return SimpleNamespace(command=None, **values)


# Said when the catalogue of texts itself cannot be read (content/strings.*.toml broken or
# missing): then no text can come from it, so this one line is in English, here.
CONTENT_UNREADABLE = "tettpa: The program's content files are missing or broken ({detail}). Please reinstall the app."


def content_message(exc: ContentError) -> str:
    """One line naming the broken content file and where in it; in the user's language when
    the texts can be read, else in English."""
    try:
        return t("cli.error_prefix") + t("error.content", detail=str(exc))
    except ContentError:
        return CONTENT_UNREADABLE.format(detail=exc)


def main(argv: list[str] | None = None) -> int:
    from tettpa_tui import oscompat

    oscompat.utf8_output()  # a pipe or a file gets UTF-8 on Windows too (not cp1252)
    given = sys.argv[1:] if argv is None else argv
    try:
        _choose_language(given)
        return _main(given, argv)
    except ContentError as exc:  # content/ broken where a message itself needs it: one line, no traceback
        err(content_message(exc))
        return EXIT_ERROR


def _main(given: list[str], argv: list[str] | None) -> int:
    try:
        try:
            args = _just_the_app(given) or build_parser().parse_args(argv)
        except SystemExit as exc:  # --help, --version
            sys.stdout.flush()
            return int(exc.code or 0)
        _text_is_utf8(args)
        if args.command is None:
            from tettpa_tui.cli import app

            return app.run_app(store_of(args))
        return args.handler(args)
    except UsageError as exc:
        err(str(exc))
        return EXIT_USAGE
    except DomainError as exc:
        err(t("cli.error_prefix") + domain_message(exc))
        return EXIT_ERROR
    except StoreError as exc:
        err(t("cli.error_prefix") + store_message(exc))
        return EXIT_ERROR
    except ContentError as exc:
        err(content_message(exc))
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _quiet_stdout()
        return 0
    except OSError as exc:  # a file the store does not own (a folder on the way, a file given)
        err(t("cli.error_prefix") + store_message(StoreError(exc.filename or "?", reason=os_reason(exc))))
        return EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 - the last guard: one line, never a traceback
        err(t("cli.error_prefix") + t("error.unexpected", detail=f"{type(exc).__name__}: {exc}"))
        return EXIT_ERROR


def _quiet_stdout() -> None:
    """After the reader of our output has gone (`tettpa ... | head`), say nothing more at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
