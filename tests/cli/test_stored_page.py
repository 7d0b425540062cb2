"""The page a privacy officer reads ("Hva lagres"): it names every file and folder the app
writes, in both languages, and its facts come from the code and this data folder."""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import TODAY
from tests.crashpoints import run_killed
from tettpa_tui.i18n import set_language
from tettpa_tui.store import Store

PATH = "Solsikken barnehage/Blåklokka"
PASSPHRASE = "korrekt hest batteri"


def _cli(*args: str, data: Path, today: str = TODAY.isoformat(), stdin: str | None = None, at: int = 0):
    got = run_killed(at, *args, data=data, stdin=stdin, env={"TETTPA_TODAY": today})
    if not at:
        assert got.proc.returncode == 0, (args, got.proc.stderr)
    return got


def _listing(root: Path) -> set[tuple[Path, bool]]:
    """Every path in the folder, and whether it is a folder."""
    seen = set()
    for dirpath, dirs, names in os.walk(root):
        seen |= {((Path(dirpath) / n).relative_to(root), True) for n in dirs}
        seen |= {((Path(dirpath) / n).relative_to(root), False) for n in names}
    return seen


def _kind(rel: Path, is_dir: bool, lang: str) -> str:
    """What the page must name for this path: the store's own (dot) file or folder it is
    in, or the file's name (a month file by its pattern)."""
    for i, part in enumerate(rel.parts):
        if part.startswith(".restoring-"):
            return ".restoring-"
        if re.fullmatch(r"\..+\.[0-9a-z_]+\.tmp", part):
            return ".tmp"
        if part.startswith("."):
            return part + "/" if (is_dir or i < len(rel.parts) - 1) else part
    if re.fullmatch(r"\d{4}-\d{2}\.json", rel.name):
        return "<ÅÅÅÅ-MM>.json" if lang == "nb" else "<YYYY-MM>.json"
    if is_dir:
        return ""  # a kindergarten's or department's folder: <barnehage>/<avdeling>
    return rel.name


@pytest.fixture(scope="module")
def everything(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[Path], Path, Path]:
    """A data folder after a representative set of operations, and every path that was
    ever in it (looked at after each step, so work folders that come and go count too)."""
    from tettpa_tui.services import backup as service
    from tettpa_tui.store.storage import backup as copy_before_upgrade

    base = tmp_path_factory.mktemp("stored")
    root, backups, shared, out = base / "data", base / "backups", base / "shared", base / "out"
    out.mkdir()
    seen: set[tuple[Path, bool]] = set()

    def step(*args: str, **kw) -> None:
        _cli(*args, data=root, **kw)
        seen.update(_listing(root))

    step("demo", "--create-only")
    step("story", "add", PATH, "--author", "Ingrid Solberg", "--file", "-", stdin="Jeg satt med barnet.")
    step("staff", "code", PATH, "Ingrid Solberg")
    step("retention", "set", PATH, "--unused-months", "4")
    os.environ["TETTPA_TODAY"] = TODAY.isoformat()
    store = Store(root)
    service.choose_folder(store, backups, PASSPHRASE)
    service.backup_now(store, datetime(2026, 11, 30, 12, 0))
    copy_before_upgrade(root / "solsikken-barnehage" / "blaklokka" / "department.json", "v1")  # as a migration does
    from tettpa_tui.domain.signins import SignInEvent, SignInRecord  # as the phone page records a sign-in

    dept = store.department(PATH)
    store.record_sign_in(dept, SignInRecord(datetime(2026, 11, 30, 9), dept.staff[0].id, SignInEvent.SIGNED_IN))
    seen.update(_listing(root))
    passfile = base / "pass.txt"
    passfile.write_text(PASSPHRASE + "\n", encoding="utf-8")
    step("backup", "--all", "-o", str(out / "all.tettpa-backup"), "--passphrase-file", str(passfile))
    step("restore", str(out / "all.tettpa-backup"), "--replace", "--passphrase-file", str(passfile))
    step("report", "folder", str(shared))
    step("report", "export", "Solsikken barnehage", "-o", str(out / "report.json"))
    step("meeting", "export", PATH, "latest", "--format", "md", "-o", str(out / "minutes.md"))
    step("person", "export", PATH, "Amina Yusuf", "-o", str(out))
    marked = Store(root)  # they have left (x in the app): only then are their data erased
    for name in ("Amina Yusuf", "Per Kristiansen"):
        marked.retire_staff(marked.department(PATH), marked.department(PATH).find_member(name).id)
    seen.update(_listing(root))
    step("person", "erase", PATH, "Amina Yusuf", "--yes")
    step("retention", "apply", PATH, today="2029-06-01")
    # Interrupted operations: a restore and an erasure killed half-way, then finished.
    _cli("restore", str(out / "all.tettpa-backup"), "--replace", "--passphrase-file", str(passfile), data=root, at=4)
    seen.update(_listing(root))
    _cli("person", "erase", PATH, "Per Kristiansen", "--yes", data=root, at=3)
    seen.update(_listing(root))
    step("check")
    return root, seen, backups, shared


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_page_names_every_file_and_folder_the_app_writes(everything, lang: str) -> None:
    from tettpa_tui.services.stored_page import page

    root, seen, backups, shared = everything
    set_language(lang)
    try:
        text = page(Store(root), lang)
    finally:
        set_language("nb")
    kinds = {_kind(rel, is_dir, lang) for rel, is_dir in seen} - {""}
    assert {".backups/", ".replaced/", ".backup-key", ".journal/", ".restoring-", "erasures.jsonl",
            "signins.json"} <= kinds
    missing = sorted(k for k in kinds if k not in text)
    assert missing == [], missing
    # Where data leaves the data folder: this folder's own backup and shared folders, by name.
    assert str(backups) in text and str(shared) in text and ".tettpa-report.json" in text
    assert str(root) in text


def test_the_page_tells_no_old_untruths_and_its_periods_come_from_the_rules() -> None:
    from tettpa_tui.services import retention
    from tettpa_tui.services.stored_page import page

    for lang in ("nb", "en"):
        text = page(None, lang)
        assert "$" not in text  # every fact filled in
        assert not re.search(r"(?<!\.)backups/", text)  # the folder is .backups/
        for wrong in ("Ingenting sendes noe sted", "Nothing is sent anywhere", "tilgangskode", "access code",
                      "poeng", "points"):
            assert wrong not in text, (lang, wrong)
        rules = retention.defaults()
        for months in (rules.used_months, rules.draft_months, rules.unused_months):
            assert f"**{months} " in text
    nb = page(None, "nb")
    assert "personlige kode" in nb and "skårer" in nb and "ikke valgt" in nb
