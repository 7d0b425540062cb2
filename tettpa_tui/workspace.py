"""The store and content/ together: what both faces (app and CLI) ask for.

Answers questions that need a department's stored plan *and* the programme's
defaults: its year wheel, its next meeting, its programme year and theme.
No rules live here; they are in the domain, this only wires them up.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from tettpa_tui import content, i18n
from tettpa_tui.domain import stories as story_rules
from tettpa_tui.domain.calendar import (
    KindergartenYear,
    MonthPlan,
    Theme,
    YearMonth,
    YearWheel,
    next_meeting,
    programme_year,
    theme_for,
)
from tettpa_tui.domain.classframework import Framework, Instrument
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import (
    PEDAGOGUE,
    PEDAGOGUE_MEETING_ROLES,
    AgeGroup,
    Department,
    Role,
    StaffMember,
    slugify,
)
from tettpa_tui.domain import terms
from tettpa_tui.domain.stories import HandInStatus, Story, StoryStatus, hand_in_status
from tettpa_tui.domain.terms import ObservationTerm
from tettpa_tui.lazy import OnFirstUse
from tettpa_tui.store import Store

if TYPE_CHECKING:
    from tettpa_tui.domain.meeting import Meeting, MeetingState, StoryRun
    from tettpa_tui.domain.method import Method
    from tettpa_tui.domain.observation import (
        DevelopmentPlan,
        Observation,
        ObservationRules,
    )
    from tettpa_tui.domain.search import Hit, Searchable
    from tettpa_tui.domain.storycheck import CheckRules, Finding
    from tettpa_tui.reports import DepartmentOverview, MonthSummary, Participation


mt = OnFirstUse("tettpa_tui.domain.meeting")
ob = OnFirstUse("tettpa_tui.domain.observation")
access = OnFirstUse("tettpa_tui.domain.access")
_search = OnFirstUse("tettpa_tui.domain.search")
_check = OnFirstUse("tettpa_tui.domain.storycheck")
reports = OnFirstUse("tettpa_tui.reports")


@dataclass(frozen=True)
class ProgrammeStatus:
    """Where a kindergarten is in the programme, and that year's theme."""

    pool: int | None
    year: int | None  # None while the kindergarten has no pool set
    theme: Theme


class Workspace:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.framework = content.framework()
        self._search_cache: dict[str, tuple[tuple, list[Searchable]]] = {}
        self._frameworks: dict[Instrument, Framework] = {}

    def framework_for(self, dept: Department) -> Framework:
        """The CLASS framework as the department sees it: its instrument's
        dimensions to choose from, with that instrument's names and texts."""
        instrument = dept.instrument
        if instrument not in self._frameworks:
            self._frameworks[instrument] = self.framework.for_instrument(instrument)
        return self._frameworks[instrument]

    def wheel(self, dept: Department, year: KindergartenYear) -> YearWheel:
        """The department's year wheel: its instrument's default plan with its own
        changes; a month whose dimension is not in the instrument is flagged."""
        instrument = dept.instrument
        wheel = self.store.year_wheel(dept, year, content.default_plan(instrument), content.default_rule())
        return replace(wheel, allowed=frozenset(self.framework.instrument_ids(instrument)))

    def set_instrument(self, dept: Department, instrument: Instrument) -> Department:
        """An age-mixed department chooses its instrument (its wheel follows it)."""
        return self.store.set_instrument(dept, instrument)

    def next_meeting(self, dept: Department, today: date) -> MonthPlan:
        """The next meeting; a month whose meeting has been held hands over to the next."""
        return next_meeting(lambda y: self.wheel(dept, y), today,
                            held=lambda month: self.held_meeting(dept, month) is not None)

    def held_meeting(self, dept: Department, month: YearMonth) -> Meeting | None:
        """The month's finished meeting, if it has been held."""
        finished = self.store.meetings(dept, month, status="finished")
        return finished[-1] if finished else None

    def programme(self, dept: Department, today: date) -> ProgrammeStatus:
        pool = self.store.kindergarten(dept.kindergarten).pool
        start: YearMonth | None = content.pools().get(pool) if pool else None
        year = programme_year(start, today) if start else None
        return ProgrammeStatus(pool=pool, year=year, theme=theme_for(content.themes(), year or 1))

    def set_plan(
        self, dept: Department, month: YearMonth, dimension_id: str | None, meeting_date: date | None
    ) -> MonthPlan:
        """Change one month of the plan after checking it; returns the new month."""
        if dimension_id is not None:
            self.framework.dimension(dimension_id)  # raises for an unknown id
        wheel = self.wheel(dept, month.kindergarten_year)
        wheel.with_month(month, dimension_id, meeting_date)  # raises for bad month/date
        if dimension_id is not None and not self.framework.in_instrument(dimension_id, dept.instrument):
            raise DomainError("error.dimension_not_for_department", value=dimension_id,
                              instrument=dept.instrument.value)
        self.store.set_plan_month(dept, month, dimension_id, meeting_date)
        return self.wheel(dept, month.kindergarten_year).month(month)

    # -- practice stories ------------------------------------------------------

    def check_rules(self, dept: Department) -> CheckRules:
        # Stories may be written in bokmål whatever the app's language; in English
        # an English story is in the first person too.
        languages = ("nb",) if i18n.language() == "nb" else ("nb", i18n.language())
        # Staff names are not children's; nor are the kindergarten's and department's own names.
        known = [s.name for s in dept.staff] + [dept.name, dept.kindergarten]
        return content.privacy_rules().with_staff(known).in_languages(languages)

    def check(self, dept: Department, text: str) -> list[Finding]:
        return _check.check_story(text, self.check_rules(dept))

    def author(self, dept: Department, name: str) -> StaffMember:
        member = dept.find_member(name)
        if member is None:
            raise DomainError("error.author_unknown", name=name, path=dept.path)
        return member

    def story_month(self, dept: Department, month: YearMonth | None, today: date) -> MonthPlan:
        """The plan of the month a story is for: the next meeting's unless given."""
        if month is None:
            return self.next_meeting(dept, today)
        return self.wheel(dept, month.kindergarten_year).month(month)

    def _new_story(
        self,
        dept: Department,
        author: StaffMember,
        now: datetime,
        month: YearMonth | None,
        dimension_id: str | None,
        text: str,
        entered_by: StaffMember | None = None,
    ) -> Story:
        """A new draft, checked, tagged with the month's meeting and dimension (not saved)."""
        if not author.active:
            raise DomainError("error.author_unknown", name=author.name, path=dept.path)
        plan = self.story_month(dept, month, now.date())
        dim = dimension_id or plan.dimension_id
        self.framework.dimension(dim)
        return story_rules.new_story(author.id, plan.month, dim, now, text,
                                     entered_by.id if entered_by else None)

    def start_story(
        self,
        dept: Department,
        author: StaffMember,
        now: datetime,
        month: YearMonth | None = None,
        dimension_id: str | None = None,
        text: str = "",
        entered_by: StaffMember | None = None,
    ) -> Story:
        """A new draft for `author`, stored at once."""
        story = self._new_story(dept, author, now, month, dimension_id, text, entered_by)
        return self.store.save_story(dept, story)

    def hand_in_new(
        self,
        dept: Department,
        author: StaffMember,
        now: datetime,
        text: str,
        month: YearMonth | None = None,
        dimension_id: str | None = None,
    ) -> Story:
        """A finished story handed in at once (from the command line): one write."""
        story = self._new_story(dept, author, now, month, dimension_id, text)
        return self.store.save_story(dept, story_rules.submit(story, now))

    def draft_for(self, dept: Department, author: StaffMember, month: YearMonth) -> Story | None:
        """The story `author` is working on for `month`: the newest one not yet used."""
        own = [s for s in self.store.stories(dept, month) if s.author_id == author.id and not s.locked]
        return max(own, key=lambda s: (s.updated_at, s.created_at)) if own else None

    def save_text(self, dept: Department, story: Story, text: str, now: datetime) -> Story:
        return self.store.change_story(dept, story.month, story.id,
                                       lambda s: story_rules.edit(s, text, now))

    def set_story_dimension(self, dept: Department, story: Story, dimension_id: str, now: datetime) -> Story:
        self.framework.dimension(dimension_id)
        return self.store.change_story(dept, story.month, story.id,
                                       lambda s: story_rules.change_dimension(s, dimension_id, now))

    def hand_in(self, dept: Department, story: Story, now: datetime) -> Story:
        return self.store.change_story(dept, story.month, story.id, lambda s: story_rules.submit(s, now))

    def withdraw(self, dept: Department, story: Story, now: datetime) -> Story:
        return self.store.change_story(dept, story.month, story.id, lambda s: story_rules.withdraw(s, now))

    # -- personal codes for the phone page ------------------------------------

    def give_start_code(self, dept: Department, member: StaffMember, now: datetime) -> str:
        """A new one-time start code for `member` (replacing any code they had); shown once."""
        code = access.new_start_code()
        self.store.set_staff_code(dept, member.id, access.start_code(member.id, code, now))
        return code

    def sign_in(self, dept: Department, member: StaffMember, code: str, now: datetime) -> str | None:
        """'start' or 'personal' when `code` is the member's, else None (slow on purpose: hashed)."""
        record = self.store.staff_codes(dept).get(member.id)
        if record is None or not member.active or not access.staff_code_matches(code, record, now):
            return None
        return record.kind

    def choose_code(self, dept: Department, member: StaffMember, code: str, now: datetime) -> None:
        """Keep the code the member chose (refused when weak) in place of the start code."""
        own = (member.name, dept.name, dept.kindergarten)
        self.store.set_staff_code(dept, member.id, access.personal_code(member.id, code, now, own))

    def own_stories(self, dept: Department, author: StaffMember) -> list[Story]:
        """Everything `author` has written, newest month first."""
        own = [s for s in self.store.stories(dept) if s.author_id == author.id]
        return sorted(own, key=lambda s: (s.month, s.created_at), reverse=True)

    def hand_in_overview(self, dept: Department, month: YearMonth) -> tuple[HandInStatus, list[Story]]:
        stories = self.store.stories(dept, month)
        staff = [s.id for s in dept.active_staff]
        return hand_in_status(staff, stories, month), stories


    # -- meetings ------------------------------------------------------------

    @property
    def method(self) -> Method:
        return content.method()

    def start_meeting(
        self,
        dept: Department,
        day: date,
        dimension_id: str,
        facilitator: StaffMember,
        present: list[StaffMember],
        guests: list[str],
        now: datetime,
    ) -> MeetingState:
        self.framework.dimension(dimension_id)
        month = YearMonth.of(day)
        self.wheel(dept, month.kindergarten_year).month(month)  # refuses July, the holiday
        ids = [m.id for m in dept.active_staff if m in present]
        # In a pedagogue meeting the facilitator models the method and takes no turns.
        meeting = mt.new_meeting(month, day, dimension_id, facilitator.id, ids, guests, now,
                                 facilitator_turns=not dept.is_pedagogue_meeting)
        self.store.save_meeting(dept, meeting)
        return mt.replay(meeting, [], self.method)

    def meeting_state(self, dept: Department, meeting: Meeting) -> MeetingState:
        return mt.replay(meeting, self.store.meeting_events(dept, meeting), self.method)

    def act(self, dept: Department, state: MeetingState, events: list[mt.Event]) -> MeetingState:
        """Write the events of one action at once, and return the state after them."""
        self.store.append_events(dept, state.meeting, events)
        meeting = state.meeting
        if any(e.kind == "finished" for e in events):
            meeting = replace(meeting, status="finished")
        return mt.replay(meeting, state.events + events, self.method)

    def take_up_stories(
        self, dept: Department, state: MeetingState, stories: list[Story], now: datetime
    ) -> MeetingState:
        """Start the chosen stories; from now on they are locked, as they were read."""
        events = mt.choose_stories(state, self.method, [(s.id, s.author_id) for s in stories], now)
        for s in stories:
            self.store.change_story(dept, s.month, s.id, lambda x: story_rules.mark_used(x, state.meeting.id, now))
        return self.act(dept, state, events)

    def month_meeting(self, dept: Department, day: date) -> Meeting | None:
        """The meeting the month of `day` already has (held or running), if any."""
        month = YearMonth.of(day)
        return mt.month_meeting(self.store.meetings(dept, month), month)

    def discard_meeting(self, dept: Department, state: MeetingState, now: datetime) -> Meeting:
        """A meeting started by mistake: marked discarded (kept in the file), and the
        stories it took up handed back, so the real meeting can take them up."""
        meeting = mt.discard(state, now)
        self.store.discard_meeting(dept, meeting)
        for run in state.stories:
            try:
                story = self.store.story(dept, run.story_id)
            except DomainError:
                continue
            if story.used_in == meeting.id:
                self.store.change_story(dept, story.month, story.id,
                                        lambda x: story_rules.release(x, meeting.id, now))
        return meeting

    def running_meeting(self, dept: Department) -> Meeting | None:
        """A meeting that was started and not finished (to resume), the newest."""
        for month in reversed(self.store.months_on_disk(dept)[-3:]):
            running = self.store.meetings(dept, month, status="running")
            if running:
                return running[-1]
        return None

    def previous_goals(self, dept: Department, meeting: Meeting) -> list[tuple[StoryRun, mt.Meeting]]:
        """What each teller agreed to try at the last finished meeting before this one."""
        earlier = [m for m in self.store.meetings(dept) if m.status == "finished" and m.id != meeting.id
                   and (m.date, m.created_at or datetime.min) <= (meeting.date, meeting.created_at or datetime.max)]
        if not earlier:
            return []
        last = earlier[-1]
        state = self.meeting_state(dept, last)
        return [(run, last) for run in state.stories if run.goal]

    def eligible_stories(
        self, dept: Department, state: MeetingState
    ) -> list[tuple[Story, int | None]]:
        """Handed-in stories of the meeting's month by people present, with how many
        months since the author last had a story taken up (None: never), longest first."""
        present = set(state.meeting.present) - set(state.left)
        stories = [s for s in self.store.stories(dept, state.meeting.month)
                   if s.status is StoryStatus.SUBMITTED and s.author_id in present]
        used = [s for s in self.store.stories(dept) if s.status is StoryStatus.USED]

        def since(author: str) -> int | None:
            months = [u.month for u in used if u.author_id == author]
            if not months:
                return None
            last = max(months)
            m = state.meeting.month
            return (m.year - last.year) * 12 + m.month - last.month

        ranked = [(s, since(s.author_id)) for s in stories]
        return sorted(ranked, key=lambda p: (p[1] is not None, -(p[1] or 0), p[0].submitted_at or p[0].created_at))

    # -- history -------------------------------------------------------------

    def searchables(self, dept: Department) -> list[Searchable]:
        """Everything written in the department that search looks through.

        Drafts are private to their writer until handed in, so they are left out.
        Each month's items are remembered until its file changes on disk.
        """
        items: list[Searchable] = []
        for month in self.store.months_on_disk(dept):
            path = self.store.month_file(dept, month)
            try:
                st = os.stat(path)
            except FileNotFoundError:
                continue
            key = (str(path), st.st_ino, st.st_mtime_ns, st.st_size)
            cached = self._search_cache.get(str(path))
            if cached is None or cached[0] != key:
                cached = (key, self._month_items(dept, month))
                self._search_cache[str(path)] = cached
            items.extend(cached[1])
        return items

    def _month_items(self, dept: Department, month: YearMonth) -> list[Searchable]:
        items: list[Searchable] = []
        stories = {s.id: s for s in self.store.stories(dept, month)}
        for s in stories.values():
            if s.status is not StoryStatus.DRAFT and not story_rules.is_blank(s.text):
                items.append(_search.Searchable("story", s.text, s.month, s.dimension_id, s.author_id, s.used_in, s.id))
        for meeting in self.store.meetings(dept, month):
            state = self.meeting_state(dept, meeting)
            base = dict(month=meeting.month, dimension_id=meeting.dimension_id, meeting_id=meeting.id,
                        day=meeting.date)
            for tr in state.turns:
                if not tr.undone and tr.final_note:
                    story = state.stories[tr.story].story_id if tr.story >= 0 else None
                    items.append(_search.Searchable("note", tr.final_note, person_id=tr.speaker, story_id=story, **base))
            for run in state.stories:
                if run.goal:
                    items.append(_search.Searchable("goal", run.goal, person_id=run.teller_id, story_id=run.story_id, **base))
                if run.useful:
                    items.append(_search.Searchable("useful", run.useful, person_id=run.teller_id, story_id=run.story_id,
                                            **base))
            for story_id, (_status, note) in state.followups.items():
                if note:
                    teller = self._author_of(dept, story_id)
                    items.append(_search.Searchable("followup", note, person_id=teller, story_id=story_id, **base))
            if state.summary:
                items.append(_search.Searchable("summary", state.summary, person_id=meeting.facilitator_id, **base))
        return items

    def _author_of(self, dept: Department, story_id: str) -> str | None:
        try:
            return self.store.story(dept, story_id).author_id
        except DomainError:
            return None

    def search(self, dept: Department, query: str, dimension_id: str | None = None,
               person_id: str | None = None, year: KindergartenYear | None = None) -> list[Hit]:
        return _search.search(self.searchables(dept), query, dimension_id, person_id, year)

    def year_overview(self, dept: Department, year: KindergartenYear) -> list[MonthSummary]:
        """Each month of the year: its plan, whether the meeting was held, stories, goals tried."""
        wheel = self.wheel(dept, year)
        out = []
        for plan in wheel.months:
            meetings = self.store.meetings(dept, plan.month) if plan.month in self.store.months_on_disk(dept) else []
            held = [m for m in meetings if m.status == "finished"]
            stories = [s for s in self.store.stories(dept, plan.month) if s.status is not StoryStatus.DRAFT]
            tried = 0
            for m in held:
                tried += sum(1 for st, _ in self.meeting_state(dept, m).followups.values() if st == "tried")
            out.append(reports.MonthSummary(plan, bool(held), any(m.status == "running" for m in meetings),
                                    len(stories), tried))
        return out

    def participation(self, dept: Department, year: KindergartenYear) -> list[Participation]:
        """For each active staff member over the year: stories handed in and taken up, turns."""
        counts = {m.id: reports.Participation(m.id) for m in dept.active_staff}
        for s in self.store.stories(dept):
            if year.has(s.month) and s.author_id in counts and s.status is not StoryStatus.DRAFT:
                p = counts[s.author_id]
                counts[s.author_id] = replace(p, handed_in=p.handed_in + 1,
                                              taken_up=p.taken_up + (s.status is StoryStatus.USED))
        for meeting in self.store.meetings(dept):
            if not year.has(meeting.month):
                continue
            for tr in self.meeting_state(dept, meeting).turns:
                if tr.undone or tr.speaker not in counts:
                    continue
                p = counts[tr.speaker]
                if tr.outcome is mt.Outcome.SPOKE:
                    counts[tr.speaker] = replace(p, spoke=p.spoke + 1)
                elif tr.outcome is mt.Outcome.PASSED:
                    counts[tr.speaker] = replace(p, passed=p.passed + 1)
        return [counts[m.id] for m in dept.active_staff]


    # -- observations ------------------------------------------------------------

    @property
    def observation_rules(self) -> ObservationRules:
        return content.observation_rules()

    def record_observation(
        self, dept: Department, day: date, observer: str, cycles: list[dict[str, object]], now: datetime,
        instrument: Instrument | None = None,
    ) -> Observation:
        """A whole observation at once (from a file): every score checked, then one write."""
        obs = ob.new_observation(day, observer, instrument or dept.instrument, now)
        for i, cycle in enumerate(cycles):
            for dim, score in cycle.items():
                obs = ob.set_score(obs, self.framework, i, dim, score)
        missing = ob.missing(obs, self.framework)
        if missing:
            cycle, dim = missing[0]
            raise DomainError("error.cycle_incomplete", cycle=cycle + 1, dimension=dim, count=len(missing))
        if not obs.cycles:
            raise DomainError("error.no_cycles")
        return self.store.save_observation(dept, obs)

    def results(self, obs: Observation) -> ob.Results:
        return ob.results(obs, self.framework, self.observation_rules)

    def observed_dates(self, dept: Department) -> list[date]:
        """The dates of the department's observations with at least one complete cycle."""
        return [o.date for o in self.store.observations(dept) if ob.complete_cycles(o, self.framework)]

    def observation_term(self, dept: Department, today: date) -> tuple[ObservationTerm, str, date | None] | None:
        """This term's CLASS observation: the term, its status (done, upcoming, due,
        overdue) and the date it was observed. None for a pedagogue meeting."""
        if dept.is_pedagogue_meeting:
            return None
        term = terms.term_of(today, content.observation_periods())
        if term is None:
            return None
        observed = self.observed_dates(dept)
        return term, terms.term_status(term, observed, today), terms.observed_in(term, observed)

    def current_plan(self, dept: Department) -> DevelopmentPlan | None:
        plans = self.store.development_plans(dept)
        return plans[-1] if plans else None

    def place_focus_first(self, dept: Department, plan: DevelopmentPlan, today: date) -> list[MonthPlan]:
        """Put the plan's focus dimensions in the next months of the year wheel, in order."""
        changed = []
        start = self.next_meeting(dept, today).month
        months = [m for y in (start.kindergarten_year, start.kindergarten_year.next()) for m in y.months]
        for dim, month in zip(plan.focus, months[months.index(start):]):
            changed.append(self.set_plan(dept, month, dim, None))
        return changed


    # -- mentors: pedagogue meetings and the overview -------------------------------

    def pedagogue_department(self, kindergarten: str, name: str, today: date) -> Department:
        """The kindergarten's pedagogue meeting, kept like a department whose staff are all
        its pedagogues: the pedagogical leaders and the barnehagelærere of every department
        (and the director, and any mentor).

        Made the first time it is asked for; its leaders are brought up to date each time.
        """
        real = [d for d in self.store.list_departments() if d.kindergarten.casefold() == kindergarten.casefold()
                or slugify(d.kindergarten) == slugify(kindergarten)]
        if not real:
            raise DomainError("error.kindergarten_unknown", name=kindergarten)
        kg_name = real[0].kindergarten
        wanted: dict[str, StaffMember] = {}
        for d in real:
            for m in d.active_staff:
                if m.role in PEDAGOGUE_MEETING_ROLES:
                    wanted.setdefault(m.id, m)
        existing = next((d for d in self.store.list_departments(include_pedagogue=True)
                         if d.is_pedagogue_meeting and d.kindergarten == kg_name), None)
        if existing is None:
            existing = self.store.create_department(Department(
                kindergarten=kg_name, name=name, age_group=AgeGroup.MIXED, created=today, kind=PEDAGOGUE))

        def sync(dept: Department) -> Department:
            staff = []
            for m in dept.staff:
                if m.role is Role.MENTOR:
                    staff.append(m)
                elif m.id in wanted:
                    staff.append(replace(wanted.pop(m.id), active=True))
                else:
                    staff.append(replace(m, active=False))  # no longer a leader: history kept
            staff.extend(wanted.values())
            return replace(dept, staff=tuple(staff))

        return self.store.update_department(existing, sync)

    def pedagogue_of(self, dept: Department) -> Department | None:
        return next((d for d in self.store.list_departments(include_pedagogue=True)
                     if d.is_pedagogue_meeting and d.kindergarten == dept.kindergarten), None)

    def leader_plan(self, dept: Department, staff_id: str) -> tuple[date, str] | None:
        """What this leader said, at the last pedagogue meeting, they would do in their department."""
        ped = self.pedagogue_of(dept)
        if ped is None:
            return None
        for meeting in reversed(self.store.meetings(ped)):
            if meeting.status != "finished":
                continue
            state = self.meeting_state(ped, meeting)
            said = [t for t in state.turns if t.phase == mt.CLOSING and t.speaker == staff_id
                    and not t.undone and t.final_note]
            if said:
                return meeting.date, said[-1].final_note
        return None

    def overview(self, kindergarten: str, year: KindergartenYear,
                 departments: list[Department] | None = None) -> list[DepartmentOverview]:
        """Per department of a kindergarten, for one kindergarten year: where support is needed."""
        rows = []
        listed = departments if departments is not None else self.store.list_departments()
        depts = [d for d in listed if slugify(d.kindergarten) == slugify(kindergarten)]
        if not depts:
            raise DomainError("error.kindergarten_unknown", name=kindergarten)
        year_terms = {t.season: t for t in terms.terms_of(year, content.observation_periods())}
        for d in depts:
            held, dims, stories, followed, last = 0, set(), [], 0, None
            for month in self.store.months_on_disk(d):
                if not year.has(month):
                    continue
                finished, handed_in = self.store.month_activity(d, month)
                for day, dimension, followups in finished:
                    held += 1
                    dims.add(dimension)
                    followed += followups
                    last = max(last, day) if last else day
                    stories.append(handed_in)
            observed = self.observed_dates(d)
            seen = {season: terms.observed_in(term, observed) for season, term in year_terms.items()}
            rows.append(reports.DepartmentOverview(
                department=d.path, name=d.name, meetings_held=held, dimensions_covered=len(dims),
                stories_per_meeting=round(sum(stories) / len(stories), 1) if stories else 0.0,
                goals_followed_up=followed, last_meeting=last,
                observed_autumn=seen.get(terms.AUTUMN), observed_spring=seen.get(terms.SPRING)))
        return rows

    def overview_all(self, year: KindergartenYear) -> list[tuple[str, list[DepartmentOverview]]]:
        """The overview of every kindergarten in the data folder (one listing, read once)."""
        departments = self.store.list_departments()
        by_kg: dict[str, list[Department]] = {}
        for d in departments:
            by_kg.setdefault(d.kindergarten, []).append(d)
        return [(kg, self.overview(kg, year, by_kg[kg])) for kg in sorted(by_kg, key=str.casefold)]

    def kindergartens(self) -> list[str]:
        return sorted({d.kindergarten for d in self.store.list_departments()}, key=str.casefold)


__all__ = ["Workspace", "ProgrammeStatus", "StoryStatus"]
