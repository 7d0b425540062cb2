"""The app in English (--lang en / TETTPA_LANG=en).

Key labels are read when the screens' classes are made, so the language is
chosen before the app is imported: each check runs in a fresh process.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import TODAY

SCRIPT = textwrap.dedent("""
    import asyncio, sys
    from datetime import date
    from pathlib import Path
    from tettpa_tui.i18n import set_language
    set_language("en")
    from tests.app.conftest import screen_text
    from tettpa_tui.app import TettpaApp
    from tettpa_tui.services.demo import create_demo
    from tettpa_tui.store import Store

    async def main():
        store = Store(Path(sys.argv[1]))
        today = date.fromisoformat(sys.argv[2])
        create_demo(store, today)
        app = TettpaApp(store=store, today=today, demo=True)
        async with app.run_test(size=(110, 36)) as pilot:
            await pilot.pause()
            shots = [screen_text(app)]
            for keys in (["s", "enter"], ["escape", "escape", "h"], ["escape", "f1"],
                         ["escape", "m"]):
                await pilot.press(*keys)
                await pilot.pause()
                shots.append(screen_text(app))
            print("\\n=====\\n".join(shots))

    asyncio.run(main())
""")


def test_the_app_speaks_english(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "data"), TODAY.isoformat()],
                          capture_output=True, text=True, env=env, timeout=120, cwd=root)
    assert proc.returncode == 0, proc.stderr
    home, writer, meetings, help_, setup = proc.stdout.split("=====")
    assert "Next meeting" in home and "Tuesday 1 December 2026" in home
    assert "Dimension: Behavior Guidance" in home and "Pedagogical leader" in home
    # Ingrid's demo story is handed in: "Write" opens a new draft, never the handed-in story (issue 24).
    assert "Practice story by" in writer and "Draft" in writer and "Questions" in writer
    assert "Hand in by Friday 27 November 2026" in writer  # three days before the meeting
    assert "Meetings" in meetings and "finished" in meetings
    assert "Help: keys" in help_
    assert "Start meeting" in setup and "Facilitator" in setup
    for shot in (home, writer, meetings, help_, setup):
        for norwegian in ("Neste møte", "Hjelp", "Avslutt", "Praksisfortelling", "Dimensjon", "Veileder"):
            assert norwegian not in shot


def test_the_stand_in_and_the_next_dimension_in_english(tmp_path: Path) -> None:
    script = textwrap.dedent("""
        import sys
        from datetime import date
        from pathlib import Path
        from tettpa_tui.i18n import set_language
        set_language("en")
        from tettpa_tui.services.demo import create_demo
        from tettpa_tui.services.minutes import minutes
        from tettpa_tui.store import Store
        from tettpa_tui.workspace import Workspace

        store = Store(Path(sys.argv[1]))
        create_demo(store, date.fromisoformat(sys.argv[2]))
        ws = Workspace(store)
        dept = store.department("Solsikken barnehage/Blåklokka")
        (last,) = [m for m in store.meetings(dept) if m.status == "finished"]
        print(minutes(ws, dept, last))
    """)
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    proc = subprocess.run([sys.executable, "-c", script, str(tmp_path / "data"), TODAY.isoformat()],
                          capture_output=True, text=True, env=env, timeout=120, cwd=root)
    assert proc.returncode == 0, proc.stderr
    assert "Facilitator of this story: Tobias Haugen (instead of Ingrid Solberg, who tells it)" in proc.stdout
