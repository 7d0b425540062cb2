"""The speaking order of a round: who has spoken, passed or been skipped, whose turn it is."""

from __future__ import annotations

from textual.widgets import DataTable

from tettpa_tui.domain.meeting import MeetingState, Outcome
from tettpa_tui.i18n import t
from tettpa_tui.widgets.literal import cell

MARKS = {
    Outcome.SPOKE: ("✓", "success"),
    Outcome.PASSED: ("–", "dim"),
    Outcome.SKIPPED: ("⤼", "warning"),
}


class TurnBoard(DataTable):
    """One row per person in the circle, in speaking order; the teller listens."""

    DEFAULT_CSS = """
    TurnBoard { height: auto; max-height: 14; }
    """

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="none", show_header=False, zebra_stripes=False)

    def on_mount(self) -> None:
        self.add_column("mark", width=2)
        self.add_column("name")
        self.add_column("state")

    def show(self, state: MeetingState, names: dict[str, str]) -> None:
        self.clear()
        done = state.round_turns()
        nxt = state.next_speaker
        for person in state.order:
            name = names.get(person, "?")
            turn = done.get(person)
            if turn is not None:
                mark, style = MARKS[turn.outcome]
                label = t(f"meeting.outcome.{turn.outcome.value}")
                if turn.outcome is Outcome.SKIPPED and turn.reason:
                    reason = t("meeting.round_ended") if turn.reason == "round_ended" else turn.reason
                    label = f"{label}: {reason}"
                elif turn.note:
                    label = f"{label}: {turn.note}"
                self.add_row(cell(mark, style), cell(name, "dim"), cell(label, "dim"))
            elif person == nxt:
                self.add_row(cell("▶", "bold"), cell(name, "bold reverse"), cell(t("meeting.now"), "bold"))
            else:
                self.add_row(cell(" "), cell(name), cell(t("meeting.waiting"), "dim"))
        if state.teller is not None:
            self.add_row(cell("◦"), cell(names.get(state.teller, "?"), "italic"),
                         cell(t("meeting.teller_listens"), "italic"))
