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
