"""A whole kindergarten signing in at once: the overall budget for code tries holds back
guesses, not staff with right codes, and there is room for everyone's sessions."""

from __future__ import annotations

import asyncio

from tettpa_tui.domain.records import Role
from tettpa_tui.web.app import PageServer, create_app
from tettpa_tui.web.guard import Limits, Sessions
from tests.web.conftest import NOW, code_page, csrf_of, give_code

from aiohttp.test_utils import TestClient, TestServer


async def _start_code_try(page_server: PageServer, store, dept, member, code: str) -> tuple[int, str]:
    """One phone (its own client and session) gives a code; the status and where it landed."""
    async with TestClient(TestServer(create_app(page_server), host="127.0.0.1")) as c:
        html = await code_page(c, member.id)
        r = await c.post("/code", data={"csrf": csrf_of(html), "staff": member.id, "code": code})
        return r.status, r.url.path


async def test_many_right_codes_at_once_are_not_held_back_by_the_budget_for_guesses(
        store, dept, clock) -> None:
    # A small overall budget (3 tries at once) and 12 staff giving their right codes in the
    # same moment (the clock stands still): every one of them gets in.
    for i in range(10):
        dept, _ = store.add_staff(dept, f"Ansatt {i}", Role.ASSISTANT)
    members = dept.active_staff
    codes = {m.id: give_code(store, dept, m.name) for m in members}
    server = PageServer(store, dept.path, frozenset({"127.0.0.1"}), limits=Limits(tries_per_minute=6),
                        now=lambda: NOW, clock=clock)
    results = await asyncio.gather(*[_start_code_try(server, store, dept, m, codes[m.id]) for m in members])
    assert len(members) == 12
    assert results == [(200, "/choose")] * len(members)


async def test_wrong_codes_still_meet_the_overall_budget(store, dept, clock) -> None:
    for i in range(6):
        dept, _ = store.add_staff(dept, f"Ansatt {i}", Role.ASSISTANT)
    members = dept.active_staff
    for m in members:
        give_code(store, dept, m.name)
    server = PageServer(store, dept.path, frozenset({"127.0.0.1"}), limits=Limits(tries_per_minute=6),
                        now=lambda: NOW, clock=clock)
    results = await asyncio.gather(*[_start_code_try(server, store, dept, m, "feil kode her nå")
                                     for m in members])
    statuses = sorted(status for status, _ in results)
    assert statuses.count(401) == 3  # the budget's three at once
    assert statuses.count(429) == len(members) - 3  # "many are trying codes right now"


def test_five_hundred_staff_can_be_signed_in_at_once() -> None:
    sessions = Sessions(Limits())
    for i in range(500):
        s = sessions.new(f"10.0.{i // 200}.{i % 200}")
        s.staff_id, s.department = f"staff{i}", "KG/DEPT"
    # ... and each may still open a second page (a PC besides the phone).
    for i in range(500):
        sessions.new(f"10.1.{i // 200}.{i % 200}")
    assert len(sessions) == 1000
