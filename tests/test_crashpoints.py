"""The kill-at-every-write-point helper itself: it counts, it kills where asked."""

from __future__ import annotations

from pathlib import Path

from tests.crashpoints import count_points, every_kill, run_killed

CREATE = ("department", "create", "Solsikken/Blåklokka", "--age-group", "toddler",
          "--staff", "Ingrid Solberg=leader", "--pool", "4")


def test_counts_and_kills_at_every_write_point(tmp_path: Path) -> None:
    full = count_points(*CREATE, data=tmp_path / "count")
    assert full.proc.returncode == 0, full.proc.stderr
    assert full.points >= 2  # the kindergarten's file and the department's

    first = run_killed(1, *CREATE, data=tmp_path / "one")
    assert first.killed and first.proc.stdout == ""

    seen = []
    for n, got in every_kill(CREATE, data=tmp_path / "each", before=lambda: None):
        seen.append((n, got.killed))
        if got.killed:
            break
    assert seen == [(1, True)]


def test_every_kill_ends_with_a_run_that_completes(tmp_path: Path) -> None:
    runs = []
    for n, got in every_kill(("department", "list", "--json"), data=tmp_path / "d"):
        runs.append(got)
    assert not runs[-1].killed and runs[-1].proc.returncode == 0
