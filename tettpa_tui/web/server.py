"""What every page of the phone page shares: the server's state, the checks every
request passes (Host, rates, cross-site posts, CSRF, sessions), strict headers,
and rendering a page."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextvars
import functools
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

import jinja2
from aiohttp import web
from yarl import URL

from tettpa_tui import i18n
from tettpa_tui.domain.access import Throttle
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import Department, StaffMember
from tettpa_tui.i18n import t
from tettpa_tui.messages import domain_message, store_message
from tettpa_tui.content import ContentError
from tettpa_tui.store import Store, StoreError
from tettpa_tui.web.devices import Devices, device_key
from tettpa_tui.web.guard import Limits, RateLimits, Session, Sessions
from tettpa_tui.web.scope import scope_of
from tettpa_tui.workspace import Workspace

log = logging.getLogger("tettpa.web")
HERE = Path(__file__).resolve().parent
COOKIE = "tettpa_session"
LANG_COOKIE = "tettpa_lang"
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
                               "form-action 'self'; object-src 'none'",
    "Referrer-Policy": "same-origin",  # never an address to another site; our own posts carry their Origin
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}

SERVER = web.AppKey("server", "PageServer")
SESSION = web.RequestKey("session", "Session | None")  # the request's valid session, set by the guard
# Why a request that came with a session cookie has no session: "code" (a new code was given, or the
# person left the department) or "idle" (left alone too long, or the server was started again).
ENDED = web.RequestKey("ended", str)
OUT_REASONS = ("code", "idle", "you")  # ?out= on the first page: one line saying one was signed out, and why


@dataclass
class PageServer:
    """What the routes share: what is served, the store, sessions and limits."""

    store: Store
    path: str  # what is served: 'KG/DEPT' one department, 'KG' every department of the kindergarten
    hosts: frozenset[str]  # host names and addresses the page is served under (lower case, no port)
    limits: Limits = field(default_factory=Limits)
    secure: bool = False  # served over TLS: cookies marked Secure
    now: Callable[[], datetime] = lambda: datetime.now().replace(microsecond=0)
    clock: Callable[[], float] = time.monotonic

    def __post_init__(self) -> None:
        self.scope = scope_of(self.store, self.path)  # DomainError when there is no such place
        self.workspace = Workspace(self.store)
        self.sessions = Sessions(self.limits, self.clock)
        self.rates = RateLimits(self.limits, self.clock)
        # Wrong codes: per person from devices that never signed in as them, per address
        # (both pushed up by anyone), and per recognised device (only its own typos). devices.py
        self.person_tries = Throttle()
        self.address_tries = Throttle(free=20)
        self.device_tries = Throttle()
        self.devices = Devices(device_key(self.store))
        self.code_checks = asyncio.Semaphore(self.limits.code_checks_at_once)
        self.threads = concurrent.futures.ThreadPoolExecutor(self.limits.store_threads, "tettpa-page")
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "templates"),
            autoescape=True,  # every value is escaped, in every template
            undefined=jinja2.StrictUndefined,
        )
        self.env.globals.update(t=t)

    async def run(self, fn: Callable[..., Any], *args: Any) -> Any:
        """A blocking store call, in a thread (with the request's language: texts made there are in it)."""
        context = contextvars.copy_context()
        return await asyncio.get_running_loop().run_in_executor(self.threads, context.run,
                                                                functools.partial(fn, *args))

    def departments(self) -> list[Department]:
        """Every department served, read afresh."""
        return self.scope.departments(self.store)

    def department_for(self, key: str | None) -> Department | None:
        """The department chosen on a page before sign-in (by its slug), if it is served."""
        return self.scope.find(self.store, key)

    def leader_meeting(self, dept: Department) -> bool:
        """The pedagogue meeting held now as the kindergarten's ledermøte (year 2 on, the
        director leads): the app's rule (workspace.held_as_leader_meeting)."""
        return self.workspace.held_as_leader_meeting(dept, self.now().date())

    def place(self, dept: Department) -> str:
        """The department as the page's header names it: its path, and «Ledermøte» when so held."""
        return place_label(dept.path, self.leader_meeting(dept))

    def place_name(self, dept: Department) -> str:
        """The department as a sentence names it: «Pedagogmøte (ledermøte)» when so held."""
        return dept.name + (f" ({t('web_ped.leader_word')})" if self.leader_meeting(dept) else "")

    def department_at(self, path: str | None) -> Department:
        """The department a session belongs to; a session belongs to one only, set by the
        server at sign-in, never by what a request sends."""
        if path is None:
            raise web.HTTPSeeOther("/")
        dept = self.store.department(path)
        if not self.scope.holds(dept):
            raise web.HTTPSeeOther("/")
        return dept


def place_label(path: str, leader_meeting: bool) -> str:
    """The header's name for a department: its path, and «Ledermøte» when it is held as one."""
    return path + (" · " + t("web_ped.leader") if leader_meeting else "")


# ---- the server's log ---------------------------------------------------------

class OneLine(logging.Filter):
    """A malformed request is one line in the server's log: from where, and what kind of
    fault; never aiohttp's traceback with fragments of the request (a code, a story)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info:
            exc = record.exc_info[1]
            args = record.args if isinstance(record.args, tuple) else ()
            address = args[0] if args and isinstance(args[0], str) else "?"
            record.msg = t("web.log_malformed", address=address, kind=type(exc).__name__ if exc else "?")
            record.args = ()
            record.exc_info = record.exc_text = record.stack_info = None
        return True


ONE_LINE = OneLine()


def one_line_server_log() -> None:
    logging.getLogger("aiohttp.server").addFilter(ONE_LINE)  # the same filter once, however often


# ---- the checks every request passes -------------------------------------------

def client_address(request: web.Request) -> str:
    return request.remote or "?"


def host_name(host: str) -> str:
    host = host.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def same_origin(origin: str, request: web.Request, secure: bool) -> bool:
    """Whether a request's Origin header names this page: the same scheme, host and port."""
    try:
        given = URL(origin.strip())
        here = URL.build(scheme="https" if secure else "http", authority=request.host)
    except (ValueError, TypeError):
        return False
    if not given.absolute or given.path not in ("", "/") or given.query_string or given.user:
        return False
    return ((given.scheme.lower(), (given.host or "").lower(), given.port)
            == (here.scheme, (here.host or "").lower(), here.port))


@web.middleware
async def guard(request: web.Request, handler):
    server: PageServer = request.app[SERVER]
    token = i18n.request_language.set(language_of(request))
    try:
        if host_name(request.host) not in server.hosts:
            raise web.HTTPMisdirectedRequest(text=t("web.wrong_host"))
        if not server.rates.request(client_address(request)):
            raise web.HTTPTooManyRequests(text=t("web.too_many"), headers={"Retry-After": "2"})
        if request.method == "POST":
            # Another site's page may not post here (the CSRF token and SameSite cookie
            # stop it too): a browser's Origin must be this page's, scheme, host and port
            # ("null", from a sandboxed frame or a file, is not). Referrer-Policy same-origin
            # lets the browser send our own forms' origin, and no address to other sites.
            origin = request.headers.get("Origin")
            if origin is not None and not same_origin(origin, request, server.secure):
                raise web.HTTPForbidden(text=t("web.forbidden"))
            if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
                raise web.HTTPForbidden(text=t("web.forbidden"))
        try:
            # The one check of the session, before any page: a page still open after the
            # leader gave a new code (a lost phone) is signed out here, whatever it asks.
            request[SESSION] = await _current_session(request) if not request.path.startswith("/static/") else None
            return await handler(request)
        except web.HTTPRequestEntityTooLarge:
            raise web.HTTPRequestEntityTooLarge(server.limits.max_body, request.content_length or 0,
                                                text=t("web.too_large")) from None
        except web.HTTPException:
            raise
        except (DomainError, StoreError, ContentError) as exc:
            # A data file that cannot be read, and the like: one line, the file left as it is.
            raise web.HTTPInternalServerError(text=message_of(exc) if not isinstance(exc, ContentError)
                                              else t("error.content", detail=str(exc))) from None
        except Exception as exc:  # noqa: BLE001 - the last guard: one line, never a traceback
            log.error("%s: %s", type(exc).__name__, exc)
            raise web.HTTPInternalServerError(
                text=t("error.unexpected", detail=type(exc).__name__)) from None
    finally:
        i18n.request_language.reset(token)


def language_of(request: web.Request) -> str | None:
    lang = request.cookies.get(LANG_COOKIE)
    return lang if lang in i18n.LANGUAGES else None


async def strict_headers(request: web.Request, response: web.StreamResponse) -> None:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.app[SERVER].secure:  # served over TLS: the browser never comes back without it
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    if not request.path.startswith("/static/"):
        response.headers.setdefault("Cache-Control", "no-store")


async def _current_session(request: web.Request) -> Session | None:
    """The request's session, if it is still valid. A session that gave a code (signed in,
    or choosing a code of one's own) ends when that code is no longer the person's: the
    leader gave a new start code, or the person left the department."""
    server: PageServer = request.app[SERVER]
    sid = request.cookies.get(COOKIE)
    s = server.sessions.get(sid)
    if s is None and sid:
        # A session ended because the code changed says so to every later request with its
        # cookie (a page left open keeps saving); any other gone session was left idle.
        request[ENDED] = server.sessions.why_ended(sid) or "idle"
    if s is None or s.code_stamp is None and s.staff_id is None and s.choosing is None:
        return s
    # The usual case, on every request, on the loop itself: a stat and a look at the cached
    # department file's documents (no thread hop for it: under load the store's threads are
    # busy writing, and a check waiting for one would hold up a save for nothing).
    person = s.staff_id or s.choosing
    if (person is not None and s.department is not None and s.code_stamp is not None
            and server.store.code_still_holds(s.department, person, s.code_stamp)):
        return s
    if not await server.run(_still_valid, server, s):
        server.sessions.end(s, "code")
        request[ENDED] = "code"
        return None
    return s


def _still_valid(server: PageServer, s: Session) -> bool:
    person = s.staff_id or s.choosing
    if person is None or s.department is None or s.code_stamp is None:
        return False
    if server.store.code_still_holds(s.department, person, s.code_stamp):
        return True  # the usual case, on every request: a look at the cached file's documents
    try:
        dept = server.department_at(s.department)
    except web.HTTPException:
        return False
    server.workspace.record_sign_in(dept, person, "ended", server.now())
    return False


def session_of(request: web.Request) -> Session | None:
    """The session the guard found valid for this request (see _current_session)."""
    return request.get(SESSION)


def set_session_cookie(request: web.Request, response: web.StreamResponse, s: Session) -> None:
    server: PageServer = request.app[SERVER]
    response.set_cookie(COOKIE, s.id, httponly=True, samesite="Strict", path="/", secure=server.secure)


async def posted_form(request: web.Request, s: Session | None) -> dict[str, str]:
    """The posted form, once its CSRF token is checked against the session's."""
    if s is None:
        raise web.HTTPSeeOther("/")
    data = await form_of(request)
    token = data.get("csrf") or request.headers.get("X-CSRF-Token")
    if not s.csrf_ok(token):
        raise web.HTTPForbidden(text=t("web.forbidden"))
    return data


class NotText(web.HTTPBadRequest):
    """A form whose bytes are not UTF-8 text, or hold a NUL: refused whole, nothing changed."""


async def form_of(request: web.Request) -> dict[str, str]:
    """The posted form's fields, as sent: bytes that are not UTF-8 are refused, never
    replaced with U+FFFD (aiohttp would, in a url-encoded form), and a NUL is never taken."""
    if (request.charset or "utf-8").lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise NotText(text=t("error.text_not_utf8"))
    try:
        data = await request.post()
    except UnicodeDecodeError:
        raise NotText(text=t("error.text_not_utf8")) from None
    if not all(isinstance(v, str) for v in data.values()):  # a file, or bytes: not what the page sends
        raise NotText(text=t("error.text_not_utf8"))
    form = {k: v for k, v in data.items() if isinstance(v, str)}
    if request.content_type == "application/x-www-form-urlencoded" and any("\ufffd" in v for v in form.values()):
        raw = await request.read()
        try:  # U+FFFD typed on purpose is kept; one put in place of bytes that are not UTF-8 is not
            parse_qsl(raw.decode("ascii"), keep_blank_values=True, encoding="utf-8", errors="strict")
        except (UnicodeDecodeError, ValueError):
            raise NotText(text=t("error.text_not_utf8")) from None
    if any("\x00" in k or "\x00" in v for k, v in form.items()):
        raise NotText(text=t("error.story_not_text"))
    return form


async def signed_in(request: web.Request) -> Session:
    """The signed-in session (the guard has already ended one whose code changed since)."""
    s = session_of(request)
    if s is None or s.staff_id is None or s.department is None:
        raise signed_out(request)
    return s


def signed_out(request: web.Request) -> web.HTTPSeeOther:
    """To the first page; a page whose session just ended says so there, and why. The line
    depends only on the cookie this browser sent, never on a person or a code."""
    ended = request.get(ENDED)
    return go("/", out=ended) if ended else web.HTTPSeeOther("/")


def ended_reason(request: web.Request) -> str | None:
    """Why this request's session ended, as one line in the reader's language (None: it did not)."""
    ended = request.get(ENDED)
    return t(f"web_usable.out_{ended}") if ended in OUT_REASONS else None


def out_notice(request: web.Request) -> str | None:
    """"You are signed out" on the first page (?out=...), in the reader's language."""
    out = request.query.get("out") if request.method == "GET" and request.path == "/" else None
    return t(f"web_usable.out_{out}") if out in OUT_REASONS else None


def page(request: web.Request, template: str, status: int = 200, **values: Any) -> web.Response:
    server: PageServer = request.app[SERVER]
    values.setdefault("session", session_of(request))
    values.setdefault("status", status)  # a page for an answer other than 200 is titled by it
    values.setdefault("lang", i18n.language())
    values.setdefault("out_notice", out_notice(request))
    values.setdefault("other_lang", "en" if i18n.language() == "nb" else "nb")
    s = values["session"]
    # The header names the department a session belongs to, else what the server serves.
    values.setdefault("department", place_label(s.department, s.leader_meeting) if s is not None and s.department
                      else server.scope.path)
    # The language link comes back to the page it was on (a form's answer: to the start).
    values.setdefault("here", request.path_qs if request.method == "GET" else "/")
    html = server.env.get_template(template).render(**values)
    return web.Response(text=html, content_type="text/html", charset="utf-8", status=status)


def go(path: str, fragment: str = "", **query: str) -> web.HTTPSeeOther:
    """A redirect to one of our pages; `fragment` opens it at that place (#check: the findings)."""
    return web.HTTPSeeOther(path + ("?" + urlencode(query) if query else "") + ("#" + fragment if fragment else ""))


def active_member(dept: Department, staff_id: str | None) -> StaffMember | None:
    m = next((m for m in dept.staff if m.id == staff_id), None)
    return m if m is not None and m.active else None




def message_of(exc: Exception) -> str:
    """One line in the reader's language for what went wrong."""
    return domain_message(exc) if isinstance(exc, DomainError) else store_message(exc)  # type: ignore[arg-type]
