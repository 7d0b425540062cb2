"""The erasure log (`erasures.jsonl`) and erasing in a data file's content: what
store/erasure.py writes, and what a restore (store/backup.py) needs to erase a
restored older copy again by what the log says.

Its own module below both, so the two do not import each other.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from tettpa_tui.store.storage import atomic_write_bytes, encode

LOG_FILE = "erasures.jsonl"


def log_key(entry: dict[str, Any]) -> tuple[str, str, str]:
    """One erasure, however often it was written down: what, of which, on which day."""
    what = str(entry.get("what", ""))
    subject = entry.get("story") if what == "story-text" else entry.get("person")
    return what, str(subject or entry.get("id", "")), str(entry.get("at", ""))[:10]


def parse_log(raw: bytes) -> list[dict[str, Any]]:
    out = []
    for line in raw.decode("utf-8", errors="replace").splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict):
            out.append(entry)
    return out


def merge_logs(*logs: bytes) -> bytes:
    """Several copies of a department's erasure log as one: every erasure once, oldest first."""
    seen: set[tuple[str, str, str]] = set()
    merged = []
    for entry in sorted((e for raw in logs for e in parse_log(raw)), key=lambda e: str(e.get("at", ""))):
        if log_key(entry) not in seen:
            seen.add(log_key(entry))
            merged.append(entry)
    return "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in merged).encode("utf-8")


def prepare_restored(stage: Path, live: Path, former_name: str) -> None:
    """Before a restored department folder (`stage`) replaces the one here (`live`):
    its erasure log becomes both logs merged, and whatever that log says was erased is
    erased again in the restored files (a backup older than an erasure holds the text).
    A person's log entry without the name they were given gets `former_name`."""
    logs = [p.read_bytes() for p in (stage / LOG_FILE, live / LOG_FILE) if p.is_file()]
    if not logs:
        return
    merged = merge_logs(*logs)
    atomic_write_bytes(stage / LOG_FILE, merged)
    entries = parse_log(merged)
    story_ids = {str(e.get("story")) for e in entries if e.get("what") == "story-text"}
    people = {str(e["person"]): str(e.get("as") or former_name) for e in entries
              if e.get("what") == "person" and e.get("person")}
    days = {str(e.get("story")): str(e.get("at", ""))[:10] for e in entries if e.get("what") == "story-text"}
    for path in sorted(stage.glob("*.json")):
        try:
            data = json.loads(path.read_bytes().decode("utf-8"))
        except (OSError, ValueError):
            continue
        if _scrub_logged(data, story_ids, people, days):
            atomic_write_bytes(path, encode(data))


def _scrub_logged(data: dict[str, Any], story_ids: set[str], people: dict[str, str], days: dict[str, str]) -> bool:
    changed = False
    for doc in (data.get("stories") or {}).values():
        if isinstance(doc, dict) and doc.get("id") in story_ids and doc.get("text"):
            doc["text"] = ""
            doc.setdefault("erased_on", days.get(doc["id"]) or date.today().isoformat())
            changed = True
    return scrub_doc(data, set(), people, date.today()) or changed


PROJECT_TEXTS = ("title", "goal", "actions", "review_note")  # a mikroprosjekt's texts


def project_texts(doc: dict[str, Any]) -> bool:
    """Whether a stored mikroprosjekt still holds any of its texts."""
    return any(doc.get(k) for k in PROJECT_TEXTS)


def scrub_doc(data: dict[str, Any], story_ids: set[str], people: dict[str, str], day: date) -> bool:
    """Erase in one data file's content (as stored): these stories' texts, and every
    text written by and the name of these people. True if anything changed."""
    changed = False
    for doc in (data.get("stories") or {}).values():
        if isinstance(doc, dict) and doc.get("text") and (doc.get("id") in story_ids or doc.get("author") in people):
            doc["text"] = ""
            doc.setdefault("erased_on", day.isoformat())
            changed = True
    for doc in (data.get("department") or {}).values():
        for member in (doc.get("staff") or []) if isinstance(doc, dict) else []:
            if isinstance(member, dict) and member.get("id") in people and member.get("name") != people[member["id"]]:
                member["name"] = people[member["id"]]
                member["active"] = False
                changed = True
    # department.json: the texts of a mikroprosjekt its leader owned
    for doc in (data.get("microprojects") or {}).values():
        if isinstance(doc, dict) and doc.get("leader") in people and project_texts(doc):
            doc.update({k: "" for k in PROJECT_TEXTS if k in doc})
            doc["erased_on"] = doc.get("erased_on") or day.isoformat()
            changed = True
    # kindergarten.json: a CLASS certification keeps the name as it was recorded
    for doc in (data.get("certification") or {}).values():
        if isinstance(doc, dict) and doc.get("staff_id") in people and doc.get("name") != people[doc["staff_id"]]:
            doc["name"] = people[doc["staff_id"]]
            changed = True
    return changed
