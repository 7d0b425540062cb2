"""`tettpa backup` and `tettpa restore`: encrypted backups, and moving to a new machine.

The passphrase is asked twice (hidden), or read from a file or standard input;
never taken as an argument, where it would stay in the shell's history and be
visible to other users in the process list.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tettpa_tui.cli.common import UsageError, err, leaf, now, out, output_file, print_json, store_of
from tettpa_tui.messages import store_message
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.i18n import t
from tettpa_tui.store.errors import os_reason



def register(sub) -> None:
    b = leaf(sub, "backup", "backup", cmd_backup, path=False, json=True)
    b.add_argument("target", metavar=t("cli.metavar.backup_target"), nargs="?")
    b.add_argument("--all", action="store_true", help=t("cli.help.backup_all"))
    b.add_argument("-o", "--output", metavar=t("cli.metavar.file"), required=True, help=t("cli.help.backup_output"))
    b.add_argument("--force", action="store_true", help=t("cli.help.backup_force"))
    _passphrase_options(b)
    r = leaf(sub, "restore", "restore", cmd_restore, path=False, json=True)
    r.add_argument("file", metavar=t("cli.metavar.file"))
    r.add_argument("--replace", action="store_true", help=t("cli.help.restore_replace"))
    _passphrase_options(r)


def _passphrase_options(p: argparse.ArgumentParser) -> None:
    how = p.add_mutually_exclusive_group()
    how.add_argument("--passphrase-file", metavar=t("cli.metavar.file"), help=t("cli.help.passphrase_file"))
    how.add_argument("--passphrase-stdin", action="store_true", help=t("cli.help.passphrase_stdin"))


def read_passphrase(args: argparse.Namespace, twice: bool) -> str:
    """From --passphrase-file, --passphrase-stdin, or asked (twice for a new backup)."""
    if args.passphrase_file:
        try:
            # utf-8-sig: Notepad's "UTF-8 with BOM" and PowerShell 5.1 put a BOM first,
            # which is no part of the passphrase.
            with open(args.passphrase_file, encoding="utf-8-sig") as f:
                text = f.readline().rstrip("\r\n")
        except OSError as exc:  # one line with the "tettpa: " prefix, in the user's words
            raise DomainError("backup.cli.passphrase_file", path=args.passphrase_file, reason=os_reason(exc)) from None
        except UnicodeDecodeError:
            raise DomainError("backup.cli.passphrase_file", path=args.passphrase_file, reason="not_text") from None
        return text
    if args.passphrase_stdin:
        try:  # the bytes themselves: a passphrase that is not UTF-8 gets one clear line
            raw = sys.stdin.buffer.readline() if hasattr(sys.stdin, "buffer") else sys.stdin.readline().encode()
            return raw.decode("utf-8").removeprefix("\ufeff").rstrip("\r\n")
        except UnicodeDecodeError:
            raise UsageError(t("cli.input.not_utf8_stdin")) from None
    if not sys.stdin or not sys.stdin.isatty():  # getpass would warn and then fail on end of input
        raise UsageError(t("backup.cli.no_terminal"))
    import getpass

    first = getpass.getpass(t("backup.cli.prompt"))
    if twice and getpass.getpass(t("backup.cli.again")) != first:
        raise UsageError(t("backup.cli.mismatch"))
    return first


def cmd_backup(args: argparse.Namespace) -> int:
    from tettpa_tui.services import backup as svc
    from tettpa_tui.store.backup import BackupKey, check_passphrase

    if bool(args.all) == bool(args.target):
        raise UsageError(t("backup.cli.usage"))
    target = output_file(args.output, force=args.force, args=args)  # before the passphrase is asked
    store = store_of(args)
    scope = svc.scope_of(args.target, args.all)
    passphrase = read_passphrase(args, twice=True)
    check_passphrase(passphrase)
    manifest = svc.make_backup(store, scope, target, BackupKey.from_passphrase(passphrase), now())
    if svc.NOT_REMEMBERED in manifest:  # the backup is whole; only its date could not be noted
        err(store_message(manifest.pop(svc.NOT_REMEMBERED)))
        err(t("backup.cli.not_remembered"))
    if args.json:
        print_json({"file": str(target), **manifest})
        return 0
    out(t("backup.cli.done", departments=len(manifest["departments"]), files=len(manifest["files"]),
                      file=str(target)))
    if scope.kind != "all":
        out(t("backup.cli.not_last"))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from tettpa_tui.services import backup as svc
    from tettpa_tui.store import backup as files

    store = store_of(args)
    path = Path(args.file)
    passphrase = None
    if args.passphrase_file or args.passphrase_stdin:
        passphrase = read_passphrase(args, twice=False)
    else:
        _prefix, header, _rest = files.read_header(path)  # a bad file is named before any prompt
        kept = files.load_key(store)
        try:
            files.key_for(path, header, None, kept)
        except files.WrongPassphrase:
            passphrase = read_passphrase(args, twice=False)
    done = svc.restore(store, path, passphrase, args.replace, now())
    plan = done.plan
    kg_replaced = [files.kg_name_of(done.opened, rel) for rel in plan.kg_replaced]
    kg_left = [files.kg_name_of(done.opened, rel) for rel in plan.kg_left]
    if args.json:
        print_json({"file": str(path), "restored": plan.new, "replaced": plan.replaced, "unchanged": plan.same,
                    "kindergartens_replaced": kg_replaced, "kindergartens_left": kg_left,
                    "kept": str(done.kept) if done.kept else None,
                    "created": done.manifest.get("created"), "app_version": done.manifest.get("app_version")})
        return 0
    for name in plan.new:
        out(t("backup.cli.restored", department=name))
    for name in plan.replaced:
        out(t("backup.cli.replaced", department=name))
    for name in plan.same:
        out(t("backup.cli.same", department=name))
    for name in kg_replaced:
        out(t("backup.cli.kg_replaced", kindergarten=name))
    for name in kg_left:
        out(t("backup.cli.kg_left", kindergarten=name))
    if done.kept:
        out(t("backup.cli.kept", file=str(done.kept)))
    return 0
