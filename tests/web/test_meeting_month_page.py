"""The phone page writes for the meeting the home screen shows as next (issue 22, point 1)."""

from __future__ import annotations

from datetime import datetime

from aiohttp.test_utils import TestClient, TestServer

from tests.web.conftest import sign_in
from tettpa_tui.domain.calendar import YearMonth
from tettpa_tui.web.app import PageServer, create_app
from tettpa_tui.workspace import Workspace

STORY = "Jeg satt med barna ved bordet og vi snakket om snøen. Jeg spurte hva de trodde snøen var laget av. " * 3


async def test_a_story_written_after_the_planned_date_is_for_the_meeting_still_to_be_held(
        store, dept, clock, limits) -> None:
    """December's meeting (planned 1 December) is not held yet and a story waits for it:
    on 3 December the page writes for December's meeting, as the home screen shows."""
    Workspace(store).hand_in_new(dept, dept.find_member("Ingrid Solberg"), datetime(2026, 11, 25, 9, 0), STORY)
    now = datetime(2026, 12, 3, 20, 0)
    server = PageServer(store, dept.path, frozenset({"127.0.0.1", "localhost"}), limits=limits,
                        now=lambda: now, clock=clock)
    async with TestClient(TestServer(create_app(server), host="127.0.0.1")) as client:
        csrf = await sign_in(client, store, dept, "Per Hansen")
        page = await (await client.get("/write")).text()
        assert "1. desember 2026" in page
        r = await client.post("/write", data={"csrf": csrf, "story": "", "month": "", "text": STORY,
                                              "action": "save"})
        assert r.status == 200
    mine = [s for s in store.stories(dept) if s.author_id == dept.find_member("Per Hansen").id]
    assert [s.month for s in mine] == [YearMonth(2026, 12)]
    assert Workspace(store).next_meeting(dept, now.date()).month == YearMonth(2026, 12)


async def test_the_page_shows_the_hand_in_date(store, dept, clock, limits) -> None:
    now = datetime(2026, 11, 20, 20, 0)
    server = PageServer(store, dept.path, frozenset({"127.0.0.1", "localhost"}), limits=limits,
                        now=lambda: now, clock=clock)
    async with TestClient(TestServer(create_app(server), host="127.0.0.1")) as client:
        await sign_in(client, store, dept, "Per Hansen")
        page = await (await client.get("/write")).text()
        plan = Workspace(store).next_meeting(dept, now.date())
        assert plan.meeting_date.isoformat() == "2026-12-01"
        assert "Lever innen: fredag 27. november 2026" in page  # three days before is Saturday: the Friday
