"""CLASS observations: record scores, see results and development, make the plan."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import (
    DataTable,
    Footer,
    Label,
    Markdown,
    Static,
    TextArea,
)
from textual.widgets.selection_list import Selection

from tettpa_tui.oscompat import typed_path
from tettpa_tui.widgets.fields import Input, SelectionList
from tettpa_tui.domain import observation as ob
from tettpa_tui.domain.calendar import parse_date
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.observation import Observation
from tettpa_tui.domain.records import Department
from tettpa_tui.i18n import decimal, long_date, number, t
from tettpa_tui.i18n import language as lang
from tettpa_tui.screens.history import HEAD_CSS, _Page
from tettpa_tui.text import md_escape
from tettpa_tui.widgets.dialogs import ChoiceDialog, TextPrompt
from tettpa_tui.widgets.fit import fill_table
from tettpa_tui.widgets.form_guard import FormGuard
from tettpa_tui.widgets.literal import cell, literal
from tettpa_tui.widgets.writing_area import WritingArea

BAND_STYLE = {"low": "bold red", "middle": "yellow", "high": "bold green"}


def chart_line(value: float, width: int = 28, threshold: float | None = None) -> str:
    """A bar on the 1–7 scale; '|' marks the threshold. Readable without colour."""
    filled = round((value - 1) / 6 * width)
    chars = ["█" if i < filled else "·" for i in range(width)]
    if threshold is not None:
        mark = round((threshold - 1) / 6 * width)
        if 0 <= mark < width:
            chars[mark] = "|"
    return "".join(chars)


def results_markdown(ws, dept: Department, obs: Observation, plan=None) -> str:
    """Written feedback: an observation's results (and the plan) as Markdown."""
    rules = ws.observation_rules
    res = ws.results(obs)
    fw = ws.framework_for(dept)
    out = [f"# {t('obs.feedback_title', date=long_date(obs.date))}", "",
           f"**{t('minutes.department')}:** {md_escape(dept.path)}  ",
           f"**{t('obs.observer')}:** {md_escape(obs.observer)} "
           f"({t('obs.external') if obs.external else t('obs.internal')})  ",
           f"**{t('obs.oral_feedback')}:** "
           f"{long_date(obs.oral_feedback) if obs.oral_feedback else t('obs.oral_feedback_none')}  ",
           f"**{t('obs.instrument')}:** {t(f'obs.instrument_{obs.instrument.value}')}  ",
           f"**{t('obs.cycles_counted')}:** {res.complete}", ""]
    if not res.complete:
        out.append(t("obs.no_complete"))
        return "\n".join(out)
    for dom in ob.domains_of(fw, obs.instrument):
        score = res.domains[dom.id]
        threshold = rules.thresholds.get(dom.id)
        out += [f"## {dom.name(lang())}: {decimal(score, 2)} ({t(f'obs.band_{ob.band(score, rules)}')})", ""]
        if threshold is not None:
            out += [t(f"obs.{ob.threshold_verdict(score, threshold)}", threshold=number(threshold)), ""]
            if dom.id in rules.assumed:
                out += [t("obs.assumed_threshold"), ""]
        out += [f"| {t('obs.col_dimension')} | {t('obs.col_score')} | {t('obs.col_band')} |", "|---|---|---|"]
        for d in dom.dimension_ids:
            s = res.dimensions[d]
            note = " " + t("obs.reversed_note") if d in rules.reversed else ""
            out.append(f"| {fw.dimension(d).name(lang())}{note} | {decimal(s, 2)} | {t(f'obs.band_{ob.band(s, rules)}')} |")
        out.append("")
    if plan is not None:
        out += [f"## {t('obs.plan_title')}", "",
                f"**{t('obs.focus')}:** " + ", ".join(fw.dimension(d).name(lang()) for d in plan.focus), "",
                f"**{t('obs.goals')}:** {md_escape(plan.goals)}", ""]
        if plan.actions:
            out += [f"**{t('obs.actions')}:** {md_escape(plan.actions)}", ""]
        out += [f"**{t('obs.review')}:** {long_date(plan.review)}", ""]
    return "\n".join(out)


EXTERNAL = "external"
CERTIFIED = "certified:"  # the choice's id: a certified person's name after it


class ObservationsScreen(_Page):
    """Observations over time, per domain and dimension; Enter opens one, n records a new one."""

    DEFAULT_CSS = HEAD_CSS.format(name="ObservationsScreen") + """
    ObservationsScreen #list { height: auto; max-height: 12; }
    ObservationsScreen #chart { height: 1fr; padding: 0 1; }
    """
    BINDINGS = _Page.BINDINGS + [
        Binding("n", "new", t("keys.new_observation"), id="new_observation", tooltip=t("tips.new_observation")),
        Binding("p", "plan", t("keys.dev_plan"), id="dev_plan", tooltip=t("tips.dev_plan")),
        Binding("m", "microprojects", t("microproject.key"), id="microprojects", tooltip=t("microproject.tip")),
    ]

    def action_microprojects(self) -> None:
        """The leaders' mikroprosjekter, beside the development plan."""
        from tettpa_tui.screens.microprojects import MicroProjectsScreen

        self.app.push_screen(MicroProjectsScreen(self.department))

    def compose(self) -> ComposeResult:
        yield from self.head(t("obs.title", path=self.department.path))
        yield DataTable(id="list", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="chart"):
            yield Static(id="chart-text", markup=False)
        yield Static(t("obs.hint"), classes="hint", markup=False)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key in ("date", "observer", "domains"):
            table.add_column(Text(t(f"obs.col_{key}")), key=key)
        self.refresh_list()
        self.query_one(DataTable).focus()

    def on_screen_resume(self) -> None:
        self.refresh_list()

    def refresh_list(self) -> None:
        ws = self.app.workspace
        self.observations = list(reversed(self.app.store.observations(self.department)))
        table = self.query_one(DataTable)
        rows = []
        for o in self.observations:
            res = ws.results(o)
            # One domain a line: the column wraps within the window (nothing behind a sideways scroll).
            doms = "\n".join(f"{ws.framework.domain(d).name(lang())}: {decimal(v)}" for d, v in res.domains.items()) \
                if res.complete else t("obs.incomplete")
            rows.append(([cell(o.date.strftime("%d.%m.%Y")), cell(o.observer), cell(doms)], o.id))
        fill_table(table, rows, self.size.width or self.app.size.width, wrap="domains")
        self.query_one("#chart-text", Static).update(self.chart())

    def chart(self) -> str:
        """Development over time: each domain and dimension, one bar per observation."""
        ws = self.app.workspace
        rules = ws.observation_rules
        history = [(o, ws.results(o)) for o in self.app.store.observations(self.department)]
        history = [(o, r) for o, r in history if r.complete]
        if not history:
            return t("obs.no_history")
        instrument = history[-1][0].instrument
        history = [(o, r) for o, r in history if o.instrument is instrument]
        lines = [t("obs.chart_title"), ""]
        for dom in ob.domains_of(ws.framework, instrument):
            threshold = rules.thresholds.get(dom.id)
            lines.append(f"{dom.name(lang())}  (| = {number(threshold)})" if threshold else dom.name(lang()))
            for o, r in history:
                v = r.domains[dom.id]
                lines.append(f"  {o.date.strftime('%m.%Y')}  {chart_line(v, threshold=threshold)} {decimal(v, 2)}")
            for d in dom.dimension_ids:
                name = ws.framework_for(self.department).dimension(d).name(lang()) + (" " + t("obs.reversed_note") if d in rules.reversed else "")
                lines.append(f"    {name}")
                for o, r in history:
                    v = r.dimensions[d]
                    good = " " + t("obs.low_is_good") if d in rules.reversed else ""
                    lines.append(f"      {o.date.strftime('%m.%Y')}  {chart_line(v, 20)} {decimal(v, 2)}"
                                 f"  {t(f'obs.band_{ob.band(v, rules)}')}{good}")
            lines.append("")
        return "\n".join(lines)

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        obs = next(o for o in self.observations if o.id == event.row_key.value)
        self.app.push_screen(ObservationScreen(self.department, obs))

    def action_new(self) -> None:
        def dated(text: str | None) -> None:
            if text is None:
                return
            try:
                day = parse_date(text)
            except DomainError as exc:
                self.notify(self.app.domain_message(exc), severity="warning", markup=False)
                return

            def named(observer: str | None, external: bool = False) -> None:
                if observer is None:
                    return
                out, error = self.app.try_call(lambda: ob.new_observation(
                    day, observer, self.department.instrument, self.app.now(), external))
                if error:
                    self.notify(error, severity="warning", markup=False)
                    return
                self.app.push_screen(ObservationScreen(self.department, out, editing=True))

            def chosen(choice: str | None) -> None:
                if choice == EXTERNAL:  # from outside the kindergarten: any name
                    self.app.push_screen(TextPrompt(t("obs.ask_external")), lambda name: named(name, True))
                elif choice is not None:
                    named(choice[len(CERTIFIED):])

            # The observer is one of those certified for the instrument that day, or comes from outside.
            certified = self.app.workspace.certified_observers(self.department.kindergarten,
                                                               self.department.instrument, day)
            title = t("obs.choose_observer") if certified else t(
                "obs.choose_observer_none", instrument=t(f"instrument.{self.department.instrument.value}"))
            self.app.push_screen(ChoiceDialog(title, [(name, CERTIFIED + name) for name in certified]
                                              + [(t("obs.external_option"), EXTERNAL)]), chosen)

        self.app.push_screen(TextPrompt(t("obs.ask_date"), value=self.app.today.isoformat()), dated)

    def action_plan(self) -> None:
        if not self.observations:
            self.notify(t("obs.plan_needs_observation"), severity="warning", markup=False)
            return
        self.app.push_screen(PlanScreen(self.department, self.observations[0]))


class ObservationScreen(_Page):
    """One observation: the score grid (type 1–7 in a cell) and its results beside it."""

    DEFAULT_CSS = HEAD_CSS.format(name="ObservationScreen") + """
    ObservationScreen #body { height: 1fr; }
    ObservationScreen #grid { width: 2fr; min-width: 56; height: 1fr; }
    ObservationScreen #results { width: 1fr; height: 1fr; padding: 0 1; border-left: solid $primary; }
    ObservationScreen.-narrow #body { layout: vertical; }
    ObservationScreen.-narrow #grid { width: 1fr; height: auto; max-height: 13; }
    ObservationScreen.-narrow #results { width: 1fr; border-left: none; border-top: solid $primary; }
    """
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = _Page.BINDINGS + [
        Binding("e", "export", t("keys.export"), id="export", tooltip=t("tips.export_results")),
        Binding("p", "plan", t("keys.dev_plan"), id="dev_plan", tooltip=t("tips.dev_plan")),
        Binding("m", "oral_feedback", t("keys.oral_feedback"), id="oral_feedback", tooltip=t("tips.oral_feedback")),
    ]

    def __init__(self, department: Department, obs: Observation, editing: bool = False) -> None:
        super().__init__(department)
        self.obs = obs
        self.editing = editing

    def compose(self) -> ComposeResult:
        yield from self.head(t("obs.one_title", date=long_date(self.obs.date), observer=self.obs.observer))
        with Horizontal(id="body"):
            yield DataTable(id="grid", cursor_type="cell", zebra_stripes=True)
            with VerticalScroll(id="results"):
                yield Markdown(id="results-text")
        yield Static(t("obs.grid_hint"), classes="hint", markup=False)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        ws = self.app.workspace
        table = self.query_one(DataTable)
        self.cycles = max(ws.observation_rules.cycles, len(self.obs.cycles))
        names = [ws.framework.for_instrument(self.obs.instrument).dimension(d).name(lang()) for d in ob.dimensions_of(ws.framework, self.obs.instrument)]
        room = (self.app.size.width or 80) - 4 - self.cycles * 11  # the cycles' columns, then the names
        table.add_column(Text(t("obs.col_dimension")), key="dimension", width=max(24, min(room, max(map(len, names)))))
        for i in range(self.cycles):
            table.add_column(Text(t("obs.col_cycle", n=i + 1)), key=f"c{i}", width=9)
        self.dims = ob.dimensions_of(ws.framework, self.obs.instrument)
        for d in self.dims:
            table.add_row(cell(ws.framework_for(self.department).dimension(d).name(lang())), *[cell("") for _ in range(self.cycles)], key=d)
        self._fill()
        table.move_cursor(row=0, column=1)
        table.focus()

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        for i in range(self.cycles):
            cycle = self.obs.cycles[i] if i < len(self.obs.cycles) else {}
            for d in self.dims:
                table.update_cell(d, f"c{i}", cell(str(cycle[d]) if d in cycle else "·", "bold" if d in cycle else "dim"))
        plan = self.app.workspace.current_plan(self.department)
        plan = plan if plan and plan.observation_id == self.obs.id else None
        self.query_one(Markdown).update(results_markdown(self.app.workspace, self.department, self.obs, plan))

    def on_key(self, event) -> None:
        table = self.query_one(DataTable)
        if not table.has_focus:
            return
        row, col = table.cursor_coordinate
        if col == 0:
            return
        if event.character and event.character in "1234567":
            self._score(row, col - 1, int(event.character))
            event.stop()
            # On to the next dimension: scores are entered down a cycle.
            if row + 1 < len(self.dims):
                table.move_cursor(row=row + 1, column=col)
            elif col < self.cycles:
                table.move_cursor(row=0, column=col + 1)
        elif event.key in ("backspace", "delete"):
            self._score(row, col - 1, None)
            event.stop()
        elif event.character and event.character.isdigit():
            self.notify(t("error.score", value=event.character), severity="warning", markup=False)
            event.stop()

    def _score(self, row: int, cycle: int, score: int | None) -> None:
        dim = self.dims[row]

        def change() -> Observation:
            new = ob.set_score(self.obs, self.app.workspace.framework, cycle, dim, score)
            return self.app.store.save_observation(self.department, new)  # saved as entered

        out, error = self.app.try_call(change)
        if error:
            self.notify(error, severity="error", markup=False)
            return
        self.obs = out
        self._fill()

    def action_oral_feedback(self) -> None:
        """Record the day the whole department got the oral feedback (the written one is `e`)."""
        def dated(text: str | None) -> None:
            if text is None:
                return
            try:
                day = parse_date(text)
            except DomainError as exc:
                self.notify(self.app.domain_message(exc), severity="warning", markup=False)
                return
            out, error = self.app.try_call(lambda: self.app.workspace.set_oral_feedback(self.department, self.obs, day))
            if error:
                self.notify(error, severity="warning", markup=False)
                return
            self.obs = out
            self._fill()
            self.notify(t("obs.oral_feedback_saved", date=long_date(day)), markup=False)

        current = self.obs.oral_feedback or self.app.today
        self.app.push_screen(TextPrompt(t("obs.ask_oral_feedback"), value=current.isoformat()), dated)

    def action_export(self) -> None:
        from pathlib import Path

        from tettpa_tui.services.minutes import markdown_to_html
        from tettpa_tui.store.storage import atomic_write_bytes

        def chosen(fmt: str | None) -> None:
            if fmt is None:
                return
            plan = self.app.workspace.current_plan(self.department)
            plan = plan if plan and plan.observation_id == self.obs.id else None
            md = results_markdown(self.app.workspace, self.department, self.obs, plan)
            text = markdown_to_html(md, t("obs.feedback_title", date=long_date(self.obs.date))) if fmt == "html" else md

            def where(path: str | None) -> None:
                if not path:
                    return
                target = typed_path(path)
                _, error = self.app.try_call(lambda: atomic_write_bytes(target, text.encode("utf-8")))
                self.notify(error or t("obs.exported", path=str(target)), markup=False,
                            severity="error" if error else "information", timeout=10)

            default = Path.home() / f"observasjon-{self.obs.date.isoformat()}.{fmt}"
            self.app.push_screen(TextPrompt(t("history.export_where"), value=str(default)), where)

        self.app.push_screen(ChoiceDialog(t("obs.export_title"),  # the feedback, not minutes
                                          [(t("history.export_md"), "md"), (t("history.export_html"), "html")]),
                             chosen)

    def action_plan(self) -> None:
        self.app.push_screen(PlanScreen(self.department, self.obs))

    def on_screen_resume(self) -> None:
        self._fill()


class PlanScreen(FormGuard, _Page):
    """The development plan: 1–3 focus dimensions (suggested), goals, what we do, review date."""

    DEFAULT_CSS = HEAD_CSS.format(name="PlanScreen") + """
    PlanScreen #form { height: 1fr; padding: 0 1; }
    PlanScreen Label { margin-top: 1; text-style: bold; }
    PlanScreen SelectionList { height: auto; max-height: 12; }
    PlanScreen TextArea { height: 5; }
    PlanScreen #error { color: $text; background: $error 30%; height: auto; padding: 0 1; }
    """
    BINDINGS = _Page.BINDINGS + [
        Binding("ctrl+s", "save", t("keys.save"), id="save", tooltip=t("tips.save_plan")),
        Binding("ctrl+f,f6", "place_first", t("keys.place_first"), id="place_first", tooltip=t("tips.place_first")),
    ]

    def __init__(self, department: Department, obs: Observation) -> None:
        super().__init__(department)
        self.obs = obs

    def compose(self) -> ComposeResult:
        ws = self.app.workspace
        current = ws.current_plan(self.department)
        suggested = ob.suggest_focus(self.obs, ws.framework, ws.observation_rules)
        chosen = list(current.focus) if current else suggested
        res = ws.results(self.obs)
        yield from self.head(t("obs.plan_screen_title", date=long_date(self.obs.date)))
        with VerticalScroll(id="form"):
            yield Label(t("obs.focus_label"), markup=False)
            yield Static(t("obs.suggested", names=", ".join(ws.framework_for(self.department).dimension(d).name(lang()) for d in suggested))
                         if suggested else t("obs.none_below"), classes="hint", markup=False)
            yield SelectionList(*[
                Selection(literal(f"{ws.framework_for(self.department).dimension(d).name(lang())}"
                                  + (f"  ({decimal(res.dimensions[d], 2)})" if d in res.dimensions else "")), d, d in chosen)
                for d in ob.dimensions_of(ws.framework, self.obs.instrument)
            ], id="focus")
            yield Label(t("obs.goals"), markup=False)
            yield WritingArea(current.goals if current else "", id="goals")
            yield Label(t("obs.actions"), markup=False)
            yield WritingArea(current.actions if current else "", id="actions")
            yield Label(t("obs.review_label"), markup=False)
            default_review = current.review if current else ob.default_review(self.obs.date)
            yield Input(default_review.isoformat(), id="review", max_length=10)
        yield Static("", id="error", markup=False)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#error").display = False
        self.query_one("#focus").focus()
        self.remember_form()

    def action_back(self) -> None:
        """Esc: out at once if nothing is changed (or all is saved); else ask first."""
        self.leave_form(super().action_back)

    def _plan(self):
        focus = list(self.query_one("#focus", SelectionList).selected)
        review = parse_date(self.query_one("#review", Input).value)
        return ob.new_plan(self.obs.id, focus, self.query_one("#goals", TextArea).text,
                           self.query_one("#actions", TextArea).text, review, self.app.now())

    def action_save(self) -> bool:
        out, error = self.app.try_call(lambda: self.app.store.save_development_plan(self.department, self._plan()))
        error_line = self.query_one("#error", Static)
        if error:
            error_line.update(error)
            error_line.display = True
            return False
        error_line.display = False
        self.remember_form()  # saved: Esc leaves without asking
        self.notify(t("obs.plan_saved"), markup=False)
        return True

    def action_place_first(self) -> None:
        if not self.action_save():
            return
        plan = self.app.workspace.current_plan(self.department)
        changed = self.app.attempt(lambda: self.app.workspace.place_focus_first(self.department, plan,
                                                                                self.app.today))
        if changed:
            months = ", ".join(f"{t(f'month.{m.month.month}')}" for m in changed)
            self.notify(t("obs.placed", months=months), markup=False)


__all__ = ["ObservationsScreen", "ObservationScreen", "PlanScreen", "chart_line", "results_markdown"]
