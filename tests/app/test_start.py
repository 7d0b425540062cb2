"""The start: what is imported before the first frame of the home screen.

Every start shows the home screen with the department's staff and year wheel; what
only later screens, commands and workers need is imported after that first frame
(README, "Ytelse / Performance"). `tettpa` is started as a user starts it (the CLI's
main), in a fresh process; at the first frame Textual draws, the wheel must already
hold the department's months and none of the modules below may have been imported.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tettpa_tui.services.demo import create_demo
from tettpa_tui.store import Store

from tests.conftest import TODAY

# Heavy, and not needed to show the home screen: each has its moment later.
NOT_AT_FIRST_FRAME = [
    "argparse",  # only when a command is given (`tettpa` alone opens the app)
    "tomllib",  # content/ comes from the parsed-content cache
    "tinydb",  # only writes need it
    "secrets",  # a journal of an operation that touches many files, when one is started
    "cryptography",  # backups
    "pygal",  # the municipality page's charts
    "aiohttp",  # the phone page's server
    "jinja2",  # the phone page's and the municipality page's HTML
    "markdown_it",  # exports
    "tettpa_tui.domain.meeting",  # the meeting (the home screen asks only whether one was held)
    "tettpa_tui.domain.certification",  # CLASS certifications
    "tettpa_tui.domain.microproject",  # mikroprosjekter
    "tettpa_tui.domain.signins",  # the phone page's sign-ins
    "tettpa_tui.store.placement",  # where the data folder lies: checked after the first frame
    "tettpa_tui.store.backup",
    "tettpa_tui.services",
    "tettpa_tui.screens.backup",
    "tettpa_tui.screens.meeting",
]

FIRST_FRAME = r"""
import gc, json, sys
import textual.app as textual_app

shown = {}
_display = textual_app.App._display

def display(self, screen, renderable):
    if not shown and renderable is not None and screen.children:
        plan = screen.query_one("#plan")
        shown["screen"] = type(screen).__name__
        shown["months"] = [str(plan.get_option_at_index(i).prompt) for i in range(plan.option_count)]
        shown["staff"] = [str(o.prompt) for o in screen.query_one("#staff").options]
        shown["modules"] = sorted(sys.modules)
        shown["collector_at_first_frame"] = gc.isenabled()

        def after_first_frame():
            shown["collector_after"] = gc.isenabled()
            shown["frozen_after"] = gc.get_freeze_count()
            self.exit()

        self.call_after_refresh(after_first_frame)
    return _display(self, screen, renderable)

textual_app.App._display = display
_run = textual_app.App.run
textual_app.App.run = lambda self, *a, **k: _run(self, headless=True, size=(80, 24))

import tettpa_tui.cli.app as cli_app
cli_app._drawn_in_a_terminal = lambda: True  # drawn headless here, into a pipe
from tettpa_tui.cli import main
main(["--data-dir", sys.argv[1]])
print(json.dumps(shown))
"""


def first_frame(data: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", FIRST_FRAME, str(data)], capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_home_screen_is_drawn_with_its_data_before_anything_heavy_is_imported(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("TETTPA_LANG", "nb")
    data = tmp_path / "data"
    create_demo(Store(data), TODAY)  # a department with a year of meetings and stories
    first_frame(data)  # an earlier start: the content cache is filled, the department remembered
    shown = first_frame(data)
    assert shown["screen"] == "HomeScreen"
    assert len(shown["months"]) == 11 and any("Positivt klima" in m for m in shown["months"])
    assert shown["staff"]
    loaded = set(shown["modules"])
    early = [m for m in NOT_AT_FIRST_FRAME if m in loaded or any(n.startswith(m + ".") for n in loaded)]
    assert early == []


def test_the_cycle_collector_rests_until_the_first_frame_and_then_runs_again(tmp_path, monkeypatch) -> None:
    # It would walk every object of the start again and again and free nothing (lazy.py):
    # paused while `tettpa` starts, then what the start made is frozen out of its way.
    monkeypatch.setenv("TETTPA_LANG", "nb")
    data = tmp_path / "data"
    create_demo(Store(data), TODAY)
    shown = first_frame(data)
    assert shown["collector_at_first_frame"] is False
    assert shown["collector_after"] is True and shown["frozen_after"] > 10_000


async def test_an_app_started_another_way_leaves_the_collector_alone(tmp_path) -> None:
    # The tests (and any other caller) start the app without the CLI: nothing is frozen.
    import gc

    from tettpa_tui.app import TettpaApp

    store = Store(tmp_path / "data")
    create_demo(store, TODAY)
    frozen = gc.get_freeze_count()
    async with TettpaApp(store=store, today=TODAY).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert gc.isenabled() and gc.get_freeze_count() == frozen


def test_the_schema_knows_every_turn_outcome_without_importing_the_meeting() -> None:
    # store/schema.py spells the outcomes out (importing domain/meeting.py for them would load
    # the meeting at every start): they must stay the meeting's own.
    from tettpa_tui.domain.meeting import Outcome
    from tettpa_tui.store.schema import EVENT_DATA

    assert set(EVENT_DATA["turn"]["outcome"]) == {o.value for o in Outcome}
