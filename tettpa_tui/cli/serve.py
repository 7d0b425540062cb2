"""`tettpa serve`: staff hand in stories from a browser."""

from __future__ import annotations

import argparse
import os

from tettpa_tui.cli.common import UsageError, leaf, store_of, today
from tettpa_tui.i18n import t
from tettpa_tui.store import Store


def register(sub) -> None:
    serve = leaf(sub, "serve", "serve", cmd_serve)
    serve.add_argument("--host", default="127.0.0.1", help=t("cli.help.host"))
    serve.add_argument("--port", type=int, default=8000, help=t("cli.help.port"))
    serve.add_argument("--demo", action="store_true", help=t("cli.help.serve_demo"))


def cmd_serve(args: argparse.Namespace) -> int:
    from tettpa_tui.serve import plan_serve, port_free, run_server

    if args.demo and not getattr(args, "data_dir", None):
        from tettpa_tui.demo import create_demo, demo_data_dir

        store = Store(demo_data_dir())
        create_demo(store, today())
    else:
        store = store_of(args)
    plan = plan_serve(store, args.path, host=args.host, port=args.port)
    if not port_free(plan.host, plan.port):
        raise UsageError(t("cli.port_busy", host=plan.host, port=plan.port))
    os.umask(0o077)
    run_server(plan)
    return 0
