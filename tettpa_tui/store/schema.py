"""The shape of every record in the data files, written once, checked where a file is read.

A file can be valid JSON of this app and still hold a broken record (a field
missing, a number where a date belongs), written by hand, by a tool, or by a
disk that lost a part. Such a record would fail deep inside a command with a
bare KeyError. Instead every file is checked record by record when the store
reads it (storage.read_file, and `tettpa check`), and a broken record is
reported as BadRecord naming the file, the table, the record and the field;
the file is then never written (the store reads before it writes).

Only the fields the app reads are checked; other fields are left alone, so a
newer version may add some. Tables this version does not know are left alone.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tettpa_tui.domain.classframework import Instrument
from tettpa_tui.domain.records import AgeGroup, Role
from tettpa_tui.domain.stories import StoryStatus
from tettpa_tui.store.errors import BadRecord

# A field's kind; a trailing "?" means it may be missing or null, "~" that it may be missing.
Spec = dict[str, "str | tuple[str, ...] | dict"]

_STAFF: Spec = {"id": "str", "name": "str", "role": tuple(r.value for r in Role), "active": "bool~"}
_RULE: Spec = {"kind": "str~", "weekday": "int~", "nth": "int~", "day": "int~"}

TABLES: dict[str, Spec] = {
    # kindergarten.json
    "kindergarten": {"name": "str", "pool": "int?"},
    "certification": {"id": "str", "staff_id": "str", "name": "str",
                      "instrument": tuple(i.value for i in Instrument), "certified": "date", "due": "date",
                      "created_at": "datetime?"},
    # department.json
    "department": {
        "kindergarten": "str", "name": "str", "age_group": tuple(a.value for a in AgeGroup),
        "created": "date?", "staff": "list~", "kind": "str~", "rule": "dict?", "hand_in_days": "int~",
    },
    "plan": {"month": "month", "dimension": "str?", "date": "date?"},
    "access": {"salt": "str", "hash": "str", "iterations": "int~"},
    "observations": {
        "id": "str", "date": "date", "observer": "str", "instrument": tuple(i.value for i in Instrument),
        "cycles": "list", "created_at": "datetime?", "external": "bool~", "oral_feedback": "date?",
    },
    "microprojects": {
        "id": "str", "leader": "str", "title": "str", "goal": "str", "actions": "str~", "review": "date",
        "status": ("open", "done", "stopped"), "review_note": "str~", "created_at": "datetime?",
        "erased_on": "date?",
    },
    "development_plans": {
        "id": "str", "observation": "str", "focus": "list", "goals": "str", "actions": "str~",
        "review": "date", "created_at": "datetime?",
    },
    # <YYYY-MM>.json
    "stories": {
        "id": "str", "author": "str", "month": "month", "dimension": "str", "text": "str",
        "status": tuple(s.value for s in StoryStatus), "created_at": "datetime", "updated_at": "datetime",
        "submitted_at": "datetime?", "entered_by": "str?", "used_in": "str?", "revised_at": "datetime?",
    },
    "meetings": {
        "id": "str", "month": "month", "date": "date", "dimension": "str", "facilitator": "str",
        "present": "list", "guests": "list~", "created_at": "datetime?", "status": "str~",
        "summary_draft": "str~", "note_draft": "str~", "facilitator_turns": "bool~",
    },
    "events": {"meeting": "str", "seq": "int", "kind": "str", "at": "datetime", "data": "dict~"},
    # signins.json: the phone page's record of sign-ins (never a code, never a story)
    "signins": {"at": "datetime", "staff": "str?", "event": "str", "seconds": "int~"},
}

# Lists whose items have a shape of their own: (table, field) -> the item's kind or spec.
ITEMS: dict[tuple[str, str], "str | Spec"] = {
    ("department", "staff"): _STAFF,
    ("meetings", "present"): "str",
    ("meetings", "guests"): "str",
    ("development_plans", "focus"): "str",
    ("observations", "cycles"): "scores",
}
NESTED: dict[tuple[str, str], Spec] = {("department", "rule"): _RULE}

# What a meeting's event holds, by its kind (what replaying the meeting reads).
# A kind not listed here (a newer version's) is left alone.
EVENT_DATA: dict[str, Spec] = {
    "followup": {"story_id": "str", "status": "str", "note": "str~"},
    "stories": {"story_ids": "list", "tellers": "list", "stand_ins": "list~"},
    "phase": {"story": "int", "phase": "str"},
    "order": {"order": "list"},
    "turn": {"story": "int", "phase": "str", "round": "int", "speaker": "str",
             # domain.meeting.Outcome's values, spelled out: importing the meeting here would load
             # it at every start (tests/app/test_start.py keeps the two the same)
             "outcome": ("spoke", "passed", "skipped"), "note": "str~", "reason": "str~"},
    "undo": {"turn_seq": "int"},
    "correction": {"turn_seq": "int", "note": "str"},
    "left": {"speaker": "str", "reason": "str~"},
    "response": {"story": "int", "useful": "str~", "goal": "str~"},
    "summary": {"text": "str~"},
    "timeout": {"story": "int~", "phase": "str~", "note": "str~"},
    "park": {"author": "str", "text": "str", "story": "int", "phase": "str",
             "from_story": "int~", "from_phase": "str~", "from_round": "int~"},
    "park_taken": {"parked_seq": "int", "round": "int~"},
    "park_dropped": {"parked_seq": "int", "round": "int~"},
}

_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def _is(kind: str, value: Any) -> bool:
    """Whether `value` is of `kind` (without its "?" or "~")."""
    if kind == "str":
        return isinstance(value, str)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "list":
        return isinstance(value, list)
    if kind == "dict":
        return isinstance(value, dict)
    if kind == "month":
        return isinstance(value, str) and _MONTH.fullmatch(value) is not None
    if kind in ("date", "datetime"):
        if not isinstance(value, str):
            return False
        try:
            (date if kind == "date" else datetime).fromisoformat(value)
        except ValueError:
            return False
        return True
    if kind == "scores":  # one observation cycle: dimension id -> score (or none yet)
        return isinstance(value, dict) and all(
            v is None or (isinstance(v, (int, float)) and not isinstance(v, bool)) for v in value.values()
        )
    raise AssertionError(kind)


def _field_problem(spec: Spec, doc: dict[str, Any]) -> str | None:
    """The name of the first field of `doc` that does not fit `spec`, or None."""
    for name, kind in spec.items():
        if isinstance(kind, tuple):
            if doc.get(name) not in kind:
                return name
            continue
        assert isinstance(kind, str)
        base = kind.rstrip("?~")
        if name not in doc:
            if kind.endswith(("?", "~")):
                continue
            return name
        value = doc[name]
        if value is None and kind.endswith("?"):
            continue
        if not _is(base, value):
            return name
    return None


def check_record(table: str, doc: Any) -> str | None:
    """What is wrong with one record of `table` (a field name, or "record"), or None."""
    spec = TABLES.get(table)
    if spec is None:
        return None
    if not isinstance(doc, dict):
        return "record"
    problem = _field_problem(spec, doc)
    if problem is not None:
        return problem
    for (tab, name), item in ITEMS.items():
        if tab == table and isinstance(doc.get(name), list):
            for value in doc[name]:
                if isinstance(item, dict):
                    if not isinstance(value, dict) or _field_problem(item, value) is not None:
                        return name
                elif not _is(item, value):
                    return name
    if table == "events" and isinstance(doc.get("data"), dict):
        spec_of_kind = EVENT_DATA.get(doc["kind"])
        if spec_of_kind is not None and _field_problem(spec_of_kind, doc["data"]) is not None:
            return "data"
    for (tab, name), nested in NESTED.items():
        if tab == table and isinstance(doc.get(name), dict):
            if _field_problem(nested, doc[name]) is not None or not set(doc[name]) <= set(nested):
                return name
    return None


def validate(path: Path, data: dict[str, Any]) -> None:
    """Raise BadRecord for the first broken record in a file's `data`."""
    for table, docs in data.items():
        if table not in TABLES:
            continue
        for key, doc in docs.items():
            if not key.isdigit():
                raise BadRecord(path, table=table, record=key, field="id")
            problem = check_record(table, doc)
            if problem is not None:
                raise BadRecord(path, table=table, record=key, field=problem)
