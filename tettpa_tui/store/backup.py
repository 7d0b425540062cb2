"""Encrypted backups of data files, and restoring them: the file work.

A backup file is one file that may leave the machine (a USB stick, a synced
folder), and it holds stories about children, so it is encrypted:

    MAGIC (14 bytes) | header length (4 bytes, big-endian) | header (JSON) | ciphertext

The header says how the key is made from the passphrase (Scrypt, a
memory-hard derivation, with its salt and cost) and the cipher's nonce; it is
authenticated with the ciphertext (AES-256-GCM), so changing one byte of
either is noticed. A short check value of the key tells a wrong passphrase
apart from a damaged file. The plaintext is zlib-compressed JSON: a manifest
(format, the data files' schema, the app's version, when it was made, what
it holds, and every file's SHA-256 and size) and the files themselves.

Restoring verifies everything (decryption, format, versions, every checksum,
every path, every file readable by this version) before it writes anything,
then writes each department into a folder beside its place and swaps it in:
a failure at any point leaves the data folder as it was.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import secrets
import shutil
import struct
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from tettpa_tui import oscompat
from tettpa_tui.store import journal
from tettpa_tui.store.erasure_log import LOG_FILE, prepare_restored
from tettpa_tui.store.errors import MissingFile, StoreError, from_os_error
from tettpa_tui.store.layout import RESTORING_PREFIX
from tettpa_tui.store.repository import (
    DEPARTMENT_FILE,
    KINDERGARTEN_FILE,
    LOCK_FILE,
    Store,
)
from tettpa_tui.store.storage import (
    SCHEMA_VERSION,
    FileLock,
    atomic_write_bytes,
    decode,
    ensure_private_dir,
    fsync_dir,
    remove_stale_temp_files,
    schema_of,
)
from tettpa_tui.store.schema import validate

MAGIC = b"TETTPA-BACKUP\n"
FORMAT = 1  # of the file (header and manifest); a newer one is refused
SUFFIX = ".tettpa-backup"
KEY_FILE = ".backup-key"
REPLACED_DIR = ".replaced"
MIN_PASSPHRASE = 8
# Scrypt's cost: 2**15 x 8 x 128 bytes = 32 MiB of memory and about a tenth of
# a second per guess, which makes guessing a passphrase slow on any machine.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
MAX_HEADER = 4096

_MONTH_FILE = re.compile(r"\d{4}-\d{2}\.json")
_PART = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,80}")


class BackupError(StoreError):
    """A backup file that cannot be used; `path` is the file, nothing was changed."""

    key = "backup.error.damaged"


class WrongPassphrase(BackupError):
    key = "backup.error.passphrase"


class NotABackup(BackupError):
    key = "backup.error.not_backup"


class DamagedBackup(BackupError):
    """Truncated, altered or otherwise not whole; `reason` says which (its own message)."""

    def __init__(self, path: Path | str, reason: str = "altered", **params: object) -> None:
        self.key = f"backup.damaged.{reason}"
        super().__init__(path, **params)


class NewerBackup(BackupError):
    key = "backup.error.newer"


class RestoreConflict(BackupError):
    """The place is taken: a department of that name exists (restore with --replace)."""

    key = "backup.error.exists"


class NoBackupFolder(BackupError):
    """Automatic backups are not set up yet (no folder chosen, or no key kept here)."""

    key = "backup.error.no_folder"


class FolderMissing(BackupError):
    """The chosen folder is not there now (a USB stick not plugged in, a share not mounted):
    nothing is written, rather than a folder of that name made on this machine's own disk."""

    key = "backup.error.folder_missing"


class WeakPassphrase(BackupError):
    key = "backup.error.weak"


# ---- the key --------------------------------------------------------------------


@dataclass(frozen=True)
class BackupKey:
    """A key made from a passphrase, with what is needed to make it again."""

    key: bytes = field(repr=False)
    salt: bytes
    n: int = SCRYPT_N
    r: int = SCRYPT_R
    p: int = SCRYPT_P

    @classmethod
    def from_passphrase(cls, passphrase: str, salt: bytes | None = None, n: int = SCRYPT_N,
                        r: int = SCRYPT_R, p: int = SCRYPT_P) -> "BackupKey":
        from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

        salt = salt if salt is not None else secrets.token_bytes(16)
        key = Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))
        return cls(key=key, salt=salt, n=n, r=r, p=p)

    @property
    def check(self) -> str:
        """A short value that tells a wrong passphrase from a damaged file."""
        return _b64(hmac.new(self.key, b"tettpa-backup-key-check", hashlib.sha256).digest()[:8])

    def kdf_doc(self) -> dict[str, Any]:
        return {"name": "scrypt", "n": self.n, "r": self.r, "p": self.p, "salt": _b64(self.salt)}

    def to_doc(self) -> dict[str, Any]:
        return {**self.kdf_doc(), "key": _b64(self.key)}

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> "BackupKey":
        return cls(key=_unb64(doc["key"]), salt=_unb64(doc["salt"]), n=int(doc["n"]), r=int(doc["r"]),
                   p=int(doc["p"]))


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise WeakPassphrase("-", min=MIN_PASSPHRASE)


def save_key(store: Store, key: BackupKey) -> Path:
    """Keep a key on this machine (0600) so automatic backups need no prompt."""
    path = store.root / KEY_FILE
    atomic_write_bytes(path, json.dumps(key.to_doc()).encode("utf-8"))
    return path


def load_key(store: Store) -> BackupKey | None:
    path = store.root / KEY_FILE
    try:
        return BackupKey.from_doc(json.loads(path.read_bytes()))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


# ---- what a backup holds ----------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """What to back up: one department ("KG/DEPT"), a kindergarten ("KG"), or everything."""

    kind: str  # "department" | "kindergarten" | "all"
    name: str | None = None

    def to_doc(self) -> dict[str, Any]:
        return {"kind": self.kind, "name": self.name}


def department_files(folder: Path) -> list[Path]:
    """A department's data files: department.json and its month files."""
    out = [folder / DEPARTMENT_FILE]
    out += sorted(p for p in folder.iterdir() if _MONTH_FILE.fullmatch(p.name) and p.is_file())
    return out


def collect(store: Store, scope: Scope) -> tuple[list[tuple[str, bytes]], list[str]]:
    """The files to back up (path relative to the data folder, bytes), and the
    departments they hold ("KG/DEPT"). Each department is read under its lock,
    so its files fit together; a file this version cannot read whole (what
    `check` reports, a broken record among it) is refused with its StoreError:
    nothing is written, and the message names the file."""
    from tettpa_tui.domain.errors import DomainError
    from tettpa_tui.domain.records import slugify

    depts = store.list_departments(include_pedagogue=True)
    if scope.kind == "department":
        wanted = store.department(scope.name or "")
        depts = [d for d in depts if (slugify(d.kindergarten), slugify(d.name))
                 == (slugify(wanted.kindergarten), slugify(wanted.name))]
    elif scope.kind == "kindergarten":
        depts = [d for d in depts if slugify(d.kindergarten) == slugify(scope.name or "")]
        if not depts:
            raise DomainError("error.kindergarten_unknown", name=scope.name)
    if not depts:
        raise DomainError("backup.error.nothing")
    files: list[tuple[str, bytes]] = []
    kgs_done: set[str] = set()
    for d in depts:
        kg_dir = store.kindergarten_dir(d.kindergarten)
        if kg_dir.name not in kgs_done:
            kgs_done.add(kg_dir.name)
            files.append(read_checked(store, kg_dir / KINDERGARTEN_FILE))
        folder = store.department_dir(d.kindergarten, d.name)
        with FileLock(folder / LOCK_FILE):
            for p in department_files(folder):
                files.append(read_checked(store, p))
            log = folder / LOG_FILE  # what was erased travels with the data (store/erasure.py)
            if log.is_file():
                files.append((log.relative_to(store.root).as_posix(), log.read_bytes()))
    return files, [d.path for d in depts]


def read_checked(store: Store, path: Path) -> tuple[str, bytes]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise from_os_error(path, exc) from exc
    check_bytes(path, raw)  # raises for a file this version cannot read whole, as check says
    return path.relative_to(store.root).as_posix(), raw


def check_bytes(path: Path, raw: bytes) -> None:
    """Raise the StoreError `check` would report for a data file of these bytes (unreadable,
    newer, or a broken record): such a file is never put into a backup nor restored."""
    data = decode(path, raw)
    if schema_of(data) == SCHEMA_VERSION:
        validate(path, data)


def manifest_for(files: list[tuple[str, bytes]], scope: Scope, departments: list[str],
                 created: datetime, app_version: str) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "kind": "tettpa-backup",
        "schema": SCHEMA_VERSION,
        "app_version": app_version,
        "created": created.isoformat(timespec="seconds"),
        "scope": scope.to_doc(),
        "departments": departments,
        "files": [{"path": p, "sha256": hashlib.sha256(raw).hexdigest(), "size": len(raw)} for p, raw in files],
    }


# ---- sealing and opening ---------------------------------------------------------------


def seal(manifest: dict[str, Any], files: list[tuple[str, bytes]], key: BackupKey) -> bytes:
    """The encrypted backup file's bytes."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    payload = json.dumps({"manifest": manifest, "files": {p: _b64(raw) for p, raw in files}},
                         ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    nonce = secrets.token_bytes(12)
    header = json.dumps({"format": FORMAT, "cipher": "AES-256-GCM", "kdf": key.kdf_doc(),
                         "check": key.check, "nonce": _b64(nonce)}, separators=(",", ":")).encode("ascii")
    prefix = MAGIC + struct.pack(">I", len(header)) + header
    return prefix + AESGCM(key.key).encrypt(nonce, zlib.compress(payload, 6), prefix)


def write_backup(target: Path, manifest: dict[str, Any], files: list[tuple[str, bytes]], key: BackupKey) -> None:
    """Seal and write atomically (0600; the folder made if missing). The temp file an
    interrupted write of the same name left is removed first."""
    target = Path(target)
    if target.parent.is_dir():
        remove_stale_temp_files(target)
    atomic_write_bytes(target, seal(manifest, files, key))


@dataclass(frozen=True)
class OpenedBackup:
    path: Path
    manifest: dict[str, Any]
    files: dict[str, bytes]
    key: BackupKey

    @property
    def departments(self) -> list[str]:
        return list(self.manifest.get("departments", []))


def read_header(path: Path) -> tuple[bytes, dict[str, Any], bytes]:
    """(the authenticated prefix, the header, the ciphertext); raises a BackupError."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError as exc:  # the file named, not a data folder
        raise MissingFile(path) from exc
    except OSError as exc:
        raise from_os_error(path, exc) from exc
    if not raw.startswith(MAGIC):
        if MAGIC.startswith(raw):
            raise DamagedBackup(path, reason="truncated")
        raise NotABackup(path)
    start = len(MAGIC) + 4
    if len(raw) < start:
        raise DamagedBackup(path, reason="truncated")
    (size,) = struct.unpack(">I", raw[len(MAGIC):start])
    if size > MAX_HEADER:
        raise DamagedBackup(path, reason="header")
    if len(raw) < start + size:
        raise DamagedBackup(path, reason="truncated")
    try:
        header = json.loads(raw[start:start + size].decode("ascii"))
        if not isinstance(header, dict):
            raise ValueError
    except (UnicodeDecodeError, ValueError):
        raise DamagedBackup(path, reason="header") from None
    fmt = header.get("format")
    if isinstance(fmt, int) and fmt > FORMAT:
        raise NewerBackup(path, version=fmt, known=FORMAT)
    if fmt != FORMAT or header.get("cipher") != "AES-256-GCM" or not isinstance(header.get("kdf"), dict):
        raise DamagedBackup(path, reason="header")
    return raw[:start + size], header, raw[start + size:]


def key_for(path: Path, header: dict[str, Any], passphrase: str | None = None,
            kept: BackupKey | None = None) -> BackupKey:
    """The key that opens this file: the kept one if it fits, else made from the passphrase."""
    kdf = header["kdf"]
    try:
        salt, n, r, p = _unb64(kdf["salt"]), int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
    except (KeyError, TypeError, ValueError):
        raise DamagedBackup(path, reason="header") from None
    if kdf.get("name") != "scrypt" or not (2 <= n <= 2**20 and n & (n - 1) == 0) or not (1 <= r <= 32) \
            or not (1 <= p <= 16) or not 8 <= len(salt) <= 64:
        raise DamagedBackup(path, reason="header")
    if kept is not None and kept.salt == salt and (kept.n, kept.r, kept.p) == (n, r, p) \
            and hmac.compare_digest(kept.check, str(header.get("check", ""))):
        return kept
    if passphrase is None:
        raise WrongPassphrase(path)
    key = BackupKey.from_passphrase(passphrase, salt, n, r, p)
    if not hmac.compare_digest(key.check, str(header.get("check", ""))):
        raise WrongPassphrase(path)
    return key


def open_backup(path: Path, passphrase: str | None = None, kept: BackupKey | None = None) -> OpenedBackup:
    """Decrypt and verify a backup completely; raises a BackupError, writes nothing."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    path = Path(path)
    prefix, header, ciphertext = read_header(path)
    key = key_for(path, header, passphrase, kept)
    try:
        nonce = _unb64(header["nonce"])
        plain = AESGCM(key.key).decrypt(nonce, ciphertext, prefix)
    except (InvalidTag, KeyError, TypeError, ValueError):
        raise DamagedBackup(path, reason="altered") from None
    try:
        payload = json.loads(zlib.decompress(plain).decode("utf-8"))
        manifest, encoded = payload["manifest"], payload["files"]
        if not isinstance(manifest, dict) or not isinstance(encoded, dict):
            raise ValueError
    except (zlib.error, UnicodeDecodeError, ValueError, KeyError, TypeError):
        raise DamagedBackup(path, reason="content") from None
    if manifest.get("kind") != "tettpa-backup":
        raise DamagedBackup(path, reason="content")
    if isinstance(manifest.get("format"), int) and manifest["format"] > FORMAT:
        raise NewerBackup(path, version=manifest["format"], known=FORMAT)
    if isinstance(manifest.get("schema"), int) and manifest["schema"] > SCHEMA_VERSION:
        raise NewerBackup(path, version=manifest["schema"], known=SCHEMA_VERSION)
    files = _verify(path, manifest, encoded)
    return OpenedBackup(path=path, manifest=manifest, files=files, key=key)


def _verify(path: Path, manifest: dict[str, Any], encoded: dict[str, Any]) -> dict[str, bytes]:
    """Every file listed, present, of the right size and SHA-256, at a safe place,
    and readable by this version."""
    listed = manifest.get("files")
    if not isinstance(listed, list) or not listed:
        raise DamagedBackup(path, reason="content")
    files: dict[str, bytes] = {}
    for entry in listed:
        try:
            rel, digest, size = entry["path"], entry["sha256"], entry["size"]
            raw = _unb64(encoded[rel])
        except (KeyError, TypeError, ValueError):
            raise DamagedBackup(path, reason="content") from None
        if not safe_relpath(rel):
            raise DamagedBackup(path, reason="paths")
        if len(raw) != size or not hmac.compare_digest(hashlib.sha256(raw).hexdigest(), str(digest)):
            raise DamagedBackup(path, reason="checksum", file=rel)
        try:
            if rel.endswith("/" + LOG_FILE):
                _check_log(raw)
            else:
                check_bytes(Path(rel), raw)
        except (StoreError, ValueError):
            raise DamagedBackup(path, reason="file", file=rel) from None
        files[rel] = raw
    if set(files) != set(encoded):
        raise DamagedBackup(path, reason="content")
    return files


def _check_log(raw: bytes) -> None:
    """An erasure log: lines of JSON objects (raises ValueError otherwise)."""
    for line in raw.decode("utf-8").splitlines():
        if line.strip() and not isinstance(json.loads(line), dict):
            raise ValueError(line)


def safe_relpath(rel: object) -> bool:
    """A path of the data folder's own shape: KG/kindergarten.json, KG/DEPT/department.json,
    KG/DEPT/YYYY-MM.json or KG/DEPT/erasures.jsonl; nothing that could climb out or hide."""
    if not isinstance(rel, str) or "\\" in rel or "\x00" in rel:
        return False
    parts = PurePosixPath(rel).parts
    if PurePosixPath(rel).as_posix() != rel or not all(_PART.fullmatch(p) for p in parts[:-1]):
        return False
    if len(parts) == 2:
        return parts[1] == KINDERGARTEN_FILE
    if len(parts) == 3:
        return parts[2] in (DEPARTMENT_FILE, LOG_FILE) or bool(_MONTH_FILE.fullmatch(parts[2]))
    return False


# ---- restoring -----------------------------------------------------------------------


@dataclass(frozen=True)
class RestorePlan:
    """What a restore will do: departments new here, those it replaces, those that
    are here already exactly as in the backup (a rerun), and the kindergartens'
    own files (name, pool, samarbeidsmøter) it writes, replaces or leaves alone."""

    new: list[str]
    replaced: list[str]
    folders: dict[str, list[str]]  # "kg/dept" folder -> files (relative paths) to write
    same: list[str] = field(default_factory=list)
    kg_new: list[str] = field(default_factory=list)  # "kg/kindergarten.json" written, none here
    kg_replaced: list[str] = field(default_factory=list)  # ... replaced (the backup is of it)
    kg_left: list[str] = field(default_factory=list)  # ... here and different, left as it is
    extra: dict[str, list[str]] = field(default_factory=dict)  # folder -> month files of the replaced one

    @property
    def kg_files(self) -> list[str]:
        return self.kg_new + self.kg_replaced


def plan_restore(store: Store, backup: OpenedBackup, replace: bool) -> RestorePlan:
    """What restoring `backup` would do here; raises RestoreConflict without `replace`
    when a department (or, for a backup of a kindergarten or of everything, a
    kindergarten's own file) is here and different. A backup of one department never
    changes its kindergarten's own file: that holds what the whole kindergarten shares."""
    folders: dict[str, list[str]] = {}
    for rel in backup.files:
        parts = rel.split("/")
        if len(parts) == 3:
            folders.setdefault(f"{parts[0]}/{parts[1]}", []).append(rel)
    for folder, rels in folders.items():
        if f"{folder}/{DEPARTMENT_FILE}" not in rels:
            raise DamagedBackup(backup.path, reason="content")
        if f"{folder.split('/')[0]}/{KINDERGARTEN_FILE}" not in backup.files \
                and not (store.root / folder.split("/")[0] / KINDERGARTEN_FILE).exists():
            raise DamagedBackup(backup.path, reason="content")
    new, taken, same = [], [], []
    extra: dict[str, list[str]] = {}
    for folder in sorted(folders):
        name = _dept_name(backup.files[f"{folder}/{DEPARTMENT_FILE}"], folder)
        target = store.root / folder
        if not (target / DEPARTMENT_FILE).exists():
            new.append(name)
            continue
        here = {p.name for p in department_files(target) if p.exists()}
        wanted = {rel.split("/")[-1] for rel in folders[folder]} - {LOG_FILE}  # the log is merged, not compared
        if here == wanted and all(_same_bytes(store.root / rel, backup.files[rel]) for rel in folders[folder]
                                  if not rel.endswith("/" + LOG_FILE)):
            same.append(name)
            continue
        taken.append(name)
        extra[folder] = sorted(here - wanted)
    scope = (backup.manifest.get("scope") or {}).get("kind") if isinstance(backup.manifest.get("scope"), dict) \
        else None
    kg_new, kg_replaced, kg_left = [], [], []
    for rel, raw in sorted(backup.files.items()):
        if rel.count("/") != 1:
            continue
        dest = store.root / rel
        if not dest.exists():
            kg_new.append(rel)
        elif _same_bytes(dest, raw):
            continue
        elif scope in ("kindergarten", "all"):
            kg_replaced.append(rel)
        else:
            kg_left.append(rel)
    if (taken or kg_replaced) and not replace:
        first = taken[0] if taken else _kg_name(backup.files[kg_replaced[0]], kg_replaced[0])
        raise RestoreConflict(backup.path, department=first, count=len(taken) + len(kg_replaced))
    same_names = set(same)
    return RestorePlan(new=new, replaced=taken, same=same,
                       folders={f: r for f, r in folders.items()
                                if _dept_name(backup.files[f"{f}/{DEPARTMENT_FILE}"], f) not in same_names},
                       kg_new=kg_new, kg_replaced=kg_replaced, kg_left=kg_left, extra=extra)


def _same_bytes(path: Path, raw: bytes) -> bool:
    try:
        return path.read_bytes() == raw
    except OSError:
        return False


def _dept_name(raw: bytes, folder: str) -> str:
    try:
        doc = json.loads(raw)["department"]["1"]
        return f"{doc['kindergarten']}/{doc['name']}"
    except (ValueError, KeyError, TypeError):
        return folder


def _kg_name(raw: bytes, rel: str) -> str:
    try:
        return str(json.loads(raw)["kindergarten"]["1"]["name"])
    except (ValueError, KeyError, TypeError):
        return rel.split("/")[0]


def kg_name_of(backup: OpenedBackup | None, rel: str) -> str:
    """A kindergarten's name for its file's path in a backup (for what a restore says)."""
    return _kg_name(backup.files[rel], rel) if backup is not None and rel in backup.files else rel.split("/")[0]


RESTORE_KIND = "restore"


def restore(store: Store, backup: OpenedBackup, plan: RestorePlan, now: datetime,
            before_replace: Callable[[RestorePlan], Path | None] | None = None, *,
            former_name: str) -> Path | None:
    """Write the backup's departments (and kindergarten files) into the data folder, as `plan` says.

    A person the erasure log names without the name they were given gets
    `former_name` in the restored files (store/erasure_log.py).

    A journal (store/journal.py) says what will be done before anything is: then
    what is replaced is kept by `before_replace` (an encrypted backup, whose path
    is returned); every file is written into a hidden work folder of the data
    folder (`.restoring-…`, which nothing lists as a department), the journal
    notes "staged", and each file is moved into place with os.replace under its
    folder's lock, a department's own file last. No folder is ever renamed (on
    Windows a folder whose lock file is open cannot be), and a department's file
    is always there, old or new. Killed before "staged", the next opening of the
    data folder removes the work folder (nothing here was changed); after it, it
    moves the rest into place. The work folder is removed at the end.
    """
    if not plan.folders and not plan.kg_files:
        return None
    ensure_private_dir(store.root)
    intent = {
        "work": f"{RESTORING_PREFIX}{secrets.token_hex(4)}",
        "departments": {folder: sorted(rel.split("/")[-1] for rel in rels)
                        for folder, rels in sorted(plan.folders.items())},
        "extra": plan.extra,
        "kindergartens": list(plan.kg_files),
    }
    try:
        with journal.begin(store.root, RESTORE_KIND, intent, handler=__name__, now=now) as entry:
            kept = before_replace(plan) if (plan.replaced or plan.kg_replaced) and before_replace else None
            work = store.root / intent["work"] / "new"
            for folder, rels in sorted(plan.folders.items()):
                for rel in rels:
                    atomic_write_bytes(work / rel, backup.files[rel])
                # The erasure log here and the backup's merged, never dropped; what it says
                # was erased is erased again in the backup's (older) files (store/erasure.py).
                prepare_restored(work / folder, store.root / folder, former_name)
                names = entry.intent["departments"][folder]
                if (work / folder / LOG_FILE).exists() and LOG_FILE not in names:
                    names.append(LOG_FILE)
            for rel in plan.kg_files:
                atomic_write_bytes(work / rel, backup.files[rel])
            entry.step_done("staged")
            _roll_forward(store.root, entry.intent)
    except OSError as exc:
        raise from_os_error(store.root, exc) from exc
    prune_replaced(store)
    return kept


def _checked_intent(root: Path, intent: dict[str, Any]) -> Path:
    """The work folder an intent names, after checking every path in it has the
    data folder's own shape (a journal is a file like any other)."""
    work = str(intent.get("work", ""))
    if not re.fullmatch(re.escape(RESTORING_PREFIX) + r"[0-9a-f]{1,32}", work):
        raise ValueError(work)
    for folder, names in dict(intent.get("departments", {})).items():
        for name in names:
            if not safe_relpath(f"{folder}/{name}"):
                raise ValueError(folder)
    for folder, names in dict(intent.get("extra", {})).items():
        for name in names:
            if not safe_relpath(f"{folder}/{name}"):
                raise ValueError(folder)
    for rel in intent.get("kindergartens", []):
        if not safe_relpath(rel) or rel.count("/") != 1:
            raise ValueError(rel)
    return root / work


def _roll_forward(root: Path, intent: dict[str, Any]) -> None:
    """Move every staged file still in the work folder into place; remove the
    replaced department's month files the backup does not have; remove the work
    folder. Safe to run again after a kill at any point of it."""
    work = _checked_intent(root, intent)
    for rel in intent.get("kindergartens", []):
        src, dest = work / "new" / rel, root / rel
        if src.exists():
            ensure_private_dir(dest.parent)
            with FileLock(dest.parent / LOCK_FILE):
                oscompat.replace(src, dest)
                fsync_dir(dest.parent)
    extra = intent.get("extra", {})
    for folder, names in sorted(intent.get("departments", {}).items()):
        target, stage = root / folder, work / "new" / folder
        ensure_private_dir(target)
        with FileLock(target / LOCK_FILE):
            # the department's own file last: a new department appears whole
            for name in sorted(names, key=lambda n: (n == DEPARTMENT_FILE, n)):
                if (stage / name).exists():
                    oscompat.replace(stage / name, target / name)
            for name in extra.get(folder, []):
                if name not in names and (target / name).exists():
                    os.unlink(target / name)
            fsync_dir(target)
    if work.exists():
        shutil.rmtree(work)


def _roll_back(root: Path, intent: dict[str, Any]) -> None:
    """Before "staged" nothing in the data folder was changed: the work folder goes."""
    work = _checked_intent(root, intent)
    if work.exists():
        shutil.rmtree(work)


@journal.register(RESTORE_KIND)
def _recover_restore(root: Path, entry: journal.Entry) -> str:
    for stale in (root / REPLACED_DIR).glob(".*.tmp"):  # the kept copy's write, cut short
        stale.unlink(missing_ok=True)
    if entry.is_done("staged"):
        _roll_forward(root, entry.intent)
        return journal.FINISHED
    _roll_back(root, entry.intent)
    return journal.ROLLED_BACK


def leftovers(root: Path) -> list[Path]:
    """Work folders of restores that are still in the data folder (for check)."""
    return sorted(p for p in Path(root).glob(f"{RESTORING_PREFIX}*"))


REPLACED_KEPT = 5


def prune_replaced(store: Store) -> list[Path]:
    """Keep the newest REPLACED_KEPT backups of what restores replaced; remove the rest."""
    made = list_backups(store.root / REPLACED_DIR)
    made.sort(key=lambda p: _replaced_order(p.name))
    gone = made[:-REPLACED_KEPT]
    remove(gone)
    return gone


def _replaced_order(name: str) -> tuple[str, int]:
    m = re.fullmatch(r"replaced-(\d{8}-\d{6})(?:-(\d+))?" + re.escape(SUFFIX), name)
    return (m.group(1), int(m.group(2) or 1)) if m else ("", 0)


def replaced_target(store: Store, now: datetime) -> Path:
    """A new file name under .replaced/ (never one that exists)."""
    base = store.root / REPLACED_DIR / f"replaced-{now.strftime('%Y%m%d-%H%M%S')}"
    target, n = Path(f"{base}{SUFFIX}"), 1
    while target.exists():
        n += 1
        target = Path(f"{base}-{n}{SUFFIX}")
    return target


def list_backups(folder: Path) -> list[Path]:
    """The backup files in a folder, oldest name first."""
    try:
        return sorted(p for p in Path(folder).iterdir() if p.name.endswith(SUFFIX) and p.is_file())
    except OSError:
        return []


def remove(paths: Iterable[Path]) -> None:
    for p in paths:
        try:
            p.unlink()
        except OSError:
            pass
