"""The English run of tests/app/test_screens_80x24.py, started by it with TETTPA_LANG=en.

In a folder of its own, so its snapshots are not taken for unused ones (and
deleted) by a bokmål run with --snapshot-update.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.test_screens_80x24 import LANG, SCREENS, SIZE, build


@pytest.mark.skipif(LANG != "en", reason="run with TETTPA_LANG=en")
@pytest.mark.parametrize("name", list(SCREENS))
def test_every_screen_at_80x24_in_english(snap_compare, tmp_path: Path, name: str) -> None:
    kind, keys = SCREENS[name]
    assert snap_compare(build(kind, tmp_path), press=keys, terminal_size=SIZE)
