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
    return RetentionRules(used_months=d["used_months"], draft_months=d["draft_months"], warn_days=d["warn_days"])


def rules(store: Store, dept: Department) -> RetentionRules:
    return files.retention_rules(store, dept, defaults())


def due(store: Store, dept: Department, today: date) -> list[Erasure]:
    """Story texts whose time is up today."""
    return due_now(store.stories(dept), files.meeting_dates(store, dept), rules(store, dept), today)


def soon(store: Store, dept: Department, today: date) -> list[Erasure]:
    """Story texts to be erased within the warning period (30 days by default)."""
    return due_soon(store.stories(dept), files.meeting_dates(store, dept), rules(store, dept), today)


def apply(store: Store, dept: Department, now: datetime, dry_run: bool = False) -> list[Erasure]:
    """Erase every text that is due (or only say which, with `dry_run`)."""
    found = due(store, dept, now.date())
    if found and not dry_run:
        files.erase_stories(store, dept, found, now, why="retention")
    return found


def apply_everywhere(store: Store, now: datetime) -> int:
    """At app start: apply the rules in every department of the data folder."""
    count = 0
    for dept in store.list_departments(include_pedagogue=True):
        count += len(apply(store, dept, now))
    return count
