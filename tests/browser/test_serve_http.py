"""`tettpa serve` over plain HTTP: the page, and who may open a session."""

from __future__ import annotations

import urllib.error
import urllib.request


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, resp.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace")


def test_the_page_is_ours_and_loads_nothing_from_elsewhere(served: str) -> None:
    status, page = get(served)
    assert status == 200
    assert '<html lang="nb">' in page and "TETT PÅ · Solsikken/Blåklokka" in page
    assert "googleapis" not in page and "https://" not in page
    assert "ws://127.0.0.1:" in page  # the socket on the address the page came from


def test_another_sites_page_cannot_open_a_session(served: str) -> None:
    status, body = get(served + "ws", {"Origin": "http://evil.example", "Connection": "Upgrade",
                                         "Upgrade": "websocket", "Sec-WebSocket-Version": "13",
                                         "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="})
    assert status == 403 and "Ikke tillatt" in body


def test_a_page_asked_for_by_another_name_gets_nothing(served: str) -> None:
    # A web site whose name was pointed at 127.0.0.1 (DNS rebinding) sends its own name.
    port = served.rsplit(":", 1)[1].strip("/")
    for path in ("", "ws"):
        status, _ = get(served + path, {"Host": f"evil.example:{port}"})
        assert status == 403
    assert get(served, {"Host": f"localhost:{port}"})[0] == 200
