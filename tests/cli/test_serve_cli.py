"""`tettpa serve` and the access code, from the command line."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from tests.cli.test_cli import assert_one_line_error, made, run  # noqa: F401 - fixture
from tettpa_tui.domain import access
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.serve import plan_serve
from tettpa_tui.store import Store
from tettpa_tui.workspace import Workspace


@pytest.mark.parametrize("host, loopback", [
    ("127.0.0.1", True), ("127.1.2.3", True), ("::1", True), ("[::1]", True), ("localhost", True),
    ("0.0.0.0", False), ("::", False), ("192.168.1.20", False), ("barnehage.local", False),
])
def test_which_hosts_only_this_machine_reaches(host: str, loopback: bool) -> None:
    assert access.is_loopback(host) is loopback


def test_loopback_needs_no_code_but_a_network_host_does(store: Store, dept) -> None:
    plan = plan_serve(store, dept.path)
    assert plan.host == "127.0.0.1" and not plan.require_code
    assert "--require-code" not in plan.command
    with pytest.raises(DomainError) as err:
        plan_serve(store, dept.path, host="0.0.0.0")
    assert err.value.key == "error.serve_no_code"
    Workspace(store).set_access_code(dept, "tyttebær")
    plan = plan_serve(store, dept.path, host="0.0.0.0")
    assert plan.require_code and plan.command.endswith("--require-code")


def test_codes_too_short_are_refused(store: Store, dept) -> None:
    with pytest.raises(DomainError) as err:
        Workspace(store).set_access_code(dept, "  123  ")
    assert err.value.key == "error.code_short"
    assert store.access_code(dept) is None


def test_serve_refuses_a_network_host_without_a_code(made: Path) -> None:  # noqa: F811
    line = assert_one_line_error(run("serve", "Solsikken/Blåklokka", "--host", "0.0.0.0", data=made), 1)
    assert "ingen tilgangskode" in line and "tettpa department code" in line


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


def test_the_leader_sets_and_clears_the_code(made: Path) -> None:  # noqa: F811
    proc = run("department", "code", "Solsikken/Blåklokka", "--stdin", data=made, stdin="kort\n")
    assert "minst 6 tegn" in assert_one_line_error(proc, 1)
    proc = run("department", "code", "Solsikken/Blåklokka", "--stdin", data=made, stdin="blåbær-42\n")
    assert proc.returncode == 0 and "er satt" in proc.stdout
    store = Store(made)
    dept = store.department("Solsikken/Blåklokka")
    assert Workspace(store).access_code_matches(dept, "blåbær-42")
    assert "blåbær-42" not in (store.department_dir(dept.kindergarten, dept.name) / "department.json").read_text()
    proc = run("department", "code", "Solsikken/Blåklokka", "--clear", data=made)
    assert proc.returncode == 0 and store.access_code(dept) is None


def test_the_command_line_in_english(made: Path) -> None:  # noqa: F811
    proc = run("--lang", "en", "department", "list", data=made)
    assert proc.returncode == 0 and "Toddlers, 2 staff" in proc.stdout
    line = assert_one_line_error(run("serve", "Solsikken/Blåklokka", "--host", "0.0.0.0", "--lang", "en",
                                     data=made), 1)
    assert "has no access code" in line
    line = assert_one_line_error(run("--lang=en", "story", "add", "Solsikken/Blåklokka", data=made), 2)
    assert "required" in line
    helptext = run("--lang", "en", "serve", "--help").stdout
    assert "usage: tettpa serve" in helptext and "KINDERGARTEN/DEPARTMENT" in helptext
    assert "let staff hand in stories" in run("--lang", "en", "--help").stdout
    line = assert_one_line_error(run("--lang", "fr", "department", "list", data=made), 2)
    assert "ugyldig valg for --lang" in line


def test_the_language_chosen_in_the_app_is_remembered(made: Path) -> None:  # noqa: F811
    Store(made).set_setting("language", "en")
    assert "Toddlers, 2 staff" in run("department", "list", data=made).stdout
    assert "Småbarn, 2 ansatte" in run("--lang", "nb", "department", "list", data=made).stdout


def test_serve_can_use_the_demo(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg")}
    proc = subprocess.run([sys.executable, "-m", "tettpa_tui", "serve", "Solsikken barnehage/Blåklokka", "--demo",
                           "--host", "0.0.0.0"], capture_output=True, text=True, env=env, timeout=60)
    # The demo was made and found; on a network address it still wants a code first.
    line = assert_one_line_error(proc, 1)
    assert "Solsikken barnehage/Blåklokka har ingen tilgangskode" in line
    assert (tmp_path / "xdg" / "tettpa-demo").is_dir()
