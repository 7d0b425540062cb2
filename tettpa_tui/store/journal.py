"""A small journal for operations that touch many files (a restore, an erasure).

Such an operation cannot be one atomic write, so a kill in the middle could
leave some files changed and others not. The journal makes it whole again:

    with journal.begin(root, "restore", intent, handler=__name__) as entry:
        ...                         # step one
        entry.step_done("staged")   # noted on disk (atomically) before going on
        ...                         # step two
    # on leaving the block the journal is removed: the operation is done

What the operation will do (its `intent`, plain JSON) is written first, in
`<data>/.journal/<kind>-<stamp>-<id>.json`, atomically (0600). The operation
holds the journal lock (`.journal/.lock`) for its whole span, so a journal
found by someone holding that lock belongs to a process that died. The next
process that opens the data folder calls `recover()`, which hands each such
journal to the recover handler registered for its kind (`@register("kind")`,
in the module named by `handler`, imported on demand): the handler finishes
the operation or rolls it back, says which, and the journal is removed. What
was recovered is noted (the newest few, `.journal/recovered.json`) so that
`check` can tell it afterwards; a journal whose handler fails is left in
place and reported as a problem.

Plain Python and the store's own atomic writes and locks; no TinyDB.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from importlib import import_module
from pathlib import Path
from typing import Any

from tettpa_tui.store.storage import FileLock, atomic_write_bytes, ensure_private_dir, remove_stale_temp_files

JOURNAL_DIR = ".journal"
LOCK_NAME = ".lock"
NOTES_FILE = "recovered.json"
NOTES_KEPT = 10
FORMAT = 1
FINISHED = "finished"
ROLLED_BACK = "rolled_back"
FAILED = "failed"
# A journal names the module that recovers it; only the app's own are imported.
_HANDLER_PREFIX = "tettpa_tui."

Handler = Callable[[Path, "Entry"], str]
_HANDLERS: dict[str, Handler] = {}
# Journals of operations running in this process: never "recovered" under them
# (the lock is re-entrant, so a Store opened inside an operation would see them).
_LIVE: set[str] = set()
# What recoveries in this process did, for a face to say once (see take_recovered).
_RECOVERED_HERE: list["Recovered"] = []


def register(kind: str) -> Callable[[Handler], Handler]:
    """Decorator: `handler(root, entry)` finishes or rolls back an interrupted
    operation of `kind` and returns FINISHED or ROLLED_BACK. It runs under the
    journal lock and must be safe to run again (a kill may stop it too)."""

    def wrap(func: Handler) -> Handler:
        _HANDLERS[kind] = func
        return func

    return wrap


def folder(root: Path) -> Path:
    return Path(root) / JOURNAL_DIR


def lock(root: Path) -> FileLock:
    return FileLock(folder(root) / LOCK_NAME)


@dataclass
class Entry:
    """One operation's journal: what it will do, and the steps done so far."""

    path: Path
    kind: str
    id: str
    started: str
    handler: str
    intent: dict[str, Any]
    done: list[str] = field(default_factory=list)

    def to_doc(self) -> dict[str, Any]:
        return {"journal": FORMAT, "kind": self.kind, "id": self.id, "started": self.started,
                "handler": self.handler, "intent": self.intent, "done": self.done}

    @classmethod
    def load(cls, path: Path) -> "Entry":
        """Raises ValueError for a file that is not a journal of ours."""
        try:
            doc = json.loads(Path(path).read_bytes().decode("utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise ValueError(str(path)) from exc
        if not isinstance(doc, dict) or doc.get("journal") != FORMAT or not isinstance(doc.get("intent"), dict) \
                or not isinstance(doc.get("done"), list) or not isinstance(doc.get("kind"), str):
            raise ValueError(str(path))
        return cls(path=Path(path), kind=doc["kind"], id=str(doc.get("id", "")), started=str(doc.get("started", "")),
                   handler=str(doc.get("handler", "")), intent=doc["intent"], done=[str(s) for s in doc["done"]])

    def save(self) -> None:
        atomic_write_bytes(self.path, json.dumps(self.to_doc(), ensure_ascii=False).encode("utf-8"))

    def is_done(self, step: str) -> bool:
        return step in self.done

    def step_done(self, step: str, **intent: Any) -> None:
        """Note a step as done (and, if given, facts learned on the way) before going on."""
        if step not in self.done:
            self.done.append(step)
        self.intent.update(intent)
        self.save()

    def finish(self) -> None:
        """The operation is complete: the journal goes."""
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass


@contextmanager
def begin(root: Path, kind: str, intent: dict[str, Any], handler: str,
          now: datetime | None = None) -> Iterator[Entry]:
    """Write the journal, yield it, remove it when the block ends normally.

    The journal lock is held throughout. If the block raises, the handler is run
    at once (as the next opening would run it) and the error goes on; if the
    handler fails too, the journal stays for the next opening.
    """
    root = Path(root)
    ensure_private_dir(folder(root))
    with lock(root):
        _recover_locked(root)  # a dead run's journal first: operations never overlap
        stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
        import secrets  # here: every start opens the store, few start an operation

        ident = secrets.token_hex(4)
        entry = Entry(path=folder(root) / f"{kind}-{stamp}-{ident}.json", kind=kind, id=ident,
                      started=(now or datetime.now()).isoformat(timespec="seconds"), handler=handler,
                      intent=dict(intent))
        entry.save()
        _LIVE.add(str(entry.path))
        try:
            yield entry
        except BaseException:
            try:
                _run(root, entry)
                entry.finish()
            except Exception:
                pass
            raise
        finally:
            _LIVE.discard(str(entry.path))
        entry.finish()


def pending(root: Path) -> list[Path]:
    """Journal files in the data folder (a live operation's among them); cheap, no lock."""
    try:
        return sorted(p for p in folder(root).iterdir() if p.suffix == ".json" and p.name != NOTES_FILE
                      and not p.name.startswith("."))
    except OSError:
        return []


@dataclass(frozen=True)
class Recovered:
    """What the opening of the data folder did with an interrupted operation."""

    kind: str
    started: str
    outcome: str  # FINISHED | ROLLED_BACK | FAILED
    at: str
    file: str = ""

    def to_doc(self) -> dict[str, str]:
        return {"kind": self.kind, "started": self.started, "outcome": self.outcome, "at": self.at,
                "file": self.file}


def recover(root: Path, announce: bool = False) -> list[Recovered]:
    """Finish or roll back every interrupted operation; returns what was done
    (with `announce`, also kept for take_recovered: the store's opening does so).

    Costs one listing of `.journal/` when there is nothing to do. Waits for a
    live operation (it holds the lock) to end, then finds its journal gone.
    """
    root = Path(root)
    try:
        names = [n for n in (folder(root)).iterdir() if n.suffix in (".json", ".tmp") and n.name != NOTES_FILE]
    except OSError:
        return []
    if not names:
        return []
    with lock(root):
        found = _recover_locked(root)
    if announce:
        _RECOVERED_HERE.extend(found)
    return found


_RECOVERING: set[str] = set()  # journals whose handler runs now, in this process


def _recover_locked(root: Path) -> list[Recovered]:
    found: list[Recovered] = []
    for stale in folder(root).glob(".*.tmp"):  # a journal's write that a kill cut short
        if not any(stale.name.startswith(f".{Path(p).name}.") for p in _LIVE):
            stale.unlink(missing_ok=True)
    for path in pending(root):
        if str(path) in _LIVE or str(path) in _RECOVERING:
            continue  # running here, or being recovered by a caller further up (a handler opened a Store)
        remove_stale_temp_files(path)
        at = datetime.now().isoformat(timespec="seconds")
        try:
            entry = Entry.load(path)
        except ValueError:
            found.append(Recovered(kind="?", started="", outcome=FAILED, at=at, file=path.name))
            continue
        _RECOVERING.add(str(path))
        try:
            outcome = _run(root, entry)
        except Exception:  # left for the next opening, and reported by check
            found.append(Recovered(kind=entry.kind, started=entry.started, outcome=FAILED, at=at,
                                   file=path.name))
            continue
        finally:
            _RECOVERING.discard(str(path))
        entry.finish()
        found.append(Recovered(kind=entry.kind, started=entry.started, outcome=outcome, at=at, file=path.name))
    done = [r for r in found if r.outcome != FAILED]
    if done:
        _note(root, done)
    return found


def take_recovered() -> list[Recovered]:
    """What the store's openings in this process recovered since the last call (a face
    says it once)."""
    got = list(_RECOVERED_HERE)
    _RECOVERED_HERE.clear()
    return got


def _run(root: Path, entry: Entry) -> str:
    handler = _HANDLERS.get(entry.kind)
    if handler is None and entry.handler.startswith(_HANDLER_PREFIX):
        import_module(entry.handler)  # registers its handlers
        handler = _HANDLERS.get(entry.kind)
    if handler is None:
        raise LookupError(entry.kind)
    outcome = handler(root, entry)
    return outcome if outcome in (FINISHED, ROLLED_BACK) else FINISHED


def _note(root: Path, done: list[Recovered]) -> None:
    notes = [*notes_of(root), *done][-NOTES_KEPT:]
    try:
        atomic_write_bytes(folder(root) / NOTES_FILE, json.dumps([n.to_doc() for n in notes]).encode("utf-8"))
    except Exception:  # a note is a courtesy; the recovery itself is done
        pass


def notes_of(root: Path) -> list[Recovered]:
    """The newest recoveries made in this data folder (for `check`)."""
    try:
        docs = json.loads((folder(root) / NOTES_FILE).read_bytes())
        return [Recovered(kind=str(d["kind"]), started=str(d["started"]), outcome=str(d["outcome"]),
                          at=str(d["at"]), file=str(d.get("file", ""))) for d in docs]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def problems(root: Path) -> list[Path]:
    """Journals still waiting after a recovery (only those whose recovery failed;
    a live operation's journal is waited for, not reported)."""
    recover(root)
    with lock(root) if pending(root) else _nothing():
        return [p for p in pending(root) if str(p) not in _LIVE]


@contextmanager
def _nothing() -> Iterator[None]:
    yield
