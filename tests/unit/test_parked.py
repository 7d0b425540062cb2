"""Parked thoughts: noted for a later phase, shown when it starts, taken up or dropped there."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tettpa_tui.domain import meeting as mt
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.meeting import Outcome, Stage
from tettpa_tui.store.schema import check_record
from tests.unit.test_meeting import METHOD, STAFF, T0, apply, start, to_phase, with_stories


def test_advice_during_the_questions_belongs_to_the_reflection_by_default() -> None:
    s = to_phase(with_stories(start()), "questions")
    assert mt.park_default(s, METHOD) == (0, "reflection")
    s = apply(s, mt.park(s, METHOD, "tobias", "  Prøv å sette ord på følelsen  ", T0))
    [p] = s.parked
    assert (p.author, p.text, p.story, p.phase) == ("tobias", "Prøv å sette ord på følelsen", 0, "reflection")
    assert (p.from_story, p.from_phase, p.from_round, p.status) == (0, "questions", 1, mt.OPEN)


def test_the_facilitator_may_choose_another_later_phase_but_not_an_earlier_one() -> None:
    s = to_phase(with_stories(start()), "affirming")
    assert mt.park_targets(s, METHOD) == [(0, "reflection"), (0, "response"), (-1, mt.CLOSING)]
    s2 = apply(s, mt.park(s, METHOD, "amina", "Det jeg vil si til slutt", T0, target=(0, "response")))
    assert (s2.parked[0].story, s2.parked[0].phase) == (0, "response")
    for target in [(0, "questions"), (0, "affirming"), (1, "reflection"), (0, "nope")]:
        with pytest.raises(DomainError) as exc:
            mt.park(s, METHOD, "amina", "x", T0, target=target)
        assert exc.value.key == "error.park.not_later"


def test_after_the_reflection_a_thought_belongs_to_the_closing_and_the_closing_parks_nothing() -> None:
    s = to_phase(with_stories(start()), "reflection")
    assert mt.park_default(s, METHOD) == (-1, mt.CLOSING)
    s = to_phase(with_stories(start(), tellers=("amina",)), "response")
    s = apply(s, mt.advance(s, METHOD, T0, force=True))
    assert s.stage is Stage.CLOSING
    assert mt.park_targets(s, METHOD) == [] and mt.park_default(s, METHOD) is None
    with pytest.raises(DomainError) as exc:
        mt.park(s, METHOD, "amina", "for sent", T0)
    assert exc.value.key == "error.park.nothing_later"


def test_in_the_opening_a_thought_belongs_to_the_first_story() -> None:
    s = start()
    assert mt.park_default(s, METHOD) == (0, "reflection")
    s = apply(s, mt.park(s, METHOD, "per", "Om målet fra sist", T0))
    assert (s.parked[0].from_phase, s.parked[0].from_story) == ("opening", -1)
    s = to_phase(with_stories(s), "reflection")
    assert [p.text for p in mt.parked_here(s)] == ["Om målet fra sist"]


def test_the_author_is_someone_present_and_the_thought_is_not_empty() -> None:
    s = to_phase(with_stories(start()), "questions")
    for author in ("ole", "ukjent"):  # not present
        with pytest.raises(DomainError) as exc:
            mt.park(s, METHOD, author, "x", T0)
        assert exc.value.key == "error.not_present"
    with pytest.raises(DomainError) as exc:
        mt.park(s, METHOD, "tobias", " \n ", T0)
    assert exc.value.key == "error.park.empty"
    s = apply(s, mt.leave(s, "lene", "gikk", T0))
    with pytest.raises(DomainError):
        mt.park(s, METHOD, "lene", "x", T0)


def test_shown_in_its_phase_taken_up_by_its_author_there_or_dropped() -> None:
    s = to_phase(with_stories(start()), "questions")
    s = apply(s, mt.park(s, METHOD, "tobias", "Råd én", T0))
    s = apply(s, mt.park(s, METHOD, "lene", "Råd to", T0))
    one, two = s.parked
    assert mt.parked_here(s) == []
    with pytest.raises(DomainError) as exc:
        mt.take_up(s, one.seq, T0)  # not its phase yet
    assert exc.value.key == "error.park.not_now"
    s = to_phase(s, "reflection")
    assert [p.seq for p in mt.parked_here(s)] == [one.seq, two.seq]
    s = apply(s, mt.take_up(s, one.seq, T0 + timedelta(minutes=3)))
    s = apply(s, mt.drop(s, two.seq, T0))
    one, two = s.parked
    assert (one.status, one.author, one.settled_round, one.settled_at) == (
        mt.TAKEN, "tobias", 1, T0 + timedelta(minutes=3))
    assert two.status == mt.DROPPED
    assert mt.parked_here(s) == [one, two]  # still shown, with what became of them
    with pytest.raises(DomainError) as exc:
        mt.drop(s, one.seq, T0)
    assert exc.value.key == "error.park.settled"
    with pytest.raises(DomainError) as exc:
        mt.take_up(s, 999, T0)
    assert exc.value.key == "error.park.unknown"
    s = apply(s, mt.advance(s, METHOD, T0, force=True))
    assert mt.parked_here(s) == []  # the next phase has its own


def test_a_parked_thought_counts_as_something_recorded_and_a_finished_meeting_parks_nothing() -> None:
    s = start()
    assert not mt.discard_needs_confirmation(s)
    s = apply(s, mt.park(s, METHOD, "per", "x", T0))
    assert mt.discard_needs_confirmation(s)
    s = to_phase(with_stories(s, tellers=("amina",)), "response")
    s = apply(s, mt.advance(s, METHOD, T0, force=True))
    s = apply(s, mt.finish(s, "", T0, force=True))
    with pytest.raises(DomainError) as exc:
        mt.park(s, METHOD, "per", "x", T0)
    assert exc.value.key == "error.meeting_finished"


def test_the_store_checks_the_new_events() -> None:
    good = {"meeting": "m", "seq": 3, "kind": "park", "at": T0.isoformat(),
            "data": {"author": "a", "text": "t", "story": 0, "phase": "reflection",
                     "from_story": 0, "from_phase": "questions", "from_round": 1}}
    assert check_record("events", good) is None
    assert check_record("events", {**good, "data": {"author": "a", "text": "t", "story": "0", "phase": "x"}}) == "data"
    assert check_record("events", {**good, "data": {"text": "t", "story": 0, "phase": "x"}}) == "data"
    for kind in ("park_taken", "park_dropped"):
        assert check_record("events", {**good, "kind": kind, "data": {"parked_seq": 3, "round": 1}}) is None
        assert check_record("events", {**good, "kind": kind, "data": {}}) == "data"


ACTIONS = st.lists(st.sampled_from(["spoke", "advance", "round", "park", "park_to", "take", "drop", "leave"]),
                   max_size=60)


@settings(max_examples=120, deadline=None)
@given(present=st.lists(st.sampled_from(STAFF), min_size=2, max_size=6, unique=True),
       tellers=st.integers(1, 3), actions=ACTIONS, seed=st.integers(0, 1000))
def test_a_parked_thought_is_never_lost_and_shows_in_exactly_one_phase(present, tellers, actions, seed) -> None:
    rnd = random.Random(seed)
    s = start(present=present, facilitator=present[0])
    chosen = [(f"s{i}", present[i % len(present)]) for i in range(min(tellers, len(present)))]
    stand_in = {sid: present[1] for sid, teller in chosen if teller == present[0]}  # the facilitator's own story
    s = apply(s, mt.choose_stories(s, METHOD, chosen, T0, stand_in))
    shown_in: dict[int, set[tuple[int, str]]] = {}
    parked = 0
    at = T0
    for action in [*actions, *["advance"] * 20]:  # then on to the end: every phase starts
        at += timedelta(seconds=20)
        if s.stage is Stage.STORY or s.stage is Stage.CLOSING:
            for p in mt.parked_here(s):
                shown_in.setdefault(p.seq, set()).add((s.story, s.phase))
        try:
            if action == "spoke" and s.next_speaker:
                s = apply(s, mt.record_turn(s, s.next_speaker, Outcome.SPOKE, at))
            elif action == "advance" and s.stage is Stage.STORY:
                s = apply(s, mt.advance(s, METHOD, at, force=True))
            elif action == "round":
                s = apply(s, mt.add_round(s, METHOD, at))
            elif action in ("park", "park_to"):
                targets = mt.park_targets(s, METHOD)
                target = rnd.choice(targets) if targets and action == "park_to" else None
                author = rnd.choice([p for p in s.meeting.present if p not in s.left])
                s = apply(s, mt.park(s, METHOD, author, f"tanke {parked}", at, target=target))
                parked += 1
            elif action in ("take", "drop") and mt.parked_here(s):
                thought = rnd.choice(mt.parked_here(s))
                s = apply(s, (mt.take_up if action == "take" else mt.drop)(s, thought.seq, at))
            elif action == "leave" and len(s.order) > 1:
                s = apply(s, mt.leave(s, s.order[-1], "gikk", at))
        except DomainError:
            pass  # a refused action changes nothing
    # Never lost: every thought parked is in the replayed state, with its text.
    assert [p.text for p in s.parked] == [f"tanke {i}" for i in range(parked)]
    again = mt.replay(s.meeting, list(reversed(s.events)), METHOD)  # replay orders by seq
    assert again.parked == s.parked
    # Shown in exactly one phase: the one it belongs to.
    for p in s.parked:
        assert shown_in.get(p.seq) == {(p.story, p.phase)}, p
        if p.status != mt.OPEN:
            assert (p.story, p.phase) in shown_in[p.seq]
