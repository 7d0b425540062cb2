"""A person's data on request: everything stored by or about one staff member, and erasing it.

Export gathers their stories, the turns and notes they spoke, the goals they
set with their follow-ups, the meetings they took part in or led, the
mikroprosjekter they own and their CLASS certifications, as plain data (JSON)
and a readable page (HTML through markdown-it-py, raw HTML off, every user text
escaped). Erasure erases their story texts and their projects' texts
(store/erasure.py, logged) and gives them the name "tidligere ansatt" in the
department and on their certifications, so every record that names them by id
(turns, minutes, participation, overviews) shows that instead; they are marked
as left. Other people's notes stay as written.
"""

from __future__ import annotations

from datetime import datetime

from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import Department, StaffMember
from tettpa_tui.domain.retention import Erasure, check_erasable
from tettpa_tui.i18n import has, t
from tettpa_tui.store import erasure as files
from tettpa_tui.text import md_escape


def member(dept: Department, name: str) -> StaffMember:
    """The staff member with this name: one still working here, else one who has left (the
    latest of them), since a person's data is erased once she is marked as left."""
    key = " ".join(name.split())
    found = dept.find_member(key) or next(
        (s for s in reversed(dept.staff) if not s.active and s.name.casefold() == key.casefold()), None)
    if found is None:
        raise DomainError("person.not_found", name=name, path=dept.path)
    return found


def _pedagogue(ws, dept: Department, person: StaffMember) -> tuple[Department, StaffMember] | None:
    """The kindergarten's pedagogue meeting, when `person` (a leader) is one of its members."""
    if dept.is_pedagogue_meeting:
        return None
    ped = ws.pedagogue_of(dept)
    member = next((m for m in ped.staff if m.id == person.id), None) if ped else None
    return (ped, member) if member else None


def collect(ws, dept: Department, person: StaffMember) -> dict:
    """Everything stored by or about `person`, as plain data (their pedagogue meetings too)."""
    data = _collect(ws, dept, person)
    ped = _pedagogue(ws, dept, person)
    data["pedagogue_meeting"] = _collect(ws, *ped) if ped else None
    data["certifications"] = [  # kindergarten-wide (kindergarten.json), so once, not per department
        {"id": c.id, "name": c.name, "instrument": c.instrument.value, "certified": c.certified.isoformat(),
         "due": c.due.isoformat()}
        for c in ws.store.certifications(dept.kindergarten) if c.staff_id == person.id]
    return data


def _collect(ws, dept: Department, person: StaffMember) -> dict:
    from tettpa_tui.services.minutes import meeting_record

    stories = [
        {"id": s.id, "month": str(s.month), "dimension": s.dimension_id, "status": s.status.value,
         "text": s.text, "erased_on": s.erased_on.isoformat() if s.erased_on else None,
         "created_at": s.created_at.isoformat(), "used_in": s.used_in}
        for s in ws.store.stories(dept) if s.author_id == person.id
    ]
    meetings = []
    for m in ws.store.meetings(dept):
        if person.id not in m.present and person.id != m.facilitator_id:
            continue
        record = meeting_record(ws, dept, m)
        meetings.append({
            "id": m.id, "date": record["date"], "dimension": record["dimension"],
            "role": "facilitator" if person.id == m.facilitator_id else "present",
            "turns": [{"phase": tr["phase"], "round": tr["round"], "outcome": tr["outcome"], "note": tr["note"]}
                      for tr in record["turns"] if tr["speaker"] == person.name and not tr["undone"]],
            "goals": [g["goal"] for g in record["goals"] if g["teller"] == person.name],
            "parked": [{"text": p["text"], "status": p["status"], "belongs_to": p["belongs_to"]["phase"]}
                       for p in record.get("parked", []) if p["author"] == person.name],
            "followups": [{"goal": f["goal"], "status": f["status"], "note": f["note"]}
                          for f in record["followups"] if f["teller"] == person.name],
        })
    from tettpa_tui.domain.microproject import owned_by

    projects = [
        {"id": p.id, "title": p.title, "goal": p.goal, "actions": p.actions, "review": p.review.isoformat(),
         "status": p.status, "review_note": p.review_note,
         "erased_on": p.erased_on.isoformat() if p.erased_on else None}
        for p in owned_by(ws.store.microprojects(dept), person.id)]
    return {"person": {"id": person.id, "name": person.name, "role": person.role.value, "active": person.active},
            "department": dept.path, "instrument": dept.instrument.value, "stories": stories, "meetings": meetings,
            "microprojects": projects}


def to_html(data: dict, ws) -> str:
    """The export for reading: dimension and phase names and status words in the user's language
    (the JSON beside it keeps the ids)."""
    from tettpa_tui.services.minutes import markdown_to_html

    name = data["person"]["name"]
    lines = [f"# {md_escape(t('person.html_title', name=name))}", ""]
    for part in (data, data.get("pedagogue_meeting")):
        if part:
            lines += _markdown(part, ws)
    if data.get("certifications"):
        lines += [f"## {md_escape(t('person.certifications'))}", ""]
        for c in data["certifications"]:
            key = f"instrument.{c['instrument']}"
            line = t("person.certification_line", instrument=t(key) if has(key) else c["instrument"],
                     certified=c["certified"], due=c["due"])
            lines.append(f"- {md_escape(line)}")
        lines.append("")
    return markdown_to_html("\n".join(lines) + "\n", t("person.html_title", name=name))


def _markdown(data: dict, ws) -> list[str]:
    from tettpa_tui.domain.classframework import Instrument
    from tettpa_tui.domain.errors import DomainError
    from tettpa_tui.services.minutes import _phase_name
    from tettpa_tui.i18n import language

    try:
        framework = ws.framework.for_instrument(Instrument(data.get("instrument", "pre-k")))
    except ValueError:
        framework = ws.framework

    def dimension(dim_id: str) -> str:
        try:
            return framework.dimension(dim_id).name(language())
        except DomainError:  # a dimension no longer in the content: its id says what it was
            return dim_id

    def word(prefix: str, value: str) -> str:
        return t(f"{prefix}.{value}") if t(f"{prefix}.{value}") != f"{prefix}.{value}" else value

    e = md_escape
    lines = [f"## {e(data['department'])}", "", f"### {e(t('person.stories'))}", ""]
    for s in data["stories"]:
        lines.append(f"#### {e(s['month'])} · {e(dimension(s['dimension']))} · {e(word('story_status', s['status']))}")
        text = t("retention.text_erased", date=s["erased_on"]) if s["erased_on"] else s["text"]
        lines += ["", *(f"> {e(line)}" if line.strip() else ">" for line in text.splitlines()), ""]
    lines += [f"### {e(t('person.turns'))}", ""]
    for m in data["meetings"]:
        lines.append(f"#### {e(m['date'])} · {e(dimension(m['dimension']))}")
        lines += [f"- {e(_phase_name(ws, tr['phase']))}, {e(t('minutes.round', round=tr['round']))}: "
                  f"{e(tr['note'] or word('meeting.outcome', tr['outcome']))}" for tr in m["turns"]]
        lines += [f"- {e(t('minutes.parked.title'))} → {e(p['belongs_to'])}: {e(p['text'])} ({e(p['status'])})"
                  for p in m.get("parked", [])]
        lines.append("")
    lines += [f"### {e(t('person.goals'))}", ""]
    for m in data["meetings"]:
        lines += [f"- {e(m['date'])}: {e(goal)}" for goal in m["goals"]]
        lines += [f"- {e(m['date'])}: {e(f['goal'])} → {e(word('meeting.followup', f['status']))} {e(f['note'])}"
                  for f in m["followups"]]
    if data.get("microprojects"):
        lines += ["", f"### {e(t('person.microprojects'))}", ""]
    for p in data.get("microprojects", []):
        title = t("retention.text_erased", date=p["erased_on"]) if p["erased_on"] else p["title"]  # JSON: a str
        lines += [f"#### {e(title)} · {e(word('microproject', 'status_' + p['status']))} · "
                  f"{e(t('microproject.col_review'))} {e(p['review'])}", ""]
        lines += [f"- {e(p[k])}" for k in ("goal", "actions", "review_note") if p[k]]
        lines.append("")
    return lines + [""]


def former_name(dept: Department) -> str:
    """«tidligere ansatt», numbered when the department already has one."""
    base = t("person.former")
    taken = {s.name.casefold() for s in dept.staff}
    if base.casefold() not in taken:
        return base
    n = 2
    while f"{base} {n}".casefold() in taken:
        n += 1
    return f"{base} {n}"


def erasure_plan(ws, dept: Department, person: StaffMember) -> tuple[list[Erasure], int]:
    """(the story texts that go, how many meeting records name them)."""
    from datetime import date

    texts = [Erasure(s.id, str(s.month), s.author_id, "person", date.today())
             for s in ws.store.stories(dept) if s.author_id == person.id and s.text]
    meetings = sum(1 for m in ws.store.meetings(dept) if person.id in m.present or person.id == m.facilitator_id)
    return texts, meetings


def erase_question(ws, dept: Department, person: StaffMember) -> str:
    """What erasing `person` will do, as the CLI and the app ask it: every text and record
    that goes, in the department and in the kindergarten's pedagogue meeting (as `erase`)."""
    from tettpa_tui.domain.microproject import owned_by

    texts, meetings = erasure_plan(ws, dept, person)
    ped = _pedagogue(ws, dept, person)
    if ped:
        ped_texts, ped_meetings = erasure_plan(ws, *ped)
        texts, meetings = texts + ped_texts, meetings + ped_meetings
    said = t("person.erase_summary", name=person.name, stories=len(texts), meetings=meetings,
             former=former_name(dept))
    projects = [p for p in owned_by(ws.store.microprojects(dept), person.id) if p.erased_on is None]
    return said + (" " + t("person.erase_projects", count=len(projects)) if projects else "")


def erase(ws, dept: Department, person: StaffMember, now: datetime) -> tuple[Department, str]:
    """Erase in the department, and in the kindergarten's pedagogue meeting if they were in it:
    one journaled operation (store/erasure.py), so a killed run is finished by the next one."""
    return erase_reporting(ws, dept, person, now)[:2]


def erase_reporting(ws, dept: Department, person: StaffMember, now: datetime) -> tuple[Department, str, files.Outcome]:
    """As `erase`, and what it did (texts, the app's own copies reached or removed).
    Refused, nothing changed, while the person has not left (domain/retention.erasable)."""
    check_erasable(person.name, person.active)
    new_name = former_name(dept)
    parts = [_part(ws, dept, person, new_name, now)]
    ped = _pedagogue(ws, dept, person)
    if ped:
        parts.append(_part(ws, ped[0], ped[1], former_name(ped[0]), now))
    outcome = files.erase(ws.store, parts, now, why="person", name=person.name)
    return ws.store.department(dept.path), new_name, outcome


def _part(ws, dept: Department, person: StaffMember, new_name: str, now: datetime) -> files.Part:
    texts, _ = erasure_plan(ws, dept, person)
    texts = [Erasure(e.story_id, e.month, e.author_id, "person", now.date()) for e in texts]
    return files.part_of(ws.store, dept, texts, person.id, new_name)
