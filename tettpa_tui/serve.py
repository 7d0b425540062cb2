"""`tettpa serve`: what is served, where, and the server's life from start to stop.

The page itself is tettpa_tui.web. This module checks the department and the
address, works out the names and addresses the page may be asked for under
(every other Host header is refused, also on this machine: DNS rebinding), and
runs the server until Ctrl+C or SIGTERM. One process; nothing is left running
when it stops.
"""

from __future__ import annotations

import socket
import ssl
from collections.abc import Callable
from datetime import datetime
from dataclasses import dataclass, field

from tettpa_tui.domain.access import is_loopback
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.i18n import t
from tettpa_tui.store import Store

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
ADDRESS_SETTING = "serve_address"  # the running server's address, for the QR code on the leader's screen
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")


@dataclass(frozen=True)
class ServePlan:
    """What `tettpa serve` will run, once the department and host are checked."""

    department_path: str
    host: str
    port: int
    tls: bool = False
    names: tuple[str, ...] = field(default=())  # further names given with --name

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


def plan_serve(store: Store, department_path: str, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
               tls: bool = False, names: tuple[str, ...] = ()) -> ServePlan:
    """Check that the department can be served on `host`; raise DomainError if not."""
    dept = store.department(department_path)
    if dept.is_pedagogue_meeting:
        raise DomainError("error.serve_pedagogue")
    if not 1 <= port <= 65535:
        raise DomainError("error.serve_port", port=port)
    return ServePlan(dept.path, host, port, tls, tuple(n.strip().lower() for n in names if n.strip()))


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
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def run_server(store: Store, plan: ServePlan, context: ssl.SSLContext | None = None,
               start_codes: list[tuple[str, str]] | None = None,
               now: Callable[[], datetime] | None = None) -> None:  # pragma: no cover - run as a subprocess in tests
    """Serve until Ctrl+C or SIGTERM; then stop within seconds, with nothing left running."""
    import asyncio
    import logging
    import signal

    from aiohttp import web

    from tettpa_tui.text import printable
    from tettpa_tui.web.app import PageServer, create_app

    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    server = PageServer(store, plan.department_path, plan.hosts(), secure=context is not None)
    if now is not None:
        server.now = now
    app = create_app(server)

    async def main() -> None:
        runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=3.0,
                               keepalive_timeout=75)  # an idle connection is closed after 75 s
        await runner.setup()
        try:
            await web.TCPSite(runner, plan.host, plan.port, ssl_context=context, backlog=128).start()
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(sig, stop.set)
            urls = plan.urls()
            print(printable(t("serve.started", url="  ".join(urls), department=plan.department_path)), flush=True)
            for name, code in start_codes or []:
                print(printable(t("serve.demo_code", name=name, code=code)), flush=True)
            print(t("serve.stop"), flush=True)
            _remember_address(store, plan.department_path, urls[0])
            await stop.wait()
        finally:
            # Open connections are closed and requests under way get a moment to end;
            # the store's threads finish their write before the process ends.
            await runner.cleanup()
            _remember_address(store, plan.department_path, None)

    asyncio.run(main())


def _remember_address(store: Store, department_path: str, url: str | None) -> None:
    """Where the page runs, for the QR code on the leader's screen (a help, never a need)."""
    try:
        store.set_setting(ADDRESS_SETTING, {"department": department_path, "url": url} if url else None)
    except Exception:  # noqa: BLE001
        pass


def served_address(store: Store, department_path: str) -> str | None:
    """The address of a running `tettpa serve` for this department, if one is running."""
    try:
        value = store.setting(ADDRESS_SETTING)
    except Exception:  # noqa: BLE001
        return None
    if isinstance(value, dict) and value.get("department") == department_path and isinstance(value.get("url"), str):
        return value["url"]
    return None


def expected_address(port: int = DEFAULT_PORT) -> str:
    """The address `tettpa serve --host 0.0.0.0` would give, for the QR code before it runs."""
    lan = lan_addresses()
    return _url("http", lan[0] if lan else socket.gethostname(), port)
