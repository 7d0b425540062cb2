"""The aggregate report and the shared folder, run as a user would: what a report
holds (and never holds), and a folder of reports read back."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from tests.cli.test_cli import assert_one_line_error, run
from tettpa_tui.domain import meeting as mt
from tettpa_tui.domain.calendar import YearMonth
from tettpa_tui.domain.meeting import Outcome
from tettpa_tui.domain.observation import new_plan
from tettpa_tui.domain.records import AgeGroup, Role, new_department
from tettpa_tui.store import Store
from tettpa_tui.workspace import Workspace

MARK = "QZX"  # every text typed below holds this, with a number; none may reach a report


class Marks:
    def __init__(self) -> None:
        self.n = 0

    def __call__(self, kind: str) -> str:
        self.n += 1
        return f"{kind} {MARK}{self.n:03d}"


def run_meeting(ws: Workspace, dept, when: datetime, mark: Marks, followups: bool) -> None:
    staff = list(dept.active_staff)
    tellers = staff[1:3]
    month = YearMonth.of(when.date())
    stories = [ws.hand_in_new(dept, t, when - timedelta(days=2),
                              f"Jeg satt med barna og {mark('story')} og jeg tenkte mye på det etterpå.", month)
               for t in tellers]
    ws.start_story(dept, staff[3], when - timedelta(days=1), text=f"Jeg {mark('draft')}")
    leader = staff[0]
    state = ws.start_meeting(dept, when.date(), "language-modeling", leader, staff, [mark("guest")], when)
    if followups:
        for run_, _last in ws.previous_goals(dept, state.meeting):
            state = ws.act(dept, state, mt.record_followup(state, run_.story_id, "tried", mark("followup"), when))
    state = ws.take_up_stories(dept, state, stories, when)
    state = ws.act(dept, state, mt.time_out(state, mark("timeout"), when))
    state = ws.act(dept, state, mt.park(state, ws.method, staff[1].id, mark("parked"), when))
    for _ in stories:
        for spec in ws.method.phases:
            if spec.team_turns:
                for speaker in list(state.order):
                    state = ws.act(dept, state, mt.record_turn(state, speaker, Outcome.SPOKE, when, note=mark("note")))
            if spec.record == "response":
                state = ws.act(dept, state, mt.record_response(state, ws.method, mark("useful"), mark("goal"), when))
            state = ws.act(dept, state, mt.advance(state, ws.method, when))
    for speaker in list(state.order):
        state = ws.act(dept, state, mt.record_turn(state, speaker, Outcome.SPOKE, when, note=mark("closing")))
    ws.act(dept, state, mt.finish(state, mark("summary"), when))


@pytest.fixture
def marked(tmp_path: Path) -> tuple[Path, Marks]:
    """A kindergarten where every story, note, goal, summary, follow-up and name holds a marker."""
    mark = Marks()
    root = tmp_path / "data"
    store = Store(root)
    ws = Workspace(store)
    dept = store.create_department(new_department(
        "Markørhagen", "Avdeling En", AgeGroup.TODDLER,
        [(f"Leder {MARK}900", Role.LEADER), (f"Anne {MARK}901", Role.ASSISTANT),
         (f"Bo {MARK}902", Role.SKILLED), (f"Cia {MARK}903", Role.TEACHER)], created=date(2026, 8, 1)), pool=3)
    run_meeting(ws, dept, datetime(2026, 10, 6, 13), mark, followups=False)
    run_meeting(ws, dept, datetime(2026, 11, 3, 13), mark, followups=True)
    scores = {d: 4 for d in ("positive-climate", "negative-climate", "teacher-sensitivity",
                             "regard-for-child-perspectives", "behavior-guidance", "learning-formats",
                             "quality-of-feedback", "language-modeling")}
    obs = ws.record_observation(dept, date(2026, 10, 14), f"Observatør {MARK}950", [scores] * 3,
                                datetime(2026, 10, 14, 12))
    store.save_development_plan(dept, new_plan(obs.id, ["language-modeling"], mark("plangoal"), mark("action"),
                                               date(2027, 3, 1), datetime(2026, 10, 20)))
    ws.set_oral_feedback(dept, obs, date(2026, 10, 21))
    ws.record_observation(dept, date(2026, 11, 18), f"Observatør {MARK}951", [scores] * 3,
                          datetime(2026, 11, 18, 12))  # no oral feedback (yet)
    leader = dept.active_staff[0].id
    for n in range(3):
        p = ws.add_microproject(dept, leader, mark("project"), mark("projectgoal"), mark("projectactions"),
                                date(2027, 2, 1), datetime(2026, 9, 1 + n))
    ws.close_microproject(dept, p.id, "done", mark("projectnote"))
    return root, mark


def test_a_report_holds_counts_and_never_what_anyone_wrote(marked: tuple[Path, Marks], tmp_path: Path) -> None:
    root, mark = marked
    assert mark.n > 30
    # The markers are really in the data (so the test can fail) ...
    raw_data = b"".join(p.read_bytes() for p in root.rglob("*.json"))
    assert raw_data.count(MARK.encode()) > 30
    out = tmp_path / "report.json"
    proc = run("report", "export", "Markørhagen", "-o", str(out), data=root)
    assert proc.returncode == 0, proc.stderr
    raw = out.read_bytes()
    # ... and never in the report, in any form.
    assert MARK.encode() not in raw and MARK.lower().encode() not in raw
    assert b"Leder" not in raw and b"Observat" not in raw
    doc = json.loads(raw)
    assert doc["kind"] == "tettpa-report" and doc["schema"] == 2 and doc["year"] == "2026/27"
    assert doc["kindergarten"] == {"name": "Markørhagen", "pool": 3, "programme_year": 6}
    (dept,) = doc["departments"]
    assert dept["staff"] == 4 and dept["plan_focus"] == ["language-modeling"]
    months = {m["month"]: m for m in dept["months"]}
    assert len(months) == 11
    assert months["2026-10"]["meetings"] == [{"date": "2026-10-06", "dimension": "language-modeling"}]
    assert months["2026-10"]["stories"] == 2 and months["2026-10"]["goals_set"] == 2
    assert months["2026-11"]["goals_followed_up"] == 2 and months["2026-11"]["goals_tried"] == 2
    (term,) = dept["observations"]
    assert term["term"] == "2026-autumn" and term["observations"] == 2 and term["oral_feedback"] == 1
    assert dept["microprojects"] == {"open": 2, "closed": 1}  # counts, never a title or a note
    assert term["domains"]["engaged-support-for-learning"] == 4.0
    # Printed, the same report.
    printed = run("report", "export", "Markørhagen", data=root)
    assert MARK not in printed.stdout and json.loads(printed.stdout)["departments"] == doc["departments"]


def test_report_of_an_unknown_kindergarten_is_one_line(tmp_path: Path) -> None:
    assert_one_line_error(run("report", "export", "Finnes ikke", data=tmp_path / "d"), 1)


def _kindergarten(root: Path, kg: str, dept: str) -> None:
    proc = run("department", "create", f"{kg}/{dept}", "--age-group", "toddler",
               "--staff", "Ingrid Solberg=leader", "--staff", "Per Hansen=assistant", "--pool", "2", data=root)
    assert proc.returncode == 0, proc.stderr


def test_two_data_folders_write_into_one_shared_folder_and_a_third_reads_both(tmp_path: Path) -> None:
    shared = tmp_path / "OneDrive - Bærum kommune" / "TETT PÅ"
    a, b, mentor = tmp_path / "a", tmp_path / "b", tmp_path / "mentor"
    _kindergarten(a, "Solsikken", "Blåklokka")
    _kindergarten(b, "Løvetann", "Humla")
    for root in (a, b):
        assert run("report", "folder", str(shared), data=root).returncode == 0
    assert list(shared.iterdir()) == []  # made when chosen; nothing written until something changes
    # A plan change in one, an observation in the other: each writes its report.
    assert run("plan", "set", "Solsikken/Blåklokka", "2027-01", "--dimension", "language-modeling",
               data=a).returncode == 0
    scores = tmp_path / "scores.toml"
    dims = ("positive-climate", "negative-climate", "teacher-sensitivity", "regard-for-child-perspectives",
            "behavior-guidance", "learning-formats", "quality-of-feedback", "language-modeling")
    scores.write_text("[[cycle]]\n" + "".join(f"{d} = 5\n" for d in dims))
    obs = run("observation", "add", "Løvetann/Humla", "--date", "2026-10-14", "--observer", "Olav",
              "--file", str(scores), data=b)
    assert obs.returncode == 0, obs.stderr
    assert sorted(p.name for p in shared.iterdir()) == ["lovetann.tettpa-report.json",
                                                        "solsikken.tettpa-report.json"]
    proc = run("overview", "--reports", str(shared), "--json", data=mentor)
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout)
    assert [k["kindergarten"] for k in got["kindergartens"]] == ["Løvetann", "Solsikken"]
    assert [d["department"] for k in got["kindergartens"] for d in k["departments"]] == ["Humla", "Blåklokka"]
    assert all(not k["stale"] and k["as_of"] == "2026-11-30" for k in got["kindergartens"])
    assert got["skipped"] == [] and proc.stderr == ""
    human = run("overview", "--reports", str(shared), data=mentor)
    assert "Løvetann" in human.stdout and "Solsikken" in human.stdout and "Humla" in human.stdout
    assert not mentor.exists()  # reading a folder of reports makes no data folder


def _report(kg: str, generated: str, meetings: int = 1) -> dict:
    return {"kind": "tettpa-report", "schema": 1, "app_version": "0.1.0", "generated": generated,
            "year": "2026/27", "kindergarten": {"name": kg, "pool": 1, "programme_year": 7},
            "departments": [{"id": "a", "name": "A", "age_group": "mixed", "staff": 5,
                             "months": [{"month": "2026-09",
                                         "meetings": [{"date": "2026-09-01", "dimension": "productivity"}] * meetings,
                                         "stories": 4, "goals_set": 1, "goals_followed_up": 1, "goals_tried": 1}],
                             "observations": [], "plan_focus": []}]}


def test_conflict_copies_stale_reports_and_foreign_files(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()

    def put(name: str, doc: object) -> None:
        (folder / name).write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")

    put("eika.tettpa-report.json", _report("Eika", "2026-11-20T10:00:00", 1))
    put("eika.tettpa-report (1).json", _report("Eika", "2026-11-25T10:00:00", 2))  # newer: used
    put("eika.tettpa-report-LAPTOP7.json", _report("Eika", "2026-11-01T10:00:00", 3))
    put("eika.tettpa-report.sync-conflict-20261120-101010-ABCDEFG.json", "{\"kind\": \"tettpa-rep")  # broken
    put("gamle.tettpa-report.json", _report("Gamle", "2026-10-01T10:00:00"))  # 60 days: stale
    put("budsjett.json", {"sum": 1})
    put("framtid.tettpa-report.json", {**_report("Framtid", "2026-11-29T10:00:00"), "schema": 3})
    put(".~lock.eika.json#", "x")
    put(".eika.tettpa-report.json.123.tmp", "half")
    proc = run("overview", "--reports", str(folder), "--json", data=tmp_path / "d")
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout)
    eika, gamle = got["kindergartens"]
    assert eika["file"] == "eika.tettpa-report (1).json" and eika["departments"][0]["meetings_held"] == 2
    assert eika["others"] == ["eika.tettpa-report-LAPTOP7.json", "eika.tettpa-report.json"]
    assert not eika["stale"] and gamle["stale"]
    assert {s["file"]: s["reason"] for s in got["skipped"]} == {
        "budsjett.json": "not_report", "framtid.tettpa-report.json": "newer",
        "eika.tettpa-report.sync-conflict-20261120-101010-ABCDEFG.json": "broken"}
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 3 and all(".json" in line for line in lines)  # one line each
    human = run("overview", "--reports", str(folder), data=tmp_path / "d")
    assert "over 45 dager" in human.stdout and "LAPTOP7" in human.stdout
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert before == {p.name: p.read_bytes() for p in folder.iterdir()}  # reading changes nothing
    missing = run("overview", "--reports", str(tmp_path / "nowhere"), data=tmp_path / "d")
    assert "nowhere" in assert_one_line_error(missing, 1)


def test_a_year_of_a_big_kindergarten_stays_small(marked: tuple[Path, Marks]) -> None:
    root, _ = marked
    doc = json.loads(run("report", "export", "Markørhagen", data=root).stdout)
    # Eight departments with every month held and observed stay far below 50 KB.
    dept = doc["departments"][0]
    for m in dept["months"]:
        m["meetings"] = [{"date": m["month"] + "-05", "dimension": "language-modeling"}]
    dept["observations"] = dept["observations"] * 2
    doc["departments"] = [dict(dept, id=f"d{i}", name=f"Avdeling {i}") for i in range(8)]
    size = len(json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode())
    assert size < 50_000, size


def test_the_municipality_page_is_self_contained_printable_and_escapes_names(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    hostile = "<script>alert(1)</script> [@click=app.quit]x[/]"
    docs = {"a.tettpa-report.json": _report("Eika", "2026-11-20T10:00:00"),
            "b.tettpa-report.json": _report(hostile, "2026-09-01T10:00:00"),
            "c.tettpa-report.json": {**_report("Bjørka", "2026-11-28T10:00:00"),
                                     "kindergarten": {"name": "Bjørka", "pool": 6, "programme_year": 3}}}
    obs = {"term": "2026-autumn", "instrument": "pre-k", "observations": 1,
           "domains": {"emotional-support": 5.4, "classroom-organization": 4.2, "instructional-support": 2.1},
           "dimensions": {}}
    docs["c.tettpa-report.json"]["departments"][0]["observations"] = [obs]
    for name, doc in docs.items():
        (folder / name).write_text(json.dumps(doc), encoding="utf-8")
    (folder / "rot.json").write_text("[1, 2", encoding="utf-8")
    out = tmp_path / "kommune.html"
    proc = run("report", "municipality", str(folder), "-o", str(out), data=tmp_path / "d")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip().splitlines() == ["rot.json er skadet eller avkortet og er hoppet over."]
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "@media print" in page
    assert "<script" not in page.lower() and "src=" not in page and "@import" not in page
    assert "<link" not in page and "href=\"http" not in page
    assert page.count("<svg") == 3  # meetings by pool; the term's domains against thresholds; how many reach them
    assert "Eika" in page and "Bjørka" in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Pulje 1 · år 7 i TETT PÅ" in page and "Pulje 6 · år 3 i TETT PÅ" in page
    assert "høsten 2026" in page and "Emosjonell støtte" in page
    assert "over 45 dager" in page  # the hostile one is from September
    assert "rot.json" in page


def test_the_municipality_page_keeps_toddler_and_pre_k_domains_apart(tmp_path: Path) -> None:
    """A kindergarten with toddler and preschool departments: each instrument's domains in charts
    of their own and under their own heading in the table, never one set."""
    folder = tmp_path / "shared"
    folder.mkdir()
    doc = _report("Bjørka", "2026-11-28T10:00:00")
    small = dict(doc["departments"][0], id="b", name="B", age_group="toddler")
    doc["departments"][0]["observations"] = [
        {"term": "2026-autumn", "instrument": "pre-k", "observations": 1, "dimensions": {},
         "domains": {"emotional-support": 5.4, "classroom-organization": 4.2, "instructional-support": 2.1}}]
    small["observations"] = [
        {"term": "2026-autumn", "instrument": "toddler", "observations": 1, "dimensions": {},
         "domains": {"emotional-behavioral-support": 4.9, "engaged-support-for-learning": 3.1}}]
    doc["departments"].append(small)
    (folder / "b.tettpa-report.json").write_text(json.dumps(doc), encoding="utf-8")
    out = tmp_path / "kommune.html"
    proc = run("report", "municipality", str(folder), "-o", str(out), data=tmp_path / "d")
    assert proc.returncode == 0, proc.stderr
    page = out.read_text(encoding="utf-8")
    assert page.count("<svg") == 5  # meetings; per instrument: the domains, how many reach the threshold
    assert "CLASS-domener høsten 2026, Pre-K (storbarn)" in page
    assert "CLASS-domener høsten 2026, Toddler (småbarn)" in page
    pre_k, toddler = page.index('class="instrument">Pre-K (storbarn)'), page.index('class="instrument">Toddler (småbarn)')
    assert pre_k < toddler
    assert 'colspan="3" class="instrument">Pre-K' in page and 'colspan="2" class="instrument">Toddler' in page
    # Each domain chart holds only its own instrument's domains.
    charts = page.split("<svg")[1:]
    toddler_chart = next(c for c in charts if "Toddler (småbarn): snitt" in c)
    assert "Emosjonell og atferdsmessig støtte" in toddler_chart and "Organisering av avdeling" not in toddler_chart


def test_mikroprosjekter_and_oral_feedback_reach_every_overview_and_an_older_report_still_reads(
        marked: tuple[Path, Marks], tmp_path: Path) -> None:
    """Issue #25 (9, 11): counted in the kindergarten's report, the overview of a folder of
    reports and the municipality page; a version 1 report (before the counts) says it does not say."""
    root, _ = marked
    folder = tmp_path / "shared"
    folder.mkdir()
    assert run("report", "export", "Markørhagen", "-o", str(folder / "m.tettpa-report.json"), data=root).returncode == 0
    (folder / "eika.tettpa-report.json").write_text(json.dumps(_report("Eika", "2026-11-20T10:00:00")),
                                                    encoding="utf-8")
    got = json.loads(run("overview", "--reports", str(folder), "--json", data=tmp_path / "d").stdout)
    eika, marker = got["kindergartens"]
    assert marker["departments"][0]["microprojects"] == {"open": 2, "closed": 1}
    assert marker["departments"][0]["oral_feedback"] == {"given": 1, "observations": 2}
    assert eika["departments"][0]["microprojects"] is None and eika["departments"][0]["oral_feedback"] is None
    human = run("overview", "--reports", str(folder), data=tmp_path / "d").stdout
    assert "Mikroprosjekter: 2 pågår, 1 avsluttet · Muntlig tilbakemelding etter observasjon: 1 av 2" in human
    assert "Mikroprosjekter: – (eldre rapport)" in human
    english = run("overview", "--reports", str(folder), "--lang", "en", data=tmp_path / "d").stdout
    assert "Mikroprosjekter: 2 open, 1 closed · Oral feedback after observation: 1 of 2" in english
    out = tmp_path / "kommune.html"
    assert run("report", "municipality", str(folder), "-o", str(out), data=tmp_path / "d").returncode == 0
    page = out.read_text(encoding="utf-8")
    assert "Mikroprosjekter pågår / avsluttet" in page and "<td>2 / 1</td><td>1 / 2</td>" in page
    assert "<td>– (eldre rapport)</td><td>– (eldre rapport)</td>" in page
    assert MARK not in page


def test_overview_of_a_folder_writes_decimals_as_overview_does(tmp_path: Path) -> None:
    """`overview --reports` writes stories per meeting with the language's decimal mark, as
    `overview` does: "4,0" in bokmål, "4.0" in English."""
    folder = tmp_path / "shared"
    folder.mkdir()
    (folder / "eika.tettpa-report.json").write_text(json.dumps(_report("Eika", "2026-11-25T10:00:00", 2)),
                                                   encoding="utf-8")
    nb = run("overview", "--reports", str(folder), data=tmp_path / "d")
    line = next(x for x in nb.stdout.splitlines() if "fortellinger/møte" in x)
    assert "fortellinger/møte  4,0" in line and "4.0" not in line
    en = run("--lang", "en", "overview", "--reports", str(folder), data=tmp_path / "d")
    assert en.returncode == 0, en.stderr
    assert " 4.0 " in next(x for x in en.stdout.splitlines() if x.startswith("  A "))
