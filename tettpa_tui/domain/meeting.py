"""A department meeting run as a reflecting team: its record and its rules.

A meeting is a header (date, dimension, facilitator, who is present) and an
append-only list of events: every follow-up, every turn, every phase change is
an event written the moment it happens. The meeting's state (which story,
which phase, which round, whose turn) is never stored; it is computed from the
events by `replay`, so a meeting interrupted by a dead laptop resumes exactly
where it stood, and nothing is ever silently erased: an undo or a correction
is an event too.

The rules of the method live here, once:

* in a team round every present team member gets exactly one turn, in order;
* the teller never takes a turn in the team's rounds;
* the facilitator (veileder) is a teller like any other: when the facilitator's
  own story is taken up, another person present stands in and facilitates that
  story (chosen with the stories, kept in the record); the stand-in never tells
  the story they facilitate;
* where the facilitator takes no turns (a mentor or director modelling the
  method in a pedagogue meeting), the facilitator is outside every round, the
  closing round too, and outside the count of those who hand in a story; a
  stand-in for such a facilitator takes no turns in the story they facilitate
  (who facilitates and who hands in: facilitation.py, which the home screen
  asks without loading the meeting);
* a skip needs a reason; leaving a round early records the rest as skipped,
  so no one is left out silently;
* more rounds only where the method allows them, and only after a round ends;
* a thought that belongs to a later phase (advice during the clarifying
  questions) is parked with its author, shown when that phase starts, and
  there taken up or dropped: it is never lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import Enum

from tettpa_tui.domain.calendar import YearMonth
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.facilitation import default_facilitator, story_writers  # noqa: F401 (the rules, here too)
from tettpa_tui.domain.method import Method
from tettpa_tui.domain.records import Role, StaffMember, new_id

CLOSING = "closing"


class Outcome(str, Enum):
    SPOKE = "spoke"
    PASSED = "passed"
    SKIPPED = "skipped"


class Stage(str, Enum):
    OPENING = "opening"  # dimension, follow-up of last goals, choosing stories
    STORY = "story"  # a story runs the method
    CLOSING = "closing"  # what each takes along, summary
    FINISHED = "finished"


@dataclass(frozen=True)
class Meeting:
    id: str
    month: YearMonth
    date: date
    dimension_id: str
    facilitator_id: str
    present: tuple[str, ...]  # staff ids, in the department's order
    guests: tuple[str, ...] = ()
    created_at: datetime | None = None
    status: str = "running"  # "running" or "finished"
    summary_draft: str = ""  # the facilitator's summary as it is being typed
    note_draft: str = ""  # the note for whoever has the word, as it is being typed (not yet a turn)
    facilitator_turns: bool = True  # False when the facilitator models the method (a mentor)
    alive_at: datetime | None = None  # last moment the meeting was known to be open on a screen
    discarded_at: datetime | None = None  # set when a meeting started by mistake is discarded


@dataclass(frozen=True)
class Event:
    seq: int
    kind: str
    at: datetime
    data: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Turn:
    seq: int
    story: int  # index into the chosen stories; -1 in the closing round
    phase: str
    round: int
    speaker: str
    outcome: Outcome
    note: str
    reason: str
    at: datetime
    undone: bool = False
    corrected_note: str | None = None

    @property
    def final_note(self) -> str:
        return self.corrected_note if self.corrected_note is not None else self.note


OPEN, TAKEN, DROPPED = "open", "taken", "dropped"


@dataclass(frozen=True)
class ParkedThought:
    """A thought noted for a later phase: who had it, where, and what became of it."""

    seq: int  # the "park" event's seq: the thought's identity
    author: str
    text: str
    story: int  # the phase it belongs to: story index (-1 with the closing) and phase id
    phase: str
    from_story: int  # where it was parked (-1 and "opening" in the opening)
    from_phase: str
    from_round: int
    at: datetime
    status: str = OPEN  # open, taken (recorded in its phase, by its author) or dropped
    settled_round: int = 0
    settled_at: datetime | None = None


@dataclass(frozen=True)
class StoryRun:
    story_id: str
    teller_id: str
    useful: str = ""
    goal: str = ""
    stand_in: str = ""  # who facilitates this story in the facilitator's place ("" : the facilitator)


@dataclass
class MeetingState:
    """Where a meeting stands now; computed by `replay`, never stored."""

    meeting: Meeting
    stage: Stage = Stage.OPENING
    stories: list[StoryRun] = field(default_factory=list)
    story: int = -1
    phase: str = ""
    round: int = 1
    rounds: int = 1  # how many rounds the current phase has
    order: list[str] = field(default_factory=list)  # speaking order in this phase
    phase_started: datetime | None = None
    last_activity: datetime | None = None
    turns: list[Turn] = field(default_factory=list)  # every turn, undone ones marked
    left: dict[str, str] = field(default_factory=dict)  # who left the meeting, and why
    followups: dict[str, tuple[str, str]] = field(default_factory=dict)  # story id -> (status, note)
    summary: str = ""
    timeouts: list[tuple[int, str, str, datetime]] = field(default_factory=list)  # (story, phase, note, at)
    pauses: list[tuple[datetime, datetime]] = field(default_factory=list)  # (closed, reopened): clocks stood
    parked: list[ParkedThought] = field(default_factory=list)  # in the order they were parked
    events: list[Event] = field(default_factory=list)

    # -- the current round -------------------------------------------------

    def round_turns(self) -> dict[str, Turn]:
        """Turns of the current round that stand (not undone), by speaker."""
        return {
            t.speaker: t
            for t in self.turns
            if not t.undone and t.story == self.story and t.phase == self.phase and t.round == self.round
        }

    @property
    def remaining(self) -> list[str]:
        taken = self.round_turns()
        return [s for s in self.order if s not in taken]

    @property
    def next_speaker(self) -> str | None:
        rest = self.remaining
        return rest[0] if rest else None

    @property
    def round_complete(self) -> bool:
        return not self.remaining

    @property
    def teller(self) -> str | None:
        return self.stories[self.story].teller_id if self.stage is Stage.STORY else None

    @property
    def facilitator(self) -> str:
        """Who facilitates now: the story's stand-in while the facilitator tells, else the facilitator."""
        if self.stage is Stage.STORY:
            return story_facilitator(self.meeting, self.stories[self.story])
        return self.meeting.facilitator_id

    @property
    def next_seq(self) -> int:
        return (self.events[-1].seq if self.events else 0) + 1


# ---- who speaks -------------------------------------------------------------


def facilitator_takes_turns(meeting: Meeting, method: Method) -> bool:
    """Whether whoever facilitates also speaks in the rounds (a department's leader does;
    a mentor or director modelling the method in a pedagogue meeting does not)."""
    return method.facilitator_takes_turns and meeting.facilitator_turns


def story_facilitator(meeting: Meeting, run: StoryRun) -> str:
    """Who facilitates one story: the stand-in chosen for it, else the meeting's facilitator."""
    return run.stand_in or meeting.facilitator_id


def needs_stand_in(meeting: Meeting, teller: str) -> bool:
    """The facilitator's own story: someone else facilitates it."""
    return teller == meeting.facilitator_id


def stand_in_candidates(meeting: Meeting, teller: str, left: dict[str, str]) -> list[str]:
    """Who may stand in for the facilitator in a story: anyone present but the teller."""
    return [p for p in meeting.present if p not in left and p != teller and p != meeting.facilitator_id]


def team(meeting: Meeting, method: Method, teller: str | None, left: dict[str, str],
         facilitator: str | None = None) -> list[str]:
    """The people who take turns in the team's rounds: never the teller, and not the one
    who facilitates where the facilitator takes no turns."""
    people = [p for p in meeting.present if p not in left and p != teller]
    if not facilitator_takes_turns(meeting, method):
        people = [p for p in people if p != (facilitator or meeting.facilitator_id)]
    return people


def closing_circle(meeting: Meeting, method: Method, left: dict[str, str]) -> list[str]:
    """Everyone still present says what they take along, the tellers too; the facilitator
    only where the facilitator takes turns."""
    people = [p for p in meeting.present if p not in left]
    if not facilitator_takes_turns(meeting, method):
        people = [p for p in people if p != meeting.facilitator_id]
    return people


def is_leader_meeting(pedagogue_meeting: bool, facilitator: StaffMember | None,
                      programme_year: int | None) -> bool:
    """From the kindergarten's second programme year the director takes over the follow-up of
    the pedagogical leaders' guidance in the kindergarten's ledermøte: a pedagogue meeting
    the director facilitates from year 2 is held as the ledermøte (same method, same records)."""
    return (pedagogue_meeting and (programme_year or 1) >= 2 and facilitator is not None
            and facilitator.role is Role.DIRECTOR)


def rotated(people: list[str], by: int) -> list[str]:
    """The order turned `by` places, so the same person does not always start."""
    if not people:
        return []
    k = by % len(people)
    return people[k:] + people[:k]


def _start_phase(state: MeetingState, method: Method, story: int, phase: str, at: datetime) -> None:
    state.story, state.phase, state.round = story, phase, 1
    state.phase_started = at
    if phase == CLOSING:
        state.stage = Stage.CLOSING
        state.rounds = 1
        state.order = rotated(closing_circle(state.meeting, method, state.left), state.meeting.month.month)
        return
    state.stage = Stage.STORY
    spec = method.phase(phase)
    state.rounds = spec.rounds if spec.team_turns else 0
    if spec.team_turns:
        run = state.stories[story]
        people = team(state.meeting, method, run.teller_id, state.left, story_facilitator(state.meeting, run))
        # Each story (and each month) starts the circle at a new place.
        state.order = rotated(people, story + state.meeting.month.month)
    else:
        state.order = []


def replay(meeting: Meeting, events: list[Event], method: Method) -> MeetingState:
    """The meeting's state after its events, in order."""
    state = MeetingState(meeting=meeting)
    by_seq: dict[int, int] = {}
    for ev in sorted(events, key=lambda e: e.seq):
        state.events.append(ev)
        state.last_activity = ev.at
        d = ev.data
        if ev.kind == "followup":
            state.followups[d["story_id"]] = (d["status"], d.get("note", ""))
        elif ev.kind == "stories":
            stand_ins = d.get("stand_ins") or [""] * len(d["story_ids"])
            state.stories = [StoryRun(s, t, stand_in=f) for s, t, f in zip(d["story_ids"], d["tellers"], stand_ins)]
        elif ev.kind == "phase":
            _start_phase(state, method, d["story"], d["phase"], ev.at)
        elif ev.kind == "round":
            state.rounds += 1
            state.round += 1
            state.order = [p for p in state.order if p not in state.left]
        elif ev.kind == "order":
            state.order = list(d["order"])
        elif ev.kind == "turn":
            by_seq[ev.seq] = len(state.turns)
            state.turns.append(Turn(
                seq=ev.seq, story=d["story"], phase=d["phase"], round=d["round"], speaker=d["speaker"],
                outcome=Outcome(d["outcome"]), note=d.get("note", ""), reason=d.get("reason", ""), at=ev.at,
            ))
        elif ev.kind == "undo":
            i = by_seq.get(d["turn_seq"])
            if i is not None:
                state.turns[i] = replace(state.turns[i], undone=True)
        elif ev.kind == "correction":
            i = by_seq.get(d["turn_seq"])
            if i is not None:
                state.turns[i] = replace(state.turns[i], corrected_note=d["note"])
        elif ev.kind == "left":
            state.left[d["speaker"]] = d.get("reason", "")
        elif ev.kind == "response":
            i = d["story"]
            state.stories[i] = replace(state.stories[i], useful=d.get("useful", ""), goal=d.get("goal", ""))
        elif ev.kind == "summary":
            state.summary = d.get("text", "")
        elif ev.kind == "timeout":
            state.timeouts.append((d.get("story", -1), d.get("phase", ""), d.get("note", ""), ev.at))
        elif ev.kind == "park":
            state.parked.append(ParkedThought(
                seq=ev.seq, author=d["author"], text=d["text"], story=d["story"], phase=d["phase"],
                from_story=d.get("from_story", -1), from_phase=d.get("from_phase", ""),
                from_round=d.get("from_round", 0), at=ev.at))
        elif ev.kind in ("park_taken", "park_dropped"):
            for i, p in enumerate(state.parked):
                if p.seq == d["parked_seq"]:
                    state.parked[i] = replace(p, status=TAKEN if ev.kind == "park_taken" else DROPPED,
                                              settled_round=d.get("round", 0), settled_at=ev.at)
        elif ev.kind == "resumed":
            state.pauses.append((datetime.fromisoformat(d["since"]), ev.at))
        elif ev.kind == "finished":
            state.stage = Stage.FINISHED
    return state


# ---- the clocks ---------------------------------------------------------------

ALIVE_SECONDS = 5  # how often an open meeting notes that it is open (a kill loses at most this)


def running_seconds(state: MeetingState, since: datetime, now: datetime) -> float:
    """Seconds from `since` to `now` that the meeting was open: the time the app
    was closed (or the meeting left) does not count on the phase and turn clocks."""
    total = (now - since).total_seconds()
    for closed, reopened in state.pauses:
        overlap = (min(reopened, now) - max(closed, since)).total_seconds()
        if overlap > 0:
            total -= overlap
    return total


def phase_seconds(state: MeetingState, now: datetime) -> float:
    return running_seconds(state, state.phase_started, now) if state.phase_started else 0.0


def turn_started(state: MeetingState) -> datetime | None:
    """When the current speaker's turn began: the last turn of the round, or the phase's start."""
    if state.phase_started is None:
        return None
    return max([tr.at for tr in state.round_turns().values()] + [state.phase_started])


def resume(state: MeetingState, at: datetime) -> list[Event]:
    """The meeting is open again: the time since it was last known open is a pause.

    Only while clocks run (a story or the closing), and only for a gap worth
    noting; returns the event to append, or nothing.
    """
    if state.stage not in (Stage.STORY, Stage.CLOSING):
        return []
    known = [t for t in (state.meeting.alive_at, state.last_activity) if t is not None]
    if not known:
        return []
    since = max(known)
    if (at - since).total_seconds() <= 2 * ALIVE_SECONDS:
        return []
    return [_event(state, "resumed", at, since=since.isoformat(timespec="seconds"))]


# ---- what the facilitator may do ---------------------------------------------
# Each command checks the rules against the current state and returns the
# event(s) to append. Nothing is written here: the store appends them.


def _event(state: MeetingState, kind: str, at: datetime, offset: int = 0, **data: object) -> Event:
    return Event(seq=state.next_seq + offset, kind=kind, at=at, data=dict(data))


def _not_finished(state: MeetingState) -> None:
    if state.stage is Stage.FINISHED:
        raise DomainError("error.meeting_finished")


def record_followup(state: MeetingState, story_id: str, status: str, note: str, at: datetime) -> list[Event]:
    _not_finished(state)
    if status not in ("tried", "not_yet"):
        raise DomainError("error.followup_status", value=status)
    return [_event(state, "followup", at, story_id=story_id, status=status, note=note.strip())]


def choose_stories(
    state: MeetingState, method: Method, chosen: list[tuple[str, str]], at: datetime,
    stand_ins: dict[str, str] | None = None,
) -> list[Event]:
    """Take up 1..max stories (story id, teller id) in this order; the first begins.

    The facilitator's own story needs a stand-in (`stand_ins`: story id -> who
    facilitates it), someone present other than the teller; no other story has one.
    """
    stand_ins = stand_ins or {}
    if state.stage is not Stage.OPENING or state.stories:
        raise DomainError("error.stories_already_chosen")
    if not 1 <= len(chosen) <= method.max_stories:
        raise DomainError("error.stories_count", limit=method.max_stories)
    if len({s for s, _ in chosen}) != len(chosen):
        raise DomainError("error.stories_count", limit=method.max_stories)
    for _, teller in chosen:
        if teller not in state.meeting.present or teller in state.left:
            raise DomainError("error.teller_absent")
    for story_id, teller in chosen:
        stand_in = stand_ins.get(story_id, "")
        if not needs_stand_in(state.meeting, teller):
            if stand_in:
                raise DomainError("error.stand_in_not_needed")
            continue
        if not stand_in:
            raise DomainError("error.stand_in_needed")
        if stand_in not in stand_in_candidates(state.meeting, teller, state.left):
            raise DomainError("error.stand_in_absent")
    data: dict[str, object] = {"story_ids": [s for s, _ in chosen], "tellers": [t for _, t in chosen]}
    if any(stand_ins.get(s) for s, _ in chosen):
        data["stand_ins"] = [stand_ins.get(s, "") for s, _ in chosen]
    return [
        _event(state, "stories", at, **data),
        _event(state, "phase", at, 1, story=0, phase=method.phases[0].id),
    ]


def record_turn(
    state: MeetingState, speaker: str, outcome: Outcome, at: datetime, note: str = "", reason: str = ""
) -> list[Event]:
    """The next speaker's turn ended: spoke (with an optional note), passed, or skipped."""
    _not_finished(state)
    if state.stage not in (Stage.STORY, Stage.CLOSING) or not state.order:
        raise DomainError("error.no_turns_now")
    if speaker == state.teller:
        raise DomainError("error.teller_listens")
    if state.round_complete:
        raise DomainError("error.round_complete")
    if speaker != state.next_speaker:
        raise DomainError("error.not_their_turn")
    if outcome is Outcome.SKIPPED and not reason.strip():
        raise DomainError("error.skip_needs_reason")
    return [_event(state, "turn", at, story=state.story, phase=state.phase, round=state.round,
                   speaker=speaker, outcome=outcome.value, note=note.strip(), reason=reason.strip())]


def undo_last_turn(state: MeetingState, at: datetime) -> list[Event]:
    """Take back the last turn of this phase (recorded for the wrong person): kept, marked undone."""
    _not_finished(state)
    standing = [t for t in state.turns if not t.undone and t.story == state.story and t.phase == state.phase
                and t.round == state.round]
    if not standing:
        raise DomainError("error.nothing_to_undo")
    return [_event(state, "undo", at, turn_seq=standing[-1].seq)]


def add_round(state: MeetingState, method: Method, at: datetime) -> list[Event]:
    _not_finished(state)
    if state.stage is not Stage.STORY or not method.phase(state.phase).more_rounds:
        raise DomainError("error.no_more_rounds")
    if not state.round_complete:
        raise DomainError("error.round_incomplete", remaining=len(state.remaining))
    return [_event(state, "round", at, story=state.story, phase=state.phase)]


def set_order(state: MeetingState, order: list[str], at: datetime) -> list[Event]:
    """A new speaking order (rotated or shuffled), before anyone speaks in the round."""
    _not_finished(state)
    if sorted(order) != sorted(state.order):
        raise DomainError("error.order_people")
    if state.round_turns():
        raise DomainError("error.order_started")
    return [_event(state, "order", at, story=state.story, phase=state.phase, order=list(order))]


def leave(state: MeetingState, speaker: str, reason: str, at: datetime) -> list[Event]:
    """Someone leaves the meeting: no more turns; their place in this round is skipped."""
    _not_finished(state)
    if not reason.strip():
        raise DomainError("error.skip_needs_reason")
    if speaker not in state.meeting.present or speaker in state.left:
        raise DomainError("error.not_present")
    events = []
    if speaker in state.remaining:
        events += [_event(state, "turn", at, story=state.story, phase=state.phase, round=state.round,
                          speaker=speaker, outcome=Outcome.SKIPPED.value, note="", reason=reason.strip())]
    events.append(_event(state, "left", at, len(events), speaker=speaker, reason=reason.strip()))
    return events


def word_holder(state: MeetingState) -> tuple[object, ...]:
    """Where the word is: stage, story, phase, round and who has it. A note being typed is
    for exactly this; when it changes (next phase, a skip, an undo, a new round or order, someone
    leaving) an unrecorded note no longer belongs where the field stands, and must be settled
    first (recorded for its speaker, parked, or deleted on purpose), never carried along."""
    return (state.stage, state.story, state.phase, state.round, state.next_speaker)


def record_response(state: MeetingState, method: Method, useful: str, goal: str, at: datetime) -> list[Event]:
    """What the teller found most useful, and what they will try until next time."""
    _not_finished(state)
    if state.stage is not Stage.STORY or method.phase(state.phase).record != "response":
        raise DomainError("error.no_response_now")
    return [_event(state, "response", at, story=state.story, useful=useful.strip(), goal=goal.strip())]


def response_changed(state: MeetingState, useful: str, goal: str) -> bool:
    """Whether the teller's response as typed differs from what is recorded."""
    if state.stage is not Stage.STORY:
        return False
    run = state.stories[state.story]
    return (useful.strip(), goal.strip()) != (run.useful, run.goal)


def goal_missing_now(state: MeetingState, method: Method) -> bool:
    """The teller's response phase is about to end without a goal: ask first."""
    return (state.stage is Stage.STORY and method.phase(state.phase).record == "response"
            and not state.stories[state.story].goal)


def stories_without_goal(state: MeetingState) -> list[int]:
    """The stories (by index) whose teller has no goal recorded."""
    return [i for i, run in enumerate(state.stories) if not run.goal]


def next_step(state: MeetingState, method: Method) -> tuple[int, str] | None:
    """The (story, phase) that comes after the current one; None after the closing."""
    if state.stage is Stage.STORY:
        i = method.index(state.phase)
        if i + 1 < len(method.phases):
            return state.story, method.phases[i + 1].id
        if state.story + 1 < len(state.stories):
            return state.story + 1, method.phases[0].id
        return -1, CLOSING
    return None


def advance(state: MeetingState, method: Method, at: datetime, force: bool = False) -> list[Event]:
    """On to the next phase (or story, or the closing).

    Leaving a round before everyone has had their turn needs `force` (the
    facilitator confirmed); the ones left are then recorded as skipped, so no
    one is left out silently.
    """
    _not_finished(state)
    if state.stage is Stage.OPENING:
        raise DomainError("error.choose_stories_first")
    if state.stage is Stage.CLOSING:
        raise DomainError("error.finish_instead")
    remaining = state.remaining
    if remaining and not force:
        raise DomainError("error.round_incomplete", remaining=len(remaining))
    events = [
        _event(state, "turn", at, i, story=state.story, phase=state.phase, round=state.round, speaker=p,
               outcome=Outcome.SKIPPED.value, note="", reason="round_ended")
        for i, p in enumerate(remaining)
    ]
    step = next_step(state, method)
    assert step is not None
    events.append(_event(state, "phase", at, len(events), story=step[0], phase=step[1]))
    return events


def finish(state: MeetingState, summary: str, at: datetime, force: bool = False) -> list[Event]:
    """End the meeting after the closing round, with the facilitator's summary."""
    _not_finished(state)
    if state.stage is not Stage.CLOSING:
        raise DomainError("error.not_closing")
    remaining = state.remaining
    if remaining and not force:
        raise DomainError("error.round_incomplete", remaining=len(remaining))
    events = [
        _event(state, "turn", at, i, story=-1, phase=CLOSING, round=state.round, speaker=p,
               outcome=Outcome.SKIPPED.value, note="", reason="round_ended")
        for i, p in enumerate(remaining)
    ]
    n = len(events)
    events.append(_event(state, "summary", at, n, text=summary.strip()))
    events.append(_event(state, "finished", at, n + 1))
    return events


def time_out(state: MeetingState, note: str, at: datetime) -> list[Event]:
    """A short pause to explain a move of the method; kept apart from the reflections."""
    _not_finished(state)
    if not note.strip():
        raise DomainError("error.timeout_empty")
    return [_event(state, "timeout", at, story=state.story, phase=state.phase, note=note.strip())]


def correct_note(state: MeetingState, turn_seq: int, note: str, at: datetime) -> list[Event]:
    """A finished meeting is read-only, but a typo in a note may be corrected (recorded)."""
    if not any(t.seq == turn_seq for t in state.turns):
        raise DomainError("error.turn_unknown")
    return [_event(state, "correction", at, turn_seq=turn_seq, note=note.strip())]


# ---- parked thoughts -----------------------------------------------------------


def park_targets(state: MeetingState, method: Method) -> list[tuple[int, str]]:
    """The later phases a thought may be parked for, (story, phase): the rest of this
    story's phases (in the opening: the first story's), then the closing."""
    if state.stage is Stage.OPENING:
        story, after = 0, -1
    elif state.stage is Stage.STORY:
        story, after = state.story, method.index(state.phase)
    else:
        return []
    return [(story, p.id) for p in method.phases[after + 1:]] + [(-1, CLOSING)]


def park_default(state: MeetingState, method: Method) -> tuple[int, str] | None:
    """Where a parked thought belongs unless the facilitator chooses another later phase:
    the next phase whose rule allows it (advice: the reflection), else the closing."""
    targets = park_targets(state, method)
    if not targets:
        return None
    after = method.index(state.phase) if state.stage is Stage.STORY else -1
    phase = method.park_default(after)
    return (targets[0][0], phase) if phase is not None else (-1, CLOSING)


def park(state: MeetingState, method: Method, author: str, text: str, at: datetime,
         target: tuple[int, str] | None = None) -> list[Event]:
    """Note a thought for a later phase, with its author (someone present)."""
    _not_finished(state)
    targets = park_targets(state, method)
    if not targets:
        raise DomainError("error.park.nothing_later")
    if author not in state.meeting.present or author in state.left:
        raise DomainError("error.not_present")
    if not text.strip():
        raise DomainError("error.park.empty")
    story, phase = target if target is not None else park_default(state, method)
    if (story, phase) not in targets:
        raise DomainError("error.park.not_later")
    here = "opening" if state.stage is Stage.OPENING else state.phase
    return [_event(state, "park", at, author=author, text=text.strip(), story=story, phase=phase,
                   from_story=state.story if state.stage is Stage.STORY else -1, from_phase=here,
                   from_round=state.round if state.stage is Stage.STORY else 0)]


def parked_for(state: MeetingState, story: int, phase: str) -> list[ParkedThought]:
    """The thoughts that belong to one phase, whatever became of them."""
    return [p for p in state.parked if (p.story, p.phase) == (story, phase)]


def parked_here(state: MeetingState) -> list[ParkedThought]:
    """The thoughts that belong to the phase running now (shown when it starts)."""
    if state.stage not in (Stage.STORY, Stage.CLOSING):
        return []
    return parked_for(state, state.story, state.phase)


def _settle(state: MeetingState, parked_seq: int, kind: str, at: datetime) -> list[Event]:
    _not_finished(state)
    thought = next((p for p in state.parked if p.seq == parked_seq), None)
    if thought is None:
        raise DomainError("error.park.unknown")
    if thought.status != OPEN:
        raise DomainError("error.park.settled")
    if thought not in parked_here(state):
        raise DomainError("error.park.not_now")
    return [_event(state, kind, at, parked_seq=parked_seq, story=state.story, phase=state.phase,
                   round=state.round)]


def take_up(state: MeetingState, parked_seq: int, at: datetime) -> list[Event]:
    """Take up a parked thought in the phase it belongs to: recorded there, by its author."""
    return _settle(state, parked_seq, "park_taken", at)


def drop(state: MeetingState, parked_seq: int, at: datetime) -> list[Event]:
    """Let a parked thought go, in the phase it belongs to (kept in the record as dropped)."""
    return _settle(state, parked_seq, "park_dropped", at)


# ---- a meeting started by mistake ------------------------------------------------

DISCARDED = "discarded"


def month_meeting(meetings: list[Meeting], month: YearMonth) -> Meeting | None:
    """The meeting a month already has (held or running; a discarded one does not count).

    A month has one department meeting: starting another asks first, and says why.
    """
    found = [m for m in meetings if m.month == month and m.status != DISCARDED]
    return found[-1] if found else None


def presented_at(meetings: list[Meeting], meeting: Meeting) -> Meeting | None:
    """The meeting whose closing presented this meeting's dimension: the department's last
    meeting held before it in the same kindergarten year.

    The rhythm: a meeting's closing presents the next meeting's dimension, the staff
    work with it in practice and write their stories about it, and the next meeting
    reflects on them, recapping the dimension briefly in its opening. A department's
    first meeting of a year has none before it: its opening presents the dimension.
    """
    year = meeting.month.kindergarten_year
    earlier = [m for m in meetings if m.status == "finished" and m.id != meeting.id
               and m.month.kindergarten_year == year and m.month < meeting.month]
    return max(earlier, key=lambda m: (m.month, m.date)) if earlier else None


def discard_needs_confirmation(state: MeetingState) -> bool:
    """Discarding is one key until something has been recorded (a turn, a follow-up,
    the teller's response, a time-out, a summary); after that it asks first."""
    return bool(state.turns or state.followups or state.timeouts or state.summary or state.parked
                or state.meeting.summary_draft.strip() or any(r.useful or r.goal for r in state.stories))


def discard(state: MeetingState, at: datetime) -> Meeting:
    """A meeting started by mistake, marked discarded: kept in the file (nothing is
    erased), left out of history, minutes, search, participation and overviews."""
    if state.stage is Stage.FINISHED or state.meeting.status != "running":
        raise DomainError("error.meeting_finished")
    return replace(state.meeting, status=DISCARDED, discarded_at=at)


def new_meeting(
    month: YearMonth,
    day: date,
    dimension_id: str,
    facilitator_id: str,
    present: list[str],
    guests: list[str],
    now: datetime,
    facilitator_turns: bool = True,
) -> Meeting:
    if facilitator_id not in present:
        raise DomainError("error.facilitator_absent")
    if len(present) < 2:
        raise DomainError("error.too_few_present")
    return Meeting(
        id=new_id(), month=month, date=day, dimension_id=dimension_id, facilitator_id=facilitator_id,
        present=tuple(present), guests=tuple(g.strip() for g in guests if g.strip()), created_at=now,
        facilitator_turns=facilitator_turns,
    )
