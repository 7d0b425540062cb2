"""Signing in: choose your name, give your code (a start code the first time, then
choose your own). Wrong codes count per person, whatever the connection."""

from __future__ import annotations

import math
from urllib.parse import urlencode

from aiohttp import web

from tettpa_tui import i18n
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import Department, StaffMember
from tettpa_tui.i18n import t
from tettpa_tui.web.devices import COOKIE as DEVICE_COOKIE, MAX_AGE as DEVICE_MAX_AGE
from tettpa_tui.web.guard import Session, SessionsFull
from tettpa_tui.web.server import (
    COOKIE,
    go,
    LANG_COOKIE,
    SERVER,
    PageServer,
    client_address,
    form_of,
    posted_form,
    active_member,
    page,
    session_of,
    set_session_cookie,
    message_of,
)


async def names(request: web.Request) -> web.Response:
    """The first page: the department's names, or, serving a whole kindergarten, its departments."""
    server: PageServer = request.app[SERVER]
    s = _signed_in_already(request)
    if not server.scope.whole:
        (dept,) = await server.run(server.departments)
        return await _names_page(request, s, dept)
    departments = await server.run(server.departments)
    today = server.now().date()
    # From year 2 the director holds the pedagogue meeting as the kindergarten's ledermøte.
    leader = await server.run(lambda: {d.path for d in departments
                                       if server.workspace.held_as_leader_meeting(d, today)})
    s, new = _session(request, s)
    response = page(request, "departments.html", session=s, departments=departments, leader_meeting=leader)
    if new:
        set_session_cookie(request, response, s)
    return response


async def department_names(request: web.Request) -> web.Response:
    """The names of one department of the kindergarten (a page one may keep as a bookmark)."""
    server: PageServer = request.app[SERVER]
    s = _signed_in_already(request)
    dept = await server.run(server.department_for, request.match_info["key"])
    if dept is None:
        raise web.HTTPSeeOther("/")
    return await _names_page(request, s, dept)


def _signed_in_already(request: web.Request) -> Session | None:
    """The session; one signed in (or choosing a code) goes on where it was, in its department."""
    s = session_of(request)
    if s is not None and s.staff_id:
        raise web.HTTPSeeOther("/write")
    if s is not None and s.choosing:
        raise web.HTTPSeeOther("/choose")
    return s


def _session(request: web.Request, s: Session | None) -> tuple[Session, bool]:
    """The session, or a fresh one (and whether it is new: its cookie is then set)."""
    if s is not None:
        return s, False
    try:
        return request.app[SERVER].sessions.new(client_address(request)), True
    except SessionsFull:
        raise web.HTTPServiceUnavailable(text=t("web.full"), headers={"Retry-After": "60"}) from None


async def _names_page(request: web.Request, s: Session | None, dept: Department) -> web.Response:
    server: PageServer = request.app[SERVER]
    s, new = _session(request, s)
    place, place_name = await server.run(lambda: (server.place(dept), server.place_name(dept)))
    response = page(request, "names.html", session=s, staff=dept.active_staff, dept=dept,
                    department=place, place_name=place_name, whole=server.scope.whole)
    if new:
        set_session_cookie(request, response, s)
    return response


async def _code_page(request: web.Request, s: Session, dept: Department, member: StaffMember, status: int = 200,
               error: str | None = None) -> web.Response:
    server: PageServer = request.app[SERVER]
    place, place_name = await server.run(lambda: (server.place(dept), server.place_name(dept)))
    return page(request, "code.html", session=s, status=status, member=member, dept=dept, department=place,
                place_name=place_name, whole=server.scope.whole, error=error, here=_code_address(dept, member))


def _code_address(dept: Department, member: StaffMember) -> str:
    """The code page's own address: the language link on an answer to a posted code comes back to it."""
    return "/code?" + urlencode({"d": dept.slug, "staff": member.id})


async def code_page(request: web.Request) -> web.Response:
    server: PageServer = request.app[SERVER]
    s = session_of(request)
    if s is None:
        raise web.HTTPSeeOther("/")
    dept = await server.run(server.department_for, request.query.get("d"))
    member = active_member(dept, request.query.get("staff")) if dept is not None else None
    if dept is None or member is None:
        raise web.HTTPSeeOther("/")
    return await _code_page(request, s, dept, member)


def person_key(dept: Department, staff_id: str, stamp: str | None) -> str:
    """Whose wrong codes are counted together: one person in one department, with the code
    they have now (the same person in another department has a code, and a count, of their own;
    a new start code from the leader starts the count again)."""
    return f"{dept.path}:{staff_id}:{stamp}"


async def code_given(request: web.Request) -> web.Response:
    server: PageServer = request.app[SERVER]
    s = session_of(request)
    if s is None:
        # The sign-in page's session is gone (it waited too long, or the server restarted):
        # the same page again, with one line, never the start page without a word. Nothing
        # is checked or changed without a session and its token.
        return await _code_page_again(request)
    form = await posted_form(request, s)
    dept = await server.run(server.department_for, form.get("d"))
    member = active_member(dept, form.get("staff")) if dept is not None else None
    if dept is not None and member is None:
        await server.run(server.workspace.record_sign_in, dept, None, "wrong_code", server.now())
    if dept is None or member is None:
        raise web.HTTPSeeOther("/")
    code = form.get("code", "")[:400]
    # Counted per person and per code they have: a new start code from the leader lifts a lock.
    stamp = await server.run(_code_stamp, server, dept, member.id)
    person = person_key(dept, member.id, stamp)
    # A device that has signed in as this person before counts its own tries only: nobody
    # else's wrong guesses hold it back (devices.py). Any other device meets the person's
    # count and its address's, which anyone can push up.
    device = server.devices.recognised(request.cookies.get(DEVICE_COOKIE), dept.path, f"{member.id}:{stamp}")
    counts = [(server.device_tries, f"{person}|{device}")] if device else \
        [(server.person_tries, person), (server.address_tries, "addr:" + client_address(request))]

    def waiting() -> float:
        now = server.clock()
        return max(throttle.wait(key, now) for throttle, key in counts)

    if waiting() > 0:
        return await _wait_page(request, s, dept, member, waiting())
    locked = 0.0
    async with server.code_checks:
        # Asked again once it is this try's turn: guesses sent side by side on many
        # connections wait here, and meet the lock the earlier ones set.
        if waiting() > 0:
            return await _wait_page(request, s, dept, member, waiting())
        # The overall budget is taken here, where tries are checked two at a time, and a
        # right code gives it back: a kindergarten signing in at once is not "busy".
        # A device this person signed in on before is not held back by others' guesses.
        budgeted = device is None
        if budgeted and not server.rates.code_try():
            return await _code_page(request, s, dept, member, 429, t("web.code_busy"))
        kind = await server.run(server.workspace.sign_in, dept, member, code, server.now())
        if kind is not None and budgeted:
            server.rates.code_right()
        if kind is None:
            locked = max(throttle.failed(key, server.clock()) for throttle, key in counts)
    record = server.workspace.record_sign_in
    if kind is None:
        await server.run(record, dept, member.id, "wrong_code", server.now())
        if locked > 0:
            await server.run(record, dept, member.id, "locked", server.now(), math.ceil(locked))
    else:
        await server.run(record, dept, member.id, "signed_in", server.now())
    if kind is None:
        wait = waiting()
        if wait > 0:
            return await _wait_page(request, s, dept, member, wait, status=401)
        return await _code_page(request, s, dept, member, 401, t("web.code_wrong"))
    # The right code: what counted this device's, this person's and this address's tries
    # starts again (the wrong tries before were a typo, or are now behind the person).
    for throttle, key in counts:
        throttle.succeeded(key)
    server.sessions.renew(s)
    # Whoever the session was before, it is now this person in this department only.
    s.staff_id = s.choosing = s.code_stamp = None
    s.department = dept.path
    s.leader_meeting = await server.run(server.leader_meeting, dept)  # the header names it on every page
    # The code signed in with: when it is no longer the person's, the session ends (server.py).
    s.code_stamp = await server.run(_code_stamp, server, dept, member.id)
    if kind == "start":
        s.choosing = member.id
        response = web.HTTPSeeOther("/choose")
    else:
        s.staff_id = member.id
        response = web.HTTPSeeOther("/write")
    set_session_cookie(request, response, s)
    remember_device(request, response, dept, member.id, s.code_stamp)
    raise response


def remember_device(request: web.Request, response: web.StreamResponse, dept: Department, staff_id: str,
                    stamp: str | None) -> None:
    """This device is now known to have signed in as this person, with the code they have
    now (a long-lived signed cookie; a new start code from the leader, after a lost phone,
    makes every device a stranger again)."""
    server: PageServer = request.app[SERVER]
    value = server.devices.remember(request.cookies.get(DEVICE_COOKIE), dept.path, f"{staff_id}:{stamp}")
    response.set_cookie(DEVICE_COOKIE, value, httponly=True, samesite="Strict", path="/", max_age=DEVICE_MAX_AGE,
                        secure=server.secure)


async def _code_page_again(request: web.Request) -> web.Response:
    server: PageServer = request.app[SERVER]
    data = await form_of(request)
    dept = await server.run(server.department_for, data.get("d"))
    member = active_member(dept, data.get("staff")) if dept is not None else None
    if dept is None or member is None:
        raise web.HTTPSeeOther("/")
    s, new = _session(request, None)
    response = await _code_page(request, s, dept, member, 409, t("web.code_again"))
    if new:
        set_session_cookie(request, response, s)
    return response


async def _wait_page(request: web.Request, s: Session, dept: Department, member, wait: float,
               status: int = 429) -> web.Response:
    """"Vent 10 sekunder": the wait still left, counted down on the page by its script."""
    seconds = max(1, math.ceil(wait))
    server: PageServer = request.app[SERVER]
    place, place_name = await server.run(lambda: (server.place(dept), server.place_name(dept)))
    return page(request, "code.html", session=s, status=status, member=member, dept=dept, department=place,
                place_name=place_name, whole=server.scope.whole, error=t("web.code_wait", seconds=seconds), wait=seconds,
                here=_code_address(dept, member),
                wait_text=t("web.code_wait", seconds="{seconds}"), wait_over=t("web_fix.code_wait_over"))


def _code_stamp(server: PageServer, dept: Department, staff_id: str) -> str | None:
    record = server.store.staff_codes(dept).get(staff_id)
    return record.code.salt if record else None  # unique to each code given or chosen


async def choose_page(request: web.Request) -> web.Response:
    server: PageServer = request.app[SERVER]
    s = session_of(request)
    if s is None or not s.choosing:
        raise web.HTTPSeeOther("/")
    dept = await server.run(server.department_at, s.department)
    member = active_member(dept, s.choosing)
    if member is None:
        raise web.HTTPSeeOther("/")
    return page(request, "choose.html", member=member, error=None)


async def choose_given(request: web.Request) -> web.Response:
    server: PageServer = request.app[SERVER]
    s = session_of(request)
    form = await posted_form(request, s)
    assert s is not None
    if not s.choosing:
        raise web.HTTPSeeOther("/")
    dept = await server.run(server.department_at, s.department)
    member = active_member(dept, s.choosing)
    if member is None:
        raise web.HTTPSeeOther("/")
    code, again = form.get("code", "")[:400], form.get("again", "")[:400]
    if code != again:
        return page(request, "choose.html", session=s, status=400, member=member, here="/choose",
                    error=t("web.choose_differ"))
    try:
        async with server.code_checks:
            await server.run(server.workspace.choose_code, dept, member, code, server.now())
    except DomainError as exc:
        return page(request, "choose.html", session=s, status=400, member=member, here="/choose",
                    error=message_of(exc))
    s.choosing, s.staff_id = None, member.id
    s.code_stamp = await server.run(_code_stamp, server, dept, member.id)
    await server.run(server.workspace.record_sign_in, dept, member.id, "code_chosen", server.now())
    server.sessions.renew(s)
    response = web.HTTPSeeOther("/write")
    set_session_cookie(request, response, s)
    remember_device(request, response, dept, member.id, s.code_stamp)
    raise response


async def sign_out(request: web.Request) -> web.Response:
    server: PageServer = request.app[SERVER]
    s = session_of(request)
    await posted_form(request, s)
    assert s is not None
    server.sessions.end(s)
    response = go("/", out="you")  # "Du er logget ut": worth seeing on a shared PC
    response.del_cookie(COOKIE, path="/")
    raise response


async def set_language(request: web.Request) -> web.Response:
    lang = request.match_info["lang"]
    back = request.query.get("next", "/")
    # Only a page of this site: a path, never another host ("//x", "/\\x") nor the language link itself.
    if not back.startswith("/") or back.startswith(("//", "/\\", "/lang/")) or any(c < " " or c == "\\" for c in back):
        back = "/"
    response = web.HTTPSeeOther(back)
    if lang in i18n.LANGUAGES:
        response.set_cookie(LANG_COOKIE, lang, httponly=True, samesite="Strict", path="/",
                            max_age=365 * 24 * 3600, secure=request.app[SERVER].secure)
    raise response


