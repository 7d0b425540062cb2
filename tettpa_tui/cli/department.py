"""`tettpa department ...` and `tettpa staff ...`: the departments and their people."""

from __future__ import annotations

import argparse

from tettpa_tui.cli import codes
from tettpa_tui.cli.common import UsageError, group, leaf, print_json, store_of, today, workspace
from tettpa_tui.domain.records import AgeGroup, Role, new_department
from tettpa_tui.i18n import t


def register(sub) -> None:
    dep = group(sub, "department")
    create = leaf(dep, "create", "department_create", cmd_department_create)
    create.add_argument("--age-group", required=True, choices=[a.value for a in AgeGroup])
    create.add_argument("--staff", action="append", default=[], metavar=t("cli.metavar.name_role"))
    create.add_argument("--pool", type=int, choices=range(1, 7), metavar="1-6", help=t("cli.help.pool"))
    leaf(dep, "list", "department_list", cmd_department_list, path=False, json=True)


def register_staff(sub) -> None:
    staff = group(sub, "staff")
    add = leaf(staff, "add", "staff_add", cmd_staff_add)
    add.add_argument("name", metavar=t("cli.metavar.name"))
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    codes.register(staff)  # `tettpa staff code`: a start code for the phone page


def cmd_department_create(args: argparse.Namespace) -> int:
    from tettpa_tui.domain.records import parse_department_path

    kindergarten, name = parse_department_path(args.path)
    staff = []
    for item in args.staff:
        person, sep, role = item.rpartition("=")
        if not sep or not person.strip():
            raise UsageError(t("cli.staff_format", value=item))
        staff.append((person, Role.parse(role)))
    dept = new_department(kindergarten, name, AgeGroup.parse(args.age_group), staff, created=today())
    dept = store_of(args).create_department(dept, pool=args.pool)
    print(t("cli.department_created", path=dept.path, count=len(dept.staff)))
    return 0


def cmd_department_list(args: argparse.Namespace) -> int:
    store, ws = workspace(args)
    depts = store.list_departments()
    if args.json:
        out = []
        for d in depts:
            nxt = ws.next_meeting(d, today())
            out.append({
                "path": d.path,
                "kindergarten": d.kindergarten,
                "department": d.name,
                "age_group": d.age_group.value,
                "staff": [
                    {"id": s.id, "name": s.name, "role": s.role.value, "active": s.active}
                    for s in d.staff
                ],
                "next_meeting": {"date": nxt.meeting_date.isoformat(), "dimension": nxt.dimension_id},
            })
        print_json(out)
        return 0
    if not depts:
        print(t("cli.no_departments"))
        return 0
    for d in depts:
        print(t("cli.department_line", path=d.path, age=t(f"age_group.{d.age_group.value}"),
                count=len(d.active_staff)))
    return 0


def cmd_staff_add(args: argparse.Namespace) -> int:
    store = store_of(args)
    dept = store.department(args.path)
    dept, member = store.add_staff(dept, args.name, Role.parse(args.role))
    print(t("cli.staff_added", name=member.name, role=t(f"role.{member.role.value}"), path=dept.path))
    return 0
