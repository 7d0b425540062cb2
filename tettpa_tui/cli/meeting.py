"""`tettpa meeting ...` and `tettpa search`: the record of the meetings."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from tettpa_tui.cli.common import UsageError, err, group, leaf, out, output_file, print_json, workspace
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.i18n import long_date, t
from tettpa_tui.text import printable


def register(sub) -> None:
    meet = group(sub, "meeting")
    leaf(meet, "list", "meeting_list", cmd_meeting_list, json=True)
    mshow = leaf(meet, "show", "meeting_show", cmd_meeting_show, json=True)
    mshow.add_argument("meeting_id", metavar=t("cli.metavar.meeting_id_latest"))
    export = leaf(meet, "export", "meeting_export", cmd_meeting_export)
    export.add_argument("meeting_id", metavar=t("cli.metavar.meeting_id_latest"))
    export.add_argument("--format", choices=["md", "html"], default="md")
    export.add_argument("--with-stories", action="store_true", help=t("cli.help.with_stories"))
    export.add_argument("-o", "--output", metavar=t("cli.metavar.file"))


def register_search(sub) -> None:
    find = leaf(sub, "search", "search", cmd_search, json=True)
    find.add_argument("text", metavar=t("cli.metavar.text"))


def _meeting_summary(ws, dept, m) -> dict:
    state = ws.meeting_state(dept, m)
    return {
        "id": m.id, "date": m.date.isoformat(), "dimension": m.dimension_id, "status": m.status,
        "stories": [r.story_id for r in state.stories],
        "turns": sum(1 for t in state.turns if not t.undone),
    }


def cmd_meeting_list(args: argparse.Namespace) -> int:
    store, ws = workspace(args)
    dept = store.department(args.path)
    meetings = store.meetings(dept)
    rows = [_meeting_summary(ws, dept, m) for m in meetings]
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        out(t("cli.no_meetings"))
    for m, r in zip(meetings, rows):
        out(t("cli.meeting_line", id=r["id"], date=r["date"], status=t(f"meeting_status.{r['status']}"),
                stories=len(r["stories"]), turns=r["turns"],
                dimension=ws.dimensions_text(dept, m.month, m.dimension_id)))
    return 0


def cmd_meeting_show(args: argparse.Namespace) -> int:
    from tettpa_tui.domain.calendar import YearMonth
    from tettpa_tui.services.minutes import _minutes_title, _phase_name, meeting_record

    store, ws = workspace(args)
    dept = store.department(args.path)
    record = meeting_record(ws, dept, _find_meeting(store, dept, args.meeting_id))
    if args.json:
        record = {**record, "stories": [{k: v for k, v in s.items() if k != "text"} for s in record["stories"]]}
        print_json(record)
        return 0
    if record.get("pedagogue_meeting"):  # a pedagogue meeting (or, year 2 on, the ledermøte) says which
        out(t(_minutes_title(record), date=long_date(date.fromisoformat(record["date"]))))
    out(t("cli.meeting_line", id=record["id"], date=record["date"], status=t(f"meeting_status.{record['status']}"),
            stories=len(record["stories"]), turns=len(record["turns"]),
            dimension=ws.dimensions_text(dept, YearMonth.parse(record["month"]), record["dimension"])))
    # The whole record, as the minutes have it (the --json record, in the user's words).
    people = record["attendance"]
    out(f"{t('minutes.facilitator')}: {record['facilitator']}")
    out(f"{t('minutes.present')}: {', '.join(people['present'])}")
    if people["absent"]:
        out(f"{t('minutes.absent')}: {', '.join(people['absent'])}")
    for name, why in people["left"].items():
        out(t("cli.meeting_left", name=name, reason=why))
    if people["guests"]:
        out(f"{t('minutes.guests')}: {', '.join(people['guests'])}")
    if record["followups"]:
        out(t("minutes.followup"))
        for f in record["followups"]:
            goal = f"{f['teller']}: «{f['goal']}» – " if f["goal"] else ""
            status = t(f"meeting.followup.{f['status']}")
            out(f"  {goal}{status}" + (f": {f['note']}" if f["note"] else ""))
    turns = [tr for tr in record["turns"] if not tr["undone"]]

    def when(tr: dict) -> str:
        return f"{_phase_name(ws, tr['phase'])}, {t('minutes.round', round=tr['round'])}"

    wide = max((len(when(tr)) for tr in turns), default=0)
    who = max((len(tr["speaker"]) for tr in turns), default=0)
    said = max((len(t(f"meeting.outcome.{tr['outcome']}")) for tr in turns), default=0)

    def show(group: list[dict]) -> None:  # phase and round, who, what happened, in the user's words
        for tr in group:
            what = t(f"meeting.outcome.{tr['outcome']}")
            note = tr["note"] or (tr["reason"] if tr["outcome"] == "skipped" else "")
            if note == "round_ended":
                note = t("meeting.round_ended")
            out(f"  {when(tr):<{wide}}  {tr['speaker']:<{who}}  {what:<{said}}  {note}".rstrip())

    for i, story in enumerate(record["stories"], start=1):
        out(t("minutes.story", n=i, teller=story["teller"]))
        show([tr for tr in turns if tr["story_id"] == story["id"] and tr["phase"] != "closing"])
        if story["most_useful"]:
            out(f"  {t('minutes.most_useful')}: {story['most_useful']}")
    closing = [tr for tr in turns if tr["phase"] == "closing"]
    if closing or record["summary"]:
        out(t("minutes.debrief") if record.get("pedagogue_meeting") else t("minutes.closing"))
        show(closing)
        if record["summary"]:
            out(f"  {t('minutes.summary')}: {record['summary']}")
    if record["timeouts"]:
        out(t("minutes.timeouts"))
        for x in record["timeouts"]:
            out(f"  {_phase_name(ws, x['phase']) if x['phase'] else ''}: {x['note']}")
    for g in record["goals"]:
        out(t("cli.goal_line", teller=g["teller"], goal=g["goal"]))
    for p in record["parked"]:
        out("  " + t("minutes.parked.line", author=p["author"], origin=p["parked_in"]["where"],
                     target=p["belongs_to"]["where"], text=p["text"], status=t(f"minutes.parked.{p['status']}")))
    return 0


def _find_meeting(store, dept, ref: str):
    if ref == "latest":
        meetings = store.meetings(dept)
        if not meetings:
            raise DomainError("error.no_meetings", path=dept.path)
        return meetings[-1]
    return store.meeting(dept, ref)


def cmd_meeting_export(args: argparse.Namespace) -> int:
    from tettpa_tui.services.minutes import minutes
    from tettpa_tui.store.storage import atomic_write_bytes

    target = output_file(args.output, args=args) if args.output else None
    store, ws = workspace(args)
    dept = store.department(args.path)
    meeting = _find_meeting(store, dept, args.meeting_id)
    text = minutes(ws, dept, meeting, args.format, args.with_stories)
    if args.output:
        atomic_write_bytes(target, text.encode("utf-8"))
        err(t("cli.exported", path=args.output))
    else:
        sys.stdout.write(printable(text))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    store, ws = workspace(args)
    dept = store.department(args.path)
    if not args.text.strip():
        raise UsageError(t("cli.search_empty"))
    names = {m.id: m.name for m in dept.staff}
    hits = ws.search(dept, args.text)
    if args.json:
        print_json([
            {"kind": h.item.kind, "text": h.item.text, "start": h.start, "end": h.end,
             "month": str(h.item.month), "date": h.item.day.isoformat() if h.item.day else None,
             "person": names.get(h.item.person_id or "", None), "dimension": h.item.dimension_id,
             "meeting_id": h.item.meeting_id, "story_id": h.item.story_id}
            for h in hits
        ])
        return 0
    if not hits:
        out(t("cli.no_hits"))
    for h in hits:
        snippet, a, b = h.snippet()
        out(t("cli.hit_line", month=str(h.item.month), kind=t(f"search.kind.{h.item.kind}"),
                person=names.get(h.item.person_id or "", "–"), text=" ".join(snippet.split())))
    return 0
