"""Signing in: choose your name, give your code (a start code the first time, then
choose your own). Wrong codes count per person, whatever the connection."""

from __future__ import annotations

import math

from aiohttp import web

from tettpa_tui import i18n
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import Department
from tettpa_tui.i18n import t
from tettpa_tui.web.guard import SessionsFull
from tettpa_tui.web.server import (
    COOKIE,
    LANG_COOKIE,
    SERVER,
    PageServer,
    Session,
    client_address,
    posted_form,
    active_member,
    page,
    session_of,
    set_session_cookie,
    message_of,
)


async def names(request: web.Request) -> web.Response:
    server: PageServer = request.app[SERVER]
    s = session_of(request)
    if s is not None and s.staff_id:
        raise web.HTTPSeeOther("/write")
    if s is not None and s.choosing:
        raise web.HTTPSeeOther("/choose")
    dept = await server.run(server.department)
    new = s is None
    if new:
        try:
            s = server.sessions.new(client_address(request))
        except SessionsFull:
            raise web.HTTPServiceUnavailable(text=t("web.full"), headers={"Retry-After": "60"}) from None
    response = page(request, "names.html", session=s, staff=dept.active_staff)
    if new:
        set_session_cookie(request, response, s)
    return response


async def code_page(request: web.Request) -> web.Response:
    server: PageServer = request.app[SERVER]
    s = session_of(request)
    if s is None:
        raise web.HTTPSeeOther("/")
    dept = await server.run(server.department)
    member = active_member(dept, request.query.get("staff"))
    if member is None:
        raise web.HTTPSeeOther("/")
    return page(request, "code.html", member=member, error=None)


async def code_given(request: web.Request) -> web.Response:
    server: PageServer = request.app[SERVER]
    s = session_of(request)
    form = await posted_form(request, s)
    assert s is not None
    dept = await server.run(server.department)
    member = active_member(dept, form.get("staff"))
    if member is None:
        raise web.HTTPSeeOther("/")
    code = form.get("code", "")[:400]
    address = "addr:" + client_address(request)
    # Counted per person and per code they have: a new start code from the leader lifts a lock.
    person = f"{member.id}:{await server.run(_code_stamp, server, dept, member.id)}"

    def waiting() -> float:
        now = server.clock()
        return max(server.person_tries.wait(person, now), server.address_tries.wait(address, now))

    if waiting() > 0:
        return _wait_page(request, s, member, waiting())
    if not server.rates.code_try():
        return page(request, "code.html", session=s, status=429, member=member, error=t("web.code_busy"))
    async with server.code_checks:
        # Asked again once it is this try's turn: guesses sent side by side on many
        # connections wait here, and meet the lock the earlier ones set.
        if waiting() > 0:
            return _wait_page(request, s, member, waiting())
        kind = await server.run(server.workspace.sign_in, dept, member, code, server.now())
        if kind is None:
            server.person_tries.failed(person, server.clock())
            server.address_tries.failed(address, server.clock())
    if kind is None:
        wait = waiting()
        if wait > 0:
            return _wait_page(request, s, member, wait, status=401)
        return page(request, "code.html", session=s, status=401, member=member, error=t("web.code_wrong"))
    server.person_tries.succeeded(person)
    server.sessions.renew(s)
    if kind == "start":
        s.choosing = member.id
        response = web.HTTPSeeOther("/choose")
    else:
        s.staff_id = member.id
        s.code_stamp = await server.run(_code_stamp, server, dept, member.id)
        response = web.HTTPSeeOther("/write")
    set_session_cookie(request, response, s)
    raise response


def _wait_page(request: web.Request, s: Session, member, wait: float, status: int = 429) -> web.Response:
    """"Vent 10 sekunder": the wait still left, counted down on the page by its script."""
    seconds = max(1, math.ceil(wait))
    return page(request, "code.html", session=s, status=status, member=member,
                error=t("web.code_wait", seconds=seconds), wait=seconds,
                wait_text=t("web.code_wait", seconds="{seconds}"), wait_over=t("web_fix.code_wait_over"))


def _code_stamp(server: PageServer, dept: Department, staff_id: str) -> str | None:
    record = server.store.staff_codes(dept).get(staff_id)
    return record.code.salt if record else None  # unique to each code given or chosen


async def choose_page(request: web.Request) -> web.Response:
    server: PageServer = request.app[SERVER]
    s = session_of(request)
    if s is None or not s.choosing:
        raise web.HTTPSeeOther("/")
    dept = await server.run(server.department)
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
    dept = await server.run(server.department)
    member = active_member(dept, s.choosing)
    if member is None:
        raise web.HTTPSeeOther("/")
    code, again = form.get("code", "")[:400], form.get("again", "")[:400]
    if code != again:
        return page(request, "choose.html", session=s, status=400, member=member, error=t("web.choose_differ"))
    try:
        async with server.code_checks:
            await server.run(server.workspace.choose_code, dept, member, code, server.now())
    except DomainError as exc:
        return page(request, "choose.html", session=s, status=400, member=member, error=message_of(exc))
    s.choosing, s.staff_id = None, member.id
    s.code_stamp = await server.run(_code_stamp, server, dept, member.id)
    server.sessions.renew(s)
    response = web.HTTPSeeOther("/write")
    set_session_cookie(request, response, s)
    raise response


async def sign_out(request: web.Request) -> web.Response:
    server: PageServer = request.app[SERVER]
    s = session_of(request)
    await posted_form(request, s)
    assert s is not None
    server.sessions.end(s)
    response = web.HTTPSeeOther("/")
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


