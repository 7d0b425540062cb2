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
        self._keys: list[str] = []
        self.add_column("mark", width=2, key="mark")
        self.add_column("name", key="name")
        self.add_column("state", key="state")

    def show(self, state: MeetingState, names: dict[str, str]) -> None:
        rows = list(self._rows(state, names))
        keys = [key for key, _ in rows]
        if keys == self._keys:
            # Same people in the same order: change only the cells that changed.
            for key, cells in rows:
                for column, value in zip(("mark", "name", "state"), cells):
                    if str(self.get_cell(key, column)) != str(value) or \
                            self.get_cell(key, column).style != value.style:
                        self.update_cell(key, column, value, update_width=True)
            return
        self.clear()
        for key, cells in rows:
            self.add_row(*cells, key=key)
        self._keys = keys

    def _rows(self, state: MeetingState, names: dict[str, str]):
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
                yield person, (cell(mark, style), cell(name, "dim"), cell(label, "dim"))
            elif person == nxt:
                yield person, (cell("▶", "bold"), cell(name, "bold reverse"), cell(t("meeting.now"), "bold"))
            else:
                yield person, (cell(" "), cell(name), cell(t("meeting.waiting"), "dim"))
        if state.teller is not None:
            yield "teller:" + state.teller, (cell("◦"), cell(names.get(state.teller, "?"), "italic"),
                                             cell(t("meeting.teller_listens"), "italic"))
