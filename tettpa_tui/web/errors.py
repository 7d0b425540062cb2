"""Answers other than the page asked for (403, 404, 413, 429, ...) as pages.

A person who meets one gets a page in their language, with a heading, one line
on what happened and a way back, never a bare `text/plain` line (WCAG 2.1:
every page has a title, headings and a way on). A save from the writing page
that is refused because the person has signed in anew in another tab keeps the
text they typed on the screen to copy, as a save after being signed out does.

The draft saves of page.js (/draft) get their answer as it is: a script reads it;
and so does a request for a host name not served (421).
"""

from __future__ import annotations

from aiohttp import web

from tettpa_tui import i18n
from tettpa_tui.i18n import t
from tettpa_tui.web.server import language_of, page, session_of

FOR_SCRIPTS = frozenset({"/draft"})
_KEPT_HEADERS = ("Retry-After", "Allow")


@web.middleware
async def error_pages(request: web.Request, handler):
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if exc.status < 400 or exc.status == 421 or request.path in FOR_SCRIPTS:
            # 421 (a host name not served) stays one bare line: a page under another site's
            # name (DNS rebinding) learns nothing from it, not even which department is served.
            raise
        token = i18n.request_language.set(language_of(request))
        try:
            response = await _as_page(request, exc)
        finally:
            i18n.request_language.reset(token)
        for name in _KEPT_HEADERS:
            if name in exc.headers:
                response.headers[name] = exc.headers[name]
        return response


def _message(exc: web.HTTPException) -> str:
    """The line the answer already has (the guard's and the pages' own, in the
    reader's language), or one for its kind (aiohttp's own "404: Not Found")."""
    own = exc.text or ""
    if own and own != f"{exc.status}: {exc.reason}":
        return own
    return {404: t("web_pages.not_found"), 403: t("web.forbidden"), 413: t("web.too_large"),
            405: t("web_pages.not_allowed"), 400: t("web.bad_request"),
            429: t("web.too_many")}.get(exc.status, t("web_pages.problem_title"))


async def _as_page(request: web.Request, exc: web.HTTPException) -> web.Response:
    message = _message(exc)
    typed = title = None
    s = session_of(request)
    if exc.status == 403 and request.method == "POST" and request.path == "/write" and s and s.staff_id:
        # Signed in, yet the form's token is not this session's: the person signed in anew
        # (another tab or window) after this page was opened. (A post from another site has
        # no session here: its cookie is SameSite=Strict, so nothing it sent is shown back.)
        try:
            text = (await request.post()).get("text")
        except web.HTTPException:
            text = None
        if isinstance(text, str):
            typed = text.replace("\r\n", "\n")
            message, title = t("web_pages.other_tab"), t("web_pages.not_saved_title")
    if exc.status == 413:
        # What went beyond the limit was never read (nor kept): the way to one's text is back.
        message = f"{message} {t('web_usable.too_large_shorten')}"
    return page(request, "problem.html", status=exc.status, error=message, typed=typed, title=title)
