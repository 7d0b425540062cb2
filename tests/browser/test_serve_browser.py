"""A real browser hands in stories through `tettpa serve`.

Headless Chromium (Debian's /usr/bin/chromium, driven by Playwright) opens
the served page; the test reads what the app draws from the terminal data on
the page's web socket, types as a person would, and finds the stories in the
store. Each tab is its own app process, so two tabs handing in at the same
moment exercise the store's cross-process safety.

Needs chromium and playwright. `.ci/run` installs both and sets
TETTPA_BROWSER_TEST=required, so there a missing browser fails the test
instead of skipping it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.browser.conftest import serving, wait_for
from tettpa_tui.domain.stories import StoryStatus
from tettpa_tui.store import Store
from tettpa_tui.workspace import Workspace

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
CONTROL = re.compile(r"\x1b\[([0-9;?]*)([A-Za-z])|\x1b\][^\x07]*\x07|\x1b[()][A-Za-z0-9]|\x1b.")


class Screen:
    """Just enough of a terminal to read what Textual draws: it places text with
    cursor moves (and skips cells that did not change), so the text is put in a
    grid of cells as a terminal would."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], str] = {}
        self.row = self.col = 1

    def feed(self, data: str) -> None:
        pos = 0
        for m in CONTROL.finditer(data):
            self._text(data[pos:m.start()])
            pos = m.end()
            if m.group(2) == "H":
                parts = (m.group(1) or "1;1").split(";")
                self.row, self.col = int(parts[0] or 1), int(parts[1] if len(parts) > 1 and parts[1] else 1)
        self._text(data[pos:])

    def _text(self, text: str) -> None:
        for ch in text:
            if ch == "\r":
                self.col = 1
            elif ch == "\n":
                self.row += 1
            elif ch >= " ":
                self.cells[(self.row, self.col)] = ch
                self.col += 1

    def text(self) -> str:
        rows = sorted({r for r, _ in self.cells})
        width = max((c for _, c in self.cells), default=0)
        return "\n".join("".join(self.cells.get((r, c), " ") for c in range(1, width + 1)) for r in rows)


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


class Tab:
    """One browser tab on the served app, and what the app has drawn in it."""

    def __init__(self, browser, url: str, tmp_path: Path, name: str) -> None:
        self.page = browser.new_page(viewport={"width": 1100, "height": 700})
        self.drawn = bytearray()  # what arrived since forget()
        self.screen = Screen()
        self.tmp_path, self.name = tmp_path, name
        self.page.on("websocket", lambda ws: ws.on("framereceived", self._frame))
        self.page.goto(url)
        self.page.wait_for_selector("body.-first-byte", timeout=30_000)
        self.page.mouse.click(3, 3)  # give the terminal the keyboard (a corner with nothing in it)

    def pause(self, seconds: float) -> None:
        self.page.wait_for_timeout(seconds * 1000)

    def _frame(self, payload) -> None:
        if isinstance(payload, bytes):
            self.drawn += payload
            self.screen.feed(payload.decode("utf-8", "replace"))

    def shows(self, text: str) -> bool:
        return text in self.screen.text()

    def wait_for_text(self, text: str, timeout: float = 20) -> None:
        try:
            wait_for(lambda: self.shows(text), timeout, f"“{text}” in {self.name}", self.pause)
        except AssertionError:
            self.page.screenshot(path=str(self.tmp_path / f"{self.name}.png"))
            raise

    def forget(self) -> None:
        """Forget what was drawn so far, to wait for something drawn after this."""
        self.drawn.clear()
        self.screen = Screen()


@pytest.fixture
def browser():
    if not _browser_available():
        pytest.fail("Chromium or playwright is missing, and TETTPA_BROWSER_TEST=required")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield b
        finally:
            b.close()


def story_of(store: Store, dept, member):
    return next((s for s in store.stories(dept) if s.author_id == member.id), None)


def test_two_browsers_hand_in_at_the_same_moment(browser, served: str, store: Store, dept,
                                                 tmp_path: Path) -> None:
    leader, assistant = dept.active_staff[0], dept.active_staff[1]
    tabs = [Tab(browser, served, tmp_path, "first"), Tab(browser, served, tmp_path, "second")]
    for tab, digit in zip(tabs, "12", strict=True):
        tab.wait_for_text("Hvem er du?")
        tab.forget()
        tab.page.keyboard.press(digit)
        tab.wait_for_text("Praksisfortelling av")
    tabs[0].page.keyboard.type(STORY_A)
    tabs[1].page.keyboard.type(STORY_B)
    wait_for(lambda: (story_of(store, dept, leader).text or "") == STORY_A, 20, "the first story saved",
             tabs[0].pause)
    wait_for(lambda: (story_of(store, dept, assistant).text or "") == STORY_B, 20, "the second story saved",
             tabs[1].pause)

    for tab in tabs:
        tab.forget()
    tabs[0].page.keyboard.press("Control+l")  # both hand in at once: two processes, one month file
    tabs[1].page.keyboard.press("Control+l")
    for tab in tabs:
        tab.wait_for_text("Fortellingen er levert")

    a, b = story_of(store, dept, leader), story_of(store, dept, assistant)
    assert (a.text, a.status) == (STORY_A, StoryStatus.SUBMITTED)
    assert (b.text, b.status) == (STORY_B, StoryStatus.SUBMITTED)
    assert len(store.stories(dept)) == 2


def test_on_the_network_the_code_comes_first(browser, store: Store, dept, data_dir: Path,
                                             tmp_path: Path) -> None:
    Workspace(store).set_access_code(dept, "blåbær-42")
    with serving(dept, data_dir, host="0.0.0.0") as url:
        tab = Tab(browser, url, tmp_path, "network")
        tab.wait_for_text("tilgangskode")
        tab.page.keyboard.press("1")  # a name's digit goes into the code field, nowhere else
        tab.page.keyboard.press("Enter")
        tab.wait_for_text("Feil kode")
        assert store.stories(dept) == []
        tab.wait_for_text("Prøv igjen", timeout=10)  # the field is open again after the pause
        tab.page.keyboard.type("blåbær-42")
        tab.page.keyboard.press("Enter")
        tab.wait_for_text("Hvem er du?")
        tab.forget()
        tab.page.keyboard.press("2")
        tab.wait_for_text("Praksisfortelling av Per Hansen")
        assert story_of(store, dept, dept.active_staff[1]) is not None
