"""Bounded attacks on loopback: each is refused, nothing changes, the page keeps serving others."""

from __future__ import annotations

import re

import asyncio

import pytest
from aiohttp import ClientSession

from tettpa_tui.domain.calendar import YearMonth
from tettpa_tui.domain.stories import StoryStatus
from tettpa_tui.web.app import PageServer
from tettpa_tui.web.guard import Limits
from tettpa_tui.web.signin import person_key
from tettpa_tui.workspace import Workspace
from tests.web.conftest import GOOD_CODE, NOW, code_page, csrf_of, fresh_client, give_code, sign_in

def assert_strict_headers(response) -> None:
    assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


async def still_serving(client, store, dept) -> None:
    r = await client.get("/")
    assert r.status == 200 and "Per Hansen" in await r.text()


async def test_an_oversized_body_is_refused(client, store, dept) -> None:
    csrf = await sign_in(client, store, dept, "Per Hansen")
    r = await client.post("/draft", data={"csrf": csrf, "story": "", "month": "", "text": "x" * 3_000_000})
    assert r.status == 413
    assert store.stories(dept) == []
    r = await client.post("/draft", data={"csrf": csrf, "story": "", "month": "", "text": "ø" * 60_000})
    assert r.status == 409 and (await r.json())["ok"] is False  # longer than a story may be
    assert store.stories(dept) == []
    await still_serving(client, store, dept)


async def test_a_huge_header_or_line_is_refused(client, store, dept) -> None:
    r = await client.get("/", headers={"X-Junk": "a" * 20_000})
    assert r.status in (400, 431)
    r = await client.get("/?" + "a" * 20_000)
    assert r.status in (400, 414)
    await still_serving(client, store, dept)


async def test_many_sessions_are_capped_and_the_signed_in_keep_working(store, dept, clock) -> None:
    page_server = PageServer(store, dept.path, frozenset({"127.0.0.1"}), now=lambda: NOW, clock=clock,
                             limits=Limits(max_sessions=12, max_sessions_per_address=6))
    client = await fresh_client(page_server)
    csrf = await sign_in(client, store, dept, "Per Hansen")
    for _ in range(60):  # each without cookies: a new session every time
        async with ClientSession() as other:
            r = await other.get(client.make_url("/"))
            assert r.status in (200, 503)
    assert len(page_server.sessions) <= 6
    r = await client.post("/draft", data={"csrf": csrf, "story": "", "month": "", "text": "Jeg er her fortsatt."})
    assert r.status == 200 and (await r.json())["ok"]
    await client.close()


async def test_idle_sessions_end(client, store, dept, page_server, clock) -> None:
    await sign_in(client, store, dept, "Per Hansen")
    assert (await client.get("/write")).url.path == "/write"
    clock.now += page_server.limits.idle_seconds + 1
    assert (await client.get("/write")).url.path == "/"
    assert len(page_server.sessions) == 1  # only the fresh one the names page just gave


async def test_guessing_in_parallel_is_locked_per_person(client, store, dept, page_server, clock) -> None:
    per = dept.find_member("Per Hansen")
    await sign_in(client, store, dept, "Per Hansen")  # Per has chosen GOOD_CODE
    guessers = [await fresh_client(page_server) for _ in range(20)]
    try:
        pages = [await code_page(g, per.id) for g in guessers]
        replies = await asyncio.gather(*[
            g.post("/code", data={"csrf": csrf_of(html), "staff": per.id, "code": f"feil kode {i}"})
            for i, (g, html) in enumerate(zip(guessers, pages))
        ])
        statuses = [r.status for r in replies]
        assert statuses.count(401) <= 6 and statuses.count(200) == 0
        counted = sum(page_server.person_tries.failures(person_key(dept, per.id, salt)) for salt in salts(store, dept))
        assert 1 <= counted <= 6
        # Locked for Per whatever the connection, even with the right code ...
        clock.now += 20
        html = await code_page(guessers[0], per.id)
        r = await guessers[0].post("/code", data={"csrf": csrf_of(html), "staff": per.id, "code": GOOD_CODE})
        assert r.status == 429 and r.url.path == "/code"
    finally:
        for g in guessers:
            await g.close()
    # ... while a colleague signs in as usual.
    other = await fresh_client(page_server)
    try:
        await sign_in(other, store, dept, "Ingrid Solberg")
    finally:
        await other.close()
    # Still locked; a new start code from the leader lifts the lock (and the old code is gone).
    html = await code_page(other := await fresh_client(page_server), per.id)
    try:
        r = await other.post("/code", data={"csrf": csrf_of(html), "staff": per.id, "code": GOOD_CODE})
        assert r.status == 429
        start = give_code(store, dept, "Per Hansen")
        html = await code_page(other, per.id)
        r = await other.post("/code", data={"csrf": csrf_of(html), "staff": per.id, "code": start})
        assert r.url.path == "/choose"
    finally:
        await other.close()


def salts(store, dept) -> list[str]:
    return [record.code.salt for record in store.staff_codes(dept).values()]


@pytest.mark.parametrize("host", ["evil.example", "localhost.evil.example", "127.0.0.1.nip.io:8000", ""])
async def test_a_wrong_host_gets_nothing(client, store, dept, host: str) -> None:
    r = await client.get("/", headers={"Host": host})
    assert r.status in (400, 421)
    assert "Per Hansen" not in await r.text()
    assert_strict_headers(r)
    await still_serving(client, store, dept)


async def test_a_form_without_its_csrf_token_changes_nothing(client, store, dept) -> None:
    csrf = await sign_in(client, store, dept, "Per Hansen")
    r = await client.post("/draft", data={"csrf": csrf, "story": "", "month": "", "text": "Jeg skrev dette."})
    story_id = (await r.json())["story"]
    month = str(store.story(dept, story_id).month)
    for data in ({}, {"csrf": "wrong"}, {"csrf": ""}):
        r = await client.post("/write", data={**data, "story": story_id, "month": month, "text": "Endret!",
                                              "action": "submit"})
        assert r.status == 403
        assert_strict_headers(r)
    r = await client.post("/write", data={"csrf": csrf, "story": story_id, "month": month, "text": "Endret!"},
                          headers={"Origin": "http://evil.example"})
    assert r.status == 403
    r = await client.post("/write", data={"csrf": csrf, "story": story_id, "month": month, "text": "Endret!"},
                          headers={"Sec-Fetch-Site": "cross-site"})
    assert r.status == 403
    story = store.story(dept, story_id)
    assert story.text == "Jeg skrev dette." and story.status is StoryStatus.DRAFT


async def test_another_persons_story_is_out_of_reach(client, store, dept) -> None:
    ws = Workspace(store)
    ingrid = dept.find_member("Ingrid Solberg")
    theirs = ws.hand_in(dept, ws.start_story(dept, ingrid, NOW, text="Jeg og barna bygde et tårn."), NOW)
    month = str(theirs.month)
    csrf = await sign_in(client, store, dept, "Per Hansen")
    r = await client.get("/write", params={"month": month, "story": theirs.id})
    assert r.status == 404 and "tårn" not in await r.text()
    for path, extra in (("/write", {"text": "Kapret", "action": "save"}), ("/draft", {"text": "Kapret"}),
                        ("/withdraw", {}), ("/replace", {"name": "Jeg", "word": "barnet"})):
        r = await client.post(path, data={"csrf": csrf, "story": theirs.id, "month": month, **extra})
        assert r.status in (400, 404, 409), path
    assert "tårn" not in await (await client.get("/stories")).text()
    after = store.story(dept, theirs.id)
    assert after == theirs  # not a character, not the status changed
    await still_serving(client, store, dept)


async def test_every_answer_carries_the_strict_headers_and_cookies_are_strict(client, store, dept) -> None:
    r = await client.get("/")
    assert_strict_headers(r)
    cookie = r.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    for path in ("/static/page.css", "/static/page.js", "/nowhere", "/write"):
        assert_strict_headers(await client.get(path, allow_redirects=False))


async def test_the_page_loads_nothing_from_elsewhere(client) -> None:
    html = await (await client.get("/")).text()
    assert "http://" not in html and "https://" not in html
    for asset in ("/static/page.css", "/static/page.js"):
        text = await (await client.get(asset)).text()
        assert "http://" not in text and "https://" not in text and "@import" not in text


async def test_a_new_start_code_signs_the_lost_phone_out(client, store, dept, page_server) -> None:
    await sign_in(client, store, dept, "Per Hansen")
    assert (await client.get("/write")).url.path == "/write"
    give_code(store, dept, "Per Hansen")  # the leader, after Per lost the phone
    r = await client.get("/write")
    assert r.url.path == "/" and "Hvem er du?" in await r.text()


async def test_names_are_shown_as_text(store, page_server) -> None:
    from tettpa_tui.domain.records import Role

    dept = store.department(page_server.path)
    store.add_staff(dept, '<img src=x onerror=alert(1)> [b]Ola{{1+1}}', Role.ASSISTANT)
    client = await fresh_client(page_server)
    try:
        html = await (await client.get("/")).text()
    finally:
        await client.close()
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt; [b]Ola{{1+1}}" in html


async def test_an_unreadable_data_file_is_one_line_and_left_alone(client, store, dept) -> None:
    csrf = await sign_in(client, store, dept, "Per Hansen")
    r = await client.post("/draft", data={"csrf": csrf, "story": "", "month": "", "text": "Jeg skrev."})
    month = (await r.json())["month"]
    path = store.month_file(dept, YearMonth.parse(month))
    path.write_text("{ not json")
    r = await client.get("/stories")
    text = await r.text()
    # A page (issue 24, point 9) whose message is one line.
    message = re.search(r'<p class="error" role="alert">([^<]*)</p>', text)
    assert r.status == 500 and "Traceback" not in text and message and "\n" not in message.group(1)
    assert path.read_text() == "{ not json"
