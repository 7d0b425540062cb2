"""Overviews: a department's year, its staff's participation, a kindergarten's departments."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from tettpa_tui import content
from tettpa_tui.domain.calendar import KindergartenYear
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import Department, slugify
from tettpa_tui.domain import terms
from tettpa_tui.domain.stories import StoryStatus
from tettpa_tui.lazy import OnFirstUse

if TYPE_CHECKING:
    from tettpa_tui.workspace.overview_rows import DepartmentOverview, MonthSummary, Participation


mt = OnFirstUse("tettpa_tui.domain.meeting")
reports = OnFirstUse("tettpa_tui.workspace.overview_rows")


class OverviewMixin:
    """The year view, participation per person, and the mentor's kindergarten overview."""

    def year_overview(self, dept: Department, year: KindergartenYear) -> list[MonthSummary]:
        """Each month of the year: its plan, whether the meeting was held, stories, goals tried."""
        wheel = self.wheel(dept, year)
        out = []
        for plan in wheel.months:
            meetings = self.store.meetings(dept, plan.month) if plan.month in self.store.months_on_disk(dept) else []
            held = [m for m in meetings if m.status == "finished"]
            stories = [s for s in self.store.stories(dept, plan.month) if s.status is not StoryStatus.DRAFT]
            tried = 0
            for m in held:
                tried += sum(1 for st, _ in self.meeting_state(dept, m).followups.values() if st == "tried")
            out.append(reports.MonthSummary(plan, bool(held), any(m.status == "running" for m in meetings),
                                    len(stories), tried))
        return out

    def participation(self, dept: Department, year: KindergartenYear) -> list[Participation]:
        """For each active staff member over the year: stories handed in and taken up, turns."""
        counts = {m.id: reports.Participation(m.id) for m in dept.active_staff}
        for s in self.store.stories(dept):
            if year.has(s.month) and s.author_id in counts and s.status is not StoryStatus.DRAFT:
                p = counts[s.author_id]
                counts[s.author_id] = replace(p, handed_in=p.handed_in + 1,
                                              taken_up=p.taken_up + (s.status is StoryStatus.USED))
        for meeting in self.store.meetings(dept):
            if not year.has(meeting.month):
                continue
            for tr in self.meeting_state(dept, meeting).turns:
                if tr.undone or tr.speaker not in counts:
                    continue
                p = counts[tr.speaker]
                if tr.outcome is mt.Outcome.SPOKE:
                    counts[tr.speaker] = replace(p, spoke=p.spoke + 1)
                elif tr.outcome is mt.Outcome.PASSED:
                    counts[tr.speaker] = replace(p, passed=p.passed + 1)
        return [counts[m.id] for m in dept.active_staff]

    def overview(self, kindergarten: str, year: KindergartenYear,
                 departments: list[Department] | None = None) -> list[DepartmentOverview]:
        """Per department of a kindergarten, for one kindergarten year: where support is needed."""
        rows = []
        listed = departments if departments is not None else self.store.list_departments()
        depts = [d for d in listed if slugify(d.kindergarten) == slugify(kindergarten)]
        if not depts:
            raise DomainError("error.kindergarten_unknown", name=kindergarten)
        year_terms = {t.season: t for t in terms.terms_of(year, content.observation_periods())}
        for d in depts:
            held, dims, stories, followed, last = 0, set(), [], 0, None
            for month in self.store.months_on_disk(d):
                if not year.has(month):
                    continue
                finished, handed_in = self.store.month_activity(d, month)
                for day, dimension, followups in finished:
                    held += 1
                    dims.add(dimension)
                    followed += followups
                    last = max(last, day) if last else day
                    stories.append(handed_in)
            observed = self.observed_dates(d)
            seen = {season: terms.observed_in(term, observed) for season, term in year_terms.items()}
            rows.append(reports.DepartmentOverview(
                department=d.path, name=d.name, meetings_held=held, dimensions_covered=len(dims),
                stories_per_meeting=round(sum(stories) / len(stories), 1) if stories else 0.0,
                goals_followed_up=followed, last_meeting=last,
                observed_autumn=seen.get(terms.AUTUMN), observed_spring=seen.get(terms.SPRING)))
        return rows

    def overview_all(self, year: KindergartenYear) -> list[tuple[str, list[DepartmentOverview]]]:
        """The overview of every kindergarten in the data folder (one listing, read once)."""
        departments = self.store.list_departments()
        by_kg: dict[str, list[Department]] = {}
        for d in departments:
            by_kg.setdefault(d.kindergarten, []).append(d)
        return [(kg, self.overview(kg, year, by_kg[kg])) for kg in sorted(by_kg, key=str.casefold)]

    def kindergartens(self) -> list[str]:
        return sorted({d.kindergarten for d in self.store.list_departments()}, key=str.casefold)
