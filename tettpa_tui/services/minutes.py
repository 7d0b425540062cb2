"""A meeting's record as data, and its minutes (referat) as Markdown and HTML.

The minutes hold the dimension, who took part, the follow-up of last time's
goals, every recorded turn by story, phase and round, the goals agreed and the
summary. Story texts are about children and are left out unless asked for.
Every piece of user text is escaped for Markdown, and the HTML is rendered by
markdown-it-py with raw HTML off, so nothing typed can become markup or script.
"""

from __future__ import annotations

import html
from datetime import date

from markdown_it import MarkdownIt

from tettpa_tui.i18n import long_date, t
from tettpa_tui.i18n import language as lang
from tettpa_tui.text import md_escape
from tettpa_tui.workspace import Workspace


def meeting_record(ws: Workspace, dept, meeting) -> dict:
    """The whole record of a meeting, as plain data (for JSON and the minutes)."""
    state = ws.meeting_state(dept, meeting)
    names = {m.id: m.name for m in dept.staff}
    story_text = {s.id: s for s in ws.store.stories(dept, meeting.month)}
    earlier_goals = {run.story_id: run for run, _ in ws.previous_goals(dept, meeting)}
    return {
        "id": meeting.id,
        "date": meeting.date.isoformat(),
        "dimension": meeting.dimension_id,
        "status": meeting.status,
        "facilitator": names.get(meeting.facilitator_id, meeting.facilitator_id),
        "attendance": {
            "present": [names.get(p, p) for p in meeting.present],
            "absent": [m.name for m in dept.active_staff if m.id not in meeting.present],
            "left": {names.get(p, p): why for p, why in state.left.items()},
            "guests": list(meeting.guests),
        },
        "followups": [
            {
                "story_id": sid, "status": st, "note": note,
                "teller": names.get(earlier_goals[sid].teller_id, "") if sid in earlier_goals else "",
                "goal": earlier_goals[sid].goal if sid in earlier_goals else "",
            }
            for sid, (st, note) in state.followups.items()
        ],
        "stories": [
            {
                "id": r.story_id,
                "teller": names.get(r.teller_id, r.teller_id),
                "stand_in": names.get(r.stand_in, r.stand_in) if r.stand_in else None,
                "text": _text(story_text[r.story_id]) if r.story_id in story_text else "",
                "most_useful": r.useful,
                "goal": r.goal,
            }
            for r in state.stories
        ],
        "turns": [
            {
                "seq": tr.seq,
                "story_id": state.stories[tr.story].story_id if tr.story >= 0 else None,
                "phase": tr.phase,
                "round": tr.round,
                "speaker": names.get(tr.speaker, tr.speaker),
                "outcome": tr.outcome.value,
                "note": tr.final_note,
                "reason": tr.reason,
                "time": tr.at.isoformat(),
                "undone": tr.undone,
                "corrected_from": tr.note if tr.corrected_note is not None else None,
            }
            for tr in state.turns
        ],
        "goals": [{"teller": names.get(r.teller_id, r.teller_id), "goal": r.goal} for r in state.stories if r.goal],
        "summary": state.summary,
        "timeouts": [{"phase": ph, "note": note, "time": at.isoformat()} for _, ph, note, at in state.timeouts],
        "parked": [
            {
                "seq": p.seq,
                "author": names.get(p.author, p.author),
                "text": p.text,
                "parked_in": {"story_id": _story_id(state, p.from_story), "phase": p.from_phase or "opening",
                              "round": p.from_round, "where": parked_origin(ws.method, p)},
                "belongs_to": {"story_id": _story_id(state, p.story), "phase": p.phase,
                               "where": parked_target(ws.method, p.story, p.phase)},
                "status": p.status,
                "round": p.settled_round or None,
                "time": p.at.isoformat(),
                "settled_time": p.settled_at.isoformat() if p.settled_at else None,
            }
            for p in state.parked
        ],
        "pedagogue_meeting": dept.is_pedagogue_meeting,
        "leader_meeting": ws.is_leader_meeting(dept, meeting),
        "month": str(meeting.month),
        # A pedagogue meeting takes up the departments' dimensions that month (named by department).
        **({"dimensions": [{"dimension": dim.id, "departments": names}
                           for dim, names in ws.departments_next(dept, meeting.month)]}
           if dept.is_pedagogue_meeting else {}),
    }


def _minutes_title(record: dict) -> str:
    if record.get("leader_meeting"):
        return "minutes.title_leader"
    return "minutes.title_pedagogue" if record.get("pedagogue_meeting") else "minutes.title"


def _story_id(state, story: int) -> str | None:
    return state.stories[story].story_id if 0 <= story < len(state.stories) else None


def _text(story) -> str:
    """A story's text, or «tekst slettet DATO» once the retention rules have erased it."""
    return t("retention.text_erased", date=long_date(story.erased_on)) if story.erased_on else story.text


def _phase_name(ws: Workspace, phase: str) -> str:
    if phase == "closing":
        return ws.method.texts["closing"].get("name", phase)
    try:
        return ws.method.phase(phase).text("name", lang())
    except KeyError:
        return phase


def parked_target(method, story: int, phase: str) -> str:
    """The phase a parked thought belongs to, as people read it: «fortelling 1: Refleksjon»."""
    if phase == "closing":
        return method.texts["closing"].get("name", phase)
    try:
        name = method.phase(phase).text("name", lang())
    except KeyError:
        name = phase
    return t("meeting.parked.target", n=story + 1, phase=name)


def parked_origin(method, thought) -> str:
    """Where a thought was parked: «Oppklarende spørsmål i fortelling 1, runde 1», or the opening."""
    if thought.from_story < 0 or thought.from_phase in ("", "opening"):
        return t("meeting.parked.opening")
    try:
        spec = method.phase(thought.from_phase)
    except KeyError:
        return thought.from_phase
    if spec.team_turns and thought.from_round:
        return t("meeting.parked.where_round", phase=spec.text("name", lang()), n=thought.from_story + 1,
                 round=thought.from_round)
    return t("meeting.parked.where", phase=spec.text("name", lang()), n=thought.from_story + 1)


def minutes_markdown(ws: Workspace, dept, record: dict, with_stories: bool = False) -> str:
    """The minutes as Markdown; user text escaped so it stays text."""
    e = md_escape
    if record.get("pedagogue_meeting") and record.get("month"):  # the departments' dimensions that month
        from tettpa_tui.domain.calendar import YearMonth

        dim = ws.dimensions_text(dept, YearMonth.parse(record["month"]), record["dimension"])
    else:
        dim = ws.framework_for(dept).dimension(record["dimension"]).name(lang())
    out = [
        f"# {t(_minutes_title(record), date=long_date(date.fromisoformat(record['date'])))}",
        "",
        f"**{t('minutes.department')}:** {e(dept.path)}  ",
        f"**{t('minutes.dimension')}:** {e(dim)}  ",
        f"**{t('minutes.facilitator')}:** {e(record['facilitator'])}  ",
        f"**{t('minutes.present')}:** {e(', '.join(record['attendance']['present']))}",
    ]
    if record["attendance"]["absent"]:
        out.append(f"  \n**{t('minutes.absent')}:** {e(', '.join(record['attendance']['absent']))}")
    if record["attendance"]["guests"]:
        out.append(f"  \n**{t('minutes.guests')}:** {e(', '.join(record['attendance']['guests']))}")
    if record["followups"]:
        out += ["", f"## {t('minutes.followup')}", ""]
        for f in record["followups"]:
            status = t(f"meeting.followup.{f['status']}")
            goal = f"{e(f['teller'])}: «{e(f['goal'])}» – " if f["goal"] else ""
            out.append(f"- {goal}{e(status)}" + (f": {e(f['note'])}" if f["note"] else ""))
    turns = [tr for tr in record["turns"] if not tr["undone"]]
    for i, story in enumerate(record["stories"], start=1):
        out += ["", f"## {t('minutes.story', n=i, teller=e(story['teller']))}", ""]
        if story.get("stand_in"):
            out += [t("minutes.stand_in", name=e(story["stand_in"]), facilitator=e(record["facilitator"])), ""]
        if with_stories and story["text"]:
            out += [f"> {e(story['text'])}".replace("  \n", "  \n> "), ""]
        current = None
        taken = [p for p in record.get("parked", []) if p["status"] == "taken"
                 and p["belongs_to"]["story_id"] == story["id"]]
        for tr in (x for x in turns if x["story_id"] == story["id"]):
            heading = (tr["phase"], tr["round"])
            if heading != current:
                out += _taken_lines(taken, current)
                current = heading
                out += ["", f"### {e(_phase_name(ws, tr['phase']))}, {t('minutes.round', round=tr['round'])}", ""]
            out.append(f"- {_turn_line(tr)}")
        out += _taken_lines(taken, current)
        for p in taken:  # taken up in a round without turns: under a heading of its own
            out += ["", f"### {e(_phase_name(ws, p['belongs_to']['phase']))}, "
                        f"{t('minutes.round', round=p['round'] or 1)}", "", f"- {_taken_line(p)}"]
        if story["most_useful"]:
            out += ["", f"**{t('minutes.most_useful')}:** {e(story['most_useful'])}"]
        if story["goal"]:
            out += ["", f"**{t('minutes.goal')}:** {e(story['goal'])}"]
    closing = [tr for tr in turns if tr["phase"] == "closing"]
    if closing or record["summary"]:
        heading = t("minutes.debrief") if record.get("pedagogue_meeting") else t("minutes.closing")
        out += ["", f"## {heading}", ""]
        out += [f"- {_turn_line(tr)}" for tr in closing]
        out += [f"- {_taken_line(p)}" for p in record.get("parked", [])
                if p["status"] == "taken" and p["belongs_to"]["phase"] == "closing"]
        if record["summary"]:
            out += ["", f"**{t('minutes.summary')}:** {e(record['summary'])}"]
    if record.get("parked"):
        out += ["", f"## {t('minutes.parked.title')}", ""]
        for p in record["parked"]:
            status = t(f"minutes.parked.{p['status']}")
            out.append("- " + e(t("minutes.parked.line", author=p["author"], origin=p["parked_in"]["where"],
                                  target=p["belongs_to"]["where"], text=p["text"], status=status)))
    if record.get("timeouts"):
        out += ["", f"## {t('minutes.timeouts')}", ""]
        out += [f"- {e(_phase_name(ws, x['phase']) if x['phase'] else '')}: {e(x['note'])}" for x in record["timeouts"]]
    if record["goals"]:
        out += ["", f"## {t('minutes.goals')}", ""]
        out += [f"- {e(g['teller'])}: {e(g['goal'])}" for g in record["goals"]]
    out += ["", f"*{t('minutes.footer')}*", ""]
    return "\n".join(out)


def _taken_lines(taken: list[dict], heading: tuple[str, int] | None) -> list[str]:
    """The thoughts taken up in the round under `heading` (removed from `taken`): after its turns."""
    if heading is None:
        return []
    here = [p for p in taken if (p["belongs_to"]["phase"], p["round"] or 1) == heading]
    for p in here:
        taken.remove(p)
    return [f"- {_taken_line(p)}" for p in here]


def _taken_line(p: dict) -> str:
    return md_escape(t("minutes.parked.note", author=p["author"], origin=p["parked_in"]["where"], text=p["text"]))


def _turn_line(tr: dict) -> str:
    who = md_escape(tr["speaker"])
    if tr["outcome"] == "spoke":
        return f"{who}: {md_escape(tr['note'])}" if tr["note"] else f"{who}: {t('meeting.outcome.spoke')}"
    if tr["outcome"] == "passed":
        return f"{who}: *{t('meeting.outcome.passed')}*"
    reason = t("meeting.round_ended") if tr["reason"] == "round_ended" else tr["reason"]
    return f"{who}: *{t('meeting.outcome.skipped')}* ({md_escape(reason)})"


_CSS = """
body { font-family: system-ui, sans-serif; max-width: 46em; margin: 2em auto; padding: 0 1em;
       line-height: 1.45; color: #1d1d1d; }
h1 { font-size: 1.6em; } h2 { margin-top: 1.6em; border-bottom: 1px solid #ccc; } h3 { font-size: 1em; }
table { border-collapse: collapse; } td, th { border: 1px solid #bbb; padding: .2em .6em; text-align: left; }
blockquote { border-left: 3px solid #999; margin-left: 0; padding-left: 1em; color: #333; }
@media print { body { margin: 0; max-width: none; } h2 { page-break-after: avoid; } }
"""


def markdown_to_html(markdown: str, title: str) -> str:
    """A self-contained, printable page. Raw HTML in the Markdown is not passed through."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")
    body = md.render(markdown)
    return (
        f"<!DOCTYPE html>\n<html lang=\"{lang()}\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{html.escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )


def minutes(ws: Workspace, dept, meeting, fmt: str = "md", with_stories: bool = False) -> str:
    record = meeting_record(ws, dept, meeting)
    markdown = minutes_markdown(ws, dept, record, with_stories)
    if fmt == "html":
        return markdown_to_html(markdown, t("minutes.title", date=record["date"]))
    return markdown
