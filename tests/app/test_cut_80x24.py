"""Nothing a user needs is cut at 80×24: every label, header, button, table cell and key of
the key bar is whole on screen (wrapped is fine; cut, ellipsised or behind a sideways scroll
is not). In bokmål here; in English through a second run of this file with TETTPA_LANG=en
(key labels are read when the screens' classes are made). See tests/app/cut.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.app.cut import cut_texts, screen_lines
from tests.app.test_screens_80x24 import SCREENS as SNAPSHOT_SCREENS
from tests.app.test_screens_80x24 import SIZE, build
from tettpa_tui.i18n import language

LANG = language()

SCREENS: dict[str, tuple[str, list[str]]] = {
    **SNAPSHOT_SCREENS,
    # The mentor models the method (F11): Time-out joins the meeting's key bar.
    "meeting_modelling": ("day", [*SNAPSHOT_SCREENS["meeting_reflection"][1], "f11"]),
    "pedagogue_meeting": ("demo", ["k", "p"]),
    "cooperation": ("demo", ["k", "c"]),
    "cooperation_form": ("demo", ["k", "c", "n"]),
    "cooperation_open": ("cooperation", ["k", "c"]),
    "cooperation_form_open": ("cooperation", ["k", "c", "n"]),
    "reports": ("reports", ["c", "o"]),
}

# Texts shown in part on purpose: a story's first words in a list (Enter opens it whole).
EXCERPTS = {"stories_overview": "DataTable#stories cell"}


def build_any(kind: str, tmp_path: Path):
    if kind == "cooperation":  # a samarbeidsmøte with agreements still open
        from datetime import date, datetime

        from tettpa_tui.domain import cooperation as co

        app = build("demo", tmp_path)
        dept = app.store.department(app.store.last_department())
        app.store.save_cooperation_meeting(dept.kindergarten, co.new_meeting(
            date(2026, 10, 1), ["Mona Mentor", "Kari Styrer"], "Hvordan styrer leder refleksjonen",
            ["Styrer deltar på to avdelingsmøter før jul, og mentor gir skriftlig tilbakemelding etterpå",
             "Årshjulet for neste år"], [], datetime(2026, 10, 1, 12)))
        return app
    if kind != "reports":
        return build(kind, tmp_path)
    from tests.cli.test_report_cli import _report
    from tettpa_tui.services import rollup_report as reports

    app = build("demo", tmp_path)
    shared = tmp_path / "shared"
    shared.mkdir()
    for name, at in (("Eikelunden barnehage", "2026-11-20T10:00:00"), ("Gamle Skogstua", "2026-09-20T10:00:00")):
        (shared / f"{name[:5]}.tettpa-report.json").write_text(json.dumps(_report(name, at)))
    reports.set_shared_folder(app.store, shared)
    return app


async def cuts_on(name: str, tmp_path: Path) -> list[str]:
    kind, keys = SCREENS[name]
    app = build_any(kind, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*keys)
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        found = [c for c in cut_texts(app) if not c.startswith(EXCERPTS.get(name, "\0"))]
        # A key never stands alone at a line's end, apart from the words that go with it.
        for row in screen_lines(app):
            if row.rstrip().endswith((" [", " ]")):
                found.append(f"a key alone at a line's end: {row.strip()!r}")
        return found


@pytest.mark.parametrize("name", list(SCREENS))
async def test_nothing_a_user_needs_is_cut_at_80x24(tmp_path: Path, name: str) -> None:
    assert await cuts_on(name, tmp_path) == []


@pytest.mark.skipif(LANG == "en", reason="this is the English run")
def test_nothing_is_cut_in_english() -> None:
    args = [sys.executable, "-m", "pytest", "-q", "-n", "0", "-p", "no:cacheprovider", "-k",
            "test_nothing_a_user_needs_is_cut_at_80x24", __file__]
    env = dict(os.environ, TETTPA_LANG="en")
    proc = subprocess.run(args, cwd=Path(__file__).parents[2], env=env, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-2000:]
