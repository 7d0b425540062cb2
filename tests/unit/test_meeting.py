"""The reflecting team's rules, checked directly and for any sequence of actions."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tettpa_tui import content
from tettpa_tui.domain import meeting as mt
from tettpa_tui.domain.calendar import YearMonth
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.meeting import Outcome, Stage

METHOD = content.method("nb")
T0 = datetime(2026, 12, 1, 13, 0)
STAFF = ["ingrid", "tobias", "amina", "per", "lene", "ole"]


def start(present=STAFF[:5], facilitator="ingrid") -> mt.MeetingState:
    m = mt.new_meeting(YearMonth(2026, 12), date(2026, 12, 1), "behavior-guidance", facilitator,
                       list(present), ["Mentor Mona"], T0)
    return mt.replay(m, [], METHOD)


def apply(state: mt.MeetingState, events: list[mt.Event]) -> mt.MeetingState:
    return mt.replay(state.meeting, state.events + events, METHOD)


def with_stories(state, tellers=("amina", "per")) -> mt.MeetingState:
    return apply(state, mt.choose_stories(state, METHOD, [(f"s-{t}", t) for t in tellers], T0))


def test_presentation_then_questions_round_without_the_teller() -> None:
    s = with_stories(start())
    assert (s.stage, s.story, s.phase) == (Stage.STORY, 0, "presentation")
    assert s.order == [] and s.teller == "amina"
    with pytest.raises(DomainError):
        mt.record_turn(s, "ingrid", Outcome.SPOKE, T0)  # nobody takes turns while the teller reads
    s = apply(s, mt.advance(s, METHOD, T0))
    assert s.phase == "questions"
    assert sorted(s.order) == ["ingrid", "lene", "per", "tobias"]  # the teller is not in the circle
    assert "amina" not in s.order


def test_turns_in_order_exactly_once() -> None:
    s = with_stories(start())
    s = apply(s, mt.advance(s, METHOD, T0))
    first = s.next_speaker
    with pytest.raises(DomainError) as exc:
        mt.record_turn(s, s.order[1], Outcome.SPOKE, T0)
    assert exc.value.key == "error.not_their_turn"
    with pytest.raises(DomainError) as exc:
        mt.record_turn(s, "amina", Outcome.SPOKE, T0)
    assert exc.value.key == "error.teller_listens"
    s = apply(s, mt.record_turn(s, first, Outcome.SPOKE, T0, note="Hva skjedde før?"))
    assert s.round_turns()[first].note == "Hva skjedde før?"
    assert s.next_speaker == s.order[1]
    with pytest.raises(DomainError):
        mt.record_turn(s, first, Outcome.SPOKE, T0)  # not twice


def test_skip_needs_reason_and_pass_is_allowed() -> None:
    s = apply(with_stories(start()), [])
    s = apply(s, mt.advance(s, METHOD, T0))
    with pytest.raises(DomainError) as exc:
        mt.record_turn(s, s.next_speaker, Outcome.SKIPPED, T0, reason="  ")
    assert exc.value.key == "error.skip_needs_reason"
    s = apply(s, mt.record_turn(s, s.next_speaker, Outcome.PASSED, T0))
    s = apply(s, mt.record_turn(s, s.next_speaker, Outcome.SKIPPED, T0, reason="Gikk til et barn"))
    outcomes = [t.outcome for t in s.turns]
    assert outcomes == [Outcome.PASSED, Outcome.SKIPPED]


def test_undo_is_kept_in_the_record_and_gives_the_turn_back() -> None:
    s = apply(with_stories(start()), [])
    s = apply(s, mt.advance(s, METHOD, T0))
    first = s.next_speaker
    s = apply(s, mt.record_turn(s, first, Outcome.SPOKE, T0, note="feil person"))
    s = apply(s, mt.undo_last_turn(s, T0))
    assert s.next_speaker == first
    assert [t.undone for t in s.turns] == [True]  # nothing silently erased
    assert [e.kind for e in s.events][-2:] == ["turn", "undo"]
    with pytest.raises(DomainError):
        mt.undo_last_turn(s, T0)


def test_leaving_a_round_early_needs_force_and_records_the_rest() -> None:
    s = apply(with_stories(start()), [])
    s = apply(s, mt.advance(s, METHOD, T0))
    s = apply(s, mt.record_turn(s, s.next_speaker, Outcome.SPOKE, T0))
    with pytest.raises(DomainError) as exc:
        mt.advance(s, METHOD, T0)
    assert exc.value.key == "error.round_incomplete"
    left_out = s.remaining
    s = apply(s, mt.advance(s, METHOD, T0, force=True))
    assert s.phase == "affirming"
    skipped = [t for t in s.turns if t.outcome is Outcome.SKIPPED]
    assert [t.speaker for t in skipped] == left_out and all(t.reason == "round_ended" for t in skipped)


def test_more_reflection_rounds_only_where_allowed_and_after_a_round() -> None:
    s = apply(with_stories(start()), [])
    s = apply(s, mt.advance(s, METHOD, T0))  # questions
    with pytest.raises(DomainError):
        mt.add_round(s, METHOD, T0)
    for _ in range(2):
        s = apply(s, mt.advance(s, METHOD, T0, force=True))
    assert s.phase == "reflection"
    with pytest.raises(DomainError):
        mt.add_round(s, METHOD, T0)  # the first round is not over
    while s.next_speaker:
        s = apply(s, mt.record_turn(s, s.next_speaker, Outcome.SPOKE, T0))
    s = apply(s, mt.add_round(s, METHOD, T0))
    assert (s.round, s.rounds) == (2, 2) and s.next_speaker == s.order[0]


def test_order_can_rotate_before_the_round_starts_only() -> None:
    s = apply(with_stories(start()), [])
    s = apply(s, mt.advance(s, METHOD, T0))
    new = mt.rotated(s.order, 1)
    s = apply(s, mt.set_order(s, new, T0))
    assert s.order == new
    s = apply(s, mt.record_turn(s, s.next_speaker, Outcome.SPOKE, T0))
    with pytest.raises(DomainError):
        mt.set_order(s, mt.rotated(s.order, 1), T0)
    with pytest.raises(DomainError):
        mt.set_order(s, s.order[:-1], T0)


def test_response_goal_closing_and_finish() -> None:
    s = with_stories(start(), tellers=("amina",))
    while s.phase != "response":
        s = apply(s, mt.advance(s, METHOD, T0, force=True))
    s = apply(s, mt.record_response(s, METHOD, "Å bli sett", "Sette meg ned først", T0))
    assert s.stories[0].goal == "Sette meg ned først"
    s = apply(s, mt.advance(s, METHOD, T0))
    assert s.stage is Stage.CLOSING
    assert "amina" in s.order  # everyone says what they take along
    s = apply(s, mt.record_turn(s, s.next_speaker, Outcome.SPOKE, T0, note="Roen"))
    with pytest.raises(DomainError):
        mt.finish(s, "Oppsummert", T0)
    s = apply(s, mt.finish(s, "Oppsummert", T0, force=True))
    assert s.stage is Stage.FINISHED and s.summary == "Oppsummert"
    with pytest.raises(DomainError):
        mt.record_turn(s, "ingrid", Outcome.SPOKE, T0)
    said = next(t for t in s.turns if t.phase == "closing" and t.note == "Roen")
    s = apply(s, mt.correct_note(s, said.seq, "Roen i rommet", T0))
    corrected = next(t for t in s.turns if t.seq == said.seq)
    assert corrected.final_note == "Roen i rommet" and corrected.note == "Roen"
    assert s.events[-1].kind == "correction"


def test_choosing_stories() -> None:
    s = start()
    with pytest.raises(DomainError):
        mt.choose_stories(s, METHOD, [], T0)
    with pytest.raises(DomainError):
        mt.choose_stories(s, METHOD, [("a", "x1"), ("b", "tobias"), ("c", "per"), ("d", "amina")][:4], T0)
    with pytest.raises(DomainError):
        mt.choose_stories(s, METHOD, [("a", "ole")], T0)  # ole is absent
    with pytest.raises(DomainError):
        mt.advance(s, METHOD, T0)


def test_someone_leaving_takes_no_more_turns() -> None:
    s = apply(with_stories(start()), [])
    s = apply(s, mt.advance(s, METHOD, T0))
    who = s.order[-1]
    s = apply(s, mt.leave(s, who, "Syk barn", T0))
    assert who not in s.remaining
    s = apply(s, mt.advance(s, METHOD, T0, force=True))
    assert who not in s.order


def test_setup_rules() -> None:
    with pytest.raises(DomainError):
        start(present=["tobias", "per"], facilitator="ingrid")
    with pytest.raises(DomainError):
        start(present=["ingrid"])


# ---- any attendance, any sequence of facilitator actions ---------------------

ACTIONS = st.lists(
    st.sampled_from(["spoke", "passed", "skip", "undo", "advance", "force", "round", "rotate", "leave", "response"]),
    max_size=80,
)


@settings(max_examples=150, deadline=None)
@given(
    present=st.lists(st.sampled_from(STAFF), min_size=2, max_size=6, unique=True),
    tellers=st.integers(1, 3),
    actions=ACTIONS,
    modelling=st.booleans(),
    stand_in=st.integers(0, 5),
)
def test_method_invariants_hold_for_any_actions(present, tellers, actions, modelling, stand_in) -> None:
    s = start(present=present, facilitator=present[0])
    if modelling:  # a pedagogue meeting: the facilitator models the method, outside the rounds
        s = mt.replay(mt.replace(s.meeting, facilitator_turns=False), [], METHOD)
    chosen = [(f"s{i}", present[i % len(present)]) for i in range(min(tellers, len(present)))]
    # The facilitator's own story (present[0]'s) is facilitated by someone else present.
    candidates = mt.stand_in_candidates(s.meeting, present[0], {})
    stand_ins = {sid: candidates[stand_in % len(candidates)] for sid, teller in chosen
                 if teller == present[0] and candidates}
    if any(teller == present[0] for _, teller in chosen) and not candidates:
        return  # only the facilitator and... nobody else: cannot happen with two present
    s = apply(s, mt.choose_stories(s, METHOD, chosen, T0, stand_ins))
    at = T0
    for action in actions:
        at += timedelta(seconds=30)
        try:
            if action in ("spoke", "passed", "skip") and s.next_speaker:
                outcome = {"spoke": Outcome.SPOKE, "passed": Outcome.PASSED, "skip": Outcome.SKIPPED}[action]
                s = apply(s, mt.record_turn(s, s.next_speaker, outcome, at, reason="grunn"))
            elif action == "undo":
                s = apply(s, mt.undo_last_turn(s, at))
            elif action == "advance":
                s = apply(s, mt.advance(s, METHOD, at))
            elif action == "force":
                s = apply(s, mt.advance(s, METHOD, at, force=True))
            elif action == "round":
                s = apply(s, mt.add_round(s, METHOD, at))
            elif action == "rotate":
                s = apply(s, mt.set_order(s, mt.rotated(s.order, 1), at))
            elif action == "leave" and s.order:
                s = apply(s, mt.leave(s, s.order[-1], "gikk", at))
            elif action == "response":
                s = apply(s, mt.record_response(s, METHOD, "nyttig", "mål", at))
        except DomainError:
            pass  # a refused action changes nothing
        check_invariants(s)


def check_invariants(s: mt.MeetingState) -> None:
    standing = [t for t in s.turns if not t.undone]
    seen: set[tuple[int, str, int, str]] = set()
    modelling = not mt.facilitator_takes_turns(s.meeting, METHOD)
    for run in s.stories:
        facilitator = mt.story_facilitator(s.meeting, run)
        assert facilitator != run.teller_id, "the one facilitating a story told it"
        assert facilitator in s.meeting.present
    for t in standing:
        key = (t.story, t.phase, t.round, t.speaker)
        assert key not in seen, f"{t.speaker} spoke twice in a round"
        seen.add(key)
        if modelling:
            assert t.speaker != s.meeting.facilitator_id, "a modelling facilitator took a turn"
            if t.story >= 0:
                assert t.speaker != mt.story_facilitator(s.meeting, s.stories[t.story])
        if t.story >= 0:
            spec = METHOD.phase(t.phase)
            assert spec.team_turns, "a turn in a phase where only the teller speaks"
            assert t.speaker != s.stories[t.story].teller_id, "the teller took a turn while listening"
    # In every round each one in its circle has at most one turn, and its circle is the
    # people present (the teller and a modelling facilitator left out), each exactly once.
    assert len(s.order) == len(set(s.order)), "someone twice in the speaking order"
    if s.stage is Stage.CLOSING:
        assert set(mt.closing_circle(s.meeting, METHOD, s.left)) <= set(s.order)
        assert set(s.order) <= set(mt.closing_circle(s.meeting, METHOD, {}))
    # Every round that is over has a turn (spoke/passed/skipped) for every member of its circle.
    rounds_over = {(t.story, t.phase, t.round) for t in standing} - {(s.story, s.phase, s.round)}
    for story, phase, rnd in rounds_over:
        if story < 0:
            continue
        circle_then = {t.speaker for t in standing if (t.story, t.phase, t.round) == (story, phase, rnd)}
        run = s.stories[story]
        expected = set(mt.team(s.meeting, METHOD, run.teller_id, {}, mt.story_facilitator(s.meeting, run)))
        left_during = {p for p in expected if p in s.left}
        assert expected - left_during <= circle_then | left_during, "someone was left out silently"


def test_default_facilitator_by_kind_of_meeting_and_programme_year() -> None:
    from tettpa_tui.domain.records import Role, StaffMember

    leader = StaffMember("l", "Leder", Role.LEADER)
    director = StaffMember("d", "Styrer", Role.DIRECTOR)
    mentor = StaffMember("m", "Mentor", Role.MENTOR)
    staff = [StaffMember("a", "Assistent", Role.ASSISTANT), leader, director, mentor]
    assert mt.default_facilitator(staff, False, 1) is leader
    assert mt.default_facilitator(staff, True, 1) is mentor  # year 1: the mentor models
    assert mt.default_facilitator(staff, True, None) is mentor
    assert mt.default_facilitator(staff, True, 2) is director  # then the director takes over
    assert mt.default_facilitator([leader, mentor], True, 3) is mentor  # no director yet


def to_phase(s: mt.MeetingState, phase: str) -> mt.MeetingState:
    while s.phase != phase:
        s = apply(s, mt.advance(s, METHOD, T0, force=True))
    return s


def test_a_missing_goal_is_asked_about_and_named_at_the_end() -> None:
    s = to_phase(with_stories(start()), "response")
    assert mt.goal_missing_now(s, METHOD)
    assert not mt.response_changed(s, " ", "")
    assert mt.response_changed(s, "", "Vente ")
    s = apply(s, mt.record_response(s, METHOD, "", "Vente", T0))
    assert not mt.goal_missing_now(s, METHOD) and not mt.response_changed(s, "", "Vente ")
    s = apply(s, mt.advance(s, METHOD, T0))
    assert not mt.goal_missing_now(s, METHOD)  # the second story's presentation
    assert mt.stories_without_goal(s) == [1]


def test_the_clocks_stand_while_the_meeting_is_closed() -> None:
    s = start()
    s = apply(s, mt.choose_stories(s, METHOD, [("s1", "amina")], T0))
    assert mt.resume(s, T0 + timedelta(seconds=5)) == []  # a moment is no pause
    later = T0 + timedelta(hours=2)
    events = mt.resume(s, later)
    assert [e.kind for e in events] == ["resumed"]
    s = apply(s, events)
    assert mt.phase_seconds(s, later + timedelta(seconds=30)) == 30
    # Open until its last sign of life, then closed until it was opened again.
    opened = mt.replay(mt.replace(s.meeting, alive_at=T0 + timedelta(minutes=3)), s.events[:-1], METHOD)
    opened = apply(opened, mt.resume(opened, later))
    assert mt.phase_seconds(opened, later) == 180


def test_a_month_has_one_meeting_and_one_started_by_mistake_can_be_discarded() -> None:
    s = start()
    assert mt.month_meeting([s.meeting], YearMonth(2026, 12)) is s.meeting
    assert mt.month_meeting([s.meeting], YearMonth(2027, 1)) is None
    assert not mt.discard_needs_confirmation(s)  # nothing recorded: one key
    gone = mt.discard(s, T0)
    assert gone.status == mt.DISCARDED and gone.discarded_at == T0
    assert mt.month_meeting([gone], YearMonth(2026, 12)) is None  # a discarded one does not count
    s = to_phase(with_stories(s), "questions")
    s = apply(s, mt.record_turn(s, s.next_speaker, Outcome.PASSED, T0))
    assert mt.discard_needs_confirmation(s)
    finished = mt.replace(s.meeting, status="finished")
    with pytest.raises(DomainError):
        mt.discard(mt.replay(finished, s.events, METHOD), T0)


def test_a_story_takes_30_to_40_minutes_and_the_end_follows_the_stories_chosen() -> None:
    from datetime import datetime as _dt

    from tettpa_tui import content as _content

    method = _content.method("nb")
    assert 30 <= method.story_minutes <= 40
    start = _dt(2026, 12, 1, 13, 0)
    one = method.meeting_end(start, 1)
    assert (one - start).total_seconds() / 60 == method.story_minutes + method.closing_minutes
    assert (method.meeting_end(start, 3) - one).total_seconds() / 60 == 2 * method.story_minutes


# ---- a stand-in when the facilitator tells; the modelling facilitator outside the rounds ----


def test_the_facilitators_own_story_needs_a_stand_in_who_is_then_recorded() -> None:
    s = start()  # ingrid facilitates
    with pytest.raises(DomainError) as exc:
        mt.choose_stories(s, METHOD, [("s-amina", "amina"), ("s-ingrid", "ingrid")], T0)
    assert exc.value.key == "error.stand_in_needed"
    for bad in ("ingrid", "ole"):  # the teller herself; someone not present
        with pytest.raises(DomainError) as exc:
            mt.choose_stories(s, METHOD, [("s-ingrid", "ingrid")], T0, {"s-ingrid": bad})
        assert exc.value.key == "error.stand_in_absent"
    with pytest.raises(DomainError) as exc:  # only the facilitator's story has one
        mt.choose_stories(s, METHOD, [("s-amina", "amina")], T0, {"s-amina": "per"})
    assert exc.value.key == "error.stand_in_not_needed"
    s = apply(s, mt.choose_stories(s, METHOD, [("s-amina", "amina"), ("s-ingrid", "ingrid")], T0,
                                   {"s-ingrid": "tobias"}))
    assert [r.stand_in for r in s.stories] == ["", "tobias"]
    assert s.facilitator == "ingrid"
    s = to_phase(apply(s, mt.advance(s, METHOD, T0, force=True)), "presentation")
    while s.story != 1:
        s = apply(s, mt.advance(s, METHOD, T0, force=True))
    assert (s.teller, s.facilitator) == ("ingrid", "tobias")
    s = apply(s, mt.advance(s, METHOD, T0))
    assert "ingrid" not in s.order  # the facilitator tells, and listens like any teller
    assert "tobias" in s.order  # a department's stand-in also takes turns, as the leader would
    assert s.stage is Stage.STORY and mt.replay(s.meeting, s.events, METHOD).stories[1].stand_in == "tobias"


def test_a_modelling_facilitator_has_no_closing_turn_and_writes_no_story() -> None:
    from tettpa_tui.domain.records import Role, StaffMember

    m = mt.new_meeting(YearMonth(2026, 12), date(2026, 12, 1), "behavior-guidance", "mona",
                       ["mona", "per", "lene"], [], T0, facilitator_turns=False)
    s = mt.replay(m, [], METHOD)
    s = apply(s, mt.choose_stories(s, METHOD, [("s-per", "per")], T0))
    s = to_phase(s, "questions")
    assert "mona" not in s.order
    while s.stage is not Stage.CLOSING:
        s = apply(s, mt.advance(s, METHOD, T0, force=True))
    assert sorted(s.order) == ["lene", "per"]  # the debrief: the pedagogues, not the mentor
    staff = [StaffMember("mona", "Mona Mentor", Role.MENTOR), StaffMember("per", "Per", Role.LEADER),
             StaffMember("dina", "Dina", Role.DIRECTOR)]
    assert [w.id for w in mt.story_writers(staff, True, 1)] == ["per", "dina"]
    assert [w.id for w in mt.story_writers(staff, True, 2)] == ["per"]  # the director facilitates
    assert [w.id for w in mt.story_writers(staff[1:], False, 2)] == ["per", "dina"]


def test_the_dimension_is_presented_in_the_closing_before_and_recapped_after() -> None:
    def held(month: YearMonth, day: date) -> mt.Meeting:
        m = mt.new_meeting(month, day, "positive-climate", "ingrid", STAFF[:3], [], T0)
        return mt.replace(m, status="finished")

    june = held(YearMonth(2026, 6), date(2026, 6, 2))
    october, november = held(YearMonth(2026, 10), date(2026, 10, 6)), held(YearMonth(2026, 11), date(2026, 11, 3))
    december = mt.new_meeting(YearMonth(2026, 12), date(2026, 12, 1), "behavior-guidance", "ingrid", STAFF[:3], [], T0)
    discarded = mt.replace(held(YearMonth(2026, 8), date(2026, 8, 20)), status=mt.DISCARDED)
    assert mt.presented_at([june, october, november, december], december) is november
    assert mt.presented_at([november, october], december) is november
    # The year's first meeting has none before it (last June's is another kindergarten year).
    assert mt.presented_at([june, discarded, december], december) is None
    assert mt.presented_at([december], december) is None


def test_from_year_two_a_pedagogue_meeting_the_director_facilitates_is_the_ledermote() -> None:
    from tettpa_tui.domain.records import Role, StaffMember

    director, mentor = StaffMember("d", "Dina", Role.DIRECTOR), StaffMember("m", "Mona", Role.MENTOR)
    assert mt.is_leader_meeting(True, director, 2) and mt.is_leader_meeting(True, director, 5)
    assert not mt.is_leader_meeting(True, director, 1)  # year 1: the mentor's pedagogue meeting
    assert not mt.is_leader_meeting(True, mentor, 2)
    assert not mt.is_leader_meeting(False, director, 3)  # a department's meeting is never one
