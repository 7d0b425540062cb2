"""Safe files for TinyDB: atomic writes, a cross-process lock, a schema version.

TinyDB's own JSONStorage rewrites its file in place, so a crash in the middle
of a write leaves half a file, and two processes writing at once lose data.
This module (with tinystorage.py, TinyDB's Storage over it) makes files that

* writes a whole new file beside the old one, flushes and fsyncs it, moves it
  into place with os.replace and fsyncs the folder, so a file on disk is
  always either the old one or the new one, never a mix;
* refuses a file it cannot read (truncated, not JSON, not ours, or written by
  a newer version) instead of starting over with an empty one;
* keeps a schema version in every file (the `_meta` table) and migrates old
  files forward, after a rolling backup.

`FileLock` is the cross-process lock the repository holds around every
read-modify-write. Files are made 0600 and folders 0700: the stories are
about children.
"""

from __future__ import annotations

import json
import os
import time
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from tettpa_tui import oscompat
from tettpa_tui.store.errors import (
    FutureVersion,
    StoreError,
    UnreadableFile,
    from_os_error,
)
from tettpa_tui.store.schema import validate

SCHEMA_VERSION = 1
META_TABLE = "_meta"
APP_MARK = "tettpa"
BACKUPS_KEPT = 5
# The store's own folder of backups beside a data file. Its leading dot keeps it
# apart from every kindergarten and department folder (slugs never start with a
# dot); older versions called it "backups", which a department may be called.
BACKUPS_DIR = ".backups"
LEGACY_BACKUPS = "backups"

# version n -> function that turns a version-n document set into version n+1.
Migration = Callable[[dict[str, Any]], dict[str, Any]]
MIGRATIONS: dict[int, Migration] = {}

def ensure_private_dir(path: Path) -> None:
    """Create `path` (and parents) as folders only the user can open."""
    missing = []
    p = path
    while not p.exists():
        missing.append(p)
        if p.parent == p:
            break
        p = p.parent
    try:
        for d in reversed(missing):
            d.mkdir(mode=0o700, exist_ok=True)
            oscompat.make_private_dir(d)
    except OSError as exc:
        raise from_os_error(path, exc) from exc


class FileLock:
    """An exclusive lock shared by every process that uses the same lock file.

    Re-entrant within a process (a thread may take it again while holding it),
    because flock on a second descriptor of the same file would wait forever.
    """

    _registry: dict[str, tuple[threading.RLock, list[int]]] = {}
    _registry_guard = threading.Lock()

    _keys: dict[str, str] = {}  # a lock file's path as given -> as resolved (each write takes a lock)

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        key = FileLock._keys.get(str(self.path))
        if key is None:
            key = str(self.path.resolve()) if self.path.exists() else str(self.path.absolute())
            if self.path.exists():
                FileLock._keys[str(self.path)] = key
        with FileLock._registry_guard:
            if key not in FileLock._registry:
                FileLock._registry[key] = (threading.RLock(), [0, -1, None])
            self._rlock, self._state = FileLock._registry[key]

    def acquire(self) -> None:
        self._rlock.acquire()
        try:
            if self._state[0] == 0:
                ensure_private_dir(self.path.parent)
                try:
                    fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
                except OSError as exc:
                    raise from_os_error(self.path, exc) from exc
                try:
                    oscompat.lock_fd(fd)
                except oscompat.InUse as exc:
                    os.close(fd)
                    raise from_os_error(self.path, exc) from None
                except BaseException:
                    os.close(fd)
                    raise
                self._state[1] = fd
                self._state[2] = threading.get_ident()
            self._state[0] += 1
        except BaseException:
            self._rlock.release()
            raise

    def release(self) -> None:
        try:
            self._state[0] -= 1
            if self._state[0] == 0:
                fd, self._state[1], self._state[2] = self._state[1], -1, None
                try:
                    oscompat.unlock_fd(fd)
                finally:
                    os.close(fd)
        finally:
            self._rlock.release()

    def held_here(self) -> bool:
        """Whether this thread holds the lock now (taking it again would not wait)."""
        return self._state[0] > 0 and self._state[2] == threading.get_ident()

    def __enter__(self) -> "FileLock":
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


fsync_dir = oscompat.fsync_dir  # make a rename durable (POSIX; Windows has no folder fsync)
_fsync_dir = oscompat.fsync_dir


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    """Replace `path` with `payload` so that a crash leaves old or new, never half."""
    path = Path(path)
    ensure_private_dir(path.parent)
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
        oscompat.make_private_file(tmp_name)
        oscompat.replace(tmp_name, path)
        tmp_name = None
        _fsync_dir(path.parent)
    except OSError as exc:
        raise from_os_error(path, exc) from exc
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass


def remove_stale_temp_files(path: Path) -> None:
    """Remove temp files a killed writer left beside `path` (caller holds the lock).

    They may hold a copy of private text, so they are not left lying around.
    """
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        try:
            stale.unlink()
        except OSError:
            pass


def encode(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode(path: Path, raw: bytes) -> dict[str, Any]:
    """Parse and validate a data file; raise UnreadableFile / FutureVersion."""
    if not raw.strip():
        raise UnreadableFile(path, reason="empty")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise UnreadableFile(path, reason="not_text") from None
    except json.JSONDecodeError:
        raise UnreadableFile(path, reason="not_json") from None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise UnreadableFile(path, reason="not_ours")
    meta = data.get(META_TABLE, {}).get("1")
    if not isinstance(meta, dict) or meta.get("app") != APP_MARK:
        raise UnreadableFile(path, reason="not_ours")
    version = meta.get("schema")
    if not isinstance(version, int) or version < 1:
        raise UnreadableFile(path, reason="not_ours")
    if version > SCHEMA_VERSION:
        raise FutureVersion(path, version=version, known=SCHEMA_VERSION)
    return data


def schema_of(data: dict[str, Any]) -> int:
    return int(data[META_TABLE]["1"]["schema"])


def move_legacy_backups(folder: Path) -> None:
    """Rename an older version's backups/ in `folder` to .backups/, unless it is a
    department or kindergarten that happens to be called so (it holds its own file)."""
    old = folder / LEGACY_BACKUPS
    new = folder / BACKUPS_DIR
    try:
        if not old.is_dir() or any((old / f).exists() for f in ("department.json", "kindergarten.json")):
            return
        if not new.exists():
            oscompat.replace(old, new)
            return
        ensure_private_dir(new)
        for item in old.iterdir():
            if item.is_file() and not (new / item.name).exists():
                oscompat.replace(item, new / item.name)
        if not any(old.iterdir()):
            old.rmdir()
    except OSError as exc:
        raise from_os_error(old, exc) from exc


def backup(path: Path, label: str) -> Path:
    """Copy `path` into .backups/ beside it, keeping the newest BACKUPS_KEPT."""
    move_legacy_backups(path.parent)
    folder = path.parent / BACKUPS_DIR
    ensure_private_dir(folder)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{path.stem}.{label}.{stamp}{path.suffix}"
    try:
        atomic_write_bytes(target, path.read_bytes())
        olds = sorted(folder.glob(f"{path.stem}.*{path.suffix}"))
        for old in olds[:-BACKUPS_KEPT]:
            old.unlink()
    except OSError as exc:
        raise from_os_error(target, exc) from exc
    return target


def migrate(path: Path, data: dict[str, Any]) -> dict[str, Any]:
    """Bring `data` up to SCHEMA_VERSION, one step at a time, after a backup."""
    version = schema_of(data)
    if version == SCHEMA_VERSION:
        return data
    backup(path, f"v{version}")
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise StoreError(path, reason=f"no migration from schema {version}")
        data = step(data)
        version += 1
        data[META_TABLE]["1"]["schema"] = version
    atomic_write_bytes(path, encode(data))
    return data


# Parsed files, keyed by what identifies one version of a file on disk. Every
# write replaces the file (a new inode, a new mtime), so an entry is never stale,
# also across processes -- except within the file system's timestamp granularity
# (a few milliseconds on ext4, more elsewhere): a freed inode may be reused by the
# next write, with the same size and mtime. A file changed that recently is
# "racy" (as git calls it): its bytes are compared with the ones parsed before.
# Callers treat the returned data as read-only.
_CACHE: "OrderedDict[str, tuple[tuple[int, int, int], dict[str, Any], bytes]]" = OrderedDict()
CACHE_FILES = 512
RACY_NS = 2_000_000_000


def read_file(path: Path) -> dict[str, Any] | None:
    """The validated, migrated content of a data file, or None if it does not exist."""
    key = str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise from_os_error(path, exc, reading=True) from exc
    version = (st.st_ino, st.st_mtime_ns, st.st_size)
    hit = _CACHE.get(key)
    racy = time.time_ns() - st.st_mtime_ns < RACY_NS
    if hit is not None and hit[0] == version and not racy and schema_of(hit[1]) == SCHEMA_VERSION:
        _CACHE.move_to_end(key)
        return hit[1]
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise from_os_error(path, exc, reading=True) from exc
    if hit is not None and hit[0] == version and hit[2] == raw and schema_of(hit[1]) == SCHEMA_VERSION:
        _CACHE.move_to_end(key)
        return hit[1]
    data = migrate(path, decode(path, raw))
    validate(path, data)
    try:
        st = os.stat(path)
        if (st.st_ino, st.st_mtime_ns, st.st_size) == version and len(raw) == st.st_size:
            _CACHE[key] = (version, data, raw)
            while len(_CACHE) > CACHE_FILES:
                _CACHE.popitem(last=False)
    except OSError:
        pass
    return data


def remember(path: Path, data: dict[str, Any], raw: bytes) -> None:
    """Keep what was just written to `path` (by this process, under the lock) as its
    parsed content: the next transaction on it need not read, parse and check the
    file again. The entry is keyed by the new file's identity like any other, so a
    later write by another process still reads afresh. Callers no longer change `data`."""
    try:
        st = os.stat(path)
    except OSError:
        _CACHE.pop(str(path), None)
        return
    # With the bytes written: within the racy window they are compared like any other entry's.
    _CACHE[str(path)] = ((st.st_ino, st.st_mtime_ns, st.st_size), data, raw)
    _CACHE.move_to_end(str(path))
    while len(_CACHE) > CACHE_FILES:
        _CACHE.popitem(last=False)


def may_hold(path: Path, text: str) -> bool:
    """False only when the file certainly does not hold `text` (as JSON writes
    it), or does not exist: a look at its bytes that spares parsing a large file for a rare value.
    True when the file is parsed already or cannot be read (the caller then
    reads it the usual way, and meets any problem there)."""
    if str(path) in _CACHE:
        return True
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:  # no file holds nothing (the months before a department began)
        return False
    except OSError:
        return True
    return json.dumps(text, ensure_ascii=False).encode("utf-8") in raw


@contextmanager
def locked(lock_path: Path) -> Iterator[None]:
    with FileLock(lock_path):
        yield


def check_file(path: Path) -> StoreError | None:
    """Whether a data file can be read by this version; never changes it."""
    try:
        raw = Path(path).read_bytes()
        data = decode(path, raw)
        if schema_of(data) == SCHEMA_VERSION:  # an older file is checked once migrated
            validate(path, data)
    except StoreError as exc:
        return exc
    except OSError as exc:
        return from_os_error(path, exc, reading=True)
    return None

