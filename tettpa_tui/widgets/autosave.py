"""When to save what is being typed: after a pause, and never long after the first change.

Saving only once typing *stops* loses everything from a colleague who types
steadily without pausing, if the terminal dies meanwhile. So a change not yet
saved is saved `pause` after the last key, or `max_wait` after the first key
not yet saved, whichever comes first: a killed terminal loses at most about the
last `max_wait` seconds, however one types.

One helper for every field that saves itself (the story writer, the teller's
response, the closing summary, the turn's note). Plain Python: the clock is
given, so a test drives a simulated one through steady typing. In the app it is
Textual's timers (`clock_for`). The phone page's script (web/static/page.js)
follows the same rule.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Protocol


class Handle(Protocol):
    def stop(self) -> Any: ...


class Clock(Protocol):
    def now(self) -> float:
        """Seconds, from any fixed point."""

    def call_later(self, delay: float, callback: Callable[[], Any]) -> Handle:
        """Call back once, `delay` seconds from now."""


class Autosave:
    """Calls `save` a pause after typing stops, and at most `max_wait` after the first unsaved change.

    `changed()` on every change; `flush()` saves at once if anything is waiting (on
    leaving, on a key that saves); `cancel()` forgets what is waiting. A max_wait of
    0 or less saves on the next tick after each change. One timer at a time: a key
    while it runs only notes the time, and the timer looks again when it fires.
    """

    def __init__(self, save: Callable[[], Any], clock: Clock, *, max_wait: float = 1.0,
                 pause: float | None = None) -> None:
        self._save = save
        self.clock = clock
        self.max_wait = max_wait
        self.pause = max_wait / 2 if pause is None else min(pause, max_wait)
        self._first: float | None = None  # the first change not yet saved
        self._last: float | None = None
        self._handle: Handle | None = None

    @property
    def pending(self) -> bool:
        """A change is waiting to be saved."""
        return self._first is not None

    def due(self) -> float | None:
        """When the waiting change is to be saved (on the clock's time), or None."""
        if self._first is None or self._last is None:
            return None
        return min(self._last + self.pause, self._first + self.max_wait)

    def changed(self) -> None:
        now = self.clock.now()
        self._last = now
        if self._first is None:
            self._first = now
        if self._handle is None:
            self._arm(now)

    def _arm(self, now: float) -> None:
        due = self.due()
        delay = 0.0 if due is None or self.max_wait <= 0 else max(due - now, 0.0)
        self._handle = self.clock.call_later(delay, self._fire)

    def _fire(self) -> None:
        self._handle = None
        due = self.due()
        if due is None:
            return
        now = self.clock.now()
        if self.max_wait > 0 and now < due - 0.001:  # typed on meanwhile: not yet
            self._arm(now)
            return
        self.flush()

    def flush(self) -> None:
        """Save now, if a change is waiting."""
        waiting = self.pending
        self.cancel()
        if waiting:
            self._save()

    def cancel(self) -> None:
        """Forget the waiting change (it was saved another way, or is thrown away)."""
        if self._handle is not None:
            self._handle.stop()
            self._handle = None
        self._first = self._last = None


class TimerClock:
    """The app's clock: monotonic time and a Textual timer on the widget that saves."""

    def __init__(self, widget: Any) -> None:
        self._widget = widget

    def now(self) -> float:
        return time.monotonic()

    def call_later(self, delay: float, callback: Callable[[], Any]) -> Handle:
        return self._widget.set_timer(max(delay, 0.001), callback)  # a Textual timer needs a time above 0


def clock_for(widget: Any) -> Clock:
    """The clock the widget's autosave runs on (a test puts a simulated one here)."""
    return TimerClock(widget)
