"""Where the data folder lies, and what that means for the stories in it.

Facts a user cannot see from inside the app, each as a key into the string
catalogue (placement.*) with its parameters: `tettpa check` prints them and the app
says them once when it opens. None of them stops the app; each says what to do.
"""

from __future__ import annotations

from pathlib import Path

from tettpa_tui import oscompat


def warnings(root: Path) -> list[tuple[str, dict[str, str]]]:
    found: list[tuple[str, dict[str, str]]] = []
    real = oscompat.store_python_redirect(root)
    if real is not None:
        found.append(("placement.store_python", {"path": str(root), "real": str(real)}))
    service = oscompat.synced_folder(root)
    if service:
        found.append(("placement.synced", {"path": str(root), "service": service}))
    if oscompat.path_too_long(root):
        found.append(("placement.long_path", {"path": str(root)}))
    if root.is_dir() and oscompat.others_can_read(root):
        found.append(("placement.others_can_read", {"path": str(root)}))
    return found
