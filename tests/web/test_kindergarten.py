"""One server for a whole kindergarten (`tettpa serve "KG"`, the shared PC): the
departments first, then the names of the one chosen; after sign-in a session
reaches its own department only."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestClient, TestServer

from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import AgeGroup, Role, new_department
from tettpa_tui.domain.stories import StoryStatus
from tettpa_tui.store import Store
from tettpa_tui.web.app import PageServer, create_app
from tettpa_tui.web.signin import person_key
from tettpa_tui.workspace import Workspace
from tests.conftest import TODAY
from tests.web.conftest import GOOD_CODE, NOW, code_page, csrf_of, give_code, sign_in

HOSTS = frozenset({"127.0.0.1", "localhost"})


@pytest.fixture
def humla(store: Store, dept):
    """A second department of the same kindergarten; it has a Per Hansen of its own."""
    return store.create_department(new_department(
        "Solsikken", "Humla", AgeGroup.MIXED,
        [("Eva Strand", Role.LEADER), ("Nils Bakke", Role.SKILLED), ("Per Hansen", Role.ASSISTANT)],
        created=TODAY))


@pytest.fixture
def ped(store: Store, dept, humla):
    """The kindergarten's pedagogue meeting: the two leaders (the same people, the same ids)."""
    return Workspace(store).pedagogue_department("Solsikken", "Pedagogmøte", TODAY)


@pytest.fixture
async def kg(store: Store, dept, humla, ped, clock):
    server = PageServer(store, "solsikken", HOSTS, now=lambda: NOW, clock=clock)  # case aside
    async with TestClient(TestServer(create_app(server), host="127.0.0.1")) as c:
        yield c


async def test_the_departments_first_then_the_names_of_the_one_chosen(kg, dept, humla, ped) -> None:
    html = await (await kg.get("/")).text()
    assert "Hvilken avdeling?" in html and "Solsikken" in html
    links = [html.index(f'href="/d/{d.slug}"') for d in (dept, humla, ped)]
    assert links == sorted(links)  # by name, the pedagogue meeting last
    assert "For pedagogene" in html and "Per Hansen" not in html
    r = await kg.get(f"/d/{humla.slug}")
    html = await r.text()
    assert "Hvem er du?" in html and "Eva Strand" in html and "Nils Bakke" in html and "Ingrid Solberg" not in html
    assert 'href="/"' in html and "Annen avdeling" in html and "Solsikken/Humla" in html
    html = await (await kg.get(f"/d/{ped.slug}")).text()
    assert "Ingrid Solberg" in html and "Eva Strand" in html and "Nils Bakke" not in html
    r = await kg.get("/d/finnes-ikke")
    assert r.url.path == "/" and "Hvilken avdeling?" in await r.text()
    await kg.get("/lang/en")
    assert "Which department?" in await (await kg.get("/")).text()


async def test_signing_in_to_one_department_writes_there(kg, store, dept, humla) -> None:
    html = await code_page(kg, humla.find_member("Nils Bakke").id, humla)
    assert "Skriv koden din for Humla" in html and 'name="d" value="humla"' in html
    csrf = await sign_in(kg, store, humla, "Nils Bakke")
    page = await (await kg.get("/write")).text()
    assert "Solsikken/Humla" in page and "Nils Bakke" in page
    r = await kg.post("/write", data={"csrf": csrf, "story": "", "month": "", "text": "Jeg leste for to barn.",
                                      "action": "submit_anyway"})
    assert r.url.path == "/stories"
    (story,) = store.stories(humla)
    assert story.status is StoryStatus.SUBMITTED and story.author_id == humla.find_member("Nils Bakke").id
    assert store.stories(dept) == []
    # Signed in, the list of departments leads back to one's own writing page.
    assert (await kg.get(f"/d/{dept.slug}")).url.path == "/write"


async def test_a_session_in_one_department_cannot_reach_another(kg, store, dept, humla, ped) -> None:
    ws = Workspace(store)
    ingrid = dept.find_member("Ingrid Solberg")
    # Ingrid's own story in the pedagogue meeting (the same person, the same id) and one in Humla.
    own_elsewhere = ws.hand_in(ped, ws.start_story(ped, ped.member(ingrid.id), NOW,
                                                   text="Jeg ledet runden i pedagogmøtet."), NOW)
    eva = humla.find_member("Eva Strand")
    theirs = ws.start_story(humla, eva, NOW, text="Jeg og barna bygde et tårn.")
    csrf = await sign_in(kg, store, dept, "Ingrid Solberg")
    for story in (own_elsewhere, theirs):
        month = str(story.month)
        r = await kg.get("/write", params={"month": month, "story": story.id})
        assert r.status == 404 and story.text not in await r.text()
        for path, extra in (("/write", {"text": "Kapret", "action": "save"}),
                            ("/write", {"text": "Kapret", "action": "submit_anyway"}),
                            ("/draft", {"text": "Kapret"}), ("/withdraw", {}),
                            ("/replace", {"name": "Jeg", "word": "barnet"})):
            r = await kg.post(path, data={"csrf": csrf, "story": story.id, "month": month, "d": humla.slug, **extra})
            assert r.status in (400, 404, 409), path
    html = await (await kg.get("/stories")).text()
    assert "pedagogmøtet" not in html and "tårn" not in html
    assert store.story(ped, own_elsewhere.id) == own_elsewhere
    assert store.story(humla, theirs.id) == theirs
    # A new draft goes to the session's department, whatever department the form names.
    r = await kg.post("/draft", data={"csrf": csrf, "story": "", "month": "", "d": ped.slug, "text": "Jeg her."})
    assert (await r.json())["ok"]
    assert [s.text for s in store.stories(dept)] == ["Jeg her."]
    assert [s.id for s in store.stories(ped)] == [own_elsewhere.id] and len(store.stories(humla)) == 1


async def test_a_person_has_a_code_for_each_place(kg, store, dept, ped) -> None:
    ingrid = dept.find_member("Ingrid Solberg")
    await sign_in(kg, store, dept, "Ingrid Solberg")  # her own code in Blåklokka: GOOD_CODE
    await kg.post("/signout", data={"csrf": csrf_of(await (await kg.get("/write")).text())})
    # The department's code does not open the pedagogue meeting: it has a code of its own.
    html = await code_page(kg, ingrid.id, ped)
    assert "Skriv koden din for Pedagogmøte" in html and "én kode for hvert sted" in html
    r = await kg.post("/code", data={"csrf": csrf_of(html), "d": ped.slug, "staff": ingrid.id, "code": GOOD_CODE})
    assert r.status == 401 and r.url.path == "/code"
    # Wrong codes lock her in the pedagogue meeting only (counted per department and person) ...
    for i in range(6):
        r = await kg.post("/code", data={"csrf": csrf_of(await r.text()), "d": ped.slug, "staff": ingrid.id,
                                         "code": f"feil kode {i}"})
    assert r.status == 429
    # ... while her department's code still works at once.
    html = await code_page(kg, ingrid.id, dept)
    r = await kg.post("/code", data={"csrf": csrf_of(html), "d": dept.slug, "staff": ingrid.id, "code": GOOD_CODE})
    assert r.url.path == "/write" and "Solsikken/Blåklokka" in await r.text()
    await kg.post("/signout", data={"csrf": csrf_of(await (await kg.get("/write")).text())})
    # A start code for the pedagogue meeting, then her own code there, which may be the same words.
    await sign_in(kg, store, ped, "Ingrid Solberg")
    assert "Solsikken/Pedagogmøte" in await (await kg.get("/write")).text()
    codes = store.staff_codes(dept)[ingrid.id], store.staff_codes(ped)[ingrid.id]
    assert codes[0].code.salt != codes[1].code.salt and {c.kind for c in codes} == {"personal"}


async def test_wrong_codes_are_counted_per_department_and_person(store, dept, humla, ped, clock) -> None:
    server = PageServer(store, "Solsikken", HOSTS, now=lambda: NOW, clock=clock)
    c = TestClient(TestServer(create_app(server), host="127.0.0.1"))
    await c.start_server()
    try:
        eva = humla.find_member("Eva Strand")
        give_code(store, humla, "Eva Strand")
        give_code(store, ped, "Eva Strand")
        html = await code_page(c, eva.id, ped)
        await c.post("/code", data={"csrf": csrf_of(html), "d": ped.slug, "staff": eva.id, "code": "feil kode"})
    finally:
        await c.close()
    salt = {d.slug: store.staff_codes(d)[eva.id].code.salt for d in (humla, ped)}
    assert server.person_tries.failures(person_key(ped, eva.id, salt[ped.slug])) == 1
    assert server.person_tries.failures(person_key(humla, eva.id, salt[humla.slug])) == 0


async def test_a_new_sign_in_leaves_nothing_of_the_one_before(kg, store, humla, ped) -> None:
    """Eva signed in to Humla gives Ingrid's start code for the pedagogue meeting: until
    Ingrid has chosen her code the session writes nowhere, and never as Eva there."""
    await sign_in(kg, store, humla, "Eva Strand")
    ingrid = ped.find_member("Ingrid Solberg")
    start = give_code(store, ped, "Ingrid Solberg")
    html = await code_page(kg, ingrid.id, ped)
    r = await kg.post("/code", data={"csrf": csrf_of(html), "d": ped.slug, "staff": ingrid.id, "code": start})
    assert r.url.path == "/choose"
    csrf = csrf_of(await r.text())
    r = await kg.post("/draft", data={"csrf": csrf, "story": "", "month": "", "text": "Jeg er Eva."})
    assert r.status == 401
    assert (await kg.get("/write")).url.path == "/choose"
    assert store.stories(ped) == [] and store.stories(humla) == []


async def test_a_department_of_another_kindergarten_is_not_served(kg, store) -> None:
    other = store.create_department(new_department("Løvetannen", "Maurtua", AgeGroup.TODDLER,
                                                   [("Kari Nord", Role.LEADER)], created=TODAY))
    assert other.slug not in await (await kg.get("/")).text()
    r = await kg.get(f"/d/{other.slug}")
    assert r.url.path == "/" and "Kari Nord" not in await r.text()
    r = await kg.get("/code", params={"d": other.slug, "staff": other.find_member("Kari Nord").id})
    assert r.url.path == "/" and "Kari Nord" not in await r.text()


def test_no_such_kindergarten_is_one_clear_error(store: Store, dept) -> None:
    for path, key in (("Finnes ikke", "error.kindergarten_unknown"), ("Solsikken/Finnes ikke",
                                                                      "error.department_unknown"),
                      ("  ", "error.department_path")):
        with pytest.raises(DomainError) as caught:
            PageServer(store, path, HOSTS)
        assert caught.value.key == key


async def test_department_names_are_shown_as_text(kg, store) -> None:
    hostile = store.create_department(new_department("Solsikken", '<img src=x onerror=alert(1)> [b]{{1+1}}',
                                                     AgeGroup.TODDLER, [("Kari Nord", Role.LEADER)], created=TODAY))
    html = await (await kg.get("/")).text()
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt; [b]{{1+1}}" in html
    html = await (await kg.get(f"/d/{hostile.slug}")).text()
    assert "<img src=x" not in html and "Kari Nord" in html


def test_a_kindergarten_without_departments_is_one_clear_error(store: Store, dept) -> None:
    import shutil

    shutil.rmtree(store.department_dir(dept.kindergarten, dept.name))
    with pytest.raises(DomainError) as caught:
        PageServer(store, "Solsikken", HOSTS)
    assert caught.value.key == "serve.kindergarten.no_departments"


async def test_from_year_two_the_pedagogues_button_names_the_ledermote(store: Store, dept, humla, ped, clock) -> None:
    # Year 1 (no pool: the first year's content): the pedagogue meeting, for the pedagogues.
    store.set_pool("Solsikken", None)
    store.add_staff(ped, "Siri Bakke", Role.DIRECTOR)
    server = PageServer(store, "solsikken", HOSTS, now=lambda: NOW, clock=clock)
    async with TestClient(TestServer(create_app(server), host="127.0.0.1")) as c:
        html = await (await c.get("/")).text()
        assert "For pedagogene" in html and "Ledermøte" not in html
        store.set_pool("Solsikken", 6)  # started August 2024: its third year, the director leads it
        html = await (await c.get("/")).text()
        assert "Ledermøte · for pedagogene" in html
        await c.get("/lang/en")
        assert "Leader meeting (ledermøte)" in await (await c.get("/")).text()


async def test_the_ledermote_is_named_so_on_every_page_of_it(store: Store, dept, humla, ped, clock) -> None:
    """From year 2 the director leads the pedagogue meeting as the ledermøte: the header, the
    names page and the code page say so (as the list's button does), and the help says who
    gives its start codes."""
    store.add_staff(ped, "Siri Bakke", Role.DIRECTOR)
    store.set_pool("Solsikken", 6)  # its third year: the director leads it
    ped = store.department(ped.path)
    server = PageServer(store, "solsikken", HOSTS, now=lambda: NOW, clock=clock)
    async with TestClient(TestServer(create_app(server), host="127.0.0.1")) as c:
        html = await (await c.get(f"/d/{ped.slug}")).text()
        assert "· Ledermøte" in html and "Pedagogmøte (ledermøte): trykk på navnet ditt." in html
        assert "← Tilbake til avdelingene" in html and "Annen avdeling" not in html
        siri = ped.find_member("Siri Bakke")
        html = await code_page(c, siri.id, ped)
        assert "· Ledermøte" in html and "Skriv koden din for Pedagogmøte (ledermøte)." in html
        assert "startkoden du fikk av den som leder møtet" in html and "pedagogisk leder" not in html
        r = await c.post("/code", data={"csrf": csrf_of(html), "d": ped.slug, "staff": siri.id,
                                        "code": give_code(store, ped, "Siri Bakke")})
        assert r.url.path == "/choose" and "· Ledermøte" in await r.text()
        await c.get("/lang/en")
        html = await (await c.get("/choose")).text()
        assert "· Leader meeting (ledermøte)" in html
    # A department's code page keeps its own help.
    async with TestClient(TestServer(create_app(server), host="127.0.0.1")) as c:
        html = await code_page(c, dept.find_member("Per Hansen").id, dept)
        assert "pedagogisk leder" in html and "Ledermøte" not in html
