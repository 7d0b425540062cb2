"""The leader's side of the phone page: the QR code of its address and start codes."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from tests.app.conftest import make_app, screen_text
from tests.conftest import TODAY
from tettpa_tui.domain import access
from tettpa_tui.screens.home import HomeScreen
from tettpa_tui.screens.phone_page import PhonePageScreen, qr_lines
from tettpa_tui.web.run import ADDRESS_SETTING
from tettpa_tui.store import Store

NOW = datetime(TODAY.year, TODAY.month, TODAY.day, 14, 0)


@pytest.fixture(autouse=True)
def _servers_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    """The addresses these tests store stand for a server that runs (nothing listens there)."""
    from tettpa_tui import oscompat

    monkeypatch.setattr(oscompat, "process_alive", lambda host, port: True)


def test_the_qr_code_is_drawn_in_half_blocks() -> None:
    lines = qr_lines("http://192.168.1.20:8000")
    assert len({len(line) for line in lines}) == 1  # a square, line by line
    assert len(lines[0]) == 25 + 4  # version 2 and its quiet zone
    assert set("".join(lines)) <= set(" ▀▄█")
    assert lines[0].strip() == ""  # the quiet zone a scanner needs


async def test_b_shows_the_running_address_and_k_gives_a_start_code_once(store: Store, dept) -> None:
    store.set_setting(ADDRESS_SETTING, {"department": dept.path, "url": "http://192.168.1.20:8000"})
    app = make_app(store, clock=lambda: NOW)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, PhonePageScreen)
        text = screen_text(app)
        assert "http://192.168.1.20:8000" in text and "Siden kjører nå" in text
        assert "▀" in text or "▄" in text
        assert "ingen kode ennå" in text
        await pilot.press("k")
        await pilot.pause()
        text = screen_text(app)
        code = re.search(r"Startkode for (?:Ingrid Solberg|Per Hansen): (\S{4}-\S{4}-\S{4})", text).group(1)
        assert "har fått startkode" in text
        codes = store.staff_codes(dept)
        assert len(codes) == 1
        (record,) = codes.values()
        assert record.kind == "start" and access.staff_code_matches(code, record, NOW)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("b")
        await pilot.pause()
        assert code not in screen_text(app)  # shown once only


async def test_without_a_server_it_says_how_to_start_one_at_80x24(store: Store, dept) -> None:
    app = make_app(store, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        text = screen_text(app)
        assert "tettpa serve" in text and "--host 0.0.0.0" in text


async def test_a_page_on_loopback_is_said_to_be_this_machine_only(store: Store, dept, monkeypatch) -> None:
    from tettpa_tui.web import run as serve

    monkeypatch.setattr(serve, "lan_addresses", lambda: ["192.168.1.20"])
    store.set_setting(ADDRESS_SETTING, {"department": dept.path, "url": "http://127.0.0.1:8731"})
    app = make_app(store, clock=lambda: NOW)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        text = screen_text(app)
        assert "127.0.0.1" not in text and "http://192.168.1.20:8731" in text
        assert "bare for denne maskinen" in text and "--host 0.0.0.0" in text and "Skann QR-koden" not in text


async def test_b_says_when_the_server_serves_the_whole_kindergarten(store: Store, dept) -> None:
    store.set_setting(ADDRESS_SETTING, {"kindergarten": "Solsikken", "url": "http://192.168.1.20:8000"})
    app = make_app(store, clock=lambda: NOW)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        text = screen_text(app)
        # The QR code opens the department's own page on the kindergarten's server.
        assert "http://192.168.1.20:8000/d/blaklokka" in text
        assert "hele barnehagen" in text and "Blåklokka direkte" in text


async def test_b_without_a_server_also_tells_how_to_serve_the_whole_kindergarten(store: Store, dept) -> None:
    store.set_setting(ADDRESS_SETTING, {"kindergarten": "Løvetannen", "url": "http://192.168.1.20:8000"})
    app = make_app(store, clock=lambda: NOW)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        text = screen_text(app)
        assert "192.168.1.20" not in text  # another kindergarten's server
        assert "For hele barnehagen" in text and "tettpa serve \"Solsikken\"" in text


async def test_a_server_that_stopped_without_a_word_is_not_shown_as_running(store: Store, dept, monkeypatch) -> None:
    # On Windows the usual way to stop a program is to close its window: the server then
    # cannot clear the address it left, and its QR code must not be offered as running.
    from tettpa_tui import oscompat

    asked = []
    monkeypatch.setattr(oscompat, "process_alive", lambda host, port: asked.append((host, port)) or False)
    store.set_setting(ADDRESS_SETTING, {"department": dept.path, "url": "http://192.168.1.20:8000"})
    app = make_app(store, clock=lambda: NOW)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        text = screen_text(app)
        assert ("192.168.1.20", 8000) in asked
        assert "Siden kjører nå" not in text and "tettpa serve" in text


async def test_b_says_what_travels_unencrypted_and_how_to_serve_with_tls(store: Store, dept) -> None:
    for url, plain in (("http://192.168.1.20:8000", True), ("https://barnehage.example:8443", False)):
        store.set_setting(ADDRESS_SETTING, {"department": dept.path, "url": url})
        app = make_app(store, clock=lambda: NOW)
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            await pilot.press("b")
            await pilot.pause()
            text = str(app.screen.query_one("#tls").render())
            assert ("klartekst" in text and "alle på samme nett" in text and "--tls-cert" in text) is plain, text
            assert ("går kryptert over nettet" in text) is not plain
            assert "klartekst" in screen_text(app) or not plain  # on the screen, not only in the widget


async def test_b_shows_the_newest_sign_ins_and_k_adds_one(store: Store, dept) -> None:
    from tettpa_tui.domain.signins import SignInEvent, SignInRecord

    per = dept.find_member("Per Hansen")
    store.record_sign_in(dept, SignInRecord(NOW, per.id, SignInEvent.WRONG_CODE))
    store.record_sign_in(dept, SignInRecord(NOW, "gone", SignInEvent.WRONG_CODE))
    app = make_app(store, clock=lambda: NOW)
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        text = screen_text(app)
        assert "Innlogginger" in text and "Per Hansen  feil kode" in text and "ukjent  feil kode" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PhonePageScreen)
        await pilot.press("k")
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert "fikk ny startkode" in screen_text(app)
