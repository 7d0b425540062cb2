"""`tettpa serve` and `tettpa staff code` from the command line, as a leader uses them."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
from datetime import datetime
from pathlib import Path

import pytest

from tests.cli.test_cli import assert_one_line_error, made, run  # noqa: F401 - fixture
from tettpa_tui.domain import access
from tettpa_tui.web.run import plan_serve
from tettpa_tui.store import Store

from tests.conftest import posix_only


@pytest.mark.parametrize("host, loopback", [
    ("127.0.0.1", True), ("127.1.2.3", True), ("::1", True), ("[::1]", True), ("localhost", True),
    ("0.0.0.0", False), ("::", False), ("192.168.1.20", False), ("barnehage.local", False),
])
def test_which_hosts_only_this_machine_reaches(host: str, loopback: bool) -> None:
    assert access.is_loopback(host) is loopback


def test_the_names_the_page_answers_to(store: Store, dept) -> None:
    plan = plan_serve(store, dept.path)
    assert plan.hosts() == {"127.0.0.1", "localhost", "[::1]"}
    plan = plan_serve(store, dept.path, host="192.168.1.20", names=("Barnehage.Example",))
    assert plan.hosts() == {"192.168.1.20", "barnehage.example"}
    assert plan.urls()[0] == "http://barnehage.example:8000"
    everywhere = plan_serve(store, dept.path, host="0.0.0.0").hosts()
    assert {"127.0.0.1", "localhost", socket.gethostname().lower()} <= everywhere
    assert plan_serve(store, dept.path, port=443, tls=True).url == "https://127.0.0.1"


def test_the_leader_gives_a_start_code_shown_once(made: Path) -> None:  # noqa: F811
    proc = run("staff", "code", "Solsikken/Blåklokka", "Per Hansen", data=made)
    assert proc.returncode == 0, proc.stderr
    code = re.search(r"Per Hansen: (\S+)", proc.stdout).group(1)
    store = Store(made)
    dept = store.department("Solsikken/Blåklokka")
    record = store.staff_codes(dept)[dept.find_member("Per Hansen").id]
    assert record.kind == "start" and access.staff_code_matches(code, record, record_time(record))
    assert code not in (store.department_dir(dept.kindergarten, dept.name) / "department.json").read_text()
    line = assert_one_line_error(run("staff", "code", "Solsikken/Blåklokka", "Nobody", data=made), 1)
    assert "Nobody" in line


def record_time(record):
    from datetime import datetime

    return datetime.fromisoformat(record.created_at)


def test_serve_refuses_an_unknown_department(made: Path) -> None:  # noqa: F811
    line = assert_one_line_error(run("serve", "Solsikken/Finnes-ikke", data=made), 1)
    assert "Finner ingen avdeling" in line


def test_serve_says_when_the_port_is_taken(made: Path) -> None:  # noqa: F811
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        line = assert_one_line_error(run("serve", "Solsikken/Blåklokka", "--port", str(port), data=made), 2)
    assert f"Porten {port}" in line


def test_a_bad_certificate_is_one_line(made: Path, tmp_path: Path) -> None:  # noqa: F811
    bad = tmp_path / "cert.pem"
    bad.write_text("not a certificate")
    line = assert_one_line_error(run("serve", "Solsikken/Blåklokka", "--tls-cert", str(bad), "--tls-key", str(bad),
                                     data=made), 1)
    assert "sertifikatet" in line
    line = assert_one_line_error(run("serve", "Solsikken/Blåklokka", "--tls-cert", str(bad), data=made), 2)
    assert "--tls-key" in line


def test_the_command_line_in_english(made: Path) -> None:  # noqa: F811
    proc = run("--lang", "en", "department", "list", data=made)
    assert proc.returncode == 0 and "Toddlers, 2 staff" in proc.stdout
    line = assert_one_line_error(run("--lang=en", "story", "add", "Solsikken/Blåklokka", data=made), 2)
    assert "required" in line
    helptext = run("--lang", "en", "serve", "--help").stdout
    assert "usage: tettpa serve" in helptext and "KINDERGARTEN/DEPARTMENT" in helptext and "--tls-cert" in helptext
    assert "let staff hand in stories" in run("--lang", "en", "--help").stdout
    line = assert_one_line_error(run("--lang", "fr", "department", "list", data=made), 2)
    assert "ugyldig valg for --lang" in line


def test_the_language_chosen_in_the_app_is_remembered(made: Path) -> None:  # noqa: F811
    Store(made).set_setting("language", "en")
    assert "Toddlers, 2 staff" in run("department", "list", data=made).stdout
    assert "Småbarn, 2 ansatte" in run("--lang", "nb", "department", "list", data=made).stdout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@posix_only
def test_the_demo_is_served_and_stops_with_nothing_left_running(tmp_path: Path) -> None:
    """The leader's Ctrl+C (SIGINT) or a SIGTERM ends the one server process at once,
    even with a client connected and a request half sent."""
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg"), "TETTPA_LANG": "nb"}
    env.pop("TETTPA_DATA_DIR", None)
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "tettpa_tui", "serve", "Solsikken barnehage/Blåklokka", "--demo",
                             "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        first = proc.stdout.readline()
        assert f"http://127.0.0.1:{port}" in first, first + proc.stderr.read()
        codes = [proc.stdout.readline() for _ in range(5)]
        assert all("startkode" in line for line in codes)
        # Where the demo lives, and how the leader's `staff code` reaches it (issue 24, fresh eyes 6).
        folder = proc.stdout.readline()
        assert str(tmp_path / "xdg" / "tettpa-demo") in folder and "--data-dir" in folder, folder
        # A client that connects and sends half a request, and one that stays idle.
        half = socket.create_connection(("127.0.0.1", port))
        half.sendall(b"POST /draft HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\nabc")
        idle = socket.create_connection(("127.0.0.1", port))
        time.sleep(0.2)
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0
        half.close()
        idle.close()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.stderr.read().strip() == ""
    # The address the leader's screen shows as a QR code is cleared when the server stops.
    store = Store(tmp_path / "xdg" / "tettpa-demo")
    assert store.setting("serve_address") is None
    # The demo's printed codes are not the leader's: the record of sign-ins starts empty,
    # not with a "new start code from the leader" line for every person (issue 24, fresh eyes 5).
    dept = store.department("Solsikken barnehage/Blåklokka")
    assert [r.event.value for r in store.sign_ins(dept, datetime.now())] == []
    given = run("staff", "code", "Solsikken barnehage/Blåklokka", dept.active_staff[0].name, data=store.root)
    assert given.returncode == 0, given.stderr


@posix_only
@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl to make a test certificate")
def test_https_with_the_networks_certificate(made: Path, tmp_path: Path) -> None:  # noqa: F811
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=localhost", "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "tettpa_tui", "serve", "Solsikken/Blåklokka", "--data-dir",
                             str(made), "--port", str(port), "--tls-cert", str(cert), "--tls-key", str(key)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert f"https://127.0.0.1:{port}" in proc.stdout.readline()
        context = ssl.create_default_context(cafile=str(cert))
        context.check_hostname = False
        with urllib.request.urlopen(f"https://localhost:{port}/", context=context, timeout=10) as r:
            assert r.status == 200
            cookie = r.headers["Set-Cookie"]
            assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    finally:
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0


def test_serve_refuses_an_unknown_kindergarten(made: Path) -> None:  # noqa: F811
    line = assert_one_line_error(run("serve", "Finnes ikke", data=made), 1)
    assert line == "tettpa: Finner ingen barnehage «Finnes ikke»."
    line = assert_one_line_error(run("--lang", "en", "serve", "Finnes ikke", data=made), 1)
    assert line == "tettpa: There is no kindergarten “Finnes ikke”."


def test_a_kindergarten_path_plans_the_whole_kindergarten(store: Store, dept) -> None:
    plan = plan_serve(store, "solsikken")  # case aside
    assert plan.whole and plan.path == "Solsikken"
    plan = plan_serve(store, dept.path)
    assert not plan.whole and plan.path == "Solsikken/Blåklokka"


@posix_only
def test_the_whole_demo_kindergarten_is_served_with_a_code_per_place(tmp_path: Path) -> None:
    """`serve "Solsikken barnehage" --demo`: one server, and a start code for every person
    of every department, one for each place they belong to (a leader: also the pedagogue meeting)."""
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg"), "TETTPA_LANG": "nb"}
    env.pop("TETTPA_DATA_DIR", None)
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "tettpa_tui", "serve", "Solsikken barnehage", "--demo",
                             "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        first = proc.stdout.readline()
        assert f"http://127.0.0.1:{port}" in first and "Solsikken barnehage" in first, first + proc.stderr.read()
        assert "(Blåklokka, Humla, Tyttebæret, Pedagogmøte)" in first
        codes: dict[tuple[str, str], str] = {}
        for line in iter(proc.stdout.readline, ""):
            found = re.match(r"Demo: startkode for (.+) \((.+)\): (\S+)$", line.strip())
            if not found:
                assert "Demoen ligger i sin egen mappe" in line and "staff code" in line, line
                printed = line.strip().split("for eksempel: ", 1)[1]
                assert "Ctrl+C" in proc.stdout.readline()
                break
            codes[found.group(1), found.group(2)] = found.group(3)
        assert len(codes) == 5 + 6 + 4 + 7  # three departments, and the pedagogue meeting's seven (the director too)
        assert codes["Ingrid Solberg", "Blåklokka"] != codes["Ingrid Solberg", "Pedagogmøte"]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as r:
            html = r.read().decode()
        assert "Hvilken avdeling?" in html and 'href="/d/pedagogmote"' in html
        store = Store(tmp_path / "xdg" / "tettpa-demo")
        assert store.setting("serve_address") == {"kindergarten": "Solsikken barnehage",
                                                  "url": f"http://127.0.0.1:{port}"}
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.stderr.read().strip() == ""
    assert store.setting("serve_address") is None
    # The leader's command, as printed, works when pasted (a department's path, a real name).
    words = shlex.split(printed)
    assert words[:2] == ["tettpa", "--data-dir"], printed
    given = subprocess.run([sys.executable, "-m", "tettpa_tui", *words[1:]], capture_output=True, text=True, env=env)
    assert given.returncode == 0 and given.stderr == "", given.stderr


def test_demo_is_refused_on_real_data(made: Path) -> None:  # noqa: F811
    """`serve --demo --data-dir` on a kindergarten's own data would give everyone new start codes."""
    store = Store(made)
    dept = store.department("Solsikken/Blåklokka")
    per = dept.find_member("Per Hansen")
    from tettpa_tui.workspace import Workspace
    from datetime import datetime

    Workspace(store).choose_code(dept, per, "grønn traktor i snøen", datetime(2026, 11, 30, 9, 0))
    own = store.staff_codes(dept)[per.id]
    line = assert_one_line_error(run("serve", "Solsikken/Blåklokka", "--demo", "--port", str(_free_port()),
                                     data=made), 2)
    assert "ekte data" in line and "Ingenting er endret" in line
    assert store.staff_codes(store.department("Solsikken/Blåklokka"))[per.id] == own


def test_demo_into_an_empty_folder_is_a_demo(tmp_path: Path) -> None:
    from tettpa_tui.services.demo import create_demo, is_demo
    from tests.conftest import TODAY

    store = Store(tmp_path / "empty")
    assert create_demo(store, TODAY) and is_demo(store)
