"""Reading one story, exactly as written; and a story's text as one line for a list.

Its own module: the stories overview, the writer and the history open it, and
the writer is opened from the stories overview (one direction only).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from tettpa_tui.domain.records import Department
from tettpa_tui.domain.stories import Story, StoryStatus
from tettpa_tui.i18n import long_date, t
from tettpa_tui.widgets.literal import literal, printable
from tettpa_tui.widgets.story_editor import StoryEditor


def visible(text: str) -> str:
    """One line for a list: control characters shown as symbols, whitespace folded."""
    return " ".join(printable(text).split())


class StoryReadScreen(Screen):
    """One story, read-only, exactly as written."""

    DEFAULT_CSS = """
    StoryReadScreen #head { height: auto; background: $primary; color: $text; padding: 0 1; }
    StoryReadScreen #head .title { text-style: bold; }
    """
    BINDINGS = [Binding("escape,q", "back", t("keys.back"), id="back")]

    def __init__(self, department: Department, story: Story) -> None:
        super().__init__()
        self.department = department
        self.story = story

    def compose(self) -> ComposeResult:
        ws = self.app.workspace
        s = self.story
        author = next((m.name for m in self.department.staff if m.id == s.author_id), "?")
        entered = next((m.name for m in self.department.staff if m.id == s.entered_by), None)
        with Vertical(id="head"):
            yield Static(literal(t("reader.title", author=author)), classes="title")
            line = t("reader.line", month=f"{t(f'month.{s.month.month}')} {s.month.year}",
                     dimension=ws.story_dimension_name(self.department, s),
                     status=t(f"story_status.{s.status.value}"), words=s.words)
            if entered:
                line += "  " + t("reader.entered_by", leader=entered)
            if s.revised_at and s.status is not StoryStatus.DRAFT:
                line += "  " + t("overview.revised_mark", when=s.revised_at.strftime("%d.%m %H:%M"))
            yield Static(literal(line))
        shown = t("retention.text_erased", date=long_date(s.erased_on)) if s.erased_on else s.text
        yield StoryEditor(shown, read_only=True, id="text")
        yield Footer(show_command_palette=False)

    def action_back(self) -> None:
        self.dismiss()
