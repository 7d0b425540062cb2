"""`tettpa serve`: the story-only face in the browser, with textual-serve.

The server runs no app itself: each browser tab gets its own process,
`python -m tettpa_tui.serve --child ...`, which runs StoryApp on the same data
folder. The store's lock and atomic writes keep those processes from losing
each other's work.

Safe by default: the server binds to 127.0.0.1. Given any other host, the
department must have an access code, and every tab asks for it first.
"""

from __future__ import annotations

import argparse
import os
import shlex
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

from tettpa_tui.domain.access import is_loopback
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.i18n import language, set_language, t
from tettpa_tui.store import Store

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


@dataclass(frozen=True)
class ServePlan:
    """What `tettpa serve` will run, once the department and host are checked."""

    department_path: str
    host: str
    port: int
    require_code: bool
    command: str

    @property
    def url(self) -> str:
        return _url(self.host, self.port)

    def urls(self) -> list[str]:
        """Addresses to give people: for 0.0.0.0 or :: the machine's own names and addresses."""
        if self.host not in ("0.0.0.0", "::", ""):
            return [self.url]
        found = [socket.gethostname()]
        try:
            for *_, addr in socket.getaddrinfo(socket.gethostname(), None, type=socket.SOCK_STREAM):
                ip = addr[0]
                if ip not in found and not ip.startswith(("127.", "::1", "fe80")):
                    found.append(ip)
        except OSError:
            pass
        return [_url(h, self.port) for h in found]


def _url(host: str, port: int) -> str:
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}:{port}"


def plan_serve(store: Store, department_path: str, host: str = DEFAULT_HOST,
               port: int = DEFAULT_PORT) -> ServePlan:
    """Check that the department can be served on `host`; raise DomainError if not."""
    dept = store.department(department_path)
    if dept.is_pedagogue_meeting:
        raise DomainError("error.serve_pedagogue")
    if not 1 <= port <= 65535:
        raise DomainError("error.serve_port", port=port)
    require_code = not is_loopback(host)
    if require_code and store.access_code(dept) is None:
        raise DomainError("error.serve_no_code", path=dept.path)
    argv = [sys.executable, "-m", "tettpa_tui.serve", "--child",
            "--data-dir", str(store.root), "--lang", language(), dept.path]
    if require_code:
        argv.append("--require-code")
    # `exec`: the shell that textual-serve starts becomes the app itself, so the app
    # is the server's own child and notices when the server is gone.
    return ServePlan(dept.path, host, port, require_code, "exec " + shlex.join(argv))


def port_free(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def run_server(plan: ServePlan) -> None:  # pragma: no cover - exercised by the browser test
    """Serve until Ctrl+C."""
    import logging

    import aiohttp_jinja2
    from aiohttp import web
    from textual_serve.server import Server

    templates = Path(__file__).resolve().parent / "templates"

    class StoryServer(Server):
        def serve(self, debug: bool = False) -> None:
            """textual-serve's serve(), but Ctrl+C stops within seconds even with tabs open:
            their sessions are cancelled, each app is told to quit, and saves as it goes."""
            import asyncio
            import signal

            self.debug = debug
            self.initialize_logging()
            loop = asyncio.new_event_loop()
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(sig, self.request_exit)
            web.run_app(self._make_app(), host=self.host, port=self.port, handle_signals=False, loop=loop,
                        print=lambda *args: None, shutdown_timeout=2.0)

        def initialize_logging(self) -> None:
            logging.basicConfig(level=logging.WARNING, format="%(message)s")

        async def on_startup(self, app: web.Application) -> None:
            print(t("serve.started", url="  ".join(plan.urls()), department=plan.department_path), flush=True)
            if plan.require_code:
                print(t("serve.code_required"), flush=True)
            print(t("serve.stop"), flush=True)

        async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
            # Only the page this server gave out may open a session: another web
            # site open in the same browser must not reach the stories.
            origin = request.headers.get("Origin")
            if origin is not None and origin.split("://", 1)[-1] != request.host:
                raise web.HTTPForbidden(text=t("serve.forbidden"))
            _check_host(request)
            return await super().handle_websocket(request)

        @aiohttp_jinja2.template("story.html")
        async def handle_index(self, request: web.Request) -> dict:
            _check_host(request)
            # The page's own address, so the browser reaches the socket however it got here.
            origin = f"{request.scheme}://{request.host}"
            ws_scheme = "wss" if request.scheme == "https" else "ws"
            return {
                "font_size": max(8, min(40, _int(request.query.get("fontsize"), 16))),
                "app_websocket_url": f"{ws_scheme}://{request.host}/ws",
                "config": {"static": {"url": f"{origin}/static/"}},
                "lang": language(),
                "title": t("serve.title", department=plan.department_path),
                "starting": t("serve.starting"),
                "ended": t("serve.ended"),
                "restart": t("serve.restart"),
            }

    def _check_host(request: web.Request) -> None:
        # Served to this machine only (no code asked), the page must also be asked
        # for by a loopback name: a web site whose name was pointed at 127.0.0.1
        # (DNS rebinding) gets nothing.
        if not plan.require_code and not is_loopback(request.host.rsplit(":", 1)[0]):
            raise web.HTTPForbidden(text=t("serve.forbidden"))

    server = StoryServer(plan.command, host=plan.host, port=plan.port,
                         title=t("serve.title", department=plan.department_path),
                         templates_path=str(templates))
    server.serve()


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


# ---- the process behind each browser tab ------------------------------------

def child_main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tettpa-story")
    parser.add_argument("--child", action="store_true")
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--lang", default=None)
    parser.add_argument("--require-code", action="store_true")
    parser.add_argument("path")
    args = parser.parse_args(argv)
    if args.lang:
        set_language(args.lang)

    from tettpa_tui.cli import today
    from tettpa_tui.story_app import StoryApp

    app = StoryApp(Store(Path(args.data_dir)), args.path, require_code=args.require_code, today=today())
    app.run()
    return app.return_code or 0


if __name__ == "__main__":  # pragma: no cover
    os.umask(0o077)
    raise SystemExit(child_main())
