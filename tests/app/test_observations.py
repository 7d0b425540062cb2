"""Recording an observation by keyboard, results, development over time, the plan."""

from __future__ import annotations

from datetime import date, datetime

from textual.widgets import Input, Markdown, SelectionList, Static, TextArea

from tests.app.conftest import make_app, screen_text, type_text
from tests.unit.test_observation import TODDLER_1, TODDLER_2
from tettpa_tui.domain.calendar import KindergartenYear, YearMonth
from tettpa_tui.domain.observation import Instrument
from tettpa_tui.screens.observations import (
    ObservationScreen,
    ObservationsScreen,
    PlanScreen,
    chart_line,
)
from tettpa_tui.store import Store
from tettpa_tui.widgets.dialogs import ChoiceDialog, TextPrompt
from tettpa_tui.workspace import Workspace

PATH = "Solsikken/Blåklokka"


async def test_scores_typed_in_the_grid_are_saved_as_entered(store: Store, dept) -> None:
    app = make_app(store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ObservationsScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await pilot.press("enter")  # today's date
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)  # nobody certified: an observer from outside
        await pilot.press("enter")
        await pilot.pause()
        await type_text(pilot, "Olsen")
        await pilot.press("enter")
        await pilot.pause()
        grid = app.screen
        assert isinstance(grid, ObservationScreen)
        await pilot.press(*"54445323")  # cycle 1, all eight Toddler dimensions, top to bottom
        await pilot.press("9")  # refused: not a score
        await pilot.pause()
        (saved,) = store.observations(dept)
        assert saved.cycles[0] == {"positive-climate": 5, "negative-climate": 4, "teacher-sensitivity": 4,
                                   "regard-for-child-perspectives": 4, "behavior-guidance": 5,
                                   "learning-formats": 3, "quality-of-feedback": 2, "language-modeling": 3}
        assert len(saved.cycles) == 1 and saved.external
        text = grid.query_one(Markdown).source
        assert "Sykluser som teller:** 1" in text and "Emosjonell og atferdsmessig støtte: 4,40" in text
        from textual.widgets import DataTable

        grid.query_one(DataTable).move_cursor(row=7, column=1)  # language modelling, cycle 1
        await pilot.press("delete")  # clear it: the cycle no longer counts
        await pilot.pause()
        (saved,) = store.observations(dept)
        assert "language-modeling" not in saved.cycles[0]
        assert "Ingen syklus er ferdig registrert" in grid.query_one(Markdown).source


async def test_development_over_time_for_one_and_for_ten_observations(store: Store, dept) -> None:
    ws = Workspace(store)
    now = datetime(2026, 10, 14, 12)
    ws.record_observation(dept, date(2021, 10, 1), "Olsen", [TODDLER_1, TODDLER_2], now)
    app = make_app(store)
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        chart = str(app.screen.query_one("#chart-text", Static).render())
        assert "10.2021  " + chart_line(4.9, threshold=5.0) + " 4,90" in chart  # a decimal comma in bokmål
        assert "(her er lavt bra)" in chart
    for year in range(2022, 2027):
        for month in (3, 10):
            scaled = {d: min(7, s + (year - 2021) // 2) for d, s in TODDLER_1.items()} | {"negative-climate": 1}
            ws.record_observation(dept, date(year, month, 1), "Olsen", [scaled], now)
    app = make_app(store)
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        chart = str(app.screen.query_one("#chart-text", Static).render())
        lines = [ln for ln in chart.splitlines() if ln.startswith("  ") and not ln.startswith("    ")]
        assert len(lines) == 2 * 11  # two domains, eleven observations each
        assert lines[0].startswith("  10.2021") and "|" in lines[0]  # the threshold mark, without colour


async def test_plan_suggests_focus_is_saved_and_shown_at_the_meeting(store: Store, dept) -> None:
    ws = Workspace(store)
    obs = ws.record_observation(dept, date(2026, 10, 14), "Olsen", [TODDLER_1, TODDLER_2],
                                datetime(2026, 10, 14, 12), Instrument.TODDLER)
    app = make_app(store)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        app.push_screen(PlanScreen(dept, obs))
        await pilot.pause()
        plan_screen = app.screen
        # The lowest scores of their own (not the distance to a domain's threshold).
        assert plan_screen.query_one(SelectionList).selected == [
            "learning-formats", "quality-of-feedback", "language-modeling"]
        await pilot.press("ctrl+s")  # no goal yet
        await pilot.pause()
        assert "minst ett mål" in screen_text(app)
        plan_screen.query_one("#goals", TextArea).text = "Følge barnas initiativ oftere"
        plan_screen.query_one("#review", Input).value = "2027-03-01"
        await pilot.press("f6")  # save, and place the focus first in the year wheel
        await pilot.pause()
    plan = ws.current_plan(dept)
    assert plan.focus == ("learning-formats", "quality-of-feedback", "language-modeling")
    assert plan.review == date(2027, 3, 1)
    wheel = ws.wheel(dept, KindergartenYear(2026))
    assert wheel.month(YearMonth(2026, 12)).dimension_id == "learning-formats"
    assert wheel.month(YearMonth(2027, 1)).dimension_id == "quality-of-feedback"
    assert wheel.month(YearMonth(2027, 2)).dimension_id == "language-modeling"

    app = make_app(store)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        await pilot.press("m", "ctrl+s")
        await pilot.pause()
        shown = app.screen.query_one("#dimension-text", Markdown).source
        assert "Utviklingsplan" in shown and "Følge barnas initiativ oftere" in shown


async def test_written_feedback_export(store: Store, dept, tmp_path) -> None:
    ws = Workspace(store)
    obs = ws.record_observation(dept, date(2026, 10, 14), "<script>Olsen</script>", [TODDLER_1],
                                datetime(2026, 10, 14, 12))
    app = make_app(store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        app.push_screen(ObservationScreen(dept, obs))
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("down", "enter")  # HTML
        await pilot.pause()
        app.screen.query_one(Input).value = str(tmp_path / "tilbakemelding.html")
        await pilot.press("enter")
        await pilot.pause()
    page = (tmp_path / "tilbakemelding.html").read_text(encoding="utf-8")
    assert "Emosjonell og atferdsmessig støtte" in page and "<table>" in page
    assert "<script>" not in page and "&lt;script&gt;Olsen" in page


def test_results_say_not_above_at_the_threshold_and_mark_the_toddler_thresholds_as_assumed(store: Store, dept) -> None:
    from tettpa_tui.screens.observations import results_markdown

    ws = Workspace(store)
    cycle = {**TODDLER_1, "learning-formats": 3, "quality-of-feedback": 3, "language-modeling": 3}
    obs = ws.record_observation(dept, date(2026, 10, 14), "Olsen", [cycle], datetime(2026, 10, 14, 12),
                                Instrument.TODDLER)
    text = results_markdown(ws, dept, obs)
    engaged = text.split("## Engasjert støtte til læring")[1]
    assert engaged.startswith(": 3,00")
    assert "Akkurat på terskelen 3, ikke over" in engaged and "Under terskelen" not in engaged
    assert text.count("appens antakelse") == 2  # both Toddler domains
