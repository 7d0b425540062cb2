"""Windows, imitated: each place where Windows differs, forced here on Linux.

The users work on Windows and the suite runs on Linux, so the Windows branch of
every platform difference is run by making this machine look like Windows where it
matters (sys.platform, a missing os.fchmod, an event loop without signal handlers,
cp1252 output, a file held open by another program).
"""

from __future__ import annotations

import ast
import asyncio
import json
import os
import signal
import subprocess
import sys
import types
from pathlib import Path

import pytest

import tettpa_tui
from tests.conftest import posix_only
from tettpa_tui import oscompat
from tettpa_tui.domain.records import slugify
from tettpa_tui.store import placement
from tettpa_tui.store.errors import InUse, from_os_error
from tettpa_tui.store.storage import FileLock, atomic_write_bytes

PACKAGE = Path(tettpa_tui.__file__).parent

# Calls that exist on one system only: allowed in oscompat.py alone.
POSIX_ONLY_ATTRS = {
    ("os", "fchmod"), ("os", "fchown"), ("os", "chown"), ("os", "lchown"), ("os", "getuid"), ("os", "geteuid"),
    ("os", "getgid"), ("os", "getegid"), ("os", "fork"), ("os", "forkpty"), ("os", "setsid"), ("os", "killpg"),
    ("os", "getpgid"), ("os", "mkfifo"), ("os", "statvfs"), ("os", "sync"), ("os", "O_DIRECTORY"),
    ("os", "O_NOFOLLOW"), ("os", "execv"), ("os", "execve"), ("os", "execvp"), ("os", "symlink"),
    ("signal", "SIGKILL"), ("signal", "SIGHUP"), ("signal", "SIGUSR1"), ("signal", "SIGUSR2"),
    ("signal", "SIGALRM"), ("signal", "alarm"), ("socket", "SO_REUSEADDR"),
}
POSIX_ONLY_MODULES = {"fcntl", "pwd", "grp", "termios", "tty", "pty", "resource", "msvcrt", "winreg"}
POSIX_ONLY_METHODS = {"add_signal_handler", "remove_signal_handler"}


def _platform_calls(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            if isinstance(node.value, ast.Name) and (node.value.id, node.attr) in POSIX_ONLY_ATTRS:
                found.append(f"{node.value.id}.{node.attr}:{node.lineno}")
            elif node.attr in POSIX_ONLY_METHODS:
                found.append(f"{node.attr}:{node.lineno}")
        elif isinstance(node, ast.Import):
            found += [f"import {a.name}:{node.lineno}" for a in node.names if a.name in POSIX_ONLY_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.module in POSIX_ONLY_MODULES:
            found.append(f"from {node.module}:{node.lineno}")
    return found


def test_no_call_that_exists_on_one_system_only_outside_oscompat() -> None:
    bad = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "oscompat.py":
            continue
        calls = _platform_calls(path)
        if calls:
            bad[str(path.relative_to(PACKAGE))] = calls
    assert bad == {}, "put these behind a function in tettpa_tui/oscompat.py"


def test_the_scan_finds_what_it_looks_for(tmp_path: Path) -> None:
    sample = tmp_path / "m.py"
    sample.write_text("import os, fcntl\nos.fchmod(1, 0)\nloop.add_signal_handler(2, f)\n", encoding="utf-8")
    assert len(_platform_calls(sample)) == 3


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(oscompat, "sleep", lambda s: None)
    # icacls is not here: what it would be asked is recorded instead.
    calls: list[list[str]] = []
    monkeypatch.setattr(oscompat, "run_hidden", lambda cmd: calls.append(cmd) or None)
    return calls


def test_the_content_cache_is_written_without_os_fchmod(windows, monkeypatch, tmp_path: Path) -> None:
    from tettpa_tui import content

    monkeypatch.delattr(os, "fchmod")
    monkeypatch.setenv("TETTPA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(content, "_cache", None)
    content._remember("x.toml", "x.toml|1", {"a": 1})
    (cache,) = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert cache.stat().st_size > 0


def test_new_folders_get_owner_only_permissions_on_windows(windows, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("USERNAME", "lene")
    monkeypatch.setenv("USERDOMAIN", "BAERUM")
    atomic_write_bytes(tmp_path / "data" / "kg" / "x.json", b"{}")
    granted = [c for c in windows if c[0] == "icacls"]
    assert [Path(c[1]).name for c in granted] == ["data", "kg"]
    assert all("/inheritance:r" in c and "BAERUM\\lene:(OI)(CI)F" in c for c in granted)


def test_others_who_can_read_the_folder_are_found_in_icacls_output(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("USERNAME", "lene")
    monkeypatch.setenv("USERDOMAIN", "BAERUM")
    own = (f"{tmp_path} BAERUM\\lene:(OI)(CI)(F)\n    NT AUTHORITY\\SYSTEM:(OI)(CI)(F)\n"
           "    BUILTIN\\Administrators:(OI)(CI)(F)\n\nSuccessfully processed 1 files")
    shared = own.replace("Successfully", "    BUILTIN\\Users:(OI)(CI)(RX)\nSuccessfully")
    for text, expected in ((own, False), (shared, True)):
        monkeypatch.setattr(oscompat, "run_hidden",
                            lambda cmd, text=text: subprocess.CompletedProcess(cmd, 0, text, ""))
        assert oscompat.others_can_read(tmp_path) is expected


def test_a_file_held_open_is_retried_then_written(windows, monkeypatch, tmp_path: Path) -> None:
    target = tmp_path / "department.json"
    target.write_bytes(b"old")
    real = os.replace
    refusals = iter([PermissionError(13, "in use"), PermissionError(13, "in use")])

    def held_open(src, dst):
        err = next(refusals, None)
        if err is not None:
            raise err
        real(src, dst)

    monkeypatch.setattr(os, "replace", held_open)
    atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"


def test_a_file_held_open_for_long_gives_one_line_and_keeps_the_old_file(windows, monkeypatch, tmp_path) -> None:
    target = tmp_path / "department.json"
    target.write_bytes(b"old")
    clock = iter(range(0, 1000))
    monkeypatch.setattr(oscompat.time, "monotonic", lambda: next(clock) * 0.1)

    def held_open(src, dst):
        raise PermissionError(13, "in use")

    monkeypatch.setattr(os, "replace", held_open)
    with pytest.raises(InUse) as caught:
        atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert not list(tmp_path.glob(".department.json.*.tmp"))  # no copy of the text left beside it
    from tettpa_tui.messages import store_message

    line = store_message(caught.value)
    assert "\n" not in line and "department.json" in line and "annet program" in line


def test_on_linux_a_refused_replace_is_not_retried(monkeypatch, tmp_path: Path) -> None:
    tries = []
    monkeypatch.setattr(os, "replace", lambda s, d: tries.append(1) or (_ for _ in ()).throw(PermissionError(13, "x")))
    with pytest.raises(PermissionError):
        oscompat.replace(tmp_path / "a", tmp_path / "b")
    assert len(tries) == 1


def test_the_windows_lock_is_polled_with_short_sleeps(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    busy = iter([True] * 5)
    calls = []

    def locking(fd, mode, n):
        calls.append(mode)
        if mode == fake.LK_NBLCK and next(busy, False):
            raise OSError(36, "Resource deadlock avoided")

    fake = types.SimpleNamespace(LK_NBLCK=2, LK_UNLCK=0, LK_LOCK=1, locking=locking)
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    slept = []
    monkeypatch.setattr(oscompat, "sleep", slept.append)
    fd = os.open(tmp_path / ".lock", os.O_RDWR | os.O_CREAT)
    try:
        oscompat.lock_fd(fd)
        oscompat.unlock_fd(fd)
    finally:
        os.close(fd)
    assert fake.LK_LOCK not in calls  # never msvcrt's own blocking lock (1 s a try)
    assert calls.count(fake.LK_NBLCK) == 6 and calls[-1] == fake.LK_UNLCK
    assert slept and max(slept) <= 0.05


@posix_only
def test_a_lock_held_too_long_becomes_the_stores_own_error(tmp_path: Path, monkeypatch) -> None:
    lock_path = tmp_path / "kg" / ".lock"
    lock_path.parent.mkdir()
    other = os.open(lock_path, os.O_RDWR | os.O_CREAT)
    import fcntl  # noqa: the other process's lock, imitated with a second open file

    fcntl.flock(other, fcntl.LOCK_EX)
    monkeypatch.setattr(oscompat, "LOCK_WAIT_SECONDS", 0.05)
    try:
        with pytest.raises(InUse):
            with FileLock(lock_path):
                pass
    finally:
        os.close(other)
    with FileLock(lock_path):  # free again: taken at once
        pass


@posix_only
def test_the_server_stops_on_ctrl_c_without_loop_signal_handlers(monkeypatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    stopped = []
    old = signal.getsignal(signal.SIGINT)

    async def main() -> None:
        loop = asyncio.get_running_loop()

        def refuse(*args):
            raise NotImplementedError  # what Windows' ProactorEventLoop does

        monkeypatch.setattr(loop, "add_signal_handler", refuse)
        done = asyncio.Event()
        oscompat.on_stop_signals(loop, lambda: (stopped.append(1), done.set()))
        os.kill(os.getpid(), signal.SIGINT)
        await asyncio.wait_for(done.wait(), 5)

    try:
        asyncio.run(main())
    finally:
        signal.signal(signal.SIGINT, old)
    assert stopped == [1]


def test_switching_language_on_windows_runs_the_app_as_a_child(monkeypatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(os, "execv", lambda *a: pytest.fail("execv on Windows leaves the shell fighting the app"))
    seen = []
    monkeypatch.setattr(subprocess, "call", lambda cmd: seen.append(cmd) or 3)
    with pytest.raises(SystemExit) as ended:
        oscompat.restart(["--data-dir", "C:\\Users\\Lene Berg\\TETT PÅ"])
    assert ended.value.code == 3
    assert seen == [[sys.executable, "-m", "tettpa_tui", "--data-dir", "C:\\Users\\Lene Berg\\TETT PÅ"]]


def test_the_port_check_on_windows_does_not_ask_for_a_shared_port(monkeypatch) -> None:
    import socket

    monkeypatch.setattr(sys, "platform", "win32")
    options = []
    real = socket.socket

    class Recording(real):
        def setsockopt(self, level, opt, value):  # noqa: D401
            options.append(opt)
            return super().setsockopt(level, opt, value)

    monkeypatch.setattr(socket, "socket", Recording)
    with real() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert oscompat.port_free("127.0.0.1", port) is False
    assert socket.SO_REUSEADDR not in options


def test_paths_pasted_from_explorer_lose_their_quotes() -> None:
    assert oscompat.typed_path('  "D:\\Sikkerhetskopi TETT PÅ"  ') == Path("D:\\Sikkerhetskopi TETT PÅ")
    assert oscompat.clean_path_text("'/media/usb'") == "/media/usb"
    assert oscompat.clean_path_text('"') == '"'


@pytest.mark.parametrize("name", ["Con", "AUX", "nul", "Com1", "lpt9", "PRN"])
def test_a_department_named_like_a_windows_device_gets_another_folder_name(name: str) -> None:
    slug = slugify(name)
    assert slug.upper() not in {"CON", "PRN", "AUX", "NUL"} | {f"COM{i}" for i in range(1, 10)} | \
        {f"LPT{i}" for i in range(1, 10)}
    assert slug.startswith(name.lower()) and slugify(name) == slug
    assert slugify("Conkurransen") == "conkurransen"  # only the whole name is reserved


def test_microsoft_store_python_is_found_and_the_real_folder_named(monkeypatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(sys, "executable", "C:\\Program Files\\WindowsApps\\"
                        "PythonSoftwareFoundation.Python.3.12_3.12.2032.0_x64__qbz5n2kfra8p0\\python.exe")
    monkeypatch.setenv("LOCALAPPDATA", "C:\\Users\\lene\\AppData\\Local")
    data = Path("C:\\Users\\lene\\AppData\\Local") / "tettpa"
    real = oscompat.store_python_redirect(data)
    assert real == Path("C:\\Users\\lene\\AppData\\Local") / "Packages" / \
        "PythonSoftwareFoundation.Python.3.12_qbz5n2kfra8p0" / "LocalCache" / "Local" / "tettpa"
    keys = [k for k, _ in placement.warnings(data)]
    assert "placement.store_python" in keys
    monkeypatch.setattr(sys, "executable", "C:\\Python312\\python.exe")
    monkeypatch.setattr(sys, "base_prefix", "C:\\Python312")
    assert oscompat.store_python_redirect(data) is None


def test_a_data_folder_in_onedrive_is_warned_about(monkeypatch, tmp_path: Path) -> None:
    onedrive = tmp_path / "OneDrive - Bærum kommune"
    monkeypatch.setenv("OneDriveCommercial", str(onedrive))
    assert oscompat.synced_folder(onedrive / "Dokumenter" / "tettpa") == "OneDrive"
    assert oscompat.synced_folder(tmp_path / "elsewhere") is None
    monkeypatch.delenv("OneDriveCommercial")
    assert oscompat.synced_folder(Path("/home/x/Dropbox/tettpa")) == "Dropbox"


def test_a_long_data_folder_path_is_warned_about_on_windows(monkeypatch) -> None:
    long = Path("C:\\Users\\lene\\OneDrive - Bærum kommune\\" + "Mappe med et langt navn\\" * 5)
    assert not oscompat.path_too_long(long)  # Linux has no such limit
    monkeypatch.setattr(sys, "platform", "win32")
    assert oscompat.path_too_long(long)
    assert not oscompat.path_too_long(Path("C:\\tettpa"))


def test_powershell_question_marks_are_refused_on_windows_only(monkeypatch) -> None:
    text = "B?ten l? ved bryggen, og jeg sa til jenta at vi kunne se p? den."
    assert not oscompat.pipe_lost_letters(text)
    monkeypatch.setattr(sys, "platform", "win32")
    assert oscompat.pipe_lost_letters(text)
    assert not oscompat.pipe_lost_letters("Hva skjer? Jeg vet ikke.")


def test_output_to_a_file_is_utf8_even_where_the_system_says_cp1252(tmp_path: Path) -> None:
    # Windows encodes output that is not a console in its ANSI code page; imitated here.
    data = tmp_path / "data"
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "TETTPA_DATA_DIR": str(data)}
    base = [sys.executable, "-m", "tettpa_tui"]
    subprocess.run([*base, "department", "create", "Solsikken/Blåklokka", "--age-group", "toddler",
                    "--staff", "Ingrid Solberg=leader"], env=env, check=True, capture_output=True)
    story = "Jeg satt med jenta 🌷 i garderoben, og hun lo da votten kom fram igjen. ⏎ ✓"
    added = subprocess.run([*base, "story", "add", "Solsikken/Blåklokka", "--author", "Ingrid Solberg",
                            "--file", "-"], env=env, input=story.encode("utf-8"), capture_output=True)
    assert added.returncode == 0, added.stderr.decode("utf-8", "replace")
    listed = subprocess.run([*base, "story", "list", "Solsikken/Blåklokka", "--json"], env=env, capture_output=True)
    assert listed.returncode == 0, listed.stderr.decode("utf-8", "replace")
    (row,) = json.loads(listed.stdout.decode("utf-8"))
    assert row["text"] == story


def test_a_passphrase_file_saved_with_a_bom_gives_the_passphrase_without_it(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from tettpa_tui.cli.backup import read_passphrase

    f = tmp_path / "pass.txt"
    f.write_bytes("\ufeffblå sykkel i regnet\r\n".encode("utf-8"))
    args = SimpleNamespace(passphrase_file=str(f), passphrase_stdin=False)
    assert read_passphrase(args, twice=False) == "blå sykkel i regnet"


def test_in_use_maps_to_its_own_message() -> None:
    assert isinstance(from_os_error("x", oscompat.InUse(16, "busy")), InUse)


def test_check_says_that_the_data_folder_is_in_onedrive_and_still_passes(tmp_path: Path) -> None:
    onedrive = tmp_path / "OneDrive - Bærum kommune"
    data = onedrive / "tettpa"
    env = {**os.environ, "OneDriveCommercial": str(onedrive), "TETTPA_LANG": "nb"}
    base = [sys.executable, "-m", "tettpa_tui", "--data-dir", str(data)]
    subprocess.run([*base, "department", "create", "Solsikken/Blåklokka", "--age-group", "toddler",
                    "--staff", "Ingrid Solberg=leader"], env=env, check=True, capture_output=True)
    proc = subprocess.run([*base, "check"], env=env, capture_output=True, text=True)
    assert proc.returncode == 0
    (line,) = [ln for ln in proc.stderr.splitlines() if "OneDrive" in ln]
    assert "papirkurv" in line and str(data) in line


def test_restore_replace_never_renames_a_folder_windows_would_refuse(tmp_path: Path, monkeypatch) -> None:
    # Windows refuses to rename a folder while a file inside it is open (the department's own
    # .lock is, during a restore): imitated by refusing every folder rename.
    from tests.cli.inprocess import tettpa

    data, backup = tmp_path / "data", tmp_path / "all.tettpa-backup"
    (tmp_path / "pass").write_text("correct horse battery\n", encoding="utf-8")
    assert tettpa(monkeypatch, "demo", "--data-dir", str(data), "--create-only").code == 0
    made = tettpa(monkeypatch, "--data-dir", str(data), "backup", "--all", "-o", str(backup),
                  "--passphrase-file", str(tmp_path / "pass"))
    assert made.code == 0, made.err
    story = tettpa(monkeypatch, "--data-dir", str(data), "story", "add", "Solsikken barnehage/Blåklokka",
                   "--author", "Ingrid Solberg", "--file", "-", stdin="Jeg satt med barna i dag.".encode())
    assert story.code == 0, story.err
    real_replace, real_rename = os.replace, os.rename

    def refuse_folders(real):
        def move(src, dst, *a, **k):
            if Path(src).is_dir():
                raise PermissionError(13, "Access is denied (a file inside is open)", str(src))
            return real(src, dst, *a, **k)
        return move

    monkeypatch.setattr(os, "replace", refuse_folders(real_replace))
    monkeypatch.setattr(os, "rename", refuse_folders(real_rename))
    done = tettpa(monkeypatch, "--data-dir", str(data), "restore", str(backup), "--passphrase-file",
                  str(tmp_path / "pass"), "--replace", "--json")
    assert done.code == 0, done.err
    assert json.loads(done.out)["replaced"] == ["Solsikken barnehage/Blåklokka"]
