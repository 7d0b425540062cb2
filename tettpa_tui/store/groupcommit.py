"""Group commit: changes to one file asked for at the same time are written together.

Every write of a data file is a whole new file, flushed and fsynced, moved into
place and the folder fsynced (storage.py): safe, and about the same cost for one
changed story as for twenty. When many phones save drafts at once, each waiting
its turn for the department's lock to write the month's file alone, the file is
written as often as there are saves and the queue grows. Here the first caller
to reach an idle file writes the changes of every caller waiting behind it in
one locked read-modify-write (as LevelDB's writers and a database's group
commit do); the others wait for that write.

Nothing is acknowledged early: each caller returns (or raises) only after the
one write that includes its change is on disk. A change that raises fails that
caller alone; a write that fails fails every caller whose change it held, and
none of them is on disk.
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Pending(Generic[T]):
    """One caller's change, waiting for the write that holds it."""

    __slots__ = ("key", "change", "new", "context", "result", "error", "done")

    def __init__(self, key: str, change: Callable[[T], T], new: T | None = None) -> None:
        self.key = key
        self.change = change
        self.new = new  # an item to add when there is none under `key` yet
        self.context = contextvars.copy_context()  # the caller's language, for texts made in `change`
        self.result: T | None = None
        self.error: BaseException | None = None
        self.done = False

    def apply(self, value: T) -> T:
        """The change, run in its caller's context."""
        return self.context.run(self.change, value)


class GroupCommit:
    """Queues of changes, one queue per file; the caller at a queue's head writes it."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._queues: dict[Hashable, list[Pending[Any]]] = {}
        self.writes = 0  # files written (for tests and the benchmark)
        self.changes = 0  # changes those writes held

    def submit(self, file: Hashable, key: str, change: Callable[[T], T],
               write: Callable[[Callable[[], list[Pending[T]]]], None], new: T | None = None) -> T:
        """Apply `change` to the item `key` of `file` and return the changed item once
        it is on disk. `write(take)` is one locked read-modify-write of the file: once
        it holds the lock it calls `take()` for the batch (everyone queued by then) and
        runs each pending change (`p.apply(item)`, its result or error kept on `p`)."""
        mine: Pending[T] = Pending(key, change, new)
        with self._cond:
            queue = self._queues.setdefault(file, [])
            queue.append(mine)
            while not mine.done and queue[0] is not mine:
                self._cond.wait()
        if mine.done:
            return self._outcome(mine)
        batch: list[Pending[T]] = [mine]

        def take() -> list[Pending[T]]:
            # Taken once the lock is held: whoever queued while the file was busy comes along.
            nonlocal batch
            with self._cond:
                batch = list(queue)
            return batch

        try:
            write(take)
        except BaseException as exc:  # the write failed: nothing in it is on disk
            for p in batch:
                p.error, p.result = exc, None
        with self._cond:
            del queue[: len(batch)]
            if not queue:
                self._queues.pop(file, None)
            self.writes += 1
            self.changes += len(batch)
            for p in batch:
                p.done = True
            self._cond.notify_all()
        return self._outcome(mine)

    @staticmethod
    def _outcome(p: Pending[T]) -> T:
        if p.error is not None:
            raise p.error
        return p.result  # type: ignore[return-value]
