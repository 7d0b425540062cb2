"""The kindergarten's aggregate report: made from the data folder, written to the
shared folder, and read back from a folder of reports (the mentor's and the
municipality's overviews).

The rules (what a report holds, conflict copies, staleness) are in
domain/rollup.py; the file work in store/shared.py.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from tettpa_tui import __version__
from tettpa_tui.domain import rollup
from tettpa_tui.domain.calendar import KindergartenYear, YearMonth
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.microproject import counts
from tettpa_tui.domain.records import Department, slugify
from tettpa_tui.domain.stories import StoryStatus
from tettpa_tui.store import shared

SHARED_FOLDER = "shared_folder"  # the setting


def build(ws, kindergarten: str, year: KindergartenYear, now: datetime) -> rollup.KindergartenReport:
    """The aggregate report of one kindergarten for one kindergarten year."""
    store = ws.store
    depts = [d for d in store.list_departments() if slugify(d.kindergarten) == slugify(kindergarten)]
    if not depts:
        raise DomainError("error.kindergarten_unknown", name=kindergarten)
    programme = ws.programme(depts[0], now.date())
    return rollup.KindergartenReport(
        kindergarten=depts[0].kindergarten, pool=programme.pool, programme_year=programme.year,
        year=str(year), generated=now, app_version=__version__,
        departments=tuple(_department(ws, d, year) for d in depts),
    )


def _department(ws, dept: Department, year: KindergartenYear) -> rollup.DepartmentReport:
    store = ws.store
    on_disk = set(store.months_on_disk(dept))
    months = []
    for month in year.months:
        meetings, stories, goals_set, followed, tried = [], 0, 0, 0, 0
        if month in on_disk:
            stories = sum(1 for s in store.stories(dept, month) if s.status is not StoryStatus.DRAFT)
            for m in store.meetings(dept, month):
                if m.status != "finished":
                    continue
                state = ws.meeting_state(dept, m)
                meetings.append((m.date, m.dimension_id))
                goals_set += sum(1 for run in state.stories if run.goal)
                followed += len(state.followups)
                tried += sum(1 for status, _ in state.followups.values() if status == "tried")
        months.append(rollup.MonthRow(month=str(month), meetings=tuple(meetings), stories=stories,
                                      goals_set=goals_set, goals_followed_up=followed, goals_tried=tried))
    observed = []
    for obs in store.observations(dept):
        if not year.has(YearMonth.of(obs.date)):
            continue
        res = ws.results(obs)
        if res.complete:
            observed.append((obs.date, obs.instrument.value, res.domains, res.dimensions,
                             obs.oral_feedback is not None))
    plan = ws.current_plan(dept)
    return rollup.DepartmentReport(
        id=slugify(dept.name), name=dept.name, age_group=dept.age_group.value, staff=len(dept.active_staff),
        months=tuple(months), terms=rollup.term_means(observed), plan_focus=tuple(plan.focus) if plan else (),
        microprojects=counts(store.microprojects(dept)),
    )


def file_name(kindergarten: str) -> str:
    return rollup.report_file_name(slugify(kindergarten))


# ---- the shared folder ----------------------------------------------------------------


def shared_folder(store) -> Path | None:
    folder = store.setting(SHARED_FOLDER)
    return Path(folder) if folder else None


def set_shared_folder(store, folder: Path | None) -> None:
    """The shared folder (made now if missing; later a missing folder is said, never made)."""
    if folder is not None:
        folder = Path(folder).expanduser().absolute()
        shared.ensure_folder(folder)
    store.set_setting(SHARED_FOLDER, str(folder) if folder else None)


def publish(ws, kindergarten: str, now: datetime) -> Path | None:
    """After a finished meeting, an observation or a plan change: the kindergarten's
    report into the shared folder, if one is set (else nothing)."""
    folder = shared_folder(ws.store)
    if folder is None:
        return None
    if not folder.is_dir():
        raise shared.SharedFolderMissing(folder)
    report = build(ws, kindergarten, KindergartenYear.containing(now.date()), now)
    return shared.write_report(folder, file_name(report.kindergarten), report.to_doc())


# ---- reading a folder of reports --------------------------------------------------------


def read_folder(folder: Path) -> tuple[list[rollup.FolderEntry], list[rollup.Skipped]]:
    """Every report in a folder: each kindergarten's newest, and the files skipped (with why)."""
    found: list[tuple[str, rollup.KindergartenReport]] = []
    skipped: list[rollup.Skipped] = []
    for path in shared.report_candidates(folder):
        try:
            doc = shared.read_json(path)
        except (OSError, UnicodeDecodeError):
            skipped.append(rollup.Skipped(path.name, "unreadable"))
            continue
        except ValueError:
            skipped.append(rollup.Skipped(path.name, "broken"))
            continue
        try:
            found.append((path.name, rollup.KindergartenReport.from_doc(doc)))
        except rollup.ReportInvalid as exc:
            skipped.append(rollup.Skipped(path.name, exc.reason, exc.params))
    return rollup.choose_latest(found, slugify), skipped


def stale(entry: rollup.FolderEntry, today: date) -> bool:
    return entry.report.stale(today)


def publish_after_changes(ws, now, on_error=None) -> None:
    """Write the kindergarten's report to the shared folder after every finished meeting,
    observation or plan change made through `ws.store` (now: a function giving the time).

    Used as is by the CLI (one command, one write); the app schedules its own, so that
    typing scores does not write a report per key. A report that cannot be written
    (the folder unplugged, say) never undoes the change: `on_error` is told."""

    def listener(dept: Department, what: str) -> None:
        try:
            publish(ws, dept.kindergarten, now())
        except Exception as exc:  # noqa: BLE001 - the change itself is saved; say so and go on
            if on_error is not None:
                on_error(exc)

    ws.store.listeners.append(listener)
