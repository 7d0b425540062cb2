"""A real browser hands in stories through `tettpa serve`.

Headless Chromium (Debian's /usr/bin/chromium, driven by Playwright) opens
the served page twice, as two staff members; both write and hand in at the
same moment, and the test finds both stories in the store. Each tab is its
own app process, so this is the store's cross-process safety at work.

Needs chromium and playwright. `.ci/run` installs both and sets
TETTPA_BROWSER_TEST=required, so there a missing browser fails the test
instead of skipping it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tettpa_tui.domain.stories import StoryStatus
from tettpa_tui.store import Store
from tests.browser.conftest import wait_for

CHROMIUM = os.environ.get("TETTPA_CHROMIUM", "/usr/bin/chromium")
REQUIRED = os.environ.get("TETTPA_BROWSER_TEST") == "required"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

STORY_A = ("Jeg satt ved bordet med tre barn som bygde med klosser. Jeg spurte hva de lagde, "
           "og ventet lenge på svaret. Et av barna fortalte om et tårn som skulle bli like høyt "
           "som taket. Jeg gjentok ordene og la til nye ord om formen, og vi telte klossene sammen.")
STORY_B = ("Jeg var ute med fire barn da det begynte å regne. Jeg merket at jeg ville gå inn, men "
           "jeg lot barna vise meg hva de så. Vi fant en dam og snakket om hvorfor vannet samlet "
           "seg akkurat der. Jeg stilte åpne spørsmål og lyttet mer enn jeg snakket den dagen.")


def _browser_available() -> bool:
    try:
        import playwright  # noqa: F401
    except ImportError:
        return False
    return Path(CHROMIUM).exists()


pytestmark = pytest.mark.skipif(
    not REQUIRED and not _browser_available(),
    reason="needs Chromium and playwright (installed by .ci/run)",
)


def test_two_browsers_hand_in_at_the_same_moment(served: str, store: Store, dept, tmp_path: Path) -> None:
    if not _browser_available():
        pytest.fail("Chromium or playwright is missing, and TETTPA_BROWSER_TEST=required")
    from playwright.sync_api import sync_playwright

    leader, assistant = dept.active_staff[0], dept.active_staff[1]

    def story_of(member):
        return next((s for s in store.stories(dept) if s.author_id == member.id), None)

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            pages = []
            for member, digit in ((leader, "1"), (assistant, "2")):
                page = browser.new_page(viewport={"width": 1100, "height": 700})
                page.goto(served)
                page.wait_for_selector("body.-first-byte", timeout=30_000)
                page.focus(".xterm-helper-textarea")  # where the terminal takes its keys
                # The digit before a name opens that person's writer, which starts a draft
                # in the store. A key sent before the app has drawn its first screen can be
                # lost, so press again until the draft is there.
                for _ in range(5):
                    page.keyboard.press(digit)
                    try:
                        wait_for(lambda m=member: story_of(m), 5, f"{member.name}'s draft")
                        break
                    except AssertionError:
                        continue
                else:
                    page.screenshot(path=str(tmp_path / f"no-draft-{digit}.png"))
                    raise AssertionError(f"no draft for {member.name}")
                pages.append(page)

            pages[0].keyboard.type(STORY_A)
            pages[1].keyboard.type(STORY_B)
            wait_for(lambda: STORY_A in (story_of(leader).text or ""), 20, "the first story autosaved")
            wait_for(lambda: STORY_B in (story_of(assistant).text or ""), 20, "the second story autosaved")

            # Both hand in at once: two processes write the same month file.
            pages[0].keyboard.press("Control+l")
            pages[1].keyboard.press("Control+l")
            try:
                wait_for(lambda: story_of(leader).status is StoryStatus.SUBMITTED
                         and story_of(assistant).status is StoryStatus.SUBMITTED, 20, "both hand-ins")
            except AssertionError:
                for i, page in enumerate(pages):
                    page.screenshot(path=str(tmp_path / f"hand-in-{i}.png"))
                raise
        finally:
            browser.close()

    a, b = story_of(leader), story_of(assistant)
    assert a.text.strip().endswith(STORY_A) and b.text.strip().endswith(STORY_B)
    assert a.status is StoryStatus.SUBMITTED and b.status is StoryStatus.SUBMITTED
    assert len(store.stories(dept)) == 2
