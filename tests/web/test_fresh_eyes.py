"""The phone page as a first-time user meets it (issue 24, the fresh-eyes walk): what
one sees after "Mine fortellinger", "Sjekk" and "Lever", and after being signed out."""

from __future__ import annotations

from tests.web.conftest import csrf_of, give_code, sign_in

SHORT = "Vi lekte i sandkassa med Ola. Det var fint."


async def test_my_stories_from_the_writing_page_saves_first(client, store, dept) -> None:
    """"Mine fortellinger" right after typing (no autosave yet, or none at all without
    script) shows the text just typed, not the draft as it was."""
    csrf = await sign_in(client, store, dept, "Per Hansen")
    html = await (await client.get("/write")).text()
    assert 'form="story-form" name="action" value="list"' in html  # the tab is the form's button
    r = await client.post("/write", data={"csrf": csrf, "story": "", "month": "", "text": "Jeg gikk fort videre",
                                          "action": "list"})
    assert r.status == 200 and r.url.path == "/stories"
    html = await r.text()
    assert "4 ord" in html and "(tom)" not in html


async def test_my_stories_with_nothing_typed_makes_no_empty_draft(client, store, dept) -> None:
    csrf = await sign_in(client, store, dept, "Per Hansen")
    r = await client.post("/write", data={"csrf": csrf, "story": "", "month": "", "text": "  ", "action": "list"})
    assert r.url.path == "/stories"
    assert "0 ord" not in await r.text()


async def test_check_and_hand_in_open_at_the_findings_and_say_not_handed_in(client, store, dept) -> None:
    csrf = await sign_in(client, store, dept, "Per Hansen")
    r = await client.post("/write", data={"csrf": csrf, "story": "", "month": "", "text": SHORT, "action": "check"},
                          allow_redirects=False)
    assert r.status == 303 and r.headers["Location"].endswith("#check")
    assert 'id="check"' in await (await client.get(r.headers["Location"].split("#")[0])).text()
    r = await client.post("/write", data={"csrf": csrf, "story": "", "month": "", "text": SHORT, "action": "submit"},
                          allow_redirects=False)
    assert r.status == 303 and r.headers["Location"].endswith("#check")
    html = await (await client.get(r.headers["Location"].split("#")[0])).text()
    assert "Ikke levert ennå" in html and "Lever likevel" in html
    assert html.index('id="check"') < html.index("Ikke levert ennå") < html.index('id="story-form"')


async def test_a_page_signed_out_by_a_new_code_says_why_on_every_route(client, store, dept) -> None:
    csrf = await sign_in(client, store, dept, "Per Hansen")
    give_code(store, dept, "Per Hansen")  # the leader: a new start code (a lost phone)
    r = await client.post("/withdraw", data={"csrf": csrf, "story": "x", "month": "2026-12"})
    assert r.url.path == "/" and "lederen har gitt en ny startkode" in await r.text()
    for path in ("/stories", "/write"):  # each from a page still open when the new code was given
        await sign_in(client, store, dept, "Per Hansen")
        give_code(store, dept, "Per Hansen")
        r = await client.get(path)
        assert r.url.path == "/" and "lederen har gitt en ny startkode" in await r.text(), path


async def test_a_page_left_too_long_says_why(client, store, dept, clock, page_server) -> None:
    await sign_in(client, store, dept, "Per Hansen")
    clock.now += page_server.limits.idle_seconds + 1
    r = await client.get("/stories")
    assert r.url.path == "/" and "ikke var i bruk på en stund" in await r.text()


async def test_no_word_about_anyone_without_a_session(client) -> None:
    """A browser that never signed in learns nothing: the plain first page."""
    r = await client.get("/write")
    assert r.url.path == "/" and "logget ut" not in await r.text()


async def test_signing_out_says_so(client, store, dept) -> None:
    csrf = await sign_in(client, store, dept, "Per Hansen")
    r = await client.post("/signout", data={"csrf": csrf})
    assert r.url.path == "/" and "Du er logget ut." in await r.text()
    r = await client.get("/lang/en", params={"next": "/?out=you"})
    assert "You are signed out." in await r.text()


async def test_a_text_over_the_limit_says_how_to_get_it_back(client, store, dept, page_server) -> None:
    """What went over the size limit was never read, so it cannot be shown: the page says
    where the text still is and what to do with it."""
    csrf = await sign_in(client, store, dept, "Per Hansen")
    r = await client.post("/write", data={"csrf": csrf, "text": "x" * (page_server.limits.max_body + 10)})
    html = await r.text()
    assert r.status == 413 and "tilbakeknapp" in html and "del den i to" in html
