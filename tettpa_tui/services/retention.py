"""Retention for both faces: the department's rules, what is due, and applying them.

The rules are in domain/retention.py, the file work in store/erasure.py; this
only wires them to content/retention.toml and a department's own values.
"""

from __future__ import annotations

from datetime import date, datetime

from tettpa_tui import content
from tettpa_tui.domain.records import Department
from tettpa_tui.domain.retention import Erasure, RetentionRules, due_now, due_soon
from tettpa_tui.store import Store
from tettpa_tui.store import erasure as files


def defaults() -> RetentionRules:
    d = content.read_toml("retention.toml")["defaults"]
    return RetentionRules(used_months=d["used_months"], draft_months=d["draft_months"],
                          unused_months=d["unused_months"], warn_days=d["warn_days"])


def rules(store: Store, dept: Department) -> RetentionRules:
    return files.retention_rules(store, dept, defaults())


def status(store: Store, dept: Department, today: date) -> tuple[list[Erasure], list[Erasure], RetentionRules]:
    """(texts whose time is up today, texts to be erased within the warning period, the rules),
    from one read of the department's stories and meetings."""
    stories, dates, r = store.stories(dept), files.meeting_dates(store, dept), rules(store, dept)
    return due_now(stories, dates, r, today), due_soon(stories, dates, r, today), r


def due(store: Store, dept: Department, today: date) -> list[Erasure]:
    """Story texts whose time is up today."""
    return status(store, dept, today)[0]


def soon(store: Store, dept: Department, today: date) -> list[Erasure]:
    """Story texts to be erased within the warning period (30 days by default)."""
    return status(store, dept, today)[1]


def apply(store: Store, dept: Department, now: datetime, dry_run: bool = False) -> list[Erasure]:
    """Erase every text that is due (or only say which, with `dry_run`).

    An erasure a killed run left is finished first, so what is due is decided afresh."""
    if not dry_run:
        files.finish_interrupted(store)
    found = due(store, dept, now.date())
    if found and not dry_run:
        files.erase_stories(store, dept, found, now, why="retention")
    return found


def apply_and_count(store: Store, dept: Department, now: datetime) -> tuple[int, RetentionRules]:
    """Erase what is due; then how many texts go within the warning period, and the rules."""
    files.finish_interrupted(store)
    found, soon_, r = status(store, dept, now.date())
    if found:
        files.erase_stories(store, dept, found, now, why="retention")
    return len(soon_), r


def apply_everywhere(store: Store, now: datetime, skip: Department | None = None) -> int:
    """At app start: apply the rules in every department of the data folder."""
    from tettpa_tui.domain.errors import DomainError
    from tettpa_tui.store import StoreError

    count = 0
    for dept in store.list_departments(include_pedagogue=True):
        if skip is None or dept.path != skip.path:
            try:
                count += len(apply(store, dept, now))
            except (StoreError, DomainError):
                continue  # a file that cannot be read is left alone; `tettpa check` names it
    return count
