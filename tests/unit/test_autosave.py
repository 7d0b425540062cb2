"""Autosave: a pause after typing stops, and never later than max_wait after the first unsaved change."""

from __future__ import annotations

from tests.conftest import SimulatedClock
from tettpa_tui.widgets.autosave import Autosave


class Field:
    """A field being typed in, and what of it is on disk."""

    def __init__(self, clock: SimulatedClock, **kwargs) -> None:
        self.typed = ""
        self.on_disk = ""
        self.saves: list[float] = []
        self.clock = clock
        self.autosave = Autosave(self.save, clock, **kwargs)

    def save(self) -> None:
        self.on_disk = self.typed
        self.saves.append(self.clock.now())

    def type(self, text: str) -> None:
        for ch in text:
            self.typed += ch
            self.autosave.changed()


def test_steady_typing_is_on_disk_a_second_after_each_word_however_one_types() -> None:
    clock = SimulatedClock()
    field = Field(clock, max_wait=1.0)
    # A word every half second for ten seconds, a key every tenth of a second: never a pause.
    written_at: list[tuple[float, str]] = []
    for i in range(20):
        for ch in f"ord{i} ":
            field.type(ch)
            written_at.append((clock.now(), field.typed))
            clock.advance(0.1)
            # Whatever was typed a second ago or earlier is on disk now.
            older = [text for at, text in written_at if at <= clock.now() - 1.0 + 1e-9]
            if older:
                assert field.on_disk.startswith(older[-1]), (clock.now(), field.on_disk)
    assert len(field.saves) <= 11  # about one write a second, not one a key
    assert all(b - a >= 0.99 for a, b in zip(field.saves, field.saves[1:]))


def test_a_pause_saves_sooner_and_a_quiet_field_writes_nothing() -> None:
    clock = SimulatedClock()
    field = Field(clock, max_wait=1.0)
    field.type("Jeg")
    clock.advance(0.4)
    assert field.on_disk == ""
    clock.advance(0.1)  # half a second after the last key
    assert field.on_disk == "Jeg" and field.saves == [0.5]
    clock.advance(30)
    assert field.saves == [0.5]  # nothing new: nothing written


def test_flush_saves_what_waits_and_cancel_forgets_it() -> None:
    clock = SimulatedClock()
    field = Field(clock, max_wait=1.0)
    field.type("a")
    field.autosave.flush()
    assert field.on_disk == "a" and not field.autosave.pending
    field.autosave.flush()
    assert field.saves == [0.0]  # nothing waited: no second write
    field.type("b")
    field.autosave.cancel()
    clock.advance(5)
    assert field.on_disk == "a"


def test_no_wait_saves_on_the_next_tick() -> None:
    clock = SimulatedClock()
    field = Field(clock, max_wait=0)
    field.type("abc")
    clock.advance(0)
    assert field.on_disk == "abc" and len(field.saves) == 1
