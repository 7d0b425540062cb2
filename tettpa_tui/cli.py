"""The command line: `tettpa` opens the app; subcommands script the same data.

Thin by design: parse, call the domain and the store, print. Every error is
one line on stderr in the user's language: exit 2 for wrong usage, 1 for
anything else, and never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from tettpa_tui.domain.stories import Story
    from tettpa_tui.domain.storycheck import Finding

from tettpa_tui.content import ContentError
from tettpa_tui.domain.calendar import KindergartenYear, YearMonth, parse_date
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import AgeGroup, Role, new_department
from tettpa_tui.i18n import LANGUAGES, language, set_language, t
from tettpa_tui.i18n import language as lang
from tettpa_tui.messages import domain_message, store_message
from tettpa_tui.store import Store, StoreError
from tettpa_tui.store.repository import default_data_dir

EXIT_ERROR = 1
EXIT_USAGE = 2


def today() -> date:
    """Today, or TETTPA_TODAY (YYYY-MM-DD) so tests and demos can fix the clock."""
    fixed = os.environ.get("TETTPA_TODAY")
    return parse_date(fixed) if fixed else date.today()


class UsageError(Exception):
    pass


_ARGPARSE_NB = [
    (r"the following arguments are required: (.*)", "mangler {0}"),
    (r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)", "ugyldig valg for {0}: {1} (velg blant {2})"),
    (r"unrecognized arguments: (.*)", "ukjent argument: {0}"),
    (r"argument (\S+): expected one argument", "{0} trenger en verdi"),
    (r"argument (\S+): invalid (\S+) value: (.*)", "ugyldig verdi for {0}: {2}"),
    (r"argument (\S+): not allowed with argument (\S+)", "{0} kan ikke brukes sammen med {1}"),
]


_HELP_NB = {
    "usage: ": "bruk: ",
    "positional arguments": "argumenter",
    "options": "valg",
    "show this help message and exit": "vis denne hjelpen og avslutt",
}


def _translate_argparse() -> None:
    """argparse writes its help headings through gettext; give it the bokmål ones."""
    original = argparse._

    def nb(text: str) -> str:
        if language() != "nb":
            return original(text)
        return _HELP_NB.get(text, original(text))

    argparse._ = nb


_translate_argparse()  # (in English, argparse's own texts are used)


class Parser(argparse.ArgumentParser):
    """argparse that fails with one Norwegian line instead of usage text."""

    def error(self, message: str) -> NoReturn:
        for pattern, text in (_ARGPARSE_NB if language() == "nb" else []):
            m = re.fullmatch(pattern, message)
            if m:
                message = text.format(*m.groups())
                break
        raise UsageError(f"{self.prog}: {message}")


def _add_data_dir(p: argparse.ArgumentParser, top: bool = False) -> None:
    p.add_argument(
        "--data-dir",
        metavar=t("cli.metavar.folder"),
        default=None if top else argparse.SUPPRESS,
        help=t("cli.help.data_dir"),
    )
    p.add_argument(
        "--lang",
        choices=list(LANGUAGES),
        default=None if top else argparse.SUPPRESS,
        help=t("cli.help.lang"),
    )


def _group(sub, name: str) -> argparse._SubParsersAction:
    """A command with actions under it: `tettpa NAME ACTION ...`."""
    group = sub.add_parser(name, help=t(f"cli.help.{name}"))
    _add_data_dir(group)
    return group.add_subparsers(dest="action", metavar=t("cli.metavar.action"), parser_class=Parser, required=True)


def _leaf(sub, name: str, help_key: str, path: bool = True, json: bool = False) -> argparse.ArgumentParser:
    """One command or action, with --data-dir, and the department path and --json when asked."""
    leaf = sub.add_parser(name, help=t(f"cli.help.{help_key}"))
    _add_data_dir(leaf)
    if path:
        leaf.add_argument("path", metavar=t("cli.metavar.department"))
    if json:
        leaf.add_argument("--json", action="store_true")
    return leaf


def build_parser() -> Parser:
    parser = Parser(prog="tettpa", description=t("cli.help.main"))
    _add_data_dir(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar=t("cli.metavar.command"), parser_class=Parser)

    demo = _leaf(sub, "demo", "demo", path=False)
    demo.add_argument("--create-only", action="store_true", help=t("cli.help.create_only"))

    dep = _group(sub, "department")
    create = _leaf(dep, "create", "department_create")
    create.add_argument("--age-group", required=True, choices=[a.value for a in AgeGroup])
    create.add_argument("--staff", action="append", default=[], metavar=t("cli.metavar.name_role"))
    create.add_argument("--pool", type=int, choices=range(1, 7), metavar="1-6", help=t("cli.help.pool"))
    create.add_argument("--instrument", choices=["toddler", "pre-k"], help=t("cli.help.instrument"))
    instr = _leaf(dep, "instrument", "department_instrument")
    instr.add_argument("instrument", choices=["toddler", "pre-k"])
    _leaf(dep, "list", "department_list", path=False, json=True)
    code = _leaf(dep, "code", "department_code")
    code.add_argument("--clear", action="store_true", help=t("cli.help.code_clear"))
    code.add_argument("--stdin", action="store_true", help=t("cli.help.code_stdin"))

    serve = _leaf(sub, "serve", "serve")
    serve.add_argument("--host", default="127.0.0.1", help=t("cli.help.host"))
    serve.add_argument("--port", type=int, default=8000, help=t("cli.help.port"))
    serve.add_argument("--demo", action="store_true", help=t("cli.help.serve_demo"))

    staff = _group(sub, "staff")
    add = _leaf(staff, "add", "staff_add")
    add.add_argument("name", metavar=t("cli.metavar.name"))
    add.add_argument("--role", required=True, choices=[r.value for r in Role])

    dims = _leaf(sub, "dimensions", "dimensions", path=False, json=True)
    dims.add_argument("--instrument", choices=["toddler", "pre-k"], help=t("cli.help.dimensions_instrument"))

    plan = _group(sub, "plan")
    show = _leaf(plan, "show", "plan_show", json=True)
    show.add_argument("--year", metavar=t("cli.metavar.year"))
    pset = _leaf(plan, "set", "plan_set")
    pset.add_argument("month", metavar=t("cli.metavar.month"))
    pset.add_argument("--dimension", metavar="ID")
    pset.add_argument("--date", metavar=t("cli.metavar.date"))

    story = _group(sub, "story")
    sadd = _leaf(story, "add", "story_add")
    sadd.add_argument("--author", required=True, metavar=t("cli.metavar.name"))
    sadd.add_argument("--dimension", metavar="ID")
    sadd.add_argument("--month", metavar=t("cli.metavar.month"))
    sadd.add_argument("--file", metavar=t("cli.metavar.file_or_stdin"), help=t("cli.help.story_file"))
    sadd.add_argument("--strict", action="store_true", help=t("cli.help.strict"))
    slist = _leaf(story, "list", "story_list", json=True)
    slist.add_argument("--month", metavar=t("cli.metavar.month"))
    slist.add_argument("--author", metavar=t("cli.metavar.name"))
    scheck = _leaf(story, "check", "story_check", json=True)
    scheck.add_argument("--file", metavar=t("cli.metavar.file_or_stdin"), help=t("cli.help.story_file"))

    meet = _group(sub, "meeting")
    _leaf(meet, "list", "meeting_list", json=True)
    mshow = _leaf(meet, "show", "meeting_show", json=True)
    mshow.add_argument("meeting_id", metavar=t("cli.metavar.meeting_id"))

    export = _leaf(meet, "export", "meeting_export")
    export.add_argument("meeting_id", metavar=t("cli.metavar.meeting_id_latest"))
    export.add_argument("--format", choices=["md", "html"], default="md")
    export.add_argument("--with-stories", action="store_true", help=t("cli.help.with_stories"))
    export.add_argument("-o", "--output", metavar=t("cli.metavar.file"))

    obs = _group(sub, "observation")
    oadd = _leaf(obs, "add", "observation_add")
    oadd.add_argument("--date", required=True, metavar=t("cli.metavar.date"))
    oadd.add_argument("--observer", required=True, metavar=t("cli.metavar.name"))
    oadd.add_argument("--file", required=True, metavar=t("cli.metavar.scores"))
    oadd.add_argument("--instrument", choices=["toddler", "pre-k"])
    _leaf(obs, "list", "observation_list", json=True)

    over = _leaf(sub, "overview", "overview", path=False, json=True)
    over.add_argument("kindergarten", metavar=t("cli.metavar.kindergarten"), nargs="?")
    over.add_argument("--all", action="store_true", help=t("cli.help.overview_all"))
    over.add_argument("--year", metavar=t("cli.metavar.year"))

    find = _leaf(sub, "search", "search", json=True)
    find.add_argument("text", metavar=t("cli.metavar.text"))

    _leaf(sub, "check", "check", path=False)
    return parser


# ---- commands ------------------------------------------------------------

def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def _store(args: argparse.Namespace) -> Store:
    return Store(Path(args.data_dir) if getattr(args, "data_dir", None) else default_data_dir())


def cmd_department_create(args: argparse.Namespace) -> int:
    from tettpa_tui.domain.records import parse_department_path

    kindergarten, name = parse_department_path(args.path)
    staff = []
    for item in args.staff:
        person, sep, role = item.rpartition("=")
        if not sep or not person.strip():
            raise UsageError(t("cli.staff_format", value=item))
        staff.append((person, Role.parse(role)))
    from tettpa_tui.domain.classframework import Instrument

    instrument = Instrument.parse(args.instrument) if args.instrument else None
    dept = new_department(kindergarten, name, AgeGroup.parse(args.age_group), staff, created=today(),
                          instrument=instrument)
    dept = _store(args).create_department(dept, pool=args.pool)
    print(t("cli.department_created", path=dept.path, count=len(dept.staff)))
    return 0


def cmd_department_list(args: argparse.Namespace) -> int:
    from tettpa_tui.workspace import Workspace

    store = _store(args)
    ws = Workspace(store)
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
                "instrument": d.instrument.value,
                "staff": [
                    {"id": s.id, "name": s.name, "role": s.role.value, "active": s.active}
                    for s in d.staff
                ],
                "next_meeting": {"date": nxt.meeting_date.isoformat(), "dimension": nxt.dimension_id},
            })
        _print_json(out)
        return 0
    if not depts:
        print(t("cli.no_departments"))
        return 0
    for d in depts:
        age = t(f"age_group.{d.age_group.value}")
        if d.age_group is AgeGroup.MIXED:  # only an age-mixed department chooses its instrument
            age += f", {t(f'instrument.{d.instrument.value}')}"
        print(t("cli.department_line", path=d.path, age=age, count=len(d.active_staff)))
    return 0


def cmd_department_instrument(args: argparse.Namespace) -> int:
    """An age-mixed department chooses its CLASS instrument (its year wheel follows)."""
    from tettpa_tui.domain.classframework import Instrument

    store = _store(args)
    dept = store.set_instrument(store.department(args.path), Instrument.parse(args.instrument))
    print(t("instrument.set", path=dept.path, instrument=t(f"instrument.{dept.instrument.value}")))
    return 0


def cmd_department_code(args: argparse.Namespace) -> int:
    """Set (or clear) the access code the browser asks for on a network."""
    from tettpa_tui.workspace import Workspace

    store = _store(args)
    dept = store.department(args.path)
    ws = Workspace(store)
    if args.clear:
        ws.set_access_code(dept, None)
        print(t("cli.code_cleared", path=dept.path))
        return 0
    if args.stdin:
        code = sys.stdin.readline().rstrip("\r\n")
    else:
        import getpass

        code = getpass.getpass(t("cli.code_prompt"))
        again = getpass.getpass(t("cli.code_again"))
        if code != again:
            raise UsageError(t("cli.code_mismatch"))
    ws.set_access_code(dept, code)
    print(t("cli.code_set", path=dept.path))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from tettpa_tui.serve import plan_serve, port_free, run_server

    if args.demo and not getattr(args, "data_dir", None):
        from tettpa_tui.demo import create_demo, demo_data_dir

        store = Store(demo_data_dir())
        create_demo(store, today())
    else:
        store = _store(args)
    plan = plan_serve(store, args.path, host=args.host, port=args.port)
    if not port_free(plan.host, plan.port):
        raise UsageError(t("cli.port_busy", host=plan.host, port=plan.port))
    os.umask(0o077)
    run_server(plan)
    return 0


def cmd_staff_add(args: argparse.Namespace) -> int:
    store = _store(args)
    dept = store.department(args.path)
    dept, member = store.add_staff(dept, args.name, Role.parse(args.role))
    print(t("cli.staff_added", name=member.name, role=t(f"role.{member.role.value}"), path=dept.path))
    return 0


def cmd_dimensions(args: argparse.Namespace) -> int:
    from tettpa_tui import content

    from tettpa_tui.domain.classframework import Instrument

    fw = content.framework()
    if args.instrument:
        fw = fw.for_instrument(Instrument.parse(args.instrument))
    if args.json:
        _print_json([
            {"id": d.id, "domain": d.domain_id, "name_nb": d.name("nb"), "name_en": d.name("en")}
            for d in fw.offered
        ])
        return 0
    for dom in fw.instrument_domains():
        print(dom.name(lang()))
        for dim_id in dom.dimension_ids:
            d = fw.dimension(dim_id)
            print(f"  {d.id:<32} {d.name(lang())}")
    return 0


def cmd_plan_show(args: argparse.Namespace) -> int:
    from tettpa_tui.workspace import Workspace

    store = _store(args)
    ws = Workspace(store)
    dept = store.department(args.path)
    year = KindergartenYear.parse(args.year) if args.year else KindergartenYear.containing(today())
    wheel = ws.wheel(dept, year)
    fw = ws.framework_for(dept)
    if args.json:
        _print_json({
            "department": dept.path,
            "year": str(year),
            "instrument": dept.instrument.value,
            "months": [
                {
                    "month": str(m.month),
                    "dimension": m.dimension_id,
                    "meeting_date": m.meeting_date.isoformat(),
                    "date_set_by_hand": m.date_set_by_hand,
                    "outside_instrument": m.outside_instrument,
                }
                for m in wheel.months
            ],
        })
        return 0
    print(t("cli.plan_title", path=dept.path, year=str(year)))
    for m in wheel.months:
        mark = " *" if m.date_set_by_hand else ""
        flag = f"  ⚠ {t('instrument.outside_short')}" if m.outside_instrument else ""
        print(f"  {m.month}  {m.meeting_date.isoformat()}{mark:<2}  {fw.dimension(m.dimension_id).name(lang())}{flag}")
    if any(m.outside_instrument for m in wheel.months):
        print(t("instrument.outside_note", instrument=t(f"instrument.{dept.instrument.value}")))
    return 0


def cmd_plan_set(args: argparse.Namespace) -> int:
    from tettpa_tui.workspace import Workspace

    if args.dimension is None and args.date is None:
        raise UsageError(t("cli.plan_set_nothing"))
    store = _store(args)
    ws = Workspace(store)
    dept = store.department(args.path)
    month = YearMonth.parse(args.month)
    day = parse_date(args.date) if args.date else None
    plan = ws.set_plan(dept, month, args.dimension, day)
    print(t("cli.plan_set", month=str(plan.month), date=plan.meeting_date.isoformat(),
            dimension=ws.framework_for(dept).dimension(plan.dimension_id).name(lang())))
    return 0


def now() -> datetime:
    """Now, on TETTPA_TODAY's date when that is set."""
    current = datetime.now().replace(microsecond=0)
    return datetime.combine(today(), current.time())


def read_story_text(file: str | None) -> str:
    """The story from --file PATH, --file - (standard input), or piped input."""
    if file is None:
        if sys.stdin is None or sys.stdin.isatty():
            raise UsageError(t("cli.story_needs_file"))
        file = "-"
    try:
        raw = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except FileNotFoundError:
        raise DomainError("error.file_missing", path=file) from None
    except IsADirectoryError:
        raise DomainError("error.file_missing", path=file) from None
    except OSError as exc:
        raise DomainError("error.file_unreadable", path=file, reason=exc.strerror or str(exc)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise DomainError("error.not_utf8", path=file) from None
    return text.removeprefix("\ufeff")


def finding_line(f: "Finding") -> str:
    if f.kind == "length":
        return t(f"check.length_{f.detail['which']}", words=f.detail["words"], limit=f.detail["limit"])
    if f.kind == "first-person":
        return t("check.first_person")
    return t(f"check.{f.kind.replace('-', '_')}_at", text=f.text, start=f.start, end=f.end)


def story_json(s: "Story", dept) -> dict:
    author = next((m for m in dept.staff if m.id == s.author_id), None)
    entered = next((m for m in dept.staff if m.id == s.entered_by), None) if s.entered_by else None
    return {
        "id": s.id,
        "author": author.name if author else s.author_id,
        "author_id": s.author_id,
        "month": str(s.month),
        "dimension": s.dimension_id,
        "text": s.text,
        "status": s.status.value,
        "words": s.words,
        "created_at": s.created_at.isoformat(),
        "updated_at": s.updated_at.isoformat(),
        "submitted_at": s.submitted_at.isoformat() if s.submitted_at else None,
        "entered_by": entered.name if entered else None,
        "used_in": s.used_in,
    }


def cmd_story_add(args: argparse.Namespace) -> int:
    from tettpa_tui.domain.stories import check_text_size
    from tettpa_tui.domain.storycheck import privacy_findings
    from tettpa_tui.workspace import Workspace

    store = _store(args)
    ws = Workspace(store)
    dept = store.department(args.path)
    author = ws.author(dept, args.author)
    month = YearMonth.parse(args.month) if args.month else None
    if month is not None:
        ws.wheel(dept, month.kindergarten_year).month(month)  # July and the like are refused
    if args.dimension:
        ws.framework.dimension(args.dimension)
    text = read_story_text(args.file)
    if not text.strip():
        raise DomainError("error.story_empty")
    check_text_size(text)
    findings = ws.check(dept, text)
    for f in findings:
        print(t("cli.warning_prefix") + finding_line(f), file=sys.stderr)
    if args.strict and privacy_findings(findings):
        raise DomainError("error.story_strict", count=len(privacy_findings(findings)))
    story = ws.hand_in_new(dept, author, now(), text, month, args.dimension)
    print(story.id)
    return 0


def cmd_story_list(args: argparse.Namespace) -> int:
    from tettpa_tui.workspace import Workspace

    store = _store(args)
    ws = Workspace(store)
    dept = store.department(args.path)
    month = YearMonth.parse(args.month) if args.month else None
    found = store.stories(dept, month)
    if args.author:
        member = next((m for m in dept.staff if m.name.casefold() == " ".join(args.author.split()).casefold()), None)
        if member is None:
            raise DomainError("error.author_unknown", name=args.author, path=dept.path)
        found = [s for s in found if s.author_id == member.id]
    if args.json:
        _print_json([story_json(s, dept) for s in found])
        return 0
    if not found:
        print(t("cli.no_stories"))
        return 0
    for s in found:
        j = story_json(s, dept)
        print(t("cli.story_line", id=s.id, month=str(s.month), author=j["author"],
                status=t(f"story_status.{s.status.value}"), words=s.words,
                dimension=ws.framework.dimension(s.dimension_id).name(lang())))
    return 0


def cmd_story_check(args: argparse.Namespace) -> int:
    from tettpa_tui.domain.stories import word_count
    from tettpa_tui.workspace import Workspace

    store = _store(args)
    ws = Workspace(store)
    dept = store.department(args.path)
    text = read_story_text(args.file)
    findings = ws.check(dept, text)
    if args.json:
        _print_json({"words": word_count(text), "warnings": [f.as_json() for f in findings]})
        return 0
    if not text.strip():
        print(t("check.empty"))
    elif not findings:
        print(t("check.none", words=word_count(text)))
    for f in findings:
        print(finding_line(f))
    return 0


def _meeting_summary(ws, dept, m) -> dict:
    state = ws.meeting_state(dept, m)
    return {
        "id": m.id, "date": m.date.isoformat(), "dimension": m.dimension_id, "status": m.status,
        "stories": [r.story_id for r in state.stories],
        "turns": sum(1 for t in state.turns if not t.undone),
    }


def cmd_meeting_list(args: argparse.Namespace) -> int:
    from tettpa_tui.workspace import Workspace

    store = _store(args)
    ws = Workspace(store)
    dept = store.department(args.path)
    rows = [_meeting_summary(ws, dept, m) for m in store.meetings(dept)]
    if args.json:
        _print_json(rows)
        return 0
    if not rows:
        print(t("cli.no_meetings"))
    for r in rows:
        print(t("cli.meeting_line", id=r["id"], date=r["date"], status=t(f"meeting_status.{r['status']}"),
                stories=len(r["stories"]), turns=r["turns"],
                dimension=ws.framework.dimension(r["dimension"]).name(lang())))
    return 0


def cmd_meeting_show(args: argparse.Namespace) -> int:
    from tettpa_tui.export import meeting_record
    from tettpa_tui.workspace import Workspace

    store = _store(args)
    ws = Workspace(store)
    dept = store.department(args.path)
    record = meeting_record(ws, dept, store.meeting(dept, args.meeting_id))
    if args.json:
        record = {**record, "stories": [{k: v for k, v in s.items() if k != "text"} for s in record["stories"]]}
        _print_json(record)
        return 0
    print(t("cli.meeting_line", id=record["id"], date=record["date"], status=t(f"meeting_status.{record['status']}"),
            stories=len(record["stories"]), turns=len(record["turns"]),
            dimension=ws.framework.dimension(record["dimension"]).name(lang())))
    for tr in record["turns"]:
        if not tr["undone"]:
            print(f"  {tr['phase']:<12} {tr['round']}  {tr['speaker']:<20} {tr['outcome']:<8} {tr['note']}")
    for g in record["goals"]:
        print(t("cli.goal_line", teller=g["teller"], goal=g["goal"]))
    return 0


def _find_meeting(store, dept, ref: str):
    if ref == "latest":
        meetings = store.meetings(dept)
        if not meetings:
            raise DomainError("error.no_meetings", path=dept.path)
        return meetings[-1]
    return store.meeting(dept, ref)


def cmd_meeting_export(args: argparse.Namespace) -> int:
    from tettpa_tui.export import minutes
    from tettpa_tui.store.storage import atomic_write_bytes
    from tettpa_tui.workspace import Workspace

    store = _store(args)
    ws = Workspace(store)
    dept = store.department(args.path)
    meeting = _find_meeting(store, dept, args.meeting_id)
    text = minutes(ws, dept, meeting, args.format, args.with_stories)
    if args.output:
        atomic_write_bytes(Path(args.output), text.encode("utf-8"))
        print(t("cli.exported", path=args.output), file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from tettpa_tui.workspace import Workspace

    store = _store(args)
    ws = Workspace(store)
    dept = store.department(args.path)
    if not args.text.strip():
        raise UsageError(t("cli.search_empty"))
    names = {m.id: m.name for m in dept.staff}
    hits = ws.search(dept, args.text)
    if args.json:
        _print_json([
            {"kind": h.item.kind, "text": h.item.text, "start": h.start, "end": h.end,
             "month": str(h.item.month), "date": h.item.day.isoformat() if h.item.day else None,
             "person": names.get(h.item.person_id or "", None), "dimension": h.item.dimension_id,
             "meeting_id": h.item.meeting_id, "story_id": h.item.story_id}
            for h in hits
        ])
        return 0
    if not hits:
        print(t("cli.no_hits"))
    for h in hits:
        snippet, a, b = h.snippet()
        print(t("cli.hit_line", month=str(h.item.month), kind=t(f"search.kind.{h.item.kind}"),
                person=names.get(h.item.person_id or "", "–"), text=" ".join(snippet.split())))
    return 0


def read_scores(file: str) -> list[dict[str, object]]:
    """The [[cycle]] tables of a scores file: one table per cycle, `dimension-id = score`."""
    import tomllib

    try:
        raw = Path(file).read_bytes()
    except FileNotFoundError:
        raise DomainError("error.file_missing", path=file) from None
    except OSError as exc:
        raise DomainError("error.file_unreadable", path=file, reason=exc.strerror or str(exc)) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise DomainError("error.not_utf8", path=file) from None
    except tomllib.TOMLDecodeError as exc:
        raise DomainError("error.scores_file", path=file, detail=str(exc)) from None
    cycles = data.get("cycle")
    if not isinstance(cycles, list) or not all(isinstance(c, dict) for c in cycles):
        raise DomainError("error.scores_file", path=file, detail="cycle")
    return cycles


def observation_json(ws, o) -> dict:
    res = ws.results(o)
    return {"id": o.id, "date": o.date.isoformat(), "observer": o.observer, "instrument": o.instrument.value,
            "cycles": [dict(c) for c in o.cycles], "complete_cycles": res.complete,
            "dimensions": res.dimensions, "domains": res.domains}


def cmd_observation_add(args: argparse.Namespace) -> int:
    from tettpa_tui.domain.observation import Instrument
    from tettpa_tui.workspace import Workspace

    store = _store(args)
    ws = Workspace(store)
    dept = store.department(args.path)
    day = parse_date(args.date)
    cycles = read_scores(args.file)
    instrument = Instrument.parse(args.instrument) if args.instrument else None
    obs = ws.record_observation(dept, day, args.observer, cycles, now(), instrument)
    print(obs.id)
    return 0


def cmd_observation_list(args: argparse.Namespace) -> int:
    from tettpa_tui.workspace import Workspace

    store = _store(args)
    ws = Workspace(store)
    dept = store.department(args.path)
    found = store.observations(dept)
    if args.json:
        _print_json([observation_json(ws, o) for o in found])
        return 0
    if not found:
        print(t("cli.no_observations"))
    for o in found:
        res = ws.results(o)
        domains = "  ".join(f"{ws.framework.domain(d).name(lang())}: {v:.2f}" for d, v in res.domains.items())
        print(f"{o.id}  {o.date.isoformat()}  {o.observer}  {o.instrument.value}  {domains}")
    return 0


def cmd_overview(args: argparse.Namespace) -> int:
    from tettpa_tui.workspace import Workspace

    if bool(args.all) == bool(args.kindergarten):
        raise UsageError(t("cli.overview_usage"))
    store = _store(args)
    ws = Workspace(store)
    year = KindergartenYear.parse(args.year) if args.year else KindergartenYear.containing(today())
    groups = ws.overview_all(year) if args.all else [(args.kindergarten, ws.overview(args.kindergarten, year))]
    result = []
    for kg, rows in groups:
        result.append({"kindergarten": rows[0].department.split("/")[0] if rows else kg, "year": str(year),
                       "departments": [
                           {"department": r.name, "path": r.department, "meetings_held": r.meetings_held,
                            "dimensions_covered": r.dimensions_covered,
                            "stories_per_meeting": r.stories_per_meeting,
                            "goals_followed_up": r.goals_followed_up,
                            "last_meeting": r.last_meeting.isoformat() if r.last_meeting else None,
                            "observed_autumn": r.observed_autumn.isoformat() if r.observed_autumn else None,
                            "observed_spring": r.observed_spring.isoformat() if r.observed_spring else None}
                           for r in rows]})
    if args.json:
        _print_json(result if args.all else result[0])
        return 0
    for kg in result:
        print(t("cli.overview_title", kindergarten=kg["kindergarten"], year=kg["year"]))
        for r in kg["departments"]:
            print(t("cli.overview_line", **{k: (v if v is not None else "–") for k, v in r.items()}))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    store = _store(args)
    files = store.data_files()
    problems = store.check()
    for err in problems:
        print(store_message(err), file=sys.stderr)
    if problems:
        print(t("cli.check_bad", bad=len(problems), total=len(files)), file=sys.stderr)
        return EXIT_ERROR
    print(t("cli.check_ok", total=len(files), path=str(store.root)))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from tettpa_tui.demo import create_demo, demo_data_dir

    root = Path(args.data_dir) if getattr(args, "data_dir", None) else demo_data_dir()
    store = Store(root)
    created = create_demo(store, today())
    if args.create_only:
        print(t("cli.demo_created" if created else "cli.demo_exists", path=str(root)))
        return 0
    return run_app(store, demo=True)


def run_app(store: Store, demo: bool = False) -> int:
    from tettpa_tui.app import RESTART, TettpaApp

    app = TettpaApp(store=store, today=today(), demo=demo)
    result = app.run()
    if isinstance(result, tuple) and result[0] == RESTART:
        restart_in(result[1])
    return app.return_code or 0


def restart_in(lang: str) -> NoReturn:
    """Start the app again in `lang` (the screens' texts are fixed when they are loaded)."""
    argv = sys.argv[1:]
    for i, arg in enumerate(argv):  # the new choice wins over a --lang given before
        if arg == "--lang" and i + 1 < len(argv):
            argv = argv[:i] + argv[i + 2:]
            break
        if arg.startswith("--lang="):
            argv = argv[:i] + argv[i + 1:]
            break
    os.environ["TETTPA_LANG"] = lang
    os.execv(sys.executable, [sys.executable, "-m", "tettpa_tui", *argv])


# ---- entry point ---------------------------------------------------------

COMMANDS = {
    ("department", "create"): cmd_department_create,
    ("department", "list"): cmd_department_list,
    ("department", "code"): cmd_department_code,
    ("department", "instrument"): cmd_department_instrument,
    ("serve", None): cmd_serve,
    ("staff", "add"): cmd_staff_add,
    ("dimensions", None): cmd_dimensions,
    ("plan", "show"): cmd_plan_show,
    ("plan", "set"): cmd_plan_set,
    ("check", None): cmd_check,
    ("story", "add"): cmd_story_add,
    ("story", "list"): cmd_story_list,
    ("story", "check"): cmd_story_check,
    ("meeting", "list"): cmd_meeting_list,
    ("meeting", "show"): cmd_meeting_show,
    ("meeting", "export"): cmd_meeting_export,
    ("search", None): cmd_search,
    ("overview", None): cmd_overview,
    ("observation", "add"): cmd_observation_add,
    ("observation", "list"): cmd_observation_list,
    ("demo", None): cmd_demo,
}


def _option(argv: list[str], name: str) -> str | None:
    """An option's value given anywhere on the line, read before the parser is built."""
    for i, arg in enumerate(argv):
        if arg == name and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return None


def _choose_language(argv: list[str]) -> None:
    """--lang, else TETTPA_LANG, else the language chosen in the app, else bokmål.

    Chosen before the parser and the screens are built: their texts are read then.
    """
    lang = _option(argv, "--lang")
    if lang is None and "TETTPA_LANG" not in os.environ:
        folder = _option(argv, "--data-dir")
        try:
            lang = Store(Path(folder) if folder else default_data_dir()).setting("language")
        except (StoreError, OSError):
            lang = None  # the command itself will say what is wrong with the data
    if lang in LANGUAGES:
        set_language(lang)


def main(argv: list[str] | None = None) -> int:
    _choose_language(sys.argv[1:] if argv is None else argv)
    try:
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as exc:  # --help
            return int(exc.code or 0)
        if args.command is None:
            return run_app(_store(args))
        handler = COMMANDS[(args.command, getattr(args, "action", None))]
        return handler(args)
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    except DomainError as exc:
        print(t("cli.error_prefix") + domain_message(exc), file=sys.stderr)
        return EXIT_ERROR
    except StoreError as exc:
        print(t("cli.error_prefix") + store_message(exc), file=sys.stderr)
        return EXIT_ERROR
    except ContentError as exc:
        print(t("cli.error_prefix") + t("error.content", detail=str(exc)), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the last guard: one line, never a traceback
        print(t("cli.error_prefix") + t("error.unexpected", detail=f"{type(exc).__name__}: {exc}"),
              file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
