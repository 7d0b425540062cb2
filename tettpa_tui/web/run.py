"""`tettpa serve`: what is served, where, and the server's life from start to stop.

The page itself is tettpa_tui.web. This module checks what is served (one
department, or with a kindergarten's name every department of it; see
web/scope.py) and the address, works out the names and addresses the page may be asked for under
(every other Host header is refused, also on this machine: DNS rebinding), and
runs the server until Ctrl+C or SIGTERM. One process; nothing is left running
when it stops.
"""

from __future__ import annotations

import socket
import ssl
from collections.abc import Callable
from datetime import date, datetime
from dataclasses import dataclass, field

from tettpa_tui.domain.access import is_loopback
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import Department, slugify
from tettpa_tui.i18n import t
from tettpa_tui.store import Store, StoreError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
ADDRESS_SETTING = "serve_address"  # the running server's address, for the QR code on the leader's screen
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")


@dataclass(frozen=True)
class ServePlan:
    """What `tettpa serve` will run, once the department (or kindergarten) and host are checked."""

    path: str  # 'KG/DEPT', or 'KG': every department of the kindergarten (as stored)
    host: str
    port: int
    tls: bool = False
    names: tuple[str, ...] = field(default=())  # further names given with --name
    whole: bool = False  # the whole kindergarten

    @property
    def scheme(self) -> str:
        return "https" if self.tls else "http"

    @property
    def url(self) -> str:
        return _url(self.scheme, self.host, self.port)

    def urls(self) -> list[str]:
        """Addresses to give people: for 0.0.0.0 or :: the machine's own names and addresses."""
        found = [*self.names]
        if self.host in ("0.0.0.0", "::", ""):
            found += [a for a in lan_addresses() if a not in found]
        else:
            found.append(self.host)
        return [_url(self.scheme, h, self.port) for h in found]

    def hosts(self) -> frozenset[str]:
        """Every name the page may be asked for under (lower case, without the port)."""
        names = {n.lower() for n in self.names}
        if is_loopback(self.host) or self.host in ("0.0.0.0", "::", ""):
            names.update(LOOPBACK_NAMES)
        if self.host in ("0.0.0.0", "::", ""):
            host = socket.gethostname().lower()
            names.update({host, socket.getfqdn().lower(), host + ".local"})
            names.update(lan_addresses())
        else:
            names.add(self.host.lower())
        return frozenset(f"[{n}]" if ":" in n and not n.startswith("[") else n for n in names)


def lan_addresses() -> list[str]:
    """This machine's addresses on its networks (no loopback, no link-local)."""
    found: list[str] = []
    try:  # the address a packet out would leave from (nothing is sent)
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("10.254.254.254", 1))
            found.append(s.getsockname()[0])
    except OSError:
        pass
    try:
        for *_, addr in socket.getaddrinfo(socket.gethostname(), None, type=socket.SOCK_STREAM):
            ip = str(addr[0])
            if ip not in found and not ip.startswith(("127.", "::1", "fe80")):
                found.append(ip)
    except OSError:
        pass
    return [ip for ip in found if not ip.startswith("127.")]


def _url(scheme: str, host: str, port: int) -> str:
    host = f"[{host}]" if ":" in host and not host.startswith("[") else host
    default = 443 if scheme == "https" else 80
    return f"{scheme}://{host}" + ("" if port == default else f":{port}")


def plan_serve(store: Store, path: str, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
               tls: bool = False, names: tuple[str, ...] = ()) -> ServePlan:
    """Check that the department ('KG/DEPT') or every department of the kindergarten
    ('KG') can be served on `host`; raise DomainError with one line if not."""
    from tettpa_tui.web.scope import scope_of

    scope = scope_of(store, path)
    if not 1 <= port <= 65535:
        raise DomainError("error.serve_port", port=port)
    return ServePlan(scope.path, host, port, tls, tuple(n.strip().lower() for n in names if n.strip()),
                     whole=scope.whole)


def pedagogues_up_to_date(store: Store, plan: ServePlan, today: date) -> None:
    """The pedagogue meeting served (if it exists: it is never made here) lists the
    kindergarten's pedagogues as they are now, as when the app opens it."""
    from tettpa_tui.web.scope import scope_of
    from tettpa_tui.workspace import Workspace

    try:
        ped = next((d for d in scope_of(store, plan.path).departments(store) if d.is_pedagogue_meeting), None)
        if ped is not None:
            Workspace(store).pedagogue_department(ped.kindergarten, ped.name, today)
    except (DomainError, StoreError):
        pass  # served with the pedagogues it had; the app and `tettpa check` name what is wrong


def tls_context(cert: str, key: str) -> ssl.SSLContext:
    """The certificate the network's owner provides; raises DomainError with one line if unusable."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    try:
        context.load_cert_chain(cert, key)
    except (OSError, ssl.SSLError) as exc:
        raise DomainError("serve.tls_failed", detail=str(exc)) from None
    return context


def port_free(host: str, port: int) -> bool:
    from tettpa_tui import oscompat

    return oscompat.port_free(host, port)


def run_server(store: Store, plan: ServePlan, context: ssl.SSLContext | None = None,
               start_codes: list[tuple[str, str, str]] | None = None,
               now: Callable[[], datetime] | None = None) -> None:  # pragma: no cover - run as a subprocess in tests
    """Serve until Ctrl+C or SIGTERM; then stop within seconds, with nothing left running."""
    import asyncio
    import logging

    from aiohttp import web

    from tettpa_tui import oscompat
    from tettpa_tui.text import printable
    from tettpa_tui.web.app import PageRunner, PageServer, create_app

    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    server = PageServer(store, plan.path, plan.hosts(), secure=context is not None)
    if now is not None:
        server.now = now
    app = create_app(server)

    async def main() -> None:
        runner = PageRunner(app, access_log=None, handle_signals=False, shutdown_timeout=3.0,
                               keepalive_timeout=75)  # an idle connection is closed after 75 s
        await runner.setup()
        try:
            await web.TCPSite(runner, plan.host, plan.port, ssl_context=context, backlog=128).start()
            stop = asyncio.Event()
            oscompat.on_stop_signals(asyncio.get_running_loop(), stop.set)
            urls = plan.urls()
            if plan.whole:
                names = ", ".join(d.name for d in server.departments())
                print(printable(t("serve.kindergarten.started", url="  ".join(urls), kindergarten=plan.path,
                                  departments=names)), flush=True)
            else:
                print(printable(t("serve.started", url="  ".join(urls), department=plan.path)), flush=True)
            for name, department, code in start_codes or []:
                line = t("serve.kindergarten.demo_code", name=name, department=department, code=code) \
                    if plan.whole else t("serve.demo_code", name=name, code=code)
                print(printable(line), flush=True)
            if start_codes:  # the demo lives in its own folder: where, and how the leader's commands reach it
                # A command that works as pasted: a department's own path (a kindergarten's
                # is refused by `staff code`), and the name of someone in it.
                name, department, _code = start_codes[0]
                place = next((d.path for d in server.departments() if d.name == department), plan.path) \
                    if plan.whole else plan.path
                print(printable(t("serve.demo_folder", path=str(store.root), place=place, name=name)), flush=True)
            print(t("serve.stop"), flush=True)
            _remember_address(store, plan, urls[0])
            await stop.wait()
        finally:
            # Open connections are closed and requests under way get a moment to end;
            # the store's threads finish their write before the process ends.
            await runner.cleanup()
            _remember_address(store, plan, None)

    asyncio.run(main())


def _remember_address(store: Store, plan: ServePlan, url: str | None) -> None:
    """Where the page runs, for the QR code on the leader's screen (a help, never a need)."""
    try:
        store.set_setting(ADDRESS_SETTING, {"kindergarten" if plan.whole else "department": plan.path,
                                            "url": url} if url else None)
    except Exception:  # noqa: BLE001
        pass


def served_page(store: Store, dept: Department) -> tuple[str, bool] | None:
    """The address of a running `tettpa serve` that serves this department, if one runs,
    and whether it serves the whole kindergarten (the address is then the department's own
    page on it, which skips the list of departments)."""
    try:
        value = store.setting(ADDRESS_SETTING)
    except Exception:  # noqa: BLE001
        return None
    if not isinstance(value, dict) or not isinstance(value.get("url"), str):
        return None
    if not _still_answers(value["url"]):
        return None  # stopped without a word (its window closed, the machine restarted)
    if value.get("department") == dept.path:
        return value["url"], False
    kindergarten = value.get("kindergarten")
    if isinstance(kindergarten, str) and slugify(kindergarten) == slugify(dept.kindergarten):
        return value["url"].rstrip("/") + "/d/" + dept.slug, True
    return None


def _still_answers(url: str) -> bool:
    from urllib.parse import urlsplit

    from tettpa_tui import oscompat

    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return False
    return bool(parts.hostname) and oscompat.process_alive(parts.hostname, port)


def expected_address(port: int = DEFAULT_PORT) -> str:
    """The address `tettpa serve --host 0.0.0.0` would give, for the QR code before it runs."""
    lan = lan_addresses()
    return _url("http", lan[0] if lan else socket.gethostname(), port)
