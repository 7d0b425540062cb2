"""Erasing stored text for good: story texts by the retention rules, and a person's data.

The only code that removes text from the data files. An erasure is one
operation over several files (month files, department files, the app's own
copies of them, the erasure log), so it runs under the journal
(store/journal.py): what it will erase is written first (story ids and
staff ids, never a text or a name), then

1. each month's file is rewritten under the department's lock with the
   texts blanked ("tekst slettet DATO"), and a person's name in the
   department file becomes «tidligere ansatt» (and the texts of the
   mikroprosjekter she owns are blanked), as does the name on her CLASS
   certifications in the kindergarten's file;
2. every copy the app keeps on this machine is reached: `.backups/` beside the
   files (plaintext), `.replaced/` (encrypted with the key kept here: opened,
   erased in, sealed again; one this machine cannot open is removed), the
   folders of an interrupted restore (`.restoring-*`), and temp files a killed
   writer left;
3. one line per erasure is added to the department's log (`erasures.jsonl`:
   what, when, by which rule; never the text), each at most once.

Every step can run again with the same result, so a killed erasure is
finished by the next command that opens the data folder (the journal's
recovery calls `_recover`), and a rerun of the same command finds it done.
The log travels with backups and is merged, never dropped, by a restore
(`merge_logs`, `prepare_restored` in store/erasure_log.py): a restored older copy is erased again
by what the log says.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from tettpa_tui.domain.records import Department
from tettpa_tui.domain.retention import Erasure, RetentionRules
from tettpa_tui.store import journal
from tettpa_tui.store.erasure_log import (  # noqa: F401 (also imported from here by callers)
    LOG_FILE,
    merge_logs,
    prepare_restored,
    scrub_doc,
)
from tettpa_tui.store.erasure_log import log_key as _key
from tettpa_tui.store.erasure_log import project_texts as _project_texts
from tettpa_tui.store.erasure_log import parse_log as _parse_log
from tettpa_tui.store.errors import StoreError
from tettpa_tui.store.repository import (
    DEPARTMENT_FILE,
    KINDERGARTEN_FILE,
    LOCK_FILE,
    FileLock,
    Store,
    story_from_doc,
    story_to_doc,
)
from tettpa_tui.store.storage import (
    BACKUPS_DIR,
    LEGACY_BACKUPS,
    atomic_write_bytes,
    encode,
    read_file,
    remove_stale_temp_files,
)

KIND = "erase"  # the journal's kind for an erasure by the retention rules
PERSON_KIND = "erase_person"  # ... and for a person's, told apart so a rerun can be recognised
RESTORING_PREFIX = ".restoring-"


def _folder(store: Store, dept: Department) -> Path:
    return store.department_dir(dept.kindergarten, dept.name)


def retention_rules(store: Store, dept: Department, defaults: RetentionRules) -> RetentionRules:
    """The department's own values on top of content/retention.toml's."""
    data = read_file(_folder(store, dept) / DEPARTMENT_FILE) or {}
    doc = data.get("retention", {}).get("1") or {}
    return defaults.with_values(doc.get("used_months"), doc.get("draft_months"), doc.get("unused_months"))


def set_retention(store: Store, dept: Department, used_months: int | None, draft_months: int | None,
                  unused_months: int | None = None) -> None:
    with store.transaction(_folder(store, dept), DEPARTMENT_FILE, "department") as db:
        table = db.table("retention")
        doc = dict(table.get(doc_id=1) or {})
        if used_months is not None:
            doc["used_months"] = used_months
        if draft_months is not None:
            doc["draft_months"] = draft_months
        if unused_months is not None:
            doc["unused_months"] = unused_months
        table.truncate()
        table.insert(doc)


def meeting_dates(store: Store, dept: Department) -> dict[str, date]:
    return {m.id: m.date for m in store.meetings(dept)}


# ---- the operation -------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """What one department loses: story texts, and perhaps a person's name."""

    folder: str  # the department's folder, relative to the data folder (posix)
    stories: list[Erasure]
    person: str | None = None  # staff id
    new_name: str | None = None  # «tidligere ansatt» (numbered if taken)

    def to_doc(self) -> dict[str, Any]:
        return {"folder": self.folder, "person": self.person, "new_name": self.new_name,
                "stories": [{"id": e.story_id, "month": e.month, "author": e.author_id, "rule": e.rule,
                             "due": e.due.isoformat()} for e in self.stories]}


@dataclass
class Outcome:
    """What an erasure did: texts erased now, copies reached, copies removed."""

    texts: int = 0
    copies: int = 0
    removed: list[str] = field(default_factory=list)  # copies this machine could not open


def part_of(store: Store, dept: Department, stories: list[Erasure], person: str | None = None,
            new_name: str | None = None) -> Part:
    return Part(_folder(store, dept).relative_to(store.root).as_posix(), stories, person, new_name)


def name_key(name: str) -> str:
    """A person's name as the journal keeps it: a digest, so a rerun can be told
    apart from a typo while no file holds the name itself."""
    return hashlib.sha256(" ".join(name.split()).casefold().encode("utf-8")).hexdigest()


# Name keys of person erasures this process finished for a killed run (a rerun says so).
finished_for: set[str] = set()


def finished_lately(store: Store, name: str, hours: int = 24) -> bool:
    """Whether a person erasure that was interrupted has been finished since: by this process
    (for this very name), or by another command within `hours` (the journal's notes; no name
    is kept anywhere, so a name not found then is most likely the one that was erased)."""
    if name_key(name) in finished_for:
        return True
    since = (datetime.now() - timedelta(hours=hours)).isoformat(timespec="seconds")
    return any(n.kind == PERSON_KIND and n.outcome == journal.FINISHED and n.at >= since
               for n in journal.notes_of(store.root))


def finish_interrupted(store: Store) -> list[journal.Recovered]:
    """Finish an erasure (or anything else) a killed process left, before deciding anew."""
    return journal.recover(store.root)


def erase(store: Store, parts: list[Part], now: datetime, why: str, name: str | None = None) -> Outcome:
    """Erase as `parts` say, in every file and copy, logged once; resumable after a kill."""
    intent = {"why": why, "at": now.isoformat(timespec="seconds"), "parts": [p.to_doc() for p in parts],
              **({"name_key": name_key(name)} if name else {})}
    with journal.begin(store.root, PERSON_KIND if name else KIND, intent, handler=__name__, now=now) as entry:
        return _carry_out(store, entry.intent)


def erase_stories(store: Store, dept: Department, erasures: list[Erasure], now: datetime, why: str) -> int:
    """Erase these stories' texts everywhere; returns how many were erased now."""
    if not erasures:
        return 0
    return erase(store, [part_of(store, dept, erasures)], now, why).texts


class _Files:
    """The store's file work (locks, TinyDB over the safe storage) without opening the data
    folder as a Store does: a recovery runs inside that opening and must not start another."""

    transaction = Store.transaction
    _db = Store._db

    def __init__(self, root: Path) -> None:
        self.root = Path(root)


@journal.register(KIND)
@journal.register(PERSON_KIND)
def _recover(root: Path, entry: journal.Entry) -> str:
    _carry_out(_Files(root), entry.intent)  # type: ignore[arg-type]
    if entry.intent.get("name_key"):
        finished_for.add(entry.intent["name_key"])
    return journal.FINISHED  # an erasure is never rolled back: it was asked for


def _carry_out(store: Store, intent: dict[str, Any]) -> Outcome:
    now = datetime.fromisoformat(intent["at"])
    outcome = Outcome()
    parts = [p for p in intent["parts"] if (store.root / p["folder"] / DEPARTMENT_FILE).exists()]
    for part in parts:
        folder = store.root / part["folder"]
        outcome.texts += _erase_texts(store, folder, part["stories"], now)
        if part.get("person"):
            _rename(store, folder, part["person"], part["new_name"], now.date())
    story_ids = {s["id"] for p in parts for s in p["stories"]}
    people = {p["person"]: p["new_name"] for p in parts if p.get("person")}
    kindergartens = sorted({(store.root / p["folder"]).parent for p in parts})
    if people:  # the kindergarten's own file names people too (its CLASS certifications)
        for kg in kindergartens:
            if (kg / KINDERGARTEN_FILE).exists():
                with FileLock(kg / LOCK_FILE):
                    _scrub_plain(kg / KINDERGARTEN_FILE, set(), people, now.date())
    copies, removed = scrub_copies(store, [store.root / p["folder"] for p in parts] + kindergartens, story_ids,
                                   people, now.date())
    outcome.copies, outcome.removed = copies, removed
    for part in parts:
        _log_part(store, store.root / part["folder"], part, intent["why"], now)
    return outcome


def _erase_texts(store: Store, folder: Path, stories: list[dict[str, Any]], now: datetime) -> int:
    from tettpa_tui.domain.retention import erase_text

    by_month: dict[str, set[str]] = defaultdict(set)
    for s in stories:
        by_month[s["month"]].add(s["id"])
    count = 0
    for month, ids in sorted(by_month.items()):
        if not (folder / f"{month}.json").exists():
            continue
        with store.transaction(folder, f"{month}.json", "month") as db:
            table = db.table("stories")
            for doc in table.all():
                if doc["id"] in ids and not doc.get("erased_on") and doc.get("text"):
                    table.update(story_to_doc(erase_text(story_from_doc(doc), now.date(), now)),
                                 doc_ids=[doc.doc_id])
                    count += 1
    return count


def _rename(store: Store, folder: Path, staff_id: str, new_name: str, day: date) -> None:
    """The person in the department file: the texts of the mikroprosjekter she owns erased,
    and she is named «tidligere ansatt» and marked as left. Each write is skipped when done,
    so a rerun after a kill between them finishes the rest."""
    from tettpa_tui.domain import microproject as mp
    from tettpa_tui.store.documents import department_from_doc, department_to_doc
    from tettpa_tui.store.microprojects import microproject_from_doc, microproject_to_doc

    with store.transaction(folder, DEPARTMENT_FILE, "department") as db:
        table = db.table("department")
        doc = table.get(doc_id=1)
        if doc is None:
            return
        projects = db.table("microprojects")
        for p in projects.all():
            if p.get("leader") == staff_id and _project_texts(p):
                projects.update(microproject_to_doc(mp.erase_texts(microproject_from_doc(p), day)),
                                doc_ids=[p.doc_id])
        dept = department_from_doc(doc)
        member = next((m for m in dept.staff if m.id == staff_id), None)
        if member is None or (member.name == new_name and not member.active):
            return
        if member.name != new_name:
            dept = dept.with_staff_renamed(staff_id, new_name)
        if member.active:
            dept = dept.with_staff_retired(staff_id)
        table.update(department_to_doc(dept), doc_ids=[1])


# ---- the app's own copies ----------------------------------------------------------------


def _scrub_plain(path: Path, story_ids: set[str], people: dict[str, str], day: date) -> bool:
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, ValueError):
        return False  # not ours to read; `tettpa check` reports data files, not copies
    if not isinstance(data, dict) or not scrub_doc(data, story_ids, people, day):
        return False
    atomic_write_bytes(path, encode(data))
    return True


def scrub_copies(store: Store, folders: list[Path], story_ids: set[str], people: dict[str, str],
                 day: date) -> tuple[int, list[str]]:
    """Reach every copy the app keeps on this machine of these departments' files.

    Returns (copies changed, copies removed because this machine cannot open them)."""
    if not story_ids and not people:
        return 0, []
    changed = 0
    for folder in folders:
        with FileLock(folder / LOCK_FILE):
            for name in [p.name for p in folder.iterdir() if p.suffix == ".json" and not p.name.startswith(".")]:
                remove_stale_temp_files(folder / name)  # a killed writer's half-way copy
            for sub in (BACKUPS_DIR, LEGACY_BACKUPS):
                if (folder / sub).is_dir() and not any((folder / sub / f).exists()
                                                       for f in (DEPARTMENT_FILE, KINDERGARTEN_FILE)):
                    for path in sorted((folder / sub).glob("*.json")):
                        changed += _scrub_plain(path, story_ids, people, day)
    for work in sorted(store.root.glob(f"{RESTORING_PREFIX}*")):
        for dirpath, _dirs, names in os.walk(work):
            for n in sorted(names):
                if n.endswith(".json"):
                    changed += _scrub_plain(Path(dirpath) / n, story_ids, people, day)
    more, removed = _scrub_replaced(store, story_ids, people, day)
    return changed + more, removed


def _scrub_replaced(store: Store, story_ids: set[str], people: dict[str, str], day: date) -> tuple[int, list[str]]:
    """The encrypted copies a `restore --replace` kept (.replaced/): opened with the key
    kept here, erased in and sealed again; one that cannot be opened here is removed,
    since it cannot be reached otherwise."""
    from tettpa_tui.store import backup as files

    folder = store.root / files.REPLACED_DIR
    if not folder.is_dir():
        return 0, []
    key = files.load_key(store)
    changed, removed = 0, []
    for path in files.list_backups(folder):
        try:
            opened = files.open_backup(path, None, key)
        except StoreError:  # another passphrase, damaged, or newer: it cannot be reached here
            files.remove([path])
            removed.append(path.name)
            continue
        out, touched = [], False
        for rel, raw in opened.files.items():
            if rel.endswith(".json"):
                data = json.loads(raw.decode("utf-8"))
                if scrub_doc(data, story_ids, people, day):
                    raw, touched = encode(data), True
            out.append((rel, raw))
        if touched:
            manifest = dict(opened.manifest)
            manifest["files"] = files.manifest_for(out, files.Scope("all"), [], datetime.now(), "")["files"]
            files.write_backup(path, manifest, out, opened.key)
            changed += 1
    return changed, removed


# ---- the log ---------------------------------------------------------------------------


def _log_part(store: Store, folder: Path, part: dict[str, Any], why: str, now: datetime) -> None:
    """Log what this part erased (the files say what is erased; the log each of it once)."""
    today = now.date().isoformat()
    at = now.isoformat(timespec="seconds")
    want: list[dict[str, Any]] = []
    erased_today: set[str] = set()
    for month in sorted({s["month"] for s in part["stories"]}):
        data = read_file(folder / f"{month}.json") or {}
        erased_today |= {d["id"] for d in (data.get("stories") or {}).values()
                         if d.get("erased_on") == today and not d.get("text")}
    for s in part["stories"]:
        if s["id"] in erased_today:
            want.append({"at": at, "what": "story-text", "story": s["id"], "month": s["month"],
                         "author": s["author"], "rule": s["rule"], "due": s["due"], "why": why})
    if part.get("person"):
        want.append({"at": at, "what": "person", "person": part["person"], "as": part["new_name"],
                     "rule": "person", "why": "request"})
    if want:
        append_log(folder, want)


def append_log(folder: Path, entries: list[dict[str, Any]]) -> int:
    """Add the entries not in the log yet (under the department's lock); returns how many."""
    with FileLock(folder / LOCK_FILE):
        path = folder / LOG_FILE
        old = path.read_bytes() if path.exists() else b""
        have = {_key(e) for e in _parse_log(old)}
        new = [e for e in entries if _key(e) not in have]
        if new:
            atomic_write_bytes(path, old + "".join(json.dumps(e, ensure_ascii=False) + "\n"
                                                   for e in new).encode("utf-8"))
        return len(new)


def log_entries(store: Store, dept: Department) -> list[dict[str, Any]]:
    """The department's erasure log, oldest first."""
    path = _folder(store, dept) / LOG_FILE
    if not path.exists():
        return []
    return _parse_log(path.read_bytes())


def log_person(store: Store, dept: Department, entry: dict[str, Any]) -> None:
    append_log(_folder(store, dept), [entry])
