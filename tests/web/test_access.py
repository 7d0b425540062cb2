"""Issue 24: who may reach what, and for how long (a lost phone, handed-in stories, locks, origins)."""

from __future__ import annotations

import re

import pytest

from tettpa_tui.domain.stories import StoryStatus
from tettpa_tui.web.app import PageServer, create_app
from tettpa_tui.web.server import COOKIE
from tettpa_tui.workspace import Workspace
from tests.web.conftest import NOW, fresh_client, give_code, sign_in


def routes(page_server) -> list[tuple[str, str]]:
    """Every (method, path) the page answers, from its router: a new route is walked too."""
    found = []
    for route in create_app(page_server).router.routes():
        if route.method == "HEAD" or route.resource is None:
            continue
        info = route.resource.get_info()
        if "prefix" in info:  # the static files
            continue
        path = info.get("path") or info["formatter"]
        path = re.sub(r"\{key\}", "blaaklokka", path)
        path = re.sub(r"\{lang\}", "en", path)
        assert "{" not in path, path
        found.append((route.method, path))
    return found


async def test_a_stale_session_reaches_no_route(store, dept, page_server, clock) -> None:
    """The leader gave Per a new start code (his phone was lost): whatever the old phone's
    page asks for, with its token, it is signed out and his handed-in story stays as it was."""
    ws = Workspace(store)
    per = dept.find_member("Per Hansen")
    story = ws.hand_in_new(dept, per, NOW, "Jeg og barna bygde et tårn i sandkassen.")
    walked = routes(page_server)
    assert ("POST", "/draft") in walked and ("GET", "/write") in walked and len(walked) >= 14
    for method, path in walked:
        clock.now += 10  # the requests of one phone, spread as a person's are (no rate limit met)
        phone = await fresh_client(page_server)
        try:
            csrf = await sign_in(phone, store, dept, "Per Hansen")
            give_code(store, dept, "Per Hansen")  # the leader, after Per lost the phone
            old_id = phone.session.cookie_jar.filter_cookies(phone.make_url("/"))[COOKIE].value
            form = {"csrf": csrf, "story": story.id, "month": str(story.month), "text": "Overskrevet!",
                    "action": "submit_anyway", "name": "tårn", "word": "barnet", "code": "noe helt annet her",
                    "again": "noe helt annet her"}
            if method == "GET":
                r = await phone.get(path, allow_redirects=False)
            else:
                r = await phone.post(path, data=form, allow_redirects=False)
            text = await r.text()
            assert r.status in (200, 204, 303, 401), (method, path, r.status)
            assert page_server.sessions.get(old_id) is None, (method, path)
            assert r.status != 303 or r.headers["Location"] in ("/", "/?out=code"), (method, path)
            assert r.status != 200 or "tårn" not in text and 'action="/signout"' not in text, (method, path)
            after = store.story(dept, story.id)
            assert after == story, (method, path)
        finally:
            await phone.close()


async def test_the_lost_phone_cannot_overwrite_a_handed_in_story(client, store, dept) -> None:
    csrf = await sign_in(client, store, dept, "Per Hansen")
    r = await client.post("/write", data={"csrf": csrf, "story": "", "month": "", "action": "submit_anyway",
                                          "text": "Jeg og barna bygde et tårn."})
    (story,) = store.stories(dept)
    assert story.status is StoryStatus.SUBMITTED
    give_code(store, dept, "Per Hansen")  # the leader, after Per lost the phone
    r = await client.post("/draft", data={"csrf": csrf, "story": story.id, "month": str(story.month),
                                          "text": "Overskrevet fra en mistet telefon."})
    assert r.status == 401
    assert store.story(dept, story.id) == story


@pytest.mark.parametrize("origin", ["http://127.0.0.1:9999", "https://127.0.0.1:{port}", "null",
                                    "http://evil.example:{port}", "http://127.0.0.1", "file://", "garbage"])
async def test_a_post_from_another_origin_is_refused(client, store, dept, origin: str) -> None:
    csrf = await sign_in(client, store, dept, "Per Hansen")
    origin = origin.format(port=client.port)
    r = await client.post("/draft", data={"csrf": csrf, "story": "", "month": "", "text": "Fra en annen side."},
                          headers={"Origin": origin})
    assert r.status == 403
    assert store.stories(dept) == []


async def test_a_post_from_the_page_itself_is_taken(client, store, dept) -> None:
    csrf = await sign_in(client, store, dept, "Per Hansen")
    for origin in (f"http://127.0.0.1:{client.port}", f"http://LOCALHOST:{client.port}"):
        r = await client.post("/draft", data={"csrf": csrf, "story": "", "month": "", "text": "Min egen side."},
                              headers={"Origin": origin, "Host": origin.split("//")[1].lower()})
        assert r.status == 200, origin
    assert len(store.stories(dept)) == 2


async def test_hsts_only_over_tls(store, dept, clock) -> None:
    for secure in (False, True):
        server = PageServer(store, dept.path, frozenset({"127.0.0.1"}), now=lambda: NOW, clock=clock, secure=secure)
        c = await fresh_client(server)
        try:
            r = await c.get("/")
            assert ("Strict-Transport-Security" in r.headers) is secure
            if secure:
                assert int(r.headers["Strict-Transport-Security"].split("=")[1]) >= 180 * 86400
        finally:
            await c.close()


BINARY = bytes(range(256)) * 20 + b"\x00" * 40
LATIN1 = "Vi gikk på tur i skogen, og barna så en ekorn. Æ, ø og å.".encode("latin-1")


def urlencoded(fields: dict[str, bytes | str]) -> bytes:
    from urllib.parse import quote_from_bytes

    return "&".join(f"{k}={quote_from_bytes(v if isinstance(v, bytes) else v.encode())}"
                    for k, v in fields.items()).encode("ascii")


@pytest.mark.parametrize("text", [BINARY, LATIN1, b"Jeg s\xe5 \xff\xfe", "Jeg og barna\x00 lekte.".encode()])
async def test_bytes_that_are_not_text_are_refused_not_replaced(client, store, dept, text: bytes) -> None:
    csrf = await sign_in(client, store, dept, "Per Hansen")
    try:
        expected = "NUL" if text.decode("utf-8") else ""
    except UnicodeDecodeError:
        expected = "UTF-8"
    for path, action in (("/write", "submit_anyway"), ("/draft", "")):
        body = urlencoded({"csrf": csrf, "story": "", "month": "", "action": action, "text": text})
        r = await client.post(path, data=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert r.status == 400, path
        said = (await r.json())["error"] if path == "/draft" else await r.text()
        assert expected in said and "Ingenting er endret" in said, said
    # The same as a browser's FormData (multipart), as the page's script sends it.
    from aiohttp import FormData

    form = FormData({"csrf": csrf, "story": "", "month": ""})
    form.add_field("text", text, content_type="text/plain; charset=utf-8")
    r = await client.post("/draft", data=form)
    assert r.status == 400
    assert store.stories(dept) == []


async def test_a_replacement_character_typed_on_purpose_is_kept(client, store, dept) -> None:
    csrf = await sign_in(client, store, dept, "Per Hansen")
    r = await client.post("/draft", data={"csrf": csrf, "story": "", "month": "", "text": "Tegnet \ufffd er med."})
    assert r.status == 200
    assert store.stories(dept)[0].text == "Tegnet \ufffd er med."


def test_the_domain_never_keeps_a_nul() -> None:
    from tettpa_tui.domain.calendar import YearMonth
    from tettpa_tui.domain.errors import DomainError
    from tettpa_tui.domain import stories

    with pytest.raises(DomainError) as caught:
        stories.new_story("a", YearMonth(2026, 12), "x", NOW, text="Tekst\x00")
    assert caught.value.key == "error.story_not_text"
    story = stories.new_story("a", YearMonth(2026, 12), "x", NOW, text="Tekst")
    with pytest.raises(DomainError):
        stories.edit(story, "Tekst\x00 mer", NOW)


def test_the_example_code_the_page_shows_is_no_code() -> None:
    from tettpa_tui import i18n
    from tettpa_tui.domain import access

    for lang in ("nb", "en"):
        with _lang(lang):
            shown = i18n.t("web.choose_help")
        (example,) = re.findall(r"[«“](.+?)[»”]", shown)
        assert access.personal_code_problem(example) == "codes.example", lang
        assert access.personal_code_problem(example.upper() + "1") == "codes.example", lang


def _lang(lang: str):
    from contextlib import contextmanager

    from tettpa_tui import i18n

    @contextmanager
    def using():
        token = i18n.request_language.set(lang)
        try:
            yield
        finally:
            i18n.request_language.reset(token)
    return using()


async def test_the_example_code_is_refused_on_the_choose_page(client, store, dept) -> None:
    from tests.web.conftest import code_page, csrf_of

    per = dept.find_member("Per Hansen")
    start = give_code(store, dept, "Per Hansen")
    html = await code_page(client, per.id)
    r = await client.post("/code", data={"csrf": csrf_of(html), "staff": per.id, "code": start})
    assert r.url.path == "/choose"
    r = await client.post("/choose", data={"csrf": csrf_of(await r.text()), "code": "blå sykkel i regnet",
                                           "again": "blå sykkel i regnet"})
    assert r.status == 400 and "eksempelet fra siden" in await r.text()
    assert store.staff_codes(dept)[per.id].kind == "start"


async def test_the_writing_page_never_opens_a_handed_in_story_to_autosave(client, store, dept) -> None:
    """Point 2: "Skriv" opened the newest story, handed-in ones included, in a box that saves itself."""
    ws = Workspace(store)
    per = dept.find_member("Per Hansen")
    csrf = await sign_in(client, store, dept, "Per Hansen")
    handed_in = ws.hand_in_new(dept, per, NOW, "Jeg og barna bygde et tårn i sandkassen.")
    html = await (await client.get("/write")).text()
    textarea = html[html.index("<textarea"):html.index("</textarea>")]
    assert "tårn" not in textarea  # a new draft, not the handed-in story
    r = await client.post("/draft", data={"csrf": csrf, "story": "", "month": "", "text": "Et nytt utkast."})
    assert r.status == 200 and (await r.json())["story"] != handed_in.id
    # The page of the handed-in story, opened long ago, saving itself: refused, the story as it was.
    r = await client.post("/draft", data={"csrf": csrf, "story": handed_in.id, "month": str(handed_in.month),
                                          "text": "Overskrevet uten at noen merket det."})
    assert r.status == 409 and "levert" in (await r.json())["error"]
    assert store.story(dept, handed_in.id) == handed_in


async def test_changing_a_handed_in_story_is_a_step_of_its_own_and_marked(client, store, dept) -> None:
    ws = Workspace(store)
    per = dept.find_member("Per Hansen")
    csrf = await sign_in(client, store, dept, "Per Hansen")
    handed_in = ws.hand_in_new(dept, per, NOW, "Jeg og barna bygde et tårn i sandkassen.")
    where = {"month": str(handed_in.month), "story": handed_in.id}
    html = await (await client.get("/write", params=where)).text()
    assert "<textarea" not in html and "Endre den leverte fortellingen" in html and "tårn" in html
    html = await (await client.get("/write", params={**where, "change": "1"})).text()
    assert "<textarea" in html and 'name="change" value="1"' in html and "lederen ser" in html
    r = await client.post("/draft", data={"csrf": csrf, **where, "change": "1",
                                          "text": "Jeg og barna bygde et høyt tårn i sandkassen."})
    assert r.status == 200
    after = store.story(dept, handed_in.id)
    assert after.status is StoryStatus.SUBMITTED and after.submitted_at == handed_in.submitted_at
    assert after.revised_at == NOW and "høyt" in after.text
    r = await client.post("/write", data={"csrf": csrf, **where, "change": "1", "action": "save",
                                          "text": after.text + " Slutt."})
    assert r.url.query.get("change") == "1"  # still changing it after the save
    assert "Endret etter levering" in await r.text()
