"""The phone page's aiohttp application: its routes, and the sweep of idle sessions.

Every page is a plain HTML form: handing in works without JavaScript (POST, then
a redirect to a page to GET). static/page.js only saves drafts as one types and
when the page is left. The same workspace and domain functions as the app do
the work; blocking store calls run in a thread so one slow disk never holds
the others up. server.py has what every page shares, signin.py and writing.py
the pages.
"""

from __future__ import annotations

import asyncio

from aiohttp import web
from aiohttp.web_protocol import RequestHandler
from aiohttp.web_request import BaseRequest

from tettpa_tui.web import signin, writing
from tettpa_tui.web.errors import error_pages
from tettpa_tui.i18n import t
from tettpa_tui.web.server import HEADERS, HERE, SERVER, PageServer, guard, one_line_server_log, strict_headers

__all__ = ["PageRunner", "PageServer", "create_app"]


class _QuietHandler(RequestHandler):
    """aiohttp's connection handler, answering a request it cannot parse (a URL over 8 KB, a
    header with bytes that are not text, a path that is not UTF-8) with one plain line in the
    page's language, never aiohttp's English text that echoes the request's bytes back."""

    __slots__ = ()

    def handle_error(self, request: BaseRequest, status: int = 500, exc: BaseException | None = None,
                     message: str | None = None) -> web.StreamResponse:
        super().handle_error(request, status, exc, message)  # the log's one line; refused if an answer began
        text = t("web.bad_request") if status < 500 else t("web_pages.problem_title")
        response = web.Response(status=status, text=text, content_type="text/plain", charset="utf-8",
                                headers={**HEADERS, "Cache-Control": "no-store"})
        response.force_close()
        return response


class _QuietServer(web.Server):
    def __call__(self) -> RequestHandler:
        handler = super().__call__()
        handler.__class__ = _QuietHandler  # the same object, with handle_error above
        return handler


class PageRunner(web.AppRunner):
    """web.AppRunner whose connections answer unparsable requests quietly (_QuietHandler).
    aiohttp has no public hook for it: `_make_server` is its runner's factory (aiohttp 3.x);
    tests/web/test_phonefix2.py fails if that changes."""

    async def _make_server(self) -> web.Server:
        server = await super()._make_server()
        server.__class__ = _QuietServer
        return server


async def _no_icon(request: web.Request) -> web.Response:
    """Browsers ask for /favicon.ico on every page; the page's icon is /static/icon.svg."""
    return web.Response(status=204, headers={"Cache-Control": "max-age=86400"})


def create_app(server: PageServer) -> web.Application:
    one_line_server_log()
    app = web.Application(middlewares=[error_pages, guard], client_max_size=server.limits.max_body,
                          handler_args={"max_field_size": 8190, "max_line_size": 8190})
    app[SERVER] = server
    app.on_response_prepare.append(strict_headers)
    app.router.add_get("/", signin.names)
    app.router.add_get("/d/{key}", signin.department_names)
    app.router.add_get("/code", signin.code_page)
    app.router.add_post("/code", signin.code_given)
    app.router.add_get("/choose", signin.choose_page)
    app.router.add_post("/choose", signin.choose_given)
    app.router.add_post("/signout", signin.sign_out)
    app.router.add_get("/lang/{lang}", signin.set_language)
    app.router.add_get("/write", writing.write_page)
    app.router.add_post("/write", writing.save_posted)
    app.router.add_post("/draft", writing.draft_posted)
    app.router.add_post("/replace", writing.replace_posted)
    app.router.add_post("/new", writing.new_story)
    app.router.add_get("/stories", writing.stories_page)
    app.router.add_post("/withdraw", writing.withdraw_posted)
    app.router.add_get("/next", writing.next_page)
    app.router.add_post("/next", writing.next_posted)
    app.router.add_get("/favicon.ico", _no_icon)
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

