"""The phone page as a staff member uses it: sign in, write, check, hand in, withdraw."""

from __future__ import annotations

from tettpa_tui.domain.stories import StoryStatus
from tests.web.conftest import GOOD_CODE, code_page, csrf_of, give_code, sign_in


async def test_start_code_then_own_code_then_hand_in(client, store, dept) -> None:
    csrf = await sign_in(client, store, dept, "Per Hansen")
    text = "Jeg satt med Emma på teppet. Hun pekte på boka, og jeg sa hva jeg så. " * 6
    r = await client.post("/write", data={"csrf": csrf, "story": "", "month": "", "text": text, "action": "submit"})
    # The check finds the name "Emma": the page shows it with its replacements before handing in.
    assert r.url.path == "/write" and r.url.query.get("confirm") == "1"
    html = await r.text()
    assert "Emma" in html and "barnet" in html
    story = store.stories(dept)[0]
    assert story.status is StoryStatus.DRAFT and story.text == text
    # One tap: "Emma" becomes "barnet" everywhere, saved.
    r = await client.post("/replace", data={"csrf": csrf, "story": story.id, "month": str(story.month),
                                            "name": "Emma", "word": "barnet"})
    assert r.status == 200
    fixed = store.story(dept, story.id)
    assert "Emma" not in fixed.text and "barnet" in fixed.text
    r = await client.post("/write", data={"csrf": csrf, "story": story.id, "month": str(story.month),
                                          "text": fixed.text, "action": "submit"})
    assert r.url.path == "/stories"
    assert "Fortellingen er levert" in await r.text()
    assert store.story(dept, story.id).status is StoryStatus.SUBMITTED
    # Withdraw it again from the list of one's own stories.
    r = await client.post("/withdraw", data={"csrf": csrf, "story": story.id, "month": str(story.month)})
    assert r.url.path == "/stories"
    assert store.story(dept, story.id).status is StoryStatus.DRAFT


async def test_the_start_code_works_once_and_the_own_code_after(client, store, dept, page_server) -> None:
    member = dept.find_member("Per Hansen")
    await sign_in(client, store, dept, "Per Hansen")
    assert store.staff_codes(dept)[member.id].kind == "personal"
    await client.post("/signout", data={"csrf": csrf_of(await (await client.get("/write")).text())})
    html = await code_page(client, member.id)
    r = await client.post("/code", data={"csrf": csrf_of(html), "staff": member.id, "code": GOOD_CODE})
    assert r.url.path == "/write"


async def test_a_weak_own_code_is_refused_with_one_line(client, store, dept) -> None:
    member = dept.find_member("Per Hansen")
    start = give_code(store, dept, "Per Hansen")
    html = await code_page(client, member.id)
    r = await client.post("/code", data={"csrf": csrf_of(html), "staff": member.id, "code": start.upper()})
    html = await r.text()
    for weak in ("12345678", "passord123", "aaaaaaaa", "qwertyui", "perhansen1"):
        r = await client.post("/choose", data={"csrf": csrf_of(html), "code": weak, "again": weak})
        html = await r.text()
        assert r.status == 400 and 'class="error"' in html, weak
    assert store.staff_codes(dept)[member.id].kind == "start"


async def test_draft_autosave_and_hostile_text_shown_literally(client, store, dept) -> None:
    csrf = await sign_in(client, store, dept, "Ingrid Solberg")
    hostile = '</textarea><script>alert(1)</script> [@click=app.quit]x[/] {{ 7*7 }}'
    r = await client.post("/draft", data={"csrf": csrf, "story": "", "month": "", "text": hostile})
    reply = await r.json()
    assert reply["ok"] is True
    assert store.story(dept, reply["story"]).text == hostile
    html = await (await client.get("/write")).text()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;/textarea&gt;&lt;script&gt;" in html and "{{ 7*7 }}" in html


async def test_english_on_request(client, store, dept) -> None:
    await client.get("/lang/en")
    html = await (await client.get("/")).text()
    assert "Who are you?" in html and 'lang="en"' in html


async def test_signed_out_meanwhile_the_typed_text_is_shown_not_lost(client, store, dept, page_server, clock) -> None:
    csrf = await sign_in(client, store, dept, "Per Hansen")
    clock.now += page_server.limits.idle_seconds + 1
    r = await client.post("/write", data={"csrf": csrf, "story": "", "month": "", "text": "Jeg skrev <dette> lenge.",
                                          "action": "submit"})
    html = await r.text()
    assert r.status == 401 and "Jeg skrev &lt;dette&gt; lenge." in html and "Kopier teksten" in html


async def test_the_check_in_english_when_asked_for(client, store, dept) -> None:
    await client.get("/lang/en")
    csrf = await sign_in(client, store, dept, "Per Hansen")
    r = await client.post("/write", data={"csrf": csrf, "story": "", "month": "", "text": "Emma lo. " * 50,
                                          "action": "check"})
    html = await r.text()
    assert "the child" in html and "Worth a look" in html and "desember" not in html


async def test_line_breaks_from_the_phone_are_line_breaks(client, store, dept) -> None:
    csrf = await sign_in(client, store, dept, "Ingrid Solberg")
    # A form posts CR LF; a note pasted on some phones holds a lone CR.
    r = await client.post("/draft", data={"csrf": csrf, "story": "", "month": "",
                                          "text": "Første avsnitt.\r\nAndre.\rTredje \x1b[2J."})
    reply = await r.json()
    assert store.story(dept, reply["story"]).text == "Første avsnitt.\nAndre.\nTredje \x1b[2J."
    r = await client.post("/write", data={"csrf": csrf, "story": reply["story"], "month": reply["month"],
                                          "text": "En.\rTo.", "action": "save"})
    assert r.status == 200
    assert store.story(dept, reply["story"]).text == "En.\nTo."


async def test_the_replacement_that_fits_the_pronouns_comes_first_on_the_phone(client, store, dept) -> None:
    csrf = await sign_in(client, store, dept, "Per Hansen")
    text = "Jeg satt med Emil på teppet. Han pekte på boka, og jeg sa til ham hva jeg så. " * 6
    r = await client.post("/write", data={"csrf": csrf, "story": "", "month": "", "text": text, "action": "check"})
    html = await r.text()
    assert "Teksten sier «han / ham» om barnet: «gutten» passer best." in html
    buttons = [b for b in ("gutten", "barnet", "jenta", "E.") if f'value="{b}"' in html]
    assert buttons == ["gutten", "barnet", "jenta", "E."]
    assert html.index('value="gutten"') < html.index('value="barnet"') < html.index('value="jenta"')


async def test_a_story_no_meeting_took_up_is_handed_in_for_the_next_meeting(client, store, dept) -> None:
    from datetime import datetime

    from tettpa_tui.domain.calendar import YearMonth
    from tettpa_tui.workspace import Workspace

    ws = Workspace(store)  # October's meeting is over; new stories are written for December's
    text = "Jeg satt med barna [@click=app.quit]x[/] og ventet. <b>Det</b> ble stille, og jeg tenkte etterpå."
    old = ws.hand_in_new(dept, dept.find_member("Per Hansen"), datetime(2026, 10, 28, 9), text, YearMonth(2026, 10))
    hers = ws.hand_in_new(dept, dept.find_member("Ingrid Solberg"), datetime(2026, 10, 28, 9), text,
                          YearMonth(2026, 10))
    csrf = await sign_in(client, store, dept, "Per Hansen")
    html = await (await client.get("/stories")).text()
    assert "levert · ikke tatt opp" in html and 'href="/next?' in html and "Lever til neste møte" in html
    assert "[@click=app.quit]x[/]" in html and "<b>Det</b>" not in html
    # Another person's story is as if it did not exist, and stays where it is.
    r = await client.post("/next", data={"csrf": csrf, "story": hers.id, "month": "2026-10", "confirm": "1"})
    assert r.status == 404 and store.story(dept, hers.id).month == YearMonth(2026, 10)
    r = await client.post("/next", data={"csrf": csrf, "story": old.id, "month": "2026-10", "confirm": "1"})
    assert r.url.path == "/stories" and "levert til møtet for desember 2026" in await r.text()
    moved = store.story(dept, old.id)
    assert (moved.month, moved.status, moved.text) == (YearMonth(2026, 12), StoryStatus.SUBMITTED, text)
    # Now it is for the next meeting: not offered again, and a second post is one clear line.
    assert 'href="/next?' not in await (await client.get("/stories")).text()
    r = await client.post("/next", data={"csrf": csrf, "story": old.id, "month": "2026-12", "confirm": "1"})
    assert r.status == 409 and "Ingenting er endret" in await r.text()
