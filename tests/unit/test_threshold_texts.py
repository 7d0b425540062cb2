"""Every text that states the CLASS threshold rule says the rule the code uses:
strictly above (domain/observation.above_threshold), a mean exactly at it is not above."""

from __future__ import annotations

from pathlib import Path

import pytest

from tettpa_tui.domain.observation import above_threshold
from tettpa_tui.i18n import catalogue

ROOT = Path(__file__).resolve().parents[2]
INCLUSIVE = ("på eller over", "på/over", "or above", "at or above", "≥ terskel", "≥ threshold", "minst på terskel")


def test_the_rule_is_strictly_above() -> None:
    assert not above_threshold(3.0, 3) and above_threshold(3.01, 3) and not above_threshold(5.0, 5)


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_reports_legend_says_exactly_at_is_not_above(lang: str) -> None:
    texts = catalogue(lang)
    legend = texts["reports_screen.col_kindergarten_domains"]
    assert not any(word in legend for word in INCLUSIVE)
    assert ("akkurat på er ikke over" if lang == "nb" else "exactly at it is not above") in legend
    assert not any(word in text for text in texts.values() for word in INCLUSIVE), [
        k for k, text in texts.items() if any(word in text for word in INCLUSIVE)]


def test_the_readme_and_the_municipality_page_do_not_say_at_or_above() -> None:
    for path in (ROOT / "README.md", ROOT / "tettpa_tui/templates/municipality.html",
                 ROOT / "tettpa_tui/services/municipality.py"):
        text = path.read_text(encoding="utf-8")
        assert not any(word in text for word in INCLUSIVE), path
