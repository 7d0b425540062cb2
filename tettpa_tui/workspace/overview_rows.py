"""What the year view, the participation view and the overview show: rows
worked out by the workspace from a department's files.

Its own module, imported when first used: the first screen needs none of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tettpa_tui.domain.calendar import MonthPlan


@dataclass(frozen=True)
class DepartmentOverview:
    department: str
    name: str
    meetings_held: int
    dimensions_covered: int
    stories_per_meeting: float
    goals_followed_up: int
    last_meeting: date | None
    observed_autumn: date | None = None  # the CLASS observation of the year's autumn term
    observed_spring: date | None = None


@dataclass(frozen=True)
class MonthSummary:
    plan: MonthPlan
    held: bool
    running: bool
    stories: int
    goals_tried: int


@dataclass(frozen=True)
class Participation:
    staff_id: str
    handed_in: int = 0
    taken_up: int = 0
    spoke: int = 0
    passed: int = 0
