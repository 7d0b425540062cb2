"""A killed app loses nothing: the draft is on disk before the process dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

from tettpa_tui.store import Store

from tests.conftest import posix_only

DRIVER = textwrap.dedent(
    """
    import asyncio, sys, time
    from datetime import date
    from pathlib import Path
    from tettpa_tui.app import TettpaApp
    from tettpa_tui.store import Store

    async def main():
        store = Store(Path(sys.argv[1]))
        app = TettpaApp(store=store, today=date(2026, 11, 30))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("s", "down", "enter")
            await pilot.pause()
            await pilot.press(*"Jeg satt med jenta")
            dept = store.department("Solsikken/Blåklokka")
            for _ in range(400):  # the app's own autosave, after its pause (at most 20 s)
                if any(s.text == "Jeg satt med jenta" for s in store.stories(dept)):
                    break
                await pilot.pause(0.05)
            else:
                print("never saved", flush=True)
                return
            print("saved", flush=True)
            await pilot.press(*" og mer")
            await pilot.pause()
            time.sleep(60)  # killed here, mid-story

    asyncio.run(main())
    """
)


@posix_only
def test_story_typed_before_a_kill_is_there_after(store: Store, dept) -> None:
    proc = subprocess.Popen([sys.executable, "-c", DRIVER, str(store.root)], stdout=subprocess.PIPE, text=True,
                            env={**os.environ})
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "saved"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    (story,) = store.stories(dept)
    assert story.text.startswith("Jeg satt med jenta")
    assert Store(store.root).check() == []  # every file whole after the kill
