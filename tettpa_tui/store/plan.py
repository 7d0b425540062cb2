"""The year wheel in the store: a department's changes to its plan, in department.json."""

from __future__ import annotations

from datetime import date

from tettpa_tui.domain.calendar import (
    KindergartenYear,
    MeetingRule,
    PlanOverride,
    YearMonth,
    YearWheel,
)
from tettpa_tui.domain.classframework import Instrument
from tettpa_tui.domain.records import Department
from tettpa_tui.store.documents import rule_to_doc
from tettpa_tui.store.layout import DEPARTMENT_FILE
from tettpa_tui.store.storage import read_file


class PlanMixin:
    """Reading the department's year wheel and changing a month, its instrument or its meeting rule (part of Store)."""

    def year_wheel(
        self, dept: Department, year: KindergartenYear, defaults: dict[int, str], rule: MeetingRule
    ) -> YearWheel:
        folder = self.department_dir(dept.kindergarten, dept.name)
        data = read_file(folder / DEPARTMENT_FILE) or {}
        overrides: dict[str, PlanOverride] = {}
        for doc in data.get("plan", {}).values():
            month = YearMonth.parse(doc["month"])
            if year.has(month):
                overrides[doc["month"]] = PlanOverride(
                    dimension_id=doc.get("dimension"),
                    meeting_date=date.fromisoformat(doc["date"]) if doc.get("date") else None,
                )
        rule_doc = data.get("department", {}).get("1", {}).get("rule")
        if rule_doc:
            rule = MeetingRule(**rule_doc)
        return YearWheel(year=year, default_dimensions=defaults, rule=rule, overrides=overrides)

    def set_plan_month(
        self,
        dept: Department,
        month: YearMonth,
        dimension_id: str | None,
        meeting_date: date | None,
    ) -> None:
        """Change one month of the plan: its dimension, its hand-set date, or both."""
        folder = self.department_dir(dept.kindergarten, dept.name)
        with self.transaction(folder, DEPARTMENT_FILE, "department") as db:
            table = db.table("plan")
            old = next((d for d in table.all() if d["month"] == str(month)), None)
            doc = {
                "month": str(month),
                "dimension": dimension_id if dimension_id is not None else (old or {}).get("dimension"),
                "date": meeting_date.isoformat() if meeting_date is not None else (old or {}).get("date"),
            }
            if old is None:
                table.insert(doc)
            else:
                table.update(doc, doc_ids=[old.doc_id])
        self._changed(dept, "plan")

    def set_instrument(self, dept: Department, instrument: Instrument) -> Department:
        """An age-mixed department's choice of CLASS instrument."""
        return self.update_department(dept, lambda d: d.with_instrument(instrument))

    def set_meeting_rule(self, dept: Department, rule: MeetingRule) -> None:
        folder = self.department_dir(dept.kindergarten, dept.name)
        with self.transaction(folder, DEPARTMENT_FILE, "department") as db:
            db.table("department").update({"rule": rule_to_doc(rule)}, doc_ids=[1])
