"""First run: create the kindergarten and department, with its staff."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import (
    Button,
    Footer,
    Label,
    ListItem,
    ListView,
    Select,
    Static,
)

from tettpa_tui.widgets.fields import Input, RadioButton, RadioSet
from tettpa_tui.domain.classframework import Instrument
from tettpa_tui.domain.errors import DomainError
from tettpa_tui.domain.records import (
    AgeGroup,
    Department,
    Role,
    clean_name,
    new_department,
    require_leader,
)
from tettpa_tui.i18n import t
from tettpa_tui.widgets.dialogs import role_options
from tettpa_tui.widgets.form_guard import FormGuard
from tettpa_tui.widgets.literal import literal


class WelcomeScreen(FormGuard, Screen):
    """Asks for the three things the app needs: kindergarten, department, staff."""

    CSS_PATH = "welcome.tcss"
    BINDINGS = [
        Binding("ctrl+s", "create", t("welcome.create"), id="create"),
        Binding("escape", "back", t("keys.cancel"), id="back", tooltip=t("tips.back")),
        Binding("f2", "language", t("palette.language"), id="language", tooltip=t("tips.language")),
        Binding("delete", "remove_staff", t("welcome.remove_staff"), id="remove_staff",
                tooltip=t("tips.remove_staff")),
    ]

    class Created(Message):
        def __init__(self, department: Department) -> None:
            super().__init__()
            self.department = department

    def __init__(self, first_run: bool = True, kindergarten: str = "") -> None:
        super().__init__()
        self.first_run = first_run
        self.kindergarten = kindergarten
        self.staff: list[tuple[str, Role]] = []

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form"):
            yield Static(t("welcome.title" if self.first_run else "welcome.title_new"), id="title", markup=False)
            if self.first_run:
                yield Static(t("welcome.intro"), id="intro", markup=False)
            yield Label(t("welcome.kindergarten"), markup=False)
            yield Input(self.kindergarten, placeholder=t("welcome.kindergarten_placeholder"),
                        id="kindergarten", max_length=80)
            yield Label(t("welcome.department"), markup=False)
            yield Input(placeholder=t("welcome.department_placeholder"), id="department", max_length=80)
            yield Label(t("welcome.age_group"), markup=False)
            with RadioSet(id="age_group"):
                for group in AgeGroup:
                    yield RadioButton(literal(t(f"age_group.{group.value}")), value=group is AgeGroup.TODDLER,
                                      name=group.value)
            # Only an age-mixed department chooses its CLASS instrument (Pre-K unless it says otherwise).
            yield Label(t("instrument.label"), id="instrument-label", markup=False)
            with RadioSet(id="instrument"):
                for instrument in (Instrument.PRE_K, Instrument.TODDLER):
                    yield RadioButton(literal(t(f"instrument.option_{instrument.value}")),
                                      value=instrument is Instrument.PRE_K, name=instrument.value)
            yield Label(t("welcome.staff"), markup=False)
            yield Static(t("welcome.staff_hint"), classes="hint", markup=False)
            with Horizontal(id="staff-entry"):
                yield Input(placeholder=t("welcome.staff_name_placeholder"), id="staff-name", max_length=80)
                yield Select(role_options(), value=Role.LEADER, allow_blank=False, id="staff-role")
                yield Button(literal(t("welcome.add_staff")), id="add-staff")
            yield ListView(id="staff-list")
            yield Static(t("welcome.remove_hint"), id="remove-hint", classes="hint", markup=False)
            yield Static(t("welcome.no_staff_yet"), id="no-staff", classes="hint", markup=False)
            yield Button(literal(t("welcome.create")), variant="primary", id="create")
        yield Static("", markup=False, id="error")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#department" if self.kindergarten else "#kindergarten", Input).focus()
        self._show_instrument()
        self.query_one("#error").display = False
        self._refresh_staff()
        self.remember_form()

    def _error(self, message: str, field: str | None = None) -> None:
        """Say what is wrong in the line above the footer, and go to the field."""
        error = self.query_one("#error", Static)
        error.update(message)
        error.display = bool(message)
        if field is not None:
            widget = self.query_one(field)
            widget.focus()
            widget.scroll_visible()

    def _refresh_staff(self) -> None:
        view = self.query_one("#staff-list", ListView)
        view.clear()
        for name, role in self.staff:
            view.append(ListItem(Label(literal(f"{name}  ·  {t(f'role.{role.value}')}"))))
        view.display = bool(self.staff)
        self.query_one("#remove-hint").display = bool(self.staff)
        self.query_one("#no-staff").display = not self.staff

    def action_language(self) -> None:
        """Another language starts the app again: the form is not kept, so ask first."""
        typed = bool(self.staff) or any(i.value.strip() for i in self.query(Input) if i.id != "kindergarten" or not self.kindergarten)
        if not typed:
            self.app.action_language()
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.app.action_language()

        from tettpa_tui.widgets.dialogs import ConfirmDialog

        self.app.push_screen(ConfirmDialog(t("welcome.language_loses_form")), answer)

    @on(Input.Submitted, "#staff-name")
    @on(Button.Pressed, "#add-staff")
    def add_staff(self) -> None:
        name_input = self.query_one("#staff-name", Input)
        try:
            name = clean_name(name_input.value, "staff")
        except DomainError as exc:
            self._error(self.app.domain_message(exc), "#staff-name")
            return
        if any(n.casefold() == name.casefold() for n, _ in self.staff):
            self._error(t("error.staff_exists", name=name), "#staff-name")
            return
        role = self.query_one("#staff-role", Select).value
        self.staff.append((name, role))
        name_input.value = ""
        # After the leader, most staff are assistants or skilled workers.
        self.query_one("#staff-role", Select).value = Role.ASSISTANT
        self._error("")
        self._refresh_staff()
        name_input.focus()

    @on(Input.Submitted, "#kindergarten")
    def _next_field(self) -> None:
        self.query_one("#department", Input).focus()

    @on(Input.Submitted, "#department")
    def _to_age(self) -> None:
        self.query_one("#age_group", RadioSet).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return not self.first_run  # on the very first run there is nowhere to go back to
        if action == "remove_staff":  # in the key bar only on the list of staff it acts on
            return bool(self.staff) and self.query_one("#staff-list", ListView).has_focus
        return True

    def form_changed(self) -> bool:
        return bool(self.staff) or super().form_changed()

    def action_back(self) -> None:
        """Esc (a second department): out at once if nothing is typed; else ask first."""
        self.leave_form(self.dismiss)

    def action_remove_staff(self) -> None:
        view = self.query_one("#staff-list", ListView)
        index = view.index
        if view.has_focus and index is not None and 0 <= index < len(self.staff):
            del self.staff[index]
            self._refresh_staff()
            if self.staff:
                view.index = min(index, len(self.staff) - 1)
                view.focus()

    @on(RadioSet.Changed, "#age_group")
    def _show_instrument(self) -> None:
        mixed = self._age_group() is AgeGroup.MIXED
        self.query_one("#instrument-label").display = mixed
        self.query_one("#instrument").display = mixed

    def _instrument(self) -> Instrument | None:
        if self._age_group() is not AgeGroup.MIXED:
            return None
        pressed = self.query_one("#instrument", RadioSet).pressed_button
        return Instrument(pressed.name) if pressed is not None and pressed.name else Instrument.PRE_K

    def _age_group(self) -> AgeGroup:
        pressed = self.query_one("#age_group", RadioSet).pressed_button
        return AgeGroup(pressed.name) if pressed is not None and pressed.name else AgeGroup.TODDLER

    @on(Button.Pressed, "#create")
    def action_create(self) -> None:
        pending = self.query_one("#staff-name", Input).value.strip()
        if pending:
            self._error(t("welcome.pending_staff", name=pending), "#staff-name")
            return
        for field, what in (("#kindergarten", "kindergarten"), ("#department", "department")):
            try:
                clean_name(self.query_one(field, Input).value, what)
            except DomainError as exc:
                self._error(self.app.domain_message(exc), field)
                return
        try:
            dept = new_department(
                self.query_one("#kindergarten", Input).value,
                self.query_one("#department", Input).value,
                self._age_group(),
                self.staff,
                created=self.app.today,
                instrument=self._instrument(),
            )
        except DomainError as exc:
            self._error(self.app.domain_message(exc))
            return
        try:
            require_leader(dept)
        except DomainError:  # the form's own words: add one in the list above
            self._error(t("welcome.need_leader"), "#staff-name")
            return
        created = self.app.attempt(lambda: self.app.store.create_department(dept))
        if created is not None:
            self.post_message(self.Created(created))
