"""The demo kindergarten is faithful: each story its own talk, stories fit the age group."""

from tests.conftest import TODAY
from tettpa_tui.services.demo import create_demo
from tettpa_tui.domain.records import AgeGroup
from tettpa_tui.store import Store
from tettpa_tui.workspace import Workspace


def test_each_story_of_last_months_meeting_has_its_own_talk_and_the_summary_fits(store: Store) -> None:
    create_demo(store, TODAY)
    ws = Workspace(store)
    for dept in store.list_departments():
        meeting = next(m for m in store.meetings(dept) if m.status == "finished")
        state = ws.meeting_state(dept, meeting)
        assert len(state.stories) == 2
        by_story = [{tr.final_note for tr in state.turns if tr.story == i and tr.final_note} for i in range(2)]
        assert by_story[0] and by_story[1] and not by_story[0] & by_story[1], dept.name
        assert state.stories[0].goal != state.stories[1].goal
        assert state.stories[0].useful != state.stories[1].useful
        assert meeting.dimension_id == "negative-climate"  # November, in both instruments' wheels
        assert "irriterte" in state.summary


def test_demo_stories_fit_each_departments_age_group(store: Store) -> None:
    create_demo(store, TODAY)
    for dept in store.list_departments():
        texts = [s.text for s in store.stories(dept)]
        two_year_old = any("fylt to" in text for text in texts)
        assert two_year_old == (dept.age_group is AgeGroup.TODDLER) or dept.age_group is AgeGroup.MIXED, dept.name
        if dept.age_group is AgeGroup.PRESCHOOL:
            assert not two_year_old and any("femåringene" in text for text in texts)
