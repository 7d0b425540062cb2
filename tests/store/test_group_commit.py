"""Many phones saving drafts at once: their changes to one month's file are written
together, and each is acknowledged only once the write that holds it is on disk."""

from __future__ import annotations

import json
import threading
from datetime import datetime

import pytest

from tettpa_tui.domain import stories as story_rules
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.store import StoreError
from tettpa_tui.store import tinystorage
from tettpa_tui.store.errors import from_os_error
from tettpa_tui.store.layout import LOCK_FILE
from tettpa_tui.store.storage import FileLock
from tettpa_tui.workspace import Workspace

NOW = datetime(2026, 11, 30, 9, 30)
N = 20


def _on_disk(store, dept, month) -> dict[str, str]:
    """The stories' texts as the month's file holds them now (read from disk, no cache)."""
    data = json.loads(store.month_file(dept, month).read_bytes())
    return {d["id"]: d["text"] for d in data["stories"].values()}


def _drafts(store, dept, n: int = N):
    ws = Workspace(store)
    member = dept.active_staff[0]
    return [ws.start_story(dept, member, NOW, text=f"utkast {i}") for i in range(n)]


def _at_once(store, dept, jobs, monkeypatch, hold_first_write: bool = True):
    """Run `jobs` (story, change) each in its own thread, all waiting to write at the
    same time: the first write is held until every thread has asked for its change."""
    asked = threading.Semaphore(0)
    real = tinystorage.atomic_write_bytes
    held = [hold_first_write]
    writes: list[int] = []

    def counting_write(path, payload):
        if path.name.endswith(".json") and path.name[:4].isdigit():
            writes.append(1)
            if held[0]:
                held[0] = False
                for _ in jobs[1:]:  # the others are in change_story (queued, or waiting for the lock)
                    assert asked.acquire(timeout=10), "the other saves never came"
        return real(path, payload)

    monkeypatch.setattr(tinystorage, "atomic_write_bytes", counting_write)
    outcomes: dict[int, object] = {}
    seen_on_disk: dict[int, dict[str, str]] = {}

    def run(i: int, story, change) -> None:
        if i:
            asked.release()
        try:
            outcomes[i] = store.change_story(dept, story.month, story.id, change)
            seen_on_disk[i] = _on_disk(store, dept, story.month)  # the moment it is acknowledged
        except BaseException as exc:  # noqa: BLE001
            outcomes[i] = exc

    threads = [threading.Thread(target=run, args=(i, s, c)) for i, (s, c) in enumerate(jobs)]
    threads[0].start()
    while not writes:  # the first thread is in its write before the others come
        threading.Event().wait(0.005)
    for t in threads[1:]:
        t.start()
    for t in threads:
        t.join(30)
    return outcomes, seen_on_disk, writes


def test_saves_at_the_same_time_are_written_together_and_acknowledged_after_the_write(
        store, dept, monkeypatch: pytest.MonkeyPatch) -> None:
    stories = _drafts(store, dept)
    jobs = [(s, (lambda i: lambda x: story_rules.edit(x, f"ny tekst {i}", NOW))(i)) for i, s in enumerate(stories)]
    outcomes, seen, writes = _at_once(store, dept, jobs, monkeypatch)
    assert all(not isinstance(o, BaseException) for o in outcomes.values()), outcomes
    # One write for the first, then the other 19 together (not 20 writes one by one); a thread
    # the machine is slow to run may come one write later.
    assert len(writes) <= N // 4, f"{len(writes)} writes for {N} saves"
    for i, s in enumerate(stories):
        assert outcomes[i].text == f"ny tekst {i}"
        assert seen[i][s.id] == f"ny tekst {i}", "acknowledged before its write was on disk"
    assert {s.id: s.text for s in store.stories(dept, stories[0].month)} == {
        s.id: f"ny tekst {i}" for i, s in enumerate(stories)}


def test_a_change_that_fails_fails_its_caller_alone(store, dept, monkeypatch: pytest.MonkeyPatch) -> None:
    stories = _drafts(store, dept, 4)

    def refuse(story):
        raise DomainError("error.story_empty")

    jobs = [(stories[0], lambda x: story_rules.edit(x, "først", NOW)),
            (stories[1], refuse),
            (stories[2], lambda x: story_rules.edit(x, x.text + " og tredje", NOW)),
            (stories[2], lambda x: story_rules.edit(x, x.text + " og fjerde", NOW))]  # each sees the other's
    outcomes, seen, writes = _at_once(store, dept, jobs, monkeypatch)
    assert isinstance(outcomes[1], DomainError)
    texts = _on_disk(store, dept, stories[0].month)
    assert texts[stories[0].id] == "først"
    assert texts[stories[1].id] == "utkast 1"
    assert texts[stories[2].id] in ("utkast 2 og tredje og fjerde", "utkast 2 og fjerde og tredje")


def test_a_write_that_fails_acknowledges_none_of_its_changes(store, dept, monkeypatch: pytest.MonkeyPatch) -> None:
    stories = _drafts(store, dept, 6)
    real = tinystorage.atomic_write_bytes
    calls = [0]

    def full_disk(path, payload):
        calls[0] += 1
        if calls[0] == 2:  # the write of the batch that queued behind the first
            raise from_os_error(path, OSError(28, "No space left on device"))
        return real(path, payload)

    monkeypatch.setattr(tinystorage, "atomic_write_bytes", full_disk)
    jobs = [(s, (lambda i: lambda x: story_rules.edit(x, f"igjen {i}", NOW))(i)) for i, s in enumerate(stories)]
    outcomes, seen, writes = _at_once(store, dept, jobs, monkeypatch)
    texts = _on_disk(store, dept, stories[0].month)
    for i, s in enumerate(stories):
        if isinstance(outcomes[i], BaseException):
            assert isinstance(outcomes[i], StoreError)
            assert texts[s.id] == f"utkast {i}", "a refused save is on disk anyway"
        else:
            assert texts[s.id] == f"igjen {i}"
    assert any(isinstance(o, StoreError) for o in outcomes.values())


def test_a_change_inside_the_departments_own_transaction_does_not_wait_on_itself(store, dept) -> None:
    (story,) = _drafts(store, dept, 1)
    with FileLock(store.department_dir(dept.kindergarten, dept.name) / LOCK_FILE):
        changed = store.change_story(dept, story.month, story.id, lambda x: story_rules.edit(x, "inne", NOW))
    assert changed.text == "inne"
    assert _on_disk(store, dept, story.month)[story.id] == "inne"
