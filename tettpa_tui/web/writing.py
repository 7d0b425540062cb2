"""Writing, checking and handing in one's own stories, and the list of them.

Every change is one locked read-modify-write in the store, with the writer
checked inside it: another person's story is as if it did not exist."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiohttp import web

from tettpa_tui import i18n
from tettpa_tui.domain import stories as story_rules
from tettpa_tui.domain.calendar import YearMonth
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.linebreaks import plain_line_breaks
from tettpa_tui.domain.records import Department, StaffMember
from tettpa_tui.domain.stories import MAX_STORY_CHARS, Story, StoryStatus
from tettpa_tui.domain.storycheck import initial_of, replace_name
from tettpa_tui.services.findings import all_replacements, finding_text, group_findings, pronoun_note, replacements_for
from tettpa_tui.i18n import t
from tettpa_tui.store import StoreError
from tettpa_tui.web.server import (
    ENDED,
    SERVER,
    NotText,
    form_of,
    PageServer,
    Session,
    posted_form,
    go,
    active_member,
    page,
    session_of,
    signed_in,
    ended_reason,
    message_of,
)


def _own_story(server: PageServer, dept: Department, staff_id: str, month: str, story_id: str) -> Story:
    """One of the person's own stories; any other id is as if it did not exist."""
    try:
        ym = YearMonth.parse(month)
    except (DomainError, ValueError):
        raise web.HTTPNotFound(text=t("web.not_found")) from None
    found = next((x for x in server.store.stories(dept, ym) if x.id == story_id), None)
    if found is None or found.author_id != staff_id:
        raise web.HTTPNotFound(text=t("web.not_found"))
    return found


def _write_state(server: PageServer, dept_path: str | None, staff_id: str, month: str | None,
                 story_id: str | None, check: bool) -> dict[str, Any]:
    dept = server.department_at(dept_path)
    member = active_member(dept, staff_id)
    if member is None:
        raise web.HTTPSeeOther("/")
    today = server.now().date()
    story = _own_story(server, dept, staff_id, month or "", story_id) if story_id else None
    if story is None:
        plan = server.workspace.writing_meeting(dept, today)
        story = server.workspace.draft_for(dept, member, plan.month)
    else:
        plan = server.workspace.story_month(dept, story.month, today)
    # A leader's story in the pedagogue meeting: in the words of her own department's instrument.
    dim = server.workspace.framework_for(server.workspace.own_department(dept, member) or dept).dimension(
        story.dimension_id if story else plan.dimension_id)
    lang = i18n.language()
    groups = []
    first_place = None
    if check and story is not None:
        findings = server.workspace.check(dept, story.text, member.id)
        # «barnet» / «jenta» / «gutten» first (in the story's language): in a small group
        # even an initial can point to one child, so it comes last.
        # The word the story's pronouns fit comes first («jenta» where «hun» stands near the name).
        for (kind, text), group in group_findings(findings):
            fixes = [*replacements_for(story.text, text), initial_of(text)] if kind == "name" else []
            note = pronoun_note(story.text, text) if kind == "name" else ""
            groups.append({"text": finding_text(group[0], len(group)), "name": text, "fixes": fixes, "note": note})
        located = next((f for f in findings if f.end > f.start), None)
        if located is not None:
            first_place = (located.start, located.end)
    return {
        "member": member, "story": story, "plan": plan, "dimension_name": dim.name(lang),
        "questions": dim.questions[lang] if lang in ("nb", "en") else dim.questions["nb"],
        "meeting_date": i18n.long_date(plan.meeting_date),
        "hand_in_by": i18n.long_date(server.workspace.hand_in_by(dept, plan)), "findings": groups, "checked": check,
        "has_names": any(g["fixes"] for g in groups), "first_place": first_place,
        "max_chars": MAX_STORY_CHARS,
    }


async def write_page(request: web.Request) -> web.Response:
    server: PageServer = request.app[SERVER]
    s = await signed_in(request)
    q = request.query
    state = await server.run(_write_state, server, s.department, s.staff_id, q.get("month"), q.get("story"),
                             q.get("check") == "1")
    return page(request, "write.html", confirm=q.get("confirm") == "1", notice=_notice(q.get("done")),
                 changing=_changing(q, state["story"]), revised=_revised(state["story"]), **state)


def _changing(values, story: Story | None) -> bool:
    """Whether the writer chose to change a handed-in story ("Endre den leverte fortellingen"):
    only then is its text in an editable box, and only then does a save change it."""
    return values.get("change") == "1" and story is not None and story.status is StoryStatus.SUBMITTED


def _revised(story: Story | None) -> str | None:
    if story is None or story.revised_at is None:
        return None
    at = story.revised_at
    return t("web.revised_at", date=t("web_fix.day", day=at.day, month=t(f"month.{at.month}")),
             time=at.strftime("%H:%M"))


def _notice(done: str | None) -> str | None:
    return {"saved": t("web.saved"), "handed_in": t("web.handed_in"), "withdrawn": t("web.withdrawn"),
            "replaced": t("web.replaced"), "moved": t("web.moved")}.get(done or "")


def _change_own(server: PageServer, dept: Department, staff_id: str, month: str, story_id: str,
                change: Callable[[Story], Story]) -> Story:
    """Change one of the person's own stories in one locked read-modify-write.

    Another person's story (or an unknown id) is as if it did not exist, and is
    left exactly as it was."""
    try:
        ym = YearMonth.parse(month)
    except (DomainError, ValueError):
        raise web.HTTPNotFound(text=t("web.not_found")) from None

    def own(story: Story) -> Story:
        if story.author_id != staff_id:
            raise web.HTTPNotFound(text=t("web.not_found"))
        return change(story)

    try:
        return server.store.change_story(dept, ym, story_id, own)
    except DomainError as exc:
        if exc.key == "error.story_unknown":
            raise web.HTTPNotFound(text=t("web.not_found")) from None
        raise


def _save(server: PageServer, dept_path: str | None, staff_id: str, month: str, story_id: str, text: str,
          hand_in: bool = False, change_handed_in: bool = False) -> Story:
    """Keep the text (and hand it in when asked): in the story given, or a new draft. One write."""
    dept = server.department_at(dept_path)
    member = active_member(dept, staff_id)
    if member is None:
        raise web.HTTPSeeOther("/")
    now = server.now()

    def change(story: Story) -> Story:
        if story.text != text:
            story = story_rules.edit(story, text, now, change_handed_in)
        return story_rules.submit(story, now) if hand_in else story

    if story_id:
        return _change_own(server, dept, staff_id, month, story_id, change)
    draft = server.workspace.draft_for(dept, member, server.workspace.writing_meeting(dept, now.date()).month)
    if draft is not None and story_rules.is_blank(draft.text):
        return _change_own(server, dept, staff_id, str(draft.month), draft.id, change)
    if hand_in:
        return server.workspace.hand_in_new(dept, member, now, text)
    return server.workspace.start_story(dept, member, now, text=text)


def _text(form: dict[str, str]) -> str:
    # Browsers send CR LF for line breaks in a form (a pasted note may hold a lone CR); the story keeps LF.
    return plain_line_breaks(form.get("text", ""))


async def save_posted(request: web.Request) -> web.Response:
    """Save, check or hand in, from the writing form (works without JavaScript)."""
    server: PageServer = request.app[SERVER]
    try:
        s = await signed_in(request)
    except web.HTTPSeeOther:
        # Signed out meanwhile (idle too long, or a new code): the text is shown to copy, not lost.
        data = await form_of(request)  # bytes that are not UTF-8 are refused there, never replaced
        return page(request, "problem.html", status=401, error=t("web.signed_out_text"),
                     reason=ended_reason(request), typed=plain_line_breaks(data.get("text", "")))
    form = await posted_form(request, s)
    action = form.get("action", "save")
    if action == "list" and not form.get("story") and story_rules.is_blank(_text(form)):
        raise go("/stories")  # "Mine fortellinger" with nothing typed: no empty draft made
    try:
        text = _text(form)
        hand_in = action == "submit_anyway"
        if action in ("submit", "submit_anyway") and story_rules.is_blank(text):
            raise DomainError("error.story_empty")  # at once, not after a check of nothing
        if action == "submit":
            dept = await server.run(server.department_at, s.department)
            hand_in = not await server.run(server.workspace.check, dept, text)
        changing = form.get("change") == "1"
        story = await server.run(_save, server, s.department, s.staff_id, form.get("month", ""),
                                 form.get("story", ""), text, hand_in, changing)
        where = {"month": str(story.month), "story": story.id}
        if changing and story.status is StoryStatus.SUBMITTED:
            where["change"] = "1"  # still changing the handed-in story
        if hand_in:
            raise go("/stories", done="handed_in")
        if action == "list":  # "Mine fortellinger" from the writing page: the list shows what was just typed
            raise go("/stories")
        if action == "check":  # the page opens at what the check found (#check), with or without script
            raise go("/write", fragment="check", **where, check="1")
        if action == "submit":  # the check found something: show it before handing in
            raise go("/write", fragment="check", **where, check="1", confirm="1")
        raise go("/write", **where, done="saved")
    except (DomainError, StoreError) as exc:
        return await _trouble(request, s, exc, form)


async def _trouble(request: web.Request, s: Session, exc: Exception, form: dict[str, str]) -> web.Response:
    """The writing page again with the text as sent (nothing typed is lost) and one line on what went wrong."""
    server: PageServer = request.app[SERVER]
    message = message_of(exc)
    try:
        state = await server.run(_write_state, server, s.department, s.staff_id, form.get("month"),
                                 form.get("story") or None, False)
    except (DomainError, StoreError):
        return page(request, "problem.html", status=409, error=message, typed=_text(form))
    return page(request, "write.html", status=409, error=message, confirm=False, notice=None, typed=_text(form),
                 changing=_changing(form, state["story"]), revised=_revised(state["story"]), **state)


async def draft_posted(request: web.Request) -> web.Response:
    """Autosave from the page's script (fetch as one types, sendBeacon when the page is left)."""
    server: PageServer = request.app[SERVER]
    s = session_of(request)
    if s is None or s.staff_id is None or s.department is None:
        # Why, for the page's script to show (a new code from the leader, or left idle).
        reason = ended_reason(request)
        return web.json_response({"ok": False, "signed_out": True, "out": request.get(ENDED),
                                  "error": reason or t("web.signed_out")}, status=401)
    try:
        form = await posted_form(request, s)
    except NotText as exc:
        return web.json_response({"ok": False, "error": exc.text}, status=400)
    try:
        story = await server.run(_save, server, s.department, s.staff_id, form.get("month", ""),
                                 form.get("story", ""), _text(form), False, form.get("change") == "1")
    except (DomainError, StoreError) as exc:
        return web.json_response({"ok": False, "error": message_of(exc)}, status=409)
    return web.json_response({"ok": True, "story": story.id, "month": str(story.month),
                              "words": story.words, "saved": t("web.saved_at", time=server.now().strftime("%H:%M"))})


async def replace_posted(request: web.Request) -> web.Response:
    """One tap on a finding's replacement: every place of that name, replaced and saved."""
    server: PageServer = request.app[SERVER]
    s = await signed_in(request)
    form = await posted_form(request, s)
    name, word = form.get("name", "").strip(), form.get("word", "").strip()
    if not name or word not in (initial_of(name), *all_replacements()):
        raise web.HTTPBadRequest(text=t("web.bad_request"))

    def change() -> Story:
        dept = server.department_at(s.department)
        now = server.now()
        return _change_own(server, dept, s.staff_id or "", form.get("month", ""), form.get("story", ""),
                           lambda story: story_rules.edit(
                               story, replace_name(story.text, name, word, server.workspace.check_rules(dept)), now,
                               form.get("change") == "1"))

    try:
        story = await server.run(change)
    except (DomainError, StoreError) as exc:
        return await _trouble(request, s, exc, form)
    more = {"change": "1"} if form.get("change") == "1" and story.status is StoryStatus.SUBMITTED else {}
    raise go("/write", month=str(story.month), story=story.id, check="1", done="replaced", **more)


async def new_story(request: web.Request) -> web.Response:
    server: PageServer = request.app[SERVER]
    s = await signed_in(request)
    await posted_form(request, s)

    def start() -> Story:
        dept = server.department_at(s.department)
        member = active_member(dept, s.staff_id)
        if member is None:
            raise web.HTTPSeeOther("/")
        return server.workspace.start_story(dept, member, server.now())

    story = await server.run(start)
    raise go("/write", month=str(story.month), story=story.id)


# ---- one's own stories ------------------------------------------------------------

def _when(story: Story) -> str:
    """"Levert 1. desember kl. 09:30 · 120 ord": what tells two stories of a month apart."""
    at = story.submitted_at if story.status is not StoryStatus.DRAFT and story.submitted_at else story.updated_at
    key = "web_fix.handed_in_at" if at is story.submitted_at else "web_fix.changed_at"
    day = t("web_fix.day", day=at.day, month=t(f"month.{at.month}"))
    return t(key, date=day, time=at.strftime("%H:%M"), words=story.words)


async def stories_page(request: web.Request) -> web.Response:
    server: PageServer = request.app[SERVER]
    s = await signed_in(request)

    def own() -> tuple[StaffMember, list[Story], Any, set[str]]:
        dept = server.department_at(s.department)
        member = active_member(dept, s.staff_id)
        if member is None:
            raise web.HTTPSeeOther("/")
        stories = server.workspace.own_stories(dept, member)
        left_over = ({x.id for x in server.workspace.stories_not_taken_up(dept, server.now().date())}
                     if any(x.status is StoryStatus.SUBMITTED for x in stories) else set())
        # The dimension's name as the department's instrument calls it (toddler or pre-K).
        return member, stories, server.workspace.framework_for(dept), left_over

    member, stories, framework, left_over = await server.run(own)
    rows = [{"story": x, "dimension": framework.dimension(x.dimension_id).name(i18n.language()),
             "month": f"{t(f'month.{x.month.month}')} {x.month.year}", "not_taken_up": x.id in left_over,
             "status": t(f"web.status_{x.status.value}")
             + (" " + t("overview.not_taken_up_mark") if x.id in left_over else ""), "when": _when(x)}
            for x in stories]
    notice = _notice(request.query.get("done"))
    if request.query.get("done") == "moved" and request.query.get("to"):
        notice = await server.run(_moved_notice, server, s.department, request.query["to"]) or notice
    return page(request, "stories.html", member=member, rows=rows, notice=notice,
                 submitted=StoryStatus.SUBMITTED, used=StoryStatus.USED,
                 any_not_taken_up=any(row["not_taken_up"] for row in rows))


def _moved_notice(server: PageServer, dept_path: str | None, to: str) -> str | None:
    """"Levert til møtet for desember 2026 (tirsdag 1. desember 2026)": the meeting named."""
    try:
        month = YearMonth.parse(to)
        dept = server.department_at(dept_path)
        plan = server.workspace.story_month(dept, month, server.now().date())
    except (DomainError, ValueError):
        return None
    return t("web_next.done", **_meeting_words(server, dept, plan))


async def _from_the_list(request: web.Request, change: Callable[[PageServer, Department, str, dict[str, str]], Story],
                         done: str) -> web.Response:
    """A button on the list of one's own stories: `change` (in the server's worker) on the
    story the form names, then back to the list saying `done`; what the domain refuses is
    said on a page of its own, nothing changed."""
    server: PageServer = request.app[SERVER]
    s = await signed_in(request)
    form = await posted_form(request, s)
    try:
        await server.run(lambda: change(server, server.department_at(s.department), s.staff_id or "", form))
    except (DomainError, StoreError) as exc:
        return page(request, "problem.html", status=409, error=message_of(exc))
    raise go("/stories", done=done)


async def withdraw_posted(request: web.Request) -> web.Response:
    def withdraw(server: PageServer, dept: Department, staff_id: str, form: dict[str, str]) -> Story:
        now = server.now()
        return _change_own(server, dept, staff_id, form.get("month", ""), form.get("story", ""),
                           lambda story: story_rules.withdraw(story, now))

    return await _from_the_list(request, withdraw, "withdrawn")


def _meeting_words(server: PageServer, dept: Department, plan: Any) -> dict[str, str]:
    """A meeting as the page names it: its month, its date and its dimension."""
    return {"month": f"{t(f'month.{plan.month.month}')} {plan.month.year}",
            "date": i18n.long_date(plan.meeting_date),
            "next_dimension": server.workspace.framework_for(dept).dimension(plan.dimension_id).name(i18n.language())}


async def next_page(request: web.Request) -> web.Response:
    """"Lever til neste møte?": which meeting the story goes to, asked before it is done
    (a page of its own: works without the page's script)."""
    server: PageServer = request.app[SERVER]
    s = await signed_in(request)
    q = request.query

    def ask() -> dict[str, Any]:
        dept = server.department_at(s.department)
        story = _own_story(server, dept, s.staff_id or "", q.get("month", ""), q.get("story", ""))
        today = server.now().date()
        if story.id not in {x.id for x in server.workspace.stories_not_taken_up(dept, today)}:
            raise go("/stories")  # already moved, or taken up: nothing to ask
        plan = server.workspace.writing_meeting(dept, today)
        dimension = server.workspace.story_dimension_name(dept, story)
        return {"story": story, "dimension": dimension, **_meeting_words(server, dept, plan)}

    return page(request, "next.html", **await server.run(ask))


async def next_posted(request: web.Request) -> web.Response:
    """One's own story that its meeting did not take up, handed in for the next meeting
    (once confirmed on the page that names the meeting; a post without it asks first)."""
    server: PageServer = request.app[SERVER]
    s = await signed_in(request)
    form = await posted_form(request, s)
    if form.get("confirm") != "1":
        raise go("/next", month=form.get("month", ""), story=form.get("story", ""))

    def move() -> str:
        dept = server.department_at(s.department)
        story = _own_story(server, dept, s.staff_id or "", form.get("month", ""), form.get("story", ""))
        _moved, plan = server.workspace.hand_in_for_next(dept, story, server.now())
        return str(plan.month)

    try:
        to = await server.run(move)
    except (DomainError, StoreError) as exc:
        return page(request, "problem.html", status=409, error=message_of(exc))
    raise go("/stories", done="moved", to=to)
