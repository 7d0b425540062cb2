"""The phone page in-process, on a loopback port, through aiohttp's test client."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import datetime

import pytest
from aiohttp.test_utils import TestClient, TestServer

from tettpa_tui.store import Store
from tettpa_tui.web.app import PageServer, create_app
from tettpa_tui.web.guard import Limits
from tettpa_tui.workspace import Workspace
from tests.conftest import TODAY

NOW = datetime(TODAY.year, TODAY.month, TODAY.day, 9, 30)
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
GOOD_CODE = "grønn traktor i snøen"


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found, html[:500]
    return found.group(1)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def limits() -> Limits:
    return Limits()


@pytest.fixture
def page_server(store: Store, dept, clock: Clock, limits: Limits) -> PageServer:
    return PageServer(store, dept.path, frozenset({"127.0.0.1", "localhost"}), limits=limits,
                      now=lambda: NOW, clock=clock)


@pytest.fixture
async def client(page_server: PageServer) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(create_app(page_server), host="127.0.0.1")) as c:
        yield c


async def fresh_client(page_server: PageServer) -> TestClient:
    c = TestClient(TestServer(create_app(page_server), host="127.0.0.1"))
    await c.start_server()
    return c


def give_code(store: Store, dept, name: str) -> str:
    member = dept.find_member(name)
    return Workspace(store).give_start_code(store.department(dept.path), member, NOW)


async def code_page(client: TestClient, staff_id: str, dept=None) -> str:
    """The first page (which starts a session), then the code page for one person
    (of `dept`, when the server serves a whole kindergarten)."""
    await client.get("/")
    params = {"staff": staff_id} if dept is None else {"d": dept.slug, "staff": staff_id}
    r = await client.get("/code", params=params)
    return await r.text()


async def sign_in(client: TestClient, store: Store, dept, name: str, code: str = GOOD_CODE) -> str:
    """Start code, then one's own code: returns the writing page's CSRF token."""
    member = dept.find_member(name)
    start = give_code(store, dept, name)
    html = await code_page(client, member.id, dept)
    r = await client.post("/code", data={"csrf": csrf_of(html), "d": dept.slug, "staff": member.id, "code": start})
    assert r.status == 200 and r.url.path == "/choose", await r.text()
    r = await client.post("/choose", data={"csrf": csrf_of(await r.text()), "code": code, "again": code})
    assert r.url.path == "/write", await r.text()
    return csrf_of(await r.text())
