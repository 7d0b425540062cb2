"""Every screen at 80×24, in bokmål here and in English through a second run (SVG snapshots).

Key labels are read when the screens' classes are made, so English needs a fresh
process: `test_every_screen_in_english` runs english/screens_80x24_en.py with TETTPA_LANG=en
(and passes --snapshot-update on). Fixed day, fixed clock, the demo's data.
Update after a deliberate change: pytest tests/app/test_screens_80x24.py --snapshot-update
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from tests.app.conftest import make_app
from tests.conftest import TODAY
from tettpa_tui.services.demo import create_demo
from tettpa_tui.i18n import language
from tettpa_tui.store import Store

LANG = language()
MEETING_DAY = date(2026, 12, 1)
SIZE = (80, 24)

START = ["m", "ctrl+s"]
PICK = ["ctrl+n", "space", "down", "space", "tab", "enter", "enter"]  # the last: a stand-in for the leader's story
NOTE = ["space" if ch == " " else ch for ch in "Hva tenkte du da hun nølte og reiste seg?"]

SCREENS: dict[str, tuple[str, list[str]]] = {
    # name: (which app, keys)
    "home": ("demo", []),
    "help": ("demo", ["f1"]),
    "welcome": ("empty", []),
    "departments": ("demo", ["d"]),
    "writer": ("demo", ["s", "down", "down", "down", "enter"]),
    "writer_check": ("demo", ["s", "down", "down", "down", "enter", "ctrl+r"]),
    "writer_more": ("demo", ["s", "down", "down", "down", "enter", "ctrl+f"]),
    "writer_help": ("demo", ["s", "down", "down", "down", "enter", "f1"]),
    "stories_overview": ("demo", ["f"]),
    "story_read": ("demo", ["f", "enter"]),
    "meetings": ("demo", ["h"]),
    "meeting_record": ("demo", ["h", "enter"]),
    "search": ("demo", ["slash", *"garderob"]),
    "year": ("demo", ["y"]),
    "year_month_dialog": ("demo", ["y", "e"]),
    "participation": ("demo", ["t"]),
    "kindergarten": ("demo", ["k"]),
    "observations": ("demo", ["o"]),
    "observation_results": ("demo", ["o", "enter"]),
    "development_plan": ("demo", ["o", "p"]),
    "meeting_setup": ("day", ["m"]),
    "meeting_opening": ("day", START),
    "meeting_pick": ("day", [*START, "ctrl+n", "down", "space", "up", "space"]),
    "meeting_presentation": ("day", START + PICK),
    "meeting_questions": ("day", [*START, *PICK, "ctrl+n", *NOTE, "enter", "ctrl+o"]),
    "meeting_more": ("day", [*START, *PICK, "ctrl+n", "ctrl+f"]),
    "meeting_help": ("day", [*START, *PICK, "ctrl+n", "f1"]),
    "meeting_reflection": ("day", [*START, *PICK, "ctrl+n", "ctrl+n", "enter", "ctrl+n", "enter", "enter"]),
    "meeting_response": ("day", [*START, *PICK, "ctrl+n", "ctrl+n", "enter", "ctrl+n", "enter", "ctrl+n", "enter"]),
    "meeting_closing": ("day", [*START, "ctrl+n", "space", "tab", "enter", "ctrl+n", "ctrl+n", "enter", "ctrl+n",
                                "enter", "ctrl+n", "enter", "ctrl+n", "enter", *"Roen", "enter"]),
}


def build(kind: str, tmp_path: Path):
    if kind == "empty":
        return make_app(Store(tmp_path / "empty"))
    store = Store(tmp_path / "snap")
    create_demo(store, TODAY)
    if kind == "demo":
        return make_app(store, demo=True)
    fixed = datetime(2026, 12, 1, 13, 0)
    return make_app(store, today=MEETING_DAY, clock=lambda: fixed)


@pytest.mark.skipif(LANG != "nb", reason="the English run is screens_80x24_en.py")
@pytest.mark.parametrize("name", list(SCREENS))
def test_every_screen_at_80x24(snap_compare, tmp_path: Path, name: str) -> None:
    kind, keys = SCREENS[name]
    assert snap_compare(build(kind, tmp_path), press=keys, terminal_size=SIZE)


@pytest.mark.skipif(LANG == "en", reason="this is the English run")
def test_every_screen_in_english(request: pytest.FixtureRequest) -> None:
    args = [sys.executable, "-m", "pytest", "-q", "-n", "0", "-p", "no:cacheprovider",
            str(Path(__file__).parent / "english" / "screens_80x24_en.py")]
    if request.config.getoption("--snapshot-update", default=False):
        args.append("--snapshot-update")
    env = dict(os.environ, TETTPA_LANG="en")
    proc = subprocess.run(args, cwd=Path(__file__).parents[2], env=env, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
