"""`tettpa department ...` and `tettpa staff ...`: the departments and their people."""

from __future__ import annotations

import argparse

from tettpa_tui.cli import codes
from tettpa_tui.cli.common import (
    EXIT_ERROR,
    UsageError,
    err,
    group,
    leaf,
    out,
    print_json,
    store_of,
    today,
    workspace,
)
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import AgeGroup, Role, new_department, require_leader
from tettpa_tui.i18n import t
from tettpa_tui.messages import domain_message, quoted, store_message


def register(sub) -> None:
    dep = group(sub, "department")
    create = leaf(dep, "create", "department_create", cmd_department_create)
    create.add_argument("--age-group", required=True, choices=[a.value for a in AgeGroup])
    create.add_argument("--staff", action="append", default=[], metavar=t("cli.metavar.name_role"))
    create.add_argument("--pool", type=int, choices=range(1, 7), metavar="1-6", help=t("cli.help.pool"))
    create.add_argument("--instrument", choices=["toddler", "pre-k"], help=t("cli.help.instrument"))
    instr = leaf(dep, "instrument", "department_instrument", cmd_department_instrument)
    instr.add_argument("instrument", choices=["toddler", "pre-k"])
    leaf(dep, "list", "department_list", cmd_department_list, path=False, json=True)


def register_staff(sub) -> None:
    staff = group(sub, "staff")
    add = leaf(staff, "add", "staff_add", cmd_staff_add)
    add.add_argument("name", metavar=t("cli.metavar.name"))
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    leave = leaf(staff, "leave", "staff_leave", cmd_staff_leave)
    leave.add_argument("name", metavar=t("cli.metavar.name"))
    codes.register(staff)  # `tettpa staff code`: a start code for the phone page


def cmd_staff_leave(args: argparse.Namespace) -> int:
    """Mark a staff member as left (as `x` on the app's home screen): her history is kept, she
    takes no more turns and writes no more stories; only then may her data be erased."""
    store = store_of(args)
    dept = store.department(args.path)
    member = dept.find_member(" ".join(args.name.split()))
    if member is None:
        raise DomainError("error.staff_unknown", name=args.name)
    store.retire_staff(dept, member.id)
    out(t("cli.staff_left", name=member.name, path=dept.path))
    return 0


def cmd_department_create(args: argparse.Namespace) -> int:
    from tettpa_tui.domain.records import parse_department_path

    kindergarten, name = parse_department_path(args.path)
    staff = []
    for item in args.staff:
        person, sep, role = item.rpartition("=")
        if not sep or not person.strip():
            raise UsageError(t("cli.staff_format", value=quoted(item)))
        staff.append((person, Role.parse(role)))
    from tettpa_tui.domain.classframework import Instrument

    instrument = Instrument.parse(args.instrument) if args.instrument else None
    dept = new_department(kindergarten, name, AgeGroup.parse(args.age_group), staff, created=today(),
                          instrument=instrument)
    try:
        require_leader(dept)
    except DomainError as exc:  # wrong usage: the command line lacks a leader
        raise UsageError(t("cli.error_prefix") + domain_message(exc)) from None
    dept = store_of(args).create_department(dept, pool=args.pool)
    out(t("cli.department_created", path=dept.path, count=len(dept.staff)))
    return 0


def cmd_department_list(args: argparse.Namespace) -> int:
    store, ws = workspace(args)
    problems: list = []
    depts = store.list_departments(problems=problems)
    if args.json:
        rows = []
        for d in depts:
            nxt = ws.next_meeting(d, today())
            rows.append({
                "path": d.path,
                "kindergarten": d.kindergarten,
                "department": d.name,
                "age_group": d.age_group.value,
                "instrument": d.instrument.value,
                "staff": [
                    {"id": s.id, "name": s.name, "role": s.role.value, "active": s.active}
                    for s in d.staff
                ],
                "next_meeting": {"date": nxt.meeting_date.isoformat(), "dimension": nxt.dimension_id},
            })
        print_json(rows)
    elif not depts and not problems:
        out(t("cli.no_departments"))
    else:
        for d in depts:
            age = t(f"age_group.{d.age_group.value}")
            if d.age_group is AgeGroup.MIXED:  # only an age-mixed department chooses its instrument
                age += f", {t(f'instrument.{d.instrument.value}')}"
            out(t("cli.department_line", path=d.path, age=age, count=len(d.active_staff)))
    # A department whose file cannot be read is named, one line each; the others are listed.
    for problem in problems:
        err(t("cli.error_prefix") + store_message(problem))
    return EXIT_ERROR if problems else 0


def cmd_department_instrument(args: argparse.Namespace) -> int:
    """An age-mixed department chooses its CLASS instrument (its year wheel follows)."""
    from tettpa_tui.domain.classframework import Instrument

    store = store_of(args)
    dept = store.set_instrument(store.department(args.path), Instrument.parse(args.instrument))
    out(t("instrument.set", path=dept.path, instrument=t(f"instrument.{dept.instrument.value}")))
    return 0


def cmd_staff_add(args: argparse.Namespace) -> int:
    store = store_of(args)
    dept = store.department(args.path)
    dept, member = store.add_staff(dept, args.name, Role.parse(args.role))
    out(t("cli.staff_added", name=member.name, role=t(f"role.{member.role.value}"), path=dept.path))
    return 0
