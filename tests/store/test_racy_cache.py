"""A data file rewritten within the file system's timestamp granularity is read afresh
(a freed inode reused by the next write, with the same size and mtime: the leader's new
start code must reach the phone page's check at once)."""

from __future__ import annotations

import os
from datetime import datetime

from tettpa_tui.workspace import Workspace

NOW = datetime(2026, 11, 30, 9, 30)


def test_a_rewrite_with_the_same_inode_size_and_mtime_is_seen(store, dept) -> None:
    ws = Workspace(store)
    per = dept.find_member("Per Hansen")
    file = store.department_dir(dept.kindergarten, dept.name) / "department.json"
    ws.give_start_code(dept, per, NOW)
    old_bytes, old_salt = file.read_bytes(), store.staff_codes(dept)[per.id].code.salt
    ws.give_start_code(dept, per, NOW)
    new_bytes, new_salt = file.read_bytes(), store.staff_codes(dept)[per.id].code.salt
    assert len(old_bytes) == len(new_bytes) and old_salt != new_salt
    with open(file, "r+b") as f:
        f.write(old_bytes)
    st = os.stat(file)
    assert store.staff_codes(dept)[per.id].code.salt == old_salt  # read, and kept in the cache
    with open(file, "r+b") as f:  # the same inode and size ...
        f.write(new_bytes)
    os.utime(file, ns=(st.st_atime_ns, st.st_mtime_ns))  # ... and the same mtime: one tick of the clock
    assert store.staff_codes(dept)[per.id].code.salt == new_salt


def test_a_department_changed_by_another_program_is_seen_at_once(store, dept) -> None:
    """The built department is kept while its file is unchanged (the phone page asks for
    it on every save), and never outlives a change written by another program."""
    import json

    path = f"{dept.kindergarten}/{dept.name}"
    first = store.department(path)
    assert store.department(path) is first  # unchanged file: built once
    file = store.department_dir(dept.kindergarten, dept.name) / "department.json"
    data = json.loads(file.read_bytes())
    for m in data["department"]["1"]["staff"]:
        if m["name"] == "Per Hansen":
            m["name"] = "Per Olsen"
    (file.parent / "other.tmp").write_text(json.dumps(data), encoding="utf-8")
    os.replace(file.parent / "other.tmp", file)  # as another program writes: a new file moved in
    names = [m.name for m in store.department(path).active_staff]
    assert "Per Olsen" in names and "Per Hansen" not in names
