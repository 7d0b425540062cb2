"""The work folders an older version's interrupted restore left in the data folder.

Its own module, below the repository (which sweeps them when it opens a folder)
and apart from store/backup.py (which imports the repository).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tettpa_tui import oscompat
from tettpa_tui.store import journal
from tettpa_tui.store.layout import DEPARTMENT_FILE, RESTORING_PREFIX


def sweep_restoring(root: Path) -> list[Path]:
    """Remove work folders no journal names (the caller holds the journal lock, so
    their restore is dead): an older version's, whose swap renamed whole folders.
    A department such a restore had moved away (old/) and not yet back is put back
    first, from new/ if that was complete, else from old/. Returns what was removed."""
    named = set()
    for path in journal.pending(root):
        try:
            named.add(str(journal.Entry.load(path).intent.get("work", "")))
        except ValueError:
            continue
    removed = []
    for work in sorted(Path(root).glob(f"{RESTORING_PREFIX}*")):
        if work.name in named or not work.is_dir():
            continue
        for kg in sorted((work / "old").glob("*")):
            for dept in sorted(kg.glob("*")):
                target = Path(root) / kg.name / dept.name
                if (target / DEPARTMENT_FILE).exists() or target.exists():
                    continue
                staged = work / "new" / kg.name / dept.name
                source = staged if (staged / DEPARTMENT_FILE).exists() else dept
                if (source / DEPARTMENT_FILE).exists():
                    oscompat.replace(source, target)
        shutil.rmtree(work, ignore_errors=True)
        removed.append(work)
    return removed
