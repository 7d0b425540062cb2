"""Changing one month of a year wheel from the home screen or the year view.

A department chooses the month's dimension and may set its date by hand. A pedagogue
meeting has no dimensions of its own (it takes up the departments'), so its dialog shows
them and sets only the date; a date on or after the month's first department meeting is
saved but said, in one calm line, since the pedagogue meeting prepares those meetings.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from tettpa_tui.domain.calendar import MonthPlan
from tettpa_tui.domain.records import Department
from tettpa_tui.i18n import language as lang
from tettpa_tui.i18n import long_date, t
from tettpa_tui.widgets.dialogs import PlanMonthDialog


def not_before_line(plan: MonthPlan, meeting: str) -> str | None:
    """The calm line for a pedagogue meeting dated on or after a department meeting it prepares;
    `meeting` is what it is called in a sentence (workspace.pedagogue_name, definite)."""
    if not plan.not_before_departments or plan.departments_meet is None:
        return None
    return t("pedagogue.not_before", date=plan.meeting_date.strftime("%d.%m.%Y"),
             first=plan.departments_meet.strftime("%d.%m.%Y"), meeting=meeting)


def edit_month(app, dept: Department, plan: MonthPlan, saved: Callable[[MonthPlan], None]) -> None:
    """Open the month's dialog; on a good save call `saved` with the new month."""
    ws = app.workspace
    title = t("plan_dialog.title", month=f"{t(f'month.{plan.month.month}')} {plan.month.year}")

    def submit(dim: str | None, day: date | None) -> str | None:
        out, error = app.try_call(lambda: ws.set_plan(dept, plan.month, dim, day))
        if out is not None:
            saved(out)
            warning = not_before_line(out, ws.pedagogue_name(dept, app.today, definite=True))
            if warning:
                app.notify(warning, severity="warning", markup=False, timeout=12)
        return error

    if dept.is_pedagogue_meeting:
        note = t("pedagogue.planned_before", first=long_date(plan.departments_meet)) if plan.departments_meet else ""
        app.push_screen(PlanMonthDialog(title, [], plan.dimension_id, plan.meeting_date, submit,
                                        fixed=ws.dimensions_text(dept, plan.month), note=note))
        return
    fw = ws.framework_for(dept)
    options = [(d.name(lang()), d.id) for d in fw.choices(plan.dimension_id)]
    app.push_screen(PlanMonthDialog(title, options, plan.dimension_id, plan.meeting_date, submit))
