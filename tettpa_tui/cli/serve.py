"""`tettpa serve`: staff hand in stories from their phones."""

from __future__ import annotations

import argparse
import os

from tettpa_tui.cli.common import UsageError, leaf, now, store_of, today
from tettpa_tui.i18n import t
from tettpa_tui.store import Store


def register(sub) -> None:
    serve = leaf(sub, "serve", "serve", cmd_serve, path=False)
    serve.add_argument("path", metavar=t("cli.metavar.backup_target"), help=t("serve.kindergarten.help_path"))
    serve.add_argument("--host", default="127.0.0.1", help=t("cli.help.host"))
    serve.add_argument("--port", type=int, default=8000, help=t("cli.help.port"))
    serve.add_argument("--name", action="append", default=[], metavar=t("serve.metavar_name"),
                       help=t("serve.help_name"))
    serve.add_argument("--tls-cert", metavar=t("cli.metavar.file"), help=t("serve.help_tls_cert"))
    serve.add_argument("--tls-key", metavar=t("cli.metavar.file"), help=t("serve.help_tls_key"))
    serve.add_argument("--demo", action="store_true", help=t("cli.help.serve_demo"))


def cmd_serve(args: argparse.Namespace) -> int:
    from tettpa_tui.web.run import pedagogues_up_to_date, plan_serve, port_free, run_server, tls_context
    from tettpa_tui.web.scope import scope_of

    start_codes: list[tuple[str, str, str]] = []
    if args.demo:
        from tettpa_tui.services.demo import create_demo, demo_data_dir, is_demo

        own_folder = not getattr(args, "data_dir", None)
        store = Store(demo_data_dir()) if own_folder else store_of(args)
        # --demo gives every person a new start code, in place of their own: never on real data
        # (another folder is served as a demo if it is empty, or the demo was written into it).
        if not create_demo(store, today()) and not own_folder and not is_demo(store):
            raise UsageError(t("serve.demo_not_demo", path=str(store.root)))
    else:
        store = store_of(args)
    if bool(args.tls_cert) != bool(args.tls_key):
        raise UsageError(t("serve.tls_both"))
    context = tls_context(args.tls_cert, args.tls_key) if args.tls_cert else None
    plan = plan_serve(store, args.path, host=args.host, port=args.port, tls=context is not None,
                      names=tuple(args.name))
    pedagogues_up_to_date(store, plan, today())
    if args.demo:
        # Demo data only: each demo person gets a start code (one for each department they
        # belong to), printed, to try the page at once.
        from tettpa_tui.workspace import Workspace

        ws = Workspace(store)
        start_codes = [(m.name, dept.name, ws.give_start_code(dept, m, now(), by_leader=False))
                       for dept in scope_of(store, plan.path).departments(store) for m in dept.active_staff]
    if not port_free(plan.host, plan.port):
        raise UsageError(t("cli.port_busy", host=plan.host, port=plan.port))
    os.umask(0o077)
    run_server(store, plan, context, start_codes, now)
    return 0
