"""Backups and restoring, for both faces: manual ones, and the automatic ones.

The file work is in store/backup.py, the rule of what to keep in
domain/backup_rotation.py; this wires them to the data folder's settings:

    backup_folder   the folder the leader chose once for automatic backups
    last_backup     {"at": ISO time, "file": path} of the newest backup of everything made here

Automatic backups need the key kept on this machine (store/backup.py, 0600),
made from the passphrase when the folder is chosen; restoring elsewhere needs
the passphrase itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from tettpa_tui import __version__
from tettpa_tui.domain import backup_rotation as retention
from tettpa_tui.store import Store
from tettpa_tui.store import backup as files
from tettpa_tui.store.backup import BackupKey, OpenedBackup, RestorePlan, Scope

AUTO_NAME = re.compile(r"tettpa-(\d{8}-\d{6})" + re.escape(files.SUFFIX))


def scope_of(target: str | None, everything: bool) -> Scope:
    if everything:
        return Scope("all")
    assert target is not None
    return Scope("department", target) if "/" in target else Scope("kindergarten", target.strip())


NOT_REMEMBERED = "_not_remembered"
# When a backup could not be made because the chosen folder was not there (ISO time);
# kept until a backup succeeds, so a restart does not forget it.
MISSED = "backup_missed"


def make_backup(store: Store, scope: Scope, target: Path, key: BackupKey, now: datetime) -> dict[str, Any]:
    """Write one encrypted backup file; returns its manifest. A backup of everything (the
    automatic ones, `--all`) is remembered as the last backup; one of a department or a
    kindergarten is not (it does not keep the rest, so it must not quiet the reminder).

    The settings (settings.json) are not part of a backup, so one that cannot be read
    does not stop it: the backup is written and whole, and the manifest returned
    carries the error under NOT_REMEMBERED (its date could not be noted)."""
    from tettpa_tui.store.errors import StoreError

    found, departments = files.collect(store, scope)
    manifest = files.manifest_for(found, scope, departments, now, __version__)
    files.write_backup(target, manifest, found, key)
    if scope.kind != "all":
        return manifest
    try:
        store.set_setting("last_backup", {"at": now.isoformat(timespec="seconds"),
                                          "file": str(Path(target).absolute())})
        if store.setting(MISSED):
            store.set_setting(MISSED, None)  # a backup succeeded: the missed one is no longer news
    except StoreError as exc:
        return {**manifest, NOT_REMEMBERED: exc}
    return manifest


@dataclass(frozen=True)
class Restored:
    manifest: dict[str, Any]
    plan: RestorePlan
    kept: Path | None  # the backup of what was replaced
    opened: OpenedBackup | None = None


def open_checked(store: Store, path: Path, passphrase: str | None) -> OpenedBackup:
    return files.open_backup(path, passphrase, files.load_key(store))


def restore(store: Store, path: Path, passphrase: str | None, replace: bool, now: datetime) -> Restored:
    """Verify the whole file, then restore it; with `replace`, what is replaced is
    kept first as an encrypted backup (same passphrase) under .replaced/."""
    opened = open_checked(store, path, passphrase)
    plan = files.plan_restore(store, opened, replace)

    def keep(plan: RestorePlan) -> Path:
        target = files.replaced_target(store, now)
        found: list[tuple[str, bytes]] = []
        for name in plan.replaced:
            got, _ = files.collect(store, Scope("department", name))
            found += [f for f in got if f[0] not in {g[0] for g in found}]
        for rel in plan.kg_replaced:
            if rel not in {g[0] for g in found}:
                found.append(files.read_checked(store, store.root / rel))
        scope = Scope("kindergarten") if plan.kg_replaced else Scope("department")
        manifest = files.manifest_for(found, scope, plan.replaced, now, __version__)
        files.write_backup(target, manifest, found, opened.key)
        return target

    from tettpa_tui.i18n import t

    kept = files.restore(store, opened, plan, now, keep, former_name=t("person.former"))
    return Restored(manifest=opened.manifest, plan=plan, kept=kept, opened=opened)


# ---- automatic backups -------------------------------------------------------------


@dataclass(frozen=True)
class BackupStatus:
    folder: Path | None
    last_at: datetime | None
    last_file: str | None
    has_key: bool
    folder_missing: bool = False  # chosen, but not there now (a USB stick not plugged in)
    missed_at: datetime | None = None  # a backup that could not be made since the last one

    @property
    def ready(self) -> bool:
        return self.folder is not None and self.has_key


def status(store: Store) -> BackupStatus:
    folder = store.setting("backup_folder")
    last = store.setting("last_backup") or {}
    try:
        at = datetime.fromisoformat(last["at"]) if last.get("at") else None
    except (TypeError, ValueError):
        at = None
    try:
        missed = datetime.fromisoformat(store.setting(MISSED) or "") if store.setting(MISSED) else None
    except (TypeError, ValueError):
        missed = None
    chosen = Path(folder) if folder else None
    return BackupStatus(folder=chosen, last_at=at, last_file=last.get("file"),
                        has_key=files.load_key(store) is not None,
                        folder_missing=chosen is not None and not chosen.is_dir(), missed_at=missed)


def choose_folder(store: Store, folder: Path, passphrase: str) -> None:
    """The folder for automatic backups, and the key for them kept on this machine."""
    files.check_passphrase(passphrase)
    folder = Path(folder).expanduser().absolute()
    if folder.exists() and not folder.is_dir():
        from tettpa_tui.store.errors import NoFolder

        raise NoFolder(folder)
    files.ensure_private_dir(folder)  # made now, once; later a missing folder means "not plugged in"
    files.save_key(store, BackupKey.from_passphrase(passphrase))
    store.set_setting("backup_folder", str(folder))


def backup_now(store: Store, now: datetime) -> Path:
    """An automatic-style backup of everything into the chosen folder, then the old ones pruned."""
    st = status(store)
    key = files.load_key(store)
    if st.folder is None or key is None:
        raise files.NoBackupFolder("-")
    if not st.folder.is_dir():
        try:
            store.set_setting(MISSED, now.isoformat(timespec="seconds"))
        except Exception:  # the message below is what matters
            pass
        raise files.FolderMissing(st.folder)
    target = st.folder / f"tettpa-{now.strftime('%Y%m%d-%H%M%S')}{files.SUFFIX}"
    files.remove(st.folder.glob(f".tettpa-*{files.SUFFIX}.*.tmp"))  # an interrupted one's temp file
    make_backup(store, Scope("all"), target, key, now)
    prune(st.folder, now)
    return target


def prune(folder: Path, now: datetime) -> list[Path]:
    """Remove the automatic backups the retention rule does not keep; returns them."""
    made: dict[datetime, Path] = {}
    for p in files.list_backups(folder):
        m = AUTO_NAME.fullmatch(p.name)
        if m:
            made[datetime.strptime(m.group(1), "%Y%m%d-%H%M%S")] = p
    keep = retention.to_keep(made, now)
    gone = [p for when, p in made.items() if when not in keep]
    files.remove(gone)
    return gone


def auto_backup(store: Store, now: datetime, daily: bool = False) -> Path | None:
    """After a finished meeting (daily=False) or when the app closes (daily=True, at most
    once a day): a backup if a folder and key are set, else nothing."""
    st = status(store)
    if not st.ready:
        return None
    if daily and not retention.due_daily(st.last_at, now):
        return None
    return backup_now(store, now)


# ---- after an erasure -------------------------------------------------------------


def older_backups(store: Store) -> list[Path]:
    """The automatic backups this app made in the backup folder (they hold what was there then)."""
    st = status(store)
    if st.folder is None or not st.folder.is_dir():
        return []
    return [p for p in files.list_backups(st.folder) if AUTO_NAME.fullmatch(p.name)]


def erasure_note(store: Store, now: datetime) -> list[str]:
    """What an erasure cannot reach, said plainly: the encrypted backups elsewhere keep the
    data until the rotation removes them (at the latest on the day given), and how to renew."""
    from tettpa_tui.i18n import t

    st = status(store)
    lines = []
    made = older_backups(store)
    if made:
        lines.append(t("erasure.backups_keep", count=len(made), folder=str(st.folder),
                       until=retention.kept_until(now).isoformat()))
        lines.append(t("erasure.backups_renew"))
    if st.last_file and (st.folder is None or Path(st.last_file).parent != st.folder):
        lines.append(t("erasure.backups_elsewhere"))
    return lines


def renew(store: Store, now: datetime) -> tuple[Path, list[Path]]:
    """A fresh backup (after an erasure), then the older automatic backups this app made in
    the backup folder removed; returns the new one and those removed."""
    old = older_backups(store)
    target = backup_now(store, now)
    gone = [p for p in old if p != target]
    files.remove(gone)
    return target, gone
