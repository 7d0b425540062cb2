"""The fresh-eyes tester's second round on the phone page, as staff and as an attacker."""

from __future__ import annotations

from tests.web.conftest import give_code, sign_in


async def test_a_new_code_is_the_reason_for_every_later_request_of_the_open_page(client, store, dept) -> None:
    # Lene's page is open and saving as she types; the leader gives her a new start code.
    csrf = await sign_in(client, store, dept, "Per Hansen")
    give_code(store, dept, "Per Hansen")
    r = await client.post("/draft", data={"csrf": csrf, "story": "", "month": "", "text": "Jeg skrev."})
    reply = await r.json()
    assert r.status == 401 and reply["ok"] is False and reply["out"] == "code"
    assert "ny startkode" in reply["error"]
    # The next autosave, the form's own save and the next page all still say why.
    r = await client.post("/draft", data={"csrf": csrf, "story": "", "month": "", "text": "Jeg skrev mer."})
    assert "ny startkode" in (await r.json())["error"]
    r = await client.post("/write", data={"csrf": csrf, "story": "", "month": "", "text": "Jeg skrev mer."})
    text = await r.text()
    assert r.status == 401 and "ny startkode" in text and "Jeg skrev mer." in text
    r = await client.get("/write")
    assert str(r.url.path) == "/" and r.url.query.get("out") == "code"
    assert "ny startkode" in await r.text() and "ikke var i bruk" not in await r.text()


async def test_a_session_that_was_only_left_idle_is_still_called_idle(client, store, dept, clock, limits) -> None:
    await sign_in(client, store, dept, "Per Hansen")
    clock.now += limits.idle_seconds + 1
    r = await client.get("/write")
    assert r.url.query.get("out") == "idle"


async def test_handing_in_for_the_next_meeting_is_asked_first_and_names_the_meeting(client, store, dept) -> None:
    from datetime import datetime

    from tettpa_tui.domain.calendar import YearMonth
    from tettpa_tui.workspace import Workspace

    ws = Workspace(store)  # October's meeting is over; new stories are written for December's
    text = "Jeg satt med barna og ventet. Det ble stille, og jeg tenkte etterpå på det som skjedde."
    old = ws.hand_in_new(dept, dept.find_member("Per Hansen"), datetime(2026, 10, 28, 9), text, YearMonth(2026, 10))
    plan = ws.writing_meeting(dept, datetime(2026, 12, 1).date())
    dimension = ws.framework_for(dept).dimension(plan.dimension_id).name("nb")
    csrf = await sign_in(client, store, dept, "Per Hansen")
    html = await (await client.get("/stories")).text()
    assert "«Ikke tatt opp»: møtet ble holdt uten at fortellingen ble tatt opp." in html
    # The list's button asks first; a post without the confirmation only asks too.
    r = await client.post("/next", data={"csrf": csrf, "story": old.id, "month": "2026-10"})
    html = await r.text()
    assert r.url.path == "/next" and store.story(dept, old.id).month == YearMonth(2026, 10)
    assert "Lever til neste møte?" in html and "møtet for desember 2026" in html and dimension in html
    assert "desember 2026 (" in html and "Avbryt" in html and 'name="confirm" value="1"' in html
    # Confirmed: done, and the notice names the meeting.
    r = await client.post("/next", data={"csrf": csrf, "story": old.id, "month": "2026-10", "confirm": "1"})
    assert r.url.path == "/stories" and "Fortellingen er levert til møtet for desember 2026 (" in await r.text()
    assert store.story(dept, old.id).month == YearMonth(2026, 12)
    # Asked again once moved: back to the list, nothing to ask.
    r = await client.get("/next", params={"story": old.id, "month": "2026-12"})
    assert r.url.path == "/stories"


def _language_link(html: str) -> str:
    import html as html_lib
    import re

    found = re.search(r'<a class="lang" href="([^"]+)"', html)
    assert found, html[:400]
    return html_lib.unescape(found.group(1))


async def test_the_language_link_after_a_wrong_code_keeps_the_person_on_their_code_page(client, store, dept) -> None:
    from tests.web.conftest import code_page, csrf_of

    per = dept.find_member("Per Hansen")
    give_code(store, dept, "Per Hansen")
    html = await code_page(client, per.id, dept)
    r = await client.post("/code", data={"csrf": csrf_of(html), "d": dept.slug, "staff": per.id, "code": "feil"})
    assert r.status == 401
    r = await client.get(_language_link(await r.text()))
    html = await r.text()
    assert r.url.path == "/code" and r.url.query.get("staff") == per.id
    assert "Per Hansen" in html and 'lang="en"' in html


async def test_the_language_link_after_a_refused_weak_code_stays_on_choosing(client, store, dept) -> None:
    from tests.web.conftest import code_page, csrf_of

    per = dept.find_member("Per Hansen")
    start = give_code(store, dept, "Per Hansen")
    html = await code_page(client, per.id, dept)
    r = await client.post("/code", data={"csrf": csrf_of(html), "d": dept.slug, "staff": per.id, "code": start})
    r = await client.post("/choose", data={"csrf": csrf_of(await r.text()), "code": "12345678", "again": "12345678"})
    assert r.status == 400
    link = _language_link(await r.text())
    assert link == "/lang/en?next=%2Fchoose"  # straight back, not by way of the first page
    r = await client.get(link)
    assert r.url.path == "/choose" and 'lang="en"' in await r.text()


async def test_a_request_aiohttp_cannot_parse_is_one_plain_line_with_nothing_echoed(page_server) -> None:
    import asyncio
    import socket

    from aiohttp import web

    from tettpa_tui.web.app import PageRunner, create_app

    runner = PageRunner(create_app(page_server), access_log=None)
    await runner.setup()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        for raw in (b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",  # a URL over 8 KB
                    b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: a=\x01\xff<script>\r\n\r\n",  # a bad Cookie
                    b"GET /\xff\xfe<b>x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"):  # a path that is not UTF-8
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(raw)
            answer = await asyncio.wait_for(reader.read(), 10)
            writer.close()
            head, _, body = answer.partition(b"\r\n\r\n")
            assert head.startswith(b"HTTP/1.0 400") or head.startswith(b"HTTP/1.1 400"), answer[:200]
            assert body.decode() == "Forespørselen var ikke gyldig.", body[:200]
            assert b"nosniff" in head and b"default-src 'self'" in head
    finally:
        await runner.cleanup()
