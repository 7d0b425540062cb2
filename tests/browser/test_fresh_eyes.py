"""The phone page as a first-time user meets it (issue 24, the fresh-eyes walk), in
headless Chromium at 390×844, with JavaScript on and off: "Mine fortellinger" right
after typing shows what was typed, and "Sjekk" and "Lever" open at the findings."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from tests.browser.test_phone_page import (  # noqa: F401 - the fixture
    CHROMIUM,
    NO_SIDEWAYS,
    pytestmark,
    playwright_and_browser,
    shot,
    sign_in,
)
from tettpa_tui.store import Store
from tettpa_tui.workspace import Workspace

SHORT = "Vi lekte i sandkassa med Emma. Det var fint."
IN_VIEW = """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
                        return r.top >= 0 && r.bottom <= window.innerHeight; }"""


@pytest.mark.parametrize("script", [True, False], ids=["js", "no-js"])
def test_my_stories_right_after_typing_and_the_findings_in_view(playwright_and_browser, served: str,  # noqa: F811
                                                                 store: Store, dept, tmp_path: Path,
                                                                 script: bool) -> None:
    p, browser = playwright_and_browser
    per = dept.find_member("Per Hansen")
    start = Workspace(store).give_start_code(dept, per, datetime.now())
    context = browser.new_context(**p.devices["iPhone 13"], java_script_enabled=script)
    page = context.new_page()
    sign_in(page, served, "Per Hansen", start, "grønn traktor i snøen")
    # Typed, and at once "Mine fortellinger": before any autosave (none at all without script).
    page.fill("#text", "Jeg gikk fort videre")
    page.get_by_role("button", name="Mine fortellinger").tap()
    page.wait_for_url("**/stories**")
    shot(page, tmp_path, f"fresh-stories-{script}")
    assert page.get_by_text("4 ord").count() == 1 and page.get_by_text("(tom)").count() == 0
    # "Lever" on a short story with a child's name: not handed in, and the page opens at why.
    page.goto(served + "write")
    page.fill("#text", SHORT)
    page.get_by_role("button", name="Lever", exact=True).tap()
    page.wait_for_url("**confirm=1**")
    shot(page, tmp_path, f"fresh-hand-in-{script}")
    assert page.evaluate("window.scrollY") > 0
    note = page.get_by_text("Ikke levert ennå")
    assert note.count() == 1 and page.evaluate(IN_VIEW, "#check .error")
    assert page.evaluate(NO_SIDEWAYS)
    # "Sjekk" the same: the findings' heading and the first of them in view.
    with page.expect_navigation():
        page.get_by_role("button", name="Sjekk").tap()
    assert "confirm=1" not in page.url and page.url.endswith("#check")
    assert page.evaluate("window.scrollY") > 0 and page.evaluate(IN_VIEW, "#check h2")
    # At 360 px with the text at 200 %, still nothing to scroll sideways; the tab stays a tab.
    page.set_viewport_size({"width": 360, "height": 740})
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    shot(page, tmp_path, f"fresh-360-200-{script}")
    assert page.evaluate(NO_SIDEWAYS)
    context.close()
