"""The name check meets its goal on the labelled stories (tests/data/privacy_stories.json)."""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import privacy  # noqa: E402


def test_the_labelled_set_is_large_varied_and_its_spans_are_right() -> None:
    stories = json.loads((ROOT / "tests" / "data" / "privacy_stories.json").read_text(encoding="utf-8"))
    assert len(stories) >= 120
    assert sum(s["lang"] == "en" for s in stories) >= 10
    assert sum(s["held_out"] for s in stories) >= len(stories) // 5
    for s in stories:
        assert s["staff"]
        for start, end, word in s["names"] + s["characters"]:
            assert s["text"][start:end] == word


def test_names_found_and_false_alarms_meet_the_goal_on_both_parts() -> None:
    tuning, held_out = privacy.evaluate()
    for part in (tuning, held_out):
        assert part.recall >= privacy.RECALL_GOAL, part.misses
        assert part.false_alarm_rate <= privacy.FALSE_ALARM_GOAL, part.alarms
