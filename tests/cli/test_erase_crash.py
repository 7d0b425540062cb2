"""`retention apply` and `person erase` killed at EVERY write point (tests/crashpoints.py).

After each kill: `check` exits 0 and says no file is broken, a rerun of the same
command completes the erasure, every erasure is logged exactly once, nothing
else is lost, and no copy of an erased text or name is left anywhere in the
data folder: every file is searched byte by byte, and the app's own encrypted
copies (.replaced/) are decrypted with the key kept here and searched too.
The figures (write points, kills) are printed with -s.
"""

from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import TODAY
from tests.crashpoints import every_kill, run_killed
from tettpa_tui.services.demo import create_demo
from tettpa_tui.store import Store

PATH = "Solsikken barnehage/Blåklokka"
NAME = "Ingrid Solberg"
MARKER = "Zebrafinkeunge"  # a word found only in the story texts that go
PROJECT = "Samlingsstund som alle"  # the title of Ingrid's mikroprosjekt (the demo's), which goes too
LATER = "2029-06-01"  # two and a half years on: every rule has come due
PASSPHRASE = "korrekt hest batteri"


def _cli(*args: str, data: Path, today: str = TODAY.isoformat(), stdin: str | None = None):
    return run_killed(0, *args, data=data, stdin=stdin, env={"TETTPA_TODAY": today}).proc


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with the demo, a story of Ingrid's and an unused handed-in story with
    the marker, and every kind of copy the app keeps: .backups/ beside the files, an
    encrypted .replaced/ copy, a killed restore's .restoring-* folder; and a backup folder."""
    from tettpa_tui.services import backup as service
    from tettpa_tui.store import backup as files

    base = tmp_path_factory.mktemp("erase-crash")
    root = base / "data"
    os.environ["TETTPA_TODAY"] = TODAY.isoformat()
    store = Store(root)
    create_demo(store, TODAY)
    for text in (f"Ingrid skrev om {MARKER} i garderoben.", f"En levert {MARKER} som ingen tok opp."):
        got = _cli("story", "add", PATH, "--author", NAME, "--file", "-", data=root, stdin=text)
        assert got.returncode == 0, got.stderr
    marked = Store(root)  # she has left (x in the app): only then are her data erased
    marked.retire_staff(marked.department(PATH), marked.department(PATH).find_member(NAME).id)
    dept_dir = root / "solsikken-barnehage" / "blaklokka"
    (dept_dir / ".backups").mkdir(mode=0o700)
    for f in sorted(dept_dir.glob("*.json")):
        shutil.copy(f, dept_dir / ".backups" / f"{f.stem}.v1.20261201-000000-000000.json")
    stage = root / ".restoring-0badc0de" / "old" / "solsikken-barnehage" / "blaklokka"
    stage.mkdir(parents=True)
    for f in sorted(dept_dir.glob("*.json")):
        shutil.copy(f, stage / f.name)
    service.choose_folder(store, base / "backups", PASSPHRASE)
    service.backup_now(store, datetime(2026, 11, 30, 12, 0))
    found, departments = files.collect(store, files.Scope("all"))
    files.write_backup(files.replaced_target(store, datetime(2026, 11, 30, 12, 5)),
                       files.manifest_for(found, files.Scope("all"), departments, datetime(2026, 11, 30), "t"),
                       found, files.load_key(store))
    return root


def _fresh(template: Path, target: Path) -> None:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(template, target, symlinks=True)


def _everything(root: Path) -> list[tuple[str, bytes]]:
    """Every file in the data folder, the app's encrypted copies decrypted (each file in them)."""
    from tettpa_tui.store import backup as files

    key = files.load_key(Store(root))
    out = []
    for dirpath, _dirs, names in os.walk(root):
        for n in names:
            path = Path(dirpath) / n
            if n.endswith(files.SUFFIX):
                opened = files.open_backup(path, None, key)
                out += [(f"{path.relative_to(root)}:{rel}", raw) for rel, raw in opened.files.items()]
            else:
                out.append((str(path.relative_to(root)), path.read_bytes()))
    return out


def _holding(root: Path, *needles: str) -> list[str]:
    return sorted({where for where, raw in _everything(root) for s in needles if s.encode("utf-8") in raw})


def _stories(root: Path, today: str) -> dict[str, dict]:
    got = _cli("story", "list", PATH, "--json", data=root, today=today)
    assert got.returncode == 0, got.stderr
    return {s["id"]: s for s in json.loads(got.stdout)}


def _log(root: Path) -> list[dict]:
    got = _cli("retention", "log", PATH, "--json", data=root)
    assert got.returncode == 0, got.stderr
    return json.loads(got.stdout)


def _check(root: Path) -> None:
    got = _cli("check", data=root)
    assert got.returncode == 0 and "Traceback" not in got.stderr, got.stderr


def test_person_erase_killed_at_every_write_point(template: Path, tmp_path: Path) -> None:
    root = tmp_path / "data"
    _fresh(template, root)
    before = _stories(root, TODAY.isoformat())
    ingrid = {i for i, s in before.items() if s["author"] == NAME}
    others = {i: s["text"] for i, s in before.items() if s["author"] != NAME}
    meetings = _cli("meeting", "list", PATH, "--json", data=root).stdout
    assert _holding(root, NAME, MARKER, PROJECT)  # the scene holds them everywhere before
    args = ("person", "erase", PATH, NAME, "--yes")
    kills = 0
    for n, got in every_kill(args, data=root, before=lambda: _fresh(template, root)):
        if got.killed:
            kills += 1
            _check(root)
            if n % 2:  # another command opens the folder first and finishes the erasure
                _cli("retention", "apply", "Solsikken barnehage/Humla", data=root)
            rerun = _cli(*args, data=root)
            assert rerun.returncode == 0, (n, rerun.stdout, rerun.stderr)
            assert "Traceback" not in rerun.stderr
        else:
            assert got.proc.returncode == 0, got.proc.stderr
        after = _stories(root, TODAY.isoformat())
        assert set(after) == set(before), n  # nothing else lost
        assert {i: after[i]["text"] for i in others} == others, n
        assert all(after[i]["text"] == "" and after[i]["author"] == "tidligere ansatt" for i in ingrid), n
        listed = _cli("meeting", "list", PATH, "--json", data=root)
        assert listed.stdout == meetings.replace(NAME, "tidligere ansatt"), (n, listed.stderr)
        log = _log(root)
        counted = Counter((e["what"], e.get("story") or e.get("person")) for e in log)
        assert all(c == 1 for c in counted.values()), (n, counted)
        assert {s for w, s in counted if w == "story-text"} == ingrid, n
        assert sum(1 for w, _ in counted if w == "person") == 1, n
        ped = json.loads((root / "solsikken-barnehage" / "pedagogmote" / "erasures.jsonl").read_text()
                         .splitlines()[0])
        assert ped["what"] == "person" and len((root / "solsikken-barnehage" / "pedagogmote"
                                                / "erasures.jsonl").read_text().splitlines()) == 1
        assert _holding(root, NAME, MARKER, PROJECT) == [], n
        projects = json.loads(_cli("microproject", "list", PATH, "--json", data=root).stdout)
        assert [(p["status"], p["erased_on"]) for p in projects] == [("open", TODAY.isoformat())], n
        assert not list((root / ".journal").glob("erase*.json")), n
        _check(root)
    print(f"\nperson erase: {n - 1} write points, killed at each ({kills} kills), all finished")
    assert kills == n - 1 >= 8


def test_retention_apply_killed_at_every_write_point(template: Path, tmp_path: Path) -> None:
    root = tmp_path / "data"
    _fresh(template, root)
    due = json.loads(_cli("retention", "apply", PATH, "--dry-run", "--json", data=root, today=LATER).stdout)
    going = {e["story"] for e in due["would_erase"]}
    assert {"used", "draft", "unused"} <= {e["rule"] for e in due["would_erase"]}
    before = _stories(root, LATER)
    texts = [before[i]["text"] for i in going]
    args = ("retention", "apply", PATH)
    env = {"TETTPA_TODAY": LATER}
    kills = 0
    for n, got in every_kill(args, data=root, env=env, before=lambda: _fresh(template, root)):
        if got.killed:
            kills += 1
            _check(root)
            rerun = _cli(*args, data=root, today=LATER)
            assert rerun.returncode == 0, (n, rerun.stderr)
        else:
            assert got.proc.returncode == 0, got.proc.stderr
        after = _stories(root, LATER)
        assert set(after) == set(before), n
        assert all(after[i]["text"] == "" and after[i]["erased_on"] for i in going), n
        assert all(after[i]["text"] == before[i]["text"] for i in set(before) - going), n
        log = [e for e in _log(root) if e["what"] == "story-text"]
        assert sorted(e["story"] for e in log) == sorted(going), n  # each exactly once
        assert _holding(root, MARKER) == [], n
        for where, raw in _everything(root):  # every erased text, in every copy
            if where.endswith(".json") and b'"stories"' in raw:
                for doc in json.loads(raw).get("stories", {}).values():
                    assert not (doc["id"] in going and doc["text"]), (n, where)
        again = json.loads(_cli("retention", "apply", PATH, "--json", data=root, today=LATER).stdout)
        assert again["erased"] == [], n
        assert not list((root / ".journal").glob("erase*.json")), n
        _check(root)
    print(f"\nretention apply: {n - 1} write points, killed at each ({kills} kills), "
          f"{len(going)} texts erased and logged once each time")
    assert kills == n - 1 >= 5 and texts
