"""What the app does after a change, without being asked: the kindergarten's report
into the shared folder, and the automatic backups.

The store tells its listeners after a finished meeting, an observation or a plan
change. Reports are written a moment after the last change (typing scores writes
one report, not one per key), backups after each finished meeting and at most
once a day when the app closes. Both run in a worker thread, off the keys; a
folder that is not there (a USB stick left at home) is said in one line and
changes nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from tettpa_tui.i18n import t

if TYPE_CHECKING:
    from tettpa_tui.domain.records import Department
    from tettpa_tui.store import Store
    from tettpa_tui.workspace import Workspace


class FollowedApp(Protocol):
    """What the followers need of the app (tettpa_tui.app.BaseApp is one): named here,
    so this module does not import the app that imports it."""

    store: Store
    workspace: Workspace

    def now(self) -> datetime: ...
    def call_from_thread(self, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> Any: ...
    def set_timer(self, delay: float, callback: Callable[[], Any]) -> Any: ...
    def run_worker(self, work: Callable[[], Any], **kwargs: Any) -> Any: ...
    def notify(self, message: str, **kwargs: Any) -> None: ...

REPORT_DELAY = 2.0  # seconds after the last change


class Followers:
    def __init__(self, app: FollowedApp) -> None:
        self.app = app
        self.dirty: set[str] = set()  # kindergartens whose report is due
        self._timer = None

    def attach(self) -> None:
        self.app.store.listeners.append(self._changed)

    def _changed(self, dept: Department, what: str) -> None:
        if threading.get_ident() != getattr(self.app, "_thread_id", threading.get_ident()):
            self.app.call_from_thread(self._changed, dept, what)  # timers belong to the app's thread
            return
        self.dirty.add(dept.kindergarten)
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.app.set_timer(REPORT_DELAY, self._publish_later)
        if what == "meeting_finished":
            self.app.run_worker(self._backup, thread=True, group="auto-backup", exclusive=True)

    # -- reports ---------------------------------------------------------------

    def _publish_later(self) -> None:
        self._timer = None
        self.app.run_worker(self.publish, thread=True, group="report", exclusive=True)

    def publish(self) -> None:
        from tettpa_tui.services import rollup_report as reports

        while self.dirty:
            kg = self.dirty.pop()
            try:
                reports.publish(self.app.workspace, kg, self.app.now())
            except Exception as exc:  # noqa: BLE001 - the change is saved; only the report is not
                self._tell(t("report.not_written", detail=_why(exc)), "warning")

    # -- backups ---------------------------------------------------------------

    def _backup(self) -> None:
        from tettpa_tui.services import backup

        try:
            made = backup.auto_backup(self.app.store, self.app.now())
        except Exception as exc:  # noqa: BLE001 - the meeting is saved; only its backup is not
            self._tell(t("backup.app.auto_failed", detail=_why(exc)), "warning")
            return
        if made is not None:
            self._tell(t("backup.app.auto_done", file=str(made)), "information")

    def on_quit(self) -> None:
        """Before the app closes: the due report, and the day's backup (quietly)."""
        from tettpa_tui.services import backup

        try:
            self.publish()
        except Exception:  # noqa: BLE001 - closing must never fail
            pass
        try:
            backup.auto_backup(self.app.store, self.app.now(), daily=True)
        except Exception:  # noqa: BLE001
            pass

    def _tell(self, message: str, severity: str) -> None:
        try:
            self.app.call_from_thread(self.app.notify, message, severity=severity, markup=False, timeout=10)
        except RuntimeError:  # on the app's own thread
            self.app.notify(message, severity=severity, markup=False, timeout=10)


def _why(exc: Exception) -> str:
    from tettpa_tui.messages import domain_message, store_message
    from tettpa_tui.domain.errors import DomainError
    from tettpa_tui.store import StoreError

    if isinstance(exc, StoreError):
        return store_message(exc)
    if isinstance(exc, DomainError):
        return domain_message(exc)
    return f"{type(exc).__name__}: {exc}"
