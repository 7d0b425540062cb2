"""CLASS observations and development plans in the store: few, so in department.json."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from tettpa_tui.domain.records import Department
from tettpa_tui.store.documents import observation_from_doc, observation_to_doc, plan_from_doc, plan_to_doc
from tettpa_tui.store.layout import DEPARTMENT_FILE
from tettpa_tui.store.storage import read_file

if TYPE_CHECKING:  # imported where used: not needed to start the app
    from tettpa_tui.domain.observation import DevelopmentPlan, Observation


class ObservationsMixin:
    """Saving and reading a department's observations and development plans (part of Store)."""

    def _upsert(self, dept: Department, table_name: str, doc: dict[str, Any]) -> None:
        folder = self.department_dir(dept.kindergarten, dept.name)
        with self.transaction(folder, DEPARTMENT_FILE, "department") as db:
            table = db.table(table_name)
            old = next((d for d in table.all() if d["id"] == doc["id"]), None)
            if old is None:
                table.insert(doc)
            else:
                table.update(doc, doc_ids=[old.doc_id])

    def _docs(self, dept: Department, table_name: str) -> list[dict[str, Any]]:
        data = read_file(self.department_dir(dept.kindergarten, dept.name) / DEPARTMENT_FILE) or {}
        return list(data.get(table_name, {}).values())

    def save_observation(self, dept: Department, obs: Observation) -> Observation:
        self._upsert(dept, "observations", observation_to_doc(obs))
        self._changed(dept, "observation")
        return obs

    def observations(self, dept: Department) -> list[Observation]:
        return sorted((observation_from_doc(d) for d in self._docs(dept, "observations")),
                      key=lambda o: (o.date, o.created_at or datetime.min))

    def save_development_plan(self, dept: Department, plan: DevelopmentPlan) -> DevelopmentPlan:
        self._upsert(dept, "development_plans", plan_to_doc(plan))
        self._changed(dept, "plan")
        return plan

    def development_plans(self, dept: Department) -> list[DevelopmentPlan]:
        return sorted((plan_from_doc(d) for d in self._docs(dept, "development_plans")),
                      key=lambda p: p.created_at or datetime.min)
