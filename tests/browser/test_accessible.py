"""WCAG 2.1 AA on the phone page: every page state checked with axe-core in Chromium.

Each state (the names, giving a code, a wrong code, waiting after too many, choosing
a code, writing, the check's findings, one's stories, signed out with the text kept,
signed in anew in another tab, and the 403, 404 and 413 answers) is checked at
390×844 and at 360 px with the text at 200 %: no axe violation (WCAG 2.0/2.1 A and AA
rules), nothing to scroll sideways, headings no smaller than the text, and the page's
message in view. Debian's Chromium through Playwright, as test_phone_page.py;
TETTPA_SCREENSHOTS=DIR keeps the screenshots.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from tests.browser.test_phone_page import (  # noqa: F401 (the browser fixture)
    NO_SIDEWAYS, REQUIRED, _browser_available, playwright_and_browser, shot)
from tettpa_tui.store import Store
from tettpa_tui.workspace import Workspace

pytestmark = pytest.mark.skipif(
    not REQUIRED and not _browser_available(),
    reason="needs Chromium and playwright (installed by .ci/run)",
)

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
# The largest heading's size against the body text's.
HEADING_VS_TEXT = """() => {
  const px = el => parseFloat(getComputedStyle(el).fontSize);
  const h = document.querySelector('h1');
  return h ? [px(h), px(document.body)] : null;
}"""
# Whether the element's top is on the screen as the page opened (not scrolled away).
IN_VIEW = """sel => {
  const el = document.querySelector(sel);
  if (!el) return null;
  const r = el.getBoundingClientRect();
  return r.top >= 0 && r.top < window.innerHeight;
}"""
STORY = ("Jeg satt ved bordet med Emma og to andre barn som bygde med klosser. Jeg spurte hva de lagde, "
         "og ventet lenge på svaret. Vi telte klossene sammen.")


def _violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=WCAG_AA)
    assert results.response["testEngine"]["name"] == "axe-core" and results.response["passes"], "axe did not run"
    return [f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})"
            for v in results.response["violations"]]


class Checker:
    """Checks each page state at both sizes and gathers what is wrong."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.problems: list[str] = []
        self.states: list[str] = []

    def __call__(self, page, state: str) -> None:
        self.states.append(state)
        for size, text in (((390, 844), ""), ((360, 740), "200%")):
            label = f"{state} at {size[0]} px" + (" with 200 % text" if text else "")
            page.set_viewport_size({"width": size[0], "height": size[1]})
            page.evaluate(f"document.documentElement.style.fontSize = '{text}'")
            shot(page, self.tmp_path, f"a11y-{state}-{size[0]}" + ("-200" if text else ""))
            self.problems += [f"{label}: {v}" for v in _violations(page)]
            if not page.evaluate(NO_SIDEWAYS):
                self.problems.append(f"{label}: scrolls sideways")
            sizes = page.evaluate(HEADING_VS_TEXT)
            if sizes and sizes[0] < sizes[1]:
                self.problems.append(f"{label}: the heading ({sizes[0]:.0f} px) is smaller than the text "
                                     f"({sizes[1]:.0f} px)")
        page.evaluate("document.documentElement.style.fontSize = ''")


def _fresh_view(page, url: str, text: str = "200%") -> None:
    """Open `url` as a phone at 360 px with 200 % text would (the text size set before it loads)."""
    page.set_viewport_size({"width": 360, "height": 740})
    page.add_init_script(f"document.addEventListener('DOMContentLoaded', () => "
                         f"document.documentElement.style.fontSize = '{text}')")


def test_every_page_state_passes_axe_at_phone_size_and_200_percent_text(
        playwright_and_browser, served: str, store: Store, dept, tmp_path: Path) -> None:
    p, browser = playwright_and_browser
    ws = Workspace(store)
    per, ingrid = dept.find_member("Per Hansen"), dept.find_member("Ingrid Solberg")
    start = ws.give_start_code(dept, per, datetime.now())
    ws.give_start_code(dept, ingrid, datetime.now())
    check = Checker(tmp_path)
    context = browser.new_context(**p.devices["iPhone 13"])
    page = context.new_page()

    page.goto(served)
    check(page, "names")
    page.get_by_role("link", name="Ingrid Solberg").tap()
    check(page, "code")
    page.fill("#code", "ikke min kode")
    page.get_by_role("button", name="Logg inn").tap()
    page.get_by_text("Feil kode").wait_for()
    check(page, "wrong-code")
    for _ in range(6):
        if page.locator("#code-wait").count():
            break
        page.fill("#code", "ikke min kode")
        with page.expect_navigation():
            page.get_by_role("button", name="Logg inn").tap()
    assert page.locator("#code-wait").count() == 1
    check(page, "wait")

    # Signing in as Per: choose a code, write, check, hand in, his stories.
    page.goto(served)
    page.get_by_role("link", name="Per Hansen").tap()
    page.fill("#code", start)
    page.get_by_role("button", name="Logg inn").tap()
    page.wait_for_url("**/choose")
    check(page, "choose")
    page.fill("#code", "rød ballong over taket")
    page.fill("#again", "rød ballong over taket")
    page.get_by_role("button", name="Lagre koden").tap()
    page.wait_for_url("**/write**")
    check(page, "write")
    page.fill("#text", STORY)
    page.get_by_role("button", name="Sjekk").tap()
    page.wait_for_url("**check=1**")
    check(page, "findings")
    page.get_by_role("button", name="Lever", exact=True).tap()
    page.wait_for_url("**confirm=1**")
    check(page, "not-handed-in")  # opened at the findings, one line saying it is not handed in yet
    page.get_by_role("button", name="Lever likevel").tap()
    page.wait_for_url("**/stories**")
    check(page, "stories")

    # Signed out in another tab while writing here: the text stays on screen to copy.
    page.goto(served + "write")
    other = context.new_page()
    other.goto(served + "write")
    other.get_by_role("button", name="Logg ut").tap()
    other.wait_for_url(served + "?out=you")  # "Du er logget ut" on the first page
    check(other, "signed-out")
    page.fill("#text", STORY + " Skrevet etter utlogging.")
    page.evaluate("document.getElementById('story-form').requestSubmit()")
    page.get_by_text("Skrevet etter utlogging.").wait_for()
    check(page, "signed-out-text-kept")

    # Signed in anew in the other tab: a save from this tab is refused, the text kept.
    other.get_by_role("link", name="Per Hansen").tap()
    other.fill("#code", "rød ballong over taket")
    other.get_by_role("button", name="Logg inn").tap()
    other.wait_for_url("**/write**")
    page.goto(served + "write")
    other.get_by_role("button", name="Logg ut").tap()
    other.wait_for_url(served + "?out=you")  # "Du er logget ut" on the first page
    other.get_by_role("link", name="Per Hansen").tap()
    other.fill("#code", "rød ballong over taket")
    other.get_by_role("button", name="Logg inn").tap()
    other.wait_for_url("**/write**")
    page.fill("#text", "Skrevet i den gamle fanen.")
    with page.expect_navigation():
        page.evaluate("document.getElementById('story-form').requestSubmit()")
    assert page.locator("textarea").input_value() == "Skrevet i den gamle fanen.", page.content()[:2000]
    assert "text/html" in (page.evaluate("document.contentType") or "")
    check(page, "other-tab")

    # The answers a person may meet: pages in their language with a way back.
    for path, state, status in (("nothing-here", "404", 404), ("static/../../etc/passwd", "404b", 404)):
        r = other.goto(served + path)
        assert r.status == status and r.headers["content-type"].startswith("text/html"), (path, r.status)
        assert other.get_by_role("link", name="Tilbake").count() == 1
        check(other, state)
    other.goto(served + "write")
    with other.expect_navigation():
        other.evaluate("""() => {
        const form = document.getElementById('story-form');
        const area = form.querySelector('textarea');
        area.removeAttribute('maxlength');
        area.value = 'x'.repeat(1100 * 1024);
        form.requestSubmit();
    }""")
    assert other.get_by_text("Teksten er for lang").count() == 1, other.content()[:500]
    assert other.get_by_role("link", name="Tilbake").count() == 1
    check(other, "413")
    other.goto(served + "write")
    with other.expect_navigation():
        other.evaluate("document.querySelector('#story-form input[name=csrf]').value = 'feil'; "
                       "document.getElementById('story-form').requestSubmit()")
    assert other.get_by_role("link", name="Tilbake").count() == 1
    check(other, "403")
    context.close()

    # The wait page opened at 360 px with 200 % text: its message is on the screen, not scrolled away.
    small = browser.new_context(**p.devices["iPhone 13"]).new_page()
    _fresh_view(small, served)
    small.goto(served)
    small.get_by_role("link", name="Ingrid Solberg").tap()
    small.fill("#code", "ikke min kode")
    small.get_by_role("button", name="Logg inn").tap()
    small.locator("#code-wait").wait_for()
    shot(small, tmp_path, "a11y-wait-opened-360-200")
    assert small.evaluate(IN_VIEW, "#code-wait"), "the wait page's message is scrolled out of view"
    small.context.close()

    assert not check.problems, "\n".join(check.problems)


def test_the_code_can_be_shown_while_typing(playwright_and_browser, served: str, store: Store, dept,
                                            tmp_path: Path) -> None:
    """A four-word code typed twice unseen invites typos (each a wrong code): with the page's
    script a checkbox shows it; without, the fields stay hidden text and the box is not offered."""
    p, browser = playwright_and_browser
    ws = Workspace(store)
    per = dept.find_member("Per Hansen")
    start = ws.give_start_code(dept, per, datetime.now())
    page = browser.new_context(**p.devices["iPhone 13"]).new_page()
    page.goto(served)
    page.get_by_role("link", name="Per Hansen").tap()
    shown = page.get_by_label("Vis koden mens jeg skriver")
    assert page.get_attribute("#code", "type") == "password"
    shown.check()
    assert page.get_attribute("#code", "type") == "text"
    page.fill("#code", start)
    shot(page, tmp_path, "code-shown")
    page.get_by_role("button", name="Logg inn").tap()
    page.wait_for_url("**/choose")
    page.get_by_label("Vis koden mens jeg skriver").check()
    assert [page.get_attribute(f, "type") for f in ("#code", "#again")] == ["text", "text"]
    page.fill("#code", "tre grønne epler")
    page.fill("#again", "tre grønne epler")
    shot(page, tmp_path, "choose-shown")
    page.get_by_role("button", name="Lagre koden").tap()
    page.wait_for_url("**/write**")
    page.context.close()
    # Without JavaScript: no box that does nothing; the code is typed hidden as before.
    page = browser.new_context(**{**p.devices["iPhone 13"], "java_script_enabled": False}).new_page()
    page.goto(served)
    page.get_by_role("link", name="Ingrid Solberg").tap()
    assert page.get_by_label("Vis koden mens jeg skriver").count() == 0 or \
        not page.get_by_label("Vis koden mens jeg skriver").is_visible()
    assert page.get_attribute("#code", "type") == "password"
    shot(page, tmp_path, "code-no-js")
    page.context.close()
