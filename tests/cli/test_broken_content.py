"""A broken or missing file in content/ (the app's own texts, the method, the framework):
`tettpa check` and the start of the app say so in one line naming the file and the line,
exit non-zero, and write nothing. When the strings themselves are what is broken, the line
is in English (no text can come from them).

The app is copied with its content/ into a temporary folder and run from there, so the
checkout's own content/ is never touched."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import TODAY
from tettpa_tui.services.demo import create_demo
from tettpa_tui.store import Store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def app_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("app")
    shutil.copytree(ROOT / "tettpa_tui", base / "tettpa_tui", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "content", base / "content")
    return base


def _run(app: Path, *args: str, data: Path, lang: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("TETTPA_LANG", "PYTHONPATH")}
    env.update({"PYTHONPATH": str(app), "TETTPA_TODAY": TODAY.isoformat(), "TETTPA_CACHE_DIR": str(app / "cache")})
    if lang:
        env["TETTPA_LANG"] = lang
    return subprocess.run([sys.executable, "-m", "tettpa_tui", *args, "--data-dir", str(data)], capture_output=True,
                          text=True, env=env, timeout=120, stdin=subprocess.DEVNULL, cwd=app)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


BROKEN = '\nbroken = "no end\n'


ENGLISH = "The program's content files are missing or broken"
BOKMAL = "Programmets innholdsfiler mangler eller er ødelagt"


# The start is refused where the first screen needs the file (its texts, the framework); a file
# read later (the method, the privacy check) is said by `check`, and by the screen that needs it.
@pytest.mark.parametrize("name, breaks, lang, said, at_start", [
    ("strings.nb.toml", BROKEN, None, ENGLISH, True),
    ("strings.en.toml", BROKEN, "en", ENGLISH, True),
    ("dimensions.toml", BROKEN, "en", ENGLISH, True),
    ("method.toml", BROKEN, None, BOKMAL, False),
    ("privacy.toml", None, None, BOKMAL, False),  # missing
])
def test_check_and_the_start_say_which_file_in_one_line(app_copy: Path, tmp_path: Path, name: str, breaks: str | None,
                                                        lang: str | None, said: str, at_start: bool) -> None:
    data = tmp_path / "data"
    create_demo(Store(data), TODAY)
    before = _snapshot(data)
    path = app_copy / "content" / name
    kept = path.read_bytes()
    try:
        if breaks is None:
            path.unlink()
        else:
            path.write_bytes(kept + breaks.encode())
        for args in (("check",), ()) if at_start else (("check",),):  # `tettpa check`, and the app's start
            got = _run(app_copy, *args, data=data, lang=lang)
            assert got.returncode == 1, (args, got.stdout, got.stderr)
            assert "Traceback" not in got.stderr
            (line,) = got.stderr.strip().splitlines()
            assert line.startswith(f"tettpa: {said}") and name in line, line
            if breaks is not None:
                assert re.search(r"at line \d+, column \d+", line), line
    finally:
        path.write_bytes(kept)
    assert _snapshot(data) == before  # nothing written
    assert _run(app_copy, "check", data=data).returncode == 0
