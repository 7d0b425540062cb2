"""What can go wrong with a data file, as errors the faces can put in words.

Each error carries a key into the string catalogue and its parameters; the
path is always one of them, so the user is told which file and what to do.
"""

from __future__ import annotations

import errno
from pathlib import Path


class StoreError(Exception):
    key = "store.io"

    def __init__(self, path: Path | str, **params: object) -> None:
        super().__init__(f"{self.key}: {path}")
        self.path = Path(path)
        self.params = {"path": str(path), **params}


class UnreadableFile(StoreError):
    """Truncated, not JSON, or not a file of this app. Never overwritten."""

    key = "store.unreadable"


class FutureVersion(StoreError):
    """Written by a newer version of the app; this one must not touch it."""

    key = "store.future_version"


class NotWritable(StoreError):
    key = "store.not_writable"


class DiskFull(StoreError):
    key = "store.disk_full"


class NotReadable(StoreError):
    """A file or folder this user may not open (its permissions). Never changed."""

    key = "store.checks.not_readable"


class BadRecord(StoreError):
    """A data file of this app with one record that does not have the shape the app
    reads (a field missing or of the wrong type). Never overwritten."""

    key = "store.checks.bad_record"


class NoFolder(StoreError):
    """The data folder (or a part of its path) is missing or is a file."""

    key = "store.no_folder"


# The common reasons a file or folder cannot be used, as keys the faces put in words
# (store.reason.os.*): the operating system's own text is English whatever the user reads.
_OS_REASONS = {
    errno.ENOENT: "os.not_found",
    errno.EISDIR: "os.is_folder",
    errno.EEXIST: "os.exists",
    errno.EACCES: "os.no_access",
    errno.EPERM: "os.no_access",
    errno.ENOSPC: "os.disk_full",
    errno.EROFS: "os.read_only",
    errno.ENOTDIR: "os.not_folder",
}


def os_reason(exc: OSError) -> str:
    """Why an OSError happened, as a reason key for the common cases, else the system's text."""
    return _OS_REASONS.get(exc.errno or 0) or exc.strerror or str(exc)


class InUse(StoreError):
    """Another program holds the file (or the store's lock) longer than the app waits."""

    key = "store.in_use"


class MissingFile(StoreError):
    """A file the user named (a backup to restore) is not there."""

    key = "store.file.missing"


def from_os_error(path: Path | str, exc: OSError, reading: bool = False) -> StoreError:
    """Map an OSError to the StoreError a user can act on (`reading`: while only reading)."""
    from tettpa_tui import oscompat

    if isinstance(exc, oscompat.InUse):
        return InUse(path)
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return DiskFull(path)
    if reading and exc.errno in (errno.EACCES, errno.EPERM):
        return NotReadable(path, reason=os_reason(exc))
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return NotWritable(path)
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return NoFolder(path)
    return StoreError(path, reason=os_reason(exc))
