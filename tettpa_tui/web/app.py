"""The phone page's aiohttp application: routes, pages and the checks around them.

Every page is a plain HTML form: handing in works without JavaScript (POST, then
a redirect to a page to GET). static/app.js only saves drafts as one types and
when the page is left. The same workspace and domain functions as the app do
the work; blocking store calls run in a thread so one slow disk never holds
the others up.
"""

from __future__ import annotations

import asyncio
import functools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from aiohttp import web

from tettpa_tui import i18n
from tettpa_tui.domain.access import Throttle
from tettpa_tui.domain.calendar import YearMonth
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import Department, StaffMember
from tettpa_tui.domain import stories as story_rules
from tettpa_tui.domain.stories import MAX_STORY_CHARS, Story, StoryStatus
from tettpa_tui.domain.storycheck import initial_of, replace_name
from tettpa_tui.findings import finding_text, group_findings, replacements
from tettpa_tui.i18n import t
from tettpa_tui.messages import domain_message, store_message
from tettpa_tui.store import Store, StoreError
from tettpa_tui.web.guard import Limits, RateLimits, Session, Sessions, SessionsFull
from tettpa_tui.workspace import Workspace

HERE = Path(__file__).resolve().parent
COOKIE = "tettpa_session"
LANG_COOKIE = "tettpa_lang"
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
                               "form-action 'self'; object-src 'none'",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}

SERVER = web.AppKey("server", "PageServer")


@dataclass
class PageServer:
    """What the routes share: the department, the store, sessions and limits."""

    store: Store
    department_path: str
    hosts: frozenset[str]  # host names and addresses the page is served under (lower case, no port)
    limits: Limits = field(default_factory=Limits)
    secure: bool = False  # served over TLS: cookies marked Secure
    now: Callable[[], datetime] = lambda: datetime.now().replace(microsecond=0)
    clock: Callable[[], float] = time.monotonic

    def __post_init__(self) -> None:
        self.workspace = Workspace(self.store)
        self.sessions = Sessions(self.limits, self.clock)
        self.rates = RateLimits(self.limits, self.clock)
        self.person_tries = Throttle()
        self.address_tries = Throttle(free=20)
        self.code_checks = asyncio.Semaphore(self.limits.code_checks_at_once)
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "templates"),
            autoescape=True,  # every value is escaped, in every template
            undefined=jinja2.StrictUndefined,
        )
        self.env.globals.update(t=t)

    async def run(self, fn: Callable[..., Any], *args: Any) -> Any:
        """A blocking store call, in a thread."""
        return await asyncio.get_running_loop().run_in_executor(None, functools.partial(fn, *args))

    def department(self) -> Department:
        return self.store.department(self.department_path)


# ---- the checks every request passes -------------------------------------------

def _address(request: web.Request) -> str:
    return request.remote or "?"


def _host_name(host: str) -> str:
    host = host.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


@web.middleware
async def guard(request: web.Request, handler):
    server: PageServer = request.app[SERVER]
    token = i18n.request_language.set(_language(request))
    try:
        if _host_name(request.host) not in server.hosts:
            raise web.HTTPMisdirectedRequest(text=t("web.wrong_host"))
        if not server.rates.request(_address(request)):
            raise web.HTTPTooManyRequests(text=t("web.too_many"), headers={"Retry-After": "2"})
        if request.method == "POST":
            # Another site's page may not post here (the CSRF token and SameSite cookie
            # stop it too). Origin is "null" for our own forms: no-referrer hides it.
            origin = request.headers.get("Origin")
            if origin and origin != "null" and _host_name(origin.split("://", 1)[-1]) != _host_name(request.host):
                raise web.HTTPForbidden(text=t("web.forbidden"))
            if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
                raise web.HTTPForbidden(text=t("web.forbidden"))
        return await handler(request)
    finally:
        i18n.request_language.reset(token)


def _language(request: web.Request) -> str | None:
    lang = request.cookies.get(LANG_COOKIE)
    return lang if lang in i18n.LANGUAGES else None


async def _headers(request: web.Request, response: web.StreamResponse) -> None:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if not request.path.startswith("/static/"):
        response.headers.setdefault("Cache-Control", "no-store")


def _session(request: web.Request) -> Session | None:
    return request.app[SERVER].sessions.get(request.cookies.get(COOKIE))


def _set_cookie(request: web.Request, response: web.StreamResponse, s: Session) -> None:
    server: PageServer = request.app[SERVER]
    response.set_cookie(COOKIE, s.id, httponly=True, samesite="Strict", path="/", secure=server.secure)


async def _form(request: web.Request, s: Session | None) -> dict[str, str]:
    """The posted form, once its CSRF token is checked against the session's."""
    if s is None:
        raise web.HTTPSeeOther("/")
    data = await request.post()
    token = data.get("csrf") or request.headers.get("X-CSRF-Token")
    if not s.csrf_ok(token if isinstance(token, str) else None):
        raise web.HTTPForbidden(text=t("web.forbidden"))
    return {k: v for k, v in data.items() if isinstance(v, str)}


async def _signed_in(request: web.Request) -> Session:
    """The signed-in session; it ends when the person's code has changed since (the
    leader gave a new start code: a lost phone is signed out at once) or they left."""
    server: PageServer = request.app[SERVER]
    s = _session(request)
    if s is None or s.staff_id is None:
        raise web.HTTPSeeOther("/")
    record = (await server.run(server.store.staff_codes, await server.run(server.department))).get(s.staff_id)
    if record is None or record.code.salt != s.code_stamp:
        server.sessions.end(s)
        raise web.HTTPSeeOther("/")
    return s


def _page(request: web.Request, template: str, status: int = 200, **values: Any) -> web.Response:
    server: PageServer = request.app[SERVER]
    values.setdefault("session", _session(request))
    values.setdefault("lang", i18n.language())
    values.setdefault("other_lang", "en" if i18n.language() == "nb" else "nb")
    values.setdefault("department", server.department_path)
    html = server.env.get_template(template).render(**values)
    return web.Response(text=html, content_type="text/html", charset="utf-8", status=status)


def _go(path: str, **query: str) -> web.HTTPSeeOther:
    return web.HTTPSeeOther(path + ("?" + urlencode(query) if query else ""))


def _member(dept: Department, staff_id: str | None) -> StaffMember | None:
    m = next((m for m in dept.staff if m.id == staff_id), None)
    return m if m is not None and m.active else None


# ---- signing in -----------------------------------------------------------------

async def names(request: web.Request) -> web.Response:
    server: PageServer = request.app[SERVER]
    s = _session(request)
    if s is not None and s.staff_id:
        raise web.HTTPSeeOther("/write")
    if s is not None and s.choosing:
        raise web.HTTPSeeOther("/choose")
    dept = await server.run(server.department)
    new = s is None
    if new:
        try:
            s = server.sessions.new(_address(request))
        except SessionsFull:
            raise web.HTTPServiceUnavailable(text=t("web.full"), headers={"Retry-After": "60"}) from None
    response = _page(request, "names.html", session=s, staff=dept.active_staff)
    if new:
        _set_cookie(request, response, s)
    return response


async def code_page(request: web.Request) -> web.Response:
    server: PageServer = request.app[SERVER]
    s = _session(request)
    if s is None:
        raise web.HTTPSeeOther("/")
    dept = await server.run(server.department)
    member = _member(dept, request.query.get("staff"))
    if member is None:
        raise web.HTTPSeeOther("/")
    return _page(request, "code.html", member=member, error=None)


async def code_given(request: web.Request) -> web.Response:
    server: PageServer = request.app[SERVER]
    s = _session(request)
    form = await _form(request, s)
    assert s is not None
    dept = await server.run(server.department)
    member = _member(dept, form.get("staff"))
    if member is None:
        raise web.HTTPSeeOther("/")
    code = form.get("code", "")[:400]
    now = server.clock()
    address = "addr:" + _address(request)
    wait = max(server.person_tries.wait(member.id, now), server.address_tries.wait(address, now))
    if wait > 0:
        return _page(request, "code.html", session=s, status=429, member=member,
                     error=t("web.code_wait", seconds=int(wait) + 1))
    if not server.rates.code_try():
        return _page(request, "code.html", session=s, status=429, member=member, error=t("web.code_busy"))
    async with server.code_checks:
        # Asked again once it is this try's turn: guesses sent side by side on many
        # connections wait here, and meet the lock the earlier ones set.
        wait = max(server.person_tries.wait(member.id, server.clock()), server.address_tries.wait(address, server.clock()))
        if wait > 0:
            return _page(request, "code.html", session=s, status=429, member=member,
                         error=t("web.code_wait", seconds=int(wait) + 1))
        kind = await server.run(server.workspace.sign_in, dept, member, code, server.now())
        if kind is None:
            server.person_tries.failed(member.id, server.clock())
            server.address_tries.failed(address, server.clock())
    if kind is None:
        wait = max(server.person_tries.wait(member.id, server.clock()), server.address_tries.wait(address, server.clock()))
        error = t("web.code_wait", seconds=int(wait) + 1) if wait > 0 else t("web.code_wrong")
        return _page(request, "code.html", session=s, status=401, member=member, error=error)
    server.person_tries.succeeded(member.id)
    server.sessions.renew(s)
    if kind == "start":
        s.choosing = member.id
        response = web.HTTPSeeOther("/choose")
    else:
        s.staff_id = member.id
        s.code_stamp = await server.run(_code_stamp, server, dept, member.id)
        response = web.HTTPSeeOther("/write")
    _set_cookie(request, response, s)
    raise response


def _code_stamp(server: PageServer, dept: Department, staff_id: str) -> str | None:
    record = server.store.staff_codes(dept).get(staff_id)
    return record.code.salt if record else None  # unique to each code given or chosen


async def choose_page(request: web.Request) -> web.Response:
    server: PageServer = request.app[SERVER]
    s = _session(request)
    if s is None or not s.choosing:
        raise web.HTTPSeeOther("/")
    dept = await server.run(server.department)
    member = _member(dept, s.choosing)
    if member is None:
        raise web.HTTPSeeOther("/")
    return _page(request, "choose.html", member=member, error=None)


async def choose_given(request: web.Request) -> web.Response:
    server: PageServer = request.app[SERVER]
    s = _session(request)
    form = await _form(request, s)
    assert s is not None
    if not s.choosing:
        raise web.HTTPSeeOther("/")
    dept = await server.run(server.department)
    member = _member(dept, s.choosing)
    if member is None:
        raise web.HTTPSeeOther("/")
    code, again = form.get("code", "")[:400], form.get("again", "")[:400]
    if code != again:
        return _page(request, "choose.html", session=s, status=400, member=member, error=t("web.choose_differ"))
    try:
        async with server.code_checks:
            await server.run(server.workspace.choose_code, dept, member, code, server.now())
    except DomainError as exc:
        return _page(request, "choose.html", session=s, status=400, member=member, error=domain_message(exc))
    s.choosing, s.staff_id = None, member.id
    s.code_stamp = await server.run(_code_stamp, server, dept, member.id)
    server.sessions.renew(s)
    response = web.HTTPSeeOther("/write")
    _set_cookie(request, response, s)
    raise response


async def sign_out(request: web.Request) -> web.Response:
    server: PageServer = request.app[SERVER]
    s = _session(request)
    await _form(request, s)
    assert s is not None
    server.sessions.end(s)
    response = web.HTTPSeeOther("/")
    response.del_cookie(COOKIE, path="/")
    raise response


async def set_language(request: web.Request) -> web.Response:
    lang = request.match_info["lang"]
    response = web.HTTPSeeOther("/")
    if lang in i18n.LANGUAGES:
        response.set_cookie(LANG_COOKIE, lang, httponly=True, samesite="Strict", path="/",
                            max_age=365 * 24 * 3600, secure=request.app[SERVER].secure)
    raise response


# ---- writing ------------------------------------------------------------------------

def _own_story(server: PageServer, dept: Department, staff_id: str, month: str, story_id: str) -> Story:
    """One of the person's own stories; any other id is as if it did not exist."""
    try:
        ym = YearMonth.parse(month)
    except (DomainError, ValueError):
        raise web.HTTPNotFound(text=t("web.not_found")) from None
    found = next((x for x in server.store.stories(dept, ym) if x.id == story_id), None)
    if found is None or found.author_id != staff_id:
        raise web.HTTPNotFound(text=t("web.not_found"))
    return found


def _write_state(server: PageServer, staff_id: str, month: str | None, story_id: str | None,
                 check: bool) -> dict[str, Any]:
    dept = server.department()
    member = _member(dept, staff_id)
    if member is None:
        raise web.HTTPSeeOther("/")
    today = server.now().date()
    story = _own_story(server, dept, staff_id, month or "", story_id) if story_id else None
    if story is None:
        plan = server.workspace.next_meeting(dept, today)
        story = server.workspace.draft_for(dept, member, plan.month)
    else:
        plan = server.workspace.story_month(dept, story.month, today)
    dim = server.workspace.framework.dimension(story.dimension_id if story else plan.dimension_id)
    lang = i18n.language()
    groups = []
    if check and story is not None:
        for (kind, text), group in group_findings(server.workspace.check(dept, story.text)):
            fixes = [initial_of(text), *replacements()] if kind == "name" else []
            groups.append({"text": finding_text(group[0], len(group)), "name": text, "fixes": fixes})
    return {
        "member": member, "story": story, "plan": plan, "dimension_name": dim.name(lang),
        "questions": dim.questions[lang] if lang in ("nb", "en") else dim.questions["nb"],
        "meeting_date": i18n.long_date(plan.meeting_date), "findings": groups, "checked": check,
        "max_chars": MAX_STORY_CHARS,
    }


async def write_page(request: web.Request) -> web.Response:
    server: PageServer = request.app[SERVER]
    s = await _signed_in(request)
    q = request.query
    state = await server.run(_write_state, server, s.staff_id, q.get("month"), q.get("story"),
                             q.get("check") == "1")
    return _page(request, "write.html", confirm=q.get("confirm") == "1", notice=_notice(q.get("done")),
                 **state)


def _notice(done: str | None) -> str | None:
    return {"saved": t("web.saved"), "handed_in": t("web.handed_in"), "withdrawn": t("web.withdrawn"),
            "replaced": t("web.replaced")}.get(done or "")


def _change_own(server: PageServer, dept: Department, staff_id: str, month: str, story_id: str,
                change: Callable[[Story], Story]) -> Story:
    """Change one of the person's own stories in one locked read-modify-write.

    Another person's story (or an unknown id) is as if it did not exist, and is
    left exactly as it was."""
    try:
        ym = YearMonth.parse(month)
    except (DomainError, ValueError):
        raise web.HTTPNotFound(text=t("web.not_found")) from None

    def own(story: Story) -> Story:
        if story.author_id != staff_id:
            raise web.HTTPNotFound(text=t("web.not_found"))
        return change(story)

    try:
        return server.store.change_story(dept, ym, story_id, own)
    except DomainError as exc:
        if exc.key == "error.story_unknown":
            raise web.HTTPNotFound(text=t("web.not_found")) from None
        raise


def _save(server: PageServer, staff_id: str, month: str, story_id: str, text: str,
          hand_in: bool = False) -> Story:
    """Keep the text (and hand it in when asked): in the story given, or a new draft. One write."""
    dept = server.department()
    member = _member(dept, staff_id)
    if member is None:
        raise web.HTTPSeeOther("/")
    now = server.now()

    def change(story: Story) -> Story:
        if story.text != text:
            story = story_rules.edit(story, text, now)
        return story_rules.submit(story, now) if hand_in else story

    if story_id:
        return _change_own(server, dept, staff_id, month, story_id, change)
    draft = server.workspace.draft_for(dept, member, server.workspace.next_meeting(dept, now.date()).month)
    if draft is not None and not draft.text.strip():
        return _change_own(server, dept, staff_id, str(draft.month), draft.id, change)
    if hand_in:
        return server.workspace.hand_in_new(dept, member, now, text)
    return server.workspace.start_story(dept, member, now, text=text)


def _text(form: dict[str, str]) -> str:
    # Browsers send CR LF for line breaks in a form; the story keeps plain LF.
    return form.get("text", "").replace("\r\n", "\n")


async def save_posted(request: web.Request) -> web.Response:
    """Save, check or hand in, from the writing form (works without JavaScript)."""
    server: PageServer = request.app[SERVER]
    s = await _signed_in(request)
    form = await _form(request, s)
    action = form.get("action", "save")
    try:
        text = _text(form)
        hand_in = action == "submit_anyway"
        if action == "submit":
            dept = await server.run(server.department)
            hand_in = not await server.run(server.workspace.check, dept, text)
        story = await server.run(_save, server, s.staff_id, form.get("month", ""), form.get("story", ""), text,
                                 hand_in)
        where = {"month": str(story.month), "story": story.id}
        if hand_in:
            raise _go("/stories", done="handed_in")
        if action == "check":
            raise _go("/write", **where, check="1")
        if action == "submit":  # the check found something: show it before handing in
            raise _go("/write", **where, check="1", confirm="1")
        raise _go("/write", **where, done="saved")
    except (DomainError, StoreError) as exc:
        return await _trouble(request, s, exc, form)


async def _trouble(request: web.Request, s: Session, exc: Exception, form: dict[str, str]) -> web.Response:
    """The writing page again with the text as sent and one line saying what went wrong."""
    message = domain_message(exc) if isinstance(exc, DomainError) else store_message(exc)  # type: ignore[arg-type]
    server: PageServer = request.app[SERVER]
    try:
        state = await server.run(_write_state, server, s.staff_id, form.get("month"), form.get("story") or None, False)
    except web.HTTPException:
        raise
    except (DomainError, StoreError):
        state = {}
    if state:
        story = state["story"]
        state["typed"] = _text(form)
        state["story"] = story
    return _page(request, "write.html" if state else "problem.html", status=409, error=message,
                 confirm=False, notice=None, **state)


async def draft_posted(request: web.Request) -> web.Response:
    """Autosave from the page's script (fetch as one types, sendBeacon when the page is left)."""
    server: PageServer = request.app[SERVER]
    s = _session(request)
    if s is None or s.staff_id is None:
        raise web.HTTPUnauthorized(text=t("web.signed_out"))
    form = await _form(request, s)
    try:
        story = await server.run(_save, server, s.staff_id, form.get("month", ""), form.get("story", ""),
                                 _text(form))
    except (DomainError, StoreError) as exc:
        message = domain_message(exc) if isinstance(exc, DomainError) else store_message(exc)
        return web.json_response({"ok": False, "error": message}, status=409)
    return web.json_response({"ok": True, "story": story.id, "month": str(story.month),
                              "words": story.words, "saved": t("web.saved_at", time=server.now().strftime("%H:%M"))})


async def replace_posted(request: web.Request) -> web.Response:
    """One tap on a finding's replacement: every place of that name, replaced and saved."""
    server: PageServer = request.app[SERVER]
    s = await _signed_in(request)
    form = await _form(request, s)
    name, word = form.get("name", "").strip(), form.get("word", "").strip()
    if not name or word not in (initial_of(name), *replacements()):
        raise web.HTTPBadRequest(text=t("web.bad_request"))

    def change() -> Story:
        dept = server.department()
        now = server.now()
        return _change_own(server, dept, s.staff_id or "", form.get("month", ""), form.get("story", ""),
                           lambda story: story_rules.edit(story, replace_name(story.text, name, word), now))

    try:
        story = await server.run(change)
    except (DomainError, StoreError) as exc:
        return await _trouble(request, s, exc, form)
    raise _go("/write", month=str(story.month), story=story.id, check="1", done="replaced")


async def new_story(request: web.Request) -> web.Response:
    server: PageServer = request.app[SERVER]
    s = await _signed_in(request)
    await _form(request, s)

    def start() -> Story:
        dept = server.department()
        member = _member(dept, s.staff_id)
        if member is None:
            raise web.HTTPSeeOther("/")
        return server.workspace.start_story(dept, member, server.now())

    story = await server.run(start)
    raise _go("/write", month=str(story.month), story=story.id)


# ---- one's own stories ------------------------------------------------------------

async def stories_page(request: web.Request) -> web.Response:
    server: PageServer = request.app[SERVER]
    s = await _signed_in(request)

    def own() -> tuple[StaffMember, list[Story]]:
        dept = server.department()
        member = _member(dept, s.staff_id)
        if member is None:
            raise web.HTTPSeeOther("/")
        return member, server.workspace.own_stories(dept, member)

    member, stories = await server.run(own)
    framework = server.workspace.framework
    rows = [{"story": x, "dimension": framework.dimension(x.dimension_id).name(i18n.language()),
             "month": f"{t(f'month.{x.month.month}')} {x.month.year}",
             "status": t(f"web.status_{x.status.value}")} for x in stories]
    return _page(request, "stories.html", member=member, rows=rows, notice=_notice(request.query.get("done")),
                 submitted=StoryStatus.SUBMITTED, used=StoryStatus.USED)


async def withdraw_posted(request: web.Request) -> web.Response:
    server: PageServer = request.app[SERVER]
    s = await _signed_in(request)
    form = await _form(request, s)

    def withdraw() -> Story:
        dept = server.department()
        now = server.now()
        return _change_own(server, dept, s.staff_id or "", form.get("month", ""), form.get("story", ""),
                           lambda story: story_rules.withdraw(story, now))

    try:
        await server.run(withdraw)
    except (DomainError, StoreError) as exc:
        return _page(request, "problem.html", status=409, error=domain_message(exc) if isinstance(exc, DomainError)
                     else store_message(exc))
    raise _go("/stories", done="withdrawn")


# ---- the application ---------------------------------------------------------------

def create_app(server: PageServer) -> web.Application:
    app = web.Application(middlewares=[guard], client_max_size=server.limits.max_body,
                          handler_args={"max_field_size": 8190, "max_line_size": 8190})
    app[SERVER] = server
    app.on_response_prepare.append(_headers)
    app.router.add_get("/", names)
    app.router.add_get("/code", code_page)
    app.router.add_post("/code", code_given)
    app.router.add_get("/choose", choose_page)
    app.router.add_post("/choose", choose_given)
    app.router.add_post("/signout", sign_out)
    app.router.add_get("/lang/{lang}", set_language)
    app.router.add_get("/write", write_page)
    app.router.add_post("/write", save_posted)
    app.router.add_post("/draft", draft_posted)
    app.router.add_post("/replace", replace_posted)
    app.router.add_post("/new", new_story)
    app.router.add_get("/stories", stories_page)
    app.router.add_post("/withdraw", withdraw_posted)
    app.router.add_static("/static/", HERE / "static", follow_symlinks=False, append_version=False)
    app.cleanup_ctx.append(_sweeper)
    return app


async def _sweeper(app: web.Application):
    """Ends idle sessions once a minute while the server runs."""
    server: PageServer = app[SERVER]

    async def sweep() -> None:
        while True:
            await asyncio.sleep(60)
            server.sessions.purge()

    task = asyncio.create_task(sweep())
    yield
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass

