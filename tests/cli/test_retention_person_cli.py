"""Retention and a person's data, driven by TETTPA_TODAY: what is erased, where, and that every view still works."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import TODAY
from tettpa_tui.services.demo import create_demo
from tettpa_tui.store import Store

PATH = "Solsikken barnehage/Blåklokka"


def run(*args: str, data: Path, today: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "TETTPA_TODAY": today}
    return subprocess.run([sys.executable, "-m", "tettpa_tui", *args, "--data-dir", str(data)],
                          capture_output=True, text=True, env=env, timeout=60, input=stdin)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    create_demo(Store(root), TODAY)
    return root


def stories(data: Path, today: str) -> list[dict]:
    proc = run("story", "list", PATH, "--json", data=data, today=today)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_texts_are_erased_by_the_rules_everywhere_and_logged(data: Path) -> None:
    used = [s for s in stories(data, "2026-12-01") if s["status"] == "used"]
    assert used and all(s["text"] for s in used)
    phrase = " ".join(used[0]["text"].split()[3:6])
    # a copy of that month's file in .backups/ (as a migration leaves one)
    folder = data / "solsikken-barnehage" / "blaklokka"
    (folder / ".backups").mkdir()
    month_file = folder / f"{used[0]['month']}.json"
    (folder / ".backups" / f"{used[0]['month']}.v1.20261201.json").write_bytes(month_file.read_bytes())

    # Eleven months after the meeting: nothing yet, but the warning counts them.
    early = run("retention", "show", PATH, "--json", data=data, today="2027-10-20")
    assert json.loads(early.stdout)["soon"]
    dry = run("retention", "apply", PATH, "--dry-run", data=data, today="2027-11-30")
    assert dry.returncode == 0 and "6" in dry.stdout
    assert all(s["text"] for s in stories(data, "2027-11-30") if s["status"] == "used")

    done = run("retention", "apply", PATH, "--json", data=data, today="2027-11-30")
    erased = json.loads(done.stdout)["erased"]
    assert {e["rule"] for e in erased} == {"used", "draft", "unused"}
    after = {s["id"]: s for s in stories(data, "2027-11-30")}
    for e in erased:
        assert after[e["story"]]["text"] == "" and after[e["story"]]["erased_on"] == "2027-11-30"
        assert after[e["story"]]["author"] and after[e["story"]]["dimension"]  # the rest stays
    assert phrase not in month_file.read_text(encoding="utf-8")
    assert phrase not in (folder / ".backups" / f"{used[0]['month']}.v1.20261201.json").read_text(encoding="utf-8")
    search = run("search", PATH, phrase, "--json", data=data, today="2027-11-30")
    assert search.returncode == 0
    assert not {h["story_id"] for h in json.loads(search.stdout)} & {e["story"] for e in erased}
    minutes = run("meeting", "export", PATH, "latest", "--format", "md", "--with-stories", data=data, today="2027-11-30")
    assert "tekst slettet tirsdag 30. november 2027" in minutes.stdout.replace("\\", "")
    log = json.loads(run("retention", "log", PATH, "--json", data=data, today="2027-11-30").stdout)
    assert len(log) == len(erased) and {e["rule"] for e in log} == {"used", "draft", "unused"}
    assert all("text" not in e for e in log)
    again = run("retention", "apply", PATH, "--json", data=data, today="2027-11-30")
    assert json.loads(again.stdout)["erased"] == []  # once is enough


def test_a_story_handed_in_that_no_meeting_took_up_is_not_kept_forever(data: Path) -> None:
    handed_in = [s for s in stories(data, "2026-12-01") if s["status"] == "submitted"]
    assert len(handed_in) == 3 and all(s["text"] for s in handed_in)
    shown = run("retention", "show", PATH, data=data, today="2026-12-01")
    assert "leverte fortellinger som ingen møter tok opp, 6 måneder etter møtemåneden" in shown.stdout
    en = run("retention", "show", PATH, "--lang", "en", data=data, today="2026-12-01")
    assert "a story handed in that no meeting took up 6 months after its meeting month" in en.stdout
    # Two and a half years later, never taken up: erased by the rule, and logged like the others.
    done = run("retention", "apply", PATH, "--json", data=data, today="2029-06-01")
    assert done.returncode == 0, done.stderr
    erased = {e["story"]: e for e in json.loads(done.stdout)["erased"]}
    assert {s["id"] for s in handed_in} <= set(erased)
    assert {erased[s["id"]]["rule"] for s in handed_in} == {"unused"}
    assert {erased[s["id"]]["due"] for s in handed_in} == {"2027-07-01"}  # December over, six months on
    after = {s["id"]: s for s in stories(data, "2029-06-01")}
    assert all(after[s["id"]]["text"] == "" for s in handed_in)
    for s in handed_in:
        assert s["text"].encode("utf-8") not in (data / "solsikken-barnehage" / "blaklokka" / "2026-12.json").read_bytes()
    log = json.loads(run("retention", "log", PATH, "--json", data=data, today="2029-06-01").stdout)
    assert sorted(e["story"] for e in log if e["rule"] == "unused") == sorted(s["id"] for s in handed_in)
    # The department can set its own limit for them, checked like the others.
    bad = run("retention", "set", PATH, "--unused-months", "0", data=data, today="2029-06-01")
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    ok = run("retention", "set", PATH, "--unused-months", "2", data=data, today="2029-06-01")
    assert ok.returncode == 0 and "2 måneder etter møtemåneden" in ok.stdout


def test_department_can_set_its_own_limits(data: Path) -> None:
    bad = run("retention", "set", PATH, "--used-months", "0", data=data, today="2026-12-01")
    assert bad.returncode == 1 and "Traceback" not in bad.stderr and len(bad.stderr.strip().splitlines()) == 1
    ok = run("retention", "set", PATH, "--used-months", "1", data=data, today="2026-12-01")
    assert ok.returncode == 0, ok.stderr
    shown = json.loads(run("retention", "show", PATH, "--json", data=data, today="2026-12-04").stdout)
    assert shown["used_months"] == 1 and shown["draft_months"] == 3
    assert len(shown["due"]) == 2  # the November meeting's two stories, a month on


def retire(data: Path, path: str, name: str) -> None:
    """Mark a person as left, as `x` on the app's home screen does."""
    store = Store(data)
    dept = store.department(path)
    store.retire_staff(dept, dept.find_member(name).id)


def test_person_export_and_erase_round_trip_through_every_view(tmp_path: Path, data: Path) -> None:
    today = "2026-12-01"
    name = "Amina Yusuf"
    out = tmp_path / "export"
    out.mkdir()  # -o never makes a folder
    hostile = "Jeg skrev <script>alert(1)</script> og [@click=app.quit]x[/] og [lenke](javascript:alert(1))."
    added = run("story", "add", PATH, "--author", name, "--file", "-", data=data, today=today, stdin=hostile)
    assert added.returncode == 0, added.stderr
    exp = run("person", "export", PATH, name, "-o", str(out), data=data, today=today)
    assert exp.returncode == 0, exp.stderr
    exported = json.loads((out / "amina-yusuf.json").read_text(encoding="utf-8"))
    assert exported["person"]["name"] == name and exported["stories"]
    assert any(m["turns"] for m in exported["meetings"])
    page = (out / "amina-yusuf.html").read_text(encoding="utf-8")
    assert "<script" not in page and name in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and 'href="javascript' not in page

    before = {f: f.read_bytes() for f in data.rglob("*") if f.is_file()}
    active = run("person", "erase", PATH, name, "--yes", data=data, today=today)  # she still works here
    assert active.returncode == 1 and len(active.stderr.strip().splitlines()) == 1 and active.stdout == ""
    assert "ikke markert som sluttet" in active.stderr and "Traceback" not in active.stderr
    assert {f: f.read_bytes() for f in data.rglob("*") if f.is_file()} == before  # nothing changed
    unknown = run("staff", "leave", PATH, "Ingen Slik", data=data, today=today)
    assert unknown.returncode == 1 and "Finner ingen ansatt" in unknown.stderr
    left = run("staff", "leave", PATH, name, data=data, today=today)  # as x on the app's home screen
    assert left.returncode == 0 and "markert som sluttet" in left.stdout, left.stderr
    assert Store(data).department(PATH).find_member(name) is None  # no longer among those working here
    refused = run("person", "erase", PATH, name, data=data, today=today)  # no one to ask
    assert refused.returncode == 2 and "--yes" in refused.stderr
    gone = run("person", "erase", PATH, name, "--yes", data=data, today=today)
    assert gone.returncode == 0, gone.stderr
    assert "tidligere ansatt" in gone.stdout

    meeting_id = json.loads(run("meeting", "list", PATH, "--json", data=data, today=today).stdout)[0]["id"]
    texts = [s for s in stories(data, today) if s["author"] == "tidligere ansatt"]
    assert texts and all(s["text"] == "" for s in texts)
    for args in (("meeting", "list", PATH), ("meeting", "show", PATH, meeting_id),
                 ("meeting", "export", PATH, "latest", "--format", "html", "--with-stories"),
                 ("search", PATH, "jeg"), ("overview", "Solsikken barnehage"), ("story", "list", PATH),
                 ("department", "list"), ("check",)):
        proc = run(*args, data=data, today=today)
        assert proc.returncode == 0, (args, proc.stderr)
        assert name not in proc.stdout, args
    shown = run("meeting", "show", PATH, meeting_id, "--json", data=data, today=today)
    record = json.loads(shown.stdout)
    assert "tidligere ansatt" in json.dumps(record, ensure_ascii=False)
    assert any(tr["note"] for tr in record["turns"])  # other people's notes stay
    log = json.loads(run("retention", "log", PATH, "--json", data=data, today=today).stdout)
    assert any(e["what"] == "person" for e in log)


def test_a_leader_is_erased_from_the_pedagogue_meeting_too(tmp_path: Path, data: Path) -> None:
    from tettpa_tui.workspace import Workspace

    store = Store(data)
    ws = Workspace(store)
    dept = store.department(PATH)
    ped = ws.pedagogue_department(dept.kindergarten, "Pedagogmøte", TODAY)
    assert ped.find_member("Ingrid Solberg") is not None
    exp = run("person", "export", PATH, "Ingrid Solberg", "-o", str(tmp_path), data=data, today="2026-12-01")
    assert exp.returncode == 0, exp.stderr
    exported = json.loads((tmp_path / "ingrid-solberg.json").read_text(encoding="utf-8"))
    assert exported["pedagogue_meeting"]["department"].endswith("Pedagogmøte")
    ws.hand_in_new(ped, ped.find_member("Ingrid Solberg"), datetime(2026, 11, 20, 9), "Jeg satt med barna.")
    in_ped = ws.store.meetings(ped)
    retire(data, PATH, "Ingrid Solberg")
    texts = sum(1 for d in (store.department(PATH), ped) for s in store.stories(d)
                if s.author_id == dept.find_member("Ingrid Solberg").id and s.text)
    assert texts >= 2  # hers in the department and the one in the pedagogue meeting
    gone = run("person", "erase", PATH, "Ingrid Solberg", "--yes", data=data, today="2026-12-01")
    # The preview counts what goes in the pedagogue meeting too.
    assert f"Fortellingstekster som slettes: {texts}." in gone.stdout, (gone.stdout, in_ped)
    assert gone.returncode == 0, gone.stderr
    ped = ws.pedagogue_department(dept.kindergarten, "Pedagogmøte", TODAY)  # as the app opens it
    assert ped.find_member("Ingrid Solberg") is None
    assert store.department(PATH).find_member("Ingrid Solberg") is None


def test_the_erasure_log_moves_with_a_backup_and_a_restore_never_drops_it(tmp_path: Path, data: Path) -> None:
    today = "2026-12-01"
    passfile = tmp_path / "pass.txt"
    passfile.write_text("korrekt hest batteri\n", encoding="utf-8")
    old = tmp_path / "before.tettpa-backup"  # made before anything was erased
    assert run("backup", "--all", "-o", str(old), "--passphrase-file", str(passfile), data=data,
               today=today).returncode == 0
    name = "Amina Yusuf"
    ids = {s["id"] for s in stories(data, today) if s["author"] == name and s["text"]}
    assert ids
    retire(data, PATH, name)
    gone = run("person", "erase", PATH, name, "--yes", data=data, today=today)
    assert gone.returncode == 0, gone.stderr
    logged = json.loads(run("retention", "log", PATH, "--json", data=data, today=today).stdout)
    assert any(e["what"] == "person" for e in logged)
    new = tmp_path / "after.tettpa-backup"
    assert run("backup", "--all", "-o", str(new), "--passphrase-file", str(passfile), data=data,
               today=today).returncode == 0

    # A new laptop: the log comes along.
    laptop = tmp_path / "laptop"
    proc = run("restore", str(new), "--passphrase-file", str(passfile), data=laptop, today=today)
    assert proc.returncode == 0, proc.stderr
    moved = json.loads(run("retention", "log", PATH, "--json", data=laptop, today=today).stdout)
    assert moved == logged

    # An older backup restored over it: the log is merged, not dropped, and what it says was
    # erased stays erased (the old backup still held the name and the texts).
    proc = run("restore", str(old), "--passphrase-file", str(passfile), "--replace", data=data, today=today)
    assert proc.returncode == 0, proc.stderr
    after = json.loads(run("retention", "log", PATH, "--json", data=data, today=today).stdout)
    assert after == logged
    folder = data / "solsikken-barnehage" / "blaklokka"
    for f in folder.glob("*.json"):
        raw = f.read_text(encoding="utf-8")
        assert name not in raw, f
        for doc in json.loads(raw).get("stories", {}).values():
            assert not (doc["id"] in ids and doc["text"]), f
    assert all(s["text"] == "" for s in stories(data, today) if s["id"] in ids)


def test_person_erase_says_what_backups_keep_and_reaches_the_copies_here(tmp_path: Path, data: Path) -> None:
    from datetime import datetime

    from tettpa_tui.services import backup
    from tettpa_tui.store import backup as files

    store = Store(data)
    backup.choose_folder(store, tmp_path / "backups", "korrekt hest batteri")
    old = backup.backup_now(store, datetime(2026, 11, 1, 12, 0))
    # A copy .replaced/ holds that this machine cannot open (another passphrase): it cannot be
    # erased in, so it goes; one it can open is erased in and kept.
    found, departments = files.collect(store, files.Scope("all"))
    manifest = files.manifest_for(found, files.Scope("all"), departments, datetime(2026, 11, 30), "t")
    other = files.replaced_target(store, datetime(2026, 11, 30, 9, 0))
    files.write_backup(other, manifest, found, files.BackupKey.from_passphrase("et annet passord", n=2**10))
    mine = files.replaced_target(store, datetime(2026, 11, 30, 10, 0))
    files.write_backup(mine, manifest, found, files.load_key(store))

    retire(data, PATH, "Amina Yusuf")
    retire(data, PATH, "Per Kristiansen")
    gone = run("person", "erase", PATH, "Amina Yusuf", "--yes", data=data, today="2026-12-01")
    assert gone.returncode == 0, gone.stderr
    assert str(tmp_path / "backups") in gone.stdout and "2027-12-01" in gone.stdout  # until when, plainly
    assert "--renew-backups" in gone.stdout
    assert "fjernet: 1" in gone.stdout and not other.exists()
    opened = files.open_backup(mine, None, files.load_key(store))
    assert all(b"Amina Yusuf" not in raw for raw in opened.files.values())
    assert old.exists()

    renewed = run("person", "erase", PATH, "Per Kristiansen", "--yes", "--renew-backups", data=data,
                  today="2026-12-01")
    assert renewed.returncode == 0, renewed.stderr
    assert not old.exists() and len(backup.older_backups(store)) == 1
    assert "Eldre sikkerhetskopier fjernet: 1" in renewed.stdout


def test_a_leaders_mikroprosjekter_and_certifications_are_hers_to_export_and_go_when_she_is_erased(
        tmp_path: Path, data: Path) -> None:
    """Ingrid leads Blåklokka: the demo's mikroprosjekt is hers, and she is CLASS certified."""
    today = "2026-12-01"
    name = "Ingrid Solberg"
    hostile = "Prosjekt [@click=app.quit]x[/] <script>alert(1)</script> Kolibriunge"
    added = run("microproject", "add", PATH, "--leader", name, "--title", hostile, "--goal", "Kolibriunge mål",
                "--review", "2027-03-01", data=data, today=today)
    assert added.returncode == 0, added.stderr
    folder = data / "solsikken-barnehage" / "blaklokka"
    copy = folder / ".backups" / "department.v1.20261201-000000-000000.json"  # as a migration keeps one
    copy.parent.mkdir(mode=0o700)
    copy.write_bytes((folder / "department.json").read_bytes())
    passfile = tmp_path / "pass.txt"
    passfile.write_text("korrekt hest batteri\n", encoding="utf-8")
    old = tmp_path / "before.tettpa-backup"
    assert run("backup", "--all", "-o", str(old), "--passphrase-file", str(passfile), data=data,
               today=today).returncode == 0

    out = tmp_path / "export"
    out.mkdir()
    assert run("person", "export", PATH, name, "-o", str(out), data=data, today=today).returncode == 0
    exported = json.loads((out / "ingrid-solberg.json").read_text(encoding="utf-8"))
    assert {p["title"] for p in exported["microprojects"]} == {"Samlingsstund som alle kan delta i", hostile}
    assert [(c["instrument"], c["name"]) for c in exported["certifications"]] == [("toddler", name)]
    page = (out / "ingrid-solberg.html").read_text(encoding="utf-8")
    assert "Samlingsstund som alle kan delta i" in page and "CLASS Toddler" in page
    assert "<script" not in page and "Kolibriunge" in page
    counts = json.loads(run("overview", "Solsikken barnehage", "--json", data=data, today=today).stdout)

    retire(data, PATH, name)
    gone = run("person", "erase", PATH, name, "--yes", data=data, today=today)
    assert gone.returncode == 0, gone.stderr
    assert "Mikroprosjekter der teksten slettes: 2." in gone.stdout
    listed = run("microproject", "list", PATH, data=data, today=today)
    assert listed.stdout.count("tekst slettet 2026-12-01  ·  tidligere ansatt") == 2, listed.stdout
    projects = json.loads(run("microproject", "list", PATH, "--json", data=data, today=today).stdout)
    assert all(p["title"] == p["goal"] == p["actions"] == "" and p["status"] == "open" for p in projects)
    assert json.loads(run("overview", "Solsikken barnehage", "--json", data=data,
                          today=today).stdout) == json.loads(json.dumps(counts).replace(name, "tidligere ansatt"))
    certs = run("certification", "list", "Solsikken barnehage", data=data, today=today)
    assert name not in certs.stdout and "tidligere ansatt" in certs.stdout
    for f in data.rglob("*.json"):  # the live files and the copy beside them
        raw = f.read_text(encoding="utf-8")
        assert "Kolibriunge" not in raw and "Samlingsstund" not in raw and name not in raw, f

    # An older backup restored over it: the erasure log erases the projects' texts again.
    proc = run("restore", str(old), "--passphrase-file", str(passfile), "--replace", data=data, today=today)
    assert proc.returncode == 0, proc.stderr
    for f in folder.glob("*.json"):
        raw = f.read_text(encoding="utf-8")
        assert "Kolibriunge" not in raw and "Samlingsstund" not in raw, f
    assert run("check", data=data, today=today).returncode == 0
