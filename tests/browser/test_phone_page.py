"""Phones hand in stories through `tettpa serve`, in a real browser.

Headless Chromium (Debian's /usr/bin/chromium, driven by Playwright) with the
Pixel 5 and iPhone 13 device descriptors opens the served page, taps and types
as a person would, and the stories are found in the store. Few tests, each
walking a whole path, to keep CI quick.

Needs chromium and playwright. `.ci/run` installs both and sets
TETTPA_BROWSER_TEST=required, so there a missing browser fails the test
instead of skipping it. TETTPA_SCREENSHOTS=DIR keeps the screenshots.
"""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from tests.browser.conftest import serving_demo, wait_for
from tettpa_tui.domain.stories import StoryStatus
from tettpa_tui.store import Store
from tettpa_tui.workspace import Workspace

CHROMIUM = os.environ.get("TETTPA_CHROMIUM", "/usr/bin/chromium")
REQUIRED = os.environ.get("TETTPA_BROWSER_TEST") == "required"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

STORY_A = ("Jeg satt ved bordet med Emma og to andre barn som bygde med klosser. Jeg spurte hva de lagde, "
           "og ventet lenge på svaret. Emma fortalte om et tårn som skulle bli like høyt "
           "som taket. Jeg gjentok ordene og la til nye ord om formen, og vi telte klossene sammen.")
STORY_B = ("Jeg var ute med fire barn da det begynte å regne. Jeg merket at jeg ville gå inn, men "
           "jeg lot barna vise meg hva de så. Vi fant en dam og snakket om hvorfor vannet samlet "
           "seg akkurat der. Jeg stilte åpne spørsmål og lyttet mer enn jeg snakket den dagen.")
NO_SIDEWAYS = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"


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


@pytest.fixture
def playwright_and_browser():
    if not _browser_available():
        pytest.fail("Chromium or playwright is missing, and TETTPA_BROWSER_TEST=required")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield p, b
        finally:
            b.close()


def shot(page, tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    keep = os.environ.get("TETTPA_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(keep) / path.name)


def sign_in(page, url: str, name: str, start_code: str, own_code: str) -> None:
    page.goto(url)
    page.get_by_role("link", name=name).tap()
    page.fill("#code", start_code)
    page.get_by_role("button", name="Logg inn").tap()
    page.wait_for_url("**/choose")
    page.fill("#code", own_code)
    page.fill("#again", own_code)
    page.get_by_role("button", name="Lagre koden").tap()
    page.wait_for_url("**/write**")


def test_a_staff_member_hands_in_from_a_phone(playwright_and_browser, served: str, store: Store, dept,
                                              tmp_path: Path) -> None:
    p, browser = playwright_and_browser
    per = dept.find_member("Per Hansen")
    start = Workspace(store).give_start_code(dept, per, datetime.now())
    context = browser.new_context(**p.devices["iPhone 13"])  # 390×844
    page = context.new_page()
    page.goto(served)
    shot(page, tmp_path, "phone-names")
    assert page.evaluate(NO_SIDEWAYS)
    sign_in(page, served, "Per Hansen", start, "grønn traktor i snøen")
    # Drafts are saved as one types.
    page.fill("#text", STORY_A)
    wait_for(lambda: page.get_by_text("Lagret kl.").count() > 0, 10, "the draft to be saved", page.wait_for_timeout)
    draft = next(s for s in store.stories(dept) if s.author_id == per.id)
    assert draft.text == STORY_A and draft.status is StoryStatus.DRAFT
    shot(page, tmp_path, "phone-write")
    assert page.evaluate(NO_SIDEWAYS)
    # Hand in: the check finds the child's name first and offers one-tap replacements.
    page.get_by_role("button", name="Lever", exact=True).tap()
    page.wait_for_url("**confirm=1**")
    shot(page, tmp_path, "phone-check")
    assert page.evaluate(NO_SIDEWAYS)
    page.get_by_role("button", name="barnet", exact=True).tap()
    page.wait_for_url("**done=replaced**")
    assert "Emma" not in page.input_value("#text")
    page.get_by_role("button", name="Lever", exact=True).tap()
    page.wait_for_url("**/stories**")
    assert page.get_by_text("Fortellingen er levert").count() == 1
    shot(page, tmp_path, "phone-stories")
    assert page.evaluate(NO_SIDEWAYS)
    # At 360 px with the text at 200 %, still nothing to scroll sideways.
    page.set_viewport_size({"width": 360, "height": 740})
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    shot(page, tmp_path, "phone-360-text-200")
    assert page.evaluate(NO_SIDEWAYS)
    page.evaluate("document.documentElement.style.fontSize = ''")
    story = store.story(dept, draft.id)
    assert story.status is StoryStatus.SUBMITTED and "Emma" not in story.text and "barnet" in story.text
    # Leaving the page saves what was typed last (sendBeacon on pagehide).
    page.goto(served + "write?month=" + str(story.month) + "&story=" + story.id)
    assert page.locator("#text").count() == 0  # handed in: read only, until one chooses to change it
    page.get_by_role("button", name="Endre den leverte fortellingen").tap()
    page.wait_for_url("**change=1**")
    page.fill("#text", story.text + " Til slutt lo vi.")
    page.goto("about:blank")
    wait_for(lambda: store.story(dept, story.id).text.endswith("Til slutt lo vi."), 10, "the beacon's save")
    assert store.story(dept, story.id).revised_at is not None  # the leader sees it changed after hand-in
    # The same page on a desktop, for the eye.
    desktop = browser.new_page(viewport={"width": 1280, "height": 800})
    desktop.context.add_cookies(context.cookies())
    desktop.goto(served + "write?month=" + str(story.month) + "&story=" + story.id + "&check=1")
    shot(desktop, tmp_path, "desktop-write")
    assert desktop.evaluate(NO_SIDEWAYS)
    context.close()


def test_two_phones_hand_in_on_the_demo_at_the_same_moment(playwright_and_browser, tmp_path: Path) -> None:
    """`tettpa serve ... --demo` end to end: two staff with the start codes it printed, one
    phone with scripts and one without (handing in needs no JavaScript); both stories land."""
    p, browser = playwright_and_browser
    with serving_demo(tmp_path / "xdg") as (url, codes, data):
        people = [("Per Kristiansen", STORY_B, p.devices["Pixel 5"], "tre grønne epler"),  # has a draft
                  ("Lene Dahl", STORY_B.replace("fire", "fem"),  # nothing yet
                   {**p.devices["iPhone 13"], "java_script_enabled": False}, "kaffe og boller klokka ni")]
        pages = []
        for name, text, device, own in people:
            page = browser.new_context(**device).new_page()
            sign_in(page, url, name, codes[name], own)
            page.fill("#text", text)
            pages.append(page)
        for page in pages:  # both forms sent before either answer is awaited
            page.evaluate("document.querySelector('button[value=submit]').click()")
        for page in pages:
            page.wait_for_url("**/stories**", timeout=20_000)
            assert page.get_by_text("Fortellingen er levert").count() == 1
    store = Store(data)
    dept = store.department("Solsikken barnehage/Blåklokka")
    for name, text, *_ in people:
        mine = [s for s in store.stories(dept) if s.author_id == dept.find_member(name).id and s.text == text]
        assert [s.status for s in mine] == [StoryStatus.SUBMITTED], name


def test_one_server_for_the_whole_kindergarten_on_a_phone(playwright_and_browser, tmp_path: Path) -> None:
    """`tettpa serve "Solsikken barnehage" --demo` (the shared PC): a leader chooses the
    pedagogue meeting, then her name, signs in with that place's start code and hands in;
    the story lands in the pedagogue meeting, not in her department."""
    p, browser = playwright_and_browser
    with serving_demo(tmp_path / "xdg", "Solsikken barnehage") as (url, codes, data):
        page = browser.new_context(**p.devices["iPhone 13"]).new_page()  # 390×844
        page.goto(url)
        assert page.get_by_role("heading", name="Hvilken avdeling?").count() == 1
        shot(page, tmp_path, "kindergarten-departments")
        assert page.evaluate(NO_SIDEWAYS)
        page.get_by_role("link", name="Pedagogmøte").tap()
        page.wait_for_url("**/d/pedagogmote")
        shot(page, tmp_path, "kindergarten-names")
        assert page.evaluate(NO_SIDEWAYS)
        page.get_by_role("link", name="Eva Strand").tap()
        page.fill("#code", codes["Eva Strand (Humla)"])  # her department's code is not this place's
        page.get_by_role("button", name="Logg inn").tap()
        page.get_by_text("Feil kode").wait_for(timeout=10_000)
        page.fill("#code", codes["Eva Strand (Pedagogmøte)"])
        page.get_by_role("button", name="Logg inn").tap()
        page.wait_for_url("**/choose")
        page.fill("#code", "tre grønne epler")
        page.fill("#again", "tre grønne epler")
        page.get_by_role("button", name="Lagre koden").tap()
        page.wait_for_url("**/write**")
        assert page.get_by_text("Solsikken barnehage/Pedagogmøte").count() == 1
        page.fill("#text", STORY_B)
        page.get_by_role("button", name="Lever", exact=True).tap()
        page.wait_for_url("**/stories**")
        assert page.get_by_text("Fortellingen er levert").count() == 1
        assert page.evaluate(NO_SIDEWAYS)
    store = Store(data)
    ped = store.department("Solsikken barnehage/Pedagogmøte")
    humla = store.department("Solsikken barnehage/Humla")
    eva = ped.find_member("Eva Strand").id
    assert [s.status for s in store.stories(ped) if s.author_id == eva and s.text == STORY_B] == [StoryStatus.SUBMITTED]
    assert not [s for s in store.stories(humla) if s.text == STORY_B]


def test_steady_typing_on_a_phone_is_saved_within_a_second(playwright_and_browser, served: str, store: Store,
                                                            dept) -> None:
    # A word every half second for ten seconds, a key every tenth, never a pause: on the page's own
    # (simulated) clock, what was typed a second ago is in the store at every moment.
    p, browser = playwright_and_browser
    per = dept.find_member("Per Hansen")
    start = Workspace(store).give_start_code(dept, per, datetime.now())
    context = browser.new_context(**p.devices["Pixel 5"])
    context.clock.install()
    page = context.new_page()
    sign_in(page, served, "Per Hansen", start, "rød ballong over taket")
    page.clock.pause_at(page.evaluate("Date.now()") + 1000)
    page.focus("#text")

    def on_disk() -> str:
        return next((s.text for s in store.stories(dept) if s.author_id == per.id), "")

    typed, typed_at, now = "", [], 0
    for i in range(20):
        for ch in f"ord{i} ":
            page.keyboard.type(ch)
            typed += ch
            typed_at.append((now, typed))
            page.clock.run_for(100)
            now += 100
            second_ago = [text for at, text in typed_at if at <= now - 1000]
            if second_ago:
                want = second_ago[-1].rstrip()
                wait_for(lambda: on_disk().startswith(want), 10, f"«{want}» on disk", page.wait_for_timeout)
    context.close()
