"""Answers other than the page asked for are pages in the reader's language with a way
back (issue 24, point 9), and a save refused after signing in anew elsewhere keeps the text."""

from __future__ import annotations

import re

from tests.web.conftest import GOOD_CODE, code_page, csrf_of, fresh_client, sign_in

BACK = re.compile(r'<a class="button" href="/">([^<]+)</a>')


def _is_page(r, html: str, back: str = "Tilbake") -> None:
    assert r.content_type == "text/html", (r.status, html[:200])
    assert "<h1>" in html and BACK.search(html) and BACK.search(html).group(1) == back, html[:800]


async def test_not_found_is_a_page_with_a_way_back_in_the_readers_language(client) -> None:
    r = await client.get("/nothing/here")
    html = await r.text()
    assert r.status == 404
    _is_page(r, html)
    assert "Finner ikke siden" in html and "Denne siden finnes ikke." in html
    client.session.cookie_jar.update_cookies({"tettpa_lang": "en"})
    r = await client.get("/nothing/here")
    html = await r.text()
    assert r.status == 404 and "Page not found" in html and '<html lang="en">' in html
    _is_page(r, html, back="Back")


async def test_forbidden_and_too_large_are_pages(client, store, dept, page_server) -> None:
    csrf = await sign_in(client, store, dept, "Per Hansen")
    r = await client.post("/new", data={"csrf": "not the token"})
    html = await r.text()
    assert r.status == 403
    _is_page(r, html)
    r = await client.post("/write", data={"csrf": csrf, "text": "x" * (page_server.limits.max_body + 10)})
    html = await r.text()
    assert r.status == 413 and "Teksten er for lang" in html
    _is_page(r, html)
    r = await client.put("/write")
    assert r.status == 405
    _is_page(r, await r.text())


async def test_a_save_refused_after_signing_in_anew_in_another_tab_keeps_the_text(
        client, store, dept, page_server) -> None:
    old = await sign_in(client, store, dept, "Per Hansen")
    # Signed out and in again (as in another tab of the same browser): a new session and token.
    await client.post("/signout", data={"csrf": old})
    html = await code_page(client, dept.find_member("Per Hansen").id)
    r = await client.post("/code", data={"csrf": csrf_of(html), "staff": dept.find_member("Per Hansen").id,
                                         "code": GOOD_CODE})
    assert r.url.path == "/write"
    typed = "Jeg skrev dette i den gamle fanen <b>&</b>.\r\nAndre linje."
    r = await client.post("/write", data={"csrf": old, "story": "", "month": "", "text": typed,
                                          "action": "save"})
    html = await r.text()
    assert r.status == 403
    _is_page(r, html)
    assert "Teksten er ikke lagret" in html and "annen fane" in html
    assert '<textarea id="typed" rows="12" readonly>Jeg skrev dette i den gamle fanen &lt;b&gt;&amp;&lt;/b&gt;.\n' \
           "Andre linje.</textarea>" in html
    assert not [s for s in store.stories(dept) if "gamle fanen" in s.text]


async def test_a_post_from_another_site_shows_nothing_it_sent(page_server) -> None:
    # No session cookie (SameSite=Strict keeps it from another site's post): nothing is shown back.
    c = await fresh_client(page_server)
    try:
        r = await c.post("/write", data={"csrf": "x", "text": "Sjekk denne lenken: evil.example"},
                         headers={"Origin": "http://evil.example"})
        html = await r.text()
    finally:
        await c.close()
    assert r.status == 403 and "evil.example" not in html


async def test_a_host_name_not_served_is_not_told_which_department_is(client, dept) -> None:
    # Another site's page under a rebound name reads what it is answered: one bare line.
    r = await client.get("/nothing", headers={"Host": "evil.example"})
    text = await r.text()
    assert r.status == 421 and r.content_type == "text/plain"
    assert dept.name not in text and dept.kindergarten not in text
