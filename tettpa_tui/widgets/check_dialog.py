"""Before a story is handed in: what the checks found, and a way to fix it."""

from __future__ import annotations

from collections import OrderedDict

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from tettpa_tui.domain.storycheck import Finding, initial_of
from tettpa_tui.services.findings import finding_text, pronoun_note, replacements, replacements_for
from tettpa_tui.i18n import t
from tettpa_tui.widgets.dialogs import ButtonRowKeys, MarkedButton
from tettpa_tui.widgets.literal import literal


class QuietScroll(VerticalScroll, can_focus=False):
    """The findings' scroll: no Tab stop of its own (the buttons in it scroll it into view)."""


class CheckResult:
    """What the writer chose: 'fix' (go to a finding), 'submit', or 'replace'."""

    def __init__(self, action: str, finding: Finding | None = None, replacement: str = "") -> None:
        self.action = action
        self.finding = finding
        self.replacement = replacement


class CheckDialog(ButtonRowKeys, ModalScreen[CheckResult]):
    """Each finding in a line, with its one-step fixes; then fix or hand in anyway."""

    DEFAULT_CSS = """
    CheckDialog { align: center middle; }
    CheckDialog > Vertical {
        width: 90; max-width: 100%; height: auto; max-height: 1fr;
        border: thick $warning; background: $surface; padding: 0 1;
    }
    CheckDialog #title { text-style: bold; color: $warning; }
    CheckDialog #intro { color: $text-muted; }
    CheckDialog VerticalScroll { height: auto; max-height: 16; }
    CheckDialog .finding { margin-top: 1; }
    CheckDialog .fixes { height: auto; }
    CheckDialog .pronouns { color: $text-muted; padding-left: 2; }
    CheckDialog .fixes Button { min-width: 10; margin-right: 1; }
    CheckDialog .buttons { height: auto; align-horizontal: right; margin-top: 1; }
    CheckDialog .buttons Button { margin-left: 2; }
    """
    BINDINGS = [
        Binding("escape", "fix", t("writer.check.fix"), id="fix", tooltip=t("writer.check.fix_help")),
        Binding("tab", "app.focus_next", t("writer.check.next"), id="next", tooltip=t("writer.check.next_help")),
        *ButtonRowKeys.BUTTON_ROW_BINDINGS,
        # A modal screen hides the app's keys: its own F1 shows the keys above.
        Binding("f1,question_mark", "app.help", t("keys.help"), id="help", tooltip=t("tips.help")),
    ]

    def __init__(self, findings: list[Finding], can_submit: bool = True, text: str = "") -> None:
        super().__init__()
        self.findings = findings
        self.words = replacements(text or None)  # in the story's own language
        self.story = text
        self.can_submit = can_submit
        # One line per distinct name (all its places are replaced together).
        self.groups: OrderedDict[tuple[str, str], list[Finding]] = OrderedDict()
        for f in findings:
            key = (f.kind, f.text.rstrip("s") if f.kind == "name" and f.text.endswith("s") and
                   any(g.text == f.text[:-1] for g in findings) else f.text)
            self.groups.setdefault(key, []).append(f)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("writer.check.title"), id="title", markup=False)
            yield Static(t("writer.check.intro"), id="intro", markup=False)
            with QuietScroll():
                for i, ((kind, text), group) in enumerate(self.groups.items()):
                    first = group[0]
                    yield Static(literal("• " + finding_text(first, len(group))), classes="finding")
                    if kind == "name":
                        if note := pronoun_note(self.story, text):
                            yield Static(literal(note), classes="pronouns")
                        with Horizontal(classes="fixes"):
                            # «barnet» / «jenta» / «gutten» first, the one the story's pronouns
                            # fit leading: in a small group even an initial can point to one
                            # child, so it comes last.
                            for j, word in enumerate(self._words(text), start=1):
                                yield MarkedButton(literal(word), id=f"rep-{i}-{j}", compact=True)
                            yield MarkedButton(literal(initial_of(text)), id=f"rep-{i}-0", compact=True)
                            yield MarkedButton(literal(t("writer.check.show")), id=f"show-{i}", compact=True)
                    elif first.end > first.start:
                        with Horizontal(classes="fixes"):
                            yield MarkedButton(literal(t("writer.check.show")), id=f"show-{i}", compact=True)
            with Horizontal(classes="buttons"):
                yield MarkedButton(literal(t("writer.check.fix")), variant="primary", id="fix")
                if self.can_submit:
                    yield MarkedButton(literal(t("writer.check.submit_anyway")), variant="warning", id="submit")
        yield Footer()

    def _words(self, name: str) -> tuple[str, ...]:
        return replacements_for(self.story, name) if self.story else self.words

    def on_mount(self) -> None:
        self.query_one("#fix", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        bid = event.button.id or ""
        groups = list(self.groups.items())
        if bid == "fix":
            self.action_fix()
        elif bid == "submit":
            self.dismiss(CheckResult("submit"))
        elif bid.startswith("rep-"):
            _, i, j = bid.split("-")
            (_, text), group = groups[int(i)]
            word = initial_of(text) if j == "0" else self._words(text)[int(j) - 1]
            self.dismiss(CheckResult("replace", group[0], word))
        elif bid.startswith("show-"):
            self.dismiss(CheckResult("fix", groups[int(bid.split("-")[1])][1][0]))

    def action_fix(self) -> None:
        located = next((f for f in self.findings if f.end > f.start), None)
        self.dismiss(CheckResult("fix", located))
