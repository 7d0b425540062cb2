"""Issue 24, point 3: guessing is slow, and nobody can use that to lock a colleague out.

Loopback only; other addresses are played by the test (client_address reads a test
header here), the clock is the test's."""

from __future__ import annotations

import pytest
from aiohttp import ClientSession, DummyCookieJar

from tettpa_tui.domain.records import Role
from tettpa_tui.web import server as server_module
from tettpa_tui.web import signin as signin_module
from tettpa_tui.web.devices import Devices
from tests.web.conftest import GOOD_CODE, code_page, csrf_of, fresh_client, give_code, sign_in

AT = "X-Test-Address"


@pytest.fixture(autouse=True)
def addresses(monkeypatch) -> None:
    def address(request) -> str:
        return request.headers.get(AT, request.remote or "?")

    monkeypatch.setattr(server_module, "client_address", address)
    monkeypatch.setattr(signin_module, "client_address", address)


async def try_code(client, staff_id: str, code: str, address: str = "127.0.0.1"):
    await client.get("/", headers={AT: address})
    r = await client.get("/code", params={"staff": staff_id}, headers={AT: address})
    return await client.post("/code", data={"csrf": csrf_of(await r.text()), "staff": staff_id, "code": code},
                             headers={AT: address})


async def test_wrong_codes_from_anywhere_never_lock_out_the_persons_own_phone(store, dept, page_server,
                                                                               clock) -> None:
    per = dept.find_member("Per Hansen")
    phone = await fresh_client(page_server)
    csrf = await sign_in(phone, store, dept, "Per Hansen")  # Per's own phone, once
    await phone.post("/signout", data={"csrf": csrf})
    attacker = await fresh_client(page_server)
    try:
        # Five wrong codes for Per from five addresses within a second or two, then a wrong one
        # after every lock (doubling it), for an hour.
        for i in range(5):
            clock.now += 0.3
            r = await try_code(attacker, per.id, f"feil kode nummer {i}", f"10.0.0.{i + 1}")
        assert r.status == 401
        for i in range(12):
            clock.now += 300
            await try_code(attacker, per.id, f"enda en feil kode {i}", f"10.0.1.{i + 1}")
        # A stranger's device is still held back, even with the right code: guessing stays slow ...
        stranger = await fresh_client(page_server)
        r = await try_code(stranger, per.id, GOOD_CODE, "10.0.2.1")
        assert r.status == 429 and r.url.path == "/code"
        await stranger.close()
        # ... while Per's own phone, which has signed in before, goes straight in.
        r = await try_code(phone, per.id, GOOD_CODE, "192.168.1.50")
        assert r.status == 200 and r.url.path == "/write", await r.text()
    finally:
        await attacker.close()
        await phone.close()


async def test_the_phone_counts_its_own_typos(store, dept, page_server, clock) -> None:
    per = dept.find_member("Per Hansen")
    phone = await fresh_client(page_server)
    try:
        csrf = await sign_in(phone, store, dept, "Per Hansen")
        await phone.post("/signout", data={"csrf": csrf})
        for i in range(5):
            clock.now += 0.3
            r = await try_code(phone, per.id, f"tastefeil {i}")
        assert r.status == 401 and "Vent" in await r.text()
        r = await try_code(phone, per.id, GOOD_CODE)
        assert r.status == 429  # its own five typos: it waits, as anyone would
        clock.now += 31
        r = await try_code(phone, per.id, GOOD_CODE)
        assert r.url.path == "/write"
    finally:
        await phone.close()


async def test_a_new_start_code_makes_the_lost_phone_a_stranger(store, dept, page_server, clock) -> None:
    per = dept.find_member("Per Hansen")
    lost = await fresh_client(page_server)
    try:
        await sign_in(lost, store, dept, "Per Hansen")
        cookie = lost.session.cookie_jar.filter_cookies(lost.make_url("/"))["tettpa_device"].value
        stamp = store.staff_codes(dept)[per.id].code.salt
        assert page_server.devices.recognised(cookie, dept.path, f"{per.id}:{stamp}")
        give_code(store, dept, "Per Hansen")
        stamp = store.staff_codes(dept)[per.id].code.salt
        assert page_server.devices.recognised(cookie, dept.path, f"{per.id}:{stamp}") is None
    finally:
        await lost.close()


async def test_a_shared_pc_is_not_locked_by_typos_with_a_sign_in_between(store, dept, page_server, clock) -> None:
    """One address: five colleagues mistype twice each, one signs in, they mistype twice more;
    two others then sign in with their start codes (the PC has never seen them)."""
    for name in ("Ane", "Bo", "Cato", "Dina", "Eli", "Frida", "Gro"):
        store.add_staff(dept, name, Role.ASSISTANT)
    dept = store.department(dept.path)
    pc = await fresh_client(page_server)
    try:
        typists = [dept.find_member(n) for n in ("Ane", "Bo", "Cato", "Dina", "Eli")]
        for round_ in range(2):
            for member in typists:
                for k in range(2):
                    clock.now += 0.2
                    r = await try_code(pc, member.id, f"skrivefeil {round_}{k}")
                    assert r.status == 401
            if round_ == 0:
                csrf = await sign_in(pc, store, dept, "Ingrid Solberg")
                await pc.post("/signout", data={"csrf": csrf})
        for name in ("Frida", "Gro"):
            start = give_code(store, dept, name)
            clock.now += 0.2
            r = await try_code(pc, dept.find_member(name).id, start)
            assert r.url.path == "/choose", (name, r.status)
            await pc.post("/signout", data={"csrf": csrf_of(await r.text())})
    finally:
        await pc.close()


async def test_a_sign_in_page_in_progress_survives_a_flood(store, dept, page_server, clock) -> None:
    per = dept.find_member("Per Hansen")
    start = give_code(store, dept, "Per Hansen")
    phone = await fresh_client(page_server)
    try:
        html = await code_page(phone, per.id)  # Per opens the code page ...
        # ... while 440 requests without a code come from 11 addresses.
        async with ClientSession(cookie_jar=DummyCookieJar()) as flood:
            for i in range(440):
                if i % 40 == 0:
                    clock.now += 2
                r = await flood.get(phone.make_url("/"), headers={AT: f"10.9.9.{i // 40}"})
                assert r.status in (200, 503)
        assert len(page_server.sessions) <= page_server.limits.max_sessions
        r = await phone.post("/code", data={"csrf": csrf_of(html), "staff": per.id, "code": start})
        assert r.url.path == "/choose", r.status
    finally:
        await phone.close()


async def test_a_code_sent_from_an_expired_page_gets_the_code_page_again(store, dept, page_server, clock) -> None:
    per = dept.find_member("Per Hansen")
    start = give_code(store, dept, "Per Hansen")
    phone = await fresh_client(page_server)
    try:
        html = await code_page(phone, per.id)
        clock.now += page_server.limits.anonymous_seconds + 1
        r = await phone.post("/code", data={"csrf": csrf_of(html), "staff": per.id, "code": start})
        text = await r.text()
        assert r.url.path == "/code" and "Skriv koden din igjen" in text and per.name in text
        r = await phone.post("/code", data={"csrf": csrf_of(text), "staff": per.id, "code": start})
        assert r.url.path == "/choose"
    finally:
        await phone.close()


def test_a_device_token_holds_for_its_person_only() -> None:
    devices = Devices(b"k" * 32)
    cookie = devices.remember(None, "KG/A", "per:1")
    assert devices.recognised(cookie, "KG/A", "per:1")
    assert devices.recognised(cookie, "KG/A", "ane:1") is None
    assert devices.recognised(cookie, "KG/B", "per:1") is None
    assert Devices(b"x" * 32).recognised(cookie, "KG/A", "per:1") is None  # another key: forged
    nonce = cookie.split(".")[0]
    assert devices.recognised(f"{nonce}.{'0' * 32}", "KG/A", "per:1") is None
    both = devices.remember(cookie, "KG/A", "ane:1")
    assert devices.recognised(both, "KG/A", "per:1") and devices.recognised(both, "KG/A", "ane:1")
