"""The speaking order of a round: who has spoken, passed or been skipped, whose turn it is."""

from __future__ import annotations

import textwrap

from rich.text import Text
from textual.widgets import DataTable

from tettpa_tui.domain.meeting import MeetingState, Outcome
from tettpa_tui.i18n import t
from tettpa_tui.widgets.fit import SCROLLBAR, fill_table
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

    NARROW = 24  # a note column narrower than this: the note goes under the name, the panel's width

    def on_mount(self) -> None:
        self._shown: list = []
        self._lines: list = []
        self._columns(("mark", "name", "state"))

    def _columns(self, keys: tuple[str, ...]) -> None:
        if tuple(self.columns) != keys:
            self.clear(columns=True)
            for key in keys:
                self.add_column("", key=key)

    def show(self, state: MeetingState, names: dict[str, str]) -> None:
        """Draw the circle; a note too long for the panel wraps onto more lines instead of being cut."""
        lines = [(list(cells), key) for key, cells in self._rows(state, names)]
        shown = [(key, [(c.plain, str(c.style)) for c in cells]) for cells, key in lines]
        if shown == self._shown:
            return  # nothing changed: nothing to draw
        self._shown, self._lines = shown, lines
        self._fill()

    def _fill(self) -> None:
        if not self._lines:
            return
        width = self.size.width or self.parent.size.width
        pad = 2 * self.cell_padding
        names = max(c[1].cell_len for c, _ in self._lines)
        if width - SCROLLBAR - (1 + pad) - (names + pad) - pad >= self.NARROW:
            self._columns(("mark", "name", "state"))
            fill_table(self, self._lines, width, wrap="state", minimum=8,
                       max_lines=2)  # the whole note is in the record
            return
        # Narrow (80×24): name and status on one line if they fit, else the status or note on up
        # to two lines of the panel's whole width under the name; words are never cut.
        self._columns(("mark", "text"))
        room = max(8, width - SCROLLBAR - (1 + pad) - pad)
        self.clear()
        for (mark, name, state), key in self._lines:
            if name.cell_len + 2 + state.cell_len <= room:
                text = Text.assemble(name, "  ", state)
            else:
                lines = textwrap.wrap(state.plain, room) or [""]
                if len(lines) > 2:
                    lines = lines[:2]
                    lines[-1] = lines[-1][:room - 1] + "…"
                text = Text.assemble(name, "\n", Text("\n".join(lines), style=state.style))
            self.add_row(mark, text, key=key, height=None)
        for key, column in self.columns.items():
            column.auto_width = False
            column.width = 1 if key == "mark" else room

    def on_resize(self) -> None:
        self._fill()

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
