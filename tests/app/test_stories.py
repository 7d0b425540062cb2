"""Writing, checking and handing in practice stories; the leader's overview."""

from __future__ import annotations

from datetime import datetime

import pytest
from textual import events
from textual.widgets import DataTable

from tests.app.conftest import make_app, screen_text, type_text
from tests.conftest import TODAY, SimulatedClock
from tettpa_tui.widgets import autosave
from tettpa_tui.services.demo import create_demo
from tettpa_tui.domain import stories as st
from tettpa_tui.domain.calendar import YearMonth
from tettpa_tui.domain.stories import StoryStatus
from tettpa_tui.screens.home import HomeScreen
from tettpa_tui.screens.stories import StoriesOverviewScreen
from tettpa_tui.screens.story_reader import StoryReadScreen
from tettpa_tui.screens.writer import StoryWriterScreen
from tettpa_tui.store import Store
from tettpa_tui.widgets.check_dialog import CheckDialog
from tettpa_tui.widgets.dialogs import ChoiceDialog, ConfirmDialog
from tettpa_tui.widgets.story_editor import StoryEditor

GOOD = ("Jeg satt på gulvet med jenta i garderoben. Hun gråt fordi votten var borte. Jeg sa at "
        "vi kunne lete sammen, og hun tok hånden min. Vi fant votten under benken, og hun lo. "
        "Jeg tenkte etterpå på hvor lite som skulle til for at hun kjente seg sett og trygg.")


@pytest.fixture(autouse=True)
def instant_autosave(monkeypatch: pytest.MonkeyPatch) -> None:
    # Save on the next tick instead of after a pause, so tests need no waiting.
    monkeypatch.setattr(StoryWriterScreen, "AUTOSAVE_SECONDS", 0)


def only_story(store: Store, dept, author: str) -> st.Story:
    member = store.department(dept.path).find_member(author)
    (story,) = [s for s in store.stories(dept) if s.author_id == member.id]
    return story


async def open_writer(pilot, who_index: int = 1) -> StoryWriterScreen:
    await pilot.press("s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ChoiceDialog)
    await pilot.press(*(["down"] * who_index), "enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, StoryWriterScreen)
    return screen


async def test_writing_saves_as_you_type_and_comes_back(store: Store, dept) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        writer = await open_writer(pilot)  # Per Hansen
        text = screen_text(app)
        assert "Praksisfortelling av Per Hansen" in text
        assert "Til møtet tirsdag 1. desember 2026" in text and "Veiledning og reguleringsstøtte" in text
        await type_text(pilot, "Jeg satt med jenta")
        await pilot.pause()
        await pilot.pause()
        saved = only_story(store, dept, "Per Hansen")
        assert saved.text == "Jeg satt med jenta"  # on disk already, before leaving
        assert (saved.status, saved.month, saved.dimension_id) == (
            StoryStatus.DRAFT, YearMonth(2026, 12), "behavior-guidance")
        assert "4 ord" in screen_text(app)
        await type_text(pilot, " i garderoben")
        await pilot.press("ctrl+q")  # closed mid-story: the last words are saved on the way out
    assert only_story(store, dept, "Per Hansen").text == "Jeg satt med jenta i garderoben"

    again = make_app(store)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        writer = await open_writer(pilot)
        assert writer.query_one(StoryEditor).text == "Jeg satt med jenta i garderoben"


async def test_privacy_check_and_one_step_replacement_then_hand_in(store: Store, dept) -> None:
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        writer = await open_writer(pilot)
        writer.query_one(StoryEditor).text = GOOD + " Etterpå kom Sofie. Jeg ga Sofie en klem, og Sofies bror lo."
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CheckDialog)
        assert "«Sofie» ser ut som et navn" in screen_text(app)
        # «barnet» / «jenta» / «gutten» first; the initial (which can identify a child) last.
        from textual.widgets import Button

        labels = [str(b.label).strip() for b in dialog.query(Button) if (b.id or "").startswith("rep-0-")]
        assert labels == ["barnet", "jenta", "gutten", "S."]
        await pilot.click("#rep-0-2")  # "jenta"
        await pilot.pause()
        editor = writer.query_one(StoryEditor)
        assert "Etterpå kom jenta. Jeg ga jenta en klem, og jentas bror lo." in editor.text
        assert "Sofie" not in only_story(store, dept, "Per Hansen").text
        # Nothing left to point at: the writer reads the changed text once more before handing in.
        assert app.screen is writer
        assert only_story(store, dept, "Per Hansen").status is StoryStatus.DRAFT
        assert "Etterpå kom jenta." in screen_text(app)
        assert any("Ctrl+L" in note.message for note in app._notifications)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert only_story(store, dept, "Per Hansen").status is StoryStatus.SUBMITTED
        assert "Levert" in screen_text(app)


async def test_the_replacement_that_fits_the_storys_pronouns_comes_first(store: Store, dept) -> None:
    """Issue 26: «barnet» for a girl leaves «hun» and «henne» pointing to nobody."""
    from textual.widgets import Button

    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        writer = await open_writer(pilot)
        writer.query_one(StoryEditor).text = GOOD + " Etterpå kom Nora. Hun viste meg tegningen, og jeg sa til henne at den var fin."
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CheckDialog)
        assert "Teksten sier «hun / henne» om barnet: «jenta» passer best." in screen_text(app)
        labels = [str(b.label).strip() for b in dialog.query(Button) if (b.id or "").startswith("rep-0-")]
        assert labels == ["jenta", "barnet", "gutten", "N."]
        await pilot.click("#rep-0-1")
        await pilot.pause()
        assert "Etterpå kom jenta. Hun viste meg tegningen" in writer.query_one(StoryEditor).text


async def test_two_children_in_the_same_sentences_point_at_the_pronouns(store: Store, dept) -> None:
    from textual.widgets import Button

    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        writer = await open_writer(pilot)
        writer.query_one(StoryEditor).text = GOOD + " Etterpå kranglet Emil og jenta. Han ville ha spaden, og hun ville ikke gi den."
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        dialog = app.screen
        assert "Både «han» og «hun» står nær navnet: les «han / hun» igjen etter byttet." in screen_text(app)
        labels = [str(b.label).strip() for b in dialog.query(Button) if (b.id or "").startswith("rep-0-")]
        assert labels == ["barnet", "jenta", "gutten", "E."]


async def test_hand_in_anyway_or_go_fix(store: Store, dept) -> None:
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        writer = await open_writer(pilot)
        writer.query_one(StoryEditor).text = "Hun lekte med Jonas."
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, CheckDialog)
        text = screen_text(app)
        assert "ikke skrevet i jeg-form" in text and "kort" in text and "«Jonas»" in text
        await pilot.press("escape")  # "Rett opp": back, with the name selected
        await pilot.pause()
        assert app.screen is writer
        assert writer.query_one(StoryEditor).selected_text == "Jonas"
        assert only_story(store, dept, "Per Hansen").status is StoryStatus.DRAFT
        await pilot.press("ctrl+l")
        await pilot.pause()
        await pilot.click("#submit")
        await pilot.pause()
        assert only_story(store, dept, "Per Hansen").status is StoryStatus.SUBMITTED


async def test_empty_story_cannot_be_handed_in(store: Store, dept) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        writer = await open_writer(pilot)
        await type_text(pilot, "   ")
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert app.screen is writer
        assert only_story(store, dept, "Per Hansen").status is StoryStatus.DRAFT


async def test_edit_and_withdraw_until_the_meeting(store: Store, dept) -> None:
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        writer = await open_writer(pilot)
        writer.query_one(StoryEditor).text = GOOD
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert only_story(store, dept, "Per Hansen").status is StoryStatus.SUBMITTED
        editor = writer.query_one(StoryEditor)
        editor.move_cursor(editor.document.end)
        await type_text(pilot, " Glemt.")  # a handed-in story is read only: typing changes nothing ...
        await pilot.pause()
        assert writer.flush()
        handed_in = only_story(store, dept, "Per Hansen")
        assert handed_in.text == GOOD and handed_in.revised_at is None
        await pilot.press("ctrl+e")  # ... until the writer chooses to change it, and confirms
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and "lederen ser" in screen_text(app).lower()
        await pilot.press("enter")
        await pilot.pause()
        editor.move_cursor(editor.document.end)
        await type_text(pilot, " Slutt.")  # editing a handed-in story keeps it handed in, marked
        await pilot.pause()
        assert writer.flush()
        story = only_story(store, dept, "Per Hansen")
        assert story.text.endswith(" Slutt.") and story.status is StoryStatus.SUBMITTED
        assert story.submitted_at == handed_in.submitted_at and story.revised_at is not None
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")
        await pilot.pause()
        story = only_story(store, dept, "Per Hansen")
        assert story.status is StoryStatus.DRAFT and story.text.endswith(" Slutt.")


async def test_story_taken_up_in_a_meeting_is_locked(store: Store, dept) -> None:
    from tettpa_tui.workspace import Workspace

    ws = Workspace(store)
    per = dept.find_member("Per Hansen")
    now = datetime(2026, 11, 2, 9)
    old = ws.hand_in_new(dept, per, now, GOOD, YearMonth(2026, 11))
    store.change_story(dept, old.month, old.id, lambda s: st.mark_used(s, "m1", now))
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        writer = await open_writer(pilot)  # a new draft for December
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert "november 2026" in screen_text(app) and "tatt opp" in screen_text(app)
        await pilot.press("down", "enter")  # the November story
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, StoryReadScreen)
        assert reader.query_one(StoryEditor).read_only
        await pilot.press("escape")
        assert app.screen is writer


async def test_choose_another_dimension(store: Store, dept) -> None:
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await open_writer(pilot)
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("end", "enter")  # the last one: Språkstøtte
        await pilot.pause()
        assert "Språkstøtte" in screen_text(app) and "valgt selv" in screen_text(app)
    assert only_story(store, dept, "Per Hansen").dimension_id == "language-modeling"


HOSTILE = ("Jeg sa [bold]hei[/] og [@click=app.quit]x[/] og \x1b[31mrødt\x1b[0m\x07 🌼 שלום עולם\tslutt "
           + "lang" * 300)


async def test_hostile_text_is_shown_literally_everywhere(store: Store, dept) -> None:
    from tettpa_tui.workspace import Workspace

    ws = Workspace(store)
    # Handed in before the hand-in date (28 November): the preview has the room a late mark would take.
    ws.hand_in_new(dept, dept.find_member("Per Hansen"), datetime(2026, 11, 27, 8), HOSTILE)
    app = make_app(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, StoriesOverviewScreen)
        text = screen_text(app)
        assert "[bold]hei[/] og [@click=app.quit]x[/] og ␛" in text
        assert "\x1b" not in text
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=0)
        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, StoryReadScreen)
        shown = reader.query_one(StoryEditor).text
        assert "[@click=app.quit]x[/]" in shown and "␛[31mrødt" in shown and "שלום עולם" in shown
        await pilot.click("#text", offset=(20, 1))
        await pilot.pause()
        assert app.is_running
    stored = store.stories(dept)[0].text
    assert stored == HOSTILE  # stored exactly as handed in


async def test_a_huge_paste_is_refused_and_the_screen_stays_usable(store: Store, dept) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        writer = await open_writer(pilot)
        await type_text(pilot, "Jeg")
        editor = writer.query_one(StoryEditor)
        editor.post_message(events.Paste("x" * 1_000_000))
        await pilot.pause()
        assert editor.text == "Jeg"
        editor.post_message(events.Paste(" limte \x1b[2J inn"))
        await pilot.pause()
        assert editor.text == "Jeg limte ␛[2J inn"
        await pilot.pause()
    assert only_story(store, dept, "Per Hansen").text == "Jeg limte ␛[2J inn"


async def test_a_bracketed_paste_inserts_the_text_once(store: Store, dept) -> None:
    # As the terminal sends it: the app receives a Paste and forwards it to the focused editor.
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        writer = await open_writer(pilot)
        editor = writer.query_one(StoryEditor)
        assert app.focused is editor
        app.post_message(events.Paste("Jeg limte inn denne setningen."))
        await pilot.pause()
        assert editor.text == "Jeg limte inn denne setningen."
        assert screen_text(app).count("Jeg limte inn denne setningen.") == 1
        app.post_message(events.Paste(" Så \x1b[2Jen til."))
        await pilot.pause()
        assert editor.text == "Jeg limte inn denne setningen. Så ␛[2Jen til."
        app.post_message(events.Paste("x" * 60_000))
        await pilot.pause()
        assert editor.text == "Jeg limte inn denne setningen. Så ␛[2Jen til."
        assert any("50000" in note.message for note in app._notifications)
        await pilot.pause()
    assert only_story(store, dept, "Per Hansen").text == "Jeg limte inn denne setningen. Så ␛[2Jen til."


async def test_leader_overview_reading_and_paper_entry(store: Store) -> None:
    create_demo(store, TODAY)
    app = make_app(store, demo=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert "levert: 3 av 5" in screen_text(app)
        await pilot.press("f")
        await pilot.pause()
        overview = app.screen
        assert isinstance(overview, StoriesOverviewScreen)
        text = screen_text(app)
        assert "Levert: 3 av 5" in text and "Utkast: 1" in text and "Ingenting ennå: 1" in text
        assert "Lene Dahl" in text and "ingenting ennå" in text
        await pilot.press("enter")  # the first handed-in story
        await pilot.pause()
        assert isinstance(app.screen, StoryReadScreen)
        assert "Praksisfortelling av Ingrid Solberg" in screen_text(app)
        await pilot.press("escape")
        table = overview.query_one(DataTable)
        table.move_cursor(row=3)  # Per Kristiansen's draft
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is overview  # drafts are private until handed in
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("end", "enter")  # Lene Dahl handed in on paper
        await pilot.pause()
        writer = app.screen
        assert isinstance(writer, StoryWriterScreen)
        assert "skrevet inn av Ingrid Solberg" in screen_text(app)
        writer.query_one(StoryEditor).text = GOOD
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is overview
        text = screen_text(app)
        assert "Levert: 4 av 5" in text and "(papir)" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "levert: 4 av 5" in screen_text(app)
    dept = store.department("Solsikken barnehage/Blåklokka")
    lene = dept.find_member("Lene Dahl")
    (paper,) = [s for s in store.stories(dept) if s.author_id == lene.id]
    assert paper.entered_by == dept.find_member("Ingrid Solberg").id
    assert paper.status is StoryStatus.SUBMITTED


# As terminals send a paste's line breaks: CR (xterm, GNOME Terminal, tmux), CR LF (Windows Terminal).
PASTED = "Første avsnitt fra Word.\rAndre avsnitt.\r\rTredje, fra telefonen.\r\nFjerde \x1b[2J."


async def test_a_pasted_story_keeps_its_line_breaks(store: Store, dept) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        writer = await open_writer(pilot)
        app.post_message(events.Paste(PASTED))
        await pilot.pause()
        kept = "Første avsnitt fra Word.\nAndre avsnitt.\n\nTredje, fra telefonen.\nFjerde ␛[2J."
        assert writer.query_one(StoryEditor).text == kept
        text = screen_text(app)
        assert "␍" not in text and "Første avsnitt fra Word." in text and "Tredje, fra telefonen." in text
        await pilot.pause()
        assert only_story(store, dept, "Per Hansen").text == kept
        await pilot.press("ctrl+l")  # handed in, then read by the leader: the same paragraphs
        await pilot.pause()
    assert "␍" not in only_story(store, dept, "Per Hansen").text


async def test_a_story_stored_with_cr_symbols_reads_with_line_breaks(store: Store, dept) -> None:
    from tettpa_tui.workspace import Workspace

    ws = Workspace(store)  # as a paste was stored before: ␍ where each line break was
    ws.hand_in_new(dept, dept.find_member("Per Hansen"), datetime(2026, 11, 30, 8), "Første.␍Andre.␍␍Tredje.")
    app = make_app(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        app.screen.query_one(DataTable).move_cursor(row=0)
        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, StoryReadScreen)
        assert reader.query_one(StoryEditor).text == "Første.\nAndre.\n\nTredje."
        assert "␍" not in screen_text(app)


async def test_steady_typing_is_on_disk_within_a_second_without_a_pause(store: Store, dept, monkeypatch) -> None:
    # A colleague who types a word every half second for ten seconds and never pauses: at each
    # moment, what was typed a second ago is on disk (as if the terminal died then).
    monkeypatch.setattr(StoryWriterScreen, "AUTOSAVE_SECONDS", 1.0)
    clock = SimulatedClock()
    monkeypatch.setattr(autosave, "clock_for", lambda widget: clock)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await open_writer(pilot)
        typed_at: list[tuple[float, str]] = []
        typed = ""
        for i in range(20):
            for ch in f"ord{i} ":  # a key every tenth of a second
                await pilot.press("space" if ch == " " else ch)
                await pilot.pause()
                typed += ch
                typed_at.append((clock.now(), typed))
                clock.advance(0.1)
                second_ago = [text for at, text in typed_at if at <= clock.now() - 1.0 + 1e-9]
                if second_ago:
                    on_disk = only_story(store, dept, "Per Hansen").text
                    assert on_disk.startswith(second_ago[-1].rstrip()), (clock.now(), on_disk)
        assert only_story(store, dept, "Per Hansen").words >= 18  # of 20, before leaving the screen


async def test_the_leader_sees_a_story_changed_after_it_was_handed_in(store: Store, dept) -> None:
    from tettpa_tui.workspace import Workspace

    ws = Workspace(store)
    per = dept.find_member("Per Hansen")
    story = ws.hand_in_new(dept, per, datetime(2026, 11, 28, 9), GOOD)
    ws.save_text(dept, story, GOOD + " Endret.", datetime(2026, 11, 29, 14, 5), change_handed_in=True)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, StoriesOverviewScreen)
        assert "endret etter levering 29.11 14:05" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StoryReadScreen)
        assert "endret etter levering 29.11 14:05" in screen_text(app)


@pytest.mark.parametrize("lang", ["nb", "en"])
async def test_the_stories_overview_fits_80_columns_with_every_mark(tmp_path, lang: str) -> None:
    """A late story about another dimension, and one not taken up: the table still fits 80
    columns (no sideways scrolling), every mark on its own line in its cell."""
    from datetime import date

    from tettpa_tui.i18n import set_language
    from tettpa_tui.workspace import Workspace

    set_language(lang)
    try:
        store = Store(tmp_path / "data")
        create_demo(store, TODAY)
        ws = Workspace(store)
        dept = store.department("Solsikken barnehage/Blåklokka")
        lene = dept.find_member("Lene Dahl")
        ws.hand_in_new(dept, lene, datetime(2026, 12, 1, 8, 0), "Jeg satt med to barn i sandkassen.",
                       YearMonth(2026, 12), "regard-for-child-perspectives")
        app = make_app(store, today=date(2026, 12, 1))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("f")
            await pilot.pause()
            assert isinstance(app.screen, StoriesOverviewScreen)
            table = app.screen.query_one(DataTable)
            shown = [str(c) for r in range(table.row_count) for c in table.get_row_at(r)]
            assert any(("etter fristen" if lang == "nb" else "after the date") in c for c in shown)
            assert any(c.startswith("≠ ") for c in shown)
            assert table.max_scroll_x == 0, (table.virtual_size.width, table.size.width)
    finally:
        set_language("nb")


async def test_a_new_blank_story_after_handing_in_says_the_handed_in_one_is_kept(store: Store, dept) -> None:
    """Opening the writer for someone who has handed in for the meeting gives a new, empty
    story: the app says so once, so a blank page is not taken for a lost story."""
    from tettpa_tui.workspace import Workspace

    ws = Workspace(store)
    per = dept.find_member("Per Hansen")
    ws.hand_in_new(dept, per, datetime(2026, 11, 28, 9, 0), "Jeg satt med jenta i garderoben og ventet.")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        writer = await open_writer(pilot)  # Per Hansen
        await pilot.pause()
        assert writer.query_one(StoryEditor).text == ""
        said = [n.message for n in app._notifications]
        assert any("Per Hansen har allerede levert" in m and "tirsdag 1. desember 2026" in m for m in said), said
    nothing_yet = make_app(store)
    async with nothing_yet.run_test(size=(80, 24)) as pilot:  # someone who has not handed in: no such line
        await pilot.pause()
        await open_writer(pilot, who_index=0)
        await pilot.pause()
        assert not any("allerede levert" in n.message for n in nothing_yet._notifications)
