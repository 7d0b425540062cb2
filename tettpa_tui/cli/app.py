"""`tettpa` and `tettpa demo`: the app itself."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from tettpa_tui.cli.common import UsageError, leaf, out, today
from tettpa_tui.i18n import t
from tettpa_tui.store import Store

if TYPE_CHECKING:
    import argparse


def register(sub) -> None:
    demo = leaf(sub, "demo", "demo", cmd_demo, path=False)
    # The demo has its own folder and never reads TETTPA_DATA_DIR: its --data-dir says so.
    for action in demo._actions:
        if action.dest == "data_dir":
            action.help = t("cli.help.demo_data_dir")
    demo.add_argument("--create-only", action="store_true", help=t("cli.help.create_only"))


def cmd_demo(args: argparse.Namespace) -> int:
    from tettpa_tui.services.demo import create_demo, demo_data_dir, is_demo

    own_folder = not getattr(args, "data_dir", None)
    root = demo_data_dir() if own_folder else Path(args.data_dir)
    store = Store(root)
    created = create_demo(store, today())
    if not created and not own_folder and not is_demo(store):  # never the demo's flag over real data
        raise UsageError(t("serve.demo_real_data", path=str(root)))
    if args.create_only:
        out(t("cli.demo_created" if created else "cli.demo_exists", path=str(root)))
        return 0
    return run_app(store, demo=True)


def run_app(store: Store, demo: bool = False) -> int:
    from tettpa_tui import lazy


    lazy.pause_collector()  # until the first screen is drawn (TettpaApp resumes it): a quicker start
    try:
        from tettpa_tui.app import RESTART, TettpaApp

        app = TettpaApp(store=store, today=today(), demo=demo)
        if not _drawn_in_a_terminal():
            # Output to a file or a pipe: Textual would draw frame after frame into it (megabytes
            # a second, with no size to settle on) and no key could reach the app.
            print(t("error.app_needs_terminal"), file=sys.stderr)
            return 2
        result = app.run()
    finally:
        lazy.resume_collector()  # (already, unless the app ended before its first frame)
    if isinstance(result, tuple) and result[0] == RESTART:
        restart_in(result[1])
    return app.return_code or 0


def _drawn_in_a_terminal() -> bool:
    try:
        return sys.stdout.isatty() and sys.stdin.isatty()
    except (AttributeError, ValueError):  # no stdout at all (pythonw), or a closed one
        return False


def restart_in(lang: str) -> NoReturn:
    """Start the app again in `lang` (the screens' texts are fixed when they are loaded)."""
    argv = sys.argv[1:]
    for i, arg in enumerate(argv):  # the new choice wins over a --lang given before
        if arg == "--lang" and i + 1 < len(argv):
            argv = argv[:i] + argv[i + 2:]
            break
        if arg.startswith("--lang="):
            argv = argv[:i] + argv[i + 1:]
            break
    os.environ["TETTPA_LANG"] = lang
    from tettpa_tui import oscompat

    oscompat.restart(argv)
