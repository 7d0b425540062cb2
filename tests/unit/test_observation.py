"""CLASS scoring against worked examples; bands, thresholds, the plan's suggestion."""

from datetime import date, datetime

import pytest

from tettpa_tui import content
from tettpa_tui.domain import observation as ob
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.observation import Instrument
from tettpa_tui.domain.records import AgeGroup, instrument_for

FW = content.framework()
RULES = content.observation_rules()
NOW = datetime(2026, 10, 14, 12)

TODDLER_1 = {"positive-climate": 5, "negative-climate": 2, "teacher-sensitivity": 4,
             "regard-for-child-perspectives": 4, "behavior-guidance": 5, "learning-formats": 3,
             "quality-of-feedback": 2, "language-modeling": 3}
TODDLER_2 = {"positive-climate": 6, "negative-climate": 1, "teacher-sensitivity": 5,
             "regard-for-child-perspectives": 3, "behavior-guidance": 4, "learning-formats": 3,
             "quality-of-feedback": 3, "language-modeling": 2}


def observed(instrument: Instrument, *cycles: dict) -> ob.Observation:
    obs = ob.new_observation(date(2026, 10, 14), "Olsen", instrument, NOW)
    for i, cycle in enumerate(cycles):
        for dim, score in cycle.items():
            obs = ob.set_score(obs, FW, i, dim, score)
    return obs


def test_toddler_worked_example_with_negative_climate_reversed() -> None:
    res = ob.results(observed(Instrument.TODDLER, TODDLER_1, TODDLER_2), FW, RULES)
    assert res.complete == 2
    assert res.dimensions["positive-climate"] == 5.5
    assert res.dimensions["negative-climate"] == 1.5  # shown as scored
    # Emotional and behavioural support: (5.5 + (8 - 1.5) + 4.5 + 3.5 + 4.5) / 5
    assert res.domains["emotional-behavioral-support"] == 4.9
    assert res.domains["engaged-support-for-learning"] == pytest.approx(2.67, abs=0.01)
    assert set(res.domains) == {"emotional-behavioral-support", "engaged-support-for-learning"}


def test_pre_k_has_ten_dimensions_in_three_domains() -> None:
    cycle = {d: 4 for d in ob.dimensions_of(FW, Instrument.PRE_K)} | {"negative-climate": 2}
    res = ob.results(observed(Instrument.PRE_K, cycle, cycle, cycle), FW, RULES)
    assert len(res.dimensions) == 10 and res.complete == 3
    assert res.domains == {"emotional-support": 4.5, "classroom-organization": 4.0, "instructional-support": 4.0}
    assert instrument_for(AgeGroup.TODDLER) is Instrument.TODDLER
    assert instrument_for(AgeGroup.MIXED) is Instrument.PRE_K


def test_a_cycle_with_a_missing_score_does_not_count() -> None:
    partial = dict(TODDLER_2)
    del partial["language-modeling"]
    obs = observed(Instrument.TODDLER, TODDLER_1, partial)
    res = ob.results(obs, FW, RULES)
    assert res.complete == 1 and res.dimensions["positive-climate"] == 5
    assert ob.missing(obs, FW) == [(1, "language-modeling")]
    assert ob.results(observed(Instrument.TODDLER, partial), FW, RULES).domains == {}


@pytest.mark.parametrize("bad", [0, 8, -1, 4.5, "4.5", "fire", "", True, None])
def test_only_whole_numbers_one_to_seven(bad) -> None:
    with pytest.raises(DomainError):
        ob.parse_score(bad)


def test_scores_only_for_the_instruments_dimensions() -> None:
    obs = ob.new_observation(date(2026, 10, 14), "Olsen", Instrument.TODDLER, NOW)
    with pytest.raises(DomainError):
        ob.set_score(obs, FW, 0, "productivity", 4)  # not in the Toddler instrument
    with pytest.raises(DomainError):
        ob.new_observation(date(2026, 10, 14), "  ", Instrument.TODDLER, NOW)


def test_bands_and_clearing_a_score() -> None:
    assert [ob.band(x, RULES) for x in (1, 2, 2.49, 2.5, 5.49, 5.5, 7)] == \
        ["low", "low", "low", "middle", "middle", "high", "high"]
    obs = observed(Instrument.TODDLER, TODDLER_1)
    obs = ob.set_score(obs, FW, 0, "positive-climate", None)
    assert "positive-climate" not in obs.cycles[0]


def test_focus_suggestion_ranks_dimensions_by_their_own_scores() -> None:
    obs = observed(Instrument.TODDLER, TODDLER_1, TODDLER_2)
    # Means: QF 2.5, LM 2.5, LF 3, RCP 3.5, TS 4.5, BG 4.5, PC 5.5, NC 1.5 (counts as 6.5).
    # Domain thresholds are not applied to single dimensions (RCP, 1.5 below the
    # emotional domain's 5, used to come first).
    assert ob.suggest_focus(obs, FW, RULES) == ["language-modeling", "quality-of-feedback", "learning-formats"]
    high = {d: 7 for d in TODDLER_1} | {"negative-climate": 1}
    assert ob.suggest_focus(observed(Instrument.TODDLER, high), FW, RULES) == []
    # Much negativity (a high Negative Climate score) is a low score as it counts.
    harsh = {d: 5 for d in TODDLER_1} | {"negative-climate": 7}
    assert ob.suggest_focus(observed(Instrument.TODDLER, harsh), FW, RULES)[0] == "negative-climate"


def test_a_domain_exactly_at_its_threshold_is_not_above_it() -> None:
    assert ob.threshold_verdict(5.0, 5.0) == "at" and not ob.above_threshold(5.0, 5.0)
    assert ob.threshold_verdict(5.01, 5.0) == "above"
    assert ob.threshold_verdict(4.99, 5.0) == "below"
    assert ob.threshold_verdict(3.0, 3.0) == "at"


def test_the_toddler_thresholds_are_marked_as_the_apps_assumption() -> None:
    assert RULES.assumed == {"emotional-behavioral-support", "engaged-support-for-learning"}
    assert not RULES.assumed & {"emotional-support", "classroom-organization", "instructional-support"}


def test_plan_needs_one_to_three_focus_and_a_goal() -> None:
    with pytest.raises(DomainError):
        ob.new_plan("o", [], "mål", "", date(2027, 3, 1), NOW)
    with pytest.raises(DomainError):
        ob.new_plan("o", ["a", "b", "c", "d"], "mål", "", date(2027, 3, 1), NOW)
    with pytest.raises(DomainError):
        ob.new_plan("o", ["a"], "  ", "", date(2027, 3, 1), NOW)
    assert ob.new_plan("o", ["a"], "Mål", "Tiltak", date(2027, 3, 1), NOW).focus == ("a",)


def test_plan_review_before_the_next_observation() -> None:
    assert ob.default_review(date(2026, 10, 14)) == date(2027, 3, 1)
    assert ob.default_review(date(2027, 3, 20)) == date(2027, 10, 1)


def test_a_domain_mean_comes_from_the_scores_not_from_rounded_dimension_means() -> None:
    # Engaged support: dimensions scored 2,2,3 / 2,3,2 / 3,3,4 over three cycles have the means
    # 7/3, 8/3 and 9/3; the domain's mean is 8/3 = 2,67, where rounded means gave 2,66.
    scores = {"learning-formats": (2, 2, 3), "quality-of-feedback": (2, 3, 2), "language-modeling": (3, 3, 4)}
    rest = {d: 4 for d in TODDLER_1 if d not in scores}
    cycles = [{**rest, **{d: s[i] for d, s in scores.items()}} for i in range(3)]
    res = ob.results(observed(Instrument.TODDLER, *cycles), FW, RULES)
    assert res.domains["engaged-support-for-learning"] == pytest.approx(8 / 3)
    assert f"{res.domains['engaged-support-for-learning']:.2f}" == "2.67"


def test_one_threshold_rule_everywhere() -> None:
    from tettpa_tui.domain import rollup

    thresholds = {"emotional-support": 5.0}
    assert ob.above_threshold(5.0, 5.0) is False
    assert rollup.above(5.0, "emotional-support", thresholds) is False  # exactly at it: not above
    assert rollup.above(5.01, "emotional-support", thresholds) is True
    assert rollup.above(5.0, "instructional-support", thresholds) is None
    from dataclasses import fields

    def row(value: float) -> rollup.KindergartenRow:
        base = {f.name: None for f in fields(rollup.KindergartenRow)}
        return rollup.KindergartenRow(**{**base, "domains": {"2026-h": {"emotional-support": value}}})

    summary = rollup.domain_summary([row(5.0), row(5.2), row(4.0)], thresholds)
    mean, above, observed_ = summary["2026-h"]["emotional-support"]
    assert (above, observed_) == (1, 3)  # 5,0 is at the threshold, not above it
    assert mean == pytest.approx(14.2 / 3)
