"""`tettpa story ...`: practice stories handed in, listed and checked from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tettpa_tui.cli.common import UsageError, err, group, leaf, now, out, print_json, workspace
from tettpa_tui.domain.calendar import YearMonth
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.linebreaks import plain_line_breaks
from tettpa_tui.domain.records import unknown_author
from tettpa_tui.i18n import t
from tettpa_tui.store.errors import os_reason

if TYPE_CHECKING:
    from tettpa_tui.domain.stories import Story
    from tettpa_tui.domain.storycheck import Finding


def register(sub) -> None:
    story = group(sub, "story")
    sadd = leaf(story, "add", "story_add", cmd_story_add)
    sadd.add_argument("--author", required=True, metavar=t("cli.metavar.name"))
    sadd.add_argument("--dimension", metavar="ID")
    sadd.add_argument("--month", metavar=t("cli.metavar.month"))
    sadd.add_argument("--file", metavar=t("cli.metavar.file_or_stdin"), help=t("cli.help.story_file"))
    sadd.add_argument("--strict", action="store_true", help=t("cli.help.strict"))
    slist = leaf(story, "list", "story_list", cmd_story_list, json=True)
    slist.add_argument("--month", metavar=t("cli.metavar.month"))
    slist.add_argument("--author", metavar=t("cli.metavar.name"))
    snext = leaf(story, "next", "story_next", cmd_story_next)
    snext.add_argument("id", metavar="ID")
    scheck = leaf(story, "check", "story_check", cmd_story_check, json=True)
    scheck.add_argument("--file", metavar=t("cli.metavar.file_or_stdin"), help=t("cli.help.story_file"))


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
    except OSError as exc:
        raise DomainError("error.file_unreadable", path=file, reason=os_reason(exc)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise DomainError("error.not_utf8", path=file) from None
    from tettpa_tui import oscompat

    if file == "-" and oscompat.pipe_lost_letters(text):
        raise DomainError("error.pipe_lost_letters") from None
    return plain_line_breaks(text.removeprefix("\ufeff"))  # a file from Word or an old Mac: LF


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
        "erased_on": s.erased_on.isoformat() if s.erased_on else None,
        "status": s.status.value,
        "words": s.words,
        "created_at": s.created_at.isoformat(),
        "updated_at": s.updated_at.isoformat(),
        "submitted_at": s.submitted_at.isoformat() if s.submitted_at else None,
        "entered_by": entered.name if entered else None,
        "used_in": s.used_in,
    }


def cmd_story_add(args: argparse.Namespace) -> int:
    from tettpa_tui.domain.stories import check_text_size, is_blank
    from tettpa_tui.domain.storycheck import privacy_findings

    store, ws = workspace(args)
    dept = store.department(args.path)
    author = ws.author(dept, args.author)
    month = YearMonth.parse(args.month) if args.month is not None else None
    if month is not None:
        ws.wheel(dept, month.kindergarten_year).month(month)  # July and the like are refused
    if args.dimension is not None:
        ws.framework.dimension(args.dimension)
    text = read_story_text(args.file)
    if is_blank(text):
        raise DomainError("error.story_empty")
    check_text_size(text)
    findings = ws.check(dept, text, author.id)
    for f in findings:
        err(t("cli.warning_prefix") + finding_line(f))
    if args.strict and privacy_findings(findings):
        raise DomainError("error.story_strict", count=len(privacy_findings(findings)))
    story = ws.hand_in_new(dept, author, now(), text, month, args.dimension)
    out(story.id)
    return 0


def cmd_story_list(args: argparse.Namespace) -> int:
    store, ws = workspace(args)
    dept = store.department(args.path)
    month = YearMonth.parse(args.month) if args.month is not None else None
    found = store.stories(dept, month)
    if args.author is not None:
        member = next((m for m in dept.staff if m.name.casefold() == " ".join(args.author.split()).casefold()), None)
        if member is None:
            raise unknown_author(dept, args.author)
        found = [s for s in found if s.author_id == member.id]
    today = now().date()
    left_over = {s.id for s in ws.stories_not_taken_up(dept, today)} if found else set()
    if args.json:
        print_json([{**story_json(s, dept), "not_taken_up": s.id in left_over} for s in found])
        return 0
    if not found:
        out(t("cli.no_stories"))
        return 0
    for s in found:
        j = story_json(s, dept)
        status = t(f"story_status.{s.status.value}")
        if s.id in left_over:
            status += " " + t("overview.not_taken_up_mark")
        out(t("cli.story_line", id=s.id, month=str(s.month), author=j["author"],
                status=status, words=s.words,
                dimension=ws.story_dimension_name(dept, s)))
    return 0


def cmd_story_next(args: argparse.Namespace) -> int:
    """A story its meeting did not take up, handed in for the next meeting (the dimension kept)."""
    from tettpa_tui.i18n import long_date

    store, ws = workspace(args)
    dept = store.department(args.path)
    moved, plan = ws.hand_in_for_next(dept, store.story(dept, args.id.strip()), now())
    out(t("cli.story_moved", id=moved.id, date=long_date(plan.meeting_date), month=str(plan.month),
          dimension=ws.story_dimension_name(dept, moved)))
    return 0


def cmd_story_check(args: argparse.Namespace) -> int:
    from tettpa_tui.domain.stories import is_blank, word_count

    store, ws = workspace(args)
    dept = store.department(args.path)
    text = read_story_text(args.file)
    findings = ws.check(dept, text)
    if args.json:
        print_json({"words": word_count(text), "warnings": [f.as_json() for f in findings]})
        return 0
    if is_blank(text):
        out(t("check.empty"))
    elif not findings:
        out(t("check.none", words=word_count(text)))
    for f in findings:
        out(finding_line(f))
    return 0
