"""A department's CLASS instrument: its year wheel, its dimensions, its names."""

from datetime import date

import pytest

from tettpa_tui import content
from tettpa_tui.domain.calendar import KindergartenYear, MeetingRule, YearMonth, YearWheel
from tettpa_tui.domain.classframework import Instrument
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import AgeGroup, Role, new_department

FW = content.framework()
TODDLER_IDS = ("positive-climate", "negative-climate", "teacher-sensitivity", "regard-for-child-perspectives",
               "behavior-guidance", "learning-formats", "quality-of-feedback", "language-modeling")


def dept(group: AgeGroup, instrument: Instrument | None = None):
    return new_department("Solsikken", "Blåklokka", group, [("Ingrid", Role.LEADER)], instrument=instrument)


def test_each_age_group_has_its_instrument_and_only_a_mixed_one_chooses() -> None:
    assert dept(AgeGroup.TODDLER).instrument is Instrument.TODDLER
    assert dept(AgeGroup.PRESCHOOL).instrument is Instrument.PRE_K
    assert dept(AgeGroup.MIXED).instrument is Instrument.PRE_K  # Pre-K until chosen
    mixed = dept(AgeGroup.MIXED, Instrument.TODDLER)
    assert mixed.instrument is Instrument.TODDLER
    assert mixed.with_instrument(Instrument.PRE_K).instrument is Instrument.PRE_K
    with pytest.raises(DomainError) as err:
        dept(AgeGroup.TODDLER).with_instrument(Instrument.PRE_K)
    assert err.value.key == "error.instrument_fixed"
    # Choosing what the age group already gives is no change, not an error.
    assert dept(AgeGroup.PRESCHOOL).with_instrument(Instrument.PRE_K).instrument is Instrument.PRE_K


def test_toddler_has_eight_dimensions_in_two_domains_pre_k_ten_in_three() -> None:
    toddler = FW.for_instrument(Instrument.TODDLER)
    assert FW.instrument_ids(Instrument.TODDLER) == TODDLER_IDS
    assert [d.id for d in toddler.offered] == list(TODDLER_IDS)
    assert len(toddler.instrument_domains()) == 2
    pre_k = FW.for_instrument(Instrument.PRE_K)
    assert len(pre_k.offered) == 10 and len(pre_k.instrument_domains()) == 3
    assert not toddler.in_instrument("productivity") and not toddler.in_instrument("concept-development")
    # A stored story or meeting may name any dimension: lookup still works.
    assert toddler.dimension("productivity").name("nb") == "Produktivitet"


def test_each_instrument_has_its_own_english_names() -> None:
    pre_k = FW.for_instrument(Instrument.PRE_K)
    toddler = FW.for_instrument(Instrument.TODDLER)
    assert pre_k.dimension("behavior-guidance").name("en") == "Behavior Management"
    assert pre_k.dimension("learning-formats").name("en") == "Instructional Learning Formats"
    assert toddler.dimension("behavior-guidance").name("en") == "Behavior Guidance"
    assert toddler.dimension("learning-formats").name("en") == "Facilitation of Learning and Development"
    # The Norwegian names are the programme's, the same for both.
    assert pre_k.dimension("learning-formats").name("nb") == toddler.dimension("learning-formats").name("nb")
    # The whole framework (no department) uses the Pre-K names.
    assert FW.dimension("behavior-guidance").name("en") == "Behavior Management"


def test_the_default_wheel_follows_the_instrument() -> None:
    for instrument in Instrument:
        plan = content.default_plan(instrument)
        assert sorted(plan) == [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12]
        assert set(plan.values()) == set(FW.instrument_ids(instrument))
    assert "productivity" not in content.default_plan(Instrument.TODDLER).values()
    assert "concept-development" not in content.default_plan(Instrument.TODDLER).values()


def test_a_month_outside_the_instrument_is_kept_and_flagged() -> None:
    allowed = frozenset(FW.instrument_ids(Instrument.TODDLER))
    wheel = YearWheel(KindergartenYear(2026), content.default_plan(Instrument.TODDLER), MeetingRule(),
                      allowed=allowed)
    assert not any(m.outside_instrument for m in wheel.months)
    jan = YearMonth(2027, 1)
    wheel = wheel.with_month(jan, "productivity")
    assert wheel.month(jan).dimension_id == "productivity"  # a plan set by hand is kept
    assert wheel.month(jan).outside_instrument
    assert [m.month for m in wheel.months if m.outside_instrument] == [jan]
    # Without an instrument nothing is flagged.
    plain = YearWheel(KindergartenYear(2026), content.default_plan(), MeetingRule()).with_month(jan, "productivity")
    assert not plain.month(jan).outside_instrument


def test_default_wheel_dates_are_unchanged_by_the_instrument() -> None:
    wheel = YearWheel(KindergartenYear(2026), content.default_plan(Instrument.TODDLER), MeetingRule())
    assert wheel.month(YearMonth(2026, 9)).meeting_date == date(2026, 9, 1)


def test_the_english_name_of_regard_follows_the_instrument() -> None:
    from tettpa_tui import content
    from tettpa_tui.domain.observation import Instrument

    fw = content.framework()
    names = {inst: {d.id: d.name("en") for d in fw.for_instrument(inst).dimensions} for inst in Instrument}
    assert names[Instrument.PRE_K]["regard-for-child-perspectives"] == "Regard for Student Perspectives"
    assert names[Instrument.TODDLER]["regard-for-child-perspectives"] == "Regard for Child Perspectives"
