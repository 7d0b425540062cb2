"""Report files in a shared folder: written atomically, read one by one.

The shared folder is any folder a sync service carries (OneDrive/SharePoint,
Syncthing, a network share, a USB stick); this code only reads and writes
files in it and never opens a network connection. Writing goes through a
temp file and os.replace, so a sync service never picks up half a report.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from tettpa_tui.store.errors import NoFolder, StoreError, from_os_error
from tettpa_tui.store.storage import atomic_write_bytes, ensure_private_dir

MAX_REPORT_BYTES = 2_000_000  # a year's report is some kilobytes; anything far larger is not one


class ReportFolderMissing(StoreError):
    """The folder of reports to read is not there (or is a file)."""

    key = "report.error.no_folder"


class SharedFolderMissing(StoreError):
    """The shared folder is not there now (a share not mounted): the report waits for the next change."""

    key = "report.error.shared_missing"


def ensure_folder(folder: Path) -> None:
    """Make the folder when it is chosen (refused if it is a file)."""
    if folder.exists() and not folder.is_dir():
        raise NoFolder(folder)
    ensure_private_dir(folder)


def write_report(folder: Path, file_name: str, doc: dict) -> Path:
    """Write one report (compact JSON, UTF-8) under its stable name; returns its path."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise NoFolder(folder)
    target = folder / file_name
    atomic_write_bytes(target, json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    return target


def report_candidates(folder: Path) -> list[Path]:
    """The files of a folder a report could be in: every *.json that is not hidden
    (temp files of sync services and of our own writes start with a dot)."""
    folder = Path(folder)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except (FileNotFoundError, NotADirectoryError):
        raise ReportFolderMissing(folder) from None
    except OSError as exc:
        raise from_os_error(folder, exc) from exc
    return [Path(e.path) for e in entries
            if e.name.lower().endswith(".json") and not e.name.startswith(".") and e.is_file()]


def read_json(path: Path) -> object:
    """The parsed JSON of a file; ValueError if it is not JSON (or far too large), OSError if unreadable."""
    with open(path, "rb") as f:
        raw = f.read(MAX_REPORT_BYTES + 1)
    if len(raw) > MAX_REPORT_BYTES:
        raise ValueError("too large")
    return json.loads(raw.decode("utf-8"))
