"""The load benchmark, briefly: a few phones for a few seconds lose nothing.

The full run (50 phones, 30 s) is `python benchmarks/serve_bench.py`; its figures are in the README."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_short_load_run_loses_nothing() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "serve_bench.py"), "--clients", "4",
                           "--seconds", "3", "--hand-in-every", "2"], capture_output=True, text=True, timeout=120)
    assert "lost 0 · errors 0" in proc.stdout, proc.stdout + proc.stderr
    assert "handed in 0 " not in proc.stdout
    assert "one idle session:" in proc.stdout
