"""Where Windows and Linux differ, in one place.

The people who use the app work on Windows laptops; the tests run on Linux. Every
call that exists on one system only (file locks, directory fsync, owner-only
permissions, signal handlers in the event loop, restarting the process) lives
here, behind a function that does the right thing on both. `sys.platform` is read
at call time, so a test can force the Windows branch by patching it; a test
(tests/unit/test_oscompat.py) fails when such a call appears anywhere else.
"""

from __future__ import annotations

import errno
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

# How long a replace onto a file that another program holds open (an antivirus
# scanner, the search indexer, OneDrive, the other tettpa process) is retried.
REPLACE_RETRY_SECONDS = 2.0
# How long a store lock is waited for before the user gets one line about it.
LOCK_WAIT_SECONDS = 30.0
# Windows' classic limit on a whole path, and what the app may add below the data folder
# (kindergarten and department folders, .backups, a temp file's name).
WINDOWS_MAX_PATH = 260
LONGEST_INSIDE = 2 * 60 + len("/.backups/") + len(".department.json.abcdefgh.tmp") + 40


sleep: Callable[[float], None] = time.sleep  # tests replace it with a clock of their own


class InUse(OSError):
    """Another program holds a file or the store's lock for longer than the app waits:
    LOCK_WAIT_SECONDS for the lock, REPLACE_RETRY_SECONDS for a file held open."""


def windows() -> bool:
    return sys.platform == "win32"


# --- files -------------------------------------------------------------------------------


def replace(src: str | os.PathLike, dst: str | os.PathLike) -> None:
    """os.replace, retried briefly on Windows while another program holds `dst` open.

    Windows refuses to replace a file that is open without FILE_SHARE_DELETE (antivirus,
    indexer, sync clients do that for a moment); the old file is untouched meanwhile, so
    waiting and trying again loses nothing. If it is still held then, InUse.
    """
    deadline = time.monotonic() + REPLACE_RETRY_SECONDS
    delay = 0.01
    while True:
        try:
            os.replace(src, dst)
            return
        except PermissionError as exc:
            if not windows():
                raise
            if time.monotonic() >= deadline:
                raise InUse(errno.EBUSY, "held open by another program", str(dst)) from exc
        sleep(delay)
        delay = min(delay * 2, 0.2)


def fsync_dir(path: Path) -> None:
    """Make a rename in `path` durable (POSIX); Windows has no folder handle to fsync."""
    if windows():
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_private_file(path: str | os.PathLike) -> None:
    """Only the user may read `path` (0600). os.chmod by name exists on both systems
    (os.fchmod does not on Windows before Python 3.13); on Windows the folder's
    permissions are what protects it (see make_private_dir)."""
    try:
        os.chmod(path, 0o600)
    except OSError:
        if not windows():
            raise


def make_private_dir(path: Path) -> None:
    """Only the user may open the folder `path`, which the app has just created.

    POSIX: mode 0700. Windows ignores the mode bits, and a folder outside the user's
    profile (a shared drive, C:\\Data) inherits permissions that let others read it; so
    the folder stops inheriting and grants its owner alone full control (icacls, which
    every Windows has). A failure there is not fatal: `check` reports a folder that
    others can read.
    """
    if not windows():
        os.chmod(path, 0o700)
        return
    user = windows_user()
    if not user:
        return
    run_hidden(["icacls", str(path), "/inheritance:r", "/grant:r", f"{user}:(OI)(CI)F", "/q"])


def windows_user() -> str:
    user = os.environ.get("USERNAME", "")
    domain = os.environ.get("USERDOMAIN", "")
    return f"{domain}\\{user}" if user and domain else user


def run_hidden(cmd: list[str]):
    """Run a small system tool without a window flashing up (its CompletedProcess);
    None if it could not run."""
    import subprocess

    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=15, creationflags=flags)
    except (OSError, subprocess.SubprocessError):
        return None


# Accounts that may always read a user's folder on Windows: the user, the system, admins.
_TRUSTED_ACL = re.compile(r"(NT AUTHORITY\\SYSTEM|BUILTIN\\Administrators|CREATOR OWNER)", re.I)


def others_can_read(path: Path) -> bool:
    """Whether accounts other than the user (and the system) may open `path`."""
    if not windows():
        try:
            return bool(os.stat(path).st_mode & 0o077)
        except OSError:
            return False
    result = run_hidden(["icacls", str(path)])
    if result is None or result.returncode != 0:
        return False  # cannot tell: say nothing rather than something untrue
    user = windows_user().casefold()
    bare = user.rsplit("\\", 1)[-1]
    for line in result.stdout.splitlines():
        line = line.replace(str(path), "", 1).strip()
        if ":(" not in line:
            continue
        account = line.split(":(", 1)[0].strip()
        if _TRUSTED_ACL.fullmatch(account) or account.casefold() in (user, bare) \
                or account.casefold().endswith("\\" + bare):
            continue
        return True
    return False


# --- locks -------------------------------------------------------------------------------


def lock_fd(fd: int, timeout: float | None = None) -> None:
    """Take the exclusive lock on the open lock file `fd`, waiting at most `timeout`.

    Windows: msvcrt's blocking lock tries ten times a second apart and then raises a
    bare OSError, and freezes the screen for that second on any wait; so it is polled
    with short sleeps instead. POSIX: flock, polled the same way. InUse when another
    program keeps the lock longer.
    """
    deadline = time.monotonic() + (LOCK_WAIT_SECONDS if timeout is None else timeout)
    delay = 0.002
    while True:
        if _try_lock(fd):
            return
        if time.monotonic() >= deadline:
            raise InUse(errno.EBUSY, "lock held by another program")
        sleep(delay)
        delay = min(delay * 2, 0.05)


def _try_lock(fd: int) -> bool:
    if windows():
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def unlock_fd(fd: int) -> None:
    if windows():
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


# --- processes ---------------------------------------------------------------------------


def restart(argv: list[str]) -> NoReturn:
    """Start `python -m tettpa_tui ARGV` in place of this process.

    POSIX replaces the process (execv). On Windows execv ends this process and starts
    another beside it, so the shell's prompt comes back and fights the new app for the
    console; there the new app runs as a child in the same console, and this process
    waits for it and leaves with its exit code. A list of arguments, never one string:
    paths with spaces stay whole.
    """
    cmd = [sys.executable, "-m", "tettpa_tui", *argv]
    if windows():
        import subprocess

        try:
            code = subprocess.call(cmd)
        except KeyboardInterrupt:
            code = 130
        raise SystemExit(code)
    sys.stdout.flush()
    os.execv(sys.executable, cmd)


def on_stop_signals(loop, callback: Callable[[], None]) -> None:
    """Call `callback` in `loop` on Ctrl+C and on the system asking the program to stop.

    POSIX: SIGINT and SIGTERM through the loop. Windows' event loop has no
    add_signal_handler; there Ctrl+C (SIGINT) and Ctrl+Break (SIGBREAK, also what
    closing the console window sends) go through signal.signal, which hands the call to
    the loop's thread.
    """
    import signal

    if not windows():
        try:
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(sig, callback)
            return
        except (NotImplementedError, RuntimeError):
            pass
    for name in ("SIGINT", "SIGBREAK", "SIGTERM"):
        sig = getattr(signal, name, None)
        if sig is not None:
            try:
                signal.signal(sig, lambda *_: loop.call_soon_threadsafe(callback))
            except (ValueError, OSError):  # not the main thread, or not a signal here
                pass


def port_free(host: str, port: int) -> bool:
    """Whether `tettpa serve` could bind (host, port) now.

    On POSIX SO_REUSEADDR lets a restarted server take its port back at once. On
    Windows the same option lets a second program bind a port that is in use, so the
    check would pass and the real bind then fail: there SO_EXCLUSIVEADDRUSE is asked.
    """
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        if windows():
            exclusive = getattr(socket, "SO_EXCLUSIVEADDRUSE", None)
            if exclusive is not None:
                s.setsockopt(socket.SOL_SOCKET, exclusive, 1)
        else:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


# --- text in and out ---------------------------------------------------------------------


def utf8_output() -> None:
    """Write UTF-8 to a pipe or a file.

    On Windows, output that is not a console is encoded in the ANSI code page
    (cp1252): an emoji in a story, or the symbols the app shows for control characters,
    would stop `tettpa story list > out.txt` with UnicodeEncodeError. A console is left
    as Python set it up (it writes Unicode to the console directly).
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            encoding = (getattr(stream, "encoding", "") or "").replace("-", "").lower()
            if encoding != "utf8" and not stream.isatty():
                stream.reconfigure(encoding="utf-8")
        except (AttributeError, ValueError, OSError):
            pass


_LOST_LETTER = re.compile(r"[^\W\d_]\?[^\W\d_]")


def pipe_lost_letters(text: str) -> bool:
    """Whether text piped in on Windows looks like Windows PowerShell ate its æøå.

    Windows PowerShell 5.1 sends text to a program in ASCII, so "Båten" arrives as
    "B?ten": a question mark between two letters. On other systems nothing is suspected.
    """
    return windows() and bool(_LOST_LETTER.search(text))


def clean_path_text(text: str) -> str:
    """A path as typed or pasted: Explorer's "Copy as path" puts it in double quotes."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        text = text[1:-1].strip()
    return text


def typed_path(text: str) -> Path:
    """The folder or file a user typed or pasted into a field, as a path."""
    return Path(clean_path_text(text)).expanduser()


# --- where the data lives ----------------------------------------------------------------

_STORE_PYTHON = re.compile(r"\\WindowsApps\\(?P<name>[^_\\]+)_[^\\]*__(?P<publisher>[a-z0-9]+)\\", re.I)


def store_python_redirect(path: Path) -> Path | None:
    """Where Windows really keeps `path` when Python came from the Microsoft Store.

    Such a Python runs as a packaged app, and Windows quietly moves what it writes under
    %LOCALAPPDATA% into the package's own folder, which resetting or removing Python
    deletes. Returns that real folder, or None when nothing is redirected.
    """
    if not windows():
        return None
    match = _STORE_PYTHON.search(str(Path(sys.executable)) + "\\") or _STORE_PYTHON.search(sys.base_prefix + "\\")
    local = os.environ.get("LOCALAPPDATA")
    if not match or not local:
        return None
    try:
        inside = Path(path).relative_to(Path(local))
    except ValueError:
        return None
    family = f"{match['name']}_{match['publisher']}"
    return Path(local) / "Packages" / family / "LocalCache" / "Local" / inside


_SYNC_ENV = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")
_SYNC_NAMES = re.compile(r"^(OneDrive( - .*)?|Dropbox|Google Drive|My Drive|iCloud ?Drive|Box)$", re.I)


def synced_folder(path: Path) -> str | None:
    """The name of the sync service whose folder holds `path`, if any.

    Such a service keeps its own copies (version history, recycle bin) of every file,
    erased texts included, for weeks, outside the app's reach.
    """
    path = Path(os.path.abspath(path))
    for var in _SYNC_ENV:
        root = os.environ.get(var)
        if root:
            try:
                path.relative_to(Path(os.path.abspath(root)))
                return "OneDrive"
            except ValueError:
                pass
    for part in path.parts:
        if _SYNC_NAMES.match(part):
            return part.split(" - ")[0]
    return None


def path_too_long(data_dir: Path) -> bool:
    """Whether files deep in `data_dir` could pass Windows' 260-character path limit."""
    return windows() and len(os.path.abspath(data_dir)) + LONGEST_INSIDE > WINDOWS_MAX_PATH


def process_alive(host: str, port: int) -> bool:
    """Whether something still answers at (host, port): a server whose window was
    closed cannot say that it stopped, so the address it left is tried instead."""
    import socket

    try:
        with socket.create_connection((host, port), timeout=0.3):
            return True
    except OSError:
        return False
