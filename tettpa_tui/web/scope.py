"""What one `tettpa serve` serves: one department, or every department of a kindergarten.

Many kindergartens have one shared PC, so one server may serve them all: the
first page lists the departments (the pedagogue meeting last, for the pedagogues
who belong to it), then the names of the one chosen. After sign-in a session
belongs to one department only (see server.py): a person's code and stories are
their department's, and the same person in two departments has a code in each.

No aiohttp here: the CLI and the leader's screen use it too.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import Department, slugify
from tettpa_tui.store import Store, StoreError

log = logging.getLogger("tettpa.web")


@dataclass(frozen=True)
class Scope:
    """The kindergarten served, and the one department when not all of them."""

    kindergarten: str  # as stored
    department: str | None = None  # 'KG/DEPT'; None: every department of the kindergarten

    @property
    def whole(self) -> bool:
        return self.department is None

    @property
    def path(self) -> str:
        """As given on the command line: 'KG/DEPT', or 'KG' for the whole kindergarten."""
        return self.department or self.kindergarten

    def departments(self, store: Store) -> list[Department]:
        """What the page serves now, read afresh (a department made meanwhile is there too):
        the departments by name, then the pedagogue meeting.

        A department file of this kindergarten that cannot be read is left out and
        named in the server's log; the others are served as usual."""
        if self.department is not None:
            return [store.department(self.department)]
        problems: list[StoreError] = []
        key = slugify(self.kindergarten)
        found = [d for d in store.list_departments(include_pedagogue=True, problems=problems)
                 if slugify(d.kindergarten) == key]
        folder = store.kindergarten_dir(self.kindergarten)
        for problem in problems:
            if folder in problem.path.parents:
                log.warning("%s", problem)
        return sorted(found, key=lambda d: (d.is_pedagogue_meeting, d.name.casefold()))

    def find(self, store: Store, key: str | None) -> Department | None:
        """The department served under `key` (its slug), if any. Serving one
        department, no key (or its own) means that one."""
        if self.department is not None:
            dept = store.department(self.department)
            return dept if key in (None, "", dept.slug) else None
        if not key:
            return None
        return next((d for d in self.departments(store) if d.slug == key), None)

    def holds(self, dept: Department) -> bool:
        if self.department is not None:
            return dept.path == self.department
        return slugify(dept.kindergarten) == slugify(self.kindergarten)


def scope_of(store: Store, path: str) -> Scope:
    """'KG/DEPT' serves one department, 'KG' every department of the kindergarten.

    Raises DomainError with one line when there is no such department or
    kindergarten, or the kindergarten has no department yet."""
    given = path.strip()
    if not given:
        raise DomainError("error.department_path", path=path)
    if "/" in given:
        dept = store.department(given)
        return Scope(dept.kindergarten, dept.path)
    kindergarten = store.kindergarten(given)  # error.kindergarten_unknown when there is none
    scope = Scope(kindergarten.name)
    if not scope.departments(store):
        raise DomainError("serve.kindergarten.no_departments", name=kindergarten.name)
    return scope
