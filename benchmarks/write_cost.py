#!/usr/bin/env python3
"""How much one durable write costs, with 1 and with 10 years of history.

Builds a department with realistic synthetic history (11 meetings a year, one file per month, six
practice stories a month of about 250 words, two stories taken up per meeting
with about 40 recorded turns each), then times recording one turn: locked,
written to a temp file, fsynced, moved into place, folder fsynced. The
reference is one fsynced write of a 1 KB file in the same folder, measured in
the same run, because these machines are noisy. Prints medians and ratios.

    python benchmarks/write_cost.py [--runs 30]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tettpa_tui.domain.calendar import KindergartenYear  # noqa: E402
from tettpa_tui.domain.records import AgeGroup, Role, new_department  # noqa: E402
from tettpa_tui.store import Store  # noqa: E402
from tettpa_tui.store.storage import atomic_write_bytes  # noqa: E402

WORDS = ("jeg barnet vi leken samling hun han smilte sa spurte ventet hjalp så fant "
         "sammen rommet maten klærne boka ballen gråt lo pekte svarte trøstet").split()


def text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def fill_year(store: Store, dept, year: KindergartenYear, rng: random.Random) -> None:
    staff = [s.id for s in dept.staff]
    for month in year.months:
        with store.month_transaction(dept, month) as db:
            stories = db.table("stories")
            events = db.table("events")
            for author in staff:
                stories.insert({"author": author, "month": str(month), "text": text(rng, 250)})
            for _story in range(2):
                for turn in range(40):
                    events.insert({
                        "kind": "turn", "month": str(month), "speaker": rng.choice(staff),
                        "round": turn // 6, "outcome": "spoke", "note": text(rng, 25),
                    })


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure(years: int, runs: int, root: Path) -> tuple[float, float, int]:
    rng = random.Random(years)
    store = Store(root / f"y{years}")
    dept = store.create_department(new_department(
        "Bench", f"Avd{years}", AgeGroup.MIXED,
        [(f"Ansatt {i}", Role.LEADER if i == 0 else Role.ASSISTANT) for i in range(6)],
    ))
    current = KindergartenYear.containing(date.today())
    this_month = current.months[3]
    for back in range(years):
        fill_year(store, dept, KindergartenYear(current.start - back), rng)
    size = sum(p.stat().st_size for p in store.department_dir("Bench", dept.name).glob("*.json"))

    def record_turn() -> None:
        with store.month_transaction(dept, this_month) as db:
            db.table("events").insert({"kind": "turn", "speaker": "x", "note": text(rng, 25)})

    reference_path = store.root / "reference.bin"
    payload = os.urandom(1024)
    reference = median_ms(lambda: atomic_write_bytes(reference_path, payload), runs)
    return median_ms(record_turn, runs), reference, size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        one, ref1, size1 = measure(1, args.runs, Path(tmp))
        ten, ref10, size10 = measure(10, args.runs, Path(tmp))
    ref = statistics.median([ref1, ref10])
    print(f"reference: one fsynced 1 KB write          {ref:7.2f} ms")
    print(f"record one turn,  1 year of history ({size1 / 1e6:5.1f} MB)  {one:7.2f} ms  "
          f"= {one / ref:4.2f}x reference (budget 3x)")
    print(f"record one turn, 10 years of history ({size10 / 1e6:5.1f} MB) {ten:7.2f} ms  "
          f"= {ten / one:4.2f}x the 1-year figure (budget 1.2x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
