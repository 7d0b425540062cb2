"""The repository: departments and their plans as records, on disk as TinyDB files.

Layout of the data folder (0700; every file 0600):

    settings.json                         the department last used
    <kindergarten>/kindergarten.json      the kindergarten (name, pool)
    <kindergarten>/<department>/department.json
                                          the department, its staff, its plan
    <kindergarten>/<department>/<YYYY-MM>.json
                                          one file per month for what grows
                                          with time (stories, meetings), so a
                                          write's cost does not grow with
                                          years of history
    .../.lock                             the cross-process lock of that folder

Folder names are slugs of the names; the names themselves are kept inside.
Every read-modify-write holds the folder's lock for its whole span.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tettpa_tui.domain.calendar import YearMonth
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import (
    Department,
    Kindergarten,
    Role,
    StaffMember,
    clean_name,
    parse_department_path,
    slugify,
)
from tettpa_tui.store.certification import CertificationMixin
from tettpa_tui.store.cooperation import CooperationMixin
from tettpa_tui.store.microprojects import MicroProjectsMixin
from tettpa_tui.store.documents import (  # noqa: F401 (also imported from here by callers)
    cooperation_from_doc,
    cooperation_to_doc,
    department_from_doc,
    department_to_doc,
    event_from_doc,
    event_to_doc,
    meeting_from_doc,
    meeting_to_doc,
    observation_from_doc,
    observation_to_doc,
    plan_from_doc,
    plan_to_doc,
    rule_to_doc,
    staff_from_doc,
    staff_to_doc,
    story_from_doc,
    story_to_doc,
)
from tettpa_tui.store.errors import NoFolder, StoreError, UnreadableFile, from_os_error
from tettpa_tui.store.layout import (  # noqa: F401 (also imported from here by callers)
    APP_DIR_NAME,
    DEPARTMENT_FILE,
    KINDERGARTEN_FILE,
    LOCK_FILE,
    RESTORING_PREFIX,
    SETTINGS_FILE,
)
from tettpa_tui.store.meetings import MeetingsMixin
from tettpa_tui.store.observations import ObservationsMixin
from tettpa_tui.store.plan import PlanMixin
from tettpa_tui.store.signins import SignInsMixin
from tettpa_tui.store.stories import StoriesMixin
from tettpa_tui.store.storage import (
    LEGACY_BACKUPS,
    FileLock,
    check_file,
    ensure_private_dir,
    move_legacy_backups,
    read_file,
    remove_stale_temp_files,
)

if TYPE_CHECKING:  # imported where used: not needed to start the app
    from tinydb import TinyDB

    from tettpa_tui.domain.access import StaffCode


def default_data_dir() -> Path:
    """TETTPA_DATA_DIR if set, else the platform's folder for user data."""
    env = os.environ.get("TETTPA_DATA_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_DIR_NAME, appauthor=False))


_BUILT: dict[str, tuple[dict[str, Any], Department]] = {}  # a department file -> its documents and the Department built from them

class Store(PlanMixin, StoriesMixin, MeetingsMixin, ObservationsMixin, CooperationMixin, SignInsMixin,
            CertificationMixin, MicroProjectsMixin):
    """All data of one data folder. Every method is safe across processes.

    Here: places, locks, settings, kindergartens, departments, staff and their
    codes, the month files and the check; each kind of record has a mixin of its
    own (plan.py, stories.py, meetings.py, observations.py, cooperation.py), and
    documents.py turns records into the documents kept on disk.
    """

    def __init__(self, root: Path | str | None = None) -> None:
        self.root = Path(root).expanduser() if root is not None else default_data_dir()
        if self.root.exists() and not self.root.is_dir():
            raise NoFolder(self.root)
        # Told after a change others may follow (the shared folder's report, automatic
        # backups): called with (department, what) where what is "meeting_finished",
        # "observation" or "plan"; see services/.
        self.listeners: list[Callable[[Department, str], None]] = []
        self._recover_interrupted()

    def _recover_interrupted(self) -> None:
        """Finish or roll back an operation a kill interrupted (store/journal.py), and
        remove what an older version's interrupted restore left. Costs one look at the
        folder when there is nothing to do; what is found is said by check."""
        from tettpa_tui.store import journal

        try:
            journal.recover(self.root, announce=True)
            if any(n.startswith(RESTORING_PREFIX) for n in os.listdir(self.root)):
                from tettpa_tui.store.restoring import sweep_restoring

                with journal.lock(self.root):
                    sweep_restoring(self.root)
        except (StoreError, OSError):
            pass  # the command itself meets the problem and says it

    def _changed(self, dept: Department, what: str) -> None:
        for listener in list(self.listeners):
            listener(dept, what)

    # -- places --------------------------------------------------------------

    def kindergarten_dir(self, kindergarten: str) -> Path:
        return self.root / slugify(kindergarten)

    def department_dir(self, kindergarten: str, department: str) -> Path:
        return self.kindergarten_dir(kindergarten) / slugify(department)

    @contextmanager
    def _db(self, path: Path, kind: str) -> Iterator[TinyDB]:
        """A TinyDB over `path`; the caller holds the folder's lock."""
        # Imported here: the first screen only reads, which needs no TinyDB.
        from tinydb import TinyDB

        from tettpa_tui.store.tinystorage import SafeJSONStorage

        db = TinyDB(path, kind=kind, storage=SafeJSONStorage)
        try:
            yield db
        finally:
            db.close()

    @contextmanager
    def transaction(self, folder: Path, filename: str, kind: str) -> Iterator[TinyDB]:
        """The folder's lock, held while the caller reads and writes one file."""
        with FileLock(folder / LOCK_FILE):
            with self._db(folder / filename, kind) as db:
                yield db

    # -- settings ------------------------------------------------------------

    def setting(self, name: str) -> Any:
        """One of the user's settings (settings.json), or None."""
        path = self.root / SETTINGS_FILE
        data = read_file(path) if path.exists() else None
        if not data:
            return None
        return data.get("settings", {}).get("1", {}).get(name)

    def set_setting(self, name: str, value: Any) -> None:
        ensure_private_dir(self.root)
        with self.transaction(self.root, SETTINGS_FILE, "settings") as db:
            table = db.table("settings")
            if table.get(doc_id=1) is None:
                table.insert({name: value})
            else:
                table.update({name: value}, doc_ids=[1])

    def last_department(self) -> str | None:
        return self.setting("last_department")

    def set_last_department(self, path: str) -> None:
        self.set_setting("last_department", path)

    # -- kindergartens and departments ----------------------------------------

    def kindergarten(self, name: str) -> Kindergarten:
        path = self.kindergarten_dir(name) / KINDERGARTEN_FILE
        data = read_file(path)
        if data is None:
            raise DomainError("error.kindergarten_unknown", name=name)
        doc = data.get("kindergarten", {}).get("1", {})
        return Kindergarten(name=doc["name"], pool=doc.get("pool"))

    def set_pool(self, kindergarten: str, pool: int | None) -> None:
        folder = self.kindergarten_dir(kindergarten)
        if not (folder / KINDERGARTEN_FILE).exists():
            raise DomainError("error.kindergarten_unknown", name=kindergarten)
        with self.transaction(folder, KINDERGARTEN_FILE, "kindergarten") as db:
            db.table("kindergarten").update({"pool": pool}, doc_ids=[1])

    def create_department(self, dept: Department, pool: int | None = None) -> Department:
        """Store a new department (and its kindergarten, the first time)."""
        kg_dir = self.kindergarten_dir(dept.kindergarten)
        dept_dir = kg_dir / slugify(dept.name)
        # What this call makes, so that a failure (a full disk) leaves none of it behind.
        made = [p for p in (self.root, kg_dir, kg_dir / LOCK_FILE, dept_dir, dept_dir / LOCK_FILE,
                            dept_dir / DEPARTMENT_FILE) if not p.exists()]
        try:
            ensure_private_dir(self.root)
            ensure_private_dir(kg_dir)
            with FileLock(kg_dir / LOCK_FILE):
                with self._db(kg_dir / KINDERGARTEN_FILE, "kindergarten") as db:
                    table = db.table("kindergarten")
                    existing = table.get(doc_id=1)
                    if existing is None:
                        made.insert(3, kg_dir / KINDERGARTEN_FILE)  # ours to remove again
                        table.insert({"name": dept.kindergarten, "pool": pool})
                    else:
                        # The kindergarten's spelling as first stored wins.
                        dept = replace(dept, kindergarten=existing["name"])
                        if pool is not None and existing.get("pool") != pool:
                            table.update({"pool": pool}, doc_ids=[1])
                if (dept_dir / DEPARTMENT_FILE).exists():
                    raise DomainError("error.department_exists", path=dept.path)
                move_legacy_backups(kg_dir)  # a department may be called "backups"
                ensure_private_dir(dept_dir)
                with self.transaction(dept_dir, DEPARTMENT_FILE, "department") as db:
                    db.table("department").insert(department_to_doc(dept))
        except (StoreError, OSError):
            _remove_made(made)
            raise
        return dept

    def list_departments(
        self, include_pedagogue: bool = False, problems: list[StoreError] | None = None
    ) -> list[Department]:
        """Every department in the data folder, sorted by kindergarten and name.

        The kindergartens' pedagogue meetings are kept like departments but are
        left out unless asked for. A file that cannot be read raises its
        StoreError: nothing is guessed. Given a `problems` list, such a file's
        error is added to it instead, and every other department is listed.
        """
        found = []
        if not self.root.is_dir():
            return []
        for kg_dir in _subfolders(self.root, problems):
            for dept_dir in _subfolders(kg_dir, problems):
                path = dept_dir / DEPARTMENT_FILE
                try:
                    if path.exists():
                        found.append(self._read_department(path))
                except OSError as exc:
                    if problems is None:
                        raise from_os_error(path, exc, reading=True) from exc
                    problems.append(from_os_error(path, exc, reading=True))
                except StoreError as exc:
                    if problems is None:
                        raise
                    problems.append(exc)
        if not include_pedagogue:
            found = [d for d in found if not d.is_pedagogue_meeting]
        return sorted(found, key=lambda d: (d.kindergarten.casefold(), d.name.casefold()))

    def _read_department(self, path: Path) -> Department:
        data = read_file(path)
        doc = (data or {}).get("department", {}).get("1")
        if doc is None:
            raise UnreadableFile(path, reason="not_ours")
        # The file's parsed documents are shared while the file is unchanged (read_file's
        # cache), and a Department is immutable: built once per version of the file, not
        # on every call (the phone page asks for it on every save; 200 staff cost ~2 ms).
        built = _BUILT.get(str(path))
        if built is not None and built[0] is doc:
            return built[1]
        dept = department_from_doc(doc)
        if len(_BUILT) >= 1024:
            _BUILT.clear()
        _BUILT[str(path)] = (doc, dept)
        return dept

    def department(self, path: str) -> Department:
        """The department named 'KINDERGARTEN/DEPARTMENT' (case and accents aside)."""
        kindergarten, name = parse_department_path(path)
        file = self.department_dir(kindergarten, name) / DEPARTMENT_FILE
        try:
            exists = file.exists()
        except OSError as exc:  # a folder on the way that may not be opened
            raise from_os_error(file.parent, exc, reading=True) from exc
        if not exists:
            raise DomainError("error.department_unknown", path=path)
        return self._read_department(file)

    def update_department(
        self, dept: Department, change: Callable[[Department], Department]
    ) -> Department:
        """Read the department afresh under its lock, apply `change`, write it back."""
        folder = self.department_dir(dept.kindergarten, dept.name)
        with self.transaction(folder, DEPARTMENT_FILE, "department") as db:
            table = db.table("department")
            doc = table.get(doc_id=1)
            if doc is None:
                raise DomainError("error.department_unknown", path=dept.path)
            current = department_from_doc(doc)
            changed = change(current)
            if slugify(changed.name) != slugify(current.name):
                raise DomainError("error.department_rename")
            table.update(department_to_doc(changed), doc_ids=[1])
            return changed

    # -- staff ------------------------------------------------------------------

    def add_staff(self, dept: Department, name: str, role: Role) -> tuple[Department, StaffMember]:
        added: list[StaffMember] = []

        def change(d: Department) -> Department:
            new, member = d.with_staff_added(name, role)
            added.append(member)
            return new

        return self.update_department(dept, change), added[0]

    def rename_staff(self, dept: Department, staff_id: str, new_name: str) -> Department:
        return self.update_department(dept, lambda d: d.with_staff_renamed(staff_id, new_name))

    def set_staff_role(self, dept: Department, staff_id: str, role: Role) -> Department:
        return self.update_department(dept, lambda d: d.with_staff_role(staff_id, role))

    def retire_staff(self, dept: Department, staff_id: str) -> Department:
        return self.update_department(dept, lambda d: d.with_staff_retired(staff_id))

    def restore_staff(self, dept: Department, staff_id: str) -> Department:
        return self.update_department(dept, lambda d: d.with_staff_restored(staff_id))

    # -- personal codes for the phone page --------------------------------------

    def staff_codes(self, dept: Department) -> dict[str, StaffCode]:
        """Each staff member's code (hashed), by staff id; one read of the department file."""
        from tettpa_tui.domain.access import StaffCode

        folder = self.department_dir(dept.kindergarten, dept.name)
        data = read_file(folder / DEPARTMENT_FILE) or {}
        docs = data.get("staff_codes", {}).values()
        return {doc["staff_id"]: StaffCode.from_doc(doc) for doc in docs if "staff_id" in doc}

    def code_still_holds(self, path: str, staff_id: str, salt: str) -> bool:
        """Whether `staff_id` is still active in the department at `path` and still has the
        code whose salt is `salt`: the phone page asks this on every request, so it reads
        the (cached) file's documents directly instead of building the whole department
        and every code (a department of 200 staff, 130 requests a second)."""
        try:
            kindergarten, name = parse_department_path(path)
            data = read_file(self.department_dir(kindergarten, name) / DEPARTMENT_FILE) or {}
        except (DomainError, StoreError):
            return False
        dept_doc = (data.get("department") or {}).get("1") or {}
        if not any(m.get("id") == staff_id and m.get("active", True) for m in dept_doc.get("staff") or []):
            return False
        return any(doc.get("staff_id") == staff_id and doc.get("salt") == salt
                   for doc in (data.get("staff_codes") or {}).values())

    def set_staff_code(self, dept: Department, staff_id: str, code: StaffCode | None) -> None:
        """Keep a person's code hash in place of the one before (or remove it with None)."""
        folder = self.department_dir(dept.kindergarten, dept.name)
        with self.transaction(folder, DEPARTMENT_FILE, "department") as db:
            table = db.table("staff_codes")
            table.remove(lambda doc: doc.get("staff_id") == staff_id)
            if code is not None:
                table.insert(code.to_doc())

    # -- what grows with time: one file per month ------------------------------

    def month_file(self, dept: Department, month: YearMonth) -> Path:
        return self.department_dir(dept.kindergarten, dept.name) / f"{month}.json"

    @contextmanager
    def month_transaction(self, dept: Department, month: YearMonth) -> Iterator[TinyDB]:
        """The department's lock, and the TinyDB of one month (its stories, its meeting).

        Only that month's file is read and rewritten, so a write costs the same
        after ten years of history as after one, and stays small.
        """
        folder = self.department_dir(dept.kindergarten, dept.name)
        if not (folder / DEPARTMENT_FILE).exists():
            raise DomainError("error.department_unknown", path=dept.path)
        with self.transaction(folder, f"{month}.json", "month") as db:
            yield db

    def lock_held_here(self, dept: Department) -> bool:
        """Whether this thread is inside one of the department's transactions."""
        return FileLock(self.department_dir(dept.kindergarten, dept.name) / LOCK_FILE).held_here()

    def months_on_disk(self, dept: Department) -> list[YearMonth]:
        """Every month with stored activity, oldest first."""
        folder = self.department_dir(dept.kindergarten, dept.name)
        months = []
        try:
            names = os.listdir(folder)  # a folder that cannot be listed is said, not taken as empty
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise from_os_error(folder, exc, reading=True) from exc
        for name in names:
            if name.endswith(".json") and name != DEPARTMENT_FILE:
                try:
                    months.append(YearMonth.parse(name[:-5]))
                except DomainError:
                    continue
        return sorted(months)

    # -- checking ---------------------------------------------------------------

    def _walk(self) -> tuple[list[Path], list[StoreError]]:
        """The data files, and the folders among them that cannot be opened.

        The store's own folders (.backups, and backups/ as older versions named
        it) are not data: they start with a dot, which no folder made from a
        name can (see slugify), so a department called "backups" is data.
        """
        files: list[Path] = []
        problems: list[StoreError] = []
        if not self.root.is_dir():
            return files, problems

        def unreadable(exc: OSError) -> None:
            problems.append(from_os_error(exc.filename or self.root, exc, reading=True))

        for folder, dirs, names in os.walk(self.root, onerror=unreadable):
            dirs[:] = sorted(d for d in dirs if not _internal_folder(Path(folder) / d))
            files.extend(Path(folder) / n for n in names if n.endswith(".json") and not n.startswith("."))
        return sorted(files), problems

    def interrupted(self) -> tuple[list[Any], list[Path], list[Path]]:
        """For check: the recoveries of interrupted operations noted in this data folder
        (newest last), the journals whose recovery failed, and restore work folders
        still here. Waits for an operation that is running to end."""
        from tettpa_tui.store import journal

        if not self.root.is_dir():
            return [], [], []
        failed = journal.problems(self.root)
        left = sorted(p for p in self.root.iterdir() if p.name.startswith(RESTORING_PREFIX))
        return journal.notes_of(self.root), failed, left

    def data_files(self) -> list[Path]:
        return self._walk()[0]

    def check(self) -> list[StoreError]:
        """Every data file (and folder) that this version cannot read, with the reason."""
        files, problems = self._walk()
        return problems + [err for p in files if (err := check_file(p)) is not None]


def _remove_made(made: list[Path]) -> None:
    """Remove the files and folders a failed create made (newest first), and the
    temp files a failed write left in them; a folder that holds anything else stays."""
    for path in reversed(made):
        try:
            if path.suffix in (".json", ".lock") or path.name == LOCK_FILE:
                remove_stale_temp_files(path)
                path.unlink(missing_ok=True)
            else:
                path.rmdir()
        except OSError:
            pass


def _internal_folder(path: Path) -> bool:
    """A folder of the store's own (never a kindergarten or department)."""
    if path.name.startswith("."):
        return True
    return path.name == LEGACY_BACKUPS and not any(
        (path / f).exists() for f in (DEPARTMENT_FILE, KINDERGARTEN_FILE)
    )


def _subfolders(folder: Path, problems: list[StoreError] | None) -> list[Path]:
    """The kindergarten or department folders in `folder`, sorted."""
    try:
        return sorted(p for p in folder.iterdir() if p.is_dir() and not _internal_folder(p))
    except OSError as exc:
        err = from_os_error(folder, exc, reading=True)
        if problems is None:
            raise err from exc
        problems.append(err)
        return []


__all__ = ["Store", "default_data_dir", "clean_name"]
