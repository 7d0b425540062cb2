"""Erasing stored text for good: story texts by the retention rules, and a person's data.

The only code that removes text from the data files. Each erasure rewrites the
month's file under the department's lock (atomically, like every write), then
the same story in every copy among the store's backups, so that no copy keeps it, and
adds a line to the department's erasure log (what, when, by which rule; never
the text). Search reads the month files afresh when they change, so erased
text is gone from it at once.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tettpa_tui.domain.records import Department
from tettpa_tui.domain.retention import Erasure, RetentionRules
from tettpa_tui.store.repository import DEPARTMENT_FILE, LOCK_FILE, FileLock, Store, story_from_doc, story_to_doc
from tettpa_tui.store.storage import BACKUPS_DIR, LEGACY_BACKUPS, atomic_write_bytes, read_file

LOG_FILE = "erasures.jsonl"


def _folder(store: Store, dept: Department) -> Path:
    return store.department_dir(dept.kindergarten, dept.name)


def retention_rules(store: Store, dept: Department, defaults: RetentionRules) -> RetentionRules:
    """The department's own values on top of content/retention.toml's."""
    data = read_file(_folder(store, dept) / DEPARTMENT_FILE) or {}
    doc = data.get("retention", {}).get("1") or {}
    return defaults.with_values(doc.get("used_months"), doc.get("draft_months"), doc.get("unused_months"))


def set_retention(store: Store, dept: Department, used_months: int | None, draft_months: int | None,
                  unused_months: int | None = None) -> None:
    with store.transaction(_folder(store, dept), DEPARTMENT_FILE, "department") as db:
        table = db.table("retention")
        doc = dict(table.get(doc_id=1) or {})
        if used_months is not None:
            doc["used_months"] = used_months
        if draft_months is not None:
            doc["draft_months"] = draft_months
        if unused_months is not None:
            doc["unused_months"] = unused_months
        table.truncate()
        table.insert(doc)


def meeting_dates(store: Store, dept: Department) -> dict[str, date]:
    return {m.id: m.date for m in store.meetings(dept)}


def erase_stories(store: Store, dept: Department, erasures: list[Erasure], now: datetime, why: str) -> int:
    """Erase these stories' texts everywhere; returns how many were erased."""
    from tettpa_tui.domain.retention import erase_text

    by_month: dict[str, dict[str, Erasure]] = defaultdict(dict)
    for e in erasures:
        by_month[e.month][e.story_id] = e
    done: list[dict[str, Any]] = []
    for month, wanted in sorted(by_month.items()):
        from tettpa_tui.domain.calendar import YearMonth

        with store.month_transaction(dept, YearMonth.parse(month)) as db:
            table = db.table("stories")
            for doc in table.all():
                e = wanted.get(doc["id"])
                if e is None or doc.get("erased_on"):
                    continue
                erased = erase_text(story_from_doc(doc), now.date(), now)
                table.update(story_to_doc(erased), doc_ids=[doc.doc_id])
                done.append({"at": now.isoformat(timespec="seconds"), "what": "story-text", "story": e.story_id,
                             "month": e.month, "author": e.author_id, "rule": e.rule, "due": e.due.isoformat(),
                             "why": why})
        _scrub_backups(store, dept, month, set(wanted))
    if done:
        _log(store, dept, done)
    return len(done)


def _scrub_backups(store: Store, dept: Department, month: str, story_ids: set[str]) -> None:
    """Blank these stories' texts in every copy of the month's file among the store's backups
    (.backups/, and backups/ where an older version left it)."""
    folders = [f for f in (_folder(store, dept) / BACKUPS_DIR, _folder(store, dept) / LEGACY_BACKUPS) if f.is_dir()]
    if not folders:
        return
    with FileLock(_folder(store, dept) / LOCK_FILE):
        for path in sorted(p for f in folders for p in f.glob(f"{month}.*.json")):
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue  # not ours to read; `tettpa check` reports data files, not backups
            changed = False
            for doc in (data.get("stories") or {}).values():
                if isinstance(doc, dict) and doc.get("id") in story_ids and doc.get("text"):
                    doc["text"] = ""
                    changed = True
            if changed:
                atomic_write_bytes(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))


def _log(store: Store, dept: Department, entries: list[dict[str, Any]]) -> None:
    folder = _folder(store, dept)
    with FileLock(folder / LOCK_FILE):
        path = folder / LOG_FILE
        old = path.read_bytes() if path.exists() else b""
        new = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries).encode("utf-8")
        atomic_write_bytes(path, old + new)


def log_entries(store: Store, dept: Department) -> list[dict[str, Any]]:
    """The department's erasure log, oldest first."""
    path = _folder(store, dept) / LOG_FILE
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def log_person(store: Store, dept: Department, entry: dict[str, Any]) -> None:
    _log(store, dept, [entry])
