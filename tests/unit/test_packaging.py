"""The wheel carries content/, and the app finds it there as it does in a checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_ships_content_and_finds_it(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
         "--quiet", "-w", str(tmp_path)],
        check=True, capture_output=True,
    )
    (wheel,) = tmp_path.glob("tettpa_tui-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "tettpa_tui/content/dimensions.toml" in names
    assert "tettpa_tui/content/strings.nb.toml" in names
    assert "tettpa_tui/content/strings.en.toml" in names
    assert "tettpa_tui/web/templates/write.html" in names  # the phone page of `tettpa serve`
    assert "tettpa_tui/web/static/page.css" in names and "tettpa_tui/web/static/page.js" in names
    # the ten dimensions in two languages, and the Toddler instrument's own texts of two of them
    assert sum(n.startswith("tettpa_tui/content/dimensions/") for n in names) == 24
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "from tettpa_tui import content; import tettpa_tui\n"
        "print(content.content_root()); print(len(content.framework().dimensions))"
    )
    out = subprocess.run([sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r}); " + code],
                         capture_output=True, text=True, check=True, cwd=tmp_path)
    root, count = out.stdout.split()
    assert root == str(site / "tettpa_tui" / "content")
    assert count == "10"
