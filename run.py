#!/usr/bin/env python3
"""Set up and run tettpa_tui from a checkout with nothing but Python 3.11+.

    python3 run.py demo      open the app on the demo kindergarten
    python3 run.py test      run the whole test suite
    python3 run.py ARGS...   run `tettpa ARGS...` (e.g. `python3 run.py check`)

The first call makes a virtual environment in .venv and installs the app and
its test tools into it; later calls reuse it, and reinstall only when
pyproject.toml has changed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".tettpa-installed"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def wanted_stamp() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


class _SetupLock:
    """One setup at a time: a second `run.py` started meanwhile waits for the first."""

    def __enter__(self) -> "_SetupLock":
        self.file = open(ROOT / ".venv.lock", "a")
        try:
            import fcntl

            fcntl.flock(self.file, fcntl.LOCK_EX)
        except ImportError:  # Windows: no flock; setups at once are rare there
            pass
        return self

    def __exit__(self, *exc: object) -> None:
        self.file.close()  # closing releases the lock


def ensure_env() -> Path:
    if sys.version_info < (3, 11):
        sys.exit("tettpa trenger Python 3.11 eller nyere (needs Python 3.11+).")
    py = venv_python()
    if py.exists() and STAMP.exists() and STAMP.read_text() == wanted_stamp():
        return py  # the usual case: set up before, nothing to wait for
    with _SetupLock():
        return _set_up(py)


def _set_up(py: Path) -> Path:
    if not py.exists():
        print("Lager et virtuelt miljø i .venv ...", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if not STAMP.exists() or STAMP.read_text() != wanted_stamp():
        print("Installerer tettpa_tui og det den trenger ...", file=sys.stderr)
        try:
            subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
            subprocess.run([str(py), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[test]"], check=True)
        except subprocess.CalledProcessError as exc:
            sys.exit(f"Kunne ikke installere det tettpa trenger (pip avsluttet med {exc.returncode}); "
                     "se meldingene over. (Could not install what tettpa needs.)")
        STAMP.write_text(wanted_stamp())
    return py


def main(argv: list[str]) -> int:
    py = ensure_env()
    if argv[:1] == ["test"]:
        cmd = [str(py), "-m", "pytest", *argv[1:]]
    else:
        cmd = [str(py), "-m", "tettpa_tui", *argv]
    return subprocess.call(cmd, cwd=ROOT)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
