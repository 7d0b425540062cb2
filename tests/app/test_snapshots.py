"""What the main screens look like, pinned as SVG snapshots (fixed clock, fixed data).

Update after a deliberate change with: pytest tests/app/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from pathlib import Path

from tests.app.conftest import make_app
from tests.conftest import TODAY
from tettpa_tui.services.demo import create_demo
from tettpa_tui.store import Store


def demo_app(tmp_path: Path):
    store = Store(tmp_path / "snap")
    create_demo(store, TODAY)
    return make_app(store, demo=True)


def test_home_80x24(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(demo_app(tmp_path), terminal_size=(80, 24))


def test_home_200x60(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(demo_app(tmp_path), terminal_size=(200, 60))


def test_welcome_80x24(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(make_app(Store(tmp_path / "empty")), terminal_size=(80, 24))


def test_help_80x24(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(demo_app(tmp_path), press=["f1"], terminal_size=(80, 24))


def test_writer_80x24(snap_compare, tmp_path: Path) -> None:
    # Per Kristiansen has a draft in the demo: the writer opens on it.
    assert snap_compare(demo_app(tmp_path), press=["s", "down", "down", "down", "enter"], terminal_size=(80, 24))


def test_writer_200x60(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(demo_app(tmp_path), press=["s", "down", "down", "down", "enter"], terminal_size=(200, 60))


def test_stories_overview_80x24(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(demo_app(tmp_path), press=["f"], terminal_size=(80, 24))


def meeting_app(tmp_path: Path):
    """The demo on the day of its next meeting, with a clock that stands still."""
    from datetime import date, datetime

    store = Store(tmp_path / "snap")
    create_demo(store, TODAY)
    fixed = datetime(2026, 12, 1, 13, 0)
    return make_app(store, today=date(2026, 12, 1), clock=lambda: fixed)


START = ["m", "ctrl+s"]
PICK = ["f9", "space", "down", "space", "tab", "enter", "enter"]  # the last: Tobias stands in for the leader's story


def test_meeting_opening_80x24(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(meeting_app(tmp_path), press=START, terminal_size=(80, 24))


def test_meeting_presentation_80x24(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(meeting_app(tmp_path), press=START + PICK, terminal_size=(80, 24))


def test_meeting_questions_80x24(snap_compare, tmp_path: Path) -> None:
    keys = START + PICK + ["f9", "H", "v", "a", "space", "n", "å", "?", "enter", "f5"]
    assert snap_compare(meeting_app(tmp_path), press=keys, terminal_size=(80, 24))


def test_meeting_reflection_200x60(snap_compare, tmp_path: Path) -> None:
    keys = START + PICK + ["f9", "f9", "enter", "f9", "enter", "enter"]
    assert snap_compare(meeting_app(tmp_path), press=keys, terminal_size=(200, 60))


def test_meeting_projector_200x60(snap_compare, tmp_path: Path) -> None:
    keys = START + PICK + ["f9", "f3"]
    assert snap_compare(meeting_app(tmp_path), press=keys, terminal_size=(200, 60))


def test_meeting_response_80x24(snap_compare, tmp_path: Path) -> None:
    keys = START + PICK + ["f9", "f9", "enter", "f9", "enter", "f9", "enter"]
    assert snap_compare(meeting_app(tmp_path), press=keys, terminal_size=(80, 24))


def test_meeting_closing_80x24(snap_compare, tmp_path: Path) -> None:
    keys = START + ["f9", "space", "tab", "enter"] + ["f9", "f9", "enter", "f9", "enter", "f9", "enter", "f9",
                                                       "enter",  # on without a goal
                                                       "R", "o", "e", "n", "enter"]
    assert snap_compare(meeting_app(tmp_path), press=keys, terminal_size=(80, 24))


def test_year_view_80x24(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(demo_app(tmp_path), press=["y"], terminal_size=(80, 24))


def test_meeting_record_80x24(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(demo_app(tmp_path), press=["h", "enter"], terminal_size=(80, 24))


def test_observation_grid_80x24(snap_compare, tmp_path: Path) -> None:
    from datetime import datetime

    from tests.unit.test_observation import TODDLER_1, TODDLER_2
    from tettpa_tui.domain.observation import Instrument
    from tettpa_tui.workspace import Workspace

    app = demo_app(tmp_path)
    ws = Workspace(app.store)
    dept = app.store.department("Solsikken barnehage/Blåklokka")
    ws.record_observation(dept, TODAY, "Olsen", [TODDLER_1, TODDLER_2], datetime(2026, 11, 30, 12),
                          Instrument.TODDLER, external=True)  # an observer from outside (not certified here)
    assert snap_compare(app, press=["o", "enter"], terminal_size=(80, 24))
